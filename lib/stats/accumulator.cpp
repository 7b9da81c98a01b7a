// The batch accumulator: one Moments over items and scale scores, one per scale over complete
// rows (for listwise statistics), and answer counts (its JSON partial: io/stats_partial.cpp).
// The sums themselves are gathered block by block in stats/row_sums.cpp.
#include "securebase/stats/accumulator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "securebase/core/error.hpp"
#include "stats/row_sums.hpp"

namespace securebase::stats {
namespace {

using detail::width;

[[noreturn]] void internal(std::string_view where, const std::string& message) {
  throw Error(ErrorCode::internal, std::string(where), message + "; please report this bug");
}

std::string first_difference(const Layout& a, const Layout& b) {
  if (a.items != b.items) return "their items differ";
  if (a.min != b.min || a.max != b.max) return "their response ranges differ";
  if (a.scales.size() != b.scales.size()) return "their numbers of scales differ";
  for (std::size_t s = 0; s < a.scales.size(); ++s) {
    if (a.scales[s].id != b.scales[s].id || a.scales[s].items != b.scales[s].items ||
        a.scales[s].reversed != b.scales[s].reversed)
      return "the key of scale '" + a.scales[s].id + "' differs";
    if (a.scales[s].lo != b.scales[s].lo || a.scales[s].hi != b.scales[s].hi)
      return "the score range of scale '" + a.scales[s].id + "' differs";
  }
  if (a.plane != b.plane) return "their anxiety and avoidance scales differ";
  return "";
}

}  // namespace

Layout layout_of(const Instrument& instrument) {
  Layout layout;
  layout.min = instrument.response_scale().min;
  layout.max = instrument.response_scale().max;
  for (const Item& item : instrument.items()) layout.items.push_back(item.id);
  for (const Scale& scale : instrument.scales()) {
    ScaleKey key;
    key.id = scale.id;
    key.items = scale.items;
    for (std::size_t item : scale.items)
      key.reversed.push_back(std::find(scale.reversed.begin(), scale.reversed.end(), item) !=
                                     scale.reversed.end()
                                 ? 1
                                 : 0);
    layout.scales.push_back(std::move(key));
  }
  // Score ranges: a mean lies on the response range, a sum on the range times the item
  // weights; a composite spans its components' ranges.
  for (std::size_t s = 0; s < instrument.scales().size(); ++s) {
    const Scale& scale = instrument.scales()[s];
    ScaleKey& key = layout.scales[s];
    key.lo = layout.min;
    key.hi = layout.max;
    if (scale.method == ScaleMethod::sum && !scale.is_composite()) {
      double weight = 0;
      for (std::size_t i = 0; i < scale.items.size(); ++i)
        weight += i < scale.weights.size() ? std::abs(scale.weights[i]) : 1.0;
      key.lo = layout.min * weight;
      key.hi = layout.max * weight;
    }
  }
  for (std::size_t s = 0; s < instrument.scales().size(); ++s) {
    if (!instrument.scales()[s].is_composite()) continue;
    ScaleKey& key = layout.scales[s];
    key.lo = std::numeric_limits<double>::infinity();
    key.hi = -key.lo;
    for (std::size_t c : instrument.scales()[s].components) {
      key.lo = std::min(key.lo, layout.scales[c].lo);
      key.hi = std::max(key.hi, layout.scales[c].hi);
    }
  }
  if (instrument.plane())
    layout.plane =
        std::pair{instrument.plane()->anxiety.scale, instrument.plane()->avoidance.scale};
  return layout;
}

Accumulator make_accumulator(Layout layout) {
  if (layout.max < layout.min) internal("stats::make_accumulator", "the response range is empty");
  for (const ScaleKey& s : layout.scales) {
    if (s.reversed.size() != s.items.size())
      internal("stats::make_accumulator", "scale '" + s.id + "' has keys of two lengths");
    for (std::size_t i : s.items)
      if (i >= layout.items.size())
        internal("stats::make_accumulator", "scale '" + s.id + "' names an item out of range");
  }
  if (layout.plane &&
      (layout.plane->first >= layout.scales.size() || layout.plane->second >= layout.scales.size()))
    internal("stats::make_accumulator", "the plane names a scale out of range");
  Accumulator acc;
  acc.all = make_moments(layout.items.size() + layout.scales.size());
  for (const ScaleKey& s : layout.scales) {
    acc.listwise.push_back(make_moments(s.items.size() + 1));
    acc.answered_mean.emplace_back(s.items.size());
  }
  acc.counts.assign(layout.items.size() * width(layout), 0);
  acc.off_scale.assign(layout.items.size(), 0);
  acc.bins.scale.assign(layout.scales.size() * ScoreBins::bins, 0);
  if (layout.plane) acc.bins.plane.assign(ScoreBins::bins * ScoreBins::bins, 0);
  acc.layout = std::move(layout);
  return acc;
}

std::size_t score_bin(double score, double lo, double hi) noexcept {
  return detail::bin_of(score, lo, hi, detail::bins_per_unit(lo, hi));
}

RowBlock make_block(const Layout& layout) {
  RowBlock block;
  block.width = layout.items.size() + layout.scales.size();
  return block;
}

void append_row(RowBlock& block, std::span<const double> items, std::span<const double> scores) {
  if (items.size() + scores.size() != block.width)
    internal("stats::append_row", "a row does not match the block's width");
  block.values.insert(block.values.end(), items.begin(), items.end());
  block.values.insert(block.values.end(), scores.begin(), scores.end());
}

void add_row(Accumulator& acc, std::span<const double> items, std::span<const double> scores) {
  if (items.size() != acc.layout.items.size() || scores.size() != acc.layout.scales.size())
    internal("stats::add_row", "a row does not match the accumulator's layout");
  RowBlock block = make_block(acc.layout);
  append_row(block, items, scores);
  add_rows(acc, block);
}

void add_rows(Accumulator& acc, const RowBlock& block) {
  const std::size_t width = acc.layout.items.size() + acc.layout.scales.size();
  if (block.width != width) internal("stats::add_rows", "a block does not match the layout");
  const std::size_t rows = block.rows();
  if (rows == 0) return;
  detail::BlockScratch& b = detail::scratch();
  const int middle = acc.layout.min + (acc.layout.max - acc.layout.min) / 2;
  detail::begin_call(b, acc, block.values.data(), rows, middle);
  for (std::size_t start = 0; start < rows; start += detail::block_rows) {
    const std::size_t n = std::min(detail::block_rows, rows - start);
    detail::sum_block(acc, b, block.values.data() + start * width, n, middle);
  }
  detail::fold_call(acc, b, rows);
}

Accumulator merge(const Accumulator& a, const Accumulator& b) {
  const std::string difference = first_difference(a.layout, b.layout);
  if (!difference.empty())
    throw Error(ErrorCode::stats_incomparable, "statistics partials",
                "two partials cannot be merged because " + difference +
                    "; merge only partials written for the same instrument and key");
  Accumulator m;
  m.layout = a.layout;
  m.all = merge(a.all, b.all);
  for (std::size_t s = 0; s < a.listwise.size(); ++s)
    m.listwise.push_back(merge(a.listwise[s], b.listwise[s]));
  m.answered_mean = a.answered_mean;
  for (std::size_t s = 0; s < m.answered_mean.size(); ++s)
    for (std::size_t i = 0; i < m.answered_mean[s].size(); ++i)
      m.answered_mean[s][i] = merge(a.answered_mean[s][i], b.answered_mean[s][i]);
  m.counts = a.counts;
  for (std::size_t i = 0; i < m.counts.size(); ++i) m.counts[i] += b.counts[i];
  m.off_scale = a.off_scale;
  for (std::size_t i = 0; i < m.off_scale.size(); ++i) m.off_scale[i] += b.off_scale[i];
  m.bins = a.bins;
  for (std::size_t i = 0; i < m.bins.scale.size(); ++i) m.bins.scale[i] += b.bins.scale[i];
  for (std::size_t i = 0; i < m.bins.plane.size(); ++i) m.bins.plane[i] += b.bins.plane[i];
  return m;
}

}  // namespace securebase::stats
