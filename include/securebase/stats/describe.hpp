// securebase: descriptive statistics of one variable (n, mean, SD, skew, kurtosis, range).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "securebase/stats/moments.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// Why a statistic has no value. Every result carries one; a value is NaN only when its status
/// is not `ok`, never silently.
enum class StatStatus {
  ok,                ///< computed
  too_few_cases,     ///< fewer than 2 (or, for skew and kurtosis, 3) non-missing values
  too_few_items,     ///< a scale with fewer than 2 items (no alpha; no alpha if dropped for 2)
  item_all_missing,  ///< an item of the scale has fewer than 2 answers
  no_variance,       ///< a variable (an item, or the scale) has zero variance
  no_pairs,          ///< two items are never answered together (fewer than 2 rows)
  not_converged,     ///< an iterative fit did not converge or left the admissible region
};

/// "ok", "too_few_cases", ...: a stable name for output.
std::string_view to_string(StatStatus status) noexcept;

/// psych::describe's default statistics (type 3 skew and kurtosis, Joanes & Gill 1998):
/// sd = sqrt(m2 / (n - 1)); skew b1 = (m3 / n) / sd^3; kurtosis b2 = (m4 / n) / sd^4 - 3;
/// se = sd / sqrt(n).
struct Describe {
  StatStatus status = StatStatus::ok;  ///< too_few_cases (n < 2) or no_variance make sd/skew NaN
  std::uint64_t n = 0;                 ///< non-missing values
  double mean = 0;                     ///< mean (NaN when n = 0)
  double sd = 0;                       ///< standard deviation, n - 1 denominator
  double skew = 0;                     ///< b1 (type 3)
  double kurtosis = 0;                 ///< b2 (type 3), excess: 0 for a normal distribution
  double min = 0;                      ///< smallest value (NaN when n = 0)
  double max = 0;                      ///< largest value (NaN when n = 0)
  double se = 0;                       ///< standard error of the mean, sd / sqrt(n)
};

/// Describes one variable from its sums; with `reverse_about` = lo + hi it describes the
/// reversed variable lo + hi - x instead (the mean, min and max move; skew changes sign).
Describe describe(const Univariate& u, std::optional<double> reverse_about = std::nullopt);

}  // namespace securebase::stats

SECUREBASE_API_END
