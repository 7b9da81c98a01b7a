// Writes the HTML report (and, optionally, the result JSON) of one answer file the way
// `securebase score --format html|json` shows it: embedded feedback text in English, the
// instrument's embedded response labels, boundaries at the scale midpoints.
//
//   write_report INSTRUMENT ANSWERS OUT.html [OUT.json] [--norms SET]
//
// Used by the headless-Chromium test (tests/e2e/report_html.cmake) and to make
// examples/reports/ (see its README.md).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "securebase/core/error.hpp"
#include "securebase/core/feedback.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/feedback_text.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/html.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args;
  securebase::ScoreOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--norms" && i + 1 < argc) {
      options.norm_set = argv[++i];
    } else {
      args.push_back(a);
    }
  }
  if (args.size() < 3 || args.size() > 4) {
    std::cerr << "usage: write_report INSTRUMENT ANSWERS OUT.html [OUT.json] [--norms SET]\n";
    return 1;
  }
  try {
    const securebase::Instrument in = securebase::load_instrument(args[0]);
    const std::string answers = securebase::read_file(args[1]);
    const securebase::Scores scores =
        securebase::score(in, securebase::parse_answers(in, answers, args[1]), options);
    const securebase::Profile profile = securebase::build_profile(in, scores);
    securebase::FeedbackOptions fo;
    if (auto text = securebase::embedded_instrument_text(in, "en")) {
      fo.labels = text->labels;
      fo.instrument_name = text->display_name;
    }
    const securebase::Feedback feedback = securebase::make_feedback(
        in, scores, profile, securebase::embedded_feedback_text("en"), fo);
    securebase::write_file_atomic(args[2], securebase::render_html(feedback, profile));
    if (args.size() == 4) {
      securebase::write_file_atomic(args[3],
                                    securebase::to_result_json(scores, profile, feedback) + "\n");
    }
  } catch (const securebase::Error& e) {
    std::cerr << "write_report: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
