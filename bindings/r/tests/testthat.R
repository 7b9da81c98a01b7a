library(testthat)
library(securebase)

test_check("securebase")
