// securebase io: SPSS and Stata dates as ISO 8601 text.
#include "io/stat_dates.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace securebase::detail {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.substr(0, prefix.size()) == prefix;
}

// Days from 1970-01-01 to the proleptic Gregorian date y-m-d (eras of 400 years, March-based
// years so that the leap day is last).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The date `z` days after 1970-01-01: the inverse of days_from_civil.
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

}  // namespace

DateKind date_kind(std::string_view f) noexcept {
  if (starts_with(f, "%td") || starts_with(f, "%d")) return DateKind::stata_date;
  if (starts_with(f, "%tc") || starts_with(f, "%tC")) return DateKind::stata_datetime;
  if (starts_with(f, "DATETIME") || starts_with(f, "YMDHMS")) return DateKind::spss_datetime;
  for (const char* p : {"DATE", "ADATE", "EDATE", "JDATE", "SDATE"}) {
    if (starts_with(f, p)) return DateKind::spss_date;
  }
  return DateKind::none;
}

bool put_date(std::string& out, double value, DateKind kind) {
  if (kind == DateKind::none || !std::isfinite(value)) return false;
  // Everything as milliseconds since 1970-01-01 00:00.
  static const double spss_origin = static_cast<double>(days_from_civil(1582, 10, 14)) * 86400e3;
  static const double stata_origin = static_cast<double>(days_from_civil(1960, 1, 1)) * 86400e3;
  double ms = 0;
  switch (kind) {
    case DateKind::spss_date:
    case DateKind::spss_datetime:
      ms = spss_origin + value * 1000;
      break;
    case DateKind::stata_date:
      ms = stata_origin + value * 86400e3;
      break;
    case DateKind::stata_datetime:
      ms = stata_origin + value;
      break;
    case DateKind::none:
      return false;
  }
  ms = std::round(ms);
  if (std::fabs(ms) > 300000.0 * 365 * 86400e3) return false;
  const auto total = static_cast<std::int64_t>(ms);
  std::int64_t days = total / 86400000;
  std::int64_t rest = total % 86400000;
  if (rest < 0) {
    rest += 86400000;
    --days;
  }
  std::int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  civil_from_days(days, y, m, d);
  if (y < 1 || y > 9999) return false;
  char buffer[40];
  const bool with_time = kind == DateKind::spss_datetime || kind == DateKind::stata_datetime;
  if (!with_time) {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  } else {
    const auto s = static_cast<unsigned>(rest / 1000);
    const auto milli = static_cast<unsigned>(rest % 1000);
    const int n = std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02u:%02u:%02u",
                                static_cast<long long>(y), m, d, s / 3600, s / 60 % 60, s % 60);
    if (milli != 0 && n > 0) {
      std::snprintf(buffer + n, sizeof buffer - static_cast<std::size_t>(n), ".%03u", milli);
    }
  }
  out.assign(buffer);
  return true;
}

}  // namespace securebase::detail
