// securebase R package: errors as values, instrument references, options.
#include <string>

#include "glue.h"
#include "securebase/io/instrument_json.hpp"

namespace sbr {

Rcpp::List error_value(const securebase::Error& e) {
  std::string text;
  Rcpp::CharacterVector where;
  Rcpp::CharacterVector messages;
  Rcpp::IntegerVector codes;
  for (const securebase::Diagnostic& d : e.problems()) {
    if (!text.empty()) text += "\n";
    text += securebase::format_diagnostic(d);
    codes.push_back(static_cast<int>(d.code));
    where.push_back(d.where);
    messages.push_back(d.message);
  }
  Rcpp::List problems =
      Rcpp::List::create(Rcpp::Named("code") = codes, Rcpp::Named("location") = where,
                         Rcpp::Named("message") = messages);
  Rcpp::List v =
      Rcpp::List::create(Rcpp::Named("code") = static_cast<int>(e.code()),
                         Rcpp::Named("id") = securebase::error_id(e.code()),
                         Rcpp::Named("location") = e.where(), Rcpp::Named("message") = e.message(),
                         Rcpp::Named("text") = text, Rcpp::Named("problems") = problems);
  v.attr("class") = "sb_error_value";
  return v;
}

Rcpp::List internal_error_value(const std::string& what) {
  return error_value(securebase::Error(securebase::ErrorCode::internal, "securebase (R)", what));
}

securebase::Instrument load(const std::string& ref) { return securebase::load_instrument(ref); }

SEXP element(const Rcpp::List& list, const char* name) {
  if (!list.containsElementNamed(name)) return R_NilValue;
  return list[name];
}

std::string string_option(const Rcpp::List& list, const char* name) {
  SEXP v = element(list, name);
  if (Rf_isNull(v) || Rf_length(v) == 0) return {};
  return Rcpp::as<std::string>(v);
}

}  // namespace sbr
