# sb_stats against psych::alpha and psych::omega, computed live (the same comparisons as the
# securebase sources' R oracle, tests/oracle/stats_psych.R): alpha to 1e-9, omega to 1e-4.

expect_like_psych <- function(st, data, ins, columns, lo, hi) {
  for (s in ins$scales$id) {
    k <- psych_keys(ins, s, columns)
    x <- data[, k$items]
    a <- psych::alpha(x, keys = k$reversed, warnings = FALSE)
    row <- st$alpha[s, ]
    # psych::alpha()$total, $feldt and print.psych's Duhachek interval (raw -/+ 1.96 ase).
    expect_equal(row$raw_alpha, a$total$raw_alpha, tolerance = 1e-9, label = s)
    expect_equal(row$std_alpha, a$total$std.alpha, tolerance = 1e-9)
    expect_equal(row$average_r, a$total$average_r, tolerance = 1e-9)
    expect_equal(row$ase, a$total$ase, tolerance = 1e-9)
    expect_equal(row$feldt_lower, a$feldt$lower.ci[[1]], tolerance = 1e-9)
    expect_equal(row$feldt_upper, a$feldt$upper.ci[[1]], tolerance = 1e-9)
    expect_equal(row$duhachek_lower, a$total$raw_alpha - 1.96 * a$total$ase, tolerance = 1e-9)
    expect_equal(row$duhachek_upper, a$total$raw_alpha + 1.96 * a$total$ase, tolerance = 1e-9)
    # psych::alpha()$item.stats and $alpha.drop, item by item.
    it <- st$items[[s]]
    expect_equal(it$`raw.r`, a$item.stats$raw.r, tolerance = 1e-9)
    expect_equal(it$`std.r`, a$item.stats$std.r, tolerance = 1e-9)
    expect_equal(it$`r.drop`, a$item.stats$r.drop, tolerance = 1e-9)
    expect_equal(it$mean, a$item.stats$mean, tolerance = 1e-9)
    expect_equal(it$sd, a$item.stats$sd, tolerance = 1e-9)
    expect_equal(it$alpha_if_dropped, a$alpha.drop$raw_alpha, tolerance = 1e-9)
    # psych::omega(nfactors = 1)$omega.tot on the keyed answers.
    kd <- x
    kd[, k$reversed] <- lo + hi - kd[, k$reversed]
    om <- suppressWarnings(suppressMessages(psych::omega(kd, nfactors = 1, plot = FALSE)))
    expect_equal(row$omega, om$omega.tot, tolerance = 1e-4, label = paste(s, "omega"))
  }
}

test_that("sb_stats equals psych on psych::bfi (agreeableness with A1 reversed, neuroticism)", {
  skip_if_not_installed("psych")
  skip_if_not_installed("GPArotation")
  bfi <- psych::bfi[, c(paste0("A", 1:5), paste0("N", 1:5))]
  ins <- sb_instrument(oracle("bfi.json"))
  st <- sb_stats(bfi, ins, columns = NULL, missing_codes = NULL)
  expect_s3_class(st, "sb_stats")
  expect_equal(st$alpha$scale, c("agreeableness", "neuroticism"))
  expect_like_psych(st, bfi, ins, ins$items, 1, 6)
})

test_that("sb_stats equals psych on a generated ECR-R set with missing answers", {
  skip_if_not_installed("psych")
  skip_if_not_installed("GPArotation")
  d <- make_ecr()
  ins <- sb_instrument("ecr-r")
  st <- sb_stats(d, ins, columns = "ECR_{n}")
  expect_like_psych(st, d, ins, colnames(d), 1, 7)
  expect_equal(nrow(st$checks), 0L)
  out <- capture.output(print(st))
  expect_true(any(grepl("Reliability if an item is dropped", out, fixed = TRUE)))
  expect_true(any(grepl("Duhachek", out, fixed = TRUE)))
})

test_that("a mis-keyed item is caught by the checks", {
  d <- make_ecr()
  ins <- sb_instrument("ecr-r")
  rev_item <- ins$key$number[ins$key$reversed][1]
  col <- paste0("ECR_", rev_item)
  d[[col]] <- 8L - d[[col]]            # reversed already, then reversed again by the key
  st <- sb_stats(d, ins)
  hit <- st$checks[st$checks$check == "negative_item_total", ]
  expect_equal(hit$item, ins$items[rev_item])
  expect_lt(st$items[[hit$scale]]$`r.drop`[st$items[[hit$scale]]$item == hit$item], 0)
})

test_that("partials of shards merge to the statistics of all rows", {
  d <- make_ecr(n = 900, seed = 5)
  shards <- split(d, rep(1:3, each = 300))
  parts <- parallel::mclapply(shards, sb_partial, instrument = "ecr-r", mc.cores = 1L)
  expect_s3_class(parts[[1]], "sb_partial")
  merged <- sb_merge(parts)
  expect_equal(merged$rows, 900)
  whole <- sb_stats(d, "ecr-r")
  from_parts <- sb_stats(merged)
  expect_equal(from_parts$alpha$raw_alpha, whole$alpha$raw_alpha, tolerance = 1e-12)
  expect_equal(from_parts$alpha$omega, whole$alpha$omega, tolerance = 1e-9)
  expect_equal(from_parts$items$anxiety$`r.drop`, whole$items$anxiety$`r.drop`,
               tolerance = 1e-12)
  expect_equal(sb_merge(parts[[1]], parts[[2]], parts[[3]])$json, merged$json)
  short <- make_ecr(50)[, 1:12]
  names(short) <- sb_instrument("ecr-s")$items
  other <- sb_partial(short, "ecr-s", columns = NULL)
  e <- tryCatch(sb_merge(parts[[1]], other), error = function(e) e)
  expect_s3_class(e, "securebase_error")
  expect_equal(e$code, 1004L)                       # stats_incomparable
})
