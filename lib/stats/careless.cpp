// Careless-responding indices of one respondent: longstring, IRV, Mahalanobis distance over the
// answered items (chi-square upper tail from stats/distributions.hpp) and
// even-odd consistency with the Spearman-Brown correction.
#include "securebase/stats/careless.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>

#include "securebase/core/error.hpp"
#include "stats/distributions.hpp"

namespace securebase::stats {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void internal(std::string_view where, const std::string& message) {
  throw Error(ErrorCode::internal, std::string(where), message + "; please report this bug");
}

[[noreturn]] void bad_model(std::string_view source, const std::string& message) {
  throw Error(ErrorCode::stats_covariance, std::string(source),
              message +
                  "; take the means and covariances from a statistics partial of the same "
                  "instrument, over enough respondents");
}

// In-place Cholesky factor (lower triangle, row-major) of a k x k matrix; returns the first
// column whose pivot is not positive, or k when the matrix is positive definite.
std::size_t cholesky(std::vector<double>& a, std::size_t k) {
  for (std::size_t j = 0; j < k; ++j) {
    double d = a[j * k + j];
    for (std::size_t m = 0; m < j; ++m) d -= a[j * k + m] * a[j * k + m];
    if (!(d > 0)) return j;
    const double root = std::sqrt(d);
    a[j * k + j] = root;
    for (std::size_t i = j + 1; i < k; ++i) {
      double s = a[i * k + j];
      for (std::size_t m = 0; m < j; ++m) s -= a[i * k + m] * a[j * k + m];
      a[i * k + j] = s / root;
    }
  }
  return k;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  double ma = 0;
  double mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  double saa = 0;
  double sbb = 0;
  double sab = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
    sab += (a[i] - ma) * (b[i] - mb);
  }
  if (!(saa > 0) || !(sbb > 0)) return nan;
  return sab / std::sqrt(saa * sbb);
}

std::string number_text(double x) {
  if (std::isnan(x)) return "NaN";
  // %.6g is what an ostream with precision 6 writes (and no stream is needed for it).
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.6g", x);
  return text.data();
}

}  // namespace

std::string_view to_string(CarelessStatus status) noexcept {
  switch (status) {
    case CarelessStatus::ok:
      return "ok";
    case CarelessStatus::too_few_answers:
      return "too_few_answers";
    case CarelessStatus::too_few_units:
      return "too_few_units";
    case CarelessStatus::no_variance:
      return "no_variance";
    case CarelessStatus::no_model:
      return "no_model";
  }
  return "ok";
}

void validate_model(const MahalanobisModel& model, std::size_t items, std::string_view source) {
  const std::size_t k = model.covariance.k;
  if (model.mean.size() != items)
    bad_model(source, "the mean vector has " + std::to_string(model.mean.size()) +
                          " values, but must have one per item (" + std::to_string(items) + ")");
  if (k != items || model.covariance.values.size() != k * k)
    bad_model(source, "the covariance matrix is not " + std::to_string(items) + " x " +
                          std::to_string(items) + ", one row and column per item");
  for (std::size_t i = 0; i < items; ++i)
    if (!std::isfinite(model.mean[i]))
      bad_model(source, "the mean of item " + std::to_string(i + 1) + " is not a finite number");
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      const double a = model.covariance(i, j);
      const double b = model.covariance(j, i);
      if (!std::isfinite(a))
        bad_model(source, "the covariance of items " + std::to_string(i + 1) + " and " +
                              std::to_string(j + 1) +
                              " is not a finite number (too few respondents answered both)");
      if (std::fabs(a - b) > 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}))
        bad_model(source, "the covariance matrix is not symmetric at items " +
                              std::to_string(i + 1) + " and " + std::to_string(j + 1));
    }
  std::vector<double> factor = model.covariance.values;
  const std::size_t bad = cholesky(factor, k);
  if (bad < k)
    bad_model(source, "the covariance matrix is not positive definite (it fails at item " +
                          std::to_string(bad + 1) +
                          "): an item has no variance or is a linear combination of others");
}

MahalanobisModel mahalanobis_model(const Accumulator& acc, std::string_view source) {
  const std::size_t p = acc.layout.items.size();
  MahalanobisModel model;
  model.covariance.k = p;
  model.covariance.values.resize(p * p);
  for (std::size_t i = 0; i < p; ++i) {
    model.mean.push_back(acc.all.univariate[i].n > 0 ? acc.all.univariate[i].mean : nan);
    for (std::size_t j = 0; j < p; ++j)
      model.covariance.values[i * p + j] = covariance(acc.all, i, j);
  }
  validate_model(model, p, source);
  return model;
}

std::vector<EvenOddUnit> even_odd_units(const Layout& layout, const EvenOddOptions& options) {
  std::vector<std::size_t> eligible;
  for (std::size_t s = 0; s < layout.scales.size(); ++s)
    if (layout.scales[s].items.size() >= 2) eligible.push_back(s);
  const bool split = eligible.size() < options.min_units && options.block_items >= 2;
  std::vector<EvenOddUnit> units;
  for (std::size_t s : eligible) {
    const std::size_t k = layout.scales[s].items.size();
    const std::size_t block = split ? options.block_items : k;
    for (std::size_t start = 0; start < k; start += block) {
      EvenOddUnit unit{s, {}};
      for (std::size_t i = start; i < std::min(k, start + block); ++i) unit.members.push_back(i);
      if (unit.members.size() == 1 && !units.empty() && units.back().scale == s) {
        units.back().members.push_back(unit.members.front());
      } else {
        units.push_back(std::move(unit));
      }
    }
  }
  return units;
}

void validate_thresholds(const CarelessThresholds& t) {
  const auto bad = [](const char* name, double value, const char* range) {
    throw Error(ErrorCode::stats_parameter, "careless thresholds",
                std::string(name) + " is " + number_text(value) + ", but must be " + range);
  };
  if (!(t.longstring_fraction > 0 && t.longstring_fraction <= 1))
    bad("the longstring fraction", t.longstring_fraction, "in (0, 1]");
  if (!std::isfinite(t.irv_below) || t.irv_below < 0)
    bad("the IRV threshold", t.irv_below, "a finite number >= 0");
  if (!(t.mahalanobis_p_below > 0 && t.mahalanobis_p_below < 1))
    bad("the Mahalanobis p threshold", t.mahalanobis_p_below, "in (0, 1)");
  if (!(t.even_odd_below >= -1 && t.even_odd_below <= 1))
    bad("the even-odd threshold", t.even_odd_below, "in [-1, 1]");
}

CarelessSetup careless_setup(Layout layout, std::vector<std::size_t> administration) {
  const std::size_t p = layout.items.size();
  if (!administration.empty()) {
    if (administration.size() != p)
      internal("stats::careless_setup", "the administration order does not list every item");
    std::vector<unsigned char> seen(p, 0);
    for (std::size_t i : administration) {
      if (i >= p || seen[i] != 0)
        internal("stats::careless_setup", "the administration order is not a permutation");
      seen[i] = 1;
    }
  }
  CarelessSetup setup;
  setup.units = even_odd_units(layout, EvenOddOptions{});
  setup.layout = std::move(layout);
  setup.administration = std::move(administration);
  return setup;
}

std::size_t longstring(std::span<const double> answers) {
  std::size_t best = 0;
  std::size_t run = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (std::isnan(answers[i])) {
      run = 0;
      continue;
    }
    run = run > 0 && answers[i - 1] == answers[i] ? run + 1 : 1;
    best = std::max(best, run);
  }
  return best;
}

double irv(std::span<const double> answers) {
  double n = 0;
  double mean = 0;
  double m2 = 0;
  for (double x : answers) {
    if (std::isnan(x)) continue;
    n += 1;
    const double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return n < 2 ? nan : std::sqrt(m2 / (n - 1));
}

double chi_square_upper(double x, double df) {
  if (!(df > 0) || std::isnan(x)) return nan;
  return detail::chi_square_tails(x, df).upper;
}

namespace {

// Mahalanobis distance over the answered items: D2 = d' S_AA^-1 d, df = |A|.
void mahalanobis(const CarelessSetup& setup, std::span<const double> answers, Careless& out) {
  const std::size_t p = setup.layout.items.size();
  if (!setup.model) {
    out.mahalanobis_d2 = out.mahalanobis_df = out.mahalanobis_p = nan;
    out.mahalanobis_status = CarelessStatus::no_model;
  } else if (out.answered == 0) {
    out.mahalanobis_d2 = out.mahalanobis_df = out.mahalanobis_p = nan;
    out.mahalanobis_status = CarelessStatus::too_few_answers;
  } else {
    std::vector<std::size_t> a;
    for (std::size_t i = 0; i < p; ++i)
      if (!std::isnan(answers[i])) a.push_back(i);
    const std::size_t k = a.size();
    std::vector<double> sub(k * k);
    std::vector<double> d(k);
    for (std::size_t i = 0; i < k; ++i) {
      d[i] = answers[a[i]] - setup.model->mean[a[i]];
      for (std::size_t j = 0; j < k; ++j) sub[i * k + j] = setup.model->covariance(a[i], a[j]);
    }
    if (cholesky(sub, k) < k)
      internal("stats::careless",
               "a principal sub-matrix of a validated covariance matrix is "
               "not positive definite");
    double d2 = 0;
    for (std::size_t i = 0; i < k; ++i) {  // forward substitution L y = d
      double s = d[i];
      for (std::size_t m = 0; m < i; ++m) s -= sub[i * k + m] * d[m];
      d[i] = s / sub[i * k + i];
      d2 += d[i] * d[i];
    }
    out.mahalanobis_d2 = d2;
    out.mahalanobis_df = static_cast<double>(k);
    out.mahalanobis_p = chi_square_upper(d2, static_cast<double>(k));
  }
}

// Even-odd consistency: keyed half means per unit, correlated across units.
void even_odd(const CarelessSetup& setup, std::span<const double> answers, Careless& out) {
  const Layout& layout = setup.layout;
  std::vector<double> odd;
  std::vector<double> even;
  const double flip = layout.min + layout.max;
  for (const EvenOddUnit& unit : setup.units) {
    const ScaleKey& key = layout.scales[unit.scale];
    double sum[2] = {0, 0};
    double count[2] = {0, 0};
    for (std::size_t m = 0; m < unit.members.size(); ++m) {
      const std::size_t pos = unit.members[m];
      const double x = answers[key.items[pos]];
      if (std::isnan(x)) continue;
      sum[m % 2] += key.reversed[pos] != 0 ? flip - x : x;
      count[m % 2] += 1;
    }
    if (count[0] == 0 || count[1] == 0) continue;
    odd.push_back(sum[0] / count[0]);
    even.push_back(sum[1] / count[1]);
  }
  out.even_odd_units = odd.size();
  if (odd.size() < 3) {
    out.even_odd_r = out.even_odd = nan;
    out.even_odd_status = CarelessStatus::too_few_units;
  } else {
    out.even_odd_r = pearson(odd, even);
    if (std::isnan(out.even_odd_r)) {
      out.even_odd = nan;
      out.even_odd_status = CarelessStatus::no_variance;
    } else {
      const double r = out.even_odd_r;
      out.even_odd = r <= -1.0 / 3.0 ? -1.0 : 2 * r / (1 + r);
    }
  }
}

// The flags: each index against its threshold, only where the index could be computed.
void set_flags(const CarelessThresholds& t, std::size_t p, Careless& out) {
  const double run_limit = std::ceil(t.longstring_fraction * static_cast<double>(p) - 1e-9);
  out.flags.longstring = p > 0 && static_cast<double>(out.longstring) >= run_limit;
  out.flags.irv = out.irv_status == CarelessStatus::ok && out.irv < t.irv_below;
  out.flags.mahalanobis =
      out.mahalanobis_status == CarelessStatus::ok && out.mahalanobis_p < t.mahalanobis_p_below;
  out.flags.even_odd = out.even_odd_status == CarelessStatus::ok && out.even_odd < t.even_odd_below;
}

}  // namespace

Careless careless(const CarelessSetup& setup, std::span<const double> answers) {
  const Layout& layout = setup.layout;
  const std::size_t p = layout.items.size();
  if (answers.size() != p)
    internal("stats::careless", "a row has " + std::to_string(answers.size()) + " answers for " +
                                    std::to_string(p) + " items");
  Careless out;
  for (double x : answers)
    if (!std::isnan(x)) ++out.answered;

  // Longstring in the order the items were shown.
  if (setup.administration.empty()) {
    out.longstring = longstring(answers);
  } else {
    std::vector<double> shown;
    shown.reserve(p);
    for (std::size_t i : setup.administration) shown.push_back(answers[i]);
    out.longstring = longstring(shown);
  }

  out.irv = irv(answers);
  out.irv_status = std::isnan(out.irv) ? CarelessStatus::too_few_answers : CarelessStatus::ok;

  mahalanobis(setup, answers, out);
  even_odd(setup, answers, out);
  set_flags(setup.thresholds, p, out);
  return out;
}

}  // namespace securebase::stats
