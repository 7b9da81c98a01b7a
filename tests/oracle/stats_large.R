#!/usr/bin/env Rscript
# stats_large.R -- psych oracle for securebase's statistics on a large sample with missing
# answers: 200,000 generated rows, 20 items on 1-5 (read by tests/stats_large_test.cpp, which
# generates the same rows).
#
# The generator (integer arithmetic only, so R and C++ make the same rows exactly):
#   MINSTD, s <- 48271 s mod (2^31 - 1); row r (1-based) has its own stream, seeded with
#   s = 1 + (104729 r + 20261207) mod (2^31 - 2) and advanced 8 times before use. A draw
#   advances s and returns it. In each row, in this order:
#     latent   L = sum of 4 draws mod 1001, less 2000               (-2000 .. 2000)
#     sparse   draw mod 100 < 3: the row leaves most answers out
#     item i = 1..20:
#       noise  N = draw mod 1001 + draw mod 1001 - 1000             (-1000 .. 1000)
#       gap    draw mod 100 < (60 if sparse, else 5): the answer is missing
#       answer 1 + (min(max(w_i L + 3 N + 7500, 0), 14999) %/% 3000), w_i the loading below
#   Loadings w: 3, 2, 3, -3, 2, 3, 2, 3, -2, 3, 2, 3, 2, 3, -3, 2, 3, 2, 3, -2 (a negative
#   loading is a reverse-keyed item).
# Scales: long = x1..x18 with x4, x9, x15 reversed (k = 18); short = x19, -x20 (k = 2).
# Scale score as an instrument scores it (scored_mean): the mean of the answered keyed items
# when at least ceil(0.8 k) are answered, else missing (ECR-R's minimum-answered rule).
#
# Printed (stdout, saved as stats_large.out), each block between its name and "end":
#   fingerprint  per item: missing answers, sum and sum of squares of the answers; the test
#                checks its rows against these before anything else
#   expected     dataset,scale,item,statistic,value (%.17g), with statistics
#     pairwise. / listwise.   n_rows, raw_alpha, std_alpha, average_r, ase, feldt_lower,
#                feldt_upper (psych's alpha$feldt), feldt_exact_lower, feldt_exact_upper
#                (1 - (1 - alpha) F with the F quantiles inverted from pf, below), and per item
#                n, raw_r, std_r, r_drop, mean, sd, drop_raw_alpha (psych::alpha), score_r
#                (cor of the keyed item with scored_mean, pairwise complete)
# Feldt: psych::alpha.ci takes qf(p, N - 1, (N - 1)(k - 1)). R's qf is the chi-square limit
# qchisq(p, N - 1) / (N - 1) when (N - 1)(k - 1) > 4e5 (?qf): here for the long scale, not for
# the short one (199,999 df). feldt_exact_* use the F quantile itself, found as in
# distributions.R (Newton on pf from qf's start); the script checks that psych's bounds are
# the limit's (long) and the exact ones (short).
#
# Rerun (from the repository root; needs R with psych):
#   Rscript tests/oracle/stats_large.R > tests/oracle/stats_large.out
suppressMessages(library(psych))

n <- 200000
p <- 20
m <- 2147483647
md <- function(x, y = m) {  # x mod y for whole numbers below 2^53, exactly
  q <- floor(x / y)
  r <- x - q * y
  r + y * ((r < 0) - (r >= y))
}
s <- 1 + md(104729 * (1:n) + 20261207, m - 1)
draw <- function() {
  s <<- md(48271 * s)
  s
}
for (k in 1:8) draw()
latent <- -2000
for (k in 1:4) latent <- latent + md(draw(), 1001)
sparse <- md(draw(), 100) < 3
w <- c(3, 2, 3, -3, 2, 3, 2, 3, -2, 3, 2, 3, 2, 3, -3, 2, 3, 2, 3, -2)
x <- matrix(NA_real_, n, p, dimnames = list(NULL, paste0("x", 1:p)))
for (i in 1:p) {
  noise <- md(draw(), 1001) + md(draw(), 1001) - 1000
  gap <- md(draw(), 100) < ifelse(sparse, 60, 5)
  v <- pmin(pmax(w[i] * latent + 3 * noise + 7500, 0), 14999)
  answer <- 1 + v %/% 3000
  answer[gap] <- NA
  x[, i] <- answer
}
x <- as.data.frame(x)

g <- function(z) ifelse(is.na(z), "NA", sprintf("%.17g", z))
cat("fingerprint\nitem,missing,sum,sum_squares\n")
for (i in 1:p) {
  a <- x[[i]]
  cat(names(x)[i], ",", sum(is.na(a)), ",", g(sum(a, na.rm = TRUE)), ",", g(sum(a^2, na.rm = TRUE)),
      "\n", sep = "")
}
cat("end\n")

# The F quantile as the exact inverse of pf (see distributions.R).
qf_exact <- function(pr, a, b) {
  up <- pr > 0.5
  target <- if (up) 1 - pr else pr
  q <- qf(pr, a, b)
  for (i in 1:200) {
    t <- pf(q, a, b, lower.tail = !up)
    step <- (t - target) / df(q, a, b)
    nq <- if (up) q + step else q - step
    if (abs(nq - q) <= 2 * .Machine$double.eps * q) return(nq)
    q <- nq
  }
  q
}

scales <- list(long = c("x1", "x2", "x3", "-x4", "x5", "x6", "x7", "x8", "-x9", "x10", "x11", "x12",
                        "x13", "x14", "-x15", "x16", "x17", "x18"),
               short = c("x19", "-x20"))
rows <- list()
put <- function(scale, item, statistic, value)
  rows[[length(rows) + 1]] <<- c("large", scale, item, statistic, g(value))
for (sc in names(scales)) {
  keyed <- scales[[sc]]
  rev <- startsWith(keyed, "-")
  items <- sub("^-", "", keyed)
  xi <- x[, items]
  kx <- xi
  kx[, rev] <- 6 - kx[, rev]
  k <- length(items)
  answered <- rowSums(!is.na(kx))
  scored <- ifelse(answered >= ceiling(0.8 * k), rowMeans(kx, na.rm = TRUE), NA)
  for (mode in c("pairwise", "listwise")) {
    keep <- if (mode == "pairwise") rep(TRUE, n) else complete.cases(xi)
    data <- xi[keep, ]
    a <- alpha(data, keys = items[rev], warnings = FALSE)
    t <- a$total
    N <- nrow(data)
    f_lo <- qf_exact(0.025, N - 1, (N - 1) * (k - 1))
    f_hi <- qf_exact(0.975, N - 1, (N - 1) * (k - 1))
    exact <- c(1 - (1 - t$raw_alpha) * f_hi, 1 - (1 - t$raw_alpha) * f_lo)
    limit <- c(1 - (1 - t$raw_alpha) * qchisq(0.975, N - 1) / (N - 1),
               1 - (1 - t$raw_alpha) * qchisq(0.025, N - 1) / (N - 1))
    psych_feldt <- as.numeric(unlist(c(a$feldt$lower.ci, a$feldt$upper.ci)))
    cat("\n-- scale", sc, "(", keyed, "),", mode, ": rows", N, "\n")
    print(t, digits = 15)
    cat("  Feldt, psych:", g(psych_feldt), "\n  Feldt, exact F:", g(exact),
        "\n  Feldt, chi-square limit:", g(limit), "\n")
    print(a$item.stats, digits = 15)
    # psych's bounds are the limit's where qf takes it, else the exact ones
    stopifnot(max(abs(psych_feldt - (if ((N - 1) * (k - 1) > 4e5) limit else exact))) < 1e-13)
    pre <- paste0(mode, ".")
    put(sc, "", paste0(pre, "n_rows"), N)
    put(sc, "", paste0(pre, "raw_alpha"), t$raw_alpha)
    put(sc, "", paste0(pre, "std_alpha"), t$std.alpha)
    put(sc, "", paste0(pre, "average_r"), t$average_r)
    put(sc, "", paste0(pre, "ase"), t$ase)
    put(sc, "", paste0(pre, "feldt_lower"), psych_feldt[1])
    put(sc, "", paste0(pre, "feldt_upper"), psych_feldt[2])
    put(sc, "", paste0(pre, "feldt_exact_lower"), exact[1])
    put(sc, "", paste0(pre, "feldt_exact_upper"), exact[2])
    is <- a$item.stats
    for (j in seq_along(items)) {
      it <- items[j]
      put(sc, it, paste0(pre, "n"), is$n[j])
      put(sc, it, paste0(pre, "raw_r"), is$raw.r[j])
      put(sc, it, paste0(pre, "std_r"), is$std.r[j])
      put(sc, it, paste0(pre, "r_drop"), is$r.drop[j])
      put(sc, it, paste0(pre, "mean"), is$mean[j])
      put(sc, it, paste0(pre, "sd"), is$sd[j])
      put(sc, it, paste0(pre, "drop_raw_alpha"), a$alpha.drop$raw_alpha[j])
      put(sc, it, paste0(pre, "score_r"), cor(kx[keep, j], scored[keep], use = "pairwise"))
    }
  }
}
cat("\nexpected\ndataset,scale,item,statistic,value\n")
for (r in rows) cat(paste(r, collapse = ","), "\n", sep = "")
cat("end\n\n")
print(sessionInfo())
