// Exploratory factor analysis: minres by iterated principal axes, maximum likelihood by Newton
// steps on the uniquenesses, and the oblique gradient-projection rotation (oblimin).
#include "securebase/stats/factor.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace securebase::stats {

std::string_view to_string(FitMethod method) noexcept {
  return method == FitMethod::minres ? "minres" : "ml";
}

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// Squared multiple correlations 1 - 1 / diag(R^-1) (psych's smc); 0.5 when R is singular.
VectorXd smc(const MatrixXd& m) {
  const Index p = m.rows();
  VectorXd out(p);
  const Eigen::FullPivLU<MatrixXd> lu(m);
  if (!lu.isInvertible()) {
    out.setConstant(0.5);
    return out;
  }
  const MatrixXd inv = lu.inverse();
  for (Index i = 0; i < p; ++i) out(i) = 1 - 1 / inv(i, i);
  return out;
}

// Iterated principal axes: the k largest eigenpairs of R with communalities on its diagonal.
bool minres(const MatrixXd& m, Index k, MatrixXd& loadings, int& iterations) {
  const Index p = m.rows();
  VectorXd h2 = smc(m);
  constexpr int max_iterations = 10000;
  for (iterations = 1; iterations <= max_iterations; ++iterations) {
    MatrixXd reduced = m;
    reduced.diagonal() = h2;
    const Eigen::SelfAdjointEigenSolver<MatrixXd> eig(reduced);
    for (Index f = 0; f < k; ++f) {
      const double value = eig.eigenvalues()(p - 1 - f);
      if (!(value > 0)) return false;
      loadings.col(f) = eig.eigenvectors().col(p - 1 - f) * std::sqrt(value);
    }
    const VectorXd next = loadings.rowwise().squaredNorm();
    const double change = (next - h2).cwiseAbs().maxCoeff();
    h2 = next;
    if (change < 1e-12) break;
  }
  return iterations <= max_iterations && (h2.array() <= 1).all();
}

// The maximum-likelihood discrepancy of uniquenesses psi, with its loadings and gradient.
struct MlPoint {
  double f = std::numeric_limits<double>::infinity();  // +inf when psi is inadmissible
  MatrixXd loadings;
  VectorXd gradient;
};

MlPoint ml_point(const MatrixXd& m, Index k, const VectorXd& psi) {
  const Index p = m.rows();
  MlPoint out;
  const VectorXd s = psi.cwiseSqrt().cwiseInverse();
  const MatrixXd scaled = s.asDiagonal() * m * s.asDiagonal();
  const Eigen::SelfAdjointEigenSolver<MatrixXd> eig(scaled);
  const VectorXd& e = eig.eigenvalues();  // ascending
  double f = 0;
  for (Index j = 0; j < p - k; ++j) {
    if (!(e(j) > 0)) return out;
    const double d = e(j) - 1;
    f += d - std::log1p(d);  // e - 1 - log(e) without cancellation near e = 1
  }
  out.f = f;
  out.loadings.resize(p, k);
  for (Index j = 0; j < k; ++j)
    out.loadings.col(j) = psi.cwiseSqrt().asDiagonal() * eig.eigenvectors().col(p - 1 - j) *
                          std::sqrt(std::max(e(p - 1 - j) - 1, 0.0));
  const VectorXd fitted = out.loadings.rowwise().squaredNorm() + psi;
  out.gradient = (fitted - m.diagonal()).cwiseQuotient(psi.cwiseAbs2());
  return out;
}

// psych's box for the maximum-likelihood uniquenesses.
constexpr double ml_lower = 0.005;
constexpr double ml_upper = 1;

VectorXd clamp_psi(const VectorXd& v) { return v.cwiseMax(ml_lower).cwiseMin(ml_upper).eval(); }

// The uniquenesses not held at a bound by their gradient (Newton steps move only these), and
// the largest absolute gradient among them.
double free_gradient(const MlPoint& at, const VectorXd& psi, std::vector<Index>& free) {
  double norm = 0;
  for (Index i = 0; i < psi.size(); ++i) {
    const double g = at.gradient(i);
    const bool held = (psi(i) <= ml_lower && g > 0) || (psi(i) >= ml_upper && g < 0);
    if (held) continue;
    free.push_back(i);
    norm = std::max(norm, std::fabs(g));
  }
  return norm;
}

// The point with the smallest free gradient so far. Near the optimum F is flat to rounding,
// and sums that differ from another run's by 1e-15 can keep the gradient just above the
// threshold for ever; the search then stops after 10 steps without halving it and accepts
// the best point when its gradient is at rounding level (below 1e-7).
struct MlBest {
  double norm = std::numeric_limits<double>::infinity();
  VectorXd psi;
  MlPoint at;
  int since = 0;

  // Records the current point when it is better; true when the search should stop.
  bool stalled(double norm_now, const VectorXd& psi_now, const MlPoint& at_now) {
    if (norm_now < 0.5 * norm) {
      norm = norm_now;
      psi = psi_now;
      at = at_now;
      since = 0;
    } else if (norm_now < norm) {
      norm = norm_now;
      psi = psi_now;
      at = at_now;
      if (++since >= 10) return true;
    } else if (++since >= 10) {
      return true;
    }
    return false;
  }
};

// The step on psi: Newton's with a central-difference Hessian of the analytic gradient over the
// free uniquenesses, or (when that Hessian is not positive definite or a neighbour is
// inadmissible) the fixed-point direction psi = diag(R - L L').
VectorXd ml_step(const MatrixXd& m, Index k, const VectorXd& psi, const MlPoint& at,
                 const std::vector<Index>& free) {
  const Index p = m.rows();
  const auto n_free = static_cast<Index>(free.size());
  MatrixXd hessian(n_free, n_free);
  VectorXd gradient(n_free);
  for (Index a = 0; a < n_free; ++a) gradient(a) = at.gradient(free[static_cast<std::size_t>(a)]);
  bool admissible = true;  // both neighbours of every free psi have a discrepancy
  for (Index a = 0; a < n_free; ++a) {
    const Index j = free[static_cast<std::size_t>(a)];
    const double h = 1e-6 * psi(j);
    VectorXd up = psi;
    VectorXd down = psi;
    up(j) += h;
    down(j) -= h;
    const MlPoint above = ml_point(m, k, up);
    const MlPoint below = ml_point(m, k, down);
    if (!std::isfinite(above.f) || !std::isfinite(below.f)) {
      admissible = false;  // e.g. collinear items: no Newton step, the fixed-point one
      break;
    }
    const VectorXd column = (above.gradient - below.gradient) / (2 * h);
    for (Index b = 0; b < n_free; ++b) hessian(b, a) = column(free[static_cast<std::size_t>(b)]);
  }
  bool newton = false;
  VectorXd free_step = -gradient;  // steepest descent, unless Newton's step exists
  if (admissible) {
    hessian = (hessian + hessian.transpose()).eval() / 2;
    const Eigen::LDLT<MatrixXd> ldlt(hessian);
    newton =
        ldlt.info() == Eigen::Success && ldlt.isPositive() && (ldlt.vectorD().array() > 0).all();
    if (newton) free_step = -ldlt.solve(gradient);
  }
  VectorXd step = VectorXd::Zero(p);
  for (Index a = 0; a < n_free; ++a) step(free[static_cast<std::size_t>(a)]) = free_step(a);
  if (!newton) step = step.cwiseProduct(psi.cwiseAbs2());  // psi = diag(R - L L') direction
  return step;
}

// Halves the step until it is accepted (at most 30 times); true with the candidate and its point.
bool ml_line_search(const MatrixXd& m, Index k, const VectorXd& psi, const MlPoint& at,
                    const VectorXd& step, double norm, VectorXd& candidate, MlPoint& next) {
  double t = 1;
  bool accepted = false;
  for (int halving = 0; halving < 30 && !accepted; ++halving, t /= 2) {
    candidate = clamp_psi(psi + t * step);
    next = ml_point(m, k, candidate);
    // Armijo's sufficient decrease; near the optimum, where F is flat to rounding, a step
    // that keeps F and shrinks the gradient.
    accepted =
        next.f <= at.f + 1e-4 * at.gradient.dot(candidate - psi) ||
        (next.f <= at.f + 1e-15 * (1 + at.f) && next.gradient.cwiseAbs().maxCoeff() < 0.5 * norm);
  }
  return accepted;
}

// Newton steps on psi (ml_step), psi kept in psych's box [0.005, 1].
bool ml(const MatrixXd& m, Index k, MatrixXd& loadings, int& iterations) {
  const Index p = m.rows();
  VectorXd psi = clamp_psi(VectorXd::Ones(p) - smc(m));
  MlPoint at = ml_point(m, k, psi);
  if (!std::isfinite(at.f)) return false;
  constexpr int max_iterations = 200;
  bool converged = false;
  MlBest best{std::numeric_limits<double>::infinity(), psi, at, 0};
  for (iterations = 1; iterations <= max_iterations; ++iterations) {
    // Converged when the gradient vanishes except where a bound holds psi back.
    std::vector<Index> free;
    const double norm = free_gradient(at, psi, free);
    if (norm < 1e-10) {
      converged = true;
      break;
    }
    if (best.stalled(norm, psi, at)) break;
    const VectorXd step = ml_step(m, k, psi, at, free);
    MlPoint next;
    VectorXd candidate;
    const bool accepted = ml_line_search(m, k, psi, at, step, norm, candidate, next);
    if (!accepted || candidate == psi) break;  // no progress: judge the gradient below
    psi = candidate;
    at = next;
  }
  if (!converged) {
    // The line search may stall within rounding of the optimum: accept a vanishing gradient,
    // or the best point when its gradient is at rounding level.
    converged = at.gradient.cwiseProduct(psi.cwiseAbs2()).cwiseAbs().maxCoeff() < 1e-12;
    if (!converged && best.norm < 1e-7) {
      psi = best.psi;
      at = best.at;
      converged = true;
    }
  }
  loadings = at.loadings;
  return converged && (psi.array() > ml_lower).all();
}

Loadings to_loadings(const MatrixXd& l) {
  Loadings out;
  out.items = static_cast<std::size_t>(l.rows());
  out.factors = static_cast<std::size_t>(l.cols());
  for (Index i = 0; i < l.rows(); ++i)
    for (Index j = 0; j < l.cols(); ++j) out.values.push_back(l(i, j));
  return out;
}

// Quartimin-family criterion value and its gradient with respect to L.
double oblimin_criterion(const MatrixXd& l, double gamma, MatrixXd& gq) {
  const Index p = l.rows();
  const Index k = l.cols();
  const MatrixXd l2 = l.cwiseAbs2();
  const MatrixXd off = MatrixXd::Ones(k, k) - MatrixXd::Identity(k, k);
  MatrixXd x = l2 * off;
  if (gamma != 0) x.rowwise() -= (gamma / static_cast<double>(p)) * x.colwise().sum();
  gq = l.cwiseProduct(x);
  return l2.cwiseProduct(x).sum() / 4;
}

}  // namespace

FactorFit fit_factors(const SquareMatrix& r, std::size_t factors, FitMethod method) {
  FactorFit out;
  out.method = method;
  const auto fail = [&](StatStatus s) {
    out.status = s;
    out.loadings = Loadings{};
    out.uniquenesses.clear();
    return out;
  };
  if (r.k < 2 || factors < 1 || factors >= r.k) return fail(StatStatus::too_few_items);
  const auto p = static_cast<Index>(r.k);
  const auto k = static_cast<Index>(factors);
  MatrixXd m(p, p);
  for (Index i = 0; i < p; ++i)
    for (Index j = 0; j < p; ++j) {
      const double v = r(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
      if (std::isnan(v)) return fail(StatStatus::no_pairs);
      m(i, j) = v;
    }
  MatrixXd l(p, k);
  const bool ok =
      method == FitMethod::minres ? minres(m, k, l, out.iterations) : ml(m, k, l, out.iterations);
  if (!ok) return fail(StatStatus::not_converged);
  for (Index j = 0; j < k; ++j)
    if (l.col(j).sum() < 0) l.col(j) = -l.col(j);
  out.loadings = to_loadings(l);
  for (Index i = 0; i < p; ++i) out.uniquenesses.push_back(m(i, i) - l.row(i).squaredNorm());
  return out;
}

Loadings varimax(const Loadings& loadings) {
  const auto p = static_cast<Index>(loadings.items);
  const auto k = static_cast<Index>(loadings.factors);
  MatrixXd l(p, k);
  for (Index i = 0; i < p; ++i)
    for (Index j = 0; j < k; ++j)
      l(i, j) = loadings(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
  if (k < 2) return loadings;
  // Kaiser normalisation: rotate rows of unit length, then scale back.
  VectorXd norms = l.rowwise().norm();
  for (Index i = 0; i < p; ++i)
    if (norms(i) == 0) norms(i) = 1;
  const MatrixXd z = norms.cwiseInverse().asDiagonal() * l;
  MatrixXd rot = MatrixXd::Identity(k, k);
  double criterion = 0;
  for (int iteration = 0; iteration < 1000; ++iteration) {
    const MatrixXd b = z * rot;
    const Eigen::RowVectorXd column_ss = b.cwiseAbs2().colwise().sum() / static_cast<double>(p);
    const MatrixXd target = b.cwiseAbs2().cwiseProduct(b) - b * column_ss.asDiagonal();
    const Eigen::JacobiSVD<MatrixXd> svd(z.transpose() * target,
                                         Eigen::ComputeFullU | Eigen::ComputeFullV);
    rot = svd.matrixU() * svd.matrixV().transpose();
    const double next = svd.singularValues().sum();
    if (next < criterion * (1 + 1e-8)) break;
    criterion = next;
  }
  return to_loadings(l * rot);
}

ObliqueRotation oblimin(const Loadings& loadings, double gamma) {
  ObliqueRotation out;
  const auto p = static_cast<Index>(loadings.items);
  const auto k = static_cast<Index>(loadings.factors);
  MatrixXd a(p, k);
  for (Index i = 0; i < p; ++i)
    for (Index j = 0; j < k; ++j)
      a(i, j) = loadings(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
  MatrixXd t = MatrixXd::Identity(k, k);
  MatrixXd l = a;
  MatrixXd gq;
  double f = oblimin_criterion(l, gamma, gq);
  MatrixXd g = -(l.transpose() * gq * t.inverse()).transpose();
  double step = 1;
  constexpr int max_iterations = 10000;
  bool converged = false;
  for (out.iterations = 0; out.iterations <= max_iterations; ++out.iterations) {
    // Project the gradient onto the tangent space of the unit-column manifold.
    const VectorXd d = t.cwiseProduct(g).colwise().sum().transpose();
    const MatrixXd gp = g - t * d.asDiagonal();
    const double s = gp.norm();
    if (s < 1e-7) {
      converged = true;
      break;
    }
    step *= 2;
    MatrixXd tt;
    MatrixXd lt;
    MatrixXd gqt;
    double ft = f;
    for (int halving = 0; halving <= 10; ++halving) {
      tt = t - step * gp;
      tt = tt * tt.colwise().norm().cwiseInverse().asDiagonal();
      lt = a * tt.transpose().inverse();
      ft = oblimin_criterion(lt, gamma, gqt);
      if (f - ft > 0.5 * s * s * step) break;
      step /= 2;
    }
    t = tt;
    l = lt;
    f = ft;
    g = -(l.transpose() * gqt * t.inverse()).transpose();
  }
  if (!converged) {
    out.status = StatStatus::not_converged;
    return out;
  }
  MatrixXd phi = t.transpose() * t;
  for (Index j = 0; j < k; ++j)
    if (l.col(j).sum() < 0) {
      l.col(j) = -l.col(j);
      phi.row(j) = -phi.row(j);
      phi.col(j) = -phi.col(j);
    }
  out.pattern = to_loadings(l);
  out.phi.k = static_cast<std::size_t>(k);
  for (Index i = 0; i < k; ++i)
    for (Index j = 0; j < k; ++j) out.phi.values.push_back(phi(i, j));
  return out;
}

}  // namespace securebase::stats
