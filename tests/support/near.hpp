// The test suite's one tolerance helper (engineering-style practice 13).
// near(actual, expected) passes when |a - e| <= rel * max(|a|, |e|), or, near zero, when
// |a - e| <= abs_floor. NaN equals NaN; infinities must match exactly.
#pragma once

#include <cmath>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace securebase::test {

/// Default relative tolerance for closed-form values.
inline constexpr double default_rel = 1e-12;
/// Absolute floor used when the expected value is (near) zero.
inline constexpr double default_abs = 1e-14;

/// Catch2 matcher for one double with the semantics above.
class NearMatcher : public Catch::MatcherBase<double> {
 public:
  NearMatcher(double expected, double rel, double abs_floor)
      : expected_(expected), rel_(rel), abs_(abs_floor) {}
  bool match(const double& actual) const override {
    if (std::isnan(expected_) || std::isnan(actual))
      return std::isnan(expected_) && std::isnan(actual);
    if (std::isinf(expected_) || std::isinf(actual)) return actual == expected_;
    const double diff = std::fabs(actual - expected_);
    return diff <= abs_ || diff <= rel_ * std::fmax(std::fabs(actual), std::fabs(expected_));
  }
  std::string describe() const override {
    std::ostringstream s;
    s.precision(17);
    s << "is within rel " << rel_ << " (abs " << abs_ << ") of " << expected_;
    return s.str();
  }

 private:
  double expected_;
  double rel_;
  double abs_;
};

/// REQUIRE_THAT(x, near(expected)) with the default tolerances.
inline NearMatcher near(double expected, double rel = default_rel, double abs_floor = default_abs) {
  return NearMatcher(expected, rel, abs_floor);
}

}  // namespace securebase::test
