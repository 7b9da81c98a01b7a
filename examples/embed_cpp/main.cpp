// Embedding securebase in a C++ program: load an embedded instrument, score one respondent's
// answers, explain the result (profile and feedback, as the CLI and the C API do), and write the
// result document (docs/embedding.md).
#include <iostream>

#include "securebase/securebase.hpp"

int main() {
  try {
    // 1. An instrument compiled into the library, by id (securebase's own inventory).
    const securebase::Instrument core = securebase::load_embedded_instrument("securebase-core");

    // 2. Answers by item number (or id), values 1-7; NA (or an item left out) is missing.
    const securebase::Responses answers = securebase::parse_answers(
        core,
        "1=5 2=3 3=4 4=5 5=3 6=5 7=3 8=5 9=6 10=4 11=3 12=4 13=5 14=5 15=6 16=4 17=3 18=5 "
        "19=5 20=NA 21=3 22=5 23=5 24=4 25=3 26=3 27=6 28=4 29=4 30=4 31=5 32=6 33=4 34=5 35=3 "
        "36=6",
        "answers");

    // 3. Scores, then what they mean: the profile and the feedback built on it, in English.
    const securebase::Scores scores = securebase::score(core, answers);
    const securebase::Explained explained = securebase::explain_result(core, scores);
    const securebase::Feedback& feedback = explained.feedback;

    // 4. Structured access...
    std::cout << "securebase " << securebase::library_version() << "\n";
    std::cout.precision(3);
    for (const char* id : {"anxiety", "avoidance"}) {
      std::cout << id << ": " << scores.find(id)->value << "\n";
    }
    if (const securebase::FeedbackBlock* summary = feedback.find("summary")) {
      std::cout << summary->title << ": " << summary->paragraphs.front() << "\n";
    }
    // ...or the whole result document as JSON (docs/result-schema.json).
    const std::string json = securebase::to_result_json(scores, explained.profile, feedback);
    std::cout << "result document: " << json.size() << " bytes\n";
    return 0;
  } catch (const securebase::Error& e) {
    // Every failure is a securebase::Error with a stable code and a sentence to act on.
    std::cerr << e.what() << "\n";
    return 2;
  }
}
