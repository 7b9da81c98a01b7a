// securebase: a scale's raw score from its keyed sum and answered count: the minimum-answered
// rule, then a mean or a prorated sum. The one place of that rule, shared by the kernel
// (score_raw) and the C API's dense row scorer (lib/capi/c_array.cpp). Internal.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "securebase/core/plan.hpp"
#include "securebase/core/scale_step.hpp"

namespace securebase::detail {

/// Scale `s` of `plan` with keyed sum `sum` over `n` answered items: NaN below the minimum
/// answered (or with nothing answered), else the mean, or the sum prorated to all k items.
inline RawScore raw_from_sum(const ScoringPlan& plan, std::size_t s, double sum, std::uint32_t n,
                             std::optional<ScaleMethod> method) noexcept {
  const std::uint32_t k = plan.scale_begin[s + 1] - plan.scale_begin[s];
  double value = std::nan("");
  if (n >= plan.scale_min_answered[s] && n > 0) {
    const bool as_sum = method ? *method == ScaleMethod::sum : plan.scale_is_sum[s] != 0;
    if (as_sum) {
      // Prorated sum: the sum the respondent would have had at their own mean (exact when
      // nothing is missing).
      value = n == k ? sum : sum * static_cast<double>(k) / static_cast<double>(n);
    } else {
      value = sum / static_cast<double>(n);
    }
  }
  return RawScore{value, n};
}

}  // namespace securebase::detail
