// The distribution functions behind the statistics (internal): the standard normal, the
// regularised incomplete gamma function (chi-square) and the regularised incomplete beta
// function (F), each tail and each quantile. Relative error about 1e-14 at any size of the
// parameters; docs/stats.md ("Distribution functions") says how, and where it is looser.
#pragma once

namespace securebase::detail {

/// Both tails of a distribution at one point, each to full relative precision (the smaller one
/// is never computed as 1 minus the larger): lower = P(X <= x), upper = P(X > x).
struct Tails {
  double lower = 0;  ///< P(X <= x)
  double upper = 0;  ///< P(X > x)
};

/// The standard normal at z (R's pnorm, both tails); NaN for NaN.
Tails normal_tails(double z) noexcept;

/// The z with P(Z <= z) = p (R's qnorm): -inf for 0, +inf for 1, NaN outside [0, 1].
double normal_quantile(double p) noexcept;

/// The regularised incomplete gamma functions P(a, x) and Q(a, x) (R's pgamma with shape a,
/// rate 1); NaN unless a > 0 and finite and x is not NaN. Throws Error 901 (internal) if an
/// evaluation does not converge, which the choice of method is meant to rule out.
Tails gamma_tails(double a, double x);

/// The chi-square distribution with df degrees of freedom at q (R's pchisq); as gamma_tails.
Tails chi_square_tails(double q, double df);

/// The q with P(X <= q) = p for chi-square with df degrees of freedom (R's qchisq): 0 for p = 0,
/// +inf for p = 1, NaN for p outside [0, 1] or df not positive and finite.
double chi_square_quantile(double p, double df);

/// The regularised incomplete beta function I_x(a, b) and 1 - I_x(a, b) (R's pbeta); NaN unless
/// a, b > 0 and finite and x is not NaN. Errors as gamma_tails.
Tails beta_tails(double x, double a, double b);

/// The x with I_x(a, b) = p (R's qbeta): 0 for p = 0, 1 for p = 1, NaN otherwise outside (0, 1).
double beta_quantile(double p, double a, double b);

/// The F distribution with (df1, df2) degrees of freedom at q (R's pf); as beta_tails.
Tails f_tails(double q, double df1, double df2);

/// The q with P(F <= q) = p (R's qf): 0 for p = 0, +inf for p = 1, NaN for p outside [0, 1] or
/// degrees of freedom not positive and finite.
double f_quantile(double p, double df1, double df2);

/// R's qf itself: f_quantile, except that above 4e5 degrees of freedom it takes R's limit,
/// chi_square_quantile(p, df1) / df1 when df1 <= df2 and df2 > 4e5, else df2 /
/// chi_square_quantile(1 - p, df2) when df1 > 4e5. psych::alpha.ci's Feldt bounds use it.
double f_quantile_r(double p, double df1, double df2);

}  // namespace securebase::detail
