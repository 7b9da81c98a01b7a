// Fuzz target: answers text (JSON object or item=value list) -> Responses (parse_answers)
// against the embedded ECR-R; what it returns must validate and score.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"

namespace sb = securebase;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const sb::Instrument inst = sb::load_embedded_instrument("ecr-r");
  sb::Responses r;
  try {
    r = sb::parse_answers(inst, sb::fuzz::as_text(data, size), "fuzz.txt");
  } catch (const sb::Error&) {
    return 0;
  }
  if (r.values.size() != inst.items().size()) sb::fuzz::broken("answers sized for another count");
  if (r.answered() > inst.items().size()) sb::fuzz::broken("more answered than items");
  try {
    sb::validate_responses(r, inst, "fuzz.txt");
    (void)sb::score(inst, r);
  } catch (const sb::Error& e) {
    std::fprintf(stderr, "%s\n", sb::format_diagnostic(e.problems().front()).c_str());
    sb::fuzz::broken("parsed answers do not validate or score");
  }
  return 0;
}
