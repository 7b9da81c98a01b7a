# The embedded instruments and what one holds.

#' The version of the securebase library compiled into the package
#'
#' @return A character string, "major.minor.patch".
#' @export
sb_version <- function() .sb(.sbr_version())

#' The instruments compiled into securebase
#'
#' @return A data frame with one row per embedded instrument: `id`, `short_title`, `title`,
#'   `items` (number of items), `scales` (scale ids, comma-separated) and `key_fingerprint`.
#' @examples
#' sb_instruments()
#' @export
sb_instruments <- function() {
  ids <- .sb(.sbr_instrument_ids())
  rows <- lapply(ids, function(id) {
    x <- .sb(.sbr_instrument(id))
    data.frame(id = x$id, short_title = x$short_title, title = x$title,
               items = length(x$items), scales = paste(x$scales$id, collapse = ","),
               key_fingerprint = x$key_fingerprint, stringsAsFactors = FALSE)
  })
  do.call(rbind, rows)
}

#' An instrument: its key, citation and licence
#'
#' @param x An embedded instrument id (see [sb_instruments()]), the path of an instrument
#'   file, or an `sb_instrument` (returned as it is).
#' @return An object of class `sb_instrument`: a list with `id`, `version`, `title`,
#'   `short_title`, `citations` (data frame), `licence`, `response_min`, `response_max`,
#'   `labels`, `items` (item ids), `scales` (data frame: id, name, method, items,
#'   min_answered, rule, reversed item numbers), `key` (data frame: item, number, scale,
#'   reversed, weight), `orders`, `norm_sets`, `key_fingerprint` and `source`.
#' @examples
#' ecr <- sb_instrument("ecr-r")
#' ecr
#' ecr$key[ecr$key$reversed, ]
#' @export
sb_instrument <- function(x) {
  if (inherits(x, "sb_instrument")) return(x)
  if (!is.character(x) || length(x) != 1L || is.na(x)) {
    .sb_stop(107L, "instrument", "give an instrument id such as \"ecr-r\" or a file path")
  }
  info <- .sb(.sbr_instrument(x))
  info$ref <- if (startsWith(info$source, "embedded:")) info$id else normalizePath(x)
  structure(info, class = "sb_instrument")
}

# The reference the compiled code loads an instrument by.
.sb_ref <- function(instrument) sb_instrument(instrument)$ref

#' @rdname sb_instrument
#' @param ... Unused.
#' @export
format.sb_instrument <- function(x, ...) {
  cites <- if (nrow(x$citations)) {
    paste0("  ", x$citations$text,
           ifelse(nzchar(x$citations$doi), paste0(" doi:", x$citations$doi), ""))
  } else "  (none)"
  scales <- sprintf("  %-12s %-5s %2d items, %s%s", x$scales$id, x$scales$method, x$scales$items,
                    x$scales$rule,
                    ifelse(nzchar(x$scales$reversed),
                           paste0("; reversed: ", x$scales$reversed), ""))
  c(sprintf("%s (%s) version %s", x$title, x$id, x$version),
    sprintf("Answers %d-%d; %d items; key sha256:%s", x$response_min, x$response_max,
            length(x$items), x$key_fingerprint),
    "Key:", scales,
    "Citation:", cites,
    "Licence:", paste0("  ", x$licence),
    if (length(x$norm_sets)) paste0("Norm sets: ", paste(x$norm_sets, collapse = ", ")))
}

#' @rdname sb_instrument
#' @export
print.sb_instrument <- function(x, ...) {
  writeLines(format(x, ...))
  invisible(x)
}

#' @rdname sb_instrument
#' @param object An `sb_instrument`.
#' @export
summary.sb_instrument <- function(object, ...) object$scales
