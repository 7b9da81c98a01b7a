// Fuzz target: result JSON text -> Scores (parse_result_json); a document that reads must write
// back (to_result_json) into one that reads again with the same answers and scales.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/result_json.hpp"

namespace sb = securebase;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sb::Scores scores;
  try {
    scores = sb::parse_result_json(sb::fuzz::as_text(data, size), "fuzz.json");
  } catch (const sb::Error&) {
    return 0;
  }
  const std::string again = sb::to_result_json(scores, -1);
  try {
    const sb::Scores back = sb::parse_result_json(again, "roundtrip.json");
    if (back.answers.size() != scores.answers.size() || back.scales.size() != scores.scales.size())
      sb::fuzz::broken("a result changed size on the round trip");
    if (sb::to_result_json(back, -1) != again) sb::fuzz::broken("round trip is not stable");
  } catch (const sb::Error& e) {
    std::fprintf(stderr, "%s\n%s\n", sb::format_diagnostic(e.problems().front()).c_str(),
                 again.c_str());
    sb::fuzz::broken("a written result does not read back");
  }
  return 0;
}
