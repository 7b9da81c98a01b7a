// securebase._native: one respondent scored, explained and rendered; saved results; reliable
// change. The call sequences are the CLI's (cli/score_cmd.cpp, cli/result_view.cpp).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "native.hpp"
#include "securebase/core/change.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/change_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/explain.hpp"
#include "securebase/render/html.hpp"
#include "securebase/render/terminal.hpp"

namespace securebase::python {

namespace {

// How a result is shown: the feedback language and where the plane's lines are.
struct View {
  std::string language = "en";
  std::string boundary_norm_set;
};

ScoreOptions score_options(const std::string& norm_set, const std::string& method) {
  ScoreOptions options;
  options.norm_set = norm_set;
  if (method == "sum") options.method = ScaleMethod::sum;
  if (method == "mean") options.method = ScaleMethod::mean;
  return options;
}

Explained explain(const Instrument& ins, const Scores& scores, const View& view,
                  const ReliableChange* change = nullptr) {
  ExplainOptions options;
  options.language = view.language;
  options.profile.boundary_norm_set = view.boundary_norm_set;
  options.change = change;
  return explain_result(ins, scores, options);
}

// Answers named by item id or canonical number ("7"), NaN = missing; set_answer checks each.
Scores score_pairs(const Instrument& ins,
                   const std::vector<std::pair<std::string, double>>& answers,
                   const std::string& norm_set, const std::string& method) {
  Responses responses = empty_responses(ins);
  for (const auto& [item, value] : answers) set_answer(responses, ins, item, value, "answers");
  return score(ins, responses, score_options(norm_set, method));
}

Scores score_text(const Instrument& ins, const std::string& text, const std::string& norm_set,
                  const std::string& method) {
  return score(ins, parse_answers(ins, text, "answers"), score_options(norm_set, method));
}

std::string result_json(const Instrument& ins, const Scores& scores, const std::string& language,
                        const std::string& boundary, int indent) {
  const Explained e = explain(ins, scores, {language, boundary});
  return to_result_json(scores, e.profile, e.feedback, indent);
}

std::string result_html(const Instrument& ins, const Scores& scores, const std::string& language,
                        const std::string& boundary) {
  const Explained e = explain(ins, scores, {language, boundary});
  return render_html(e.feedback, e.profile);
}

std::string result_text(const Instrument& ins, const Scores& scores, const std::string& language,
                        const std::string& boundary, int width, bool ascii) {
  const Explained e = explain(ins, scores, {language, boundary});
  return render_text(e.feedback, e.profile, TextStyle{width, false, ascii});
}

// The later result's feedback with the "change" block against the earlier one (the CLI's
// `compare --full`), as text; `only_change` keeps that block alone (the CLI's `compare`).
std::string comparison_text(const Instrument& ins, const Scores& before, const Scores& after,
                            const std::string& language, int width, bool ascii, bool only_change,
                            const std::string& before_source, const std::string& after_source) {
  const ReliableChange rc = reliable_change(before, after, before_source, after_source);
  const Explained e = explain(ins, after, {language, ""}, &rc);
  const TextStyle style{width, false, ascii};
  if (!only_change) return render_text(e.feedback, e.profile, style);
  Feedback change_only;
  change_only.language = e.feedback.language;
  change_only.labels = e.feedback.labels;
  if (const FeedbackBlock* b = e.feedback.find("change")) change_only.blocks.push_back(*b);
  return render_text(change_only, e.profile, style);
}

std::string change_json(const Scores& before, const Scores& after, const std::string& before_source,
                        const std::string& after_source) {
  return to_change_json(reliable_change(before, after, before_source, after_source), -1);
}

}  // namespace

void bind_results(py::module_& m) {
  py::class_<Scores>(m, "Scores", "One respondent's scores (a result document's content)")
      .def_property_readonly("instrument_id", [](const Scores& s) { return s.instrument_id; })
      .def_property_readonly("key_fingerprint", [](const Scores& s) { return s.key_fingerprint; })
      .def(
          "to_json", [](const Scores& s, int indent) { return to_result_json(s, indent); },
          py::arg("indent") = -1);
  m.def("score_pairs", &score_pairs, py::arg("instrument"), py::arg("answers"), py::arg("norm_set"),
        py::arg("method"));
  m.def("score_text", &score_text, py::arg("instrument"), py::arg("text"), py::arg("norm_set"),
        py::arg("method"));
  m.def("result_json", &result_json, py::arg("instrument"), py::arg("scores"), py::arg("language"),
        py::arg("boundary"), py::arg("indent"));
  m.def("result_html", &result_html, py::arg("instrument"), py::arg("scores"), py::arg("language"),
        py::arg("boundary"));
  m.def("result_text", &result_text, py::arg("instrument"), py::arg("scores"), py::arg("language"),
        py::arg("boundary"), py::arg("width"), py::arg("ascii"));
  m.def(
      "parse_result",
      [](const std::string& text, const std::string& source) {
        return parse_result_json(text, source);
      },
      py::arg("text"), py::arg("source"));
  m.def("require_scored_with", &require_scored_with, py::arg("instrument"), py::arg("scores"),
        py::arg("source"), py::arg("hint"));
  m.def("comparable", [](const Scores& a, const Scores& b) { return comparable(a, b); });
  m.def("comparison_text", &comparison_text, py::arg("instrument"), py::arg("before"),
        py::arg("after"), py::arg("language"), py::arg("width"), py::arg("ascii"),
        py::arg("only_change"), py::arg("before_source"), py::arg("after_source"));
  m.def("change_json", &change_json, py::arg("before"), py::arg("after"), py::arg("before_source"),
        py::arg("after_source"));
}

}  // namespace securebase::python
