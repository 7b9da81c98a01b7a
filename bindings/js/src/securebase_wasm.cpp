// securebase for JavaScript: the C++ core behind a few embind functions (WebAssembly only).
//
// Every function takes and returns text: JSON in, JSON (or HTML) out. Nothing throws across the
// boundary: a securebase Error comes back as {"error": {"code", "where", "message"}} and
// bindings/js/securebase.mjs turns it into a thrown SecurebaseError. The scoring, the profile,
// the feedback and the HTML are the library's own (explain_result, to_result_json,
// render_html): this file only moves text in and out.
#include <emscripten/bind.h>

#include <exception>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "securebase/core/change.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/feedback_text.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/explain.hpp"
#include "securebase/render/html.hpp"
#include "securebase/version.hpp"

namespace {

using nlohmann::json;
using securebase::Error;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::Scores;

std::string error_json(int code, const std::string& where, const std::string& message) {
  return json{{"error", {{"code", code}, {"where", where}, {"message", message}}}}.dump();
}

// Runs `f`, turning any exception into the error document.
template <typename F>
std::string guarded(F&& f) {
  try {
    return f();
  } catch (const Error& e) {
    return error_json(static_cast<int>(e.code()), e.where(), e.message());
  } catch (const std::exception& e) {
    return error_json(static_cast<int>(ErrorCode::internal), "securebase.wasm", e.what());
  }
}

// Embedded instruments by id, loaded once: parsing one takes longer than scoring with it.
const Instrument& embedded(const std::string& id) {
  static std::map<std::string, Instrument, std::less<>> loaded;
  auto it = loaded.find(id);
  if (it == loaded.end()) it = loaded.emplace(id, securebase::load_embedded_instrument(id)).first;
  return it->second;
}

// The embedded feedback text of a language, read once (504 when there is none).
const securebase::FeedbackText& feedback_text(const std::string& language) {
  static std::map<std::string, securebase::FeedbackText, std::less<>> loaded;
  auto it = loaded.find(language);
  if (it == loaded.end()) {
    it = loaded.emplace(language, securebase::embedded_feedback_text(language)).first;
  }
  return it->second;
}

// The library's explain_result, with the cached feedback text.
securebase::Explained explained(const Instrument& in, const Scores& scores,
                                const securebase::ExplainOptions& options) {
  return securebase::explain_result(in, scores, feedback_text(options.language), options);
}

json instrument_summary(const Instrument& in) {
  return {{"id", in.id()},
          {"title", in.title()},
          {"shortTitle", in.short_title()},
          {"version", in.version()},
          {"items", in.items().size()},
          {"languages", securebase::embedded_text_languages(in)}};
}

std::string instruments() {
  return guarded([] {
    json out = json::array();
    for (const std::string& id : securebase::embedded_instrument_ids()) {
      out.push_back(instrument_summary(embedded(id)));
    }
    return out.dump();
  });
}

json scales_of(const Instrument& in) {
  json out = json::array();
  for (const auto& s : in.scales()) {
    json items = json::array();
    for (const std::size_t i : s.items) items.push_back(in.items()[i].id);
    out.push_back({{"id", s.id}, {"name", s.name}, {"items", items}});
  }
  return out;
}

// One instrument with its items in canonical order, the answer labels and the wording of
// `language` (null wording when the instrument ships none in it, as published ones do).
std::string instrument(const std::string& id, const std::string& language) {
  return guarded([&] {
    const Instrument& in = embedded(id);
    const auto text = securebase::embedded_instrument_text(in, language);
    json out = instrument_summary(in);
    const auto& rs = in.response_scale();
    out["licence"] = in.licence();
    out["language"] = text ? json(language) : json(nullptr);
    out["displayName"] = text && !text->display_name.empty() ? json(text->display_name) : json();
    out["responseScale"] = {{"min", rs.min},
                            {"max", rs.max},
                            {"labels", text && !text->labels.empty() ? text->labels : rs.labels}};
    json items = json::array();
    for (const auto& item : in.items()) {
      const std::string* words = text ? text->item(item.id) : nullptr;
      items.push_back({{"id", item.id},
                       {"number", item.number},
                       {"text", words != nullptr ? json(*words) : json(nullptr)}});
    }
    out["itemList"] = items;
    out["scales"] = scales_of(in);
    json norms = json::array();
    for (const auto& n : in.norm_sets()) norms.push_back({{"id", n.id}, {"name", n.name}});
    out["normSets"] = norms;
    return out.dump();
  });
}

securebase::ExplainOptions explain_options(const std::string& language,
                                           const std::string& boundary_norm_set) {
  securebase::ExplainOptions options;
  options.language = language;
  options.profile.boundary_norm_set = boundary_norm_set;
  return options;
}

// A UTC time as results record it, "2026-12-07T05:20:47Z".
bool utc_time(const std::string& t) {
  static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != shape.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i]) return false;
  }
  return true;
}

// Scores answers (a JSON object or an item=value list) as `securebase score --format json`.
// `completed` (a UTC time, or empty) records, as `take` does, when the items were answered, in
// the canonical order.
std::string score(const std::string& id, const std::string& answers, const std::string& norm_set,
                  const std::string& language, const std::string& boundary_norm_set,
                  const std::string& completed) {
  return guarded([&] {
    const Instrument& in = embedded(id);
    const auto responses = securebase::parse_answers(in, answers, "answers");
    securebase::ScoreOptions options;
    options.norm_set = norm_set;
    Scores scores = securebase::score(in, responses, options);
    if (!completed.empty()) {
      if (!utc_time(completed)) {
        throw Error(ErrorCode::result_schema, "options.completed",
                    "is \"" + completed + "\"; write a UTC time as \"2026-12-07T05:20:47Z\"");
      }
      securebase::Administration a;
      for (const auto& item : in.items()) a.order.push_back(item.id);
      a.completed = completed;
      scores.administration = std::move(a);
    }
    const auto e = explained(in, scores, explain_options(language, boundary_norm_set));
    return securebase::to_result_json(scores, e.profile, e.feedback);
  });
}

// A stored result and the embedded instrument that scored it (404 when the keys differ).
std::pair<Instrument, Scores> load_result(const std::string& result, const std::string& source) {
  Scores scores = securebase::parse_result_json(result, source);
  Instrument in = embedded(scores.instrument_id);
  securebase::require_scored_with(in, scores, source, "score the answers again here");
  return {std::move(in), std::move(scores)};
}

// A stored result explained again, in `language`: the same document with profile and feedback.
std::string explain(const std::string& result, const std::string& language) {
  return guarded([&] {
    const auto [in, scores] = load_result(result, "result");
    const auto e = explained(in, scores, explain_options(language, ""));
    return securebase::to_result_json(scores, e.profile, e.feedback);
  });
}

std::string render_html(const std::string& result, const std::string& language) {
  return guarded([&] {
    const auto [in, scores] = load_result(result, "result");
    const auto e = explained(in, scores, explain_options(language, ""));
    return securebase::render_html(e.feedback, e.profile);
  });
}

json change_json(const securebase::ReliableChange& rc) {
  json scales = json::array();
  for (const auto& s : rc.scales) {
    scales.push_back({{"scale", s.scale_id},
                      {"before", s.before},
                      {"after", s.after},
                      {"difference", s.difference},
                      {"seDifference", s.se_difference ? json(*s.se_difference) : json()},
                      {"rci", s.rci ? json(*s.rci) : json()},
                      {"verdict", std::string(securebase::to_string(s.verdict))},
                      {"provisional", s.provisional}});
  }
  return {{"before", rc.before_instrument},
          {"after", rc.after_instrument},
          {"scales", scales},
          {"notCompared", rc.not_compared}};
}

// Reliable change from `before` to `after`, and the later result's feedback with its "change"
// block, as `securebase compare --full`.
std::string compare(const std::string& before, const std::string& after,
                    const std::string& language) {
  return guarded([&] {
    const auto [in_before, earlier] = load_result(before, "earlier result");
    const auto [in, later] = load_result(after, "later result");
    const auto rc = securebase::reliable_change(earlier, later, "earlier result", "later result");
    auto options = explain_options(language, "");
    options.change = &rc;
    const auto e = explained(in, later, options);
    json out = json::parse(securebase::to_result_json(later, e.profile, e.feedback));
    return json{{"change", change_json(rc)}, {"result", out}}.dump();
  });
}

std::string version() { return std::string(securebase::library_version()); }

}  // namespace

EMSCRIPTEN_BINDINGS(securebase) {
  emscripten::function("version", &version);
  emscripten::function("instruments", &instruments);
  emscripten::function("instrument", &instrument);
  emscripten::function("score", &score);
  emscripten::function("explain", &explain);
  emscripten::function("renderHtml", &render_html);
  emscripten::function("compare", &compare);
}
