// securebase batch: small text helpers of the row reader and the writers (internal). Inline:
// most run once per field of every row.
#pragma once

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/double_text.hpp"

namespace securebase::batch_detail {

inline char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool equal_ci(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Spaces, tabs, CRs and no-break spaces (U+00A0, as spreadsheets write after a number) are
// trimmed from both ends.
inline std::string_view trim(std::string_view s) noexcept {
  constexpr std::string_view nbsp = "\xC2\xA0";
  // Most cells: neither end is a space, tab, CR (all below '!') or a no-break space's byte.
  if (!s.empty() && static_cast<unsigned char>(s.front()) > ' ' && s.front() != nbsp[0] &&
      static_cast<unsigned char>(s.back()) > ' ' && s.back() != nbsp[1]) {
    return s;
  }
  while (!s.empty()) {
    if (s.front() == ' ' || s.front() == '\t' || s.front() == '\r') {
      s.remove_prefix(1);
    } else if (s.substr(0, 2) == nbsp) {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r') {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == nbsp) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

inline std::optional<double> parse_number(std::string_view s) noexcept {
  if (s.empty()) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = detail::parse_double(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// True for the first characters a spreadsheet may read as the start of a formula.
constexpr bool formula_start(char c) noexcept {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// True when `f` would be read as a formula by a spreadsheet: it begins with =, +, -, @, tab or
// CR and is not a number ("-5", "+3.25" and "-1e3" are left alone).
inline bool formula_like(std::string_view f) noexcept {
  if (f.empty() || !formula_start(f.front())) return false;
  std::string_view number = f;
  if (number.front() == '+') {  // from_chars reads no '+': "+3" is 3, "+-3" is not a number
    number.remove_prefix(1);
    if (number.empty() || number.front() == '+' || number.front() == '-') return true;
  }
  return !parse_number(number);
}

inline void append_number(std::string& out, double v) {
  char buf[detail::shortest_double_room];
  out.append(buf, detail::write_shortest(buf, v));
}

inline void append_count(std::string& out, std::uint64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// Remembers the shortest text of recent numbers: scale scores take few distinct values (a mean
// of k whole answers), and the shortest form is the costliest step of a row. Keyed
// by the exact bits, so the text is always that of the number itself.
class NumberCache {
 public:
  // Writes the shortest round-trip text of v at `dst` (room for 32 chars); returns its end.
  char* write(char* dst, double v) noexcept {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    const std::size_t slot = static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15ULL) >> 54);
    Entry& e = entries_[slot];
    if (!e.used || e.bits != bits) {
      e.length = static_cast<unsigned char>(detail::write_shortest(e.text, v) - e.text);
      e.bits = bits;
      e.used = true;
    }
    std::memcpy(dst, e.text, sizeof e.text);
    return dst + e.length;
  }

 private:
  struct Entry {
    std::uint64_t bits = 0;
    char text[detail::shortest_double_room] = {};
    unsigned char length = 0;
    bool used = false;
  };
  std::array<Entry, 1024> entries_{};
};

// Writes a count at `dst` (room for 20 chars); returns its end.
inline char* write_count(char* dst, std::uint64_t v) noexcept {
  if (v < 10) {
    *dst = static_cast<char>('0' + v);
    return dst + 1;
  }
  return std::to_chars(dst, dst + 20, v).ptr;
}

inline std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

inline std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('\'');
  out.append(s);
  out.push_back('\'');
  return out;
}

}  // namespace securebase::batch_detail
