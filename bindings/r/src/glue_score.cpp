// securebase R package: scores of many respondents (score_columns), the columns the items are
// read from, and statistics partials.
#include <cstddef>
#include <string>
#include <vector>

#include "glue_columns.h"
#include "securebase/io/stats_partial.hpp"

namespace {

// Per-row texts as an R character vector; a run of equal texts (most rows are "ok") shares one
// R string, made once.
Rcpp::CharacterVector row_texts(const std::vector<std::string>& texts) {
  Rcpp::CharacterVector out(texts.size());
  const std::string* previous = nullptr;
  SEXP last = R_NilValue;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (previous == nullptr || *previous != texts[i]) {
      last = Rf_mkCharLenCE(texts[i].data(), static_cast<int>(texts[i].size()), CE_UTF8);
      previous = &texts[i];
    }
    SET_STRING_ELT(out, static_cast<R_xlen_t>(i), last);
  }
  return out;
}

Rcpp::List scores_list(const securebase::Instrument& ins, const securebase::ColumnScores& cs) {
  Rcpp::List out;
  for (std::size_t s = 0; s < cs.scales.size(); ++s) {
    const securebase::ColumnScores::Scale& sc = cs.scales[s];
    const std::string& id = ins.scales()[s].id;
    out[id] = Rcpp::wrap(sc.score);
    out[id + "_answered"] = Rcpp::wrap(sc.answered);
    out[id + "_missing"] = Rcpp::wrap(sc.missing);
    if (!sc.z.empty()) {
      out[id + "_z"] = Rcpp::wrap(sc.z);
      out[id + "_t"] = Rcpp::wrap(sc.t);
      out[id + "_percentile"] = Rcpp::wrap(sc.percentile);
    }
  }
  out["status"] = row_texts(cs.status);
  if (!cs.invalid_values.empty()) out["invalid_values"] = row_texts(cs.invalid_values);
  return out;
}

Rcpp::List summary_list(const securebase::BatchSummary& s) {
  return Rcpp::List::create(Rcpp::Named("rows") = static_cast<double>(s.rows),
                            Rcpp::Named("ok") = static_cast<double>(s.ok),
                            Rcpp::Named("incomplete") = static_cast<double>(s.incomplete),
                            Rcpp::Named("invalid") = static_cast<double>(s.invalid),
                            Rcpp::Named("empty") = static_cast<double>(s.empty),
                            Rcpp::Named("treated_missing") = static_cast<double>(s.treated_missing),
                            Rcpp::Named("warnings") = s.warnings,
                            Rcpp::Named("seconds") = s.seconds,
                            Rcpp::Named("text") = securebase::render_batch_summary_text(s));
}

}  // namespace

// [[Rcpp::export(.sbr_item_columns)]]
SEXP sbr_item_columns(std::string ref, Rcpp::List options) {
  return sbr::guarded([&] {
    const securebase::Instrument ins = sbr::load(ref);
    return securebase::item_columns(ins, sbr::batch_options(ins, options).columns);
  });
}

// [[Rcpp::export(.sbr_score)]]
SEXP sbr_score(std::string ref, SEXP data, double rows, Rcpp::List options, SEXP rest_blank) {
  return sbr::guarded([&] {
    const securebase::Instrument ins = sbr::load(ref);
    const securebase::BatchOptions o = sbr::batch_options(ins, options);
    const securebase::ColumnScores cs =
        sbr::score(ins, o, data, static_cast<std::size_t>(rows), rest_blank);
    return Rcpp::List::create(Rcpp::Named("columns") = cs.columns,
                              Rcpp::Named("values") = scores_list(ins, cs),
                              Rcpp::Named("summary") = summary_list(cs.summary));
  });
}

// [[Rcpp::export(.sbr_partial)]]
SEXP sbr_partial(std::string ref, SEXP data, double rows, Rcpp::List options, SEXP rest_blank) {
  return sbr::guarded([&] {
    const securebase::Instrument ins = sbr::load(ref);
    securebase::BatchOptions o = sbr::batch_options(ins, options);
    o.stats = true;
    const securebase::ColumnScores cs =
        sbr::score(ins, o, data, static_cast<std::size_t>(rows), rest_blank);
    if (!cs.summary.stats) {
      throw securebase::Error(securebase::ErrorCode::internal, "securebase (R)",
                              "scoring returned no statistics");
    }
    return Rcpp::List::create(
        Rcpp::Named("json") = securebase::to_stats_partial_json(*cs.summary.stats),
        Rcpp::Named("summary") = summary_list(cs.summary));
  });
}

// [[Rcpp::export(.sbr_merge)]]
SEXP sbr_merge(std::vector<std::string> partials, std::vector<std::string> names) {
  return sbr::guarded([&] {
    securebase::stats::Accumulator acc =
        securebase::parse_stats_partial_json(partials.at(0), names.at(0));
    for (std::size_t i = 1; i < partials.size(); ++i) {
      try {
        acc = securebase::stats::merge(acc,
                                       securebase::parse_stats_partial_json(partials[i], names[i]));
      } catch (const securebase::Error& e) {
        if (e.code() != securebase::ErrorCode::stats_incomparable) throw;
        throw securebase::Error(e.code(), names[i],
                                "cannot be merged with " + names[0] + ": " + e.message());
      }
    }
    return securebase::to_stats_partial_json(acc);
  });
}
