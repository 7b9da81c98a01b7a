#include "securebase/core/scoring.hpp"

#include <algorithm>
#include <cmath>

#include "core/number_format.hpp"
#include "securebase/core/error.hpp"
#include "securebase/version.hpp"

namespace securebase {

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

// The SEM and 95% interval of a scored scale: the SD and reliability of the chosen norm set when
// it covers the scale, else of the first norm set that does, with the scale's own reliability
// when the norm set has none; else the SD the scale's reliability declares (often provisional).
// Norms and reliabilities are on the declared metric; the step's factor converts them.
std::optional<MeasurementError> error_of(const Instrument& instrument, const ScoringSteps& steps,
                                         const ScaleStep& step, double value) {
  const std::size_t s = step.scale;
  const Scale& scale = instrument.scales()[s];
  const double f = step.metric_factor;
  const NormSet* basis = steps.norm_set;
  if (basis == nullptr || basis->find(s) == nullptr) {
    basis = nullptr;
    for (const NormSet& n : instrument.norm_sets()) {
      if (n.find(s) != nullptr) {
        basis = &n;
        break;
      }
    }
  }
  const ScaleNorm* norm = basis != nullptr ? basis->find(s) : nullptr;
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
  if (!sd || !reliability) return std::nullopt;
  if (f != 1.0)
    basis_text += " (converted to the " + std::string(to_string(step.method)) + " metric)";
  basis_text += " and ";
  basis_text += norm != nullptr && norm->reliability
                    ? "reliability of norm set " + basis->id
                    : "scale reliability (" + scale.reliability->source + ")";
  basis_text += " " + detail::format_number(*reliability);
  const auto [lo, hi] = score_range(instrument, s, step.method);
  MeasurementError me = measurement_error(value, *sd * f, *reliability, lo, hi);
  me.provisional = provisional;
  me.basis = std::move(basis_text);
  return me;
}

// One scale of a result: the step's outcome with its provenance.
ScaleScore scale_score(const Instrument& instrument, const ScoringSteps& steps,
                       const ScaleStep& step, const RawScore& raw, const Responses& responses) {
  const Scale& scale = instrument.scales()[step.scale];
  const ScaleOutcome o = apply_step(step, raw);
  ScaleScore sc;
  sc.scale_id = scale.id;
  sc.method = step.method;
  // A composite counts component scales: n_items components, n_answered of them scored.
  sc.n_items = static_cast<int>(step.n_items);
  sc.min_required = scale.min_answered.required;
  std::vector<std::size_t> items;
  scale_items(instrument, step.scale, responses.values, false, items);
  for (const std::size_t i : items) sc.missing_items.push_back(instrument.items()[i].id);
  items.clear();
  scale_items(instrument, step.scale, responses.values, true, items);
  for (const std::size_t i : items) sc.reversed_items.push_back(instrument.items()[i].id);
  sc.n_answered = static_cast<int>(o.n_answered);
  sc.n_missing = static_cast<int>(o.n_missing);
  sc.rule = rule_text(instrument, step, raw);
  sc.value = o.value;
  if (!o.scored) {
    sc.status = ScoreStatus::insufficient;
    return sc;
  }
  sc.prorated = o.prorated;
  sc.error = error_of(instrument, steps, step, o.value);
  if (step.norm != nullptr) sc.norm = step_norm_score(steps, step, o.value);
  return sc;
}

}  // namespace

Scores score(const Instrument& instrument, const Responses& responses,
             const ScoreOptions& options) {
  validate_responses(responses, instrument, "answers");
  const ScoringSteps steps = scoring_steps(instrument, options.method, options.norm_set);

  Scores out;
  out.instrument_id = instrument.id();
  out.instrument_version = instrument.version();
  out.instrument_title = instrument.title();
  out.key_fingerprint = instrument.key_fingerprint();
  out.library_version = std::string(library_version());
  out.norm_set = steps.norm_set != nullptr ? steps.norm_set->id : "";
  for (std::size_t i = 0; i < instrument.items().size(); ++i) {
    out.answers.push_back(
        {instrument.items()[i].id, instrument.items()[i].number, responses.values[i]});
  }
  std::vector<RawScore> raw(instrument.scales().size());
  score_raw(instrument.plan(), responses.values, raw, options.method);
  for (const ScaleStep& step : steps.scales) {
    out.scales.push_back(scale_score(instrument, steps, step, raw[step.scale], responses));
  }
  return out;
}

}  // namespace securebase
