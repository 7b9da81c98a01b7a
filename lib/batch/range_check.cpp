// securebase batch: the warnings of a finished run: an end of the response scale that no answer
// uses (the rule is stats::unused_range_end, shared with the statistics checks), with the
// embedded instruments whose scale the answers fit.
#include <string>
#include <vector>

#include "securebase/batch/batch.hpp"
#include "securebase/io/instrument_json.hpp"

namespace securebase {

namespace {

// Embedded instruments with as many items as `ins` whose response scale is the range the
// answers use, or holds it and is shorter than `ins`'s: "ecr-5 (36 items, 1-5)".
std::vector<std::string> likely_instruments(const Instrument& ins, const stats::AnswerRange& seen) {
  std::vector<std::string> out;
  const int width = ins.response_scale().max - ins.response_scale().min;
  for (const std::string& id : embedded_instrument_ids()) {
    if (id == ins.id()) continue;
    const Instrument other = load_embedded_instrument(id);
    const ResponseScale& r = other.response_scale();
    if (other.items().size() != ins.items().size() || r.max - r.min >= width) continue;
    if (seen.lowest < r.min || seen.highest > r.max) continue;
    out.push_back(id + " (" + std::to_string(other.items().size()) + " items, " +
                  std::to_string(r.min) + "-" + std::to_string(r.max) + ")");
  }
  return out;
}

}  // namespace

std::vector<std::string> batch_warnings(const Instrument& ins, const BatchSummary& summary) {
  std::vector<std::string> out;
  const ResponseScale& r = ins.response_scale();
  const std::optional<stats::CheckWarning> range =
      stats::unused_range_end(summary.answers, r.min, r.max);
  if (range) {
    std::string text = ins.id() + ": " + range->message;
    const std::vector<std::string> likely = likely_instruments(ins, summary.answers);
    for (std::size_t i = 0; i < likely.size(); ++i) {
      text += (i == 0 ? "; likely: " : ", ") + likely[i];
    }
    out.push_back(text);
  }
  return out;
}

}  // namespace securebase
