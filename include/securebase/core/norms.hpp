// securebase: standard scores against a named norm set, and measurement error.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "securebase/core/instrument.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Where a percentile came from.
enum class PercentileSource { table, normal };

/// Whether a table percentile is exact (interpolated) or only a bound beyond the table's ends.
enum class PercentileBound { exact, at_most, at_least };

/// A score placed against a norm set.
struct NormScore {
  std::string norm_set;   ///< id of the norm set used
  double z = 0;           ///< (score - mean) / sd
  double t = 0;           ///< 50 + 10 z
  double percentile = 0;  ///< % of the norm sample at or below the score, in [0, 100]
  PercentileSource source = PercentileSource::normal;  ///< table when the set has one
  PercentileBound bound = PercentileBound::exact;      ///< at_most / at_least past the table
};

/// The standard error of measurement and a 95% interval around a score.
struct MeasurementError {
  double sem = 0;            ///< sd * sqrt(1 - reliability)
  double lower = 0;          ///< score - 1.959964 sem, clamped to the scale's range
  double upper = 0;          ///< score + 1.959964 sem, clamped to the scale's range
  double reliability = 0;    ///< the coefficient used
  double sd = 0;             ///< the SD used
  bool provisional = false;  ///< the reliability is an assumption, not a measurement
  std::string basis;         ///< where the SD and reliability come from, in words
};

/// 97.5th percentile of the standard normal: half-width of a 95% interval in SEM units.
inline constexpr double z_975 = 1.959963984540054;

/// Standard normal cumulative distribution function.
double normal_cdf(double z) noexcept;

/// Percentile of `score` in a table (linear interpolation between points; equal scores over
/// several points give the middle of their percentiles). Past the ends, returns the end's
/// percentile and sets `bound` to at_most / at_least.
double percentile_from_table(std::span<const PercentilePoint> table, double score,
                             PercentileBound& bound) noexcept;

/// z, T and percentile of a score on one scale norm (table percentile when it has a table).
NormScore standardise(const ScaleNorm& norm, std::string_view norm_set_id, double score);

/// The norm set with this id; throws 301 (listing the instrument's norm sets) when there is none.
const NormSet& find_norm_set_or_throw(const Instrument& instrument, std::string_view norm_set_id);

/// z, T, percentile of `score` on scale `scale` against the norm set `norm_set_id`.
/// Throws 301 (unknown set) or 302 (set does not cover the scale).
NormScore norm_score(const Instrument& instrument, std::string_view norm_set_id, std::size_t scale,
                     double score);

/// SEM and 95% interval: sd * sqrt(1 - reliability); the interval clamped to [lo, hi].
MeasurementError measurement_error(double score, double sd, double reliability, double lo,
                                   double hi) noexcept;

}  // namespace securebase

SECUREBASE_API_END
