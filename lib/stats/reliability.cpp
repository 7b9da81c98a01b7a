// Alpha as psych::alpha computes it (from the keyed covariance matrix), and the F quantile for
// Feldt's interval by inverting the regularised incomplete beta function.
#include "securebase/stats/reliability.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <limits>

namespace securebase::stats {
namespace {

Eigen::MatrixXd to_eigen(const SquareMatrix& m) {
  const auto k = static_cast<Eigen::Index>(m.k);
  Eigen::MatrixXd e(k, k);
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j)
      e(i, j) = m(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
  return e;
}

// Continued fraction of the incomplete beta function (modified Lentz's method).
double beta_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  constexpr double eps = 1e-16;
  double c = 1;
  double d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 100000; ++m) {
    const double md = m;
    const double m2 = 2 * md;
    double num = md * (b - md) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    num = -(a + md) * (a + b + md) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < eps) break;
  }
  return h;
}

// Regularised incomplete beta I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

}  // namespace

double f_quantile(double p, double df1, double df2) {
  if (!(p > 0 && p < 1 && df1 > 0 && df2 > 0)) return std::nan("");
  // F = df2 x / (df1 (1 - x)) with x ~ Beta(df1 / 2, df2 / 2). x is found to machine precision
  // by Newton steps on I_x(a, b) - p (the Beta density as slope) inside a bisection bracket: a
  // step that leaves the bracket, or does not halve it, is replaced by bisection. With large
  // degrees of freedom each I_x costs a long continued fraction, and Newton needs a handful of
  // them where bisection needs about sixty.
  const double a = df1 / 2;
  const double b = df2 / 2;
  const double log_beta = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  double lo = 0;
  double hi = 1;
  double x = 0.5;
  for (int i = 0; i < 2000; ++i) {
    const double f = incomplete_beta(a, b, x) - p;
    if (f < 0)
      lo = x;
    else
      hi = x;
    if (f == 0) break;
    const double density = std::exp((a - 1) * std::log(x) + (b - 1) * std::log1p(-x) - log_beta);
    double next = x - f / density;
    const double width = hi - lo;
    if (!(next > lo && next < hi) || !(std::fabs(next - x) < width / 2))
      next = lo + width / 2;                           // bisection
    if (next <= lo || next >= hi || next == x) break;  // no double between: converged
    x = next;
  }
  return df2 * x / (df1 * (1 - x));
}

SquareMatrix without(const SquareMatrix& m, std::size_t drop) {
  SquareMatrix out;
  out.k = m.k - 1;
  out.values.reserve(out.k * out.k);
  for (std::size_t i = 0; i < m.k; ++i) {
    if (i == drop) continue;
    for (std::size_t j = 0; j < m.k; ++j)
      if (j != drop) out.values.push_back(m(i, j));
  }
  return out;
}

SquareMatrix to_correlation(const SquareMatrix& c) {
  SquareMatrix r = c;
  for (std::size_t i = 0; i < c.k; ++i)
    for (std::size_t j = 0; j < c.k; ++j)
      r.values[i * c.k + j] = i == j ? 1.0 : c(i, j) / std::sqrt(c(i, i) * c(j, j));
  return r;
}

Alpha cronbach_alpha(const SquareMatrix& c, double n) {
  const double nan = std::nan("");
  Alpha a;
  a.items = c.k;
  a.n = n;
  const auto fail = [&](StatStatus s) {
    a.status = s;
    a.raw = a.standardised = a.average_r = a.ase = nan;
    a.feldt = a.duhachek = Interval{nan, nan};
    return a;
  };
  if (c.k < 2) return fail(StatStatus::too_few_items);
  for (double v : c.values)
    if (std::isnan(v)) return fail(StatStatus::no_pairs);
  for (std::size_t i = 0; i < c.k; ++i)
    if (!(c(i, i) > 0)) return fail(StatStatus::no_variance);
  const Eigen::MatrixXd cm = to_eigen(c);
  const Eigen::MatrixXd rm = to_eigen(to_correlation(c));
  const double k = static_cast<double>(c.k);
  const double sum_c = cm.sum();
  const double tr_c = cm.trace();
  if (!(sum_c > 0)) return fail(StatStatus::no_variance);
  const double sum_r = rm.sum();
  a.raw = (1 - tr_c / sum_c) * (k / (k - 1));
  a.standardised = (1 - k / sum_r) * (k / (k - 1));
  a.average_r = (sum_r - k) / (k * (k - 1));
  const Eigen::MatrixXd cc = cm * cm;
  const double q = (2 * k * k / ((k - 1) * (k - 1) * sum_c * sum_c * sum_c)) *
                   (sum_c * (cc.trace() + tr_c * tr_c) - 2 * tr_c * cc.sum());
  if (!(n >= 2)) {
    a.status = StatStatus::too_few_cases;
    a.ase = nan;
    a.feldt = a.duhachek = Interval{nan, nan};
    return a;
  }
  a.ase = std::sqrt(q / n);
  // psych prints raw -/+ 1.96 ase; we keep its constant so the two agree exactly.
  a.duhachek = Interval{a.raw - 1.96 * a.ase, a.raw + 1.96 * a.ase};
  const double df1 = n - 1;
  const double df2 = (n - 1) * (k - 1);
  a.feldt = Interval{1 - (1 - a.raw) * f_quantile(0.975, df1, df2),
                     1 - (1 - a.raw) * f_quantile(0.025, df1, df2)};
  return a;
}

}  // namespace securebase::stats
