// Prints, for every double of tests/support/double_samples.hpp, its bits, the library's
// shortest text of it and the bits that text reads back as, one line each. Built natively
// (where the library uses std::to_chars/from_chars) and as WebAssembly (where it uses its own
// code, lib/core/double_text.cpp): the test js.double_text requires the two outputs to be
// identical, byte for byte.
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/double_text.hpp"
#include "support/double_samples.hpp"

int main() {
  using securebase::detail::parse_double;
  using securebase::detail::shortest_double_room;
  using securebase::detail::write_shortest;
  for (const double v : securebase::test::double_samples()) {
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
