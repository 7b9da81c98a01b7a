#!/usr/bin/env Rscript
# The R side of bench/compare_r.sh: scores an ECR-R CSV the two ways R users do, and prints
# how long each step took (wall clock, inside R, so R's start-up is not counted).
#
#   Rscript bench/compare_r.R fast|psych|export|qualtrics INPUT.csv OUTPUT.csv INSTRUMENT.json
#           [THREADS]
#
# fast:  data.table::fread + rowMeans over the keyed items (reversed items as min + max - x),
#        the answered-item count per scale, the instrument's minimum-answered rule (no score
#        below it) and a status column, then data.table::fwrite: the same columns securebase
#        batch writes.
# export: the fast way on bench/gen_csv --shape export (items Q1..Q36 where 0 means no answer,
#        then age, gender, country): 0 set to NA in the item matrix, age, gender and country
#        written beside the scores.
# qualtrics: the fast way on bench/gen_csv --shape qualtrics (three header rows, text labels
#        as answers, quoted free text with line breaks): the column names from the first row,
#        the data after the third, each item's labels matched to 1-7 (an unknown label or a
#        blank is NA), ResponseId written beside the scores.
# psych: data.table::fread + psych::scoreItems(keys, totals = FALSE, impute = "none",
#        min, max) + fwrite of the scores (psych has no minimum-answered rule and also
#        computes its reliability statistics, as it always does).
# The key (items, reversed items, range, rule) is read from the instrument file, so it is not
# restated here.
suppressPackageStartupMessages({
  library(data.table)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) >= 4, args[1] %in% c("fast", "psych", "export", "qualtrics"))
method <- args[1]
input <- args[2]
output <- args[3]
instrument <- fromJSON(args[4], simplifyVector = FALSE)
threads <- if (length(args) >= 5) as.integer(args[5]) else 2L
setDTthreads(threads)

lo <- instrument$response_scale$min
hi <- instrument$response_scale$max
scale_ids <- vapply(instrument$scales, function(s) s$id, character(1))
keyed <- lapply(scale_ids, function(id) {
  items <- integer(0)
  reversed <- logical(0)
  for (it in instrument$items) {
    for (k in it$keys) {
      if (identical(k$scale, id)) {
        items <- c(items, it$number)
        reversed <- c(reversed, isTRUE(k$reversed))
      }
    }
  }
  list(items = items, reversed = reversed)
})
names(keyed) <- scale_ids
required <- vapply(instrument$scales, function(s) {
  m <- s$min_answered
  n <- length(keyed[[s$id]]$items)
  if (is.null(m)) return(1)
  if (!is.null(m$proportion)) return(max(1, ceiling(m$proportion * n - 1e-9)))
  max(1, m$count)
}, numeric(1))
names(required) <- scale_ids

now <- function() proc.time()[["elapsed"]]
t0 <- now()
if (method == "qualtrics") {
  header <- names(fread(input, nrows = 0))
  dt <- fread(input, skip = 3, header = FALSE, col.names = header, na.strings = "")
} else {
  dt <- fread(input, na.strings = "")
}
t1 <- now()
labels <- c("Disagree strongly", "Disagree", "Disagree somewhat", "Neutral/mixed",
            "Agree somewhat", "Agree", "Agree strongly")
item_col <- function(n) paste0(switch(method, export = "Q", qualtrics = "Q1_", "ECR_"), n)
if (method %in% c("fast", "export", "qualtrics")) {
  out <- switch(method, export = dt[, c("age", "gender", "country")],
                qualtrics = data.table(ResponseId = dt$ResponseId), data.table(id = dt$id))
  if (method == "qualtrics") {
    items <- item_col(seq_along(instrument$items))
    dt[, (items) := lapply(.SD, function(x) match(x, labels)), .SDcols = items]
  }
  status <- rep("ok", nrow(dt))
  for (id in scale_ids) {
    k <- keyed[[id]]
    m <- as.matrix(dt[, item_col(k$items), with = FALSE])
    if (method == "export") m[m == 0L] <- NA
    m[, k$reversed] <- (lo + hi) - m[, k$reversed]
    answered <- rowSums(!is.na(m))
    score <- rowMeans(m, na.rm = TRUE)
    score[answered < required[[id]]] <- NA
    status[answered < required[[id]]] <- "incomplete"
    set(out, j = id, value = score)
    set(out, j = paste0(id, "_n"), value = answered)
  }
  set(out, j = "status", value = status)
} else {
  keys <- lapply(keyed, function(k)
    ifelse(k$reversed, paste0("-", item_col(k$items)), item_col(k$items)))
  all_items <- unique(unlist(lapply(keyed, function(k) item_col(k$items))))
  res <- suppressWarnings(suppressMessages(psych::scoreItems(
    keys, as.data.frame(dt[, all_items, with = FALSE]), totals = FALSE, impute = "none",
    min = lo, max = hi)))
  out <- data.table(id = dt$id, res$scores)
}
t2 <- now()
fwrite(out, output)
t3 <- now()
cat(sprintf("R_TIMING method=%s rows=%d read=%.3f score=%.3f write=%.3f total=%.3f threads=%d\n",
            method, nrow(dt), t1 - t0, t2 - t1, t3 - t2, t3 - t0, getDTthreads()))
