#include "securebase/core/scoring.hpp"

#include <algorithm>
#include <cmath>

#include "core/number_format.hpp"
#include "securebase/core/error.hpp"
#include "securebase/version.hpp"

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
    const std::uint32_t k = end - begin;
    double value = std::nan("");
    if (n >= plan.scale_min_answered[s] && n > 0) {
      const bool as_sum = method ? *method == ScaleMethod::sum : plan.scale_is_sum[s] != 0;
      if (as_sum) {
        // Prorated sum: the sum the respondent would have had at their own mean (exact when
        // nothing is missing).
        value = n == k ? sum : sum * static_cast<double>(k) / static_cast<double>(n);
      } else {
        value = sum / static_cast<double>(n);
      }
    }
    out[s] = RawScore{value, n};
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

const ScaleScore* Scores::find(std::string_view scale_id) const noexcept {
  for (const ScaleScore& s : scales) {
    if (s.scale_id == scale_id) return &s;
  }
  return nullptr;
}

std::size_t Scores::answered() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(answers.begin(), answers.end(),
                    [](const RecordedAnswer& a) { return !is_missing(a.value); }));
}

namespace {

std::string rule_text(const Instrument& instrument, const Scale& scale, ScaleMethod method) {
  const ResponseScale& rs = instrument.response_scale;
  if (scale.is_composite()) {
    std::string ids;
    for (std::size_t c : scale.components) {
      ids += (ids.empty() ? "" : ", ") + instrument.scales[c].id;
    }
    return "mean of the scores of " + std::to_string(scale.components.size()) +
           " component scales (" + ids + "), each a " + std::string(to_string(method)) + " of " +
           std::to_string(instrument.scales[scale.components.front()].items.size()) +
           " items; needs " + describe_min_answered(scale);
  }
  std::string text = (method == ScaleMethod::mean ? "mean" : "sum") + std::string(" of ") +
                     std::to_string(scale.items.size()) + " items";
  if (!scale.reversed.empty()) {
    text += ", " + std::to_string(scale.reversed.size()) + " reverse-keyed (" +
            std::to_string(rs.min + rs.max) + " - answer)";
  }
  std::string weights;
  bool some_unweighted = false;
  for (std::size_t i = 0; i < scale.items.size(); ++i) {
    if (scale.weights[i] != 1) {
      weights += (weights.empty() ? "" : ", ") + instrument.items[scale.items[i]].id + " x " +
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
  return text;
}

}  // namespace

Scores score(const Instrument& instrument, const Responses& responses,
             const ScoreOptions& options) {
  validate_responses(responses, instrument, "answers");
  const NormSet* chosen = nullptr;
  if (!options.norm_set.empty()) {
    chosen = &find_norm_set_or_throw(instrument, options.norm_set);
  }

  Scores out;
  out.instrument_id = instrument.id;
  out.instrument_version = instrument.version;
  out.instrument_title = instrument.title;
  out.key_fingerprint = instrument.key_fingerprint;
  out.library_version = std::string(library_version());
  out.norm_set = chosen != nullptr ? chosen->id : "";
  for (std::size_t i = 0; i < instrument.items.size(); ++i) {
    out.answers.push_back(
        {instrument.items[i].id, instrument.items[i].number, responses.values[i]});
  }

  std::vector<RawScore> raw(instrument.scales.size());
  score_raw(instrument.plan, responses.values, raw, options.method);

  for (std::size_t s = 0; s < instrument.scales.size(); ++s) {
    const Scale& scale = instrument.scales[s];
    ScaleScore sc;
    sc.scale_id = scale.id;
    sc.method = options.method.value_or(scale.method);
    // A composite counts component scales: n_items components, n_answered of them scored.
    sc.n_items =
        static_cast<int>(scale.is_composite() ? scale.components.size() : scale.items.size());
    sc.min_required = scale.min_answered.required;
    const auto begin = instrument.plan.scale_begin[s];
    const auto end = instrument.plan.scale_begin[s + 1];
    for (auto e = begin; e < end; ++e) {
      const std::size_t item = instrument.plan.entry_item[e];
      const bool reversed = instrument.plan.entry_reversed[e] != 0;
      if (is_missing(responses.values[item])) {
        sc.missing_items.push_back(instrument.items[item].id);
      } else if (reversed) {
        sc.reversed_items.push_back(instrument.items[item].id);
      }
    }
    sc.n_answered = static_cast<int>(raw[s].n_answered);
    sc.n_missing = sc.n_items - sc.n_answered;
    sc.rule = rule_text(instrument, scale, sc.method);
    const double value = raw[s].value;
    sc.value = value;
    if (std::isnan(value)) {
      sc.status = ScoreStatus::insufficient;
      sc.rule += "; only " + std::to_string(sc.n_answered) +
                 (scale.is_composite() ? " scored" : " answered") + ", so no score";
      out.scales.push_back(std::move(sc));
      continue;
    }
    sc.prorated =
        !scale.is_composite() && sc.method == ScaleMethod::sum && sc.n_answered < sc.n_items;

    // Norms and reliabilities are on the scale's declared metric; f converts to the shown one.
    // A composite's metric is its components' (all with the same number of items).
    const auto k = static_cast<double>(
        scale.is_composite() ? instrument.scales[scale.components.front()].items.size()
                             : scale.items.size());
    const double f =
        sc.method == scale.method ? 1.0 : (sc.method == ScaleMethod::sum ? k : 1.0 / k);
    const double declared_value = value / f;
    const NormSet* basis = chosen;
    if (basis == nullptr || basis->find(s) == nullptr) {
      basis = nullptr;
      for (const NormSet& n : instrument.norm_sets) {
        if (n.find(s) != nullptr) {
          basis = &n;
          break;
        }
      }
    }
    const ScaleNorm* norm = basis != nullptr ? basis->find(s) : nullptr;
    // The SEM needs an SD and a reliability: the norm set's SD with its own reliability or the
    // scale's; else the SD the scale's reliability declares (often provisional).
    std::optional<double> reliability;
    std::optional<double> sd;
    bool provisional = false;
    std::string basis_text;
    if (norm != nullptr && norm->reliability) {
      sd = norm->sd;
      reliability = norm->reliability;
      basis_text = "SD " + detail::format_number(norm->sd * f) + " of norm set " + basis->id;
    } else if (scale.reliability && (norm != nullptr || scale.reliability->sd)) {
      sd = norm != nullptr ? norm->sd : *scale.reliability->sd;
      reliability = scale.reliability->value;
      provisional = scale.reliability->provisional;
      basis_text = "SD " + detail::format_number(*sd * f) +
                   (norm != nullptr ? " of norm set " + basis->id : " declared by the scale");
    }
    if (sd && reliability) {
      if (f != 1.0)
        basis_text += " (converted to the " + std::string(to_string(sc.method)) + " metric)";
      basis_text += " and ";
      basis_text += norm != nullptr && norm->reliability
                        ? "reliability of norm set " + basis->id
                        : "scale reliability (" + scale.reliability->source + ")";
      basis_text += " " + detail::format_number(*reliability);
      const auto [lo, hi] = score_range(instrument, s, sc.method);
      MeasurementError me = measurement_error(value, *sd * f, *reliability, lo, hi);
      me.provisional = provisional;
      me.basis = std::move(basis_text);
      sc.error = me;
    }
    if (chosen != nullptr) {
      if (const ScaleNorm* cn = chosen->find(s)) {
        sc.norm = standardise(*cn, chosen->id, declared_value);
      }
    }
    out.scales.push_back(std::move(sc));
  }
  return out;
}

}  // namespace securebase
