#!/usr/bin/env Rscript
# batch_scores.R -- independent R oracle for `securebase batch` on a 1,000-row ECR-R file.
#
# What it does
#   1. Builds tests/data/oracle/batch-ecr-r-1000.csv from a fixed seed (written here, so the
#      file can be rebuilt byte for byte): header id,ECR_1..ECR_36 (Fraley order), answers
#      1-7 with a realistic structure (each respondent has a latent anxiety and avoidance
#      level; an item is that level, flipped for reversed items, plus noise, rounded and
#      clamped to 1-7), about 1% blank cells scattered at random, and planted rows that test
#      the minimum-answered rule (see "Planted rows").
#   2. Scores it with psych::scoreItems(keys, items, totals = FALSE, impute = "none",
#      delete = FALSE, min = 1, max = 7), reversed items given with a "-" prefix: each scale
#      score is the mean of the answered keyed items, reversed as 8 - x.  A second, plain base
#      R path (reverse by hand, rowMeans(na.rm = TRUE)) must agree to 1e-12.
#   3. Applies securebase's minimum-answered rule, which psych does NOT have: psych's mean
#      with impute = "none" averages whatever items are answered (even one).  ECR-R's rule
#      (instruments/ecr-r.json, min_answered proportion 0.8 rounded up; docs/scoring.md) is
#      ceiling(0.8 * 18) = 15 answered items of 18.  A scale with fewer than 15 answered has
#      NO score: its expected score is empty and the row is expected to be incomplete for
#      that scale (status "incomplete:<scale>" in securebase).  Its n answered is still
#      given.
#   4. Writes tests/data/oracle/batch-ecr-r-1000.expected.csv:
#        id, anxiety, avoidance          -- expected score (%.17g), empty when no score
#        anxiety_n, avoidance_n          -- answered items of the scale (of 18)
#        incomplete                      -- scales below the rule, ";"-separated, or empty
#        psych_anxiety, psych_avoidance  -- psych's raw mean before the rule (reference only)
#
# Scoring key (instruments/ecr-r.json; Fraley, Waller & Brennan, 2000):
#   anxiety = items 1-18, reversed 9, 11
#   avoidance = items 19-36, reversed 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36
#
# Planted rows (on top of the random 1% blanks; blanks alone rarely push a scale below the
# rule, but the rule is applied to every row whatever the cause; a planted row first has its
# random blanks filled so its count is exact):
#   every 50th row (50, 100, ...):  4 anxiety items blank   -> 14 answered, anxiety incomplete
#   every 50th row + 25:            4 avoidance items blank -> avoidance incomplete
#   every 100th row + 10:           exactly 3 anxiety items blank -> 15 answered, scored
#   every 200th row + 33:           all 36 items blank -> both incomplete
#   row 7:                          only 1 avoidance item answered -> avoidance incomplete,
#                                   although psych reports a mean for it
#
# Rerun (from the repository root; needs R with psych):
#   Rscript tests/oracle/batch_scores.R > tests/oracle/batch_scores.out
# then rewrite the SPSS and Stata copies of the input (tests/tools/CMakeLists.txt):
#   write_stat_fixtures --oracle tests/data/oracle/batch-ecr-r-1000.csv \
#       tests/data/oracle/batch-ecr-r-1000
# tests/e2e/batch_oracle.cmake runs `securebase batch` on all three and compares with the
# expected file.

suppressPackageStartupMessages(library(psych))
options(width = 120)

## ---- files, relative to this script -------------------------------------------------
script_dir <- local({
  arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(arg) == 1) dirname(normalizePath(sub("^--file=", "", arg)))
  else file.path(getwd(), "tests", "oracle")
})
repo_root <- normalizePath(file.path(script_dir, "..", ".."))
data_dir <- file.path(repo_root, "tests", "data", "oracle")
in_csv <- file.path(data_dir, "batch-ecr-r-1000.csv")
out_csv <- file.path(data_dir, "batch-ecr-r-1000.expected.csv")

## ---- constants -----------------------------------------------------------------------
SEED <- 20261128L
N_ROWS <- 1000L
N_ITEMS <- 36L
SCALE_LEN <- 18L
MIN_ANSWERED <- ceiling(0.8 * SCALE_LEN)   # 15: the ECR-R rule (ceil of 14.4)
TOL <- 1e-12
stopifnot(MIN_ANSWERED == 15)
scales <- c("anxiety", "avoidance")
key <- list(
  anxiety = list(items = 1:18, reversed = c(9, 11)),
  avoidance = list(items = 19:36,
                   reversed = c(20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36)))
item_names <- paste0("ECR_", 1:N_ITEMS)

## ---- 1. build the input file ---------------------------------------------------------
RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(SEED)
latent <- cbind(anxiety = rnorm(N_ROWS, 0, 1), avoidance = rnorm(N_ROWS, 0, 1))
items <- matrix(NA_integer_, N_ROWS, N_ITEMS, dimnames = list(NULL, item_names))
for (s in scales) {
  for (i in key[[s]]$items) {
    sign <- if (i %in% key[[s]]$reversed) -1 else 1
    raw <- 4 + 1.3 * sign * latent[, s] + rnorm(N_ROWS, 0, 1.1)
    items[, i] <- as.integer(pmin(7, pmax(1, round(raw))))
  }
}
# about 1% blanks at random
blank <- matrix(runif(N_ROWS * N_ITEMS) < 0.01, N_ROWS, N_ITEMS)
items[blank] <- NA_integer_
# planted rows
pick <- function(pool, n) pool[sample.int(length(pool), n)]
for (r in seq_len(N_ROWS)) {
  if (r %% 50 == 0) {
    items[r, ] <- ifelse(is.na(items[r, ]), sample(1:7, N_ITEMS, replace = TRUE), items[r, ])
    items[r, pick(1:18, 4)] <- NA_integer_
  } else if (r %% 50 == 25) {
    items[r, ] <- ifelse(is.na(items[r, ]), sample(1:7, N_ITEMS, replace = TRUE), items[r, ])
    items[r, pick(19:36, 4)] <- NA_integer_
  } else if (r %% 100 == 10) {
    items[r, ] <- ifelse(is.na(items[r, ]), sample(1:7, N_ITEMS, replace = TRUE), items[r, ])
    items[r, pick(1:18, 3)] <- NA_integer_
  } else if (r %% 200 == 33) {
    items[r, ] <- NA_integer_
  } else if (r == 7) {
    keep <- pick(19:36, 1)
    items[r, setdiff(19:36, keep)] <- NA_integer_
  }
}
ids <- sprintf("p%04d", seq_len(N_ROWS))
dat <- data.frame(id = ids, items, check.names = FALSE, stringsAsFactors = FALSE)
write.table(dat, in_csv, sep = ",", na = "", quote = FALSE, row.names = FALSE,
            col.names = TRUE, eol = "\n")
# Read it back as the scorer will: empty cell = missing.
back <- read.csv(in_csv, colClasses = c("character", rep("integer", N_ITEMS)),
                 na.strings = "", check.names = FALSE)
stopifnot(identical(names(back), c("id", item_names)), identical(back$id, ids),
          identical(unname(as.matrix(back[, item_names])), unname(items)))

## ---- 2. score with psych and with base R ----------------------------------------------
quietly <- function(expr) {
  # psych chatters (and warns about pairwise correlations) on its reliability statistics,
  # which are irrelevant here.
  out <- NULL
  invisible(capture.output(out <- suppressWarnings(suppressMessages(expr))))
  out
}
psych_keys <- lapply(key, function(s) {
  nm <- item_names[s$items]
  ifelse(s$items %in% s$reversed, paste0("-", nm), nm)
})
ps <- quietly(psych::scoreItems(psych_keys, items, totals = FALSE, impute = "none",
                                delete = FALSE, min = 1, max = 7))$scores

base_mean <- function(s) {
  x <- items[, key[[s]]$items]
  rev <- key[[s]]$items %in% key[[s]]$reversed
  x[, rev] <- 8L - x[, rev]
  rowMeans(x, na.rm = TRUE)
}
n_answered <- sapply(scales, function(s) rowSums(!is.na(items[, key[[s]]$items])))
max_abs_diff <- 0
for (s in scales) {
  b <- base_mean(s)
  p <- unname(ps[, s])
  both <- !is.na(b) & !is.na(p)   # an all-blank scale is NaN in base R and psych alike
  stopifnot(identical(is.nan(b) | is.na(b), is.nan(p) | is.na(p)),
            identical(which(!both), which(n_answered[, s] == 0)))
  max_abs_diff <- max(max_abs_diff, abs(b[both] - p[both]))
}
stopifnot(max_abs_diff <= TOL)

## ---- 3. the minimum-answered rule ------------------------------------------------------
expected <- sapply(scales, function(s)
  ifelse(n_answered[, s] >= MIN_ANSWERED, unname(ps[, s]), NA_real_))
incomplete <- apply(n_answered < MIN_ANSWERED, 1, function(v) paste(scales[v], collapse = ";"))

# The planted rows came out as planned.
stopifnot(all(n_answered[seq(50, N_ROWS, 50), "anxiety"] == 14),
          all(n_answered[seq(25, N_ROWS, 50), "avoidance"] == 14),
          all(n_answered[seq(10, N_ROWS, 100), "anxiety"] == 15),
          all(!is.na(expected[seq(10, N_ROWS, 100), "anxiety"])),
          all(n_answered[seq(33, N_ROWS, 200), ] == 0),
          n_answered[7, "avoidance"] == 1, !is.na(ps[7, "avoidance"]),
          is.na(expected[7, "avoidance"]))

## ---- 4. write and report ----------------------------------------------------------------
g17 <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
out <- data.frame(id = ids,
                  anxiety = g17(expected[, "anxiety"]),
                  avoidance = g17(expected[, "avoidance"]),
                  anxiety_n = n_answered[, "anxiety"],
                  avoidance_n = n_answered[, "avoidance"],
                  incomplete = incomplete,
                  psych_anxiety = g17(ifelse(is.nan(ps[, "anxiety"]), NA, ps[, "anxiety"])),
                  psych_avoidance = g17(ifelse(is.nan(ps[, "avoidance"]), NA, ps[, "avoidance"])),
                  stringsAsFactors = FALSE)
write.table(out, out_csv, sep = ",", na = "", quote = FALSE, row.names = FALSE,
            col.names = TRUE, eol = "\n")
# Round trip: the written text reproduces every double exactly.
chk <- read.csv(out_csv, colClasses = c("character", "numeric", "numeric", "integer",
                                        "integer", "character", "numeric", "numeric"),
                na.strings = "")
stopifnot(identical(chk$anxiety, unname(expected[, "anxiety"])),
          identical(chk$avoidance, unname(expected[, "avoidance"])))

cat("securebase batch oracle (ECR-R, psych::scoreItems)\n")
cat(sprintf("seed %d (Mersenne-Twister, Inversion, Rejection); %d rows x %d items\n",
            SEED, N_ROWS, N_ITEMS))
cat("input:    tests/data/oracle/batch-ecr-r-1000.csv\n")
cat("expected: tests/data/oracle/batch-ecr-r-1000.expected.csv\n\n")
cat(sprintf("blank cells: %d of %d (%.2f%%)\n", sum(is.na(items)), length(items),
            100 * mean(is.na(items))))
cat(sprintf("minimum answered per scale: %d of %d (ceiling(0.8 * 18))\n", MIN_ANSWERED,
            SCALE_LEN))
for (s in scales) {
  cat(sprintf("%-9s scored %4d, incomplete %3d, mean of scores %.6f, sd %.6f\n", s,
              sum(!is.na(expected[, s])), sum(is.na(expected[, s])),
              mean(expected[, s], na.rm = TRUE), sd(expected[, s], na.rm = TRUE)))
}
cat(sprintf("rows incomplete for at least one scale: %d; complete rows: %d\n",
            sum(incomplete != ""), sum(incomplete == "")))
cat(sprintf("rows where psych gives a mean but the rule gives none: %d\n",
            sum(!is.na(ps) & !is.nan(ps) & is.na(expected))))
cat(sprintf("correlation of anxiety and avoidance scores: %.6f\n",
            cor(expected[, 1], expected[, 2], use = "complete.obs")))
cat(sprintf("base R vs psych::scoreItems(impute = \"none\"): max |diff| = %s (tolerance %g): OK\n\n",
            format(max_abs_diff, digits = 17), TOL))
cat("First 12 rows and the planted rows 7, 10, 25, 33, 50 of the expected file:\n")
print(out[c(1:12, 25, 33, 50), 1:6], row.names = FALSE, right = TRUE)
cat("\n")
print(sessionInfo())
