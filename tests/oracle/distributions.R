#!/usr/bin/env Rscript
# distributions.R -- independent oracle for securebase's distribution functions
# (lib/stats/distributions.hpp): base R's qf, pf, qchisq, pchisq, qbeta, pbeta, qnorm, pnorm.
#
# What it prints (stdout, saved as distributions.out), one CSV table between "table" and "end":
#   fn,a,b,arg,value,density   every number with 17 significant digits (%.17g reads back
#                              exactly); density at arg for the tails (NA for quantiles), for
#                              the condition number |arg density / value| of a tail
# where fn is
#   qf / qchisq / qbeta / qnorm           value = quantile at probability arg
#   pf / pchisq / pbeta / pnorm           value = lower tail at arg
#   pf_upper / pchisq_upper / ...         value = upper tail at arg (lower.tail = FALSE)
#   qf_r                                  value = R's own qf(arg, a, b) where a or b > 4e5
# with a, b the degrees of freedom (F: df1, df2; chi-square: df in a, b = 0) or the shapes
# (beta), and 0, 0 for the normal. After the table: how far R's own quantile functions were
# from the quantiles in the table, and R's version.
#
# The quantiles are the exact inverses of R's distribution functions (pf, pchisq, pbeta, which
# are accurate to about 1e-15 relative, TOMS 708 and Welinder's pgamma): R's quantile function
# gives the start, then Newton's method on the smaller tail with R's density (bisection when a
# step leaves the bracket) runs until a step changes the quantile by at most 2 roundings.
# R's own quantile functions are not used as they are, because they are not that accurate
# everywhere: qf computes qchisq(p, df1) / df1 when df2 > 4e5 (and df2 / qchisq(1 - p, df2)
# when df1 > 4e5), the limit for an infinite df ("For qf, via qchisq for large df2", ?qf), which
# is 1.2% off in p at (1e6, 5e6); and qbeta is off by up to 2e-6 in p with one shape of 5e7
# and the other below 1. The qf_r rows keep R's qf where it takes that limit: psych::alpha.ci
# uses qf, so psych's Feldt interval is the limit's there (docs/stats.md).
#
# Grid
#   probabilities  p = .001, .025, .5, .975, .999: each quantile, then both tails at it
#   far tails      both tails at the quantiles of p = 1e-10, 1e-50, 1 - 1e-10 (the quantile is
#                  only used as a point; its own accuracy does not matter)
#   F              df1, df2 in 1, 2, 5, 10, 30, 100, 1e3, 1e5, 1e6, 1e8, every pair; and the
#                  Feldt pairs (N - 1, (N - 1)(k - 1)) for N = 30, 2800, 51491, 1e6, 1e7 and
#                  k = 6, 18, 36
#   chi-square     df in 1, 2, 3, 5, 10, 30, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8 and the Feldt
#                  degrees of freedom N - 1 and (N - 1)(k - 1)
#   beta           shapes a, b in 0.5, 1, 2.5, 10, 100, 1e4, 5e7, every pair; and the halves of
#                  the Feldt pairs (the beta behind each F)
#   normal         p = .001, .025, .5, .975, .999 and 1e-300, 1e-100, 1e-20, 1e-10, 1e-5, .1,
#                  .3, .7, .9, 1 - 1e-5, 1 - 1e-10; tails at z = -37, -30, -20, -10, -5, -1.5,
#                  0, 1.5, 5, 10, 20, 30, 37 besides the quantiles
#
# Rerun (from the repository root; base R only):
#   Rscript tests/oracle/distributions.R > tests/oracle/distributions.out

g <- function(z) sprintf("%.17g", z)
row <- function(fn, a, b, arg, value, density = NA)
  cat(fn, ",", g(a), ",", g(b), ",", g(arg), ",", g(value), ",", if (is.na(density)) "NA" else g(density), "\n", sep = "")

ps <- c(0.001, 0.025, 0.5, 0.975, 0.999)

# The x with tail(x) = p (lower tail for p <= 1/2, else the upper tail = 1 - p) from R's start
# x: Newton on the tail with density d, inside the bracket [lo, hi].
refine <- function(x, pr, P, d, lo = 0, hi = Inf) {
  up <- pr > 0.5
  target <- if (up) 1 - pr else pr
  for (i in 1:500) {
    t <- P(x, !up)
    if (t == target) break
    too_big <- if (up) t < target else t > target
    if (too_big) hi <- x else lo <- x
    nx <- if (up) x + (t - target) / d(x) else x - (t - target) / d(x)
    if (!is.finite(nx) || nx <= lo || nx >= hi) nx <- if (is.finite(hi)) lo + (hi - lo) / 2 else 2 * x
    if (abs(nx - x) <= 2 * .Machine$double.eps * abs(x)) { x <- nx; break }
    x <- nx
  }
  x
}
worst <- list()  # per family: the largest relative gap between R's quantile and the refined one
note <- function(name, a, b, pr, raw, x) {
  gap <- abs(raw - x) / x
  if (is.null(worst[[name]]) || gap > worst[[name]]$gap)
    worst[[name]] <<- list(gap = gap, a = a, b = b, p = pr)
}
far <- c(1e-10, 1e-50, 1 - 1e-10)

# One family: q(p, a, b), p(x, a, b, lower) and the density d(x, a, b) for parameters a, b.
family <- function(name, q, p, d, a, b, hi = Inf) {
  for (pr in ps) {
    raw <- q(pr, a, b)
    x <- refine(raw, pr, function(x, l) p(x, a, b, l), function(x) d(x, a, b), 0, hi)
    note(name, a, b, pr, raw, x)
    row(paste0("q", name), a, b, pr, x)
    if (name == "f" && max(a, b) > 4e5) row("qf_r", a, b, pr, raw)
    row(paste0("p", name), a, b, x, p(x, a, b, TRUE), d(x, a, b))
    row(paste0("p", name, "_upper"), a, b, x, p(x, a, b, FALSE), d(x, a, b))
  }
  for (pr in far) {
    x <- suppressWarnings(q(pr, a, b))
    if (!is.finite(x) || x <= 0) next
    row(paste0("p", name), a, b, x, p(x, a, b, TRUE), d(x, a, b))
    row(paste0("p", name, "_upper"), a, b, x, p(x, a, b, FALSE), d(x, a, b))
  }
}

feldt <- NULL
for (n in c(30, 2800, 51491, 1e6, 1e7)) for (k in c(6, 18, 36)) feldt <- rbind(feldt, c(n - 1, (n - 1) * (k - 1)))

cat("table\n")
cat("fn,a,b,arg,value,density\n")

dfs <- c(1, 2, 5, 10, 30, 100, 1e3, 1e5, 1e6, 1e8)
pairs <- rbind(as.matrix(expand.grid(dfs, dfs)), feldt)
for (i in seq_len(nrow(pairs)))
  family("f", function(pr, a, b) qf(pr, a, b), function(x, a, b, l) pf(x, a, b, lower.tail = l),
         function(x, a, b) df(x, a, b), pairs[i, 1], pairs[i, 2])

chi <- sort(unique(c(1, 2, 3, 5, 10, 30, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, feldt[, 1], feldt[, 2])))
for (df in chi)
  family("chisq", function(pr, a, b) qchisq(pr, a), function(x, a, b, l) pchisq(x, a, lower.tail = l),
         function(x, a, b) dchisq(x, a), df, 0)

shapes <- c(0.5, 1, 2.5, 10, 100, 1e4, 5e7)
bpairs <- rbind(as.matrix(expand.grid(shapes, shapes)), feldt / 2)
for (i in seq_len(nrow(bpairs)))
  family("beta", function(pr, a, b) qbeta(pr, a, b), function(x, a, b, l) pbeta(x, a, b, lower.tail = l),
         function(x, a, b) dbeta(x, a, b), bpairs[i, 1], bpairs[i, 2], 1)

for (pr in c(ps, 1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.1, 0.3, 0.7, 0.9, 1 - 1e-5, 1 - 1e-10)) {
  z <- qnorm(pr)
  row("qnorm", 0, 0, pr, z)
  row("pnorm", 0, 0, z, pnorm(z), dnorm(z))
  row("pnorm_upper", 0, 0, z, pnorm(z, lower.tail = FALSE), dnorm(z))
}
for (z in c(-37, -30, -20, -10, -5, -1.5, 0, 1.5, 5, 10, 20, 30, 37)) {
  row("pnorm", 0, 0, z, pnorm(z), dnorm(z))
  row("pnorm_upper", 0, 0, z, pnorm(z, lower.tail = FALSE), dnorm(z))
}
cat("end\n")
cat("\nLargest relative gap between R's own quantile function and the exact inverse above:\n")
for (name in names(worst)) {
  w <- worst[[name]]
  cat(sprintf("  q%-6s %.3g at a = %.17g, b = %.17g, p = %.17g\n", name, w$gap, w$a, w$b, w$p))
}
cat("\n", R.version.string, "\n", sep = "")
