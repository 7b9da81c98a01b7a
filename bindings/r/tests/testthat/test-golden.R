# Golden vectors of every embedded instrument, from the independent R oracle of the securebase
# sources (tests/oracle/*.R; their committed outputs): sb_score must give the oracle's values to
# 1e-9, and leave unscored exactly the scales the oracle leaves empty.

# golden-<id>.csv (tests/oracle/golden_scores.R): ecr-5, ecr-rs, rq, securebase-brief,
# securebase-core; value.SCALE (empty = unscored), n_answered.SCALE, z/t/percentile.SCALE.
for (id in c("ecr-5", "ecr-rs", "rq", "securebase-brief", "securebase-core")) {
  test_that(paste("golden vectors of", id), {
    ins <- sb_instrument(id)
    g <- read_text_csv(oracle(paste0("golden-", id, ".csv")))
    for (norm in unique(g$norm_set)) {
      rows <- g[g$norm_set == norm, , drop = FALSE]
      answers <- rows[, ins$items, drop = FALSE]
      s <- sb_score(answers, ins, columns = NULL, missing_codes = NULL,
                    norms = if (nzchar(norm)) norm else NULL)
      for (sc in ins$scales$id) {
        expect_equal(s[[sc]], cell_number(rows[[paste0("value.", sc)]]), tolerance = 1e-9,
                     label = paste(id, norm, sc))
        answered <- rows[[paste0("n_answered.", sc)]]
        if (!is.null(answered) && !(sc %in% ins$scales$id[ins$scales$items == 0L])) {
          expect_equal(s[[paste0(sc, "_answered")]], cell_number(answered),
                       label = paste(id, sc, "answered"))
        }
        for (f in c("z", "t", "percentile")) {
          expected <- rows[[paste0(f, ".", sc)]]
          if (nzchar(norm) && !is.null(expected) && !is.null(s[[paste0(sc, "_", f)]])) {
            expect_equal(s[[paste0(sc, "_", f)]], cell_number(expected), tolerance = 1e-9,
                         label = paste(id, norm, sc, f))
          }
        }
      }
    }
  })
}

# catalogue_vectors.csv (tests/oracle/catalogue_scores.R): ecr-s, ecr-12, rsq, raas. The
# oracle gives every scale's mean of the answered keyed items; securebase scores a scale only
# when at least min_answered items are answered (the instrument's declared rule).
# answer_vectors.csv (tests/oracle/scale_scores.R): ecr and ecr-r, the same columns (its ecr5
# rows are the ecr-5 checks of that script; golden-ecr-5.csv covers ecr-5 above).
golden_means <- function(vectors, expected, ids) {
  v <- read_text_csv(oracle(vectors))
  v <- v[v$instrument %in% ids, , drop = FALSE]
  e <- read_text_csv(oracle(expected))
  for (id in unique(v$instrument)) {
    ins <- sb_instrument(id)
    rows <- v[v$instrument == id, , drop = FALSE]
    s <- sb_score(rows[, ins$items, drop = FALSE], ins, columns = NULL, missing_codes = NULL)
    for (r in seq_len(nrow(rows))) {
      want <- e[e$vector_id == rows$vector_id[r], , drop = FALSE]
      for (k in seq_len(nrow(want))) {
        sc <- want$scale[k]
        answered <- as.numeric(want$n_answered[k])
        required <- ins$scales$min_answered[ins$scales$id == sc]
        expected <- if (answered >= required) as.numeric(want$mean[k]) else NA_real_
        expect_equal(s[[sc]][r], expected, tolerance = 1e-9,
                     label = paste(id, rows$vector_id[r], sc))
        expect_equal(s[[paste0(sc, "_answered")]][r], answered)
      }
    }
  }
  unique(v$instrument)
}

test_that("golden vectors of ecr-s, ecr-12, rsq and raas", {
  expect_setequal(golden_means("catalogue_vectors.csv", "catalogue_expected.csv",
                               c("ecr-s", "ecr-12", "rsq", "raas")),
                  c("ecr-s", "ecr-12", "rsq", "raas"))
})

test_that("golden vectors of ecr and ecr-r", {
  expect_setequal(golden_means("answer_vectors.csv", "scale_scores_expected.csv", c("ecr", "ecr-r")),
                  c("ecr", "ecr-r"))
})
