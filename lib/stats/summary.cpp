// The per-scale summary: keyed covariances from the accumulator (pairwise or listwise), then
// describe, alpha and item analysis.
#include "securebase/stats/summary.hpp"

#include <cmath>

namespace securebase::stats {

std::string_view to_string(Missing missing) noexcept {
  return missing == Missing::pairwise ? "pairwise" : "listwise";
}

namespace {

// One scale's view of the accumulator: its moments (all variables when pairwise, the scale's
// listwise set otherwise), the variable of its i-th item, and its keying signs.
struct KeyedScale {
  const Accumulator& acc;
  std::size_t s;
  const ScaleKey& key;
  std::size_t p;  // items in the layout
  std::size_t k;  // items in the scale
  bool pairwise;
  const Moments& m;

  std::size_t var(std::size_t i) const { return pairwise ? key.items[i] : i; }
  std::size_t score_var() const { return pairwise ? p + s : k; }
  double sign(std::size_t i) const { return key.reversed[i] != 0 ? -1.0 : 1.0; }
};

// The keyed covariance matrix C of the scale's items.
SquareMatrix keyed_covariance(const KeyedScale& v) {
  SquareMatrix c;
  c.k = v.k;
  c.values.resize(v.k * v.k);
  for (std::size_t i = 0; i < v.k; ++i)
    for (std::size_t j = 0; j < v.k; ++j)
      c.values[i * v.k + j] = v.sign(i) * v.sign(j) * covariance(v.m, v.var(i), v.var(j));
  return c;
}

// Omega uses R's cor(use = "pairwise"): each pair with its own means and SDs, as psych::omega.
SquareMatrix keyed_pairwise_correlation(const KeyedScale& v) {
  SquareMatrix pair_r;
  pair_r.k = v.k;
  pair_r.values.resize(v.k * v.k);
  for (std::size_t i = 0; i < v.k; ++i)
    for (std::size_t j = 0; j < v.k; ++j)
      pair_r.values[i * v.k + j] =
          i == j ? 1.0 : v.sign(i) * v.sign(j) * correlation(v.m, v.var(i), v.var(j));
  return pair_r;
}

// The i-th item's analysis, from the scale's keyed covariances c and correlations r (usable
// when matrix_ok).
ItemStats item_stats(const KeyedScale& v, std::size_t i, const SquareMatrix& c,
                     const SquareMatrix& r, bool matrix_ok) {
  const Layout& layout = v.acc.layout;
  const double flip = layout.min + layout.max;
  const double nan = std::nan("");
  const std::size_t k = v.k;
  const std::size_t w = static_cast<std::size_t>(layout.max - layout.min + 1);
  ItemStats it;
  const std::size_t item = v.key.items[i];
  it.id = layout.items[item];
  it.reversed = v.key.reversed[i] != 0;
  const Describe d =
      describe(v.m.univariate[v.var(i)], it.reversed ? std::optional(flip) : std::nullopt);
  it.status = d.status;
  it.n = d.n;
  it.mean = d.mean;
  it.sd = d.sd;
  // psych's raw.r: pairwise from the item's co-moments with the mean of the answered items;
  // listwise every row answers every item, and it follows from C.
  it.item_total_r = v.pairwise ? v.sign(i) * correlation(v.acc.answered_mean[v.s][i])
                               : (matrix_ok || k == 1 ? raw_item_total(c, i) : nan);
  it.item_score_r = v.sign(i) * correlation(v.m, v.var(i), v.score_var());
  if ((std::isnan(it.item_score_r) || (v.pairwise && std::isnan(it.item_total_r))) &&
      it.status == StatStatus::ok)
    it.status = StatStatus::no_pairs;
  it.standardised_r = matrix_ok && k >= 2 ? standardised_item_total(r, i) : nan;
  it.corrected_r = matrix_ok && k >= 2 ? corrected_item_total(c, i) : nan;
  if (k > 2) {
    it.if_dropped = cronbach_alpha(without(c, i), static_cast<double>(v.m.rows));
  } else {
    it.if_dropped = cronbach_alpha(SquareMatrix{0, {}}, static_cast<double>(v.m.rows));
    it.if_dropped.items = k == 0 ? 0 : k - 1;
  }
  it.counts.assign(v.acc.counts.begin() + static_cast<std::ptrdiff_t>(item * w),
                   v.acc.counts.begin() + static_cast<std::ptrdiff_t>((item + 1) * w));
  it.off_scale = v.acc.off_scale[item];
  return it;
}

ScaleStats scale_stats(const Accumulator& acc, std::size_t s, Missing missing) {
  const Layout& layout = acc.layout;
  const ScaleKey& key = layout.scales[s];
  const std::size_t p = layout.items.size();
  const std::size_t k = key.items.size();
  const bool pairwise = missing == Missing::pairwise;
  const KeyedScale v{acc, s, key, p, k, pairwise, pairwise ? acc.all : acc.listwise[s]};

  ScaleStats out;
  out.id = key.id;
  out.score = describe(acc.all.univariate[p + s]);
  out.rows = v.m.rows;
  const SquareMatrix c = keyed_covariance(v);
  out.alpha = cronbach_alpha(c, static_cast<double>(v.m.rows));
  // Items with too few answers make every covariance-based value of the scale undefined.
  if (out.alpha.status == StatStatus::no_variance || out.alpha.status == StatStatus::no_pairs)
    for (std::size_t i = 0; i < k; ++i)
      if (v.m.univariate[v.var(i)].n < 2) out.alpha.status = StatStatus::item_all_missing;
  const bool matrix_ok =
      out.alpha.status == StatStatus::ok || out.alpha.status == StatStatus::too_few_cases;
  const SquareMatrix r = to_correlation(c);
  const SquareMatrix pair_r = keyed_pairwise_correlation(v);
  out.omega = omega_total(pair_r);
  out.omega_ml = omega_total(pair_r, FitMethod::ml);
  for (std::size_t i = 0; i < k; ++i) out.items.push_back(item_stats(v, i, c, r, matrix_ok));
  return out;
}

// Omega hierarchical over the items of `chosen`, keyed, from pairwise-complete correlations
// (in either mode: the accumulator keeps no complete-row moments across scales).
Hierarchical instrument_omega(const Accumulator& acc, const std::vector<std::size_t>& chosen) {
  const Layout& layout = acc.layout;
  std::vector<std::size_t> items;
  std::vector<double> signs;
  std::vector<std::string> ids;
  bool small = false;
  for (std::size_t s : chosen) {
    const ScaleKey& key = layout.scales[s];
    ids.push_back(key.id);
    small = small || key.items.size() < 2;
    for (std::size_t i = 0; i < key.items.size(); ++i) {
      items.push_back(key.items[i]);
      signs.push_back(key.reversed[i] != 0 ? -1.0 : 1.0);
    }
  }
  const std::size_t k = items.size();
  SquareMatrix r;
  r.k = k;
  r.values.resize(k * k);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j)
      r.values[i * k + j] =
          i == j ? 1.0 : signs[i] * signs[j] * correlation(acc.all, items[i], items[j]);
  // A one-item scale is no factor: an empty matrix gives too_few_items.
  Hierarchical h = omega_hierarchical(small ? SquareMatrix{} : r, chosen.size());
  if (h.status == StatStatus::no_pairs)
    for (std::size_t item : items)
      if (acc.all.univariate[item].n < 2) h.status = StatStatus::item_all_missing;
  h.scales = std::move(ids);
  h.items = std::move(items);
  return h;
}

}  // namespace

std::vector<std::size_t> hierarchical_scales(const Layout& layout) {
  std::vector<std::size_t> chosen;
  std::vector<char> taken(layout.items.size(), 0);
  for (std::size_t s = 0; s < layout.scales.size(); ++s) {
    const ScaleKey& key = layout.scales[s];
    if (key.items.empty()) continue;
    bool disjoint = true;
    for (std::size_t i : key.items) disjoint = disjoint && taken[i] == 0;
    if (!disjoint) continue;
    for (std::size_t i : key.items) taken[i] = 1;
    chosen.push_back(s);
  }
  return chosen;
}

Summary summarise(const Accumulator& acc, Missing missing) {
  Summary sum;
  sum.missing = missing;
  sum.rows = acc.all.rows;
  const std::size_t p = acc.layout.items.size();
  const std::size_t n = acc.layout.scales.size();
  for (std::size_t s = 0; s < n; ++s) sum.scales.push_back(scale_stats(acc, s, missing));
  sum.scale_correlations.k = n;
  sum.scale_correlations.values.resize(n * n);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      sum.scale_correlations.values[a * n + b] = a == b ? 1.0 : correlation(acc.all, p + a, p + b);
  const std::vector<std::size_t> chosen = hierarchical_scales(acc.layout);
  if (chosen.size() >= 2) sum.hierarchical = instrument_omega(acc, chosen);
  return sum;
}

}  // namespace securebase::stats
