// Distribution functions (see distributions.hpp and docs/stats.md, "Distribution functions").
//
// Each tail of the incomplete gamma and beta functions is computed on its own side of the mean
// (the other is 1 minus it): as a front factor times a continued fraction where the fraction
// keeps its precision, else as the integral of the density from x to the end of the support by
// Gauss-Legendre panels ("march"). The front factor x^a y^b / B(a, b) (or x^a e^-x / Gamma(a))
// and the density are formed from the relative deviation of x from the mean,
// exp(-a phi(x / x0) - b phi(y / y0)) with phi(u) = u - 1 - log u, and Stirling's series, so
// that no two large logarithms are subtracted. Quantiles: Newton's method on the tail against
// log x inside a bracket, from a normal approximation.
#include "stats/distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <utility>

#include "core/number_format.hpp"
#include "securebase/core/error.hpp"

namespace securebase::detail {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inv_sqrt_2pi = 0.39894228040143267793994605993438;  // 1 / sqrt(2 pi)
constexpr double log_sqrt_2pi = 0.91893853320467274178032973640562;  // log sqrt(2 pi)
constexpr double two_over_sqrt_pi = 1.1283791670955125738961589031215;
// 1 / sqrt(2) rounded to a double, and what the rounding left out.
constexpr double inv_sqrt2 = 0.70710678118654752440084436210485;
constexpr double inv_sqrt2_lo = -4.8336466567264565185935844299128e-17;

// The largest loss of precision allowed to a continued fraction: near the mean of a
// distribution with a large shape parameter its first terms nearly cancel (1 + d_1 is about
// (1 - d) / (a + 1) for the beta), and it loses about (a + 1) / (1 - d) roundings. Beyond this
// the tail is integrated instead.
constexpr double max_loss = 32;
// Terms of a continued fraction, and panels of a march, before an evaluation counts as not
// converging. Where they are used, 200,000 random quantiles with shapes from 1/2 to 1e9 and
// tails down to 1e-300 needed at most 117 terms and 11 panels (shapes from 1e-3: 2,406 and 80).
constexpr int max_terms = 10000;
constexpr int max_panels = 400;

[[noreturn]] void not_converged(const char* what, double p1, double p2, double p3) {
  throw Error(ErrorCode::internal, std::string("stats::") + what,
              "the evaluation did not converge for (" + format_number(p1) + ", " +
                  format_number(p2) + ", " + format_number(p3) + "); please report this bug");
}

// t - log(1 + t) for t > -1 given also as ratio = 1 + t (accurate on its own where t is near
// -1), without cancellation near 0: with w = t / (2 + t), log(1 + t) = 2 atanh(w) =
// 2 (w + w^3/3 + w^5/5 + ...) and t - 2w = t w.
double log1pmx(double t, double ratio) {
  if (!(std::fabs(t) <= 0.5)) return t - std::log(ratio);
  const double w = t / (2 + t);  // |w| <= 1/3
  const double w2 = w * w;
  // sum over k of w2^k / (2k + 3): the terms left out are below 2^-55 of the first, for
  // w2 <= 1e-4 after 4 terms, w2 <= 1e-2 after 9, w2 <= 1/9 after 19.
  constexpr std::array<double, 19> c = {1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,  1.0 / 11,
                                        1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21,
                                        1.0 / 23, 1.0 / 25, 1.0 / 27, 1.0 / 29, 1.0 / 31,
                                        1.0 / 33, 1.0 / 35, 1.0 / 37, 1.0 / 39};
  const std::size_t terms = w2 <= 1e-4 ? 4 : w2 <= 1e-2 ? 9 : 19;
  double sum = 0;
  for (std::size_t k = terms; k-- > 0;) sum = sum * w2 + c[k];
  return t * w - 2 * w * w2 * sum;
}

// The remainder of Stirling's series, lgamma(z) - ((z - 1/2) log z - z + log sqrt(2 pi)): for
// z >= 10 by the series itself (Bernoulli numbers B_2k / (2k (2k - 1)), k = 1..8; the next term
// is below 2e-18), else from lgamma.
double stirling_remainder(double z) {
  if (z >= 10) {
    const double w = 1 / (z * z);
    const double series =
        1.0 / 12 +
        w * (-1.0 / 360 +
             w * (1.0 / 1260 +
                  w * (-1.0 / 1680 +
                       w * (1.0 / 1188 +
                            w * (-691.0 / 360360 + w * (1.0 / 156 + w * (-3617.0 / 122400)))))));
    return series / z;
  }
  return std::lgamma(z) - ((z - 0.5) * std::log(z) - z + log_sqrt_2pi);
}

// Modified Lentz evaluation of b0 + a1 / (b1 + a2 / (b2 + ...)); term(n) gives {a_n, b_n}. Stops
// when two successive factors are within one rounding of 1.
template <class Term>
double lentz(double b0, Term term, const char* what, double p1, double p2, double p3) {
  constexpr double tiny = 1e-300;
  double f = b0 == 0 ? tiny : b0;
  double c = f;
  double d = 0;
  int close = 0;
  for (int n = 1; n <= max_terms; ++n) {
    const auto [an, bn] = term(n);
    d = bn + an * d;
    if (d == 0) d = tiny;
    c = bn + an / c;
    if (c == 0) c = tiny;
    d = 1 / d;
    const double delta = c * d;
    f *= delta;
    close = std::fabs(delta - 1) <= eps ? close + 1 : 0;
    if (close == 2) return f;
  }
  not_converged(what, p1, p2, p3);
}

// Gauss-Legendre nodes and weights on [-1, 1], 20 points: Newton's method on P_20 from
// Tricomi's approximations to its zeros.
struct Legendre {
  static constexpr int n = 20;
  std::array<double, n> node{};
  std::array<double, n> weight{};
};

const Legendre& legendre() {
  static const Legendre rule = [] {
    Legendre r;
    constexpr int n = Legendre::n;
    for (int i = 0; i < n; ++i) {
      double x = std::cos(std::numbers::pi * (i + 0.75) / (n + 0.5));
      double slope = 1;
      for (int step = 0; step < 100; ++step) {
        double p0 = 1;
        double p1 = x;
        for (int k = 2; k <= n; ++k) {
          const double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        slope = n * (x * p1 - p0) / (x * x - 1);
        const double dx = p1 / slope;
        x -= dx;
        if (std::fabs(dx) <= eps) break;
      }
      r.node[static_cast<std::size_t>(i)] = x;
      r.weight[static_cast<std::size_t>(i)] = 2 / ((1 - x * x) * slope * slope);
    }
    return r;
  }();
  return rule;
}

// The tail integral of a density from a point x to the end of its support, as a function of
// the distance w >= 0 from x (up to `end`, which may be infinite): 10-point Gauss-Legendre
// panels of 1, 1, 2, 2, then 4 lengths unit(w), where unit is at most the scale on which the
// density falls by a factor e (and keeps singularities 4 panel halves away). After each panel,
// rest(w, density(w)) bounds what is left (the density is log-concave beyond w, or falls at
// least at a known rate); the march stops when that is below eps / 8 of the sum.
template <class Density, class Unit, class Cap, class Rest>
double march(double end, Density density, Unit unit, Cap cap, Rest rest, const char* what,
             double p1, double p2, double p3) {
  const Legendre& g = legendre();
  double sum = 0;
  double w = 0;
  for (int k = 0; k < max_panels; ++k) {
    const double times = k < 4 ? std::ldexp(1.0, k) : 16.0;
    const double width = std::min({times * unit(w), cap(w), end - w});
    double part = 0;
    for (int i = 0; i < Legendre::n; ++i) {
      const auto j = static_cast<std::size_t>(i);
      part += g.weight[j] * density(w + 0.5 * width * (1 + g.node[j]));
    }
    sum += 0.5 * width * part;
    w += width;
    if (!(w < end) || rest(w, density(w)) <= 0.125 * eps * sum) return sum;
  }
  not_converged(what, p1, p2, p3);
}

// ---- normal ----

// P(Z <= z) = erfc(-z / sqrt 2) / 2, with the rounding of -z / sqrt 2 corrected to first order
// (erfc(x + e) = erfc(x) - e 2 / sqrt(pi) exp(-x^2)), which matters far in the tails.
double normal_lower(double z) {
  if (std::isinf(z)) return z > 0 ? 1 : 0;
  const double w = -z;
  const double x = w * inv_sqrt2;
  const double e = std::fma(w, inv_sqrt2, -x) + w * inv_sqrt2_lo;
  const double tail = std::erfc(x);
  return 0.5 * (tail - e * two_over_sqrt_pi * std::exp(-x * x));
}

// The z <= 0 with P(Z <= z) = p, 0 < p <= 1/2: Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4)
// as the start, then Halley's steps on P(Z <= z) - p, each about tripling the correct digits.
// Above p = 1/4 the steps solve erf(w / sqrt 2) / 2 = 1/2 - p for w = -z instead (1/2 - p is
// exact there), so that z keeps its relative precision near 0.
double normal_lower_quantile(double p) {
  if (p == 0.5) return 0;
  const double t = std::sqrt(-2 * std::log(p));
  double z = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) /
                       (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  const bool middle = p > 0.25;
  const double half_gap = 0.5 - p;
  for (int i = 0; i < 8; ++i) {
    const double density = inv_sqrt_2pi * std::exp(-0.5 * z * z);
    if (!(density > 0)) break;  // p below the normal doubles: as close as they allow
    const double excess = middle ? half_gap - 0.5 * std::erf(-z * inv_sqrt2) : normal_lower(z) - p;
    const double u = excess / density;
    const double step = u / (1 + 0.5 * z * u);
    z -= step;
    if (std::fabs(step) <= 2 * eps * std::fabs(z)) break;
  }
  return z;
}

// ---- gamma ----

// A point x of the gamma distribution with shape a: t = x / a - 1 and ratio = x / a, each as
// accurate as the caller can make it.
struct GammaPoint {
  double x = 0;
  double t = -1;
  double ratio = 0;
};

// x^a e^-x / Gamma(a) (the front of both fractions; d P / d log x).
double gamma_front(double a, const GammaPoint& p) {
  return std::sqrt(a) * inv_sqrt_2pi * std::exp(-a * log1pmx(p.t, p.ratio) - stirling_remainder(a));
}

// P(a, x) = front * 1 / (a - a x / (a + 1 + x / (a + 2 - (a + 1) x / (a + 3 + 2 x / ...))))
// (DLMF 8.9.2): a_(2k+1) = -(a + k) x, a_(2k) = k x, b_n = a + n.
double gamma_lower_fraction(double a, double x) {
  const double f = lentz(
      a,
      [&](int n) {
        const int half = n / 2;
        const auto k = static_cast<double>(half);
        const double an = n % 2 == 1 ? -(a + k) * x : k * x;
        return std::pair{an, a + n};
      },
      "gamma_tails", a, x, 0);
  return 1 / f;
}

// Q(a, x) = front / (x + 1 - a - 1 (1 - a) / (x + 3 - a - 2 (2 - a) / ...)) (Legendre's fraction).
double gamma_upper_fraction(double a, double x) {
  const double f = lentz(
      x + 1 - a,
      [&](int n) {
        return std::pair{-n * (n - a), x + 2 * n + 1 - a};
      },
      "gamma_tails", a, x, 1);
  return 1 / f;
}

// The gamma density at x + v (v < 0 below x), from the offset u = x + v - a.
struct GammaDensity {
  double a = 1;
  double scale = 0;  // sqrt(a / (2 pi)) exp(-stirling remainder)
  double operator()(double u, double at) const {
    return scale * std::exp(-a * log1pmx(u / a, at / a)) / at;
  }
};

// The tail of the gamma distribution beyond p (below it when `lower`) by march; a >= 1 below.
double gamma_march(double a, const GammaPoint& p, bool lower) {
  const GammaDensity f{a, std::sqrt(a) * inv_sqrt_2pi * std::exp(-stirling_remainder(a))};
  const double sd = std::sqrt(a);
  const double u0 = a * p.t;
  const double sign = lower ? -1.0 : 1.0;
  const auto at = [&](double w) { return p.x + sign * w; };
  // The density falls at the rate s(y) = -+(d log f / dy) = +-((a - 1) / y - 1) moving away.
  const auto rate = [&](double w) { return sign * (1 - (a - 1) / at(w)); };
  return march(
      lower ? p.x : std::numeric_limits<double>::infinity(),
      [&](double w) { return f(u0 + sign * w, at(w)); },
      [&](double w) {
        const double s = rate(w);
        return s > 0 ? std::min(sd, 1.0 / s) : sd;
      },
      [&](double w) { return 0.5 * at(w); },
      [&](double w, double density) {
        // Beyond w the rate is at least rate(w) (log-concave for a >= 1), or 1 above for a < 1.
        const double s = lower || a >= 1 ? rate(w) : 1.0;
        return s > 0 ? density / s : inf;
      },
      "gamma_tails", a, p.x, lower ? 0 : 1);
}

// Both tails of the gamma distribution with shape a at p: the tail on p's side of the mean a,
// by its continued fraction where that keeps its precision, else by march. Legendre's fraction
// for the upper tail converges slowly below x = 1, where the lower one serves.
Tails gamma_core(double a, const GammaPoint& p) {
  if (p.x <= 0) return {0, 1};
  if (p.x == inf) return {1, 0};
  const double d = a * p.t;  // x - a
  if (d <= 0 || (p.x < 1 && d < 1 && a / (1 - d) <= max_loss)) {
    const double lower = a / (1 - d) <= max_loss ? gamma_front(a, p) * gamma_lower_fraction(a, p.x)
                                                 : gamma_march(a, p, true);
    return {lower, 1 - lower};
  }
  const double upper = p.x / (1 + d) <= max_loss ? gamma_front(a, p) * gamma_upper_fraction(a, p.x)
                                                 : gamma_march(a, p, false);
  return {1 - upper, upper};
}

// The point q of the chi-square distribution with df degrees of freedom.
GammaPoint chi_square_point(double q, double df) { return {q / 2, (q - df) / df, q / df}; }

// ---- beta ----

// A point of the beta distribution with shapes a, b: x and y = 1 - x, and their ratios to the
// mean x0 = a / (a + b), y0 = b / (a + b): rx = x / x0, tx = rx - 1, ry = y / y0, ty = ry - 1
// (a tx = -b ty), each as accurate as the caller can make it.
struct BetaPoint {
  double x = 0;
  double y = 1;
  double tx = -1;
  double ty = 0;
  double rx = 0;
  double ry = 1;
};

// The same point of the mirrored distribution (shapes b, a; 1 - X).
BetaPoint mirror(const BetaPoint& p) { return {p.y, p.x, p.ty, p.tx, p.ry, p.rx}; }

// Both tails, and x^a y^b / B(a, b) (d I / d log q for the F value q).
struct BetaValue {
  Tails tails;
  double front = 0;
};

// x^a y^b / B(a, b) = sqrt(a b / (2 pi (a + b))) exp(-energy - stirling remainders), where
// energy = a (tx - log rx) + b (ty - log ry) = z^2 / 2.
double beta_front(double a, double b, double energy) {
  const double r = a + b;
  const double remainder = stirling_remainder(a) + stirling_remainder(b) - stirling_remainder(r);
  return std::sqrt(a / r * b) * inv_sqrt_2pi * std::exp(-energy - remainder);
}

double beta_energy(double a, double b, const BetaPoint& p) {
  return a * log1pmx(p.tx, p.rx) + b * log1pmx(p.ty, p.ry);
}

// I_x(a, b) = front / a * 1 / (1 + d1 / (1 + d2 / (1 + ...))) with
// d_(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
// d_(2m) = m (b - m) x / ((a + 2m - 1)(a + 2m)).
double beta_fraction(double a, double b, double x) {
  const double f = lentz(
      1.0,
      [&](int n) {
        const int half = n / 2;
        const auto m = static_cast<double>(half);
        const double an = n % 2 == 1 ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                                     : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        return std::pair{an, 1.0};
      },
      "beta_tails", a, b, x);
  return 1 / f;
}

// I_x(a, b) by march from x down to 0 (a >= 1).
double beta_march(double a, double b, const BetaPoint& p) {
  const double r = a + b;
  const double x0 = a / r;
  const double y0 = b / r;
  const double sd = std::sqrt(x0 * y0 / (r + 1));
  const double scale = beta_front(a, b, 0);
  const double u0 = x0 * p.tx;  // x - x0
  // At the distance w below x: t = x - w, 1 - t = y + w, t - x0 = u0 - w.
  const auto density = [&](double w) {
    const double t = p.x - w;
    const double s = p.y + w;
    const double u = u0 - w;
    const double e = a * log1pmx(u / x0, t / x0) + b * log1pmx(-u / y0, s / y0);
    return scale * std::exp(-e) / (t * s);
  };
  // d log f / dt = (a - 1) / t - (b - 1) / (1 - t): the rate at which f falls moving down.
  const auto rate = [&](double w) { return (a - 1) / (p.x - w) - (b - 1) / (p.y + w); };
  return march(
      p.x, density,
      [&](double w) {
        const double s = rate(w);
        return s > 0 ? std::min(sd, 1.0 / s) : sd;
      },
      [&](double w) { return 0.5 * std::min(p.x - w, p.y + w); },
      [&](double w, double f) {
        // Below t the rate is at least (a - 1) / t - max(0, b - 1) / (1 - t).
        const double s = (a - 1) / (p.x - w) - std::max(0.0, b - 1) / (p.y + w);
        return s > 0 ? f / s : inf;
      },
      "beta_tails", a, b, p.x);
}

// I_x(a, b) for a point at or below the mean: its continued fraction where that keeps its
// precision ((a + 1) / (1 - d) roundings lost, d = (a + b) x - a <= 0), else by march (then
// a >= max_loss - 1 >= 1).
double beta_lower(double a, double b, const BetaPoint& p, double front) {
  const double d = a * p.tx;
  if ((a + 1) / (1 - d) <= max_loss) return front / a * beta_fraction(a, b, p.x);
  return beta_march(a, b, p);
}

BetaValue beta_core(double a, double b, const BetaPoint& p) {
  if (p.x <= 0) return {{0, 1}, 0};
  if (p.y <= 0) return {{1, 0}, 0};
  const double front = beta_front(a, b, beta_energy(a, b, p));
  if (p.tx <= 0) {
    const double lower = beta_lower(a, b, p, front);
    return {{lower, 1 - lower}, front};
  }
  const double upper = beta_lower(b, a, mirror(p), front);
  return {{1 - upper, upper}, front};
}

// The point of the F value q with shapes a = df1 / 2, b = df2 / 2: x = a q / (a q + b).
BetaPoint f_point(double q, double a, double b) {
  const double s = a * q + b;
  const double r = a + b;
  return {a * q / s, b / s, b * (q - 1) / s, a * (1 - q) / s, r * q / s, r / s};
}

bool bad_shape(double a) { return !(a > 0 && a < inf); }

// ---- quantiles ----

// Newton's method for a tail against log v (v > 0), inside a bracket that every step narrows:
// value(v) gives both tails at v and d lower / d log v. A step that leaves the bracket is
// replaced by bisection (of log v while the bracket spans more than a factor 2). Returns when a
// step changes v by at most 2 roundings, or no longer shrinks (the tail's own rounding).
template <class Value>
double solve_tail(double p, double v, const char* what, double p1, double p2, Value value) {
  const bool upper = p > 0.5;
  const double target = upper ? 1 - p : p;  // exact for p > 1/2
  double lo = 0;
  double hi = inf;
  double last_step = inf;
  for (int i = 0; i < 2000; ++i) {
    const auto [tails, slope] = value(v);
    const double tail = upper ? tails.upper : tails.lower;
    if (tail == target) return v;
    if ((tail < target) != upper)
      lo = v;
    else
      hi = v;
    double next = nan;
    if (tail > 0 && slope > 0) {
      // log(tail) moves by +-slope / tail per unit of log v.
      const double step = std::log1p((target - tail) / tail) * tail / slope;
      next = v * std::exp(upper ? -step : step);
      if (next == v) return v;
    }
    if (!(next > lo && next < hi)) {
      if (lo == 0)
        next = hi / 16;
      else if (hi == inf)
        next = lo * 16;
      else
        next = hi > 2 * lo ? std::sqrt(lo) * std::sqrt(hi) : lo + 0.5 * (hi - lo);
    }
    const double step = std::fabs(next - v) / v;
    if (step <= 2 * eps || (hi < inf && hi - lo <= 2 * eps * hi)) return next;
    if (step < 1e-12 && step > 0.25 * last_step) return next;  // at the tail's own noise
    last_step = step;
    v = next;
  }
  not_converged(what, p, p1, p2);
}

// The F value with lower tail p, shapes a and b (q = (b / a) x / (1 - x) for x ~ Beta(a, b)).
// Start: Paulson's normal approximation to the cube root of F (Paulson 1942).
double f_shape_quantile(double p, double a, double b) {
  const double z = normal_quantile(p);
  const double ca = 1 / (9 * a);  // 2 / (9 df1)
  const double cb = 1 / (9 * b);
  const double qa = (1 - cb) * (1 - cb) - z * z * cb;
  const double qb = (1 - ca) * (1 - cb);
  const double qc = (1 - ca) * (1 - ca) - z * z * ca;
  const double disc = qb * qb - qa * qc;
  double start = 1;
  if (qa > 0 && disc >= 0) {
    const double root = (qb + std::copysign(std::sqrt(disc), z)) / qa;
    if (root > 0) start = root * root * root;
  }
  return solve_tail(p, start, "f_quantile", a, b, [&](double q) {
    const BetaValue v = beta_core(a, b, f_point(q, a, b));
    return std::pair{v.tails, v.front};
  });
}

}  // namespace

Tails normal_tails(double z) noexcept {
  if (std::isnan(z)) return {nan, nan};
  return {normal_lower(z), normal_lower(-z)};
}

double normal_quantile(double p) noexcept {
  if (!(p >= 0 && p <= 1)) return nan;
  if (p == 0) return -inf;
  if (p == 1) return inf;
  return p > 0.5 ? -normal_lower_quantile(1 - p) : normal_lower_quantile(p);
}

Tails gamma_tails(double a, double x) {
  if (bad_shape(a) || std::isnan(x)) return {nan, nan};
  return gamma_core(a, {x, x / a - 1, x / a});
}

Tails chi_square_tails(double q, double df) {
  if (bad_shape(df) || std::isnan(q)) return {nan, nan};
  return gamma_core(df / 2, chi_square_point(q, df));
}

double chi_square_quantile(double p, double df) {
  if (bad_shape(df) || !(p >= 0 && p <= 1)) return nan;
  if (p == 0) return 0;
  if (p == 1) return inf;
  const double a = df / 2;
  // Start: Wilson & Hilferty's cube root (1931), or for a lower tail that it puts below 0,
  // P(a, x) ~ x^a / Gamma(a + 1).
  const double c = 2 / (9 * df);
  const double base = 1 - c + normal_quantile(p) * std::sqrt(c);
  const double start =
      base > 0 ? df * base * base * base : 2 * std::exp((std::log(p) + std::lgamma(a + 1)) / a);
  return solve_tail(p, start, "chi_square_quantile", df, 0, [&](double q) {
    const GammaPoint point = chi_square_point(q, df);
    return std::pair{gamma_core(a, point), gamma_front(a, point)};
  });
}

Tails beta_tails(double x, double a, double b) {
  if (bad_shape(a) || bad_shape(b) || std::isnan(x)) return {nan, nan};
  if (x <= 0) return {0, 1};
  if (x >= 1) return {1, 0};
  const double r = a + b;
  const double d = std::fma(r, x, -a);  // r x - a = -(r y - b)
  const double y = 1 - x;
  return beta_core(a, b, {x, y, d / a, -d / b, x * r / a, y * r / b}).tails;
}

double beta_quantile(double p, double a, double b) {
  if (bad_shape(a) || bad_shape(b) || !(p >= 0 && p <= 1)) return nan;
  if (p == 0) return 0;
  if (p == 1) return 1;
  const double q = f_shape_quantile(p, a, b);
  return a * q / (a * q + b);
}

Tails f_tails(double q, double df1, double df2) {
  if (bad_shape(df1) || bad_shape(df2) || std::isnan(q)) return {nan, nan};
  if (q <= 0) return {0, 1};
  if (q == inf) return {1, 0};
  return beta_core(df1 / 2, df2 / 2, f_point(q, df1 / 2, df2 / 2)).tails;
}

double f_quantile(double p, double df1, double df2) {
  if (bad_shape(df1) || bad_shape(df2) || !(p >= 0 && p <= 1)) return nan;
  if (p == 0) return 0;
  if (p == 1) return inf;
  return f_shape_quantile(p, df1 / 2, df2 / 2);
}

double f_quantile_r(double p, double df1, double df2) {
  constexpr double r_limit = 4e5;  // R's qf switches to the chi-square limit above this
  if (bad_shape(df1) || bad_shape(df2) || !(p >= 0 && p <= 1)) return nan;
  if (df1 <= df2 && df2 > r_limit) return chi_square_quantile(p, df1) / df1;
  if (df1 > r_limit) return df2 / chi_square_quantile(1 - p, df2);
  return f_quantile(p, df1, df2);
}

}  // namespace securebase::detail
