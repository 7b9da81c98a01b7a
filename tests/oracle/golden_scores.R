#!/usr/bin/env Rscript
# golden_scores.R -- independent R oracle for five embedded instruments that had only
# hand-computed tests: ecr-5 (with its norm sets), securebase-core, securebase-brief, rq (weighted
# sums) and ecr-rs (composite global scales).
#
# What it does
#   1. Reads each instrument's key from its own JSON file, instruments/<id>.json, with jsonlite
#      (response scale, scales with method and min_answered, items with keys: scale, reversed,
#      weight; composite components; norm sets with mean, sd, reliability, percentile table).
#      Nothing is read from the C++ library. The key of ecr-5 is also checked against the
#      published Brennan key as stated in docs/scoring.md ("Reverse keying").
#   2. Builds answer vectors by hand (below, per instrument: all-minimum, all-maximum, mixed,
#      rows exactly AT and one BELOW each scale's minimum-answered rule, reversed items missing
#      and answered; for rq a mix of ratings) and scores them in plain base R:
#        reversed answer   x' = min + max - x (DECLARED min/max of the response scale)
#        keyed value       weight * x' (weight 1 unless the key gives one)
#        mean              sum(x') / n over the n answered keyed items
#        sum               sum(w x') when n = k, else sum(w x') * k / n (prorated)
#        mean_of_scales    mean of the component scores that have a value; n = scored components
#        rule              count, or proportion p of k rounded (ceil: ceiling(p k - 1e-9),
#                          floor: floor(p k + 1e-9), nearest: floor(p k + 0.5 + 1e-9)), >= 1;
#                          n < rule -> no score (empty cell in the CSV), and then no z/SEM
#      (docs/scoring.md, docs/instrument-format.md "Composite scales", "Minimum-answered rule").
#   3. Norms (ecr-5 only; norm set named per vector): z = (x - M) / SD, T = 50 + 10 z;
#      percentile from the table by linear interpolation with stats::approx(), the end points'
#      percentile past the ends (bound at_most / at_least); without a table 100 * pnorm(z).
#   4. SEM and 95% interval where an SD and a reliability exist (the chosen norm set if it
#      covers the scale, else the first norm set that does, else the scale's own reliability
#      and its declared sd): SEM = SD sqrt(1 - r); x -/+ qnorm(0.975) SEM clamped to the scale's
#      range.
#   5. Second, independent check with psych (CRAN psych): psych::scoreItems(impute = "none",
#      min =, max = declared) for every item-based mean scale (rq's single ratings included),
#      the ecr-rs composites as the mean of the psych component scores, and
#      psych::scoreWtd(std = FALSE, sums = TRUE) for the rq weighted sums. The script stops
#      unless both paths agree to 1e-12.
#   The script stops unless, for every scale of every instrument, some vector is scored
#   exactly at the rule and some vector is exactly one below it (unscored).
#
# Outputs
#   stdout                                         -- tables + sessionInfo()
#   tests/data/oracle/golden-<instrument>.csv      -- one row per vector:
#     vector_id, norm_set (empty = none chosen), one column per item (item ids in canonical
#     order; empty = missing), then per scale S:
#       n_answered.S, n_missing.S  items (composites: components) answered / missing
#       required.S                 the resolved minimum-answered count
#       value.S                    the score (%.17g); empty = no score (below the rule)
#       reversed.S, missing.S      item-based scales only: answered reversed items and
#                                  missing items, ids separated by spaces
#       sem.S, lower.S, upper.S    only for scales with an SD and reliability source
#       z.S, t.S, percentile.S, bound.S, source.S   ecr-5 only; empty when no norm set or no
#                                  score; bound exact / at_most / at_least, source table / normal
#
# Rerun (from the repository root; needs R with jsonlite and psych):
#   Rscript tests/oracle/golden_scores.R > tests/oracle/golden_scores.out

suppressPackageStartupMessages({
  library(jsonlite)
  library(psych)
})
options(width = 200)

script_dir <- local({
  arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(arg) == 1) dirname(normalizePath(sub("^--file=", "", arg)))
  else file.path(getwd(), "tests", "oracle")
})
repo_root <- normalizePath(file.path(script_dir, "..", ".."))
TOL <- 1e-12

## ---- reading a key --------------------------------------------------------------------------
load_key <- function(id) {
  j <- fromJSON(file.path(repo_root, "instruments", paste0(id, ".json")),
                simplifyVector = FALSE)
  stopifnot(identical(j$id, id))
  items <- vapply(j$items, `[[`, character(1), "id")
  numbers <- vapply(j$items, function(it) as.integer(it$number), integer(1))
  items <- items[order(numbers)]
  stopifnot(identical(sort(numbers), seq_along(items)))
  scales <- list()
  for (s in j$scales) {
    comp <- if (is.null(s$scales)) character(0) else unlist(s$scales)
    scales[[s$id]] <- list(id = s$id, method = s$method, rule = s$min_answered,
                           components = comp, reliability = s$reliability,
                           items = character(0), reversed = logical(0), weight = numeric(0))
  }
  for (it in j$items) {
    for (k in it$keys) {
      sc <- scales[[k$scale]]
      sc$items <- c(sc$items, it$id)
      sc$reversed <- c(sc$reversed, isTRUE(k$reversed))
      sc$weight <- c(sc$weight, if (is.null(k$weight)) 1 else k$weight)
      scales[[k$scale]] <- sc
    }
  }
  for (nm in names(scales)) {  # keys in canonical item order
    sc <- scales[[nm]]
    o <- order(match(sc$items, items))
    sc$items <- sc$items[o]; sc$reversed <- sc$reversed[o]; sc$weight <- sc$weight[o]
    sc$k <- if (sc$method == "mean_of_scales") length(sc$components) else length(sc$items)
    sc$required <- resolve_rule(sc$rule, sc$k)
    scales[[nm]] <- sc
  }
  list(id = id, min = j$response_scale$min, max = j$response_scale$max, items = items,
       scales = scales, norm_sets = if (is.null(j$norm_sets)) list() else j$norm_sets)
}

resolve_rule <- function(rule, k) {
  r <- if (!is.null(rule$count)) rule$count else {
    pk <- rule$proportion * k
    switch(rule$rounding, ceil = ceiling(pk - 1e-9), floor = floor(pk + 1e-9),
           nearest = floor(pk + 0.5 + 1e-9))
  }
  max(1, r)
}

## ---- base R scoring (path a) ----------------------------------------------------------------
score_item_scale <- function(key, sc, ans) {
  x <- ans[sc$items]
  x[sc$reversed] <- (key$min + key$max) - x[sc$reversed]
  n <- sum(!is.na(x))
  w <- sc$weight
  raw <- if (n == 0) NA_real_ else if (sc$method == "mean") {
    stopifnot(all(w == 1))
    sum(x, na.rm = TRUE) / n
  } else {
    total <- sum(w * x, na.rm = TRUE)
    if (n == sc$k) total else total * sc$k / n
  }
  list(n = n, raw = raw, value = if (n >= sc$required) raw else NA_real_,
       reversed = sc$items[sc$reversed & !is.na(ans[sc$items])],
       missing = sc$items[is.na(ans[sc$items])])
}

score_vector <- function(key, ans) {
  out <- list()
  for (sc in key$scales) {
    if (sc$method != "mean_of_scales") out[[sc$id]] <- score_item_scale(key, sc, ans)
  }
  for (sc in key$scales) {
    if (sc$method == "mean_of_scales") {
      v <- vapply(sc$components, function(c) out[[c]]$value, numeric(1))
      n <- sum(!is.na(v))
      raw <- if (n == 0) NA_real_ else mean(v, na.rm = TRUE)
      out[[sc$id]] <- list(n = n, raw = raw, value = if (n >= sc$required) raw else NA_real_,
                           reversed = NULL, missing = NULL)
    }
  }
  out[names(key$scales)]
}

## ---- norms and measurement error ------------------------------------------------------------
norm_of <- function(key, set_id, scale) {
  for (ns in key$norm_sets) if (ns$id == set_id) return(ns$scales[[scale]])
  stop("no norm set ", set_id)
}

standardise <- function(norm, x) {
  z <- (x - norm$mean) / norm$sd
  tab <- norm$percentiles
  if (is.null(tab)) return(list(z = z, pct = 100 * pnorm(z), bound = "exact", source = "normal"))
  p <- vapply(tab, function(q) q$percentile, numeric(1))
  s <- vapply(tab, function(q) q$score, numeric(1))
  stopifnot(!is.unsorted(s, strictly = TRUE))  # no tied scores in the shipped tables
  if (x < s[1]) return(list(z = z, pct = p[1], bound = "at_most", source = "table"))
  if (x > s[length(s)]) {
    return(list(z = z, pct = p[length(p)], bound = "at_least", source = "table"))
  }
  list(z = z, pct = approx(s, p, xout = x, method = "linear")$y, bound = "exact",
       source = "table")
}

error_basis <- function(key, set_id, scale) {
  sets <- key$norm_sets
  chosen <- Filter(function(ns) ns$id == set_id && !is.null(ns$scales[[scale]]), sets)
  covering <- Filter(function(ns) !is.null(ns$scales[[scale]]), sets)
  use <- if (length(chosen)) chosen[[1]] else if (length(covering)) covering[[1]] else NULL
  rel <- key$scales[[scale]]$reliability
  if (!is.null(use)) {
    n <- use$scales[[scale]]
    r <- if (!is.null(n$reliability)) n$reliability else rel$value
    if (is.null(r)) return(NULL)
    return(list(sd = n$sd, rel = r))
  }
  if (is.null(rel$sd) || is.null(rel$value)) return(NULL)
  list(sd = rel$sd, rel = rel$value)
}

## ---- answer vectors -------------------------------------------------------------------------
# digits: one character per item in canonical order, '.' = missing.
from_digits <- function(key, digits) {
  ch <- strsplit(digits, "")[[1]]
  stopifnot(length(ch) == length(key$items))
  v <- suppressWarnings(as.numeric(ifelse(ch == ".", NA, ch)))
  names(v) <- key$items
  stopifnot(all(is.na(v) | (v >= key$min & v <= key$max)))
  v
}
drop_items <- function(v, ids) {
  stopifnot(all(ids %in% names(v)))
  v[ids] <- NA
  v
}
vec <- function(id, answers, norm_set = "") list(id = id, answers = answers, norm_set = norm_set)

keys <- lapply(c("ecr-5", "securebase-core", "securebase-brief", "rq", "ecr-rs"), load_key)
names(keys) <- vapply(keys, `[[`, character(1), "id")

# ecr-5 key against the published Brennan key (docs/scoring.md, "Reverse keying"): odd items
# avoidance with 3, 15, 19, 25, 27, 29, 31, 33, 35 reversed; even items anxiety with 22 reversed.
local({
  k <- keys[["ecr-5"]]
  num <- function(ids) as.integer(sub("^i", "", ids))
  stopifnot(identical(num(k$scales$avoidance$items), seq(1L, 35L, 2L)),
            identical(num(k$scales$anxiety$items), seq(2L, 36L, 2L)),
            identical(num(k$scales$avoidance$items[k$scales$avoidance$reversed]),
                      c(3L, 15L, 19L, 25L, 27L, 29L, 31L, 33L, 35L)),
            identical(num(k$scales$anxiety$items[k$scales$anxiety$reversed]), 22L))
})

vectors <- list()
# ecr-5, 1-5, i01..i36 (odd = avoidance, even = anxiety); rule 15 of 18 on both scales.
local({
  k <- keys[["ecr-5"]]
  mixed <- "314252431524315324153245134251423514"
  full2 <- "245341352423514325432153241354231452"
  vectors[["ecr-5"]] <<- list(
    # anxiety 22/18 is below the table (at_most 5); avoidance 3.0 is exactly on P70
    vec("e5_min", from_digits(k, strrep("1", 36)), "osp-2018"),
    # anxiety 86/18 is above the table (at_least 95); avoidance again 3.0
    vec("e5_max", from_digits(k, strrep("5", 36)), "osp-2018"),
    vec("e5_mixed", from_digits(k, mixed), "osp-2018"),
    # anxiety 15 of 18 (reversed item 22 answered), avoidance 15 of 18 (reversed 3, 15 missing)
    vec("e5_at_rule", drop_items(from_digits(k, full2),
                                 c("i02", "i10", "i30", "i03", "i15", "i21")), "osp-2018"),
    # anxiety 14 of 18 (reversed 22 among the missing): no score, no norm; avoidance 17 of 18
    vec("e5_anx_below", drop_items(from_digits(k, mixed),
                                   c("i04", "i12", "i22", "i36", "i35")), "osp-2018"),
    # avoidance 14 of 18: no score; anxiety complete; no norm set chosen (SEM from osp-2018)
    vec("e5_avo_below_no_norms", drop_items(from_digits(k, full2),
                                            c("i01", "i19", "i25", "i33")), ""),
    # a subgroup set without tables: percentiles from the normal curve
    vec("e5_female_normal", from_digits(k, full2), "osp-2018-female"),
    vec("e5_male_at_rule", drop_items(from_digits(k, mixed),
                                      c("i06", "i08", "i14", "i05", "i07", "i09")),
        "osp-2018-male"))
})

# securebase-core, 1-7, 36 items in blocks of (anxiety, avoidance, secure-base item);
# anxiety/avoidance/secure_base need 9 of 12 (0.75, ceil); each facet needs both of its items.
local({
  k <- keys[["securebase-core"]]
  mixed <- "526371462735164253736142527364152637"
  vectors[["securebase-core"]] <<- list(
    vec("core_min", from_digits(k, strrep("1", 36))),
    vec("core_max", from_digits(k, strrep("7", 36))),
    vec("core_mixed", from_digits(k, mixed)),
    # 9 of 12 on the three main scales (reversed anx03, avo02, sb_support1 among the missing);
    # facets sb_support, sb_conflict, sb_distress 1 of 2 (no score), the others 2 of 2
    vec("core_at_rule", drop_items(from_digits(k, mixed),
                                   c("anx01", "anx03", "anx05", "avo02", "avo07", "avo12",
                                     "sb_support1", "sb_conflict1", "sb_distress2"))),
    # 8 of 12 on the three main scales; sb_repair 0 of 2, sb_closeness and sb_ambivalence 1 of 2
    vec("core_below_rule", drop_items(from_digits(k, mixed),
                                      c("anx02", "anx06", "anx09", "anx12", "avo01", "avo05",
                                        "avo08", "avo11", "sb_repair1", "sb_repair2",
                                        "sb_closeness1", "sb_ambivalence2"))),
    # only sb_repair2 missing: secure_base 11 of 12 scored, sb_repair 1 of 2 not
    vec("core_one_facet_item", drop_items(from_digits(k, "371526473152647315263741526374152637"),
                                          "sb_repair2")))
})

# securebase-brief, 1-7, 12 items (anxiety, avoidance, secure base) x 4; each scale 3 of 4.
local({
  k <- keys[["securebase-brief"]]
  vectors[["securebase-brief"]] <<- list(
    vec("brief_min", from_digits(k, strrep("1", 12))),
    vec("brief_max", from_digits(k, strrep("7", 12))),
    vec("brief_mixed", from_digits(k, "625317462735")),
    # each scale 3 of 4: reversed anx03 missing, reversed avo02 answered, sb_distress2 missing
    vec("brief_at_rule", drop_items(from_digits(k, "352461735264"),
                                    c("anx03", "avo03", "sb_distress2"))),
    # each scale 2 of 4: no score anywhere
    vec("brief_below_rule", drop_items(from_digits(k, "352461735264"),
                                       c("anx02", "anx08", "avo02", "avo01", "sb_support2",
                                         "sb_repair1"))),
    # anxiety 3 of 4 (scored), avoidance 2 of 4 (not), secure base complete
    vec("brief_mixed_rules", drop_items(from_digits(k, "417253641372"),
                                        c("anx04", "avo03", "avo04"))))
})

# rq, 1-7, ratings secure, fearful, preoccupied, dismissing; each rating scale needs its one
# rating, each weighted sum all four.
local({
  k <- keys[["rq"]]
  vectors[["rq"]] <<- list(
    vec("rq_min", from_digits(k, "1111")),
    vec("rq_max", from_digits(k, "7777")),
    vec("rq_secure_dismissing", from_digits(k, "7117")),  # model of self +12, of other 0
    vec("rq_mixed", from_digits(k, "6245")),
    vec("rq_fearful_preoccupied", from_digits(k, "1763")),
    vec("rq_preoccupied", from_digits(k, "3271")),
    # one rating missing: that rating and all four sums unscored, the others scored
    vec("rq_no_preoccupied", from_digits(k, "53.4")),
    vec("rq_only_secure", from_digits(k, "6...")),
    vec("rq_none", from_digits(k, "....")))
})

# ecr-rs, 1-7, 9 items per target (mother, father, partner, friend): items 1-4 avoidance
# reversed, 5-6 avoidance, 7-9 anxiety. Target avoidance needs 5 of 6 (0.8 ceil), target
# anxiety 3 of 3 (ceil(2.4)); the global composites need all 4 target scores.
local({
  k <- keys[["ecr-rs"]]
  mixed <- "253461527361254736425163742516374253"
  tgt <- function(t, i) paste0(t, "_", i)
  vectors[["ecr-rs"]] <<- list(
    vec("rs_min", from_digits(k, strrep("1", 36))),
    vec("rs_max", from_digits(k, strrep("7", 36))),
    vec("rs_mixed", from_digits(k, mixed)),
    # every target avoidance 5 of 6 (a reversed item missing for mother and partner, a forward
    # one for father and friend); anxiety complete (3 of 3 is also its rule); composites 4 of 4
    vec("rs_at_rule", drop_items(from_digits(k, mixed),
                                 c(tgt("mother", 2), tgt("father", 5), tgt("partner", 4),
                                   tgt("friend", 6)))),
    # avoidance_mother 4 of 6 and anxiety_father 2 of 3: both composites 3 of 4, no score
    vec("rs_below_mother_father", drop_items(from_digits(k, "612354726315247365136274517263541726"),
                                             c(tgt("mother", 1), tgt("mother", 6),
                                               tgt("father", 8)))),
    # friend not answered at all: both friend scales and both composites unscored
    vec("rs_no_friend", drop_items(from_digits(k, mixed), tgt("friend", 1:9))),
    # avoidance_friend 4 of 6 (reversed friend_1 missing), anxiety_friend 2 of 3
    vec("rs_below_friend", drop_items(from_digits(k, "526374152637415263741526374152637415"),
                                      c(tgt("friend", 1), tgt("friend", 5), tgt("friend", 9)))),
    # avoidance_father 4 of 6, avoidance_partner 4 of 6, anxiety_mother 2 of 3,
    # anxiety_partner 2 of 3; friend complete
    vec("rs_below_others", drop_items(from_digits(k, "473625147362514736251473625147362514"),
                                      c(tgt("father", 3), tgt("father", 6), tgt("partner", 1),
                                        tgt("partner", 5), tgt("mother", 9),
                                        tgt("partner", 7)))))
})

## ---- psych cross-check (path b) -------------------------------------------------------------
quietly <- function(expr) {
  out <- NULL
  invisible(capture.output(out <- suppressWarnings(suppressMessages(expr))))
  out
}
psych_check <- function(key, mat, scored) {
  n_checked <- 0
  max_diff <- 0
  plain <- Filter(function(sc) sc$method == "mean", key$scales)
  if (length(plain)) {
    pk <- lapply(plain, function(sc) ifelse(sc$reversed, paste0("-", sc$items), sc$items))
    ps <- quietly(psych::scoreItems(pk, mat, totals = FALSE, impute = "none", delete = FALSE,
                                    min = key$min, max = key$max))$scores
    for (i in seq_len(nrow(mat))) {
      for (s in names(plain)) {
        a <- scored[[i]][[s]]$raw
        b <- unname(ps[i, s])
        if (is.na(a)) { stopifnot(is.na(b)); next }
        d <- abs(a - b); stopifnot(d <= TOL)
        max_diff <- max(max_diff, d); n_checked <- n_checked + 1
      }
    }
    for (sc in Filter(function(sc) sc$method == "mean_of_scales", key$scales)) {
      for (i in seq_len(nrow(mat))) {
        a <- scored[[i]][[sc$id]]$raw
        comp <- ps[i, sc$components]
        comp <- comp[vapply(sc$components, function(c) !is.na(scored[[i]][[c]]$value),
                            logical(1))]
        if (is.na(a)) { stopifnot(length(comp) == 0); next }
        d <- abs(a - mean(comp)); stopifnot(d <= TOL)
        max_diff <- max(max_diff, d); n_checked <- n_checked + 1
      }
    }
  }
  sums <- Filter(function(sc) sc$method == "sum", key$scales)
  if (length(sums)) {
    w <- matrix(0, ncol(mat), length(sums), dimnames = list(colnames(mat), names(sums)))
    for (sc in sums) {
      stopifnot(!any(sc$reversed))  # rq: weights only
      w[sc$items, sc$id] <- sc$weight
    }
    complete <- which(rowSums(is.na(mat)) == 0)
    ws <- quietly(psych::scoreWtd(w, as.data.frame(mat[complete, , drop = FALSE]), std = FALSE,
                                   sums = TRUE))
    for (j in seq_along(complete)) {
      for (s in names(sums)) {
        a <- scored[[complete[j]]][[s]]$value
        d <- abs(a - unname(ws[j, s])); stopifnot(d <= TOL)
        max_diff <- max(max_diff, d); n_checked <- n_checked + 1
      }
    }
  }
  list(n = n_checked, max_diff = max_diff)
}

## ---- score, check, print, write -------------------------------------------------------------
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
cat("securebase golden-vector oracle (five embedded instruments)\n")
cat("keys read from instruments/<id>.json with jsonlite ", as.character(packageVersion("jsonlite")),
    "; second check with psych ", as.character(packageVersion("psych")), "\n", sep = "")

total_psych <- 0
for (key in keys) {
  vs <- vectors[[key$id]]
  ids <- vapply(vs, `[[`, character(1), "id")
  stopifnot(!anyDuplicated(ids), length(vs) >= 5)
  mat <- t(vapply(vs, `[[`, numeric(length(key$items)), "answers"))
  dimnames(mat) <- list(ids, key$items)
  scored <- lapply(vs, function(v) score_vector(key, v$answers))

  # coverage: each scale scored exactly at its rule in some vector, one below in another
  for (sc in key$scales) {
    n <- vapply(scored, function(s) s[[sc$id]]$n, numeric(1))
    val <- vapply(scored, function(s) s[[sc$id]]$value, numeric(1))
    if (!(any(n == sc$required & !is.na(val)) && any(n == sc$required - 1 & is.na(val))))
      stop(key$id, " ", sc$id, ": no vector at and one below the rule ", sc$required)
  }
  pc <- psych_check(key, mat, scored)
  total_psych <- total_psych + pc$n

  has_norms <- length(key$norm_sets) > 0
  cols <- list(vector_id = ids, norm_set = vapply(vs, `[[`, character(1), "norm_set"))
  for (it in key$items) cols[[it]] <- ifelse(is.na(mat[, it]), "", as.character(mat[, it]))
  shown <- list()
  for (sc in key$scales) {
    s <- sc$id
    val <- vapply(scored, function(x) x[[s]]$value, numeric(1))
    n <- vapply(scored, function(x) x[[s]]$n, numeric(1))
    cols[[paste0("n_answered.", s)]] <- n
    cols[[paste0("n_missing.", s)]] <- sc$k - n
    cols[[paste0("required.", s)]] <- rep(sc$required, length(vs))
    cols[[paste0("value.", s)]] <- fmt(val)
    if (sc$method != "mean_of_scales") {
      cols[[paste0("reversed.", s)]] <- vapply(scored, function(x) paste(x[[s]]$reversed,
                                                                         collapse = " "), "")
      cols[[paste0("missing.", s)]] <- vapply(scored, function(x) paste(x[[s]]$missing,
                                                                        collapse = " "), "")
    }
    lo <- if (sc$method == "sum") sc$k * key$min else key$min
    hi <- if (sc$method == "sum") sc$k * key$max else key$max
    eb <- lapply(seq_along(vs), function(i) error_basis(key, vs[[i]]$norm_set, s))
    if (any(!vapply(eb, is.null, logical(1)))) {
      stopifnot(all(!vapply(eb, is.null, logical(1))), sc$method == "mean")
      sem <- vapply(eb, function(e) e$sd * sqrt(1 - e$rel), numeric(1))
      sem[is.na(val)] <- NA
      cols[[paste0("sem.", s)]] <- fmt(sem)
      cols[[paste0("lower.", s)]] <- fmt(pmax(lo, val - qnorm(0.975) * sem))
      cols[[paste0("upper.", s)]] <- fmt(pmin(hi, val + qnorm(0.975) * sem))
    }
    if (has_norms) {
      z <- pt <- rep(NA_real_, length(vs)); bound <- psrc <- rep("", length(vs))
      for (i in seq_along(vs)) {
        if (vs[[i]]$norm_set == "" || is.na(val[i])) next
        st <- standardise(norm_of(key, vs[[i]]$norm_set, s), val[i])
        z[i] <- st$z; pt[i] <- st$pct; bound[i] <- st$bound; psrc[i] <- st$source
      }
      cols[[paste0("z.", s)]] <- fmt(z)
      cols[[paste0("t.", s)]] <- fmt(50 + 10 * z)
      cols[[paste0("percentile.", s)]] <- fmt(pt)
      cols[[paste0("bound.", s)]] <- bound
      cols[[paste0("source.", s)]] <- psrc
      shown[[paste0(s, ".z")]] <- ifelse(is.na(z), "-", sprintf("%.6f", z))
      shown[[paste0(s, ".pct")]] <- ifelse(is.na(pt), "-", paste0(sprintf("%.4f", pt),
                                                                  ifelse(bound == "exact", "",
                                                                         paste0(" ", bound))))
    }
    shown[[s]] <- paste0(ifelse(is.na(val), "-", format(val, digits = 10)), " (",
                         n, "/", sc$k, ")")
  }

  cat("\n==== ", key$id, " (", key$min, "-", key$max, ", ", length(key$items), " items)\n",
      sep = "")
  cat("Rules (answered items, or scored components for a composite, needed):\n")
  for (sc in key$scales) {
    cat(sprintf("  %-17s %-14s k = %2d  required = %2d  %s\n", sc$id, sc$method, sc$k,
                sc$required, if (length(sc$components)) paste("of", paste(sc$components,
                                                                         collapse = " ")) else
                  paste0("reversed: ", paste(sc$items[sc$reversed], collapse = " "),
                         if (any(sc$weight != 1)) paste0("; weights ",
                                                         paste(sc$items, sc$weight, sep = "=",
                                                               collapse = " ")) else "")))
  }
  cat("Answer vectors (canonical order, '.' = missing):\n")
  for (i in seq_along(vs)) {
    cat(sprintf("  %-24s %-16s %s\n", ids[i], if (vs[[i]]$norm_set == "") "(no norm set)"
                else vs[[i]]$norm_set,
                paste(ifelse(is.na(mat[i, ]), ".", mat[i, ]), collapse = "")))
  }
  cat("Scores (value (answered/k); '-' = no score):\n")
  print(data.frame(vector_id = ids, shown, check.names = FALSE, stringsAsFactors = FALSE),
        row.names = FALSE, right = FALSE)
  cat(sprintf("psych cross-check: %d scores agree with base R, max |diff| = %s\n", pc$n,
              format(pc$max_diff, digits = 3)))
  out_csv <- file.path(repo_root, "tests", "data", "oracle", paste0("golden-", key$id, ".csv"))
  df <- as.data.frame(cols, check.names = FALSE, stringsAsFactors = FALSE)
  write.table(df, out_csv, sep = ",", quote = FALSE, row.names = FALSE, col.names = TRUE,
              na = "")
  back <- read.csv(out_csv, colClasses = "character", check.names = FALSE, na.strings = NULL)
  stopifnot(identical(names(back), names(df)), nrow(back) == length(vs),
            !any(grepl(",", unlist(df))))
  for (s in names(key$scales)) {
    a <- suppressWarnings(as.numeric(back[[paste0("value.", s)]]))
    b <- vapply(scored, function(x) x[[s]]$value, numeric(1))
    stopifnot(identical(is.na(a), is.na(b)), all(a == b, na.rm = TRUE))  # exact round trip
  }
  cat("wrote tests/data/oracle/golden-", key$id, ".csv (", length(vs), " vectors, ",
      ncol(df), " columns)\n", sep = "")
}

cat(sprintf("\nAll instruments: each scale has a vector scored exactly at its rule and one a single answer below it (unscored): OK\n"))
cat(sprintf("Base R vs psych (scoreItems / scoreWtd): %d scores agree to %g: OK\n", total_psych,
            TOL))
cat("\n")
print(sessionInfo())
