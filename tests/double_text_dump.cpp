// Prints, for every double of tests/support/double_samples.hpp, its bits, the library's
// shortest text of it and the bits that text reads back as, one line each. Built natively
// (where the library uses std::to_chars/from_chars) and as WebAssembly (where it uses its own
// code, lib/core/double_text.cpp): the test js.double_text requires the two outputs to be
// identical, byte for byte. An argument N prints every N-th sample only: CI passes 4 (about
// 120,000 values; WebAssembly's printf is slow), tests/double_text_test.cpp checks all of them
// against the standard library natively, and `double_text_dump` with no argument prints all.
#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/double_text.hpp"
#include "support/double_samples.hpp"

int main(int argc, char** argv) {
  using securebase::detail::parse_double;
  using securebase::detail::shortest_double_room;
  using securebase::detail::write_shortest;
  const long stride = argc > 1 ? std::max(1L, std::strtol(argv[1], nullptr, 10)) : 1L;
  long index = 0;
  for (const double v : securebase::test::double_samples()) {
    if (index++ % stride != 0) continue;
    char text[shortest_double_room + 1];
    char* end = write_shortest(text, v);
    *end = '\0';
    double back = 0;
    const auto r = parse_double(text, end, back);
    std::uint64_t bits = 0;
    std::uint64_t back_bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    std::memcpy(&back_bits, &back, sizeof back_bits);
    std::printf("%016" PRIx64 " %s %016" PRIx64 " %d\n", bits, text, back_bits,
                r.ptr == end ? static_cast<int>(r.ec) : -1);
  }
  return 0;
}
