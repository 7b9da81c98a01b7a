# A generated ECR-R data set: two correlated latent traits, answers on 1-7 from the key (the
# reverse-keyed items answered the other way), about 5% missing, seeded. Every answer value
# 1-7 occurs, so psych's reversal (observed min + max) equals the declared 1 + 7.
make_ecr <- function(n = 1500, seed = 20) {
  set.seed(seed)
  ecr <- sb_instrument("ecr-r")
  anx <- rnorm(n)
  avo <- 0.3 * anx + sqrt(1 - 0.09) * rnorm(n)
  x <- sapply(seq_along(ecr$items), function(i) {
    k <- ecr$key[ecr$key$number == i, ]
    latent <- if (k$scale == "anxiety") anx else avo
    a <- round(4 + 1.3 * latent * ifelse(k$reversed, -1, 1) + rnorm(n, sd = 1.1))
    a <- pmin(7L, pmax(1L, as.integer(a)))
    a[stats::runif(n) < 0.05] <- NA_integer_
    a
  })
  colnames(x) <- paste0("ECR_", seq_along(ecr$items))
  as.data.frame(x)
}

# The scales of an instrument as psych wants them: item columns and which are reversed.
psych_keys <- function(ins, scale, columns) {
  k <- ins$key[ins$key$scale == scale, ]
  list(items = columns[k$number], reversed = columns[k$number][k$reversed])
}
