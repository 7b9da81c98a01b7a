// securebase io: SPSS and Stata dates and date-times (numbers counted from the formats' own
// origins) written as ISO 8601 text (internal).
#pragma once

#include <string>
#include <string_view>

namespace securebase::detail {

/// What a variable's display format says its numbers are.
enum class DateKind {
  none,            ///< not a date: the number as it is
  spss_date,       ///< seconds since 1582-10-14, shown as a date (DATE, ADATE, EDATE, ...)
  spss_datetime,   ///< seconds since 1582-10-14, shown with the time (DATETIME, YMDHMS)
  stata_date,      ///< days since 1960-01-01 (%td, %d)
  stata_datetime,  ///< milliseconds since 1960-01-01 00:00 (%tc, %tC)
};

/// The kind of an SPSS ("ADATE10") or Stata ("%tdCCYY-NN-DD") display format.
DateKind date_kind(std::string_view format) noexcept;

/// `value` as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (with ".fff" when it has milliseconds)
/// into `out`; false (out untouched) when it is not finite or out of the years 1-9999.
bool put_date(std::string& out, double value, DateKind kind);

}  // namespace securebase::detail
