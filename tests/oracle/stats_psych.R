#!/usr/bin/env Rscript
# stats_psych.R -- independent R oracle for securebase's batch statistics (include/securebase/stats/).
#
# What it computes, per data set and per scale, with the psych package:
#   describe()  of the scale score (the mean of the answered keyed items, rowMeans(na.rm = TRUE);
#               NA when none is answered): n, mean, sd, skew, kurtosis (type 3, psych's
#               default), min, max, se
#   alpha()     with the default use = "pairwise" (pairwise-complete covariances): raw_alpha,
#               std.alpha, average_r, ase (Duhachek's asymptotic SE), Feldt 95% interval
#               (alpha.ci), Duhachek interval (raw_alpha -/+ 1.96 ase, as print.psych does);
#               per item: n, raw.r (item-total r), std.r, r.drop (corrected item-total r),
#               mean, sd, alpha if dropped (raw, std, average_r), response frequencies
#               (proportions of the answered, of the raw answers before reversal)
#   alpha() listwise: the same on the rows that answer every item of the scale
#   cor()       between the scale scores, pairwise complete
#   omega total 1 - sum(u2) / sum(R) from fa(R, 1, fm = "minres") on the keyed pairwise
#               correlations R (checked equal to psych::omega(nfactors = 1)$omega.tot), with
#               the minres loadings
# Reversal: psych reverses with the observed min + max of the data; both data sets contain the
# declared ends of their response range, so that equals securebase's declared min + max.
#
# Data sets
#   bfi:       psych's bfi, items A1-A5 (A1 reversed) and N1-N5, range 1-6, n = 2800
#              (written to tests/data/oracle/stats-bfi.csv)
#   synthetic: 240 rows, 7 items on 1-5 from a seeded one-factor model with about 12% of
#              answers missing (written to tests/data/oracle/stats-synthetic.csv); scales
#              s1 = x1, x2 (reversed), x3, x4 and s2 = x5, x6 (reversed), x7
#
# Outputs
#   stdout                                       -- readable tables + sessionInfo()
#   tests/data/oracle/stats-bfi.csv, stats-synthetic.csv           -- the data (empty = missing)
#   tests/data/oracle/stats-expected.csv         -- dataset,scale,item,statistic,value (%.17g)
#
# Rerun (from the repository root; needs R with psych):
#   Rscript tests/oracle/stats_psych.R > tests/oracle/stats_psych.out
suppressMessages(library(psych))

out_dir <- "tests/data/oracle"
rows <- list()
put <- function(dataset, scale, item, statistic, value) {
  rows[[length(rows) + 1]] <<- data.frame(dataset = dataset, scale = scale, item = item,
                                          statistic = statistic,
                                          value = sprintf("%.17g", as.numeric(value)))
}

# One data set: x = data frame of items, scales = list(name = c(item names, "-" = reversed)),
# lo/hi = declared response range.
analyse <- function(dataset, x, scales, lo, hi) {
  cat("\n==== data set:", dataset, " rows:", nrow(x), " items:", ncol(x), "\n")
  totals <- list()
  for (s in names(scales)) {
    keyed <- scales[[s]]
    rev <- startsWith(keyed, "-")
    items <- sub("^-", "", keyed)
    xi <- x[, items, drop = FALSE]
    k <- xi
    k[, rev] <- lo + hi - k[, rev]
    total <- rowMeans(k, na.rm = TRUE)
    total[is.nan(total)] <- NA
    totals[[s]] <- total

    d <- describe(total)
    cat("\n-- scale", s, "(", paste(keyed, collapse = " "), ")\n")
    print(d, digits = 15)
    for (st in c("n", "mean", "sd", "skew", "kurtosis", "min", "max", "se"))
      put(dataset, s, "", st, d[[st]])

    for (mode in c("pairwise", "listwise")) {
      data <- if (mode == "pairwise") xi else xi[complete.cases(xi), , drop = FALSE]
      a <- alpha(data, keys = items[rev], warnings = FALSE)
      t <- a$total
      cat("\n  alpha,", mode, ":\n")
      print(t, digits = 15)
      print(a$feldt[c("lower.ci", "upper.ci")], digits = 15)
      print(a$item.stats, digits = 15)
      print(a$alpha.drop, digits = 15)
      print(a$response.freq, digits = 15)
      p <- paste0(mode, ".")
      put(dataset, s, "", paste0(p, "n_rows"), nrow(data))
      put(dataset, s, "", paste0(p, "raw_alpha"), t$raw_alpha)
      put(dataset, s, "", paste0(p, "std_alpha"), t$std.alpha)
      put(dataset, s, "", paste0(p, "average_r"), t$average_r)
      put(dataset, s, "", paste0(p, "ase"), t$ase)
      put(dataset, s, "", paste0(p, "feldt_lower"), a$feldt$lower.ci)
      put(dataset, s, "", paste0(p, "feldt_upper"), a$feldt$upper.ci)
      put(dataset, s, "", paste0(p, "duhachek_lower"), t$raw_alpha - 1.96 * t$ase)
      put(dataset, s, "", paste0(p, "duhachek_upper"), t$raw_alpha + 1.96 * t$ase)
      put(dataset, s, "", paste0(p, "total_mean"), t$mean)
      put(dataset, s, "", paste0(p, "total_sd"), t$sd)
      # omega total: one-factor minres on the keyed pairwise correlations, as psych::omega
      kd <- data
      kd[, rev] <- lo + hi - kd[, rev]
      R <- cor(kd, use = "pairwise")
      f1 <- fa(R, nfactors = 1, fm = "minres", n.obs = nrow(kd))
      om <- 1 - sum(f1$uniquenesses) / sum(R)
      om2 <- suppressWarnings(suppressMessages(omega(kd, nfactors = 1, plot = FALSE)))$omega.tot
      cat("  omega total (1 - sum(u2) / sum(R)):", sprintf("%.17g", om),
          " psych::omega(nfactors = 1)$omega.tot:", sprintf("%.17g", om2), "\n")
      cat("  minres loadings:", sprintf("%.10f", as.numeric(f1$loadings)), "\n")
      stopifnot(abs(om - om2) < 1e-12)
      put(dataset, s, "", paste0(p, "omega_total"), om)
      for (j in seq_along(items))
        put(dataset, s, items[j], paste0(p, "loading"), as.numeric(f1$loadings)[j])
      is <- a$item.stats
      for (j in seq_along(items)) {
        it <- items[j]
        put(dataset, s, it, paste0(p, "n"), is$n[j])
        put(dataset, s, it, paste0(p, "raw_r"), is$raw.r[j])
        put(dataset, s, it, paste0(p, "std_r"), is$std.r[j])
        put(dataset, s, it, paste0(p, "r_drop"), is$r.drop[j])
        put(dataset, s, it, paste0(p, "mean"), is$mean[j])
        put(dataset, s, it, paste0(p, "sd"), is$sd[j])
        put(dataset, s, it, paste0(p, "drop_raw_alpha"), a$alpha.drop$raw_alpha[j])
        put(dataset, s, it, paste0(p, "drop_std_alpha"), a$alpha.drop$std.alpha[j])
        put(dataset, s, it, paste0(p, "drop_average_r"), a$alpha.drop$average_r[j])
        rf <- a$response.freq
        for (v in lo:hi) {
          col <- as.character(v)
          val <- if (col %in% colnames(rf)) rf[j, col] else 0
          put(dataset, s, it, paste0(p, "freq_", v), val)
        }
      }
    }
  }
  sn <- names(scales)
  for (a in seq_along(sn)) for (b in seq_along(sn)) if (a < b) {
    r <- cor(totals[[a]], totals[[b]], use = "pairwise")
    cat("\n  cor(", sn[a], ",", sn[b], ") =", sprintf("%.17g", r), "\n")
    put(dataset, paste0(sn[a], "~", sn[b]), "", "cor", r)
  }
}

# (a) bfi
data(bfi, package = "psychTools", envir = environment())
if (!exists("bfi")) data(bfi, package = "psych", envir = environment())
b <- bfi[, c(paste0("A", 1:5), paste0("N", 1:5))]
write.table(b, file.path(out_dir, "stats-bfi.csv"), sep = ",", na = "", row.names = FALSE,
            quote = FALSE)
analyse("bfi", b, list(agreeableness = c("-A1", "A2", "A3", "A4", "A5"),
                       neuroticism = paste0("N", 1:5)), 1, 6)

# (b) synthetic, seeded, with missing answers
set.seed(20261128)
n <- 240
f1 <- rnorm(n)
f2 <- 0.4 * f1 + sqrt(1 - 0.16) * rnorm(n)
cut5 <- function(z) as.integer(cut(z, c(-Inf, -1.2, -0.4, 0.4, 1.2, Inf)))
load <- c(0.8, -0.7, 0.6, 0.5, 0.75, -0.6, 0.65)
fac <- list(f1, f1, f1, f1, f2, f2, f2)
s <- as.data.frame(sapply(1:7, function(j) cut5(load[j] * fac[[j]] + sqrt(1 - load[j]^2) * rnorm(n))))
names(s) <- paste0("x", 1:7)
s[matrix(runif(n * 7) < 0.12, n, 7)] <- NA
write.table(s, file.path(out_dir, "stats-synthetic.csv"), sep = ",", na = "", row.names = FALSE,
            quote = FALSE)
cat("\nsynthetic: observed range", range(s, na.rm = TRUE), " missing", sum(is.na(s)), "\n")
analyse("synthetic", s, list(s1 = c("x1", "-x2", "x3", "x4"), s2 = c("x5", "-x6", "x7")), 1, 5)

all <- do.call(rbind, rows)
write.csv(all, file.path(out_dir, "stats-expected.csv"), row.names = FALSE, quote = FALSE)
cat("\nwrote", nrow(all), "expected values to", file.path(out_dir, "stats-expected.csv"), "\n\n")
print(sessionInfo())
