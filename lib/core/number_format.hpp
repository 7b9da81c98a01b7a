// Numbers as text, for messages and reports: shortest round-trip, or a fixed count of decimals.
#pragma once

#include <string>
#include <string_view>

namespace securebase::detail {

/// The shortest decimal text that reads back as exactly `value` ("80", "0.8", "nan", "inf").
std::string format_number(double value);

/// `value` with exactly `decimals` decimals and a '.' (locale-free), rounded half away from
/// zero, never "-0"; `not_finite` for NaN and infinities.
std::string fixed_decimals(double value, int decimals, std::string_view not_finite);

}  // namespace securebase::detail
