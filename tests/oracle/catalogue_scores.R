#!/usr/bin/env Rscript
# catalogue_scores.R -- independent R oracle for the catalogue instruments
# (ecr-s, ecr-12, rsq, raas); the ECR/ECR-R oracle is scale_scores.R.
#
# What it checks
#   Reads tests/data/oracle/catalogue_vectors.csv (columns vector_id, instrument,
#   min, max, i01..i30; one answer vector per row; empty cell = missing; the
#   columns past an instrument's last item must be empty) and, for each vector
#   and each scale of its instrument, computes:
#     n_answered, n_missing -- answered / missing items of the scale
#     mean                  -- mean of the keyed answered items; reversed items
#                              are recoded as min + max - x using the DECLARED
#                              min/max of the row (never the observed range)
#   The mean is computed two independent ways, and the script stops unless
#   they agree to 1e-12:
#     (a) plain base R: reverse by hand, mean(na.rm = TRUE);
#     (b) psych::scoreItems(keys, items, min=, max=, impute = "none",
#         delete = FALSE, totals = FALSE) with a keys list whose reversed items
#         carry a "-" prefix (checked first on a hand example that includes an
#         item keyed forward in one scale and reversed in another, like RSQ
#         item 6). Vectors are scored in one batch per instrument (psych needs
#         more than one row, and a square matrix would be taken for a
#         correlation matrix); delete = FALSE keeps items with zero variance.
#   The printed table (not the CSV) also shows each scale's minimum-answered
#   count, ceiling(0.8 * k) (the securebase convention declared in the
#   instrument files), and the resulting status; the script stops unless every
#   instrument has a scale scored exactly at that count and one scored below it.
#   All-minimum / all-maximum vectors are checked against closed forms.
#
# Scoring keys (item numbers; source: /work/shared/reference/instruments.md)
#   ecr-s (Wei order, 1-7, section 3): avoidance = 1, 3, 5, 7, 9, 11 (reversed 1, 5, 9);
#     anxiety = 2, 4, 6, 8, 10, 12 (reversed 8)
#   ecr-12 (ECR-12 order, 1-7, section 2): anxiety = 1, 2, 3, 5, 7, 8 (none reversed);
#     avoidance = 4, 6, 9, 10, 11, 12 (reversed 6, 9, 10, 11, 12)
#   rsq (Griffin & Bartholomew, 1-5, section 6): secure = 3, 9, 10, 15, 28 (reversed 9, 28);
#     fearful = 1, 5, 12, 24; preoccupied = 6, 8, 16, 25 (reversed 6);
#     dismissing = 2, 6, 19, 22, 26 (item 6 forward here); the other 13 items unscored
#   raas (Collins 1996 order, 1-5, section 7): close = 1, 6, 8, 12, 13, 17 (reversed 8, 13, 17);
#     depend = 2, 5, 7, 14, 16, 18 (reversed 2, 7, 16, 18); anxiety = 3, 4, 9, 10, 11, 15
#
# The answer vectors were written by hand (not generated): per instrument an
# all-minimum, an all-maximum and a mixed vector, one with a scale answered
# exactly at the minimum count and one with a scale below it, plus one more
# (ecrs_sparse: both scales below; ecr12_avoid_below: avoidance below;
# rsq_scored_only: the 13 unscored items missing).
#
# Outputs
#   stdout                                   -- table + sessionInfo()
#   tests/data/oracle/catalogue_expected.csv -- vector_id, instrument, scale,
#                                               n_answered, n_missing, mean (%.17g)
#
# Rerun (from the repository root; needs R and the psych package):
#   Rscript tests/oracle/catalogue_scores.R > tests/oracle/catalogue_scores.out 2>&1

suppressPackageStartupMessages(library(psych))
options(width = 160)

## ---- locate files relative to this script --------------------------------
script_dir <- local({
  arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(arg) == 1) dirname(normalizePath(sub("^--file=", "", arg)))
  else file.path(getwd(), "tests", "oracle")
})
repo_root <- normalizePath(file.path(script_dir, "..", ".."))
in_csv  <- file.path(repo_root, "tests", "data", "oracle", "catalogue_vectors.csv")
out_csv <- file.path(repo_root, "tests", "data", "oracle", "catalogue_expected.csv")

TOL <- 1e-12
MAX_ITEMS <- 30
item_names <- sprintf("i%02d", 1:MAX_ITEMS)

## ---- scoring keys -----------------------------------------------------------
# Scales in the order the instrument files declare them.
instruments <- list(
  "ecr-s" = list(
    n_items = 12, min = 1, max = 7,
    scales = list(
      anxiety   = list(items = c(2, 4, 6, 8, 10, 12), reversed = 8),
      avoidance = list(items = c(1, 3, 5, 7, 9, 11), reversed = c(1, 5, 9)))),
  "ecr-12" = list(
    n_items = 12, min = 1, max = 7,
    scales = list(
      anxiety   = list(items = c(1, 2, 3, 5, 7, 8), reversed = integer(0)),
      avoidance = list(items = c(4, 6, 9, 10, 11, 12), reversed = c(6, 9, 10, 11, 12)))),
  "rsq" = list(
    n_items = 30, min = 1, max = 5,
    scales = list(
      secure      = list(items = c(3, 9, 10, 15, 28), reversed = c(9, 28)),
      fearful     = list(items = c(1, 5, 12, 24), reversed = integer(0)),
      preoccupied = list(items = c(6, 8, 16, 25), reversed = 6),
      dismissing  = list(items = c(2, 6, 19, 22, 26), reversed = integer(0)))),
  "raas" = list(
    n_items = 18, min = 1, max = 5,
    scales = list(
      close   = list(items = c(1, 6, 8, 12, 13, 17), reversed = c(8, 13, 17)),
      depend  = list(items = c(2, 5, 7, 14, 16, 18), reversed = c(2, 7, 16, 18)),
      anxiety = list(items = c(3, 4, 9, 10, 11, 15), reversed = integer(0))))
)
# securebase convention in every catalogue file: proportion 0.8, rounded up
# (the 1e-9 allowance is the loader's, docs/instrument-format.md).
required_count <- function(k) max(1, ceiling(0.8 * k - 1e-9))

# Sanity-check the keys themselves.
for (inst in names(instruments)) {
  d <- instruments[[inst]]
  for (s in d$scales) {
    stopifnot(!anyDuplicated(s$items), all(s$items %in% seq_len(d$n_items)),
              all(s$reversed %in% s$items))
  }
}
rsq_scored <- sort(unique(unlist(lapply(instruments$rsq$scales, `[[`, "items"))))
stopifnot(length(rsq_scored) == 17,                       # 18 keys, item 6 twice
          identical(as.numeric(setdiff(1:30, rsq_scored)),
                    c(4, 7, 11, 13, 14, 17, 18, 20, 21, 23, 27, 29, 30)))
for (inst in c("ecr-s", "ecr-12", "raas")) {              # each item in exactly one scale
  its <- unlist(lapply(instruments[[inst]]$scales, `[[`, "items"))
  stopifnot(!anyDuplicated(its), setequal(its, seq_len(instruments[[inst]]$n_items)))
}

## ---- read answer vectors --------------------------------------------------
dat <- read.csv(in_csv, colClasses = c("character", "character",
                                       rep("integer", 2 + MAX_ITEMS)),
                na.strings = "", check.names = FALSE)
stopifnot(identical(names(dat), c("vector_id", "instrument", "min", "max", item_names)),
          !anyDuplicated(dat$vector_id),
          all(dat$instrument %in% names(instruments)))
items_all <- as.matrix(dat[, item_names])
rownames(items_all) <- dat$vector_id
for (r in seq_len(nrow(dat))) {
  d <- instruments[[dat$instrument[r]]]
  v <- items_all[r, ]
  stopifnot(dat$min[r] == d$min, dat$max[r] == d$max,
            all(is.na(v[-seq_len(d$n_items)])),      # padding columns empty
            all(is.na(v) | (v >= dat$min[r] & v <= dat$max[r])))
}

## ---- path (a): plain base R -----------------------------------------------
score_base <- function(v, mn, mx, key) {
  x <- v[key$items]
  rev <- key$items %in% key$reversed
  x[rev] <- (mn + mx) - x[rev]
  list(n_answered = sum(!is.na(x)), n_missing = sum(is.na(x)),
       mean = mean(x, na.rm = TRUE))
}

## ---- path (b): psych::scoreItems -------------------------------------------
quietly <- function(expr) {
  out <- NULL
  invisible(capture.output(out <- suppressWarnings(suppressMessages(expr))))
  out
}
psych_keys <- function(scales) {
  lapply(scales, function(s) {
    nm <- item_names[s$items]
    ifelse(s$items %in% s$reversed, paste0("-", nm), nm)
  })
}
score_psych <- function(items, mn, mx, scales) {
  stopifnot(nrow(items) > 1, nrow(items) != ncol(items))
  res <- quietly(psych::scoreItems(psych_keys(scales), items, totals = FALSE,
                                   impute = "none", delete = FALSE,
                                   min = mn, max = mx))
  sc <- res$scores[, names(scales), drop = FALSE]
  rownames(sc) <- rownames(items)
  sc
}

# Verify the claimed psych behaviour on a hand example first, on a 1-5 scale:
# keys A = {a, b}, B = {-a, c} (item a forward in A, reversed in B, like RSQ
# item 6); column d is unkeyed, like the unscored RSQ items.
#   row 1 = (2, 4, NA): A = 3,   B = 6 - 2 = 4
#   row 2 = (5, NA, 1): A = 5,   B = mean(1, 1) = 1
#   row 3 = (NA, 3, 2): A = 3,   B = 2
#   row 4 = (1, 2, 3):  A = 1.5, B = mean(5, 3) = 4
#   row 5 = (5, 4, 3):  A = 4.5, B = mean(1, 3) = 2
# (Five rows: with three, psych's pairwise item covariances for its reliability
# statistics cannot be formed and it stops in svd().)
toy <- matrix(c(2, 4, NA, 1,
                5, NA, 1, 2,
                NA, 3, 2, 3,
                1, 2, 3, 4,
                5, 4, 3, 1), nrow = 5, byrow = TRUE,
              dimnames = list(NULL, c("a", "b", "c", "d")))
toy_sc <- quietly(psych::scoreItems(list(A = c("a", "b"), B = c("-a", "c")), toy,
                                    totals = FALSE, impute = "none",
                                    delete = FALSE, min = 1, max = 5))$scores
stopifnot(isTRUE(all.equal(as.vector(toy_sc[, "A"]), c(3, 5, 3, 1.5, 4.5), tolerance = 0)),
          isTRUE(all.equal(as.vector(toy_sc[, "B"]), c(4, 1, 2, 4, 2), tolerance = 0)))

## ---- score everything ------------------------------------------------------
rows <- list()
max_abs_diff <- 0
for (inst in unique(dat$instrument)) {
  d <- instruments[[inst]]
  idx <- which(dat$instrument == inst)
  items <- items_all[idx, seq_len(d$n_items), drop = FALSE]
  ps <- score_psych(items, d$min, d$max, d$scales)
  for (j in seq_along(idx)) {
    id <- dat$vector_id[idx[j]]
    for (s in names(d$scales)) {
      key <- d$scales[[s]]
      b <- score_base(items[j, ], d$min, d$max, key)
      p <- unname(ps[id, s])
      diff <- abs(b$mean - p)
      max_abs_diff <- max(max_abs_diff, diff)
      k <- length(key$items)
      stopifnot(is.finite(b$mean), is.finite(p), diff <= TOL,
                b$n_answered + b$n_missing == k)
      req <- required_count(k)
      rows[[length(rows) + 1]] <- data.frame(
        vector_id = id, instrument = inst, scale = s,
        n_answered = b$n_answered, n_missing = b$n_missing, mean = b$mean,
        k = k, required = req,
        status = if (b$n_answered >= req) "ok" else "insufficient",
        stringsAsFactors = FALSE)
    }
  }
}
res <- do.call(rbind, rows)

## ---- coverage of the minimum-answered rule ------------------------------------
for (inst in names(instruments)) {
  r <- res[res$instrument == inst, ]
  stopifnot(any(r$n_answered == r$required),            # scored exactly at the rule
            any(r$n_answered == r$required - 1),        # one answer short
            any(r$status == "insufficient"),
            length(unique(r$vector_id)) >= 5)
}
# The designed cases, checked explicitly.
status_of <- function(id, s) res$status[res$vector_id == id & res$scale == s]
answered_of <- function(id, s) res$n_answered[res$vector_id == id & res$scale == s]
stopifnot(
  answered_of("ecrs_at_rule", "anxiety") == 5, status_of("ecrs_at_rule", "anxiety") == "ok",
  answered_of("ecrs_at_rule", "avoidance") == 5, status_of("ecrs_at_rule", "avoidance") == "ok",
  answered_of("ecrs_below_rule", "avoidance") == 4,
  status_of("ecrs_below_rule", "avoidance") == "insufficient",
  answered_of("ecr12_at_rule", "anxiety") == 5, answered_of("ecr12_at_rule", "avoidance") == 5,
  answered_of("ecr12_below_rule", "anxiety") == 4,
  status_of("ecr12_below_rule", "anxiety") == "insufficient",
  # RSQ: 4 of 5 (secure, dismissing) and all 4 (fearful, preoccupied) are at the rule
  answered_of("rsq_at_rule", "secure") == 4, status_of("rsq_at_rule", "secure") == "ok",
  answered_of("rsq_at_rule", "dismissing") == 4, status_of("rsq_at_rule", "dismissing") == "ok",
  answered_of("rsq_at_rule", "fearful") == 4, answered_of("rsq_at_rule", "preoccupied") == 4,
  # item 6 missing: preoccupied 3 of 4 (insufficient), dismissing 4 of 5 (ok)
  answered_of("rsq_below_rule", "preoccupied") == 3,
  status_of("rsq_below_rule", "preoccupied") == "insufficient",
  answered_of("rsq_below_rule", "dismissing") == 4,
  status_of("rsq_below_rule", "dismissing") == "ok",
  answered_of("rsq_below_rule", "secure") == 3,
  status_of("rsq_below_rule", "secure") == "insufficient",
  all(res$status[res$vector_id == "rsq_scored_only"] == "ok"),
  answered_of("raas_at_rule", "close") == 5, answered_of("raas_at_rule", "depend") == 5,
  answered_of("raas_at_rule", "anxiety") == 5,
  answered_of("raas_below_rule", "close") == 4,
  status_of("raas_below_rule", "close") == "insufficient")

## ---- closed-form checks for all-min / all-max vectors -----------------------
for (r in seq_len(nrow(res))) {
  id <- res$vector_id[r]
  d <- instruments[[res$instrument[r]]]
  v <- items_all[id, seq_len(d$n_items)]
  if (all(!is.na(v)) && length(unique(v)) == 1) {
    key <- d$scales[[res$scale[r]]]
    k <- length(key$items); n_rev <- length(key$reversed)
    expect <- (v[[1]] * (k - n_rev) + (d$min + d$max - v[[1]]) * n_rev) / k
    stopifnot(abs(res$mean[r] - expect) <= TOL)
  }
}
# Hand-derived: ECR-S all-1: avoidance (3*1 + 3*7)/6 = 4, anxiety (5*1 + 7)/6 = 2;
# ECR-12 all-1: anxiety 1, avoidance (1 + 5*7)/6 = 6; RSQ all-1: secure (3 + 2*5)/5 = 2.6,
# preoccupied (5 + 3)/4 = 2, dismissing 1; RAAS all-1: close (3 + 3*5)/6 = 3,
# depend (2 + 4*5)/6 = 22/6, anxiety 1.
get_mean <- function(id, s) res$mean[res$vector_id == id & res$scale == s]
stopifnot(abs(get_mean("ecrs_min", "avoidance") - 4) <= TOL,
          abs(get_mean("ecrs_min", "anxiety") - 2) <= TOL,
          abs(get_mean("ecr12_min", "anxiety") - 1) <= TOL,
          abs(get_mean("ecr12_min", "avoidance") - 6) <= TOL,
          abs(get_mean("rsq_min", "secure") - 2.6) <= TOL,
          abs(get_mean("rsq_min", "preoccupied") - 2) <= TOL,
          abs(get_mean("rsq_min", "dismissing") - 1) <= TOL,
          abs(get_mean("raas_min", "close") - 3) <= TOL,
          abs(get_mean("raas_min", "depend") - 22 / 6) <= TOL,
          abs(get_mean("raas_min", "anxiety") - 1) <= TOL)

## ---- print ------------------------------------------------------------------
fmt17 <- function(x) vapply(x, function(v) format(v, digits = 17), character(1))
shown <- data.frame(
  vector_id = res$vector_id, instrument = res$instrument, scale = res$scale,
  n_answered = res$n_answered, n_missing = res$n_missing, required = res$required,
  status = res$status, mean = fmt17(res$mean), stringsAsFactors = FALSE)

cat("securebase catalogue-instrument oracle\n")
cat("input:  tests/data/oracle/catalogue_vectors.csv (", nrow(dat), " vectors)\n", sep = "")
cat("output: tests/data/oracle/catalogue_expected.csv\n\n")
cat("Answer vectors:\n")
cat(sprintf("  %-18s %-6s %d-%d  %s\n", dat$vector_id, dat$instrument, dat$min, dat$max,
            vapply(seq_len(nrow(dat)), function(r) {
              v <- items_all[r, seq_len(instruments[[dat$instrument[r]]]$n_items)]
              paste(ifelse(is.na(v), ".", v), collapse = "")
            }, character(1))), sep = "")
cat("  (items i01.. left to right, up to the instrument's last item; '.' = missing)\n")
cat("\nScale scores (mean of keyed answered items; required = ceiling(0.8 * k), the\n",
    "securebase convention; status is ok when n_answered >= required):\n", sep = "")
print(shown, row.names = FALSE, right = TRUE)

cat(sprintf("\nCross-check base R vs psych::scoreItems(impute=\"none\"): %d scale scores, max |diff| = %s (tolerance %g): OK\n",
            nrow(res), format(max_abs_diff, digits = 17), TOL))
cat(sprintf("Minimum-answered coverage: %d scale scores at the rule, %d one answer short, %d insufficient: OK\n",
            sum(res$n_answered == res$required), sum(res$n_answered == res$required - 1),
            sum(res$status == "insufficient")))
cat("Closed-form checks for all-min/all-max vectors: OK\n")

## ---- machine-readable CSV ---------------------------------------------------
csv <- data.frame(
  vector_id = res$vector_id, instrument = res$instrument, scale = res$scale,
  n_answered = res$n_answered, n_missing = res$n_missing,
  mean = sprintf("%.17g", res$mean), stringsAsFactors = FALSE)
write.table(csv, out_csv, sep = ",", quote = FALSE, row.names = FALSE, col.names = TRUE)
# Round-trip: the CSV must reproduce the doubles exactly.
back <- read.csv(out_csv, stringsAsFactors = FALSE)
stopifnot(identical(back$mean, res$mean), identical(back$vector_id, res$vector_id))

cat("\n")
print(sessionInfo())
