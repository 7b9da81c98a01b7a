// Checks of a batch's statistics for mis-keying and a wrong layout, and the sample beside the
// published values (docs/checks.md).
#include "securebase/stats/checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>

#include "securebase/core/error.hpp"
#include "securebase/core/norms.hpp"

namespace securebase::stats {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// A statistic as printed in warnings: two decimals (three below 0.1 in size).
std::string two(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, std::fabs(x) < 0.1 && x != 0 ? "%.3f" : "%.2f", x);
  return buffer;
}

// `s` in double quotes (built by appends: GCC 12 at -O3 warns falsely, -Wrestrict, on "\"" + s).
std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

[[noreturn]] void bad_parameter(const std::string& what, const std::string& message) {
  throw Error(ErrorCode::stats_parameter, "check options", what + " " + message);
}

const ItemOrder& order_or_throw(const Instrument& instrument, std::string_view id) {
  if (id.empty()) return instrument.canonical_order();
  const ItemOrder* order = instrument.find_order(id);
  if (order == nullptr) {
    std::string known = in_quotes(instrument.canonical_order().id);
    for (const ItemOrder& o : instrument.alternative_orders()) known += ", " + in_quotes(o.id);
    bad_parameter("the order " + in_quotes(id),
                  "is not an order of " + instrument.id() + ", but must be one of " + known);
  }
  return *order;
}

}  // namespace

std::optional<Reliability> published_reliability(const Instrument& instrument, std::size_t scale) {
  const std::optional<Reliability>& own = instrument.scales()[scale].reliability;
  if (own && !own->provisional) return own;
  for (const NormSet& set : instrument.norm_sets()) {
    const ScaleNorm* norm = set.find(scale);
    if (norm != nullptr && norm->reliability)
      return Reliability{*norm->reliability, std::nullopt, set.citation, false};
  }
  return std::nullopt;
}

void validate_options(const CheckOptions& o) {
  const auto unit = [](const char* name, double v) {
    if (!(v >= 0 && v <= 1))
      bad_parameter(name, "is " + (std::isnan(v) ? std::string("NaN") : two(v)) +
                              ", but must be between 0 and 1");
  };
  unit("the alpha margin", o.alpha_margin);
  unit("the correlation margin", o.correlation_margin);
  unit("the order gain", o.order_gain);
  if (o.published_correlation && !(*o.published_correlation >= -1 && *o.published_correlation <= 1))
    bad_parameter("the published correlation",
                  "is " +
                      (std::isnan(*o.published_correlation) ? std::string("NaN")
                                                            : two(*o.published_correlation)) +
                      ", but must be between -1 and 1");
}

void require_layout_of(const Accumulator& acc, const Instrument& instrument) {
  const Layout expected = layout_of(instrument);
  std::string difference;
  if (acc.layout.items != expected.items) {
    difference = "its items differ";
  } else if (acc.layout.min != expected.min || acc.layout.max != expected.max) {
    difference = "its response range differs";
  } else if (acc.layout.scales.size() != expected.scales.size()) {
    difference = "its scales differ";
  } else {
    for (std::size_t s = 0; s < expected.scales.size() && difference.empty(); ++s)
      if (acc.layout.scales[s].id != expected.scales[s].id ||
          acc.layout.scales[s].items != expected.scales[s].items ||
          acc.layout.scales[s].reversed != expected.scales[s].reversed)
        difference = "the key of scale " + in_quotes(expected.scales[s].id) + " differs";
  }
  if (!difference.empty())
    throw Error(ErrorCode::stats_incomparable, "statistics partial",
                "the partial was not accumulated for instrument " + instrument.id() + " because " +
                    difference + "; check it with the instrument the partial was written for");
}

std::vector<CheckWarning> negative_item_totals(const Summary& summary) {
  std::vector<CheckWarning> out;
  for (const ScaleStats& s : summary.scales)
    for (const ItemStats& it : s.items) {
      if (!(it.corrected_r < 0)) continue;
      CheckWarning w;
      w.id = "negative_item_total";
      w.scale = s.id;
      w.item = it.id;
      w.values = {{"corrected_r", it.corrected_r}, {"alpha", s.alpha.raw}};
      if (it.if_dropped.status == StatStatus::ok)
        w.values.push_back({"alpha_if_dropped", it.if_dropped.raw});
      w.message = "item " + in_quotes(it.id) + " correlates negatively with the rest of scale " +
                  in_quotes(s.id) + " (corrected item-total r = " + two(it.corrected_r) + "); " +
                  (it.reversed ? "it is reverse-keyed, so check that it was not already "
                                 "reversed before export"
                               : "it is not reverse-keyed, so check that it was not reversed "
                                 "before export") +
                  ", and that the columns follow the instrument's item order (--order)";
      out.push_back(std::move(w));
    }
  return out;
}

std::vector<CheckWarning> alpha_below_published(const Summary& summary,
                                                const Instrument& instrument, double margin) {
  std::vector<CheckWarning> out;
  for (const ScaleStats& s : summary.scales) {
    const std::optional<std::size_t> index = instrument.find_scale(s.id);
    if (!index) continue;
    const std::optional<Reliability> published = published_reliability(instrument, *index);
    if (!published) continue;
    if (s.alpha.status != StatStatus::ok || !std::isfinite(s.alpha.feldt.upper)) continue;
    if (!(s.alpha.feldt.upper < published->value - margin)) continue;
    CheckWarning w;
    w.id = "alpha_below_published";
    w.scale = s.id;
    w.values = {{"alpha", s.alpha.raw},
                {"feldt_lower", s.alpha.feldt.lower},
                {"feldt_upper", s.alpha.feldt.upper},
                {"published", published->value},
                {"margin", margin}};
    w.message = "scale " + in_quotes(s.id) + " has alpha " + two(s.alpha.raw) + " (95% CI " +
                two(s.alpha.feldt.lower) + " to " + two(s.alpha.feldt.upper) +
                "), far below the published " + two(published->value) + " (" + published->source +
                "); check the reversed items and the item order (--order) before using the scores";
    out.push_back(std::move(w));
  }
  return out;
}

std::optional<CheckWarning> correlation_far_from_published(const Accumulator& acc,
                                                           const Instrument& instrument,
                                                           double published, double margin,
                                                           std::string_view source) {
  require_layout_of(acc, instrument);
  if (!instrument.plane()) return std::nullopt;
  const std::size_t p = acc.layout.items.size();
  const std::size_t a = p + instrument.plane()->anxiety.scale;
  const std::size_t b = p + instrument.plane()->avoidance.scale;
  if (a >= acc.all.variables || b >= acc.all.variables) return std::nullopt;
  const double n = static_cast<double>(pair(acc.all, a, b).n);
  const double r = correlation(acc.all, a, b);
  if (n < 4 || std::isnan(r)) return std::nullopt;
  const double z = std::atanh(r);
  const double half = z_975 / std::sqrt(n - 3);
  const double lower = std::tanh(z - half);
  const double upper = std::tanh(z + half);
  if (!(upper < published - margin || lower > published + margin)) return std::nullopt;
  const std::string& anxiety = instrument.scales()[instrument.plane()->anxiety.scale].id;
  const std::string& avoidance = instrument.scales()[instrument.plane()->avoidance.scale].id;
  CheckWarning w;
  w.id = "correlation_far_from_published";
  w.scale = anxiety + "," + avoidance;
  w.values = {
      {"r", r},          {"n", n}, {"lower", lower}, {"upper", upper}, {"published", published},
      {"margin", margin}};
  w.message = "scales " + in_quotes(anxiety) + " and " + in_quotes(avoidance) +
              " correlate r = " + two(r) + " (95% CI " + two(lower) + " to " + two(upper) +
              ", n = " + std::to_string(static_cast<long long>(n)) + "), far from the published " +
              two(published) + (source.empty() ? "" : " (" + std::string(source) + ")") +
              "; check that the two scales are not swapped or mixed (the item order, --order) "
              "and that the sample is comparable";
  return w;
}

namespace {

// Alpha of every scale if the data had been shown in `order`; position[u] is the column of
// item u in the order actually used.
OrderFit order_fit(const Accumulator& acc, const ItemOrder& order,
                   const std::vector<std::size_t>& position, double rows) {
  const std::size_t p = acc.layout.items.size();
  // column[u]: the column that holds item u's answers if the data were shown in `order`.
  std::vector<std::size_t> column(p);
  for (std::size_t t = 0; t < p; ++t) column[order.items[position[t]]] = t;
  OrderFit fit;
  fit.order = order.id;
  fit.verified = order.verified;
  double sum = 0;
  double count = 0;
  for (const ScaleKey& key : acc.layout.scales) {
    const std::size_t k = key.items.size();
    SquareMatrix c{k, std::vector<double>(k * k)};
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j < k; ++j) {
        const double sign = (key.reversed[i] != 0) == (key.reversed[j] != 0) ? 1.0 : -1.0;
        c.values[i * k + j] =
            sign * covariance(acc.all, column[key.items[i]], column[key.items[j]]);
      }
    Alpha alpha = cronbach_alpha(c, rows);
    if (alpha.status == StatStatus::ok) {
      sum += alpha.raw;
      count += 1;
    }
    fit.alphas.push_back(alpha);
  }
  fit.mean_alpha = count > 0 ? sum / count : nan;
  return fit;
}

// Whether `fit` beats `base` on every scale of two or more items, by at least `gain` on average.
bool beats(const Accumulator& acc, const OrderFit& fit, const OrderFit& base, double gain) {
  double total_gain = 0;
  double scales = 0;
  for (std::size_t s = 0; s < fit.alphas.size(); ++s) {
    if (acc.layout.scales[s].items.size() < 2) continue;  // composites, 1-item scales
    const Alpha& x = fit.alphas[s];
    const Alpha& y = base.alphas[s];
    if (x.status != StatStatus::ok || y.status != StatStatus::ok || !(x.raw > y.raw)) return false;
    total_gain += x.raw - y.raw;
    scales += 1;
  }
  return !(scales == 0 || total_gain / scales < gain);
}

}  // namespace

OrderComparison compare_orders(const Accumulator& acc, const Instrument& instrument,
                               std::string_view used_order, double gain) {
  require_layout_of(acc, instrument);
  const ItemOrder& used = order_or_throw(instrument, used_order);
  const std::size_t p = acc.layout.items.size();
  OrderComparison out;
  out.used = used.id;
  if (used.items.size() != p) return out;
  std::vector<std::size_t> position(p);  // position (0-based) of each item in the used order
  for (std::size_t pos = 0; pos < p; ++pos) position[used.items[pos]] = pos;
  std::vector<const ItemOrder*> orders = {&instrument.canonical_order()};
  for (const ItemOrder& o : instrument.alternative_orders()) orders.push_back(&o);
  std::size_t used_index = 0;
  const double rows = static_cast<double>(acc.all.rows);
  for (std::size_t o = 0; o < orders.size(); ++o) {
    if (orders[o]->id == used.id) used_index = o;
    out.fits.push_back(order_fit(acc, *orders[o], position, rows));
  }
  const OrderFit& base = out.fits[used_index];
  double best = nan;
  for (std::size_t o = 0; o < out.fits.size(); ++o) {
    if (o == used_index) continue;
    const OrderFit& fit = out.fits[o];
    if (!beats(acc, fit, base, gain)) continue;
    if (std::isnan(best) || fit.mean_alpha > best) {
      best = fit.mean_alpha;
      out.better = o;
    }
  }
  return out;
}

AnswerRange answer_range(const Accumulator& acc) {
  AnswerRange seen;
  const auto width = static_cast<std::size_t>(acc.layout.max - acc.layout.min + 1);
  for (std::size_t i = 0; i < acc.counts.size(); ++i) {
    if (acc.counts[i] == 0) continue;
    const double x = acc.layout.min + static_cast<double>(i % width);
    seen.lowest = seen.answers == 0 ? x : std::min(seen.lowest, x);
    seen.highest = seen.answers == 0 ? x : std::max(seen.highest, x);
    seen.answers += acc.counts[i];
  }
  return seen;
}

std::optional<CheckWarning> unused_range_end(const AnswerRange& seen, int min, int max) {
  if (seen.answers < range_check_min_answers) return std::nullopt;
  const bool top = seen.highest < max;
  const bool bottom = seen.lowest > min;
  if (!top && !bottom) return std::nullopt;
  const auto whole = [](double x) { return std::to_string(static_cast<long long>(x)); };
  CheckWarning w;
  w.id = "range_end_unused";
  w.values = {{"answers", static_cast<double>(seen.answers)},
              {"lowest", seen.lowest},
              {"highest", seen.highest}};
  const std::string scale = std::to_string(min) + "-" + std::to_string(max);
  w.message = "none of " + std::to_string(seen.answers) + " answers uses the " +
              (top && bottom ? "top or the bottom"
               : top         ? "top"
                             : "bottom") +
              " of the response scale " + scale + " (they run from " + whole(seen.lowest) + " to " +
              whole(seen.highest) + "): if the questionnaire was given on a " + whole(seen.lowest) +
              "-" + whole(seen.highest) +
              " scale, every score is wrong (a reversed item is scored as " +
              std::to_string(min + max) + " - x); score it with an instrument of that scale";
  return w;
}

std::vector<CheckWarning> run_checks(const Accumulator& acc, const Instrument& instrument,
                                     const CheckOptions& options) {
  return run_checks(acc, summarise(acc, options.missing), instrument, options);
}

std::vector<CheckWarning> run_checks(const Accumulator& acc, const Summary& summary,
                                     const Instrument& instrument, const CheckOptions& options) {
  validate_options(options);
  require_layout_of(acc, instrument);
  (void)order_or_throw(instrument, options.used_order);
  std::vector<CheckWarning> out;
  if (std::optional<CheckWarning> w =
          unused_range_end(answer_range(acc), acc.layout.min, acc.layout.max)) {
    out.push_back(std::move(*w));
  }
  for (CheckWarning& w : negative_item_totals(summary)) out.push_back(std::move(w));
  for (CheckWarning& w : alpha_below_published(summary, instrument, options.alpha_margin))
    out.push_back(std::move(w));
  if (options.published_correlation) {
    std::optional<CheckWarning> w = correlation_far_from_published(
        acc, instrument, *options.published_correlation, options.correlation_margin,
        options.published_correlation_source);
    if (w) out.push_back(std::move(*w));
  }
  const OrderComparison orders =
      compare_orders(acc, instrument, options.used_order, options.order_gain);
  if (orders.better) {
    std::size_t used_index = 0;
    for (std::size_t o = 0; o < orders.fits.size(); ++o)
      if (orders.fits[o].order == orders.used) used_index = o;
    const OrderFit& base = orders.fits[used_index];
    const OrderFit& fit = orders.fits[*orders.better];
    CheckWarning w;
    w.id = "better_order";
    w.values = {{"mean_alpha_used", base.mean_alpha}, {"mean_alpha_suggested", fit.mean_alpha}};
    for (std::size_t s = 0; s < fit.alphas.size(); ++s) {
      if (fit.alphas[s].status != StatStatus::ok) continue;
      w.values.push_back({"alpha_used:" + acc.layout.scales[s].id, base.alphas[s].raw});
      w.values.push_back({"alpha_suggested:" + acc.layout.scales[s].id, fit.alphas[s].raw});
    }
    w.message = "the answers fit item order " + in_quotes(fit.order) + " better than " +
                in_quotes(orders.used) + " (mean alpha " + two(fit.mean_alpha) + " against " +
                two(base.mean_alpha) +
                "); if the questionnaire was shown in that order, score "
                "again with --order " +
                fit.order +
                (fit.verified ? ""
                              : " (its item mapping is not verified at source: scale "
                                "scores are exact, item-level results are not)");
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<PublishedComparison> compare_with_published(const Summary& summary,
                                                        const Instrument& instrument,
                                                        std::string_view norm_set) {
  const NormSet* only = norm_set.empty() ? nullptr : &find_norm_set_or_throw(instrument, norm_set);
  std::vector<PublishedComparison> out;
  for (const ScaleStats& s : summary.scales) {
    PublishedComparison c;
    c.scale = s.id;
    c.score = s.score;
    c.alpha = s.alpha;
    const std::optional<std::size_t> index = instrument.find_scale(s.id);
    if (index) {
      c.reliability = published_reliability(instrument, *index);
      for (const NormSet& set : instrument.norm_sets()) {
        if (only != nullptr && &set != only) continue;
        const ScaleNorm* norm = set.find(*index);
        if (norm == nullptr) continue;
        NormComparison nc;
        nc.norm_set = set.id;
        nc.citation = set.citation;
        nc.n = set.n;
        nc.mean = norm->mean;
        nc.sd = norm->sd;
        nc.reliability = norm->reliability;
        nc.d = (s.score.mean - norm->mean) / norm->sd;
        nc.sd_ratio = s.score.sd / norm->sd;
        c.norms.push_back(std::move(nc));
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace securebase::stats
