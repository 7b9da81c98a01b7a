// securebase: McDonald's omega: omega total of a scale from a one-factor model, and omega
// hierarchical of a whole instrument by the Schmid-Leiman transformation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "securebase/stats/describe.hpp"
#include "securebase/stats/factor.hpp"
#include "securebase/stats/reliability.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// A one-factor fit of a correlation matrix R (fit_factors: minres or ML) and omega total as
/// psych::omega:
///   omega_total = 1 - sum(u2) / sum(R),  u2_i = 1 - loading_i^2   (McDonald 1999, p. 89)
/// Status: too_few_items when k < 2 (k = 2 is fitted but not identified: psych warns too),
/// no_pairs / no_variance when R has NaN or a zero diagonal, not_converged when the fit did not
/// converge or is a Heywood case; values NaN (vectors empty) then.
struct Omega {
  StatStatus status = StatStatus::ok;  ///< ok, or why there is no value
  FitMethod fit = FitMethod::minres;   ///< which one-factor fit the loadings come from
  double total = 0;                    ///< omega total
  std::vector<double> loadings;        ///< one-factor loadings (sign: sum of loadings > 0)
  std::vector<double> uniquenesses;    ///< 1 - loading^2
  int iterations = 0;                  ///< principal-axis (minres) or Newton (ml) iterations
};

/// Omega total of the items whose keyed correlation matrix is `r`, from a `fit` one-factor fit.
Omega omega_total(const SquareMatrix& r, FitMethod fit = FitMethod::minres);

/// Omega hierarchical by Schmid-Leiman, as psych::omega(fm = "minres", rotate = "oblimin"):
/// a k-factor minres fit of the keyed correlations R, oblimin rotation (pattern P, factor
/// correlations Phi), the general-factor loadings g_f of the k factors (k >= 3: a one-factor
/// minres fit of Phi; k = 2: both sqrt(|phi12|), the second with the sign of phi12, psych's
/// option = "equal", because two factors do not identify a second-order factor), then
///   general_i = sum_f P_if g_f,   group_if = P_if sqrt(1 - g_f^2),
///   omega_h = (sum_i general_i)^2 / sum(R),  omega_total = 1 - sum(1 - h2_i) / sum(R),
/// h2_i the communality of the k-factor fit. Status: too_few_items when k < 2 or there are not
/// more items than factors, no_pairs when R has NaN, no_variance when sum(R) <= 0,
/// not_converged when a fit or the rotation fails; values NaN (vectors empty) then.
struct Hierarchical {
  StatStatus status = StatStatus::ok;  ///< ok, or why there is no value
  std::vector<std::string> scales;     ///< the scales whose items enter (filled by summarise)
  std::vector<std::size_t> items;      ///< layout item of each row below (filled by summarise)
  std::size_t factors = 0;             ///< k, one factor per scale
  bool identified = true;              ///< false for k = 2 (general loadings set equal)
  double omega_h = 0;                  ///< omega hierarchical
  double total = 0;                    ///< omega total of the k-factor model
  std::vector<double> general;         ///< items' loadings on the general factor
  Loadings group;                      ///< items' loadings on the k residualised group factors
  std::vector<double> communalities;   ///< h2 of the k-factor fit
  std::vector<double> factor_general;  ///< the k first-order factors' loadings on g
  Loadings pattern;                    ///< oblimin pattern loadings
  SquareMatrix phi;                    ///< oblimin factor correlations
  int fit_iterations = 0;              ///< principal-axis iterations of the k-factor fit
  int rotation_iterations = 0;         ///< oblimin iterations
};

/// Omega hierarchical with `factors` group factors of the items whose keyed correlations are `r`.
Hierarchical omega_hierarchical(const SquareMatrix& r, std::size_t factors);

}  // namespace securebase::stats

SECUREBASE_API_END
