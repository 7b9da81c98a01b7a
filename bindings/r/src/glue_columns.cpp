// securebase R package: answers in an R data frame or matrix handed to score_columns without a
// copy, and the options of a run.
#include "glue_columns.h"

#include <cstdint>
#include <string>
#include <vector>

#include "securebase/core/error.hpp"

namespace sbr {

namespace {

securebase::InvalidPolicy invalid_policy(const std::string& s) {
  return s == "missing" ? securebase::InvalidPolicy::missing : securebase::InvalidPolicy::error;
}

}  // namespace

securebase::BatchOptions batch_options(const securebase::Instrument& ins, const Rcpp::List& opt) {
  securebase::BatchOptions o;
  o.columns.pattern = string_option(opt, "pattern");
  o.columns.map = string_option(opt, "map");
  o.columns.map_source = "map";
  o.columns.order = string_option(opt, "order");
  o.id_column = string_option(opt, "id");
  SEXP keep = element(opt, "keep");
  if (!Rf_isNull(keep)) o.keep = Rcpp::as<std::vector<std::string>>(keep);
  SEXP codes = element(opt, "missing_codes");
  if (!Rf_isNull(codes)) o.missing_codes = Rcpp::as<std::vector<std::string>>(codes);
  const std::string recode = string_option(opt, "recode");
  if (!recode.empty()) o.recode = securebase::parse_recode(ins, recode);
  o.invalid = invalid_policy(string_option(opt, "invalid"));
  const std::string method = string_option(opt, "method");
  if (!method.empty()) {
    o.method = method == "sum" ? securebase::ScaleMethod::sum : securebase::ScaleMethod::mean;
  }
  o.norm_set = string_option(opt, "norms");
  o.input_name = string_option(opt, "input_name");
  const std::string threads = string_option(opt, "threads");
  if (!threads.empty()) o.threads = static_cast<unsigned>(std::stoul(threads));
  return o;
}

void AnswerColumns::add(SEXP column, std::size_t rows) {
  securebase::AnswerColumn c;
  if (static_cast<std::size_t>(Rf_xlength(column)) != rows) {
    throw securebase::Error(securebase::ErrorCode::internal, "securebase (R)",
                            "an answer column has another length than the data");
  }
  switch (TYPEOF(column)) {
    case INTSXP:
    case LGLSXP:  // R's NA_integer_ and NA are INT32_MIN: the library's i32 missing value
      c.type = securebase::AnswerColumn::Type::i32;
      c.data = TYPEOF(column) == INTSXP ? static_cast<const void*>(INTEGER(column))
                                        : static_cast<const void*>(LOGICAL(column));
      break;
    case REALSXP:
      c.type = securebase::AnswerColumn::Type::f64;
      c.data = REAL(column);
      break;
    case STRSXP: {
      std::vector<std::string_view>& cells = text_.emplace_back();
      cells.reserve(rows);
      for (std::size_t i = 0; i < rows; ++i) {
        SEXP s = STRING_ELT(column, static_cast<R_xlen_t>(i));
        cells.emplace_back(CHAR(s), static_cast<std::size_t>(LENGTH(s)));
      }
      c.type = securebase::AnswerColumn::Type::text;
      c.data = cells.data();
      break;
    }
    default:
      throw securebase::Error(securebase::ErrorCode::table_mapping, "data",
                              "an answer column is neither numbers nor text");
  }
  columns_.push_back(c);
}

void AnswerColumns::add_matrix(SEXP matrix, std::size_t rows, std::size_t cols) {
  for (std::size_t j = 0; j < cols; ++j) {
    securebase::AnswerColumn c;
    const std::size_t offset = j * rows;  // column-major: an item's answers are contiguous
    if (TYPEOF(matrix) == REALSXP) {
      c.type = securebase::AnswerColumn::Type::f64;
      c.data = REAL(matrix) + offset;
    } else if (TYPEOF(matrix) == INTSXP || TYPEOF(matrix) == LGLSXP) {
      c.type = securebase::AnswerColumn::Type::i32;
      c.data = (TYPEOF(matrix) == INTSXP ? INTEGER(matrix) : LOGICAL(matrix)) + offset;
    } else {
      throw securebase::Error(securebase::ErrorCode::table_mapping, "data",
                              "a matrix of answers must hold numbers");
    }
    columns_.push_back(c);
  }
}

securebase::ColumnScores score(const securebase::Instrument& ins,
                               const securebase::BatchOptions& options, SEXP data, std::size_t rows,
                               SEXP rest_blank) {
  AnswerColumns cols;
  if (Rf_isMatrix(data)) {
    cols.add_matrix(data, rows, static_cast<std::size_t>(Rf_ncols(data)));
  } else {
    const Rcpp::List list(data);
    for (R_xlen_t j = 0; j < list.size(); ++j) cols.add(list[j], rows);
  }
  std::vector<std::uint8_t> blank;
  if (!Rf_isNull(rest_blank)) {
    const Rcpp::LogicalVector b(rest_blank);
    blank.reserve(static_cast<std::size_t>(b.size()));
    for (int v : b) blank.push_back(v == TRUE ? 1 : 0);
  }
  return securebase::score_columns(ins, options, cols.columns(), rows, blank);
}

}  // namespace sbr
