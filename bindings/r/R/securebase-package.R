#' securebase: score adult-attachment questionnaires with fingerprinted keys
#'
#' The securebase C++ library, compiled into the package: exact scoring keys with a
#' fingerprint ([sb_instrument()]), scores with a per-row status ([sb_score()]),
#' reliability and mis-keying checks ([sb_stats()], [sb_partial()], [sb_merge()]),
#' non-diagnostic feedback and reports ([sb_feedback()], [sb_report()]) and reliable change
#' ([sb_compare()]). Errors are conditions of class `securebase_error` with fields `code`,
#' `id` and `location` (docs/errors.md of the securebase sources catalogues the codes).
#'
#' @useDynLib securebase, .registration = TRUE
#' @importFrom Rcpp evalCpp
#' @importFrom utils capture.output
#' @keywords internal
"_PACKAGE"
