# docs/r.md (copied into the package by build.sh): every ```r block runs, in order, in one
# environment, without an error or a warning.
test_that("the code of docs/r.md runs", {
  doc <- test_path("docs", "r.md")
  skip_if_not(file.exists(doc))
  lines <- readLines(doc, encoding = "UTF-8")
  starts <- which(lines == "```r")
  expect_gt(length(starts), 5L)
  env <- new.env(parent = globalenv())
  for (s in starts) {
    end <- s + which(lines[-(1:s)] == "```")[1]
    code <- lines[(s + 1):(end - 1)]
    expect_no_error(utils::capture.output(eval(parse(text = code), envir = env)))
  }
  expect_equal(env$e$code, 702L)                # table_column_missing
  expect_true("ECR_9" %in% paste0("ECR_", match(
    sb_stats(env$miskeyed, "ecr-r")$checks$item, sb_instrument("ecr-r")$items)))
})
