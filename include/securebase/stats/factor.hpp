// securebase: exploratory factor analysis of a correlation matrix (minres and maximum-likelihood
// fits, oblimin rotation), the building blocks of omega.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "securebase/stats/describe.hpp"
#include "securebase/stats/reliability.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// How a factor model is fitted: minres (unweighted least squares) or maximum likelihood.
enum class FitMethod { minres, ml };

/// "minres" or "ml": a stable name for output.
std::string_view to_string(FitMethod method) noexcept;

/// An items x factors matrix, row-major (values.size() == items * factors).
struct Loadings {
  std::size_t items = 0;       ///< rows
  std::size_t factors = 0;     ///< columns
  std::vector<double> values;  ///< row-major
  /// Element (item, factor).
  [[nodiscard]] double operator()(std::size_t i, std::size_t f) const {
    return values[i * factors + f];
  }
};

/// A k-factor model of a correlation matrix R (as psych::fa with rotate = "none"):
/// - minres: iterated principal axes from squared multiple correlations until no communality
///   changes by 1e-12; the fixed point is the stationary point of the off-diagonal least squares
///   that psych's fm = "minres" reaches by optimisation.
/// - ml: minimises F(psi) = sum over the p - k smallest eigenvalues e of psi^-1/2 R psi^-1/2
///   of (e - log e) - (p - k) over the uniquenesses psi (Joreskog 1967; psych's fm = "ml"),
///   by Newton steps with a line search from psi = 1 - SMC, until the gradient
///   diag(L L' + psi - R) / psi^2 is below 1e-10; L = psi^1/2 V (E - I)^1/2.
/// Each factor's sign makes its column sum positive. Status: too_few_items when there are
/// fewer than 2 items or not more items than factors, no_pairs when R has NaN,
/// not_converged after the iteration limit or in a Heywood case (a communality above 1 for
/// minres, a uniqueness at or below 0.005 for ml); values empty then.
struct FactorFit {
  StatStatus status = StatStatus::ok;    ///< ok, or why there is no fit
  FitMethod method = FitMethod::minres;  ///< how it was fitted
  Loadings loadings;                     ///< unrotated loadings
  std::vector<double> uniquenesses;      ///< 1 - communality (row sum of squared loadings)
  int iterations = 0;                    ///< principal-axis or Newton iterations used
};

/// Fits `factors` factors to the correlation matrix `r` by `method`.
FactorFit fit_factors(const SquareMatrix& r, std::size_t factors, FitMethod method);

/// An oblique rotation: pattern loadings and factor correlations.
struct ObliqueRotation {
  StatStatus status = StatStatus::ok;  ///< not_converged after 10000 iterations
  Loadings pattern;                    ///< rotated pattern loadings (column sums positive)
  SquareMatrix phi;                    ///< factor correlations, T'T
  int iterations = 0;                  ///< gradient-projection iterations used
};

/// Varimax rotation with Kaiser normalisation (Kaiser 1958; as R's stats::varimax), by the
/// singular-value iteration until the criterion grows by less than 1e-8 relative (a start only).
Loadings varimax(const Loadings& loadings);

/// Oblimin rotation (gamma = 0: quartimin) of loadings `a` by the oblique gradient-projection
/// algorithm of Bernaards & Jennrich (2005) from the identity, without Kaiser normalisation
/// (GPArotation::oblimin's defaults), until the projected gradient's norm is below 1e-7
/// (GPArotation stops at 1e-5; below about 1e-7 the step test is lost in rounding).
/// Criterion Q(L) = 1/4 sum(L^2 * (C L^2 N)), C = I - gamma/p 11', N = 11' - I, L = A T'^-1.
ObliqueRotation oblimin(const Loadings& a, double gamma = 0);

}  // namespace securebase::stats

SECUREBASE_API_END
