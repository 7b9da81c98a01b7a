// securebase: doubles as text and back (core/double_text.hpp).
//
// The portable versions lean on the C library's correctly rounded conversions: printf's "%.*e"
// gives the nearest decimal of a given number of significant digits, strtod the nearest double
// of a decimal. Text is handed to strtod without a decimal point ("15e-1", never "1.5"), and
// printf's decimal point is replaced by '.', so no locale can change a byte.
#include "core/double_text.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <system_error>

// libstdc++ defines __cpp_lib_to_chars once to_chars and from_chars for double exist.
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
#define SECUREBASE_STD_DOUBLE_CHARCONV 1
#else
#define SECUREBASE_STD_DOUBLE_CHARCONV 0
#endif

namespace securebase::detail {

namespace {

// A positive finite double as significant digits and a decimal exponent:
// digits[0].digits[1..count) x 10^exponent.
struct Decimal {
  char digits[20] = {};
  int count = 0;
  int exponent = 0;
};

// Writes a non-negative integer; returns the end.
char* put_int(char* dst, int n) noexcept {
  char tmp[12];
  int len = 0;
  do {
    tmp[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0);
  while (len > 0) *dst++ = tmp[--len];
  return dst;
}

// The double nearest to digits x 10^exponent (digits: '0'-'9' only, at least one).
double nearest_double(const char* digits, std::size_t count, long long exponent) noexcept {
  char buf[840];
  std::memcpy(buf, digits, count);
  char* p = buf + count;
  *p++ = 'e';
  if (exponent < 0) *p++ = '-';
  p = put_int(p, static_cast<int>(exponent < 0 ? -exponent : exponent));
  *p = '\0';
  return std::strtod(buf, nullptr);
}

bool reads_back(const Decimal& d, double v) noexcept {
  return nearest_double(d.digits, static_cast<std::size_t>(d.count), d.exponent - d.count + 1) == v;
}

// `a` rounded to `precision` significant digits, from printf's "d.ddde+XX" (the decimal point
// may be any locale's: only digits, the 'e' and the exponent are read).
Decimal rounded(double a, int precision) noexcept {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", precision - 1, a);
  Decimal d;
  const char* p = buf;
  for (; *p != 'e'; ++p) {
    if (*p >= '0' && *p <= '9') d.digits[d.count++] = *p;
  }
  d.exponent = std::atoi(p + 1);
  return d;
}

Decimal trimmed(Decimal d) noexcept {
  while (d.count > 1 && d.digits[d.count - 1] == '0') --d.count;
  return d;
}

// The next decimal up with the same number of digits (9.99 -> 10.0 moves the exponent).
Decimal next_up(Decimal d) noexcept {
  int i = d.count - 1;
  while (i >= 0 && d.digits[i] == '9') d.digits[i--] = '0';
  if (i >= 0) {
    ++d.digits[i];
  } else {
    d.digits[0] = '1';
    ++d.exponent;
  }
  return d;
}

// The shortest decimal that reads back as `a` (positive, finite) and, of those, the nearest.
// 15 significant digits always survive a trip through a double (DBL_DIG), so when the nearest
// 15-digit decimal reads back, it is the shortest once its trailing zeros go. Otherwise 16 or
// 17 digits are needed; 17 always read back. Subnormals hold fewer digits: they count up. At a
// power of two the gap below is half the gap above, so the nearest 16-digit decimal may miss while
// the one above it reads back.
Decimal shortest_decimal(double a) noexcept {
  if (a < std::numeric_limits<double>::min()) {  // subnormal: fewer digits, evenly spaced
    for (int precision = 1;; ++precision) {
      const Decimal d = rounded(a, precision);
      if (precision == 17 || reads_back(d, a)) return trimmed(d);
    }
  }
  Decimal d = rounded(a, 15);
  if (reads_back(d, a)) return trimmed(d);
  d = rounded(a, 16);
  if (reads_back(d, a)) return trimmed(d);
  int exp2 = 0;
  if (std::frexp(a, &exp2) == 0.5) {
    const Decimal up = next_up(d);
    if (reads_back(up, a)) return trimmed(up);
  }
  return trimmed(rounded(a, 17));
}

char* put_chars(char* dst, const char* s) noexcept {
  while (*s != '\0') *dst++ = *s++;
  return dst;
}

char* put_scientific(char* dst, const Decimal& d) noexcept {
  *dst++ = d.digits[0];
  if (d.count > 1) {
    *dst++ = '.';
    for (int i = 1; i < d.count; ++i) *dst++ = d.digits[i];
  }
  *dst++ = 'e';
  *dst++ = d.exponent < 0 ? '-' : '+';
  const int e = d.exponent < 0 ? -d.exponent : d.exponent;
  if (e < 10) *dst++ = '0';
  return put_int(dst, e);
}

// A whole number in fixed notation: its exact value, as std::to_chars writes it (of texts of
// equal length that read back, the standard asks for the nearest: 2^60 is 1152921504606846976,
// not 1152921504606847000).
char* put_whole(char* dst, double a, const Decimal& d) noexcept {
  if (a < 9007199254740992.0) {  // 2^53: every whole number below is exactly its digits
    for (int i = 0; i <= d.exponent; ++i) *dst++ = i < d.count ? d.digits[i] : '0';
    return dst;
  }
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.0f", a);
  return put_chars(dst, buf);
}

char* put_fixed(char* dst, double a, const Decimal& d) noexcept {
  if (d.exponent >= d.count - 1) return put_whole(dst, a, d);
  if (d.exponent >= 0) {
    for (int i = 0; i < d.count; ++i) {
      *dst++ = d.digits[i];
      if (i == d.exponent) *dst++ = '.';
    }
    return dst;
  }
  *dst++ = '0';
  *dst++ = '.';
  for (int i = -1; i > d.exponent; --i) *dst++ = '0';
  for (int i = 0; i < d.count; ++i) *dst++ = d.digits[i];
  return dst;
}

bool is_nan_char(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool match_ci(const char*& p, const char* last, const char* word) noexcept {
  const char* q = p;
  for (; *word != '\0'; ++word, ++q) {
    if (q == last || (*q | 0x20) != *word) return false;
  }
  p = q;
  return true;
}

// "inf", "infinity" or "nan" with an optional "(chars)", any case, after the sign.
bool parse_special(const char*& p, const char* last, bool negative, double& v) noexcept {
  if (match_ci(p, last, "inf")) {
    match_ci(p, last, "inity");
    v = negative ? -std::numeric_limits<double>::infinity()
                 : std::numeric_limits<double>::infinity();
    return true;
  }
  if (!match_ci(p, last, "nan")) return false;
  if (p != last && *p == '(') {
    const char* q = p + 1;
    while (q != last && is_nan_char(*q)) ++q;
    if (q != last && *q == ')') p = q + 1;
  }
  v = negative ? -std::numeric_limits<double>::quiet_NaN()
               : std::numeric_limits<double>::quiet_NaN();
  return true;
}

// The significant digits of a number's text, at most `kept` of them: beyond that a '1' stands
// for any later non-zero digit, which is all correct rounding needs (a double's exact value has
// at most 767 significant digits).
struct Digits {
  static constexpr int kept = 800;
  char text[kept + 1] = {};
  int count = 0;
  long long exponent = 0;  // of the last kept digit
  bool sticky = false;

  void add(char c, bool after_point) noexcept {
    if (count == 0 && c == '0') {
      if (after_point) --exponent;
      return;
    }
    if (count < kept) {
      text[count++] = c;
      if (after_point) --exponent;
    } else {
      if (!after_point) ++exponent;
      if (c != '0') sticky = true;
    }
  }
};

// Reads "[digits][.digits][e[+-]digits]" at p; false when there is no digit.
bool parse_digits(const char*& p, const char* last, Digits& d) noexcept {
  bool any = false;
  for (; p != last && *p >= '0' && *p <= '9'; ++p, any = true) d.add(*p, false);
  if (p != last && *p == '.') {
    const char* q = p + 1;
    for (; q != last && *q >= '0' && *q <= '9'; ++q, any = true) d.add(*q, true);
    if (any) p = q;
  }
  if (!any) return false;
  if (p != last && (*p == 'e' || *p == 'E')) {
    const char* q = p + 1;
    bool negative = false;
    if (q != last && (*q == '+' || *q == '-')) negative = *q++ == '-';
    if (q != last && *q >= '0' && *q <= '9') {
      long long e = 0;
      for (; q != last && *q >= '0' && *q <= '9'; ++q) e = e < 100000000 ? e * 10 + (*q - '0') : e;
      d.exponent += negative ? -e : e;
      p = q;
    }
  }
  return true;
}

}  // namespace

char* write_shortest_portable(char* dst, double v) noexcept {
  if (std::signbit(v)) *dst++ = '-';
  if (std::isnan(v)) return put_chars(dst, "nan");
  if (std::isinf(v)) return put_chars(dst, "inf");
  if (v == 0) return put_chars(dst, "0");
  const double a = std::fabs(v);
  const Decimal d = shortest_decimal(a);
  const int exp_digits = d.exponent <= -100 || d.exponent >= 100 ? 3 : 2;
  const int scientific = d.count + (d.count > 1 ? 1 : 0) + 2 + exp_digits;
  const int fixed = d.exponent >= d.count - 1 ? d.exponent + 1
                    : d.exponent >= 0         ? d.count + 1
                                              : d.count + 1 - d.exponent;
  return fixed <= scientific ? put_fixed(dst, a, d) : put_scientific(dst, d);
}

std::from_chars_result parse_double_portable(const char* first, const char* last,
                                             double& v) noexcept {
  const char* p = first;
  const bool negative = p != last && *p == '-';
  if (negative) ++p;
  if (parse_special(p, last, negative, v)) return {p, std::errc()};
  Digits d;
  if (!parse_digits(p, last, d)) return {first, std::errc::invalid_argument};
  if (d.count == 0) {
    v = negative ? -0.0 : 0.0;
    return {p, std::errc()};
  }
  if (d.sticky) {
    d.text[d.count++] = '1';
    --d.exponent;
  }
  const long long magnitude = d.exponent + d.count;  // the value is below 10^magnitude
  if (magnitude > 310) return {p, std::errc::result_out_of_range};
  if (magnitude < -330) return {p, std::errc::result_out_of_range};
  const double a = nearest_double(d.text, static_cast<std::size_t>(d.count), d.exponent);
  if (a == 0 || std::isinf(a)) return {p, std::errc::result_out_of_range};
  v = negative ? -a : a;
  return {p, std::errc()};
}

char* write_fixed_portable(char* dst, double v, int decimals) noexcept {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  bool point = false;
  for (const char* p = buf; *p != '\0'; ++p) {
    if ((*p >= '0' && *p <= '9') || *p == '-') {
      *dst++ = *p;
    } else if (!point) {  // the locale's decimal point, whatever its bytes
      *dst++ = '.';
      point = true;
    }
  }
  return dst;
}

#if SECUREBASE_STD_DOUBLE_CHARCONV

char* write_shortest(char* dst, double v) noexcept {
  return std::to_chars(dst, dst + shortest_double_room, v).ptr;
}

std::from_chars_result parse_double(const char* first, const char* last, double& v) noexcept {
  return std::from_chars(first, last, v);
}

char* write_fixed(char* dst, double v, int decimals) noexcept {
  return std::to_chars(dst, dst + 352, v, std::chars_format::fixed, decimals).ptr;
}

#else

char* write_shortest(char* dst, double v) noexcept { return write_shortest_portable(dst, v); }

std::from_chars_result parse_double(const char* first, const char* last, double& v) noexcept {
  return parse_double_portable(first, last, v);
}

char* write_fixed(char* dst, double v, int decimals) noexcept {
  return write_fixed_portable(dst, v, decimals);
}

#endif

}  // namespace securebase::detail
