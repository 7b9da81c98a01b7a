// securebase: internal consistency of a scale (Cronbach's alpha and its intervals).
#pragma once

#include <cstddef>
#include <vector>

#include "securebase/stats/describe.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// A symmetric k x k matrix, row-major (values.size() == k * k).
struct SquareMatrix {
  std::size_t k = 0;           ///< rows = columns
  std::vector<double> values;  ///< row-major
  /// Element (i, j).
  [[nodiscard]] double operator()(std::size_t i, std::size_t j) const { return values[i * k + j]; }
};

/// A two-sided 95% interval.
struct Interval {
  double lower = 0;  ///< lower bound
  double upper = 0;  ///< upper bound
};

/// Cronbach's alpha of k items from their (keyed) covariance matrix C, as psych::alpha:
///   raw          = k / (k - 1) * (1 - tr(C) / sum(C))
///   standardised = k / (k - 1) * (1 - k / sum(R)),  R = cov2cor(C)
///   average_r    = (sum(R) - k) / (k (k - 1))
///   ase          = sqrt(Q / n), Q = 2 k^2 / ((k - 1)^2 sum(C)^3) *
///                  (sum(C) (tr(C^2) + tr(C)^2) - 2 tr(C) sum(C^2))   (Duhachek & Iacobucci 2004)
///   feldt        = 1 - (1 - raw) F(0.975 | 0.025; n - 1, (n - 1)(k - 1))   (Feldt et al. 1987),
///                  with R's qf as psych::alpha.ci (the chi-square limit when (n - 1)(k - 1) > 4e5)
///   feldt_exact  = the same with the F quantiles themselves (equal to feldt up to 4e5 df)
///   duhachek     = raw -/+ 1.96 ase
/// where n is the number of respondents (rows). Status: too_few_items when k < 2, no_variance
/// when an item's variance or sum(C) is not positive, too_few_cases when n < 2; NaN values
/// then. Intervals need n >= 2 and are NaN otherwise (with the same status).
struct Alpha {
  StatStatus status = StatStatus::ok;  ///< ok, or why there is no value
  std::size_t items = 0;               ///< k
  double n = 0;                        ///< respondents the intervals assume
  double raw = 0;                      ///< alpha from covariances
  double standardised = 0;             ///< alpha from correlations
  double average_r = 0;                ///< mean inter-item correlation (off-diagonal of R)
  double ase = 0;                      ///< asymptotic standard error (Duhachek)
  Interval feldt;                      ///< interval under compound symmetry, as psych gives it
  Interval feldt_exact;                ///< the same with exact F quantiles
  Interval duhachek;                   ///< asymptotic (normal) interval
};

/// Alpha of the items whose keyed covariance matrix is `c`, for `n` respondents.
Alpha cronbach_alpha(const SquareMatrix& c, double n);

/// The matrix without row and column `drop`.
SquareMatrix without(const SquareMatrix& m, std::size_t drop);

/// cov2cor: r_ij = c_ij / sqrt(c_ii c_jj).
SquareMatrix to_correlation(const SquareMatrix& c);

/// The p-quantile of the F distribution with (df1, df2) degrees of freedom, exact at every size
/// (relative error about 1e-14; R's qf takes the limit df2 -> inf above 4e5 instead): 0 for
/// p = 0, +inf for p = 1, NaN for p outside [0, 1] or degrees of freedom not positive and finite.
double f_quantile(double p, double df1, double df2);

}  // namespace securebase::stats

SECUREBASE_API_END
