// securebase R package: one respondent scored and explained (feedback blocks), the HTML report
// of a result, and the reliable change between two results.
#include <string>
#include <vector>

#include "glue.h"
#include "securebase/core/change.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/explain.hpp"
#include "securebase/render/html.hpp"

namespace {

Rcpp::List block_list(const securebase::FeedbackBlock& b) {
  Rcpp::CharacterVector id, label, shown;
  Rcpp::NumericVector value;
  for (const securebase::FeedbackNumber& n : b.numbers) {
    id.push_back(n.id);
    value.push_back(n.value);
    label.push_back(n.label);
    shown.push_back(n.shown);
  }
  Rcpp::DataFrame numbers = Rcpp::DataFrame::create(
      Rcpp::Named("id") = id, Rcpp::Named("value") = value, Rcpp::Named("label") = label,
      Rcpp::Named("shown") = shown, Rcpp::Named("stringsAsFactors") = false);
  return Rcpp::List::create(Rcpp::Named("id") = b.id, Rcpp::Named("title") = b.title,
                            Rcpp::Named("paragraphs") = b.paragraphs,
                            Rcpp::Named("numbers") = numbers);
}

Rcpp::DataFrame scores_frame(const securebase::Scores& s) {
  Rcpp::CharacterVector id, status, rule;
  Rcpp::NumericVector value, sem, lower, upper;
  Rcpp::IntegerVector answered, items;
  for (const securebase::ScaleScore& sc : s.scales) {
    id.push_back(sc.scale_id);
    value.push_back(sc.value);
    status.push_back(sc.status == securebase::ScoreStatus::ok ? "ok" : "insufficient");
    answered.push_back(sc.n_answered);
    items.push_back(sc.n_items);
    rule.push_back(sc.rule);
    sem.push_back(sc.error ? sc.error->sem : NA_REAL);
    lower.push_back(sc.error ? sc.error->lower : NA_REAL);
    upper.push_back(sc.error ? sc.error->upper : NA_REAL);
  }
  return Rcpp::DataFrame::create(
      Rcpp::Named("scale") = id, Rcpp::Named("score") = value, Rcpp::Named("status") = status,
      Rcpp::Named("answered") = answered, Rcpp::Named("items") = items, Rcpp::Named("sem") = sem,
      Rcpp::Named("lower95") = lower, Rcpp::Named("upper95") = upper, Rcpp::Named("rule") = rule,
      Rcpp::Named("stringsAsFactors") = false);
}

securebase::ExplainOptions explain_options(const std::string& lang, const std::string& boundary) {
  securebase::ExplainOptions o;
  o.language = lang;
  o.profile.boundary_norm_set = boundary;
  return o;
}

// A result read back, with the instrument it was scored with (the same key, as the CLI's
// report and compare check).
std::pair<securebase::Instrument, securebase::Scores> read_result(const std::string& json,
                                                                  const std::string& source) {
  securebase::Scores scores = securebase::parse_result_json(json, source);
  securebase::Instrument ins = sbr::load(scores.instrument_id);
  securebase::require_scored_with(ins, scores, source, "score the answers again here");
  return {std::move(ins), std::move(scores)};
}

}  // namespace

// [[Rcpp::export(.sbr_feedback)]]
SEXP sbr_feedback(std::string ref, std::string answers, std::string lang, std::string norms,
                  std::string boundary) {
  return sbr::guarded([&] {
    const securebase::Instrument ins = sbr::load(ref);
    const securebase::Responses responses = securebase::parse_answers(ins, answers, "answers");
    securebase::ScoreOptions so;
    so.norm_set = norms;
    const securebase::Scores scores = securebase::score(ins, responses, so);
    const securebase::Explained e =
        securebase::explain_result(ins, scores, explain_options(lang, boundary));
    Rcpp::List blocks;
    for (const securebase::FeedbackBlock& b : e.feedback.blocks) blocks[b.id] = block_list(b);
    return Rcpp::List::create(
        Rcpp::Named("language") = e.feedback.language, Rcpp::Named("blocks") = blocks,
        Rcpp::Named("scores") = scores_frame(scores),
        Rcpp::Named("result") = securebase::to_result_json(scores, e.profile, e.feedback));
  });
}

// [[Rcpp::export(.sbr_report)]]
SEXP sbr_report(std::string result, std::string source, std::string lang, std::string boundary) {
  return sbr::guarded([&] {
    const auto [ins, scores] = read_result(result, source);
    const securebase::Explained e =
        securebase::explain_result(ins, scores, explain_options(lang, boundary));
    return securebase::render_html(e.feedback, e.profile);
  });
}

// [[Rcpp::export(.sbr_compare)]]
SEXP sbr_compare(std::string before, std::string before_source, std::string after,
                 std::string after_source) {
  return sbr::guarded([&] {
    const securebase::Scores b = read_result(before, before_source).second;
    const securebase::Scores a = read_result(after, after_source).second;
    const securebase::ReliableChange rc =
        securebase::reliable_change(b, a, before_source, after_source);
    Rcpp::CharacterVector id, verdict;
    Rcpp::NumericVector bv, av, diff, se, rci;
    Rcpp::LogicalVector provisional;
    for (const securebase::ScaleChange& c : rc.scales) {
      id.push_back(c.scale_id);
      bv.push_back(c.before);
      av.push_back(c.after);
      diff.push_back(c.difference);
      se.push_back(c.se_difference.value_or(NA_REAL));
      rci.push_back(c.rci.value_or(NA_REAL));
      verdict.push_back(std::string(securebase::to_string(c.verdict)));
      provisional.push_back(c.provisional);
    }
    Rcpp::DataFrame table = Rcpp::DataFrame::create(
        Rcpp::Named("scale") = id, Rcpp::Named("before") = bv, Rcpp::Named("after") = av,
        Rcpp::Named("difference") = diff, Rcpp::Named("se_difference") = se,
        Rcpp::Named("rci") = rci, Rcpp::Named("verdict") = verdict,
        Rcpp::Named("provisional") = provisional, Rcpp::Named("stringsAsFactors") = false);
    return Rcpp::List::create(Rcpp::Named("table") = table,
                              Rcpp::Named("not_compared") = rc.not_compared);
  });
}
