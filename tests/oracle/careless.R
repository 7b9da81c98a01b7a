#!/usr/bin/env Rscript
# careless.R -- independent oracle for securebase's careless-responding indices
# (include/securebase/stats/careless.hpp). Base R only (the careless package is not used).
#
# Data: 30 respondents x 12 items x1..x12 on 1-5 from a seeded three-factor model, about 8% of
# answers missing, with planted rows: row 1 answers 3 throughout (straight-liner), row 2 answers
# at random, row 3 alternates 1 and 5 from item to item, row 4 answers only x1..x3.
#
# Indices per respondent (definitions as in docs/checks.md):
#   longstring  longest run of equal consecutive answers in the column order, and in the
#               administration order adm below; a missing answer ends a run and starts none
#   irv         sd() of the answered raw values (n - 1 denominator); NA below 2 answers
#   mahalanobis stats::mahalanobis over the answered items, with colMeans(na.rm = TRUE) and
#               cov(use = "pairwise") of all rows, restricted to the answered sub-vector and
#               sub-matrix; df = number answered; p = pchisq(d2, df, lower.tail = FALSE)
#   even-odd    per unit, the mean of the keyed answered items at odd (1st, 3rd, ...) and at
#               even positions of the unit; Pearson r of odd with even half-scores across the
#               units where both halves exist (at least 3 units); Spearman-Brown 2r / (1 + r),
#               floored at -1. Layout A: units = scales s1 = x1, -x2, x3, x4; s2 = x5, x6, -x7,
#               x8; s3 = -x9, x10, x11, x12. Layout B (two scales, so blocks of 3):
#               a = x1, -x2, x3, x4, -x5, x6 and b = x7, x8, -x9, x10, x11, -x12, units
#               a[1:3], a[4:6], b[1:3], b[4:6].
#
# Output (stdout, saved as careless.out): a "data" block (CSV, empty = missing) and an
# "expected" block (CSV, %.17g, NA = no value), read by tests/careless_test.cpp.
#
# Rerun (from the repository root):
#   Rscript tests/oracle/careless.R > tests/oracle/careless.out

set.seed(20261128)
n <- 30
p <- 12
lo <- 1
hi <- 5
f <- matrix(rnorm(n * 3), n, 3)
load <- c(0.8, -0.7, 0.75, 0.7)
x <- matrix(NA_real_, n, p)
for (s in 1:3) {
  for (j in 1:4) {
    col <- (s - 1) * 4 + j
    x[, col] <- 3 + 1.1 * load[j] * f[, s] + rnorm(n, sd = 0.8)
  }
}
# mirror x6-x12, so that the keys below match the generating signs only in part (an oracle needs
# no particular structure; the indices are checked on whatever the data are)
x[, 7] <- 6 - x[, 7]
x[, 8] <- 6 - x[, 8]
x[, 6] <- 6 - x[, 6]
x[, 9] <- 6 - x[, 9]
x[, 10] <- 6 - x[, 10]
x[, 11] <- 6 - x[, 11]
x[, 12] <- 6 - x[, 12]
x <- pmin(pmax(round(x), lo), hi)
x[1, ] <- 3
x[2, ] <- sample(lo:hi, p, replace = TRUE)
x[3, ] <- rep(c(1, 5), p / 2)
miss <- matrix(runif(n * p) < 0.08, n, p)
miss[1:3, ] <- FALSE
x[miss] <- NA
x[4, 4:p] <- NA
colnames(x) <- paste0("x", 1:p)

adm <- c(12, 1, 11, 2, 10, 3, 9, 4, 8, 5, 7, 6)  # item shown at each position

longstring <- function(v) {
  best <- 0
  run <- 0
  prev <- NA
  for (a in v) {
    if (is.na(a)) {
      run <- 0
    } else if (run > 0 && !is.na(prev) && a == prev) {
      run <- run + 1
    } else {
      run <- 1
    }
    prev <- a
    best <- max(best, run)
  }
  best
}

irv <- function(v) {
  v <- v[!is.na(v)]
  if (length(v) < 2) NA else sd(v)
}

centre <- colMeans(x, na.rm = TRUE)
sigma <- cov(x, use = "pairwise.complete.obs")
stopifnot(all(eigen(sigma, symmetric = TRUE, only.values = TRUE)$values > 0))

maha <- function(v) {
  a <- which(!is.na(v))
  if (length(a) == 0) return(c(NA, NA, NA))
  d2 <- mahalanobis(v[a], centre[a], sigma[a, a, drop = FALSE])
  c(d2, length(a), pchisq(d2, length(a), lower.tail = FALSE))
}

# units: list of (items, reversed flags)
evenodd <- function(v, units) {
  odd <- c()
  even <- c()
  for (u in units) {
    keyed <- ifelse(u$rev, lo + hi - v[u$items], v[u$items])
    pos <- seq_along(u$items)
    o <- keyed[pos %% 2 == 1]
    e <- keyed[pos %% 2 == 0]
    if (all(is.na(o)) || all(is.na(e))) next
    odd <- c(odd, mean(o, na.rm = TRUE))
    even <- c(even, mean(e, na.rm = TRUE))
  }
  if (length(odd) < 3) return(c(length(odd), NA, NA))
  if (sd(odd) == 0 || sd(even) == 0) return(c(length(odd), NA, NA))
  r <- cor(odd, even)
  sb <- max(-1, 2 * r / (1 + r))
  if (r <= -1 / 3) sb <- -1
  c(length(odd), r, sb)
}

unit <- function(items, rev) list(items = items, rev = rev)
units_a <- list(unit(1:4, c(FALSE, TRUE, FALSE, FALSE)),
                unit(5:8, c(FALSE, FALSE, TRUE, FALSE)),
                unit(9:12, c(TRUE, FALSE, FALSE, FALSE)))
units_b <- list(unit(1:3, c(FALSE, TRUE, FALSE)), unit(4:6, c(FALSE, TRUE, FALSE)),
                unit(7:9, c(FALSE, FALSE, TRUE)), unit(10:12, c(FALSE, FALSE, TRUE)))

g <- function(z) ifelse(is.na(z), "NA", sprintf("%.17g", z))

cat("data\n")
cat(paste(colnames(x), collapse = ","), "\n", sep = "")
for (i in 1:n) cat(paste(ifelse(is.na(x[i, ]), "", x[i, ]), collapse = ","), "\n", sep = "")
cat("end\n")
cat("expected\n")
cat("row,answered,longstring,longstring_adm,irv,d2,df,p,eo_units_a,eo_r_a,eo_sb_a,eo_units_b,",
    "eo_r_b,eo_sb_b\n", sep = "")
for (i in 1:n) {
  v <- x[i, ]
  m <- maha(v)
  ea <- evenodd(v, units_a)
  eb <- evenodd(v, units_b)
  cat(paste(c(i, sum(!is.na(v)), longstring(v), longstring(v[adm]), g(irv(v)), g(m[1]),
              g(m[2]), g(m[3]), ea[1], g(ea[2]), g(ea[3]), eb[1], g(eb[2]), g(eb[3])),
            collapse = ","), "\n", sep = "")
}
cat("end\n")
cat("chisq\n")
cat("x,df,p\n")
for (q in list(c(0.5, 1), c(3, 2), c(10, 3), c(40, 12), c(1e-3, 30), c(80, 12), c(150, 36),
               c(12, 12))) {
  cat(q[1], ",", q[2], ",", g(pchisq(q[1], q[2], lower.tail = FALSE)), "\n", sep = "")
}
cat("end\n")
cat("\n", R.version.string, "\n", sep = "")
