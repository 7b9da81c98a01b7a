// Type-3 skew and kurtosis as psych::describe computes them (Joanes & Gill 1998, b1 and b2).
#include "securebase/stats/describe.hpp"

#include <cmath>

namespace securebase::stats {

std::string_view to_string(StatStatus status) noexcept {
  switch (status) {
    case StatStatus::ok:
      return "ok";
    case StatStatus::too_few_cases:
      return "too_few_cases";
    case StatStatus::too_few_items:
      return "too_few_items";
    case StatStatus::item_all_missing:
      return "item_all_missing";
    case StatStatus::no_variance:
      return "no_variance";
    case StatStatus::no_pairs:
      return "no_pairs";
    case StatStatus::not_converged:
      return "not_converged";
  }
  return "unknown";
}

Describe describe(const Univariate& u, std::optional<double> reverse_about) {
  const double nan = std::nan("");
  Describe d;
  d.n = u.n;
  if (u.n == 0) {
    d.status = StatStatus::too_few_cases;
    d.mean = d.sd = d.skew = d.kurtosis = d.min = d.max = d.se = nan;
    return d;
  }
  const double sign = reverse_about ? -1.0 : 1.0;
  d.mean = reverse_about ? *reverse_about - u.mean : u.mean;
  d.min = reverse_about ? *reverse_about - u.max : u.min;
  d.max = reverse_about ? *reverse_about - u.min : u.max;
  if (u.n < 2) {
    d.status = StatStatus::too_few_cases;
    d.sd = d.skew = d.kurtosis = d.se = nan;
    return d;
  }
  const double n = static_cast<double>(u.n);
  const double var = u.m2 / (n - 1);
  d.sd = std::sqrt(var);
  d.se = d.sd / std::sqrt(n);
  if (!(u.m2 > 0)) {
    d.status = StatStatus::no_variance;
    d.skew = d.kurtosis = nan;
    return d;
  }
  d.skew = sign * (u.m3 / n) / (var * d.sd);
  d.kurtosis = (u.m4 / n) / (var * var) - 3;
  return d;
}

}  // namespace securebase::stats
