#!/usr/bin/env Rscript
# stats_omega.R -- R oracle for securebase's omega statistics (include/securebase/stats/omega.hpp
# and factor.hpp): omega total from one-factor minres and ML fits per scale, and omega
# hierarchical (Schmid-Leiman) of a whole instrument.
#
# What it computes, with psych and GPArotation:
#   per scale, on the keyed pairwise-complete correlations R (cor(use = "pairwise")), and again
#   on the rows that answer every item of the scale (listwise):
#     fa(R, 1, fm = "minres") and fa(R, 1, fm = "ml"): loadings, uniquenesses and omega total
#     1 - sum(u2) / sum(R); each checked equal to psych::omega(nfactors = 1, fm = ...)$omega.tot
#   per data set, on all items of its scales (keyed):
#     psych::omega(x, nfactors = k, fm = "minres", rotate = "oblimin"), k = number of scales:
#     omega_h, omega.tot, the general-factor loadings of the items (schmid$sl[, "g"]), the
#     general loadings of the first-order factors (schmid$gloading), the factor correlations
#     (schmid$phi) and the communalities (schmid$sl[, "h2"]). For k = 2 psych sets both
#     general loadings to sqrt(phi12) ("Three factors are required for identification").
#     The script stops if psych flipped any item (omega's flip = TRUE): our keys are the
#     instrument's, so the data sets are chosen so that no flip happens.
#
# Data sets
#   bfi:        psych's bfi, items A1-A5 (A1 reversed), C1-C5 (C4, C5 reversed), E1-E5 (E1, E2
#               reversed), range 1-6, n = 2800 (tests/data/oracle/stats-omega-bfi.csv);
#               instruments "ac" (agreeableness and conscientiousness, k = 2) and "ace" (all
#               three, k = 3)
#   synthetic:  tests/data/oracle/stats-synthetic.csv (written by stats_psych.R; 240 rows,
#               7 items on 1-5, about 12% missing): s1 = x1, -x2, x3, x4; s2 = x5, -x6, x7 (k = 2)
#   synthetic3: 300 rows, 12 items on 1-5 from a seeded model of three correlated factors, about
#               10% of answers missing (tests/data/oracle/stats-omega-synthetic3.csv):
#               t1 = y1, -y2, y3, y4; t2 = y5, y6, -y7, y8; t3 = y9, y10, y11, -y12 (k = 3)
#
# Outputs
#   stdout                                     -- readable values (12 decimals) + sessionInfo()
#   tests/data/oracle/stats-omega-bfi.csv, stats-omega-synthetic3.csv -- the data (empty = NA)
#   tests/data/oracle/stats-omega-expected.csv -- dataset,scope,item,statistic,value (%.17g)
#
# Rerun (from the repository root; needs R with psych and GPArotation):
#   Rscript tests/oracle/stats_omega.R > tests/oracle/stats_omega.out
suppressMessages(library(psych))
suppressMessages(library(GPArotation))

out_dir <- "tests/data/oracle"
rows <- list()
put <- function(dataset, scope, item, statistic, value) {
  rows[[length(rows) + 1]] <<- data.frame(dataset = dataset, scope = scope, item = item,
                                          statistic = statistic,
                                          value = sprintf("%.17g", as.numeric(value)))
}
show <- function(label, v) cat(sprintf("  %-22s", label), sprintf("%.12f", as.numeric(v)), "\n")

# Reverses the "-" items of a key about lo + hi; returns the keyed items.
keyed <- function(x, key, lo, hi) {
  rev <- startsWith(key, "-")
  items <- sub("^-", "", key)
  k <- x[, items, drop = FALSE]
  k[, rev] <- lo + hi - k[, rev]
  k
}

per_scale <- function(dataset, x, scales, lo, hi) {
  for (s in names(scales)) {
    k <- keyed(x, scales[[s]], lo, hi)
    for (mode in c("pairwise", "listwise")) {
      kd <- if (mode == "pairwise") k else k[complete.cases(k), , drop = FALSE]
      R <- cor(kd, use = "pairwise")
      cat("\n-- ", dataset, " scale ", s, " (", paste(scales[[s]], collapse = " "), "), ", mode,
          ", n = ", nrow(kd), "\n", sep = "")
      for (fm in c("minres", "ml")) {
        f <- fa(R, nfactors = 1, fm = fm, n.obs = nrow(kd))
        om <- 1 - sum(f$uniquenesses) / sum(R)
        om2 <- suppressWarnings(suppressMessages(
          omega(kd, nfactors = 1, fm = fm, plot = FALSE)))$omega.tot
        stopifnot(abs(om - om2) < 1e-12)
        show(paste(fm, "omega total"), om)
        show(paste(fm, "loadings"), f$loadings)
        show(paste(fm, "uniquenesses"), f$uniquenesses)
        p <- paste0(mode, ".", fm, ".")
        put(dataset, s, "", paste0(p, "omega_total"), om)
        for (j in seq_len(ncol(k))) {
          put(dataset, s, colnames(k)[j], paste0(p, "loading"), f$loadings[j, 1])
          put(dataset, s, colnames(k)[j], paste0(p, "uniqueness"), f$uniquenesses[j])
        }
      }
    }
  }
}

# Omega hierarchical of the items of `scales` (an instrument), k = length(scales).
hierarchical <- function(dataset, instrument, x, scales, lo, hi) {
  k <- do.call(cbind, lapply(names(scales), function(s) keyed(x, scales[[s]], lo, hi)))
  nf <- length(scales)
  o <- suppressWarnings(suppressMessages(
    omega(k, nfactors = nf, fm = "minres", rotate = "oblimin", plot = FALSE)))
  stopifnot(all(o$key == 1))  # psych flipped no item
  cat("\n-- ", dataset, " instrument ", instrument, ": ", ncol(k), " items, k = ", nf, "\n", sep = "")
  show("omega_h", o$omega_h)
  show("omega.tot", o$omega.tot)
  show("g loadings (items)", o$schmid$sl[, "g"])
  show("h2", o$schmid$sl[, "h2"])
  show("g loadings (factors)", o$schmid$gloading)
  show("phi (upper)", o$schmid$phi[upper.tri(o$schmid$phi)])
  show("oblique pattern", o$schmid$oblique)
  put(dataset, instrument, "", "omega_h", o$omega_h)
  put(dataset, instrument, "", "omega_total", o$omega.tot)
  put(dataset, instrument, "", "factors", nf)
  for (j in seq_len(ncol(k))) {
    put(dataset, instrument, colnames(k)[j], "general", o$schmid$sl[j, "g"])
    put(dataset, instrument, colnames(k)[j], "h2", o$schmid$sl[j, "h2"])
  }
  # Factor order and sign are arbitrary; the sorted general loadings of the factors and the
  # sorted factor correlations are not.
  gl <- sort(abs(as.numeric(o$schmid$gloading)))
  for (j in seq_along(gl)) put(dataset, instrument, "", paste0("factor_general_", j), gl[j])
  ph <- sort(abs(o$schmid$phi[upper.tri(o$schmid$phi)]))
  for (j in seq_along(ph)) put(dataset, instrument, "", paste0("phi_", j), ph[j])
}

# (a) bfi: agreeableness, conscientiousness, extraversion
data(bfi, package = "psychTools", envir = environment())
if (!exists("bfi")) data(bfi, package = "psych", envir = environment())
b <- bfi[, c(paste0("A", 1:5), paste0("C", 1:5), paste0("E", 1:5))]
write.table(b, file.path(out_dir, "stats-omega-bfi.csv"), sep = ",", na = "", row.names = FALSE,
            quote = FALSE)
cat("==== bfi: rows", nrow(b), " observed range", range(b, na.rm = TRUE), "\n")
bfi_scales <- list(agreeableness = c("-A1", "A2", "A3", "A4", "A5"),
                   conscientiousness = c("C1", "C2", "C3", "-C4", "-C5"),
                   extraversion = c("-E1", "-E2", "E3", "E4", "E5"))
per_scale("bfi", b, bfi_scales, 1, 6)
hierarchical("bfi", "ac", b, bfi_scales[1:2], 1, 6)
hierarchical("bfi", "ace", b, bfi_scales, 1, 6)

# (b) the synthetic set of stats_psych.R
s <- read.csv(file.path(out_dir, "stats-synthetic.csv"))
cat("\n==== synthetic: rows", nrow(s), " observed range", range(s, na.rm = TRUE),
    " missing", sum(is.na(s)), "\n")
syn_scales <- list(s1 = c("x1", "-x2", "x3", "x4"), s2 = c("x5", "-x6", "x7"))
per_scale("synthetic", s, syn_scales, 1, 5)
hierarchical("synthetic", "s", s, syn_scales, 1, 5)

# (c) synthetic, three correlated factors, seeded, with missing answers
set.seed(20261129)
n <- 300
g <- rnorm(n)
f <- sapply(c(0.7, 0.6, 0.5), function(a) a * g + sqrt(1 - a^2) * rnorm(n))
cut5 <- function(z) as.integer(cut(z, c(-Inf, -1.2, -0.4, 0.4, 1.2, Inf)))
load <- c(0.75, -0.7, 0.6, 0.55, 0.7, 0.65, -0.6, 0.5, 0.8, 0.6, 0.55, -0.65)
fac <- rep(1:3, each = 4)
y <- as.data.frame(sapply(1:12, function(j)
  cut5(load[j] * f[, fac[j]] + sqrt(1 - load[j]^2) * rnorm(n))))
names(y) <- paste0("y", 1:12)
y[matrix(runif(n * 12) < 0.10, n, 12)] <- NA
write.table(y, file.path(out_dir, "stats-omega-synthetic3.csv"), sep = ",", na = "",
            row.names = FALSE, quote = FALSE)
cat("\n==== synthetic3: rows", nrow(y), " observed range", range(y, na.rm = TRUE),
    " missing", sum(is.na(y)), "\n")
syn3_scales <- list(t1 = c("y1", "-y2", "y3", "y4"), t2 = c("y5", "y6", "-y7", "y8"),
                    t3 = c("y9", "y10", "y11", "-y12"))
per_scale("synthetic3", y, syn3_scales, 1, 5)
hierarchical("synthetic3", "t", y, syn3_scales, 1, 5)

all <- do.call(rbind, rows)
write.csv(all, file.path(out_dir, "stats-omega-expected.csv"), row.names = FALSE, quote = FALSE)
cat("\nwrote", nrow(all), "expected values to", file.path(out_dir, "stats-omega-expected.csv"),
    "\n\n")
print(sessionInfo())
