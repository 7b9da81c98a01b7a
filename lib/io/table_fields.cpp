// securebase: CSV/TSV fields: the quote-free record splitter and field quoting
// (io/table_fields.hpp); split_record lives in table.cpp beside the scanner whose rules it shares.
#include "io/table_fields.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace securebase {

// Splits a record of a chunk known to hold no quote: fields end at the delimiter, the record
// at '\n' (the chunk ends with one), and a CR before it is dropped. Sixteen bytes at a time
// where SSE2 is available (every x86-64), a byte at a time for the rest. A kernel, kept whole
// (63 lines): the SIMD loop and its scalar tail share the field-pushing state.
SplitRecord split_plain(std::string_view text, std::size_t pos, char delimiter,
                        std::vector<std::string_view>& fields, std::size_t& n_fields,
                        std::size_t max_fields) {
  // Fields are written through a pointer into a vector kept at least as long as any row; past
  // max_fields they are only counted, so that a row of delimiters cannot take memory.
  if (fields.size() < 64) fields.resize(64);
  std::string_view* out = fields.data();
  std::size_t cap = fields.size();
  std::size_t n = 0;
  SplitRecord r;
  const auto push = [&](const char* begin, std::size_t length) {
    if (n == cap) {
      if (n >= max_fields) {
        ++r.extra_fields;
        return;
      }
      fields.resize(std::min(2 * cap, std::max(max_fields, cap + 1)));
      cap = fields.size();
      out = fields.data();
    }
    out[n++] = std::string_view(begin, length);
  };
  const char* base = text.data();
  std::size_t start = pos;
  std::size_t k = pos;
#if defined(__SSE2__)
  const __m128i want_delim = _mm_set1_epi8(delimiter);
  const __m128i want_nl = _mm_set1_epi8('\n');
  while (k + 16 <= text.size()) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + k));
    auto delims = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, want_delim)));
    const auto nls = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, want_nl)));
    if (nls != 0) delims &= (nls & (0U - nls)) - 1;  // only the delimiters before the line end
    while (delims != 0) {
      const std::size_t at = k + static_cast<std::size_t>(__builtin_ctz(delims));
      push(base + start, at - start);
      start = at + 1;
      delims &= delims - 1;
    }
    if (nls != 0) {
      k += static_cast<std::size_t>(__builtin_ctz(nls));
      break;
    }
    k += 16;
  }
#endif
  for (; base[k] != '\n'; ++k) {
    if (base[k] == delimiter) {
      push(base + start, k - start);
      start = k + 1;
    }
  }
  std::size_t end = k;
  if (end > start && base[end - 1] == '\r') --end;
  r.next = k + 1;
  r.newlines = 1;
  if (end == pos) {
    r.blank = true;
    n_fields = 0;
    return r;
  }
  push(base + start, end - start);
  n_fields = n;
  return r;
}

bool needs_quotes(std::string_view field, char delimiter) noexcept {
  if (!field.empty() && (field.front() == ' ' || field.back() == ' ')) return true;
  for (const char c : field) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

// The ' of the formula guard fits in the room of 2 * size + 3: the quotes take 2, the field at
// most 2 * size with every character a quote, the guard 1.
char* write_field(char* w, std::string_view field, char delimiter, bool formula_guard) noexcept {
  if (!needs_quotes(field, delimiter)) {
    if (formula_guard) *w++ = '\'';
    if (!field.empty()) std::memcpy(w, field.data(), field.size());
    return w + field.size();
  }
  *w++ = '"';
  if (formula_guard) *w++ = '\'';
  for (const char c : field) {
    if (c == '"') *w++ = '"';
    *w++ = c;
  }
  *w++ = '"';
  return w;
}

void append_field(std::string& out, std::string_view field, char delimiter) {
  const std::size_t old = out.size();
  out.resize(old + 2 * field.size() + 3);
  char* const end = write_field(out.data() + old, field, delimiter);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

}  // namespace securebase
