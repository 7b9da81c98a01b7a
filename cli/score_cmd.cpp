// `securebase score --instrument ID --answers FILE|-`: score one respondent.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "securebase/instrument.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/responses.hpp"
#include "securebase/scoring.hpp"

namespace securebase::cli {

namespace {

constexpr const char* usage_text =
    "Usage: securebase score --instrument ID|FILE --answers FILE|- [options]\n\n"
    "Scores one person's answers. Answers are a JSON object ({\"1\": 5, \"i02\": 3}) or an\n"
    "item=value list ('1=5 2=3 ...'); items are named by id or by number in the canonical\n"
    "order; items left out, null or NA are missing. '-' reads standard input.\n\n";

constexpr const char* disclaimer =
    "securebase is for education and self-reflection. It describes patterns in answers; it\n"
    "does not diagnose anything. If you are in crisis or thinking of harming yourself, call\n"
    "your local emergency number or a crisis line now (for example 988 in the US, 116 123 in\n"
    "the UK and Ireland; findahelpline.com lists others).\n";

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// "the 64th percentile", "at or below the 5th percentile", "above the 99th percentile": never a
// 0th or 100th, which rounding alone could print.
std::string percentile_phrase(const NormScore& norm) {
  const double p = norm.percentile;
  // A bound is rounded outwards, so that it never claims more than the table says.
  const double rounded = norm.bound == PercentileBound::at_most    ? std::ceil(p)
                         : norm.bound == PercentileBound::at_least ? std::floor(p)
                                                                   : std::round(p);
  const long n = std::clamp(static_cast<long>(rounded), 1L, 99L);
  const char* suffix = (n >= 11 && n <= 13) ? "th"
                       : n % 10 == 1        ? "st"
                       : n % 10 == 2        ? "nd"
                       : n % 10 == 3        ? "rd"
                                            : "th";
  const std::string nth = "the " + std::to_string(n) + suffix + " percentile";
  if (norm.bound == PercentileBound::at_most) return "at or below " + nth;
  if (norm.bound == PercentileBound::at_least) return "at or above " + nth;
  if (p < 0.5) return "below " + nth;
  if (p >= 99.5) return "above " + nth;
  return nth;
}

void render_text(const Instrument& ins, const Scores& s, std::ostream& out) {
  out << s.instrument_title << " (" << s.instrument_id << " " << s.instrument_version
      << "), key sha256:" << s.key_fingerprint.substr(0, 12) << "...\n"
      << s.answered() << " of " << s.answers.size() << " items answered; answers run from "
      << ins.response_scale.min << " to " << ins.response_scale.max << ".\n\n";
  for (const ScaleScore& sc : s.scales) {
    const Scale& scale = ins.scales[*ins.find_scale(sc.scale_id)];
    out << "  " << scale.name << " (" << sc.scale_id << ")\n";
    if (sc.status == ScoreStatus::insufficient) {
      out << "    no score: " << sc.n_answered << " of " << sc.n_items
          << (scale.is_composite() ? " component scales scored" : " items answered")
          << ", and the scale needs " << sc.min_required << "\n";
    } else {
      if (scale.is_composite()) {
        out << "    score " << fixed(sc.value, 2) << " (mean of " << sc.n_answered
            << " component scale scores)\n";
      } else {
        out << "    score " << fixed(sc.value, 2) << " (" << to_string(sc.method) << " of "
            << sc.n_answered << " answered item" << (sc.n_answered == 1 ? "" : "s")
            << (sc.prorated ? ", prorated to " + std::to_string(sc.n_items) + " items" : "")
            << ")\n";
      }
      if (sc.error) {
        out << "    95% interval " << fixed(sc.error->lower, 2) << " to "
            << fixed(sc.error->upper, 2) << " (standard error of measurement "
            << fixed(sc.error->sem, 2) << (sc.error->provisional ? ", provisional" : "") << ")\n";
      } else {
        out << "    no interval: the instrument gives no norm SD with a reliability for this "
               "scale\n";
      }
      if (sc.norm) {
        out << "    against " << sc.norm->norm_set << ": z " << fixed(sc.norm->z, 2) << ", T "
            << fixed(sc.norm->t, 1) << ", " << percentile_phrase(*sc.norm) << " ("
            << (sc.norm->source == PercentileSource::table ? "from the norm table"
                                                           : "normal approximation")
            << ")\n";
      }
    }
    if (!sc.missing_items.empty()) {
      out << "    unanswered:";
      for (const std::string& id : sc.missing_items) out << " " << id;
      out << "\n";
    }
    out << "    rule: " << sc.rule << "\n\n";
  }
  out << disclaimer;
}

}  // namespace

int score_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                  std::ostream& /*err*/) {
  po::options_description desc("Options");
  std::string instrument;
  std::string answers;
  std::string format;
  std::string norms;
  std::string method;
  desc.add_options()("help,h", "show this help")(
      "instrument,i", po::value(&instrument),
      "embedded instrument id (see 'instruments list') or file")(
      "answers,a", po::value(&answers), "answers file, or - for standard input")(
      "format,f", po::value(&format)->default_value("text"), "text or json (a result document)")(
      "norms,n", po::value(&norms), "norm set id for z, T and percentile (see 'instruments show')")(
      "method,m", po::value(&method), "override every scale's method: mean or sum (prorated)");
  po::positional_options_description pos;
  auto vm = parse_options("score", args, desc, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return exit_ok;
  }
  check_choice("score", "format", format, {"text", "json"});
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
  if (format == "json") {
    out << to_result_json(scores);
  } else {
    render_text(ins, scores, out);
  }
  return exit_ok;
}

}  // namespace securebase::cli
