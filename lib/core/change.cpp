#include "securebase/core/change.hpp"

#include <cmath>

#include "securebase/core/error.hpp"
#include "securebase/core/norms.hpp"

namespace securebase {

std::string_view to_string(ChangeVerdict verdict) noexcept {
  switch (verdict) {
    case ChangeVerdict::within_noise:
      return "within_noise";
    case ChangeVerdict::reliable_increase:
      return "reliable_increase";
    case ChangeVerdict::reliable_decrease:
      return "reliable_decrease";
    case ChangeVerdict::unknown:
      return "unknown";
  }
  return "unknown";
}

namespace {

// Jacobson & Truax (1991): |RCI| > 1.96 is change beyond measurement error (p < .05, two-sided).
constexpr double rci_threshold = 1.96;

// Forms whose scales share one metric and one set of item ids, so scores compare across them.
bool same_family(const std::string& a, const std::string& b) noexcept {
  const auto inventory = [](const std::string& id) {
    return id == "securebase-core" || id == "securebase-brief";
  };
  return inventory(a) && inventory(b);
}

std::string short_key(const Scores& s) { return s.key_fingerprint.substr(0, 12) + "..."; }

}  // namespace

bool comparable(const Scores& before, const Scores& after) noexcept {
  return before.key_fingerprint == after.key_fingerprint ||
         same_family(before.instrument_id, after.instrument_id);
}

ReliableChange reliable_change(const Scores& before, const Scores& after,
                               const std::string& before_source, const std::string& after_source) {
  if (!comparable(before, after)) {
    throw Error(ErrorCode::result_incomparable, after_source,
                "scored with " + after.instrument_id + " (key sha256:" + short_key(after) +
                    "), but " + before_source + " was scored with " + before.instrument_id +
                    " (key sha256:" + short_key(before) +
                    "); reliable change needs both on the same metric");
  }
  ReliableChange rc;
  rc.before_instrument = before.instrument_id;
  rc.after_instrument = after.instrument_id;
  for (const ScaleScore& a : after.scales) {
    const ScaleScore* b = before.find(a.scale_id);
    if (b == nullptr || a.status != ScoreStatus::ok || b->status != ScoreStatus::ok) {
      rc.not_compared.push_back(a.scale_id);
      continue;
    }
    ScaleChange c;
    c.scale_id = a.scale_id;
    c.before = b->value;
    c.after = a.value;
    c.difference = a.value - b->value;
    if (a.error && b->error && a.error->sem > 0 && b->error->sem > 0) {
      c.se_difference = std::sqrt(a.error->sem * a.error->sem + b->error->sem * b->error->sem);
      c.rci = c.difference / *c.se_difference;
      c.verdict = *c.rci > rci_threshold    ? ChangeVerdict::reliable_increase
                  : *c.rci < -rci_threshold ? ChangeVerdict::reliable_decrease
                                            : ChangeVerdict::within_noise;
      c.provisional = a.error->provisional || b->error->provisional;
    }
    rc.scales.push_back(std::move(c));
  }
  return rc;
}

}  // namespace securebase
