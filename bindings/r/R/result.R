# One respondent: scores explained as feedback blocks, the HTML report, reliable change.

# Answers as the text the library's answer parser reads ("item=value" pairs, NA = missing).
.sb_answer_text <- function(answers, call) {
  if (is.character(answers) && length(answers) == 1L && is.null(names(answers))) {
    return(answers)
  }
  if (is.data.frame(answers)) {
    if (nrow(answers) != 1L) {
      .sb_stop(201L, "answers", "give one respondent: a data frame with one row", call)
    }
    answers <- unlist(answers[1L, , drop = TRUE])
  }
  if (is.list(answers)) answers <- unlist(answers)
  if (is.null(names(answers)) || any(!nzchar(names(answers)))) {
    if (!is.null(names(answers)) || !length(answers)) {
      .sb_stop(201L, "answers", "name every answer by its item id or number", call)
    }
    names(answers) <- seq_along(answers)
  }
  values <- ifelse(is.na(answers), "NA", as.character(answers))
  paste0(names(answers), "=", values, collapse = "\n")
}

#' Feedback for one respondent
#'
#' Scores one respondent's answers and explains the result: the non-diagnostic feedback
#' blocks (disclaimer and help first, then each dimension, the attachment plane and what the
#' numbers mean), in the chosen language.
#'
#' @param answers The answers: a named vector or list (names are item ids such as `"i01"` or
#'   numbers; `NA` = missing), an unnamed vector in item order, a one-row data frame with
#'   item-id columns, or text (`"1=5 2=3 ..."` or a JSON object).
#' @param instrument An instrument id, file, or [sb_instrument()].
#' @param lang Feedback language (`"en"`, `"es"`).
#' @param norms A norm set id for z scores and percentiles.
#' @param boundary A norm set whose medians divide the plane (default: the scale midpoints).
#' @return An object of class `sb_feedback`: `blocks` (a named list; each block has `id`,
#'   `title`, `paragraphs` and `numbers`, a data frame), `scores` (one row per scale) and
#'   `result` (the result document as JSON text, for [sb_report()] and [sb_compare()]).
#' @examples
#' fb <- sb_feedback(setNames(rep(c(2, 6), 18), 1:36), "ecr-r")
#' names(fb$blocks)
#' fb$scores
#' @export
sb_feedback <- function(answers, instrument, lang = "en", norms = NULL, boundary = NULL) {
  call <- match.call()
  ref <- .sb_ref(instrument)
  r <- .sb(.sbr_feedback(ref, .sb_answer_text(answers, call), lang,
                         if (is.null(norms)) "" else norms,
                         if (is.null(boundary)) "" else boundary), call)
  structure(list(language = r$language, blocks = r$blocks, scores = r$scores,
                 result = r$result, instrument = ref), class = "sb_feedback")
}

#' @rdname sb_feedback
#' @param x An `sb_feedback` object.
#' @param ... Unused.
#' @export
format.sb_feedback <- function(x, ...) {
  unlist(lapply(x$blocks, function(b) {
    c(toupper(b$title), strwrap(b$paragraphs, width = 78, exdent = 0), "")
  }), use.names = FALSE)
}

#' @rdname sb_feedback
#' @export
print.sb_feedback <- function(x, ...) {
  writeLines(format(x, ...))
  invisible(x)
}

# A result given as an sb_feedback, a result file or result JSON text: its JSON and a name.
.sb_result_json <- function(result, what, call) {
  if (inherits(result, "sb_feedback")) return(list(json = result$result, source = what))
  if (is.character(result) && length(result) == 1L) {
    if (file.exists(result)) {
      text <- paste(readLines(result, warn = FALSE, encoding = "UTF-8"), collapse = "\n")
      return(list(json = text, source = result))
    }
    return(list(json = result, source = what))
  }
  .sb_stop(402L, what, "give an sb_feedback object, a result file or result JSON", call)
}

#' The HTML report of a result
#'
#' Writes one self-contained HTML page (inline CSS and SVG, no script, no external request):
#' the feedback with the attachment plane, print-friendly.
#'
#' @param result An [sb_feedback()] object, a result file (`securebase score --format json`)
#'   or result JSON text.
#' @param file Where to write the page; `NULL` returns the HTML as a string.
#' @param lang,boundary As for [sb_feedback()].
#' @return The path, invisibly (or the HTML when `file` is `NULL`).
#' @examples
#' fb <- sb_feedback(setNames(rep(c(2, 6), 18), 1:36), "ecr-r")
#' page <- sb_report(fb, tempfile(fileext = ".html"))
#' @export
sb_report <- function(result, file = NULL, lang = "en", boundary = NULL) {
  call <- match.call()
  r <- .sb_result_json(result, "result", call)
  html <- .sb(.sbr_report(r$json, r$source, lang, if (is.null(boundary)) "" else boundary),
              call)
  if (is.null(file)) return(html)
  con <- file(file, open = "wb")
  on.exit(close(con))
  writeBin(charToRaw(enc2utf8(html)), con)
  invisible(file)
}

#' Reliable change between two results
#'
#' The Jacobson-Truax reliable change index of every scale scored in both results:
#' `(after - before) / sqrt(SEM_before^2 + SEM_after^2)`, with its verdict
#' (`within_noise`, `reliable_increase`, `reliable_decrease`, or `unknown` without an SEM).
#'
#' @param old,new The earlier and the later result: [sb_feedback()] objects, result files or
#'   result JSON text, scored with the same key.
#' @return A data frame of class `sb_change`: `scale`, `before`, `after`, `difference`,
#'   `se_difference`, `rci`, `verdict`, `provisional`; scales not scored in both are in
#'   `attr(x, "not_compared")`.
#' @examples
#' before <- sb_feedback(setNames(rep(c(2, 6), 18), 1:36), "ecr-r")
#' after <- sb_feedback(setNames(rep(c(5, 3), 18), 1:36), "ecr-r")
#' sb_compare(before, after)
#' @export
sb_compare <- function(old, new) {
  call <- match.call()
  a <- .sb_result_json(old, "earlier result", call)
  b <- .sb_result_json(new, "later result", call)
  r <- .sb(.sbr_compare(a$json, a$source, b$json, b$source), call)
  structure(r$table, not_compared = r$not_compared, class = c("sb_change", "data.frame"))
}

#' @rdname sb_compare
#' @param x An `sb_change`.
#' @param ... Passed to the data frame's format method.
#' @export
format.sb_change <- function(x, ...) {
  c(capture.output(print(structure(x, class = "data.frame", not_compared = NULL), ...)),
    if (length(attr(x, "not_compared"))) {
      paste0("Not compared (not scored in both): ",
             paste(attr(x, "not_compared"), collapse = ", "))
    })
}

#' @rdname sb_compare
#' @export
print.sb_change <- function(x, ...) {
  writeLines(format(x, ...))
  invisible(x)
}
