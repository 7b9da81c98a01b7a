// Shortest round-trip text of a number, for messages and reports.
#pragma once

#include <string>

namespace securebase::detail {

/// The shortest decimal text that reads back as exactly `value` ("80", "0.8", "nan", "inf").
std::string format_number(double value);

}  // namespace securebase::detail
