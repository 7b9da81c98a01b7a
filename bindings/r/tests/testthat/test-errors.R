test_that("an unknown instrument is a securebase_error with code and location", {
  e <- tryCatch(sb_instrument("no-such-instrument"), error = function(e) e)
  expect_s3_class(e, "securebase_error")
  expect_equal(e$code, 107L)                        # docs/errors.md: instrument_unknown
  expect_equal(e$id, "securebase.instrument.107")
  expect_equal(e$location, "no-such-instrument")
  expect_match(conditionMessage(e), "[securebase.instrument.107]", fixed = TRUE)
})

test_that("a malformed instrument file reports every problem", {
  bad <- tempfile(fileext = ".json")
  writeLines('{"format": "securebase-instrument"', bad)
  e <- tryCatch(sb_instrument(bad), error = function(e) e)
  expect_s3_class(e, "securebase_error")
  expect_equal(e$code, 101L)                        # instrument_syntax
  expect_match(e$location, basename(bad), fixed = TRUE)
})

test_that("bad arguments and data never crash R", {
  d <- data.frame(x = 1:3)
  e <- tryCatch(sb_score(d, "ecr-r"), error = function(e) e)
  expect_s3_class(e, "securebase_error")
  expect_equal(e$code, 702L)                        # table_column_missing
  e <- tryCatch(sb_score(list(1, 2), "ecr-r"), error = function(e) e)
  expect_equal(e$code, 704L)
  e <- tryCatch(sb_score(d, "ecr-r", columns = "ECR_{x}"), error = function(e) e)
  expect_equal(e$code, 704L)                        # table_mapping: not a pattern
  a <- as.data.frame(matrix(4L, 2, 36, dimnames = list(NULL, paste0("ECR_", 1:36))))
  e <- tryCatch(sb_score(a, "ecr-r", norms = "nope"), error = function(e) e)
  expect_equal(e$code, 301L)                        # norms_unknown_set
  e <- tryCatch(sb_feedback(c(i01 = 9), "ecr-r"), error = function(e) e)
  expect_equal(e$code, 203L)                        # answers_out_of_range
  e <- tryCatch(sb_feedback(c(zz = 1), "ecr-r"), error = function(e) e)
  expect_equal(e$code, 202L)                        # answers_unknown_item
  e <- tryCatch(sb_report("{not json"), error = function(e) e)
  expect_equal(e$code, 401L)                        # result_syntax
  e <- tryCatch(sb_stats(a, "ecr-r", published_r = 2), error = function(e) e)
  expect_equal(e$code, 1006L)                       # stats_parameter
  e <- tryCatch(sb_merge(list(structure(list(json = "{}"), class = "sb_partial"))),
                error = function(e) e)
  expect_equal(e$code, 1002L)                       # stats_partial_schema
  expect_error(sb_score(a, "ecr-r", missing_codes = 0), NA)
})
