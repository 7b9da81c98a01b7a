// One-factor minres by iterated principal axes: at the fixed point the residual off-diagonal
// correlations are orthogonal to the loadings, the stationarity condition of unweighted least
// squares that psych's fa(fm = "minres") reaches by optimisation.
#include "securebase/stats/omega.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace securebase::stats {

Omega omega_total(const SquareMatrix& r) {
  Omega o;
  const auto fail = [&](StatStatus s) {
    o.status = s;
    o.total = std::nan("");
    o.loadings.clear();
    return o;
  };
  if (r.k < 2) return fail(StatStatus::too_few_items);
  const auto k = static_cast<Eigen::Index>(r.k);
  Eigen::MatrixXd m(k, k);
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j) {
      const double v = r(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
      if (std::isnan(v)) return fail(StatStatus::no_pairs);
      m(i, j) = v;
    }
  // Start from squared multiple correlations, 1 - 1 / diag(R^-1), as psych does.
  Eigen::VectorXd h2(k);
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(m);
  if (lu.isInvertible()) {
    const Eigen::MatrixXd inv = lu.inverse();
    for (Eigen::Index i = 0; i < k; ++i) h2(i) = 1 - 1 / inv(i, i);
  } else {
    h2.setConstant(0.5);
  }
  Eigen::VectorXd loadings(k);
  constexpr int max_iterations = 10000;
  for (o.iterations = 1; o.iterations <= max_iterations; ++o.iterations) {
    Eigen::MatrixXd reduced = m;
    reduced.diagonal() = h2;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(reduced);
    const double top = eig.eigenvalues()(k - 1);
    if (!(top > 0)) return fail(StatStatus::not_converged);
    loadings = eig.eigenvectors().col(k - 1) * std::sqrt(top);
    const Eigen::VectorXd next = loadings.array().square();
    const double change = (next - h2).cwiseAbs().maxCoeff();
    h2 = next;
    if (change < 1e-12) break;
  }
  if (o.iterations > max_iterations || (h2.array() > 1).any())
    return fail(StatStatus::not_converged);
  if (loadings.sum() < 0) loadings = -loadings;
  const double sum_r = m.sum();
  if (!(sum_r > 0)) return fail(StatStatus::no_variance);
  o.total = 1 - (static_cast<double>(k) - h2.sum()) / sum_r;
  o.loadings.assign(loadings.data(), loadings.data() + k);
  return o;
}

}  // namespace securebase::stats
