#include "core/number_format.hpp"

#include <array>
#include <cmath>

#include "core/double_text.hpp"

namespace securebase::detail {

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return "0";  // also for -0
  std::array<char, shortest_double_room> buf{};
  char* end = write_shortest(buf.data(), value);
  return std::string(buf.data(), end);
}

std::string fixed_decimals(double value, int decimals, std::string_view not_finite) {
  if (!std::isfinite(value)) return std::string(not_finite);
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;                                     // no "-0"
  if (!std::isfinite(rounded)) return rounded > 0 ? "inf" : "-inf";  // value * scale overflowed
  std::array<char, 400> buf{};
  char* begin = buf.data();
  char* end = write_fixed(buf.data(), rounded, decimals);
  // Texts longer than 64 chars (|value| >= 1e63 or so) were never shown: keep it so.
  return end - begin <= 64 ? std::string(begin, end) : std::string(not_finite);
}

}  // namespace securebase::detail
