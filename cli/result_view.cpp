// securebase CLI: the result views. A first version: scores and intervals as text; the feedback
// renderers of the profile/feedback work replace the bodies, not the signatures.
#include "result_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "securebase/error.hpp"

namespace securebase::cli {

namespace {

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

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_result_text(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& /*view*/) {
  std::ostringstream out;
  render_text(instrument, scores, out);
  return out.str();
}

std::string render_result_html(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view) {
  return "<!DOCTYPE html>\n<html lang=\"" + view.language +
         "\"><head><meta charset=\"utf-8\"><title>securebase</title></head><body><pre>" +
         html_escape(render_result_text(instrument, scores, view)) + "</pre></body></html>\n";
}

std::string render_change_text(const Instrument& /*instrument*/, const Scores& before,
                               const Scores& after, const ViewOptions& /*view*/) {
  if (before.key_fingerprint != after.key_fingerprint) {
    throw Error(ErrorCode::result_schema, after.instrument_id,
                "the two results were scored with different keys and cannot be compared");
  }
  std::ostringstream out;
  for (const ScaleScore& a : after.scales) {
    const ScaleScore* b = before.find(a.scale_id);
    if (b == nullptr || std::isnan(a.value) || std::isnan(b->value)) continue;
    out << a.scale_id << ": " << fixed(b->value, 2) << " -> " << fixed(a.value, 2) << "\n";
  }
  return out.str();
}

}  // namespace securebase::cli
