// Alpha as psych::alpha computes it (from the keyed covariance matrix), with Feldt's interval
// from R's qf as psych takes it and from exact F quantiles (stats/distributions.hpp).
#include "securebase/stats/reliability.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <utility>

#include "stats/distributions.hpp"

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

// The F quantiles of Feldt's interval on (df1, df2) degrees of freedom: .025 and .975 by R's
// qf (psych's), then by the F distribution itself. The alphas if an item is dropped of one scale
// share their degrees of freedom, so the last pair is kept (per thread).
struct FeldtQuantiles {
  double r_low, r_high, low, high;
};

FeldtQuantiles feldt_quantiles(double df1, double df2) {
  thread_local double last_df1 = std::nan("");
  thread_local double last_df2 = std::nan("");
  thread_local FeldtQuantiles last{0, 0, 0, 0};
  if (df1 != last_df1 || df2 != last_df2) {
    last = {detail::f_quantile_r(0.025, df1, df2), detail::f_quantile_r(0.975, df1, df2),
            detail::f_quantile(0.025, df1, df2), detail::f_quantile(0.975, df1, df2)};
    last_df1 = df1;
    last_df2 = df2;
  }
  return last;
}

}  // namespace

double f_quantile(double p, double df1, double df2) { return detail::f_quantile(p, df1, df2); }

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
    a.feldt = a.feldt_exact = a.duhachek = Interval{nan, nan};
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
    a.feldt = a.feldt_exact = a.duhachek = Interval{nan, nan};
    return a;
  }
  a.ase = std::sqrt(q / n);
  // psych prints raw -/+ 1.96 ase; we keep its constant so the two agree exactly.
  a.duhachek = Interval{a.raw - 1.96 * a.ase, a.raw + 1.96 * a.ase};
  const double df1 = n - 1;
  const double df2 = (n - 1) * (k - 1);
  const FeldtQuantiles f = feldt_quantiles(df1, df2);
  a.feldt = Interval{1 - (1 - a.raw) * f.r_high, 1 - (1 - a.raw) * f.r_low};
  a.feldt_exact = Interval{1 - (1 - a.raw) * f.high, 1 - (1 - a.raw) * f.low};
  return a;
}

}  // namespace securebase::stats
