// Omega total from a one-factor fit, and omega hierarchical by Schmid-Leiman from a k-factor
// minres fit rotated by oblimin (the factor fits and the rotation are in factor.cpp).
#include "securebase/stats/omega.hpp"

#include <algorithm>
#include <cmath>

namespace securebase::stats {

namespace {

bool has_nan(const SquareMatrix& r) {
  for (double v : r.values)
    if (std::isnan(v)) return true;
  return false;
}

double sum_of(const SquareMatrix& r) {
  double s = 0;
  for (double v : r.values) s += v;
  return s;
}

}  // namespace

Omega omega_total(const SquareMatrix& r, FitMethod fit) {
  Omega o;
  o.fit = fit;
  const auto fail = [&](StatStatus s) {
    o.status = s;
    o.total = std::nan("");
    o.loadings.clear();
    o.uniquenesses.clear();
    return o;
  };
  if (r.k < 2) return fail(StatStatus::too_few_items);
  if (has_nan(r)) return fail(StatStatus::no_pairs);
  const FactorFit f = fit_factors(r, 1, fit);
  o.iterations = f.iterations;
  if (f.status != StatStatus::ok) return fail(f.status);
  const double sum_r = sum_of(r);
  if (!(sum_r > 0)) return fail(StatStatus::no_variance);
  double u = 0;
  for (double v : f.uniquenesses) u += v;
  o.total = 1 - u / sum_r;
  o.loadings = f.loadings.values;
  o.uniquenesses = f.uniquenesses;
  return o;
}

namespace {

// h with no value: the status says why, and every loading is cleared.
Hierarchical failed(Hierarchical h, StatStatus s) {
  h.status = s;
  h.omega_h = h.total = std::nan("");
  h.general.clear();
  h.group = Loadings{};
  h.communalities.clear();
  h.factor_general.clear();
  h.pattern = Loadings{};
  h.phi = SquareMatrix{};
  return h;
}

// The Schmid-Leiman loadings (general, residualised group, communalities) from the oblique
// pattern and the factors' general loadings in h, then omega hierarchical and total.
void schmid_leiman(Hierarchical& h, const SquareMatrix& r, const ObliqueRotation& rot,
                   const FactorFit& fit, double sum_r) {
  const std::size_t factors = h.factors;
  const std::size_t p = r.k;
  h.group.items = p;
  h.group.factors = factors;
  double sum_g = 0;
  double sum_u = 0;
  for (std::size_t i = 0; i < p; ++i) {
    double g = 0;
    for (std::size_t f = 0; f < factors; ++f) {
      g += rot.pattern(i, f) * h.factor_general[f];
      const double rest = 1 - h.factor_general[f] * h.factor_general[f];
      h.group.values.push_back(rot.pattern(i, f) * std::sqrt(std::max(rest, 0.0)));
    }
    h.general.push_back(g);
    sum_g += g;
    h.communalities.push_back(r(i, i) - fit.uniquenesses[i]);
    sum_u += fit.uniquenesses[i];
  }
  // The general factor's direction is arbitrary: point it along the keyed items.
  if (sum_g < 0) {
    for (double& g : h.general) g = -g;
    for (double& g : h.factor_general) g = -g;
    sum_g = -sum_g;
  }
  h.omega_h = sum_g * sum_g / sum_r;
  h.total = 1 - sum_u / sum_r;
}

}  // namespace

Hierarchical omega_hierarchical(const SquareMatrix& r, std::size_t factors) {
  Hierarchical h;
  h.factors = factors;
  h.identified = factors >= 3;
  if (factors < 2 || r.k <= factors) return failed(h, StatStatus::too_few_items);
  if (has_nan(r)) return failed(h, StatStatus::no_pairs);
  const double sum_r = sum_of(r);
  if (!(sum_r > 0)) return failed(h, StatStatus::no_variance);
  const FactorFit fit = fit_factors(r, factors, FitMethod::minres);
  h.fit_iterations = fit.iterations;
  if (fit.status != StatStatus::ok) return failed(h, fit.status);
  // From the varimax solution, as psych::schmid: the start picks among oblimin's local optima.
  const ObliqueRotation rot = oblimin(varimax(fit.loadings));
  h.rotation_iterations = rot.iterations;
  if (rot.status != StatStatus::ok) return failed(h, rot.status);
  h.pattern = rot.pattern;
  h.phi = rot.phi;
  // The second-order (general) loadings of the first-order factors.
  if (factors == 2) {
    const double phi12 = rot.phi(0, 1);
    const double g = std::sqrt(std::fabs(phi12));
    h.factor_general = {g, phi12 < 0 ? -g : g};
  } else {
    const FactorFit second = fit_factors(rot.phi, 1, FitMethod::minres);
    if (second.status != StatStatus::ok) return failed(h, second.status);
    h.factor_general = second.loadings.values;
  }
  schmid_leiman(h, r, rot, fit, sum_r);
  return h;
}

}  // namespace securebase::stats
