// securebase: reliable change between two results on the same metric (Jacobson & Truax, 1991).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "securebase/core/scoring.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Whether a change is larger than measurement error, and which way it goes.
enum class ChangeVerdict {
  within_noise,       ///< |RCI| <= 1.96: not distinguishable from measurement error
  reliable_increase,  ///< RCI > 1.96: the score rose beyond measurement error
  reliable_decrease,  ///< RCI < -1.96: the score fell beyond measurement error
  unknown,            ///< no SEM for one of the two scores: cannot tell
};

/// "within_noise", "reliable_increase", "reliable_decrease" or "unknown".
std::string_view to_string(ChangeVerdict verdict) noexcept;

/// The change of one scale from the earlier to the later result.
struct ScaleChange {
  std::string scale_id;                 ///< the scale, present and scored in both results
  double before = 0;                    ///< earlier score
  double after = 0;                     ///< later score
  double difference = 0;                ///< after - before
  std::optional<double> se_difference;  ///< sqrt(SEM_before^2 + SEM_after^2), when both known
  std::optional<double> rci;            ///< difference / se_difference
  ChangeVerdict verdict = ChangeVerdict::unknown;  ///< what the RCI says
  bool provisional = false;  ///< an SEM behind it rests on a provisional reliability
};

/// Reliable change between two results, scale by scale.
struct ReliableChange {
  std::string before_instrument;          ///< instrument of the earlier result
  std::string after_instrument;           ///< instrument of the later result
  std::vector<ScaleChange> scales;        ///< scales scored in both, in the later result's order
  std::vector<std::string> not_compared;  ///< scales of the later result not scored in both
};

/// True when two results are on the same metric: the same key fingerprint, or our core and
/// brief forms (the brief form's items are a subset of the core's, on the same 1-7 metric).
bool comparable(const Scores& before, const Scores& after) noexcept;

/// The Jacobson-Truax reliable change index per scale: (after - before) / S_diff, with
/// S_diff = sqrt(SEM_before^2 + SEM_after^2) (= sqrt(2) SEM when both SEMs are equal).
/// Throws 404 when the results are not comparable; `before_source`/`after_source` name them.
ReliableChange reliable_change(const Scores& before, const Scores& after,
                               const std::string& before_source = "earlier result",
                               const std::string& after_source = "later result");

}  // namespace securebase

SECUREBASE_API_END
