# Errors: every call into the compiled library goes through .sb(), which turns the library's
# error value (src/glue_support.cpp) into an R condition of class `securebase_error`.

.sb <- function(value, call = sys.call(-1L)) {
  if (inherits(value, "sb_error_value")) {
    stop(securebase_error(value, call))
  }
  value
}

securebase_error <- function(value, call = NULL) {
  structure(
    class = c("securebase_error", "error", "condition"),
    list(message = value$text, call = call, code = value$code, id = value$id,
         location = value$location, problems = as.data.frame(value$problems,
                                                             stringsAsFactors = FALSE))
  )
}

#' @export
conditionCall.securebase_error <- function(c) c$call

# An argument error raised by the R side itself (a wrong type, before the library is called),
# with the same class and fields as the library's errors.
.sb_stop <- function(code, location, message, call = sys.call(-1L)) {
  id <- switch(as.character(code %/% 100L), "1" = "instrument", "2" = "answers", "4" = "result",
               "5" = "text", "6" = "io", "7" = "table", "10" = "stats", "internal")
  value <- list(code = as.integer(code), id = paste0("securebase.", id, ".", code),
                location = location, message = message,
                text = sprintf("[securebase.%s.%d] %s: %s", id, code, location, message),
                problems = list(code = as.integer(code), location = location, message = message))
  stop(securebase_error(value, call))
}
