// securebase R package: the statistics summary (alpha, omega, item table, checks) of scored
// answers or of a statistics partial, as R lists and data frames.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "glue_columns.h"
#include "securebase/io/stats_partial.hpp"
#include "securebase/render/stats_text.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"

namespace {

namespace st = securebase::stats;

std::string status(st::StatStatus s) { return std::string(st::to_string(s)); }

Rcpp::List alpha_list(const st::Alpha& a) {
  return Rcpp::List::create(
      Rcpp::Named("status") = status(a.status), Rcpp::Named("items") = static_cast<int>(a.items),
      Rcpp::Named("n") = a.n, Rcpp::Named("raw_alpha") = a.raw,
      Rcpp::Named("std_alpha") = a.standardised, Rcpp::Named("average_r") = a.average_r,
      Rcpp::Named("ase") = a.ase, Rcpp::Named("feldt_lower") = a.feldt.lower,
      Rcpp::Named("feldt_upper") = a.feldt.upper,
      Rcpp::Named("feldt_exact_lower") = a.feldt_exact.lower,
      Rcpp::Named("feldt_exact_upper") = a.feldt_exact.upper,
      Rcpp::Named("duhachek_lower") = a.duhachek.lower,
      Rcpp::Named("duhachek_upper") = a.duhachek.upper);
}

Rcpp::List omega_list(const st::Omega& o) {
  return Rcpp::List::create(Rcpp::Named("status") = status(o.status),
                            Rcpp::Named("total") = o.total, Rcpp::Named("loadings") = o.loadings,
                            Rcpp::Named("uniquenesses") = o.uniquenesses,
                            Rcpp::Named("iterations") = o.iterations);
}

Rcpp::List describe_list(const st::Describe& d) {
  return Rcpp::List::create(
      Rcpp::Named("status") = status(d.status), Rcpp::Named("n") = static_cast<double>(d.n),
      Rcpp::Named("mean") = d.mean, Rcpp::Named("sd") = d.sd, Rcpp::Named("skew") = d.skew,
      Rcpp::Named("kurtosis") = d.kurtosis, Rcpp::Named("min") = d.min, Rcpp::Named("max") = d.max,
      Rcpp::Named("se") = d.se);
}

Rcpp::DataFrame items_frame(const std::vector<st::ItemStats>& items) {
  Rcpp::CharacterVector id, stat;
  Rcpp::LogicalVector reversed;
  Rcpp::NumericVector n, mean, sd, raw_r, score_r, std_r, r_drop, a_raw, a_std, a_r;
  for (const st::ItemStats& it : items) {
    id.push_back(it.id);
    reversed.push_back(it.reversed);
    stat.push_back(status(it.status));
    n.push_back(static_cast<double>(it.n));
    mean.push_back(it.mean);
    sd.push_back(it.sd);
    raw_r.push_back(it.item_total_r);
    std_r.push_back(it.standardised_r);
    r_drop.push_back(it.corrected_r);
    score_r.push_back(it.item_score_r);
    a_raw.push_back(it.if_dropped.raw);
    a_std.push_back(it.if_dropped.standardised);
    a_r.push_back(it.if_dropped.average_r);
  }
  return Rcpp::DataFrame::create(
      Rcpp::Named("item") = id, Rcpp::Named("reversed") = reversed, Rcpp::Named("n") = n,
      Rcpp::Named("mean") = mean, Rcpp::Named("sd") = sd, Rcpp::Named("raw.r") = raw_r,
      Rcpp::Named("std.r") = std_r, Rcpp::Named("r.drop") = r_drop,
      Rcpp::Named("score.r") = score_r, Rcpp::Named("alpha_if_dropped") = a_raw,
      Rcpp::Named("std_alpha_if_dropped") = a_std, Rcpp::Named("average_r_if_dropped") = a_r,
      Rcpp::Named("status") = stat, Rcpp::Named("stringsAsFactors") = false);
}

Rcpp::List scale_list(const st::ScaleStats& s) {
  return Rcpp::List::create(
      Rcpp::Named("id") = s.id, Rcpp::Named("rows") = static_cast<double>(s.rows),
      Rcpp::Named("score") = describe_list(s.score), Rcpp::Named("alpha") = alpha_list(s.alpha),
      Rcpp::Named("omega") = omega_list(s.omega), Rcpp::Named("omega_ml") = omega_list(s.omega_ml),
      Rcpp::Named("items") = items_frame(s.items));
}

Rcpp::DataFrame checks_frame(const std::vector<st::CheckWarning>& warnings) {
  Rcpp::CharacterVector id, scale, item, message;
  for (const st::CheckWarning& w : warnings) {
    id.push_back(w.id);
    scale.push_back(w.scale);
    item.push_back(w.item);
    message.push_back(w.message);
  }
  return Rcpp::DataFrame::create(Rcpp::Named("check") = id, Rcpp::Named("scale") = scale,
                                 Rcpp::Named("item") = item, Rcpp::Named("message") = message,
                                 Rcpp::Named("stringsAsFactors") = false);
}

Rcpp::NumericMatrix correlations(const st::Summary& sum) {
  const std::size_t k = sum.scale_correlations.k;
  Rcpp::NumericMatrix m(static_cast<int>(k), static_cast<int>(k));
  Rcpp::CharacterVector names;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      m(static_cast<int>(i), static_cast<int>(j)) = sum.scale_correlations(i, j);
    }
  }
  for (const st::ScaleStats& s : sum.scales) names.push_back(s.id);
  if (static_cast<std::size_t>(names.size()) == k) {
    Rcpp::rownames(m) = names;
    Rcpp::colnames(m) = names;
  }
  return m;
}

st::CheckOptions check_options(const Rcpp::List& opt) {
  st::CheckOptions c;
  c.missing = sbr::string_option(opt, "missing") == "listwise" ? st::Missing::listwise
                                                               : st::Missing::pairwise;
  SEXP r = sbr::element(opt, "published_r");
  if (!Rf_isNull(r)) c.published_correlation = Rcpp::as<double>(r);
  c.published_correlation_source = sbr::string_option(opt, "published_r_source");
  c.used_order = sbr::string_option(opt, "order");
  st::validate_options(c);
  return c;
}

// The summary and, with an instrument, its checks: what `securebase stats` prints.
Rcpp::List stats_list(const st::Accumulator& acc, const securebase::Instrument* ins,
                      const Rcpp::List& opt) {
  const st::CheckOptions c = check_options(opt);
  if (ins != nullptr) st::require_layout_of(acc, *ins);
  const st::Summary sum = st::summarise(acc, c.missing);
  std::vector<st::CheckWarning> warnings;
  std::vector<st::PublishedComparison> published;
  if (ins != nullptr) {
    warnings = st::run_checks(acc, sum, *ins, c);
    published = st::compare_with_published(sum, *ins);
  }
  Rcpp::List scales;
  for (const st::ScaleStats& s : sum.scales) scales[s.id] = scale_list(s);
  std::string text = securebase::render_stats_text(sum);
  if (ins != nullptr) text += "\n" + securebase::render_stats_checks_text(warnings, published);
  return Rcpp::List::create(
      Rcpp::Named("rows") = static_cast<double>(sum.rows),
      Rcpp::Named("missing") = std::string(st::to_string(sum.missing)),
      Rcpp::Named("scales") = scales, Rcpp::Named("correlations") = correlations(sum),
      Rcpp::Named("omega_h") = sum.hierarchical ? sum.hierarchical->omega_h : NA_REAL,
      Rcpp::Named("checked") = ins != nullptr, Rcpp::Named("checks") = checks_frame(warnings),
      Rcpp::Named("text") = text);
}

}  // namespace

// [[Rcpp::export(.sbr_stats)]]
SEXP sbr_stats(std::string ref, SEXP data, double rows, Rcpp::List options, SEXP rest_blank) {
  return sbr::guarded([&] {
    const securebase::Instrument ins = sbr::load(ref);
    (void)check_options(options);  // 1006 before any answer is read
    securebase::BatchOptions o = sbr::batch_options(ins, options);
    o.stats = true;
    const securebase::ColumnScores cs =
        sbr::score(ins, o, data, static_cast<std::size_t>(rows), rest_blank);
    if (!cs.summary.stats) {
      throw securebase::Error(securebase::ErrorCode::internal, "securebase (R)",
                              "scoring returned no statistics");
    }
    return stats_list(*cs.summary.stats, &ins, options);
  });
}

// [[Rcpp::export(.sbr_stats_partial)]]
SEXP sbr_stats_partial(std::string json, std::string source, std::string ref, Rcpp::List options) {
  return sbr::guarded([&] {
    std::optional<securebase::Instrument> ins;
    if (!ref.empty()) ins = sbr::load(ref);
    const st::Accumulator acc = securebase::parse_stats_partial_json(json, source);
    return stats_list(acc, ins ? &*ins : nullptr, options);
  });
}
