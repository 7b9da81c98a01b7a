// securebase: the field-level pieces of CSV/TSV text shared by the table reader and the batch
// writers: splitting a record, quoting a field. Internal (not installed); the public table API
// is securebase/io/table.hpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace securebase {

/// One record split into fields. Views point into the record text or into `scratch`.
struct SplitRecord {
  std::size_t next = 0;          ///< offset just past the record's line end
  std::size_t newlines = 0;      ///< line ends inside and at the end of the record
  std::size_t bad_quote = 0;     ///< 1-based field number with text after its closing quote, or 0
  bool blank = false;            ///< an empty line (no fields at all)
  bool unterminated = false;     ///< a quoted field runs to the end of the text
  std::size_t extra_fields = 0;  ///< fields past `max_fields`, counted but not kept
};

/// Splits the record starting at `pos` in `text` (RFC 4180: a field that starts with '"' is
/// quoted; "" inside it is one quote; CRLF or LF ends a record outside quotes). Unescaped fields
/// are copied into `scratch`, which must have capacity for the whole record (no reallocation).
/// At most `max_fields` fields are kept; the rest are only counted (SplitRecord::extra_fields).
SplitRecord split_record(std::string_view text, std::size_t pos, char delimiter,
                         std::vector<std::string_view>& fields, std::string& scratch,
                         std::size_t max_fields = static_cast<std::size_t>(-1));

/// split_record for a chunk known to hold no quote (TableChunk::quotes false), faster: fields
/// are written into `fields` (grown to at least 64 and kept between calls), their number into
/// `n_fields`; past `max_fields` they are only counted.
SplitRecord split_plain(std::string_view text, std::size_t pos, char delimiter,
                        std::vector<std::string_view>& fields, std::size_t& n_fields,
                        std::size_t max_fields);

/// The offset of the first byte at or after `i` and before `to` that is `a` or `b`, or `to`:
/// sixteen bytes at a time with SSE2 (a field's end: the delimiter or a line end).
inline std::size_t find_either(const char* text, std::size_t i, std::size_t to, char a,
                               char b) noexcept {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a);
  const __m128i vb = _mm_set1_epi8(b);
  for (; i + 16 <= to; i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    const int hits =
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, va), _mm_cmpeq_epi8(block, vb)));
    if (hits != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hits)));
  }
#endif
  for (; i < to; ++i) {
    if (text[i] == a || text[i] == b) return i;
  }
  return to;
}

/// The number of '\n' in [begin, end): sixteen bytes at a time with SSE2, each lane counting in
/// a byte for up to 255 blocks, then summed (std::count is a byte at a time at -O2; counting a
/// chunk's lines took a sixth of a run over a Qualtrics export).
inline std::size_t count_newlines(const char* begin, const char* end) noexcept {
  std::size_t count = 0;
  const char* p = begin;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  __m128i total = _mm_setzero_si128();  // two 64-bit sums
  while (end - p >= 16) {
    __m128i lanes = _mm_setzero_si128();
    const std::ptrdiff_t blocks = std::min<std::ptrdiff_t>((end - p) / 16, 255);
    for (std::ptrdiff_t b = 0; b < blocks; ++b, p += 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(block, newline));  // a match is -1
    }
    total = _mm_add_epi64(total, _mm_sad_epu8(lanes, _mm_setzero_si128()));
  }
  alignas(16) std::uint64_t sums[2];
  _mm_store_si128(reinterpret_cast<__m128i*>(sums), total);
  count = static_cast<std::size_t>(sums[0] + sums[1]);
#endif
  for (; p < end; ++p) count += *p == '\n' ? 1 : 0;
  return count;
}

/// True when `field` must be quoted in output: it holds the delimiter, a quote, CR or LF, or
/// begins or ends with a space.
bool needs_quotes(std::string_view field, char delimiter) noexcept;

/// Writes `field` at `w` (room for 2 * size + 3 chars), quoted (with "" escapes) when
/// needs_quotes says so; with `formula_guard`, a ' is written first (inside the quotes), so that
/// a spreadsheet reads the text as text. Returns the end.
char* write_field(char* w, std::string_view field, char delimiter,
                  bool formula_guard = false) noexcept;

/// Appends `field` to `out` as write_field writes it (no formula guard).
void append_field(std::string& out, std::string_view field, char delimiter);

}  // namespace securebase
