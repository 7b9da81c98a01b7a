# Scores of many respondents: data frame or matrix in, data frame out, through the library's
# score_columns (the rules of `securebase batch`).

# The options list the compiled code reads (src/glue_columns.cpp, batch_options).
.sb_options <- function(columns = NULL, order = NULL, map = NULL, id = NULL, keep = NULL,
                        missing_codes = 0, recode = NULL, invalid = "error", method = NULL,
                        norms = NULL, threads = 1L, ...) {
  pattern <- if (is.character(columns) && length(columns) == 1L) columns else NULL
  if (is.character(columns) && length(columns) > 1L) {
    map <- paste0(seq_along(columns), "=", columns, collapse = ",")
  }
  list(pattern = pattern, order = order, map = map, id = id, keep = keep,
       missing_codes = if (length(missing_codes)) format(missing_codes, scientific = FALSE,
                                                         trim = TRUE),
       recode = recode, invalid = invalid, method = method, norms = norms,
       threads = as.character(as.integer(threads)), ...)
}

# The answers of `data` in item order (a list of columns, or the matrix itself), with the
# names of the columns read, and whether the other columns of each row are blank.
.sb_answers <- function(data, ref, options, columns, call) {
  if (!is.data.frame(data) && !is.matrix(data)) {
    .sb_stop(704L, "data", "give the answers as a data frame or a matrix", call)
  }
  items <- if (is.character(columns) && length(columns) > 1L) columns else
    .sb(.sbr_item_columns(ref, options), call)
  names_in <- colnames(data)
  absent <- setdiff(items, names_in)
  if (length(absent)) {
    .sb_stop(702L, "data", paste0("has no column ", paste(absent, collapse = ", "),
                                  " (the items are read from ", columns_text(columns), ")"),
             call)
  }
  if (is.matrix(data)) {
    m <- if (identical(items, names_in)) data else data[, items, drop = FALSE]
    return(list(answers = m, columns = items, rest_blank = NULL))
  }
  answers <- lapply(items, function(n) {
    x <- data[[n]]
    if (is.factor(x)) as.character(x) else x
  })
  others <- setdiff(names_in, items)
  rest <- NULL
  if (length(others)) {
    blank <- lapply(others, function(n) {
      x <- data[[n]]
      if (is.character(x) || is.factor(x)) is.na(x) | !nzchar(trimws(as.character(x))) else
        is.na(x)
    })
    rest <- Reduce(`&`, blank)
  }
  list(answers = answers, columns = items, rest_blank = rest)
}

columns_text <- function(columns) {
  if (is.null(columns)) "the item ids" else paste0("columns = \"", columns[1L], "\"")
}

#' Score many respondents
#'
#' Scores every row of a data frame (or matrix) of answers with the rules of the command
#' `securebase batch`: reverse-keying from the instrument's key, each scale's
#' minimum-answered rule, and a status per row (`ok`, `incomplete:SCALE`,
#' `invalid:COLUMN=VALUE`, `empty`). The numbers and statuses are those of `securebase batch`
#' on the same answers written as a table. Data frame columns are read where they are
#' (integer, double, logical or character; factors by their labels), without a copy.
#'
#' @param data A data frame or a numeric matrix with one column per item.
#' @param instrument An instrument id (see [sb_instruments()]), file, or [sb_instrument()].
#' @param columns Where the items are: a pattern with `{n}` for the item number (e.g.
#'   `"ECR_{n}"`, `"Q{n:02}"`), a character vector of column names in item order, or `NULL`
#'   for the item ids.
#' @param missing_codes Answers that mean missing (default `0`); `NULL` for none. `NA` is
#'   always missing.
#' @param id,keep Columns of `data` copied to the result (`id` first).
#' @param order The item order `{n}` counts in (default the instrument's canonical order).
#' @param invalid `"error"` (a row with an answer off the response scale is not scored; its
#'   status says which) or `"missing"` (such answers count as missing and are listed in the
#'   column `invalid_values`).
#' @param norms A norm set id: adds z, T and percentile columns.
#' @param method `NULL` (each scale's own), `"mean"` or `"sum"`.
#' @param recode Text answers and their values, e.g. `"Strongly agree=7,Agree=6,Refused=NA"`.
#' @param threads Worker threads.
#' @return A data frame of class `sb_scores`: `line` (the row of `data`; `securebase batch`
#'   numbers a table's lines, the header being line 1), the `id` and `keep` columns, per scale
#'   its score, `_answered` and `_missing` (and `_z`, `_t`, `_percentile` with `norms`), and
#'   `status`. The run summary (counts, warnings such as an end of the response scale never
#'   used) is in `attr(x, "summary")`.
#' @examples
#' set.seed(1)
#' answers <- as.data.frame(matrix(sample(1:7, 36 * 5, replace = TRUE), 5,
#'                                 dimnames = list(NULL, paste0("ECR_", 1:36))))
#' answers$ECR_3[2] <- NA
#' sb_score(answers, "ecr-r", columns = "ECR_{n}")
#' @export
sb_score <- function(data, instrument, columns = "ECR_{n}", missing_codes = 0, id = NULL,
                     keep = NULL, order = NULL, invalid = c("error", "missing"), norms = NULL,
                     method = NULL, recode = NULL, threads = 1L) {
  call <- match.call()
  ref <- .sb_ref(instrument)
  invalid <- match.arg(invalid)
  options <- .sb_options(columns, order = order, id = id, keep = keep,
                         missing_codes = missing_codes, recode = recode, invalid = invalid,
                         method = method, norms = norms, threads = threads)
  passed <- c(id, keep)
  absent <- setdiff(passed, colnames(data))
  if (length(absent)) {
    .sb_stop(702L, "data", paste0("has no column ", paste(absent, collapse = ", ")), call)
  }
  a <- .sb_answers(data, ref, options, columns, call)
  r <- .sb(.sbr_score(ref, a$answers, nrow(data), options, a$rest_blank), call)
  out <- vector("list", length(r$columns))
  names(out) <- r$columns
  out[[1L]] <- seq_len(nrow(data))
  for (n in passed) out[[n]] <- if (is.matrix(data)) data[, n] else data[[n]]
  for (n in names(r$values)) out[[n]] <- r$values[[n]]
  out <- list2DF(out)                   # the vectors as they are: no copy
  attr(out, "summary") <- r$summary
  attr(out, "instrument") <- ref
  class(out) <- c("sb_scores", "data.frame")
  out
}

#' @rdname sb_score
#' @param x,object An `sb_scores` data frame.
#' @param ... Passed to the data frame's print method.
#' @export
print.sb_scores <- function(x, ...) {
  s <- attr(x, "summary")
  cat("securebase scores (", attr(x, "instrument"), "): ", s$text, "\n", sep = "")
  for (w in s$warnings) cat("Warning: ", w, "\n", sep = "")
  print(structure(x, class = "data.frame", summary = NULL, instrument = NULL), ...)
  invisible(x)
}

#' @rdname sb_score
#' @export
summary.sb_scores <- function(object, ...) attr(object, "summary")
