// `securebase compare OLD NEW`: reliable change between two results, each a file or a saved
// result named as `history` names it (an id, "latest", "previous", a date prefix).
#include <algorithm>
#include <filesystem>
#include <istream>
#include <optional>
#include <ostream>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "result_ref.hpp"
#include "result_view.hpp"
#include "securebase/core/placeholders.hpp"
#include "take_ui.hpp"
#include "take_words.hpp"

namespace securebase::cli {

namespace {

// Two lines naming a result and when it was completed, the label padded to `width`.
std::string described(const std::string& label, const ResultRef& r, std::size_t width) {
  std::string pad(width - std::min(width, text_columns(label)), ' ');
  const std::string when = r.taken.empty()
                               ? std::string(words::compare_no_date)
                               : fill_placeholders(words::compare_date, {{"date", r.taken}});
  return label + pad + r.label + "\n" + std::string(width, ' ') + when + "\n";
}

// Fills the date of a result given as a file from its administration.completed, when it has one.
void dated_by_document(ResultRef& r, const Scores& s) {
  if (!r.stamp.empty() || !s.administration || s.administration->completed.size() != 20) return;
  const std::string& c = s.administration->completed;  // "2026-12-07T05:20:47Z"
  r.taken = c.substr(0, 10) + " " + c.substr(11, 8) + " UTC";
  r.stamp = c.substr(0, 4) + c.substr(5, 2) + c.substr(8, 2) + c.substr(11, 2) + c.substr(14, 2) +
            c.substr(17, 2);
}

bool same_file(const ResultRef& a, const ResultRef& b) {
  if (a.path == "-" || b.path == "-") return false;
  std::error_code ec;
  return std::filesystem::equivalent(a.path, b.path, ec);
}

bool same_answers(const Scores& a, const Scores& b) {
  if (a.key_fingerprint != b.key_fingerprint || a.answers.size() != b.answers.size()) return false;
  for (std::size_t i = 0; i < a.answers.size(); ++i) {
    const double x = a.answers[i].value;
    const double y = b.answers[i].value;
    if (a.answers[i].item_id != b.answers[i].item_id) return false;
    if (!(x == y || (is_missing(x) && is_missing(y)))) return false;
  }
  return true;
}

// What `compare` was asked for.
struct CompareOptions {
  std::vector<std::string> files;  // EARLIER LATER
  std::string lang;
  bool full = false;
  bool ascii = false;
};

// The options of `compare`, checked; nothing when --help was answered.
std::optional<CompareOptions> compare_options(std::span<const std::string> args,
                                              std::ostream& out) {
  po::options_description desc(words::text("help.options"));
  CompareOptions o;
  desc.add_options()("help,h", words::text("help.show_help").c_str())(
      "full", words::text("help.compare.full").c_str())("lang,l", po::value(&o.lang),
                                                        words::text("help.lang").c_str())(
      "ascii", words::text("help.compare.ascii").c_str());
  po::options_description hidden;  // the two positional results; not an option to show
  hidden.add_options()("result", po::value(&o.files));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("result", 2);
  auto vm = parse_options("compare", args, all, pos);
  if (vm.count("help")) {
    out << words::text("help.compare.usage") << desc << "\n" << words::text("help.exit_codes");
    return std::nullopt;
  }
  o.lang = choose_language("compare", o.lang);
  if (o.files.size() != 2) {
    throw UsageError("compare",
                     "two results are required: EARLIER LATER (for example "
                     "'securebase compare previous latest')");
  }
  o.full = vm.count("full") > 0;
  o.ascii = vm.count("ascii") > 0;
  return o;
}

}  // namespace

int compare_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                    std::ostream& /*err*/) {
  words::set_language(words::language_from_args(args));
  const std::optional<CompareOptions> o = compare_options(args, out);
  if (!o) return exit_ok;
  const std::vector<std::string>& files = o->files;
  ResultRef first = resolve_result("compare", files[0]);
  ResultRef second = resolve_result("compare", files[1]);
  auto loaded_first = load_result(first.path, in);
  auto loaded_second = load_result(second.path, in);
  // Checked after reading, so that a file that cannot be read is reported as such first.
  if (same_file(first, second)) {
    throw UsageError("compare", "'" + files[0] + "' and '" + files[1] + "' are the same result (" +
                                    first.label +
                                    "); give two different results ('securebase "
                                    "history' lists them)");
  }
  // A result file (not a saved id) dates itself when it records its completion time.
  dated_by_document(first, loaded_first.second);
  dated_by_document(second, loaded_second.second);
  const int w = 78;
  if (!first.stamp.empty() && !second.stamp.empty() && second.stamp < first.stamp) {
    std::swap(first, second);
    std::swap(loaded_first, loaded_second);
    out << wrap_hanging(fill_placeholders(words::compare_swapped, {{"first", files[0]}}), w)
        << "\n";
  }
  const Scores& before = loaded_first.second;
  const Scores& after = loaded_second.second;
  const Instrument& new_ins = loaded_second.first;
  const std::size_t label_width =
      std::max(text_columns(words::compare_earlier), text_columns(words::compare_later)) + 2;
  out << described(words::compare_earlier, first, label_width)
      << described(words::compare_later, second, label_width);
  if (same_answers(before, after)) {
    out << wrap_hanging(words::compare_same_answers, w) << "\n";
  }
  out << "\n";
  ViewOptions view = detect_view(out);
  view.language = o->lang;
  if (o->ascii) view.ascii = true;
  if (o->full) {
    out << render_comparison_text(new_ins, before, after, view, first.label, second.label);
  } else {
    out << render_change_text(new_ins, before, after, view, first.label, second.label);
  }
  return exit_ok;
}

}  // namespace securebase::cli
