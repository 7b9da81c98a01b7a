// `securebase report RESULT.json [-o FILE]`: a saved result as an HTML report (or text, JSON).
#include <istream>
#include <ostream>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "result_ref.hpp"
#include "result_view.hpp"
#include "take_words.hpp"

namespace securebase::cli {

int report_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                   std::ostream& /*err*/) {
  po::options_description desc("Options");
  std::string result;
  std::string output;
  std::string format;
  std::string lang;
  std::string instrument;
  desc.add_options()("help,h", "show this help")(
      "output,o", po::value(&output), "write the report to this file (default: standard output)")(
      "format,f", po::value(&format),
      "html (default), text or json (the result with its profile and feedback)")(
      "lang,l", po::value(&lang),
      "language: en or es (default: from LC_ALL, LC_MESSAGES or LANG, else en)")(
      "instrument,i", po::value(&instrument),
      "the instrument file the result was scored with, when it is not embedded");
  po::options_description hidden;  // the positional result; not an option to show
  hidden.add_options()("result", po::value(&result));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("result", 1);
  auto vm = parse_options("report", args, all, pos);
  if (vm.count("help")) {
    out << "Usage: securebase report RESULT [-o report.html] [options]\n\n"
           "Renders a saved result again: an HTML report is one self-contained file (no scripts,\n"
           "nothing loaded from the network) that prints well and reads on a phone.\n\n"
           "RESULT is a result file (from 'score --format json'), - for standard input, or a\n"
           "saved result as 'securebase history' lists it: an id, the start of one (a date such\n"
           "as 2026-12-07), 'latest' or 'previous'.\n\n"
        << desc << "\n"
        << exit_code_help();
    return exit_ok;
  }
  if (result.empty())
    throw UsageError("report", "a result is required: a file, or a saved result ('latest')");
  if (format.empty()) format = "html";
  if (lang.empty()) lang = words::language_from_environment();
  check_choice("report", "format", format, {"html", "text", "json"});
  const ResultRef ref = resolve_result("report", result);
  auto [ins, scores] = load_result(ref.path, in, instrument);
  // A saved result from before results recorded their completion time: its id has it.
  if (ref.stamp.size() == 14 &&
      (!scores.administration || scores.administration->completed.empty())) {
    if (!scores.administration) scores.administration = Administration{};
    const std::string& d = ref.stamp;
    scores.administration->completed = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" +
                                       d.substr(6, 2) + "T" + d.substr(8, 2) + ":" +
                                       d.substr(10, 2) + ":" + d.substr(12, 2) + "Z";
  }
  ViewOptions view = output.empty() ? detect_view(out) : ViewOptions{};
  view.language = lang;
  write_result(format, ins, scores, view, output, out);
  return exit_ok;
}

}  // namespace securebase::cli
