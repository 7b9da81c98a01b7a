// securebase: the instrument model's own queries: lookups, score ranges, rule wording.
#include "securebase/core/instrument.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "securebase/core/error.hpp"

namespace securebase {

const ScaleNorm* NormSet::find(std::size_t scale) const noexcept {
  for (const ScaleNorm& s : scales) {
    if (s.scale == scale) return &s;
  }
  return nullptr;
}

std::optional<std::size_t> Instrument::find_item(std::string_view item_id) const {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == item_id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Instrument::find_scale(std::string_view scale_id) const {
  for (std::size_t i = 0; i < scales.size(); ++i) {
    if (scales[i].id == scale_id) return i;
  }
  return std::nullopt;
}

const NormSet* Instrument::find_norm_set(std::string_view norm_id) const {
  for (const NormSet& n : norm_sets) {
    if (n.id == norm_id) return &n;
  }
  return nullptr;
}

const ItemOrder* Instrument::find_order(std::string_view order_id) const {
  if (canonical_order.id == order_id) return &canonical_order;
  for (const ItemOrder& o : alternative_orders) {
    if (o.id == order_id) return &o;
  }
  return nullptr;
}

std::pair<double, double> score_range(const Instrument& instrument, std::size_t scale,
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
