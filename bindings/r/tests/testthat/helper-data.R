# Test data: copied into the package's tests/testthat/oracle/ by bindings/r/build.sh from the
# repository's tests/data (the R oracle's inputs and expected values) and cli/ (the output of
# `securebase batch` on some of them, committed in bindings/r/tests/testthat/cli/).
oracle <- function(...) test_path("oracle", ...)

# A CSV as text cells, exactly what `securebase batch` reads (empty cells stay "").
read_text_csv <- function(path) {
  utils::read.csv(path, colClasses = "character", na.strings = character(),
                  check.names = FALSE, encoding = "UTF-8")
}

# The expected value of a CSV cell: NA for an empty cell.
cell_number <- function(x) suppressWarnings(as.numeric(ifelse(nzchar(x), x, NA)))
