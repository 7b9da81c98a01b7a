#include "core/number_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace securebase::detail {

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return "0";  // also for -0
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return std::string(buf.data(), end);
}

std::string fixed_decimals(double value, int decimals, std::string_view not_finite) {
  if (!std::isfinite(value)) return std::string(not_finite);
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;  // no "-0"
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), rounded,
                                 std::chars_format::fixed, decimals);
  return ec == std::errc() ? std::string(buf.data(), end) : std::string(not_finite);
}

}  // namespace securebase::detail
