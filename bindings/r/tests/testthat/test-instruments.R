test_that("every embedded instrument is listed and loads", {
  ins <- sb_instruments()
  # The files in instruments/ of the securebase sources (11 at version 0.1.0).
  expect_setequal(ins$id, c("ecr", "ecr-12", "ecr-5", "ecr-r", "ecr-rs", "ecr-s", "raas", "rq",
                            "rsq", "securebase-brief", "securebase-core"))
  for (id in ins$id) expect_s3_class(sb_instrument(id), "sb_instrument")
  expect_match(sb_version(), "^[0-9]+\\.[0-9]+\\.[0-9]+$")
})

test_that("sb_instrument shows the key, the citation and the licence", {
  ecr <- sb_instrument("ecr-r")
  expect_equal(ecr$id, "ecr-r")
  expect_equal(length(ecr$items), 36L)
  expect_equal(ecr$scales$id, c("anxiety", "avoidance"))
  expect_match(ecr$key_fingerprint, "^[0-9a-f]{64}$")
  out <- capture.output(print(ecr))
  expect_true(any(grepl(ecr$key_fingerprint, out, fixed = TRUE)))
  expect_true(any(grepl("Fraley", out)))           # the citation (Fraley, Waller & Brennan 2000)
  expect_true(any(grepl("Licence:", out, fixed = TRUE)))
  expect_true(any(grepl(ecr$licence, out, fixed = TRUE)))
  expect_true(any(grepl("reversed:", out, fixed = TRUE)))
  # Each ECR-R item counts towards exactly one scale.
  expect_equal(nrow(ecr$key), 36L)
  expect_identical(sb_instrument(ecr), ecr)
})

test_that("an instrument file loads like an embedded one", {
  ins <- sb_instrument(oracle("bfi.json"))
  expect_equal(ins$id, "bfi-stats-test")
  expect_equal(ins$scales$id, c("agreeableness", "neuroticism"))
})
