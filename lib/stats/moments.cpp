// Welford/Pebay one-pass updates and Chan/Pebay merges of centred sums. Centred sums (not raw
// power sums) keep the variance accurate when the mean is large relative to the spread.
#include "securebase/stats/moments.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "securebase/core/error.hpp"

namespace securebase::stats {
namespace {

std::size_t pair_index(std::size_t variables, std::size_t i, std::size_t j) {
  // Upper triangle, row by row: row i starts after sum_{r<i} (variables - 1 - r) entries.
  return i * (2 * variables - i - 1) / 2 + (j - i - 1);
}

void add_value(Univariate& u, double x) {
  const double n1 = static_cast<double>(u.n);
  ++u.n;
  const double n = static_cast<double>(u.n);
  const double delta = x - u.mean;
  const double delta_n = delta / n;
  const double delta_n2 = delta_n * delta_n;
  const double term1 = delta * delta_n * n1;
  u.mean += delta_n;
  u.m4 += term1 * delta_n2 * (n * n - 3 * n + 3) + 6 * delta_n2 * u.m2 - 4 * delta_n * u.m3;
  u.m3 += term1 * delta_n * (n - 2) - 3 * delta_n * u.m2;
  u.m2 += term1;
  u.min = std::min(u.min, x);
  u.max = std::max(u.max, x);
}

void add_pair(PairMoments& p, double a, double b) {
  ++p.n;
  const double n = static_cast<double>(p.n);
  const double da = a - p.mean_a;
  const double db = b - p.mean_b;
  p.mean_a += da / n;
  p.mean_b += db / n;
  p.m2_a += da * (a - p.mean_a);
  p.m2_b += db * (b - p.mean_b);
  p.c += da * (b - p.mean_b);
}

}  // namespace

Moments make_moments(std::size_t variables) {
  Moments m;
  m.variables = variables;
  m.univariate.resize(variables);
  m.pairs.resize(variables < 2 ? 0 : variables * (variables - 1) / 2);
  return m;
}

void add_row(Moments& m, std::span<const double> row) {
  if (row.size() != m.variables)
    throw Error(ErrorCode::internal, "stats::add_row",
                "a row has " + std::to_string(row.size()) + " values, but the accumulator has " +
                    std::to_string(m.variables) + " variables; please report this bug");
  ++m.rows;
  std::size_t k = 0;
  for (std::size_t i = 0; i < m.variables; ++i) {
    const double a = row[i];
    if (std::isnan(a)) {
      k += m.variables - i - 1;
      continue;
    }
    add_value(m.univariate[i], a);
    for (std::size_t j = i + 1; j < m.variables; ++j, ++k)
      if (!std::isnan(row[j])) add_pair(m.pairs[k], a, row[j]);
  }
}

Univariate merge(const Univariate& a, const Univariate& b) {
  if (a.n == 0) return b;
  if (b.n == 0) return a;
  const double na = static_cast<double>(a.n);
  const double nb = static_cast<double>(b.n);
  const double n = na + nb;
  const double d = b.mean - a.mean;
  const double d2 = d * d;
  Univariate u;
  u.n = a.n + b.n;
  u.mean = a.mean + d * nb / n;
  u.m2 = a.m2 + b.m2 + d2 * na * nb / n;
  u.m3 = a.m3 + b.m3 + d * d2 * na * nb * (na - nb) / (n * n) + 3 * d * (na * b.m2 - nb * a.m2) / n;
  u.m4 = a.m4 + b.m4 + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n) +
         6 * d2 * (na * na * b.m2 + nb * nb * a.m2) / (n * n) + 4 * d * (na * b.m3 - nb * a.m3) / n;
  u.min = std::min(a.min, b.min);
  u.max = std::max(a.max, b.max);
  return u;
}

PairMoments merge(const PairMoments& a, const PairMoments& b) {
  if (a.n == 0) return b;
  if (b.n == 0) return a;
  const double na = static_cast<double>(a.n);
  const double nb = static_cast<double>(b.n);
  const double n = na + nb;
  const double da = b.mean_a - a.mean_a;
  const double db = b.mean_b - a.mean_b;
  const double w = na * nb / n;
  PairMoments p;
  p.n = a.n + b.n;
  p.mean_a = a.mean_a + da * nb / n;
  p.mean_b = a.mean_b + db * nb / n;
  p.m2_a = a.m2_a + b.m2_a + da * da * w;
  p.m2_b = a.m2_b + b.m2_b + db * db * w;
  p.c = a.c + b.c + da * db * w;
  return p;
}

Moments merge(const Moments& a, const Moments& b) {
  if (a.variables != b.variables)
    throw Error(ErrorCode::internal, "stats::merge",
                "accumulators with " + std::to_string(a.variables) + " and " +
                    std::to_string(b.variables) +
                    " variables cannot be merged; please report this bug");
  Moments m = make_moments(a.variables);
  m.rows = a.rows + b.rows;
  for (std::size_t i = 0; i < m.variables; ++i)
    m.univariate[i] = merge(a.univariate[i], b.univariate[i]);
  for (std::size_t k = 0; k < m.pairs.size(); ++k) m.pairs[k] = merge(a.pairs[k], b.pairs[k]);
  return m;
}

PairMoments pair(const Moments& m, std::size_t i, std::size_t j) {
  if (i < j) return m.pairs[pair_index(m.variables, i, j)];
  PairMoments p = m.pairs[pair_index(m.variables, j, i)];
  std::swap(p.mean_a, p.mean_b);
  std::swap(p.m2_a, p.m2_b);
  return p;
}

double variance(const Moments& m, std::size_t i) {
  const Univariate& u = m.univariate[i];
  if (u.n < 2) return std::nan("");
  return u.m2 / static_cast<double>(u.n - 1);
}

double covariance(const Moments& m, std::size_t i, std::size_t j) {
  if (i == j) return variance(m, i);
  const PairMoments p = pair(m, i, j);
  if (p.n < 2) return std::nan("");
  return p.c / static_cast<double>(p.n - 1);
}

double correlation(const Moments& m, std::size_t i, std::size_t j) {
  if (i == j) return m.univariate[i].n < 2 || m.univariate[i].m2 <= 0 ? std::nan("") : 1.0;
  return correlation(pair(m, i, j));
}

double correlation(const PairMoments& p) {
  if (p.n < 2 || p.m2_a <= 0 || p.m2_b <= 0) return std::nan("");
  return p.c / std::sqrt(p.m2_a * p.m2_b);
}

}  // namespace securebase::stats
