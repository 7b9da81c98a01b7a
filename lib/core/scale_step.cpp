// securebase: the per-scale scoring step (see the header): the kernel, the metric factor, the
// rule in words, prorating and norms, for every front end.
#include "securebase/core/scale_step.hpp"

#include <cmath>

#include "core/number_format.hpp"
#include "core/raw_score.hpp"

namespace securebase {

void score_raw(const ScoringPlan& plan, std::span<const double> values, std::span<RawScore> out,
               std::optional<ScaleMethod> method) noexcept {
  const std::size_t n_scales = plan.scale_min_answered.size();
  for (std::size_t s = 0; s < n_scales; ++s) {
    const std::uint32_t begin = plan.scale_begin[s];
    const std::uint32_t end = plan.scale_begin[s + 1];
    double sum = 0;
    std::uint32_t n = 0;
    for (std::uint32_t e = begin; e < end; ++e) {
      const double x = values[plan.entry_item[e]];
      // Reverse first, then weight (weights other than 1 only in sums that need every item).
      // Written without a branch on the answer (adding +0.0 leaves a sum exactly as it is).
      const bool answered = !std::isnan(x);
      const double term =
          plan.entry_weight[e] * (plan.entry_reversed[e] != 0 ? plan.reverse_sum - x : x);
      sum += answered ? term : 0.0;
      n += answered ? 1U : 0U;
    }
    out[s] = detail::raw_from_sum(plan, s, sum, n, method);
  }
  // Composites (no items of their own, so scored NaN above) average their components' scores;
  // components are item scales, all scored by now. n_answered counts scored components.
  if (plan.component_begin.size() != n_scales + 1) return;  // a plan without composites
  for (std::size_t s = 0; s < n_scales; ++s) {
    const std::uint32_t begin = plan.component_begin[s];
    const std::uint32_t end = plan.component_begin[s + 1];
    if (begin == end) continue;
    double sum = 0;
    std::uint32_t n = 0;
    for (std::uint32_t c = begin; c < end; ++c) {
      const double x = out[plan.component_scale[c]].value;
      if (std::isnan(x)) continue;
      sum += x;
      ++n;
    }
    const bool enough = n >= plan.scale_min_answered[s] && n > 0;
    out[s] = RawScore{enough ? sum / static_cast<double>(n) : std::nan(""), n};
  }
}

ScoringSteps scoring_steps(const Instrument& instrument, std::optional<ScaleMethod> method,
                           std::string_view norm_set) {
  ScoringSteps steps;
  steps.method = method;
  if (!norm_set.empty()) steps.norm_set = &find_norm_set_or_throw(instrument, norm_set);
  for (std::size_t s = 0; s < instrument.scales().size(); ++s) {
    const Scale& scale = instrument.scales()[s];
    ScaleStep step;
    step.scale = s;
    step.method = method.value_or(scale.method);
    step.n_items = static_cast<std::uint32_t>(scale.is_composite() ? scale.components.size()
                                                                   : scale.items.size());
    // Norms and reliabilities are on the scale's declared metric; the factor converts to the
    // shown one. A composite's metric is its components' (all with the same number of items).
    const auto k = static_cast<double>(
        scale.is_composite() ? instrument.scales()[scale.components.front()].items.size()
                             : scale.items.size());
    step.metric_factor =
        step.method == scale.method ? 1.0 : (step.method == ScaleMethod::sum ? k : 1.0 / k);
    step.norm = steps.norm_set != nullptr ? steps.norm_set->find(s) : nullptr;
    step.composite = scale.is_composite();
    steps.scales.push_back(step);
  }
  return steps;
}

NormScore step_norm_score(const ScoringSteps& steps, const ScaleStep& step, double value) {
  return standardise(*step.norm, steps.norm_set->id, value / step.metric_factor);
}

void scale_items(const Instrument& instrument, std::size_t scale, std::span<const double> values,
                 bool reversed, std::vector<std::size_t>& out) {
  const ScoringPlan& plan = instrument.plan();
  for (std::uint32_t e = plan.scale_begin[scale]; e < plan.scale_begin[scale + 1]; ++e) {
    const std::size_t item = plan.entry_item[e];
    const bool missing = std::isnan(values[item]);
    if (reversed ? (!missing && plan.entry_reversed[e] != 0) : missing) out.push_back(item);
  }
}

namespace {

std::string composite_ids(const Instrument& instrument, const Scale& scale) {
  std::string ids;
  for (const std::size_t c : scale.components) {
    ids += (ids.empty() ? "" : ", ") + instrument.scales()[c].id;
  }
  return ids;
}

// "9 reverse-keyed (8 - answer)", or empty when no item is reversed.
std::string reversed_words(const Instrument& instrument, const Scale& scale) {
  if (scale.reversed.empty()) return "";
  const ResponseScale& rs = instrument.response_scale();
  return ", " + std::to_string(scale.reversed.size()) + " reverse-keyed (" +
         std::to_string(rs.min + rs.max) + " - answer)";
}

}  // namespace

std::string rule_text(const Instrument& instrument, const ScaleStep& step, const RawScore& raw) {
  const Scale& scale = instrument.scales()[step.scale];
  const ScaleMethod method = step.method;
  std::string text;
  if (scale.is_composite()) {
    text = "mean of the scores of " + std::to_string(scale.components.size()) +
           " component scales (" + composite_ids(instrument, scale) + "), each a " +
           std::string(to_string(method)) + " of " +
           std::to_string(instrument.scales()[scale.components.front()].items.size()) +
           " items; needs " + describe_min_answered(scale);
  } else {
    text = (method == ScaleMethod::mean ? "mean" : "sum") + std::string(" of ") +
           std::to_string(scale.items.size()) + " items" + reversed_words(instrument, scale);
    std::string weights;
    bool some_unweighted = false;
    for (std::size_t i = 0; i < scale.items.size(); ++i) {
      if (scale.weights[i] != 1) {
        weights += (weights.empty() ? "" : ", ") + instrument.items()[scale.items[i]].id + " x " +
                   detail::format_number(scale.weights[i]);
      } else {
        some_unweighted = true;
      }
    }
    if (!weights.empty()) {
      text += ", weighted (" + weights + (some_unweighted ? "; other items x 1)" : ")");
    } else if (method == ScaleMethod::sum) {
      text += ", prorated when items are missing";
    }
    text += "; needs " + describe_min_answered(scale);
  }
  if (std::isnan(raw.value)) {
    text += "; only " + std::to_string(raw.n_answered) +
            (scale.is_composite() ? " scored" : " answered") + ", so no score";
  }
  return text;
}

std::string rule_applied(const Instrument& instrument, const ScaleStep& step, const RawScore& raw) {
  const Scale& scale = instrument.scales()[step.scale];
  const std::uint32_t k = step.n_items;
  const std::string n = std::to_string(raw.n_answered) + " of " + std::to_string(k);
  if (std::isnan(raw.value)) {
    return "not scored: " + n + (scale.is_composite() ? " scales scored" : " answered") +
           "; needs " + std::to_string(scale.min_answered.required);
  }
  if (scale.is_composite()) return "mean of " + n + " scale scores";
  if (step.method == ScaleMethod::mean) return "mean of " + n + " items";
  if (raw.n_answered == k) return "sum of " + n + " items";
  return "sum of " + n + " items prorated x " + std::to_string(k) + "/" +
         std::to_string(raw.n_answered);
}

std::string rule_summary(const Instrument& instrument, const ScaleStep& step) {
  const Scale& scale = instrument.scales()[step.scale];
  std::string rule;
  if (scale.is_composite()) {
    rule = "mean of the scores of " + composite_ids(instrument, scale);
  } else {
    rule = std::string(to_string(step.method)) + " of " + std::to_string(scale.items.size()) +
           " items" + reversed_words(instrument, scale);
    if (step.method == ScaleMethod::sum) rule += ", prorated when items are missing";
  }
  return rule + "; needs " + describe_min_answered(scale);
}

}  // namespace securebase
