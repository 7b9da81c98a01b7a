// securebase: mergeable one-pass sufficient statistics (moments and pairwise co-moments).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// Centred sums of one variable over its non-missing values, updated one value at a time
/// (Welford 1962; higher moments after Pebay 2008) and merged exactly (Chan, Golub & LeVeque
/// 1979; Pebay 2008): m2 = sum (x - mean)^2, m3 = sum (x - mean)^3, m4 = sum (x - mean)^4.
struct Univariate {
  std::uint64_t n = 0;                                    ///< non-missing values
  double mean = 0;                                        ///< mean of those values
  double m2 = 0;                                          ///< second centred sum
  double m3 = 0;                                          ///< third centred sum
  double m4 = 0;                                          ///< fourth centred sum
  double min = std::numeric_limits<double>::infinity();   ///< smallest value (+inf when n = 0)
  double max = -std::numeric_limits<double>::infinity();  ///< largest value (-inf when n = 0)
};

/// Co-moments of two variables a, b over the rows where both are present (pairwise complete):
/// the means and centred sums are those of the pair's rows, c = sum (a - mean_a)(b - mean_b).
struct PairMoments {
  std::uint64_t n = 0;  ///< rows with both present
  double mean_a = 0;    ///< mean of a over those rows
  double mean_b = 0;    ///< mean of b over those rows
  double m2_a = 0;      ///< sum (a - mean_a)^2 over those rows
  double m2_b = 0;      ///< sum (b - mean_b)^2 over those rows
  double c = 0;         ///< sum (a - mean_a)(b - mean_b) over those rows
};

/// One-pass accumulator over rows of `variables` values (NaN = missing): a Univariate per
/// variable and a PairMoments per pair i < j. Memory is O(variables^2), independent of rows.
struct Moments {
  std::size_t variables = 0;           ///< number of variables per row
  std::uint64_t rows = 0;              ///< rows added (including rows with missing values)
  std::vector<Univariate> univariate;  ///< one per variable
  std::vector<PairMoments> pairs;  ///< upper triangle, row by row: (0,1), (0,2), ..., (1,2), ...
};

/// An empty accumulator for `variables` variables.
Moments make_moments(std::size_t variables);

/// Adds one row (size must equal m.variables; NaN marks a missing value).
void add_row(Moments& m, std::span<const double> row);

/// Univariate sums of two disjoint sets of values combined as if accumulated in one pass.
Univariate merge(const Univariate& a, const Univariate& b);

/// Pairwise co-moments of two disjoint sets of rows combined as if accumulated in one pass.
PairMoments merge(const PairMoments& a, const PairMoments& b);

/// Two accumulators over disjoint rows combined; both must have the same number of variables
/// (internal error 901 otherwise: callers check layouts first).
Moments merge(const Moments& a, const Moments& b);

/// The co-moments of variables i and j (i != j), oriented so that `a` is i.
PairMoments pair(const Moments& m, std::size_t i, std::size_t j);

/// Sample variance (n - 1 denominator) of variable i over its non-missing values; NaN if n < 2.
double variance(const Moments& m, std::size_t i);

/// Pairwise-complete sample covariance of i and j, c / (n_ij - 1), as R's
/// cov(use = "pairwise"); the variance when i == j; NaN when fewer than 2 rows.
double covariance(const Moments& m, std::size_t i, std::size_t j);

/// Pairwise-complete Pearson correlation of i and j with the pair's own means and SDs, as R's
/// cor(use = "pairwise"); NaN when fewer than 2 rows or either SD is zero.
double correlation(const Moments& m, std::size_t i, std::size_t j);

/// The Pearson correlation of the pair's two variables over its rows (as above).
double correlation(const PairMoments& p);

}  // namespace securebase::stats

SECUREBASE_API_END
