#!/usr/bin/env Rscript
# r_score.R -- the R package's sb_score against the ways R users score ECR-R today, in one R
# session on the same data: a 1,000,000 x 36 data frame of integer answers 1-7 with about 3%
# missing, scored with reverse-keying and the minimum-answered rule (a scale score needs 15 of
# its 18 items, the ECR-R's rule in securebase).
#   base R:  reverse-key by hand (8 - x), rowMeans(na.rm = TRUE), count answered, apply the rule
#   psych:   psych::scoreItems(keys, min = 1, max = 7, impute = "none") (then the same rule)
#   securebase: sb_score(d, "ecr-r") (statuses and counts too), one thread and two
# The scores of the three are checked equal before timing is reported.
# Usage: Rscript bench/r_score.R [ROWS] [LIB]   LIB: where the package is installed
#   (default build/r/securebase.Rcheck, left by scripts/test-r.sh). Not a test: run by hand.
args <- commandArgs(TRUE)
n <- if (length(args) >= 1) as.numeric(args[1]) else 1e6
lib <- if (length(args) >= 2) args[2] else "build/r/securebase.Rcheck"
suppressMessages(library(securebase, lib.loc = lib))
have_psych <- requireNamespace("psych", quietly = TRUE)

load <- tryCatch(readLines("/proc/loadavg")[1], error = function(e) "unknown")
set.seed(17)
ecr <- sb_instrument("ecr-r")
cols <- paste0("ECR_", seq_along(ecr$items))
d <- as.data.frame(setNames(lapply(cols, function(c) {
  x <- sample.int(7L, n, replace = TRUE)
  x[runif(n) < 0.03] <- NA_integer_
  x
}), cols))
keys <- lapply(setNames(ecr$scales$id, ecr$scales$id), function(s) {
  k <- ecr$key[ecr$key$scale == s, ]
  list(items = cols[k$number], reversed = k$reversed)
})
required <- setNames(ecr$scales$min_answered, ecr$scales$id)

base_r <- function(d) {
  out <- list()
  for (s in names(keys)) {
    x <- d[, keys[[s]]$items]
    rev <- keys[[s]]$reversed
    x[rev] <- lapply(x[rev], function(v) 8L - v)
    score <- rowMeans(x, na.rm = TRUE)
    answered <- rowSums(!is.na(x))
    score[answered < required[[s]]] <- NA
    out[[s]] <- score
    out[[paste0(s, "_answered")]] <- answered
  }
  as.data.frame(out)
}

with_psych <- function(d) {
  k <- lapply(keys, function(x) ifelse(x$reversed, paste0("-", x$items), x$items))
  sc <- suppressWarnings(psych::scoreItems(k, d, min = 1, max = 7, impute = "none",
                                          totals = FALSE))
  score <- as.data.frame(sc$scores)
  for (s in names(keys)) {
    answered <- rowSums(!is.na(d[, keys[[s]]$items]))
    score[[s]][answered < required[[s]]] <- NA
  }
  score
}

# Each method's best of `times` runs, the runs interleaved (the machine may be shared: the best
# run is the one least disturbed), as elapsed and as CPU (user + system) seconds.
time_all <- function(fs, times = 5) {
  el <- cpu <- matrix(Inf, length(fs), times, dimnames = list(names(fs), NULL))
  for (r in seq_len(times)) {
    for (m in names(fs)) {
      if (r > attr(fs[[m]], "times")) next
      gc()
      t <- system.time(fs[[m]]())
      el[m, r] <- t[["elapsed"]]
      cpu[m, r] <- t[["user.self"]] + t[["sys.self"]]
    }
  }
  data.frame(elapsed = apply(el, 1, min), cpu = apply(cpu, 1, min))
}
runs <- function(f, times = 5) structure(f, times = times)

ref <- base_r(d)
sb <- sb_score(d, ecr, missing_codes = NULL)
for (s in names(keys)) {
  stopifnot(isTRUE(all.equal(sb[[s]], ref[[s]], tolerance = 1e-12)))
  stopifnot(identical(as.numeric(sb[[paste0(s, "_answered")]]),
                      as.numeric(ref[[paste0(s, "_answered")]])))
}
fs <- list(sb1 = runs(function() sb_score(d, ecr, missing_codes = NULL)),
           sb2 = runs(function() sb_score(d, ecr, missing_codes = NULL, threads = 2)),
           base = runs(function() base_r(d)))
if (have_psych) {
  ps <- with_psych(d)
  for (s in names(keys)) stopifnot(isTRUE(all.equal(ps[[s]], ref[[s]], tolerance = 1e-9)))
  fs$psych <- runs(function() with_psych(d), times = 1)
}
t <- time_all(fs)

cat(sprintf("# sb_score speed: %s rows x %d items (ECR-R), R %s, securebase %s, psych %s\n\n",
            format(n, big.mark = ",", scientific = FALSE), length(cols), getRversion(), sb_version(),
            if (have_psych) as.character(utils::packageVersion("psych")) else "absent"))
cat("| method | elapsed s (best of 5) | CPU s | rows/s | elapsed vs sb_score (1 thread) |\n")
cat("|---|---|---|---|---|\n")
row <- function(name, m) {
  cat(sprintf("| %s | %.2f | %.2f | %s | %.1fx |\n", name, t[m, "elapsed"], t[m, "cpu"],
              format(round(n / t[m, "elapsed"]), big.mark = ","),
              t[m, "elapsed"] / t["sb1", "elapsed"]))
}
row("securebase::sb_score, 1 thread", "sb1")
row("securebase::sb_score, 2 threads", "sb2")
row("base R (reverse, rowMeans, count, rule)", "base")
if (have_psych) row("psych::scoreItems (+ the rule; 1 run)", "psych")
cat(sprintf("\nmachine: %s, %d cores visible, load average %s when started\n",
            Sys.info()[["machine"]], parallel::detectCores(), load))
cat(sprintf("base R / sb_score = %.2f; psych::scoreItems / sb_score = %.1f (elapsed, 1 thread)\n",
            t["base", "elapsed"] / t["sb1", "elapsed"],
            if (have_psych) t["psych", "elapsed"] / t["sb1", "elapsed"] else NA))
