// securebase: scale scores for one respondent, with a provenance trace for each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scale_step.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Whether a scale could be scored.
enum class ScoreStatus {
  ok,            ///< enough items answered
  insufficient,  ///< fewer answered items than the scale's minimum: no score
};

/// One scale's score and how it came about.
struct ScaleScore {
  std::string scale_id;                     ///< the scale
  double value = missing_answer;            ///< the score; NaN when insufficient
  ScoreStatus status = ScoreStatus::ok;     ///< ok or insufficient
  ScaleMethod method = ScaleMethod::mean;   ///< mean, or sum (prorated when items are missing)
  bool prorated = false;                    ///< sum scaled up by items / answered
  int n_items = 0;                          ///< items in the scale
  int n_answered = 0;                       ///< items answered
  int n_missing = 0;                        ///< items missing
  int min_required = 0;                     ///< answered items the rule needs
  std::string rule;                         ///< the rule applied, in words
  std::vector<std::string> reversed_items;  ///< answered items reversed (min + max - x)
  std::vector<std::string> missing_items;   ///< items not answered
  std::optional<MeasurementError> error;  ///< SEM and 95% interval, when a reliability and SD exist
  std::optional<NormScore> norm;          ///< against the chosen norm set, when one was chosen
};

/// One answer as recorded in a result.
struct RecordedAnswer {
  std::string item_id;            ///< item id
  int number = 0;                 ///< canonical number
  double value = missing_answer;  ///< NaN when missing
};

/// How a questionnaire was presented, when it was taken interactively (`take`).
struct Administration {
  std::optional<std::uint64_t> seed;  ///< the shuffle seed; none = the canonical order
  std::vector<std::string> order;     ///< item ids in the order they were shown
  std::string completed;  ///< when the last answer was given, "2026-12-07T05:20:47Z"; "" unknown
};

/// Everything a scoring run produced, as serialised in a result document.
struct Scores {
  std::string instrument_id;                     ///< instrument id
  std::string instrument_version;                ///< instrument file version
  std::string instrument_title;                  ///< instrument title
  std::string key_fingerprint;                   ///< SHA-256 of the scoring key
  std::string library_version;                   ///< securebase version that scored
  std::string norm_set;                          ///< norm set used, empty for none
  std::vector<RecordedAnswer> answers;           ///< the answers scored, canonical order
  std::vector<ScaleScore> scales;                ///< one per scale, declared order
  std::optional<Administration> administration;  ///< set by callers that presented the items

  /// The score of a scale by id, or nullptr.
  [[nodiscard]] const ScaleScore* find(std::string_view scale_id) const noexcept;
  /// Number of answered items.
  [[nodiscard]] std::size_t answered() const noexcept;
};

/// Options of a scoring run.
struct ScoreOptions {
  std::string norm_set;               ///< norm set id for z/T/percentile; empty = none
  std::optional<ScaleMethod> method;  ///< override every scale's method (e.g. sum)
};

/// Scores one respondent. Validates the answers first (201/203/204) and the norm set (301).
/// SEM comes from the norm set's SD and reliability, else the first norm set covering the
/// scale, with the scale's own reliability when the norm set has none.
Scores score(const Instrument& instrument, const Responses& responses,
             const ScoreOptions& options = {});

}  // namespace securebase

SECUREBASE_API_END
