// securebase R package: R answer columns as the library's AnswerColumn views, and run options.
#pragma once

#include <cstddef>
#include <list>
#include <span>
#include <string_view>
#include <vector>

#include "glue.h"
#include "securebase/batch/batch.hpp"

namespace sbr {

/// BatchOptions from the R list the R side builds (R/score.R, .sb_options): pattern, map, order,
/// id, keep, missing_codes, recode, invalid, method, norms, input_name, threads.
securebase::BatchOptions batch_options(const securebase::Instrument& ins, const Rcpp::List& opt);

/// Views of R vectors as AnswerColumns: numbers are read in place; text columns get a vector of
/// string_views into R's own strings (the only thing made per cell).
class AnswerColumns {
 public:
  /// A data frame's column (integer, logical, double or character) of `rows` cells.
  void add(SEXP column, std::size_t rows);
  /// Every column of a numeric matrix (rows x cols, column-major).
  void add_matrix(SEXP matrix, std::size_t rows, std::size_t cols);
  /// The columns added, in order.
  [[nodiscard]] std::span<const securebase::AnswerColumn> columns() const { return columns_; }

 private:
  std::vector<securebase::AnswerColumn> columns_;
  std::list<std::vector<std::string_view>> text_;  // stable addresses for text columns
};

/// score_columns over `data` (a list of item columns in item order, or a numeric matrix with one
/// column per item) of `rows` rows; `rest_blank` is NULL or a logical vector (one per row).
securebase::ColumnScores score(const securebase::Instrument& ins,
                               const securebase::BatchOptions& options, SEXP data, std::size_t rows,
                               SEXP rest_blank);

}  // namespace sbr
