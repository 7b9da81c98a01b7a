// securebase: the instrument model's own queries: lookups, score ranges, rule wording.
#include "securebase/core/instrument.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "securebase/core/error.hpp"

namespace securebase {

const ScaleNorm* NormSet::find(std::size_t scale) const noexcept {
  for (const ScaleNorm& s : scales) {
    if (s.scale == scale) return &s;
  }
  return nullptr;
}

std::optional<std::size_t> Instrument::find_item(std::string_view item_id) const {
  for (std::size_t i = 0; i < m_->items.size(); ++i) {
    if (m_->items[i].id == item_id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Instrument::find_scale(std::string_view scale_id) const {
  for (std::size_t i = 0; i < m_->scales.size(); ++i) {
    if (m_->scales[i].id == scale_id) return i;
  }
  return std::nullopt;
}

const NormSet* Instrument::find_norm_set(std::string_view norm_id) const {
  for (const NormSet& n : m_->norm_sets) {
    if (n.id == norm_id) return &n;
  }
  return nullptr;
}

const ItemOrder* Instrument::find_order(std::string_view order_id) const {
  if (m_->canonical_order.id == order_id) return &m_->canonical_order;
  for (const ItemOrder& o : m_->alternative_orders) {
    if (o.id == order_id) return &o;
  }
  return nullptr;
}

namespace {

// Whether the compiled plan fits the items and scales, so that score_raw stays in bounds: one
// range of entries per scale, item indices below the item count, one range of components per
// scale (or none at all) naming scales that exist.
std::string plan_problem(const InstrumentModel& m) {
  const ScoringPlan& p = m.plan;
  const std::size_t scales = m.scales.size();
  if (m.items.empty() || scales == 0) return "it has no items or no scales";
  if (p.scale_begin.size() != scales + 1 || p.scale_min_answered.size() != scales ||
      p.scale_is_sum.size() != scales || p.scale_begin.front() != 0) {
    return "the plan has per-scale arrays of another size than the scales";
  }
  const std::size_t entries = p.entry_item.size();
  if (p.entry_reversed.size() != entries || p.entry_weight.size() != entries ||
      p.scale_begin.back() != entries ||
      !std::is_sorted(p.scale_begin.begin(), p.scale_begin.end())) {
    return "the plan's entries do not match its scale ranges";
  }
  for (const std::uint32_t item : p.entry_item) {
    if (item >= m.items.size()) return "the plan names an item that does not exist";
  }
  if (p.component_begin.empty()) return "";
  if (p.component_begin.size() != scales + 1 || p.component_begin.front() != 0 ||
      p.component_begin.back() != p.component_scale.size() ||
      !std::is_sorted(p.component_begin.begin(), p.component_begin.end())) {
    return "the plan's components do not match the scales";
  }
  for (const std::uint32_t c : p.component_scale) {
    if (c >= scales) return "the plan names a component scale that does not exist";
  }
  return "";
}

}  // namespace

namespace detail {

Instrument make_instrument(InstrumentModel model) {
  if (const std::string problem = plan_problem(model); !problem.empty()) {
    throw Error(ErrorCode::internal, model.source.empty() ? "instrument" : model.source,
                "cannot be used: " + problem + "; please report this bug");
  }
  return Instrument(std::make_shared<const InstrumentModel>(std::move(model)));
}

}  // namespace detail

std::pair<double, double> score_range(const Instrument& instrument, std::size_t scale,
                                      ScaleMethod method) {
  return score_range(instrument.model(), scale, method);
}

std::pair<double, double> score_range(const InstrumentModel& instrument, std::size_t scale,
                                      ScaleMethod method) {
  if (scale >= instrument.scales.size()) {
    throw Error(ErrorCode::internal, instrument.source,
                "score_range: scale index " + std::to_string(scale) + " is out of range (" +
                    std::to_string(instrument.scales.size()) + " scales)");
  }
  const Scale& s = instrument.scales[scale];
  if (s.is_composite()) {
    // A mean of component scores lies between the lowest and the highest component bound.
    std::pair<double, double> range = score_range(instrument, s.components.front(), method);
    for (std::size_t c : s.components) {
      const auto r = score_range(instrument, c, method);
      range.first = std::min(range.first, r.first);
      range.second = std::max(range.second, r.second);
    }
    return range;
  }
  const double lo = instrument.response_scale.min;
  const double hi = instrument.response_scale.max;
  double low = 0;
  double high = 0;
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    // A reversed item takes the same values as a forward one, so only the weight matters.
    const double w = i < s.weights.size() ? s.weights[i] : 1.0;
    low += std::min(w * lo, w * hi);
    high += std::max(w * lo, w * hi);
  }
  if (method == ScaleMethod::mean && !s.items.empty()) {
    const auto k = static_cast<double>(s.items.size());
    return {low / k, high / k};
  }
  return {low, high};
}

std::string_view to_string(ScaleMethod method) noexcept {
  return method == ScaleMethod::sum ? "sum" : "mean";
}

std::string_view to_string(Rounding rounding) noexcept {
  switch (rounding) {
    case Rounding::floor:
      return "floor";
    case Rounding::nearest:
      return "nearest";
    default:
      return "ceil";
  }
}

std::string describe_min_answered(const Scale& scale) {
  const MinimumAnswered& m = scale.min_answered;
  std::string text =
      "at least " + std::to_string(m.required) + " of " +
      (scale.is_composite() ? std::to_string(scale.components.size()) + " component scales scored"
                            : std::to_string(scale.items.size()) + " items answered");
  if (m.is_proportion) {
    const char* how = m.rounding == Rounding::ceil    ? "rounded up"
                      : m.rounding == Rounding::floor ? "rounded down"
                                                      : "rounded to nearest";
    // Percent to at most 6 significant digits: 0.57 * 100 would otherwise print 56.99999999999999.
    std::array<char, 32> percent{};
    std::snprintf(percent.data(), percent.size(), "%.6g", m.declared * 100.0);
    text += " (" + std::string(percent.data()) + "% of " +
            (scale.is_composite() ? "components, " : "items, ") + how + ")";
  }
  return text;
}

}  // namespace securebase
