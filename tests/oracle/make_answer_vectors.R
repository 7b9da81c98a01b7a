#!/usr/bin/env Rscript
# make_answer_vectors.R -- one-off generator for tests/data/oracle/answer_vectors.csv
#
# The CSV it writes is the committed source of truth: scale_scores.R reads the
# CSV, never this script.  This file only documents where the literal values
# came from.  Random vectors use set.seed(20261128) with R >= 3.6 default
# sampling ("Mersenne-Twister", "Inversion", "Rejection").
#
# Rerun (from the repository root; overwrites the CSV):
#   Rscript tests/oracle/make_answer_vectors.R
#
# Item numbering:
#   ecr-r (Fraley order): anxiety = 1-18, avoidance = 19-36
#   ecr / ecr5 (Brennan order): avoidance = odd items, anxiety = even items

RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20261128)

n <- 36
rows <- list()
add <- function(id, instrument, mn, mx, v) {
  stopifnot(length(v) == n, all(is.na(v) | (v >= mn & v <= mx)))
  rows[[length(rows) + 1]] <<- list(id = id, instrument = instrument,
                                    min = mn, max = mx, v = v)
}
with_missing <- function(v, idx) { v[idx] <- NA; v }

# Random draws, in this fixed order.
rand_ecrr      <- sample(1:7, n, replace = TRUE)
rand_ecrr_base <- sample(1:7, n, replace = TRUE)   # base for partial/sparse
rand_ecr       <- sample(1:7, n, replace = TRUE)
rand_ecr_base  <- sample(1:7, n, replace = TRUE)
rand_ecr5      <- sample(1:5, n, replace = TRUE)
rand_ecr5_base <- sample(1:5, n, replace = TRUE)

# Deterministic "distinct-ish" patterns: item i -> ((k*i) mod 7) + 1,
# which cycles through all seven values (stride 3 for ecr-r, 2 for ecr).
pattern7_s3 <- ((3 * (1:n)) %% 7) + 1
pattern7_s2 <- ((2 * (1:n)) %% 7) + 1

## ECR-R, Fraley order, 1-7
add("ecrr_min",     "ecr-r", 1, 7, rep(1L, n))
add("ecrr_max",     "ecr-r", 1, 7, rep(7L, n))
add("ecrr_random",  "ecr-r", 1, 7, rand_ecrr)
add("ecrr_pattern", "ecr-r", 1, 7, pattern7_s3)
# 3 missing in anxiety (2, 9[R], 17); 4 missing in avoidance (20[R], 23, 31[R], 36[R])
add("ecrr_partial", "ecr-r", 1, 7, with_missing(rand_ecrr_base, c(2, 9, 17, 20, 23, 31, 36)))
# 10 missing in anxiety (1-8, 9[R], 11[R] -> 1:11 minus 10); avoidance complete
add("ecrr_sparse",  "ecr-r", 1, 7, with_missing(rand_ecrr_base, c(1:9, 11)))

## ECR, Brennan order, 1-7
add("ecr_min",      "ecr", 1, 7, rep(1L, n))
add("ecr_max",      "ecr", 1, 7, rep(7L, n))
add("ecr_random",   "ecr", 1, 7, rand_ecr)
add("ecr_pattern",  "ecr", 1, 7, pattern7_s2)
# 3 missing in anxiety (4, 22[R], 30); 4 missing in avoidance (1, 3[R], 19[R], 35[R])
add("ecr_partial",  "ecr", 1, 7, with_missing(rand_ecr_base, c(1, 3, 4, 19, 22, 30, 35)))
# 10 missing in avoidance (odd items 1..19; reversed among them: 3, 15, 19); anxiety complete
add("ecr_sparse",   "ecr", 1, 7, with_missing(rand_ecr_base, seq(1, 19, by = 2)))

## ECR, Brennan order, 1-5 variant
add("ecr5_full",    "ecr5", 1, 5, rand_ecr5)
# 2 missing in anxiety (6, 22[R]); 3 missing in avoidance (5, 25[R], 33[R])
add("ecr5_partial", "ecr5", 1, 5, with_missing(rand_ecr5_base, c(5, 6, 22, 25, 33)))

item_cols <- sprintf("i%02d", 1:n)
out <- do.call(rbind, lapply(rows, function(r) {
  cells <- ifelse(is.na(r$v), "", as.character(as.integer(r$v)))
  c(r$id, r$instrument, r$min, r$max, cells)
}))
colnames(out) <- c("vector_id", "instrument", "min", "max", item_cols)
write.table(out, "tests/data/oracle/answer_vectors.csv", sep = ",",
            quote = FALSE, row.names = FALSE, col.names = TRUE)
