// securebase R package: the embedded instruments and what an instrument holds.
#include <string>
#include <vector>

#include "glue.h"
#include "securebase/io/instrument_json.hpp"
#include "securebase/version.hpp"

namespace {

using securebase::Instrument;

Rcpp::DataFrame citations_frame(const Instrument& ins) {
  Rcpp::CharacterVector text, doi, url;
  for (const securebase::Citation& c : ins.citations()) {
    text.push_back(c.text);
    doi.push_back(c.doi);
    url.push_back(c.url);
  }
  return Rcpp::DataFrame::create(Rcpp::Named("text") = text, Rcpp::Named("doi") = doi,
                                 Rcpp::Named("url") = url, Rcpp::Named("stringsAsFactors") = false);
}

// One row per item and scale it counts towards: the key as scoring uses it.
Rcpp::DataFrame key_frame(const Instrument& ins) {
  Rcpp::CharacterVector item, scale;
  Rcpp::IntegerVector number;
  Rcpp::LogicalVector reversed;
  Rcpp::NumericVector weight;
  for (const securebase::Item& it : ins.items()) {
    for (const securebase::ItemKey& k : it.keys) {
      item.push_back(it.id);
      number.push_back(it.number);
      scale.push_back(ins.scales()[k.scale].id);
      reversed.push_back(k.reversed);
      weight.push_back(k.weight);
    }
  }
  return Rcpp::DataFrame::create(Rcpp::Named("item") = item, Rcpp::Named("number") = number,
                                 Rcpp::Named("scale") = scale, Rcpp::Named("reversed") = reversed,
                                 Rcpp::Named("weight") = weight,
                                 Rcpp::Named("stringsAsFactors") = false);
}

Rcpp::DataFrame scales_frame(const Instrument& ins) {
  Rcpp::CharacterVector id, name, method, rule, reversed;
  Rcpp::IntegerVector items, required;
  for (const securebase::Scale& s : ins.scales()) {
    id.push_back(s.id);
    name.push_back(s.name);
    method.push_back(std::string(securebase::to_string(s.method)));
    items.push_back(static_cast<int>(s.is_composite() ? s.components.size() : s.items.size()));
    required.push_back(s.min_answered.required);
    rule.push_back(securebase::describe_min_answered(s));
    std::string rev;
    for (std::size_t i : s.reversed) {
      rev += (rev.empty() ? "" : ",") + std::to_string(ins.items()[i].number);
    }
    reversed.push_back(rev);
  }
  return Rcpp::DataFrame::create(Rcpp::Named("id") = id, Rcpp::Named("name") = name,
                                 Rcpp::Named("method") = method, Rcpp::Named("items") = items,
                                 Rcpp::Named("min_answered") = required, Rcpp::Named("rule") = rule,
                                 Rcpp::Named("reversed") = reversed,
                                 Rcpp::Named("stringsAsFactors") = false);
}

Rcpp::CharacterVector order_ids(const Instrument& ins) {
  Rcpp::CharacterVector ids;
  ids.push_back(ins.canonical_order().id);
  for (const securebase::ItemOrder& o : ins.alternative_orders()) ids.push_back(o.id);
  return ids;
}

Rcpp::List describe(const Instrument& ins) {
  const securebase::ResponseScale& rs = ins.response_scale();
  Rcpp::CharacterVector norms;
  for (const securebase::NormSet& n : ins.norm_sets()) norms.push_back(n.id);
  Rcpp::CharacterVector item_ids;
  for (const securebase::Item& it : ins.items()) item_ids.push_back(it.id);
  return Rcpp::List::create(
      Rcpp::Named("id") = ins.id(), Rcpp::Named("version") = ins.version(),
      Rcpp::Named("title") = ins.title(), Rcpp::Named("short_title") = ins.short_title(),
      Rcpp::Named("citations") = citations_frame(ins), Rcpp::Named("licence") = ins.licence(),
      Rcpp::Named("response_min") = rs.min, Rcpp::Named("response_max") = rs.max,
      Rcpp::Named("labels") = rs.labels, Rcpp::Named("items") = item_ids,
      Rcpp::Named("scales") = scales_frame(ins), Rcpp::Named("key") = key_frame(ins),
      Rcpp::Named("orders") = order_ids(ins), Rcpp::Named("norm_sets") = norms,
      Rcpp::Named("key_fingerprint") = ins.key_fingerprint(), Rcpp::Named("source") = ins.source());
}

}  // namespace

// [[Rcpp::export(.sbr_version)]]
SEXP sbr_version() {
  return sbr::guarded([] { return std::string(securebase::library_version()); });
}

// [[Rcpp::export(.sbr_instrument_ids)]]
SEXP sbr_instrument_ids() {
  return sbr::guarded([] { return securebase::embedded_instrument_ids(); });
}

// [[Rcpp::export(.sbr_instrument)]]
SEXP sbr_instrument(std::string ref) {
  return sbr::guarded([&] { return describe(sbr::load(ref)); });
}

// [[Rcpp::export(.sbr_key_json)]]
SEXP sbr_key_json(std::string ref) {
  return sbr::guarded([&] { return securebase::to_key_json(sbr::load(ref)); });
}
