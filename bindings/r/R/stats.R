# Psychometric statistics of scored answers: alpha with its intervals, omega, the item table and
# the mis-keying checks, all computed by the library (stats/ and the checks).

.sb_stats_options <- function(missing, published_r, published_r_source, order) {
  list(missing = missing, published_r = published_r,
       published_r_source = published_r_source, order = order)
}

#' Reliability, item analysis and mis-keying checks
#'
#' Scores the answers as [sb_score()] does and computes, for every scale, from the rows whose
#' status is `ok` or `incomplete`: Cronbach's alpha (raw and standardised) with Feldt and
#' Duhachek 95% intervals, omega total from one-factor minres and maximum-likelihood fits on
#' the keyed correlations, the item table (as `psych::alpha` gives it), the scale scores'
#' description and correlations, and the checks for mis-keying and a wrong layout (a
#' negative corrected item-total correlation, alpha far below the published value, a better
#' fitting item order). The numbers equal `psych::alpha`'s and `psych::omega`'s.
#'
#' @inheritParams sb_score
#' @param data A data frame or matrix of answers, or an `sb_partial` (see [sb_partial()]).
#' @param instrument An instrument; for an `sb_partial`, the one it was made with by default
#'   (`NULL` there skips the checks).
#' @param missing `"pairwise"` (psych's default) or `"listwise"` covariances.
#' @param published_r,published_r_source A published anxiety-avoidance correlation to check
#'   the sample's against, and where it comes from.
#' @param ... Further options of [sb_score()] (`order`, `invalid`, `recode`, `method`, `threads`).
#' @return An object of class `sb_stats`: `alpha` (one row per scale: `raw_alpha`,
#'   `std_alpha`, `average_r`, `ase`, `mean`, `sd`, `n`, Feldt and Duhachek bounds, `omega`,
#'   `omega_ml`), `items` (per scale, the item table), `scales` (everything per scale),
#'   `correlations` between scale scores, `checks` (a data frame of warnings) and `text` (the
#'   summary as `securebase stats` prints it).
#' @examples
#' set.seed(2)
#' n <- 300
#' anx <- rnorm(n); avo <- rnorm(n)
#' ecr <- sb_instrument("ecr-r")
#' key <- ecr$key
#' answers <- sapply(seq_along(ecr$items), function(i) {
#'   k <- key[key$number == i, ]
#'   latent <- if (k$scale == "anxiety") anx else avo
#'   x <- round(4 + 1.2 * latent * ifelse(k$reversed, -1, 1) + rnorm(n))
#'   pmin(7, pmax(1, x))
#' })
#' colnames(answers) <- paste0("ECR_", seq_along(ecr$items))
#' st <- sb_stats(as.data.frame(answers), "ecr-r")
#' st
#' st$items$anxiety
#' @export
sb_stats <- function(data, instrument = NULL, columns = "ECR_{n}", missing_codes = 0,
                     missing = c("pairwise", "listwise"), published_r = NULL,
                     published_r_source = "", ...) {
  call <- match.call()
  missing <- match.arg(missing)
  extra <- list(...)
  so <- .sb_stats_options(missing, published_r, published_r_source, extra$order)
  if (inherits(data, "sb_partial")) {
    ref <- if (is.null(instrument)) data$instrument else .sb_ref(instrument)
    r <- .sb(.sbr_stats_partial(data$json, "partial", if (is.null(ref)) "" else ref, so), call)
  } else {
    if (is.null(instrument)) .sb_stop(107L, "instrument", "give the instrument", call)
    ref <- .sb_ref(instrument)
    options <- c(do.call(.sb_options, c(list(columns = columns, missing_codes = missing_codes),
                                        extra)), so[c("missing", "published_r",
                                                      "published_r_source")])
    a <- .sb_answers(data, ref, options, columns, call)
    r <- .sb(.sbr_stats(ref, a$answers, nrow(data), options, a$rest_blank), call)
  }
  .sb_stats_object(r, ref)
}

.sb_stats_object <- function(r, ref) {
  rows <- lapply(r$scales, function(s) {
    a <- s$alpha
    data.frame(scale = s$id, raw_alpha = a$raw_alpha, std_alpha = a$std_alpha,
               average_r = a$average_r, ase = a$ase, mean = s$score$mean, sd = s$score$sd,
               n = a$n, feldt_lower = a$feldt_lower, feldt_upper = a$feldt_upper,
               duhachek_lower = a$duhachek_lower, duhachek_upper = a$duhachek_upper,
               omega = s$omega$total, omega_ml = s$omega_ml$total, items = a$items,
               status = a$status, stringsAsFactors = FALSE)
  })
  alpha <- do.call(rbind, rows)
  rownames(alpha) <- alpha$scale
  items <- lapply(r$scales, function(s) s$items)
  structure(list(alpha = alpha, items = items, scales = r$scales,
                 correlations = r$correlations, omega_h = r$omega_h, checks = r$checks,
                 checked = r$checked, rows = r$rows, missing = r$missing, text = r$text,
                 instrument = ref),
            class = "sb_stats")
}

#' @rdname sb_stats
#' @param x,object An `sb_stats` object.
#' @param digits Decimals shown.
#' @param style `"psych"` (the layout of `psych::alpha`'s print, per scale) or `"securebase"`
#'   (the table of `securebase stats`).
#' @export
format.sb_stats <- function(x, digits = 2, style = c("psych", "securebase"), ...) {
  style <- match.arg(style)
  if (style == "securebase") return(strsplit(x$text, "\n", fixed = TRUE)[[1L]])
  out <- c(sprintf("Reliability analysis (securebase, %s; %s covariances, %s rows)",
                   if (is.null(x$instrument)) "partial" else x$instrument, x$missing,
                   format(x$rows)), "")
  show <- function(df) capture.output(print(df, digits = digits, row.names = TRUE))
  for (s in names(x$scales)) {
    a <- x$alpha[s, ]
    out <- c(out, paste0("Scale: ", s),
             show(data.frame(raw_alpha = a$raw_alpha, std.alpha = a$std_alpha,
                             average_r = a$average_r, ase = a$ase, mean = a$mean, sd = a$sd,
                             omega = a$omega, row.names = "")),
             "", "    95% confidence boundaries",
             show(data.frame(lower = c(a$feldt_lower, a$duhachek_lower),
                             alpha = c(a$raw_alpha, a$raw_alpha),
                             upper = c(a$feldt_upper, a$duhachek_upper),
                             row.names = c("Feldt", "Duhachek"))),
             "", " Reliability if an item is dropped:")
    it <- x$items[[s]]
    rn <- paste0(it$item, ifelse(it$reversed, "-", ""))
    out <- c(out, show(data.frame(raw_alpha = it$alpha_if_dropped,
                                  std.alpha = it$std_alpha_if_dropped,
                                  average_r = it$average_r_if_dropped, row.names = rn)),
             "", " Item statistics",
             show(data.frame(n = it$n, raw.r = it$`raw.r`, std.r = it$`std.r`,
                             r.drop = it$`r.drop`, mean = it$mean, sd = it$sd, row.names = rn)),
             "")
  }
  out <- c(out, if (!x$checked) "Checks: not run (give the instrument)" else
    if (nrow(x$checks)) c("Checks:", paste0("  ", x$checks$message)) else
      "Checks: no warnings")
  out
}

#' @rdname sb_stats
#' @export
print.sb_stats <- function(x, ...) {
  writeLines(format(x, ...))
  invisible(x)
}

#' @rdname sb_stats
#' @export
summary.sb_stats <- function(object, ...) object$alpha

#' Mergeable statistics for sharded runs
#'
#' `sb_partial()` scores a shard of the answers and keeps the statistics' sufficient sums (a
#' statistics partial, the JSON document `securebase batch --stats-partial` writes);
#' `sb_merge()` combines partials of disjoint shards, and [sb_stats()] of the merged partial
#' gives the statistics of all the rows at once. Shards can run in parallel, e.g. with
#' `parallel::mclapply`, or on other machines (the JSON travels as text).
#'
#' @inheritParams sb_score
#' @param ... For `sb_partial()`, further options of [sb_score()]; for `sb_merge()`,
#'   `sb_partial` objects or lists of them.
#' @return An object of class `sb_partial`: `json` (the partial), `instrument` and `rows`.
#' @examples
#' set.seed(3)
#' answers <- as.data.frame(matrix(sample(1:7, 36 * 200, replace = TRUE), 200,
#'                                 dimnames = list(NULL, paste0("ECR_", 1:36))))
#' shards <- split(answers, rep(1:2, each = 100))
#' parts <- lapply(shards, sb_partial, instrument = "ecr-r")
#' all <- sb_merge(parts)
#' sb_stats(all)$alpha[, c("raw_alpha", "omega")]
#' @export
sb_partial <- function(data, instrument, columns = "ECR_{n}", missing_codes = 0, ...) {
  call <- match.call()
  ref <- .sb_ref(instrument)
  options <- .sb_options(columns, missing_codes = missing_codes, ...)
  a <- .sb_answers(data, ref, options, columns, call)
  r <- .sb(.sbr_partial(ref, a$answers, nrow(data), options, a$rest_blank), call)
  structure(list(json = r$json, instrument = ref, rows = r$summary$rows), class = "sb_partial")
}

#' @rdname sb_partial
#' @export
sb_merge <- function(...) {
  parts <- list(...)
  if (length(parts) == 1L && !inherits(parts[[1L]], "sb_partial")) parts <- parts[[1L]]
  ok <- vapply(parts, inherits, logical(1), "sb_partial")
  if (!length(parts) || !all(ok)) {
    .sb_stop(1002L, "sb_merge", "give sb_partial objects (from sb_partial or sb_merge)")
  }
  names <- if (is.null(names(parts))) paste0("partial ", seq_along(parts)) else
    ifelse(nzchar(names(parts)), names(parts), paste0("partial ", seq_along(parts)))
  json <- .sb(.sbr_merge(vapply(parts, `[[`, "", "json"), names))
  structure(list(json = json, instrument = parts[[1L]]$instrument,
                 rows = sum(vapply(parts, function(p) as.numeric(p$rows), 0))),
            class = "sb_partial")
}

#' @rdname sb_partial
#' @param x An `sb_partial`.
#' @export
format.sb_partial <- function(x, ...) {
  sprintf("securebase statistics partial: %s, %s rows, %d bytes of JSON",
          x$instrument, format(x$rows), nchar(x$json, type = "bytes"))
}

#' @rdname sb_partial
#' @export
print.sb_partial <- function(x, ...) {
  writeLines(format(x, ...))
  invisible(x)
}
