# One respondent: feedback blocks, the HTML report and reliable change.

low_anxious <- setNames(rep(c(2, 6), 18), 1:36)   # answers by item number

test_that("sb_feedback gives the feedback blocks and the scores", {
  fb <- sb_feedback(low_anxious, "ecr-r")
  expect_s3_class(fb, "sb_feedback")
  expect_true(length(fb$blocks) >= 3L)
  expect_true(all(c("id", "title", "paragraphs", "numbers") %in% names(fb$blocks[[1]])))
  expect_true(any(startsWith(names(fb$blocks), "dimension.")))
  expect_equal(fb$scores$scale, c("anxiety", "avoidance"))
  expect_equal(fb$scores$status, c("ok", "ok"))
  # The same answers as a data frame row, as item ids and as text score the same.
  ids <- sb_instrument("ecr-r")$items
  row <- as.data.frame(as.list(setNames(unname(low_anxious), ids)))
  expect_equal(sb_feedback(row, "ecr-r")$scores, fb$scores)
  txt <- paste0(seq_along(low_anxious), "=", low_anxious, collapse = " ")
  expect_equal(sb_feedback(txt, "ecr-r")$scores, fb$scores)
  expect_equal(sb_feedback(unname(low_anxious), "ecr-r")$scores, fb$scores)
  es <- sb_feedback(low_anxious, "ecr-r", lang = "es")
  expect_equal(es$language, "es")
  expect_true(length(capture.output(print(fb))) > 5L)
})

test_that("too few answers leave a scale unscored, not an error", {
  fb <- sb_feedback(c(`1` = 4, `2` = 5), "ecr-r")
  expect_equal(fb$scores$status, c("insufficient", "insufficient"))
  expect_true(all(is.na(fb$scores$score)))
})

test_that("sb_report writes one self-contained HTML page", {
  fb <- sb_feedback(low_anxious, "ecr-r")
  f <- tempfile(fileext = ".html")
  expect_equal(sb_report(fb, f), f)
  html <- paste(readLines(f, encoding = "UTF-8"), collapse = "\n")
  expect_match(html, "^<!DOCTYPE html>")
  expect_match(html, "<svg", fixed = TRUE)
  expect_false(grepl("<script", html, fixed = TRUE))
  expect_equal(sb_report(fb$result), sb_report(fb))
  json <- tempfile(fileext = ".json")
  writeLines(fb$result, json)
  expect_equal(sb_report(json), sb_report(fb))
})

test_that("sb_compare gives the reliable change", {
  before <- sb_feedback(low_anxious, "ecr-r")
  after <- sb_feedback(setNames(rep(c(6, 2), 18), 1:36), "ecr-r")
  ch <- sb_compare(before, after)
  expect_s3_class(ch, "sb_change")
  expect_equal(ch$scale, c("anxiety", "avoidance"))
  expect_equal(ch$difference, ch$after - ch$before)
  expect_equal(ch$before, before$scores$score)
  expect_true(all(ch$verdict %in% c("within_noise", "reliable_increase", "reliable_decrease",
                                    "unknown")))
  same <- sb_compare(before, before)
  expect_equal(same$difference, c(0, 0))
  e <- tryCatch(sb_compare(before, sb_feedback(setNames(rep(3, 12), 1:12), "ecr-s")),
                error = function(e) e)
  expect_equal(e$code, 404L)                        # result_incomparable
})
