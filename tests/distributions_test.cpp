// Tests of the distribution functions (lib/stats/distributions.hpp) against the reference table
// of tests/oracle/distributions.R (base R 4.2.2), printed in tests/oracle/distributions.out:
// F, chi-square, beta and normal quantiles and both tails at p = .001, .025, .5, .975, .999 and
// in far tails, degrees of freedom 1 to 1e8 and the Feldt pairs (N - 1, (N - 1)(k - 1)).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "securebase/stats/reliability.hpp"
#include "stats/distributions.hpp"
#include "support/near.hpp"
#include "support/oracle_csv.hpp"

namespace dist = securebase::detail;
namespace st = securebase::stats;
using securebase::test::near;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double inf = std::numeric_limits<double>::infinity();

struct Row {
  std::string fn;
  double a = 0;
  double b = 0;
  double arg = 0;
  double value = 0;
  double density = 0;  // NaN for quantiles
};

// The "table" block of distributions.out.
std::vector<Row> table() {
  std::ifstream in(std::string(SECUREBASE_SOURCE_DIR) + "/tests/oracle/distributions.out");
  REQUIRE(in.good());
  std::vector<Row> rows;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside) {
      inside = line == "table";
      std::getline(in, line);  // the header
      continue;
    }
    if (line == "end") break;
    const auto c = securebase::test::split_commas(line);
    REQUIRE(c.size() == 6);
    const auto number = [](const std::string& s) {
      return s == "NA" ? std::nan("") : std::strtod(s.c_str(), nullptr);
    };
    rows.push_back({c[0], number(c[1]), number(c[2]), number(c[3]), number(c[4]), number(c[5])});
  }
  return rows;
}

// Our value for a row of the table.
double ours(const Row& r) {
  const bool upper = r.fn.ends_with("_upper");
  const auto pick = [&](dist::Tails t) { return upper ? t.upper : t.lower; };
  if (r.fn == "qf") return dist::f_quantile(r.arg, r.a, r.b);
  if (r.fn == "qchisq") return dist::chi_square_quantile(r.arg, r.a);
  if (r.fn == "qbeta") return dist::beta_quantile(r.arg, r.a, r.b);
  if (r.fn == "qnorm") return dist::normal_quantile(r.arg);
  if (r.fn.starts_with("pf")) return pick(dist::f_tails(r.arg, r.a, r.b));
  if (r.fn.starts_with("pchisq")) return pick(dist::chi_square_tails(r.arg, r.a));
  if (r.fn.starts_with("pbeta")) return pick(dist::beta_tails(r.arg, r.a, r.b));
  if (r.fn.starts_with("pnorm")) return pick(dist::normal_tails(r.arg));
  FAIL("unknown function " << r.fn);
  return 0;
}

// How much a tail moves, relatively, when its argument moves by one relative rounding:
// |x f(x) / P| (for the beta the larger of x and 1 - x, since 1 - x is formed too).
double condition(const Row& r) {
  const double x = r.fn.starts_with("pbeta") ? std::max(r.arg, 1 - r.arg) : r.arg;
  return std::fabs(x * r.density / r.value);
}

double relative(double got, double want) {
  return got == want ? 0 : std::fabs(got - want) / std::fabs(want);
}

}  // namespace

TEST_CASE("distribution functions match R's at every point of the reference table",
          "[stats][distributions]") {
  const std::vector<Row> rows = table();
  REQUIRE(rows.size() > 4000);
  double worst = 0;
  std::string worst_at;
  std::size_t looser = 0;
  for (const Row& r : rows) {
    if (r.fn == "qf_r") continue;  // R's own qf where it takes a limit: the next test case
    INFO(r.fn << "(" << r.arg << "; " << r.a << ", " << r.b << ")");
    const double got = ours(r);
    const double rel = relative(got, r.value);
    // source: distributions.out. Quantiles are well conditioned (the tail moves at least as
    // fast as the quantile, relatively): 1e-12 everywhere. A tail is as exact as its argument:
    // its relative error is at least its condition number times the rounding of the
    // transformations of x that R and we make differently (x / (x + df2 / df1), 1 - x, z /
    // sqrt 2), up to about 64 roundings in the table. So the bound is 1e-12, or 128 roundings
    // times the condition number where that is larger: 19 of the table's 3,386 tails, all
    // with both degrees of freedom (twice the shapes) of 999,999 or more and condition numbers
    // of 5e3 to 5e5; the largest error is 4.5e-12 (pbeta(0.49968; 5e7, 5e7) = 1e-10).
    double bound = 1e-12;
    if (r.fn[0] == 'p') {
      const double kappa = condition(r);
      if (128 * eps * kappa > bound) {
        bound = 128 * eps * kappa;
        if (rel > 1e-12) {
          ++looser;
          CHECK(std::min(r.a, r.b) >= 5e5);
        }
      }
    }
    CHECK(rel <= bound);
    if (rel > worst) {
      worst = rel;
      worst_at = r.fn + "(" + std::to_string(r.arg) + "; " + std::to_string(r.a) + ", " +
                 std::to_string(r.b) + ")";
    }
  }
  INFO("largest relative error " << worst << " at " << worst_at);
  CHECK(worst < 5e-12);
  CHECK(looser <= 19);
}

TEST_CASE("R's qf above 4e5 degrees of freedom is the chi-square limit, not the F quantile",
          "[stats][distributions]") {
  // source: distributions.out, qf_r rows = R's qf(p, a, b) where a or b > 4e5. R computes
  // qchisq(p, df1) / df1 when df1 <= df2, else df2 / qchisq(p, df2, lower.tail = FALSE) ("For
  // qf, via qchisq for large df2", ?qf). psych::alpha.ci calls qf, so psych's Feldt interval
  // is this limit there: f_quantile_r follows it for psych's Feldt bounds, f_quantile gives the
  // F quantile itself (docs/stats.md).
  std::size_t checked = 0;
  for (const Row& r : table()) {
    if (r.fn != "qf_r") continue;
    INFO("qf(" << r.arg << "; " << r.a << ", " << r.b << ")");
    const double limit = r.a <= r.b ? dist::chi_square_quantile(r.arg, r.a) / r.a
                                    : r.b / dist::chi_square_quantile(1 - r.arg, r.b);
    CHECK_THAT(r.value, near(limit, 1e-12));
    CHECK_THAT(dist::f_quantile_r(r.arg, r.a, r.b), near(r.value, 1e-12));
    ++checked;
    // At the Feldt pair of the issue the two differ by 3.6e-4 relative (N = 51491, k = 18).
    if (r.a == 51490 && r.b == 875330 && r.arg == 0.975) {
      CHECK_THAT(r.value, near(1.0122519778890158, 1e-15));
      CHECK_THAT(dist::f_quantile(r.arg, r.a, r.b), near(1.0126127700022884, 1e-12));
    }
  }
  CHECK(checked > 200);
}

TEST_CASE("Feldt's bounds for N = 30 to 1e7 and k = 6, 18, 36 against R",
          "[stats][distributions]") {
  // The bounds 1 - (1 - alpha) F(p; N - 1, (N - 1)(k - 1)), p = .975 and .025, as
  // psych::alpha.ci forms them. source: distributions.out. With R's own qf as psych gets it (the
  // qf_r rows where (N - 1)(k - 1) > 4e5, else qf, which R's qf equals there) for the bounds
  // securebase prints, and with the exact F quantiles (qf rows, exact inverses of pf) for
  // feldt_exact: both to 1e-9 (in fact 1e-14). Beyond 4e5 df the two differ by (1 - alpha)
  // times 1.2e-5 (N = 1e7, k = 36) to 3.6e-4 (N = 51,491, k = 18).
  const double alpha = 0.9;
  const std::vector<Row> rows = table();
  std::size_t pairs = 0;
  for (const Row& r : rows) {
    if (r.fn != "qf" || !(r.arg == 0.025 || r.arg == 0.975)) continue;
    const double n = r.a + 1;
    const double k = r.b / r.a + 1;
    const bool feldt = (n == 30 || n == 2800 || n == 51491 || n == 1e6 || n == 1e7) &&
                       (k == 6 || k == 18 || k == 36);
    if (!feldt) continue;
    INFO("N = " << n << ", k = " << k << ", p = " << r.arg);
    const double exact = 1 - (1 - alpha) * st::f_quantile(r.arg, r.a, r.b);
    CHECK_THAT(exact, near(1 - (1 - alpha) * r.value, 1e-9));
    double r_qf = r.value;
    for (const Row& s : rows)
      if (s.fn == "qf_r" && s.a == r.a && s.b == r.b && s.arg == r.arg) r_qf = s.value;
    const double printed = 1 - (1 - alpha) * dist::f_quantile_r(r.arg, r.a, r.b);
    CHECK_THAT(printed, near(1 - (1 - alpha) * r_qf, 1e-9));
    if (r.b > 4e5) CHECK(std::fabs(printed - exact) > 1e-7);
    ++pairs;
  }
  CHECK(pairs == 30);  // 15 pairs, 2 probabilities
}

TEST_CASE("distribution functions at the edges of their domains", "[stats][distributions]") {
  const double nan = std::nan("");
  // source: definitions (R gives the same: qf(0, ...) = 0, qf(1, ...) = Inf, qbeta(1, ...) = 1)
  CHECK(dist::f_quantile(0, 3, 4) == 0);
  CHECK(dist::f_quantile(1, 3, 4) == inf);
  CHECK(std::isnan(dist::f_quantile(1.5, 3, 4)));
  CHECK(std::isnan(dist::f_quantile(-0.1, 3, 4)));
  CHECK(std::isnan(dist::f_quantile(nan, 3, 4)));
  CHECK(std::isnan(dist::f_quantile(0.5, 0, 4)));
  CHECK(std::isnan(dist::f_quantile(0.5, 3, inf)));
  CHECK(dist::chi_square_quantile(0, 3) == 0);
  CHECK(dist::chi_square_quantile(1, 3) == inf);
  CHECK(std::isnan(dist::chi_square_quantile(0.5, -1)));
  CHECK(dist::beta_quantile(0, 2, 3) == 0);
  CHECK(dist::beta_quantile(1, 2, 3) == 1);
  CHECK(std::isnan(dist::beta_quantile(0.5, 2, nan)));
  CHECK(dist::normal_quantile(0) == -inf);
  CHECK(dist::normal_quantile(1) == inf);
  CHECK(dist::normal_quantile(0.5) == 0);
  CHECK(std::isnan(dist::normal_quantile(2)));
  const auto same = [](dist::Tails t, double lower, double upper) {
    CHECK(t.lower == lower);
    CHECK(t.upper == upper);
  };
  same(dist::f_tails(0, 3, 4), 0, 1);
  same(dist::f_tails(-1, 3, 4), 0, 1);
  same(dist::f_tails(inf, 3, 4), 1, 0);
  same(dist::chi_square_tails(0, 3), 0, 1);
  same(dist::chi_square_tails(inf, 3), 1, 0);
  same(dist::beta_tails(0, 2, 3), 0, 1);
  same(dist::beta_tails(1, 2, 3), 1, 0);
  same(dist::normal_tails(-inf), 0, 1);
  same(dist::normal_tails(inf), 1, 0);
  CHECK(std::isnan(dist::f_tails(nan, 3, 4).lower));
  CHECK(std::isnan(dist::gamma_tails(0, 1).upper));
  CHECK(std::isnan(dist::beta_tails(0.5, -1, 3).lower));
  // source: hand computation. Beta(1, 1) is uniform; chi-square with 2 df has upper tail
  // exp(-q / 2); F(2, 2) has lower tail q / (1 + q); the normal is symmetric.
  CHECK_THAT(dist::beta_tails(0.3, 1, 1).lower, near(0.3, 1e-15));
  CHECK_THAT(dist::chi_square_tails(3, 2).upper, near(std::exp(-1.5), 1e-15));
  CHECK_THAT(dist::f_tails(3, 2, 2).lower, near(0.75, 1e-15));
  CHECK_THAT(dist::f_quantile(0.75, 2, 2), near(3, 1e-15));
  CHECK(dist::normal_tails(1.5).upper == dist::normal_tails(-1.5).lower);
  CHECK_THAT(dist::normal_quantile(0.3), near(-dist::normal_quantile(0.7), 1e-15));
  // The public F quantile is this one.
  CHECK(st::f_quantile(0.975, 51490, 875330) == dist::f_quantile(0.975, 51490, 875330));
}

TEST_CASE("quantiles invert their tails over a million-fold range of parameters",
          "[stats][distributions][property]") {
  // Shapes log-uniform in [1/2, 1e9], tail probabilities down to 1e-300: the tail at the
  // quantile equals the probability to within 1e-12 times the tail's condition number (an
  // argument one rounding off moves the tail by that much; it is large where a quantile near 1
  // leaves few digits to 1 - x).
  std::mt19937_64 random(20261207);
  std::uniform_real_distribution<double> unit(0, 1);
  const auto shape = [&] { return std::exp(std::log(0.5) + unit(random) * std::log(2e9)); };
  for (int i = 0; i < 600; ++i) {
    const double a = shape();
    const double b = shape();
    double p = 0.5 * std::pow(10.0, -unit(random) * (unit(random) < 0.3 ? 300 : 6));
    if (unit(random) < 0.5) p = 1 - p;
    if (p == 1) continue;
    const int kind = i % 3;
    INFO("kind " << kind << ", a " << a << ", b " << b << ", p " << p);
    const auto tail = [&](double x) {
      const dist::Tails t = kind == 0   ? dist::f_tails(x, 2 * a, 2 * b)
                            : kind == 1 ? dist::beta_tails(x, a, b)
                                        : dist::chi_square_tails(x, 2 * a);
      return p > 0.5 ? t.upper : t.lower;
    };
    const double q = kind == 0   ? dist::f_quantile(p, 2 * a, 2 * b)
                     : kind == 1 ? dist::beta_quantile(p, a, b)
                                 : dist::chi_square_quantile(p, 2 * a);
    REQUIRE(std::isfinite(q));
    if (q < 1e-300) continue;  // a subnormal quantile has fewer digits
    const double target = p > 0.5 ? 1 - p : p;
    const double h = 1e-9;
    double kappa = std::fabs(tail(q * (1 + h)) - tail(q * (1 - h))) / (2 * h * target);
    if (kind == 1)
      kappa = std::max(kappa,
                       std::fabs(tail(q + h * (1 - q)) - tail(q - h * (1 - q))) / (2 * h * target));
    CHECK(relative(tail(q), target) <= 1e-12 * std::max(1.0, kappa));
  }
}

TEST_CASE("Feldt's interval uses the F quantiles of its own degrees of freedom",
          "[stats][distributions]") {
  // cronbach_alpha keeps the last pair of quantiles: alternating sizes must not mix them up.
  st::SquareMatrix c{3, {1.0, 0.5, 0.4, 0.5, 1.0, 0.3, 0.4, 0.3, 1.0}};
  for (double n : {30.0, 51491.0, 30.0, 1e7, 51491.0}) {
    const st::Alpha a = st::cronbach_alpha(c, n);
    const double df1 = n - 1;
    const double df2 = (n - 1) * 2;
    // source: psych::alpha.ci's formula, with R's qf and with exact F quantiles
    CHECK(a.feldt.lower == 1 - (1 - a.raw) * dist::f_quantile_r(0.975, df1, df2));
    CHECK(a.feldt.upper == 1 - (1 - a.raw) * dist::f_quantile_r(0.025, df1, df2));
    CHECK(a.feldt_exact.lower == 1 - (1 - a.raw) * dist::f_quantile(0.975, df1, df2));
    CHECK(a.feldt_exact.upper == 1 - (1 - a.raw) * dist::f_quantile(0.025, df1, df2));
  }
}
