// securebase: the per-scale scoring step. The only place where a scale's metric, its
// minimum-answered rule (and the words for it), prorating and norms are applied: score(), the
// batch rows, the C API and the bindings all go through it.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/core/plan.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// A scale's raw result from the allocation-free kernel.
struct RawScore {
  double value;              ///< mean or prorated sum; NaN when insufficient
  std::uint32_t n_answered;  ///< answered items (a composite: scored components)
};

/// The kernel: every scale of validated answers (NaN = missing) from a compiled plan into `out`
/// (one per scale). `method` overrides every scale's declared method (mean, or prorated sum).
/// No allocation, no checks: the metric, the minimum-answered rule and prorating of every scale.
void score_raw(const ScoringPlan& plan, std::span<const double> values, std::span<RawScore> out,
               std::optional<ScaleMethod> method = std::nullopt) noexcept;

/// One scale as a run scores it: resolved once per run from the instrument and the options.
struct ScaleStep {
  std::size_t scale = 0;                   ///< index into Instrument::scales
  ScaleMethod method = ScaleMethod::mean;  ///< the metric shown: declared, or the override
  std::uint32_t n_items = 0;               ///< items counted (a composite: component scales)
  double metric_factor = 1;  ///< shown metric / declared metric (norms are on the declared one)
  const ScaleNorm* norm = nullptr;  ///< the chosen norm set's values for the scale, or none
  bool composite = false;           ///< a mean of component scales (never prorated)
};

/// Every scale's step for a run.
struct ScoringSteps {
  std::optional<ScaleMethod> method;  ///< the override, if any
  const NormSet* norm_set = nullptr;  ///< the chosen norm set, or none
  std::vector<ScaleStep> scales;      ///< one per scale, in declared order
};

/// The steps of a run with an optional method override and norm set id (empty = none). Throws
/// 301 (listing the instrument's norm sets) for an unknown norm set.
ScoringSteps scoring_steps(const Instrument& instrument, std::optional<ScaleMethod> method,
                           std::string_view norm_set);

/// What the step made of one scale's raw result.
struct ScaleOutcome {
  double value = 0;              ///< the score on the shown metric; NaN when not scored
  std::uint32_t n_answered = 0;  ///< answered items (scored components)
  std::uint32_t n_missing = 0;   ///< n_items - n_answered
  bool scored = false;           ///< the minimum-answered rule was met
  bool prorated = false;         ///< a sum scaled up by items / answered
};

/// The step itself: a raw result with its scale's rule and prorating applied; norms, when the
/// run has them and the scale is scored, come from step_norm_score. Inline: it runs for every
/// scale of every batch row.
inline ScaleOutcome apply_step(const ScaleStep& step, const RawScore& raw) noexcept {
  const bool scored = !std::isnan(raw.value);
  return {raw.value, raw.n_answered, step.n_items - raw.n_answered, scored,
          scored && !step.composite && step.method == ScaleMethod::sum &&
              raw.n_answered < step.n_items};
}

/// z, T and percentile of a score on the shown metric against the step's norm (which must be
/// set): the score is converted to the declared metric the norms are on.
NormScore step_norm_score(const ScoringSteps& steps, const ScaleStep& step, double value);

/// The items of a scale's key that were answered and count reversed (`reversed` true), or that
/// were not answered (`reversed` false), in key order, appended to `out` as item indices.
void scale_items(const Instrument& instrument, std::size_t scale, std::span<const double> values,
                 bool reversed, std::vector<std::size_t>& out);

/// The rule of a scale in full, as a result records it, e.g. "mean of 18 items, 9
/// reverse-keyed (8 - answer); needs at least 15 of 18 items answered (...)"; with
/// "; only N answered, so no score" when `raw` was not scored.
std::string rule_text(const Instrument& instrument, const ScaleStep& step, const RawScore& raw);

/// The rule as it applied to one row, for batch --explain: "mean of 17 of 18 items",
/// "sum of 17 of 18 items prorated x 18/17", "not scored: 3 of 18 answered; needs 15".
std::string rule_applied(const Instrument& instrument, const ScaleStep& step, const RawScore& raw);

/// The rule of a scale for a run's summary: "mean of 18 items, 9 reverse-keyed (8 - answer);
/// needs ...", a composite as "mean of the scores of a, b; needs ...".
std::string rule_summary(const Instrument& instrument, const ScaleStep& step);

}  // namespace securebase

SECUREBASE_API_END
