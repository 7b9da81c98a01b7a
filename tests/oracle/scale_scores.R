#!/usr/bin/env Rscript
# scale_scores.R -- independent R oracle for securebase scale scores.
#
# What it checks
#   Reads tests/data/oracle/answer_vectors.csv (one answer vector per row;
#   empty cell = missing) and, for each vector and each scale (anxiety,
#   avoidance), computes:
#     n_answered, n_missing  -- answered / missing items of the scale (of 18)
#     mean                   -- mean of the keyed answered items; reversed items
#                               are recoded as min + max - x using the DECLARED
#                               min/max of the row (never the observed range)
#     sum                    -- sum of the keyed answered items
#     prorated_sum           -- mean * 18 (number of items in the scale)
#   The mean is computed two independent ways, and the script stops unless
#   they agree to 1e-12:
#     (a) plain base R: reverse by hand, rowMeans(na.rm = TRUE);
#     (b) psych::scoreItems(keys, items, min=, max=, impute = "none",
#         totals = FALSE, delete = FALSE) with a keys list whose reversed items
#         carry a "-" prefix.  With impute = "none" psych scores each scale as
#         rowMeans(cbind(pos, max + min - neg), na.rm = TRUE), i.e. the mean of
#         the answered keyed items (verified below against a hand example).
#         Vectors are scored in one batch per instrument: psych needs > 1 row,
#         and delete = FALSE stops it from dropping items that have zero
#         variance across the batch.
#   It also checks closed-form values for the all-minimum / all-maximum
#   vectors and that sum == mean * n_answered.
#
# Scoring keys (item numbers)
#   ecr-r (Fraley order, 1-7): anxiety = 1-18, reversed 9, 11;
#     avoidance = 19-36, reversed 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36
#   ecr (Brennan order, 1-7) and ecr5 (same key, 1-5):
#     avoidance = odd items, reversed 3, 15, 19, 25, 27, 29, 31, 33, 35;
#     anxiety = even items, reversed 22
#
# Outputs
#   stdout                                      -- table + sessionInfo()
#   tests/data/oracle/scale_scores_expected.csv -- machine-readable table,
#                                                  numbers as %.17g
#
# Rerun (from the repository root; needs R and the psych package):
#   Rscript tests/oracle/scale_scores.R > tests/oracle/scale_scores.out 2>&1
# The input CSV was generated once by tests/oracle/make_answer_vectors.R.

suppressPackageStartupMessages(library(psych))
options(width = 160)   # keep the result table on one line per row

## ---- locate files relative to this script --------------------------------
script_dir <- local({
  arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(arg) == 1) dirname(normalizePath(sub("^--file=", "", arg)))
  else file.path(getwd(), "tests", "oracle")
})
repo_root <- normalizePath(file.path(script_dir, "..", ".."))
in_csv  <- file.path(repo_root, "tests", "data", "oracle", "answer_vectors.csv")
out_csv <- file.path(repo_root, "tests", "data", "oracle", "scale_scores_expected.csv")

TOL <- 1e-12
N_ITEMS <- 36
SCALE_LEN <- 18
item_names <- sprintf("i%02d", 1:N_ITEMS)

## ---- scoring keys ---------------------------------------------------------
ecr_key <- list(
  avoidance = list(items = seq(1, 35, by = 2),
                   reversed = c(3, 15, 19, 25, 27, 29, 31, 33, 35)),
  anxiety   = list(items = seq(2, 36, by = 2),
                   reversed = 22)
)
keys_by_instrument <- list(
  "ecr-r" = list(
    anxiety   = list(items = 1:18,  reversed = c(9, 11)),
    avoidance = list(items = 19:36,
                     reversed = c(20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36))
  ),
  "ecr"  = ecr_key,
  "ecr5" = ecr_key
)
scales <- c("anxiety", "avoidance")

# Sanity-check the keys themselves.
for (inst in names(keys_by_instrument)) {
  k <- keys_by_instrument[[inst]]
  stopifnot(length(k$anxiety$items) == SCALE_LEN,
            length(k$avoidance$items) == SCALE_LEN,
            setequal(c(k$anxiety$items, k$avoidance$items), 1:N_ITEMS),
            all(k$anxiety$reversed %in% k$anxiety$items),
            all(k$avoidance$reversed %in% k$avoidance$items))
}

## ---- read answer vectors --------------------------------------------------
dat <- read.csv(in_csv, colClasses = c("character", "character",
                                       rep("integer", 2 + N_ITEMS)),
                na.strings = "", check.names = FALSE)
stopifnot(identical(names(dat), c("vector_id", "instrument", "min", "max", item_names)),
          !anyDuplicated(dat$vector_id),
          all(dat$instrument %in% names(keys_by_instrument)))
items_all <- as.matrix(dat[, item_names])
rownames(items_all) <- dat$vector_id
for (r in seq_len(nrow(dat))) {
  v <- items_all[r, ]
  stopifnot(all(is.na(v) | (v >= dat$min[r] & v <= dat$max[r])))
}

## ---- path (a): plain base R -----------------------------------------------
score_base <- function(v, mn, mx, key) {
  x <- v[key$items]
  rev <- key$items %in% key$reversed
  x[rev] <- (mn + mx) - x[rev]
  m <- rowMeans(matrix(x, nrow = 1), na.rm = TRUE)
  list(n_answered = sum(!is.na(x)),
       n_missing  = sum(is.na(x)),
       mean       = m,
       sum        = sum(x, na.rm = TRUE),
       prorated_sum = m * SCALE_LEN)
}

## ---- path (b): psych::scoreItems -------------------------------------------
# psych chatters (SMC notes via cat/message, pairwise-cov warnings on tiny
# batches) about its reliability statistics, which are irrelevant here.
quietly <- function(expr) {
  out <- NULL
  invisible(capture.output(out <- suppressWarnings(suppressMessages(expr))))
  out
}
psych_keys <- function(key) {
  lapply(key[scales], function(s) {
    nm <- item_names[s$items]
    ifelse(s$items %in% s$reversed, paste0("-", nm), nm)
  })
}
score_psych <- function(items, mn, mx, key) {
  stopifnot(nrow(items) > 1, nrow(items) != ncol(items))
  res <- quietly(psych::scoreItems(psych_keys(key), items, totals = FALSE,
                                   impute = "none", delete = FALSE,
                                   min = mn, max = mx))
  sc <- res$scores[, scales, drop = FALSE]
  rownames(sc) <- rownames(items)
  sc
}

# Verify the claimed psych behaviour on a tiny hand example first:
# 1-7 scale, keys A = {a, -b, c}; row 1 = (2, 3, NA) -> mean(2, 8-3) = 3.5;
# row 2 = (NA, 7, 4) -> mean(1, 4) = 2.5; row 3 = (1, 1, 1) -> 3.
toy <- matrix(c(2, 3, NA,
                NA, 7, 4,
                1, 1, 1), nrow = 3, byrow = TRUE,
              dimnames = list(NULL, c("a", "b", "c")))
toy_sc <- quietly(psych::scoreItems(list(A = c("a", "-b", "c")), toy,
                                    totals = FALSE, impute = "none",
                                    delete = FALSE, min = 1, max = 7))$scores
stopifnot(isTRUE(all.equal(as.vector(toy_sc[, "A"]), c(3.5, 2.5, 3), tolerance = 0)))

## ---- score everything ------------------------------------------------------
rows <- list()
max_abs_diff <- 0
for (inst in unique(dat$instrument)) {
  idx <- which(dat$instrument == inst)
  mn <- unique(dat$min[idx]); mx <- unique(dat$max[idx])
  stopifnot(length(mn) == 1, length(mx) == 1)   # one declared range per batch
  key <- keys_by_instrument[[inst]]
  items <- items_all[idx, , drop = FALSE]
  ps <- score_psych(items, mn, mx, key)
  for (j in seq_along(idx)) {
    id <- dat$vector_id[idx[j]]
    for (s in scales) {
      b <- score_base(items[j, ], mn, mx, key[[s]])
      p <- unname(ps[id, s])
      d <- abs(b$mean - p)
      max_abs_diff <- max(max_abs_diff, d)
      stopifnot(is.finite(b$mean), is.finite(p), d <= TOL,
                b$n_answered + b$n_missing == SCALE_LEN,
                abs(b$sum - b$mean * b$n_answered) <= 1e-9)
      rows[[length(rows) + 1]] <- data.frame(
        vector_id = id, instrument = inst, scale = s,
        n_answered = b$n_answered, n_missing = b$n_missing,
        mean = b$mean, sum = b$sum, prorated_sum = b$prorated_sum,
        psych_mean = p, stringsAsFactors = FALSE)
    }
  }
}
res <- do.call(rbind, rows)

## ---- closed-form checks for all-min / all-max vectors -----------------------
closed_form <- function(inst, s, value) {
  k <- keys_by_instrument[[inst]][[s]]
  mn <- dat$min[dat$instrument == inst][1]; mx <- dat$max[dat$instrument == inst][1]
  n_rev <- length(k$reversed)
  (value * (SCALE_LEN - n_rev) + (mn + mx - value) * n_rev) / SCALE_LEN
}
for (r in seq_len(nrow(res))) {
  id <- res$vector_id[r]
  v <- items_all[id, ]
  if (all(!is.na(v)) && length(unique(v)) == 1) {
    expect <- closed_form(res$instrument[r], res$scale[r], v[[1]])
    stopifnot(abs(res$mean[r] - expect) <= TOL)
  }
}
# Hand-derived: ECR-R all-1 -> anxiety 30/18, avoidance 90/18 = 5;
#               ECR   all-1 -> anxiety 24/18, avoidance 72/18 = 4.
get_mean <- function(id, s) res$mean[res$vector_id == id & res$scale == s]
stopifnot(abs(get_mean("ecrr_min", "anxiety") - 30 / 18) <= TOL,
          abs(get_mean("ecrr_min", "avoidance") - 5) <= TOL,
          abs(get_mean("ecr_min", "anxiety") - 24 / 18) <= TOL,
          abs(get_mean("ecr_min", "avoidance") - 4) <= TOL)

## ---- print ------------------------------------------------------------------
fmt17 <- function(x) vapply(x, function(v) format(v, digits = 17), character(1))
shown <- data.frame(
  vector_id = res$vector_id, instrument = res$instrument, scale = res$scale,
  n_answered = res$n_answered, n_missing = res$n_missing,
  mean = fmt17(res$mean), sum = fmt17(res$sum),
  prorated_sum = fmt17(res$prorated_sum), stringsAsFactors = FALSE)

cat("securebase scale-score oracle\n")
cat("input:  tests/data/oracle/answer_vectors.csv (", nrow(dat), " vectors)\n", sep = "")
cat("output: tests/data/oracle/scale_scores_expected.csv\n\n")
cat("Answer vectors:\n")
cat(sprintf("  %-13s %-5s %d-%d  %s\n", dat$vector_id, dat$instrument, dat$min, dat$max,
            apply(items_all, 1, function(v)
              paste(ifelse(is.na(v), ".", v), collapse = ""))), sep = "")
cat("  (items i01..i36 left to right; '.' = missing)\n")
cat("\nScale scores (mean/sum of keyed answered items; prorated_sum = mean * 18):\n")
print(shown, row.names = FALSE, right = TRUE)

cat(sprintf("\nCross-check base R vs psych::scoreItems(impute=\"none\"): %d scale scores, max |diff| = %s (tolerance %g): OK\n",
            nrow(res), format(max_abs_diff, digits = 17), TOL))
cat("Closed-form checks for all-min/all-max vectors: OK\n")

## ---- machine-readable CSV ---------------------------------------------------
g17 <- function(x) sprintf("%.17g", x)
csv <- data.frame(
  vector_id = res$vector_id, instrument = res$instrument, scale = res$scale,
  n_answered = res$n_answered, n_missing = res$n_missing,
  mean = g17(res$mean), sum = g17(res$sum), prorated_sum = g17(res$prorated_sum),
  stringsAsFactors = FALSE)
write.table(csv, out_csv, sep = ",", quote = FALSE, row.names = FALSE,
            col.names = TRUE)
# Round-trip: the CSV must reproduce the doubles exactly.
back <- read.csv(out_csv, stringsAsFactors = FALSE)
stopifnot(identical(back$mean, res$mean), identical(back$prorated_sum, res$prorated_sum),
          identical(as.numeric(back$sum), as.numeric(res$sum)))

cat("\n")
print(sessionInfo())
