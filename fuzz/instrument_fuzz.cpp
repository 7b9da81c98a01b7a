// Fuzz target: instrument JSON text -> Instrument (parse_instrument), then everything derived
// from a loaded instrument without respondent data: the canonical key, the key JSON, score
// ranges, rule descriptions and the scores of empty and all-lowest answers.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_support.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/instrument_json.hpp"

namespace sb = securebase;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<sb::Instrument> loaded;
  try {
    loaded = sb::parse_instrument(sb::fuzz::as_text(data, size), "fuzz.json");
  } catch (const sb::Error&) {
    return 0;  // rejected input: the expected outcome for most inputs
  }
  const sb::Instrument& inst = *loaded;
  // A loaded instrument is valid: nothing below may throw.
  (void)sb::to_canonical_key_json(inst);
  (void)sb::to_key_json(inst, 2);
  (void)sb::to_key_json(inst, -1);
  for (std::size_t s = 0; s < inst.scales().size(); ++s) {
    (void)sb::score_range(inst, s, sb::ScaleMethod::mean);
    (void)sb::score_range(inst, s, sb::ScaleMethod::sum);
    (void)sb::describe_min_answered(inst.scales()[s]);
  }
  for (const auto& item : inst.items()) {
    if (inst.find_item(item.id) == std::nullopt) sb::fuzz::broken("find_item misses an item");
  }
  sb::Responses none = sb::empty_responses(inst);
  sb::Responses lowest = none;
  for (double& v : lowest.values) v = inst.response_scale().min;
  try {
    (void)sb::score(inst, none);
    (void)sb::score(inst, lowest);
    for (const auto& norms : inst.norm_sets()) {
      sb::ScoreOptions options;
      options.norm_set = norms.id;
      (void)sb::score(inst, lowest, options);
    }
  } catch (const sb::Error& e) {
    std::fprintf(stderr, "%s\n", sb::format_diagnostic(e.problems().front()).c_str());
    sb::fuzz::broken("scoring a loaded instrument threw");
  }
  return 0;
}
