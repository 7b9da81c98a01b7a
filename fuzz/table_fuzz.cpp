// Fuzz target: CSV/TSV text -> TableReader over a std::istringstream. The first byte picks the
// delimiter (detected or given), how far peek_record looks ahead and the chunk size; the rest is
// the table. Records are read one by one, then in chunks, and each chunk is split again with
// split_record: the two views of the table must agree (no record left open inside a chunk,
// every split moves forward, peek_record(0) equals the next_record that follows it).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "io/table_fields.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/table.hpp"

namespace sb = securebase;

namespace {

void read_table(std::uint8_t options, std::string_view text) {
  constexpr char delimiters[] = {0, ',', ';', '\t'};
  constexpr std::size_t targets[] = {1, 7, 64, std::size_t{1} << 20};
  const char delimiter = delimiters[options & 3u];
  const std::size_t peek = (options >> 2) & 3u;
  const std::size_t target = targets[(options >> 4) & 3u];
  const bool records_first = (options & 0x40u) == 0;

  std::istringstream in{std::string(text)};
  sb::TableReader reader(in, "fuzz.csv", delimiter);
  std::vector<std::string> fields;
  std::vector<std::string> peeked;
  if (records_first) {
    for (std::size_t k = peek + 1; k-- > 0;) (void)reader.peek_record(k, peeked);
    const bool had = reader.peek_record(0, peeked);
    const bool got = reader.next_record(fields);
    if (had != got || (got && peeked != fields)) sb::fuzz::broken("peek_record(0) != next_record");
    (void)reader.next_record(fields);
  }
  const char d = reader.delimiter();
  if (d == '\n' || d == '\r' || d == '"') sb::fuzz::broken("a line end or quote as delimiter");
  sb::TableChunk chunk;
  std::vector<std::string_view> views;
  std::string scratch;
  std::uint64_t line = reader.line();
  while (reader.next_chunk(chunk, target)) {
    if (chunk.text.empty() || chunk.text.back() != '\n') sb::fuzz::broken("chunk without '\\n'");
    if (chunk.first_line != line) sb::fuzz::broken("chunk first_line skips lines");
    scratch.reserve(chunk.text.size());
    std::size_t pos = chunk.begin;
    while (pos < chunk.text.size()) {
      const sb::SplitRecord r = sb::split_record(chunk.text, pos, d, views, scratch);
      if (r.next <= pos || r.next > chunk.text.size()) sb::fuzz::broken("split does not advance");
      if (r.unterminated) sb::fuzz::broken("a chunk ends inside a quoted field");
      std::size_t bytes = 0;
      for (const auto v : views) {
        for (const char c : v) bytes += static_cast<unsigned char>(c);  // touch every byte
      }
      (void)bytes;
      pos = r.next;
    }
    line = reader.line();
  }
  if (reader.next_record(fields)) sb::fuzz::broken("a record after the last chunk");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  try {
    read_table(data[0], sb::fuzz::as_text(data + 1, size - 1));
  } catch (const sb::Error&) {
  }
  return 0;
}
