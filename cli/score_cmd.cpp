// `securebase score --instrument ID --answers FILE|-`: score one respondent.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "result_view.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/result_json.hpp"

namespace securebase::cli {

namespace {

constexpr const char* usage_text =
    "Usage: securebase score --instrument ID|FILE --answers FILE|- [options]\n\n"
    "Scores one person's answers. Answers are a JSON object ({\"1\": 5, \"i02\": 3}) or an\n"
    "item=value list ('1=5 2=3 ...'); items are named by id or by number in the canonical\n"
    "order; items left out, null or NA are missing. '-' reads standard input.\n\n";

}  // namespace

int score_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                  std::ostream& /*err*/) {
  po::options_description desc("Options");
  std::string instrument;
  std::string answers;
  std::string format;
  std::string norms;
  std::string method;
  std::string lang;
  std::string output;
  int width = 0;
  desc.add_options()("help,h", "show this help")(
      "instrument,i", po::value(&instrument),
      "embedded instrument id (see 'instruments list') or file")(
      "answers,a", po::value(&answers), "answers file, or - for standard input")(
      "format,f", po::value(&format)->default_value("text"),
      "text (explained feedback), json (a result document with its feedback) or html (a "
      "self-contained report)")("lang,l", po::value(&lang)->default_value("en"),
                                "feedback language: en or es")(
      "output,o", po::value(&output), "write to this file instead of standard output")(
      "width,w", po::value(&width), "wrap text to this many columns (40-200; default: terminal)")(
      "ascii", "plain ASCII drawing, no box characters")(
      "boundary", po::value<std::string>()->default_value("midpoint"),
      "where the plane's lines are: midpoint (of each scale) or median (of the --norms set)")(
      "norms,n", po::value(&norms), "norm set id for z, T and percentile (see 'instruments show')")(
      "method,m", po::value(&method), "override every scale's method: mean or sum (prorated)");
  po::positional_options_description pos;
  auto vm = parse_options("score", args, desc, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return exit_ok;
  }
  check_choice("score", "format", format, {"text", "json", "html"});
  if (!method.empty()) check_choice("score", "method", method, {"mean", "sum"});
  if (instrument.empty()) throw UsageError("score", "option '--instrument' is required");
  if (answers.empty()) throw UsageError("score", "option '--answers' is required");

  const Instrument ins = load_instrument(instrument);
  const std::string text = read_input(answers, in);
  const Responses responses = parse_answers(ins, text, answers == "-" ? "<stdin>" : answers);
  ScoreOptions options;
  options.norm_set = norms;
  if (!method.empty()) options.method = method == "sum" ? ScaleMethod::sum : ScaleMethod::mean;
  const Scores scores = score(ins, responses, options);
  ViewOptions view = output.empty() ? detect_view(out) : ViewOptions{};
  view.language = lang;
  if (width != 0) view.width = width;
  if (vm.count("ascii")) view.ascii = true;
  const std::string boundary = vm["boundary"].as<std::string>();
  check_choice("score", "boundary", boundary, {"midpoint", "median"});
  if (boundary == "median") {
    if (norms.empty()) {
      throw UsageError("score", "option '--boundary median' needs a norm set: add --norms ID");
    }
    view.boundary_norm_set = norms;
  }
  write_result(format, ins, scores, view, output, out);
  return exit_ok;
}

}  // namespace securebase::cli
