// `securebase compare OLD.json NEW.json`: reliable change between two saved results.
#include <istream>
#include <ostream>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "result_view.hpp"

namespace securebase::cli {

int compare_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                    std::ostream& /*err*/) {
  po::options_description desc("Options");
  std::vector<std::string> files;
  std::string lang;
  desc.add_options()("help,h", "show this help")(
      "full", "the whole feedback for the newer result, with the change in it")(
      "lang,l", po::value(&lang)->default_value("en"), "feedback language: en or es")(
      "ascii", "plain ASCII, no box characters")("files", po::value(&files), "OLD.json NEW.json");
  po::positional_options_description pos;
  pos.add("files", 2);
  auto vm = parse_options("compare", args, desc, pos);
  if (vm.count("help")) {
    out << "Usage: securebase compare OLD.json NEW.json [options]\n\n"
           "Says, scale by scale, whether a difference between two results is larger than\n"
           "measurement error (the Jacobson-Truax reliable change index, |RCI| > 1.96). Results\n"
           "compare when they were scored with the same key, or with the core and brief forms.\n\n"
        << desc << "\n"
        << exit_code_help();
    return exit_ok;
  }
  if (files.size() != 2) throw UsageError("compare", "two result files are required: OLD NEW");
  const auto [old_ins, before] = load_result(files[0], in);
  const auto [new_ins, after] = load_result(files[1], in);
  ViewOptions view = detect_view(out);
  view.language = lang;
  if (vm.count("ascii")) view.ascii = true;
  if (vm.count("full")) {
    out << render_comparison_text(new_ins, before, after, view, files[0], files[1]);
  } else {
    (void)old_ins;
    out << render_change_text(new_ins, before, after, view, files[0], files[1]);
  }
  return exit_ok;
}

}  // namespace securebase::cli
