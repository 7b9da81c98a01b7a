// Example: score one respondent with the embedded 5-point ECR and print the result document.
// Build: part of the securebase build (SECUREBASE_BUILD_EXAMPLES); run: ./score_one
#include <iostream>

#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/securebase.hpp"

int main() {
  try {
    // 1. An instrument embedded in the library, by id.
    const securebase::Instrument ecr = securebase::load_embedded_instrument("ecr-5");

    // 2. Answers by item number (or id); unnamed items are missing.
    const securebase::Responses answers = securebase::parse_answers(
        ecr,
        "1=2 2=4 3=4 4=3 5=2 6=4 7=1 8=4 9=2 10=3 11=2 12=4 13=2 14=3 15=4 16=4 17=2 18=3 "
        "19=4 20=3 21=2 22=2 23=2 24=4 25=4 26=3 27=5 28=4 29=4 30=3 31=4 32=3 33=5 34=2 35=4",
        "example");

    // 3. Scores against a named norm set.
    securebase::ScoreOptions options;
    options.norm_set = "osp-2018";
    const securebase::Scores scores = securebase::score(ecr, answers, options);

    // 4. Structured access, or the whole result as JSON.
    for (const securebase::ScaleScore& s : scores.scales) {
      std::cout << s.scale_id << ": " << s.value << " (percentile " << s.norm->percentile << ")\n";
    }
    std::cout << securebase::to_result_json(scores);
    return 0;
  } catch (const securebase::Error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
}
