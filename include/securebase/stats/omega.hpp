// securebase: McDonald's omega total from a one-factor model of a scale's items.
#pragma once

#include <vector>

#include "securebase/stats/describe.hpp"
#include "securebase/stats/reliability.hpp"

namespace securebase::stats {

/// A one-factor minres (unweighted least squares) fit of a correlation matrix R, by iterated
/// principal axes from squared multiple correlations until the communalities change by less
/// than 1e-12 (the fixed point minres converges to), and omega total as psych::omega:
///   omega_total = 1 - sum(u2) / sum(R),  u2_i = 1 - loading_i^2   (McDonald 1999, p. 89)
/// Status: too_few_items when k < 2 (k = 2 is fitted but not identified: psych warns too),
/// no_pairs / no_variance when R has NaN or a zero diagonal, not_converged after 10000
/// iterations or when a communality exceeds 1 (a Heywood case); values NaN then.
struct Omega {
  StatStatus status = StatStatus::ok;  ///< ok, or why there is no value
  double total = 0;                    ///< omega total
  std::vector<double> loadings;        ///< one-factor loadings (sign: sum of loadings > 0)
  int iterations = 0;                  ///< principal-axis iterations used
};

/// Omega total of the items whose keyed correlation matrix is `r`.
Omega omega_total(const SquareMatrix& r);

}  // namespace securebase::stats
