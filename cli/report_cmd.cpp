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
  words::set_language(words::language_from_args(args));
  po::options_description desc(words::text("help.options"));
  std::string result;
  std::string output;
  std::string format;
  std::string lang;
  std::string instrument;
  desc.add_options()("help,h", words::text("help.show_help").c_str())(
      "output,o", po::value(&output), words::text("help.report.output").c_str())(
      "format,f", po::value(&format), words::text("help.report.format").c_str())(
      "lang,l", po::value(&lang), words::text("help.lang").c_str())(
      "instrument,i", po::value(&instrument), words::text("help.report.instrument").c_str());
  po::options_description hidden;  // the positional result; not an option to show
  hidden.add_options()("result", po::value(&result));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("result", 1);
  auto vm = parse_options("report", args, all, pos);
  if (vm.count("help")) {
    out << words::text("help.report.usage") << desc << "\n" << words::text("help.exit_codes");
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
