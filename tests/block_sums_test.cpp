// Tests of the column kernels behind stats::add_rows (lib/stats/block_sums.hpp): the four-column
// forms give exactly what the one-column forms give, whichever instruction set runs them.
#include "stats/block_sums.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <vector>

namespace d = securebase::detail;

TEST_CASE("dot4_i16 gives dot_i16's four integers", "[stats][kernels]") {
  // 8 and 24 rows leave a half step after the 16-wide steps; 520 is a padded 512-row block.
  const std::size_t n =
      GENERATE(std::size_t{8}, std::size_t{16}, std::size_t{24}, std::size_t{520});
  std::mt19937 rng(11);
  // Answers less the middle of a 1001-point range: products up to 500^2, as the header allows.
  std::uniform_int_distribution<int> value(-500, 500);
  std::vector<std::vector<std::int16_t>> col(5, std::vector<std::int16_t>(n));
  for (auto& c : col)
    for (auto& x : c) x = static_cast<std::int16_t>(value(rng));
  const std::int16_t* const b[4] = {col[1].data(), col[2].data(), col[3].data(), col[4].data()};
  std::int64_t out[4];
  d::dot4_i16(col[0].data(), b, n, out);
  for (int k = 0; k < 4; ++k) {
    std::int64_t want = 0;  // the plain sum of products, by hand
    for (std::size_t r = 0; r < n; ++r) want += std::int64_t{col[0][r]} * b[k][r];
    CHECK(out[k] == want);
    CHECK(out[k] == d::dot_i16(col[0].data(), b[k], n));
  }
}

TEST_CASE("dot4_f64 gives dot_f64's four doubles to the last bit", "[stats][kernels]") {
  const std::size_t n = GENERATE(std::size_t{8}, std::size_t{520});
  std::mt19937 rng(12);
  // Values whose products and sums round: any change of summation order would show.
  std::uniform_real_distribution<double> value(-3.0, 3.0);
  std::vector<std::vector<double>> col(5, std::vector<double>(n));
  for (auto& c : col)
    for (auto& x : c) x = value(rng) / 7.0;
  const double* const a[4] = {col[1].data(), col[2].data(), col[3].data(), col[4].data()};
  double out[4];
  d::dot4_f64(a, col[0].data(), n, out);
  for (int k = 0; k < 4; ++k) {
    // dot_f64's definition: four running sums over rows r = 0, 1, 2, 3 (mod 4), then paired.
    double s[4] = {0, 0, 0, 0};
    for (std::size_t r = 0; r < n; ++r) s[r % 4] += a[k][r] * col[0][r];
    CHECK(out[k] == (s[0] + s[1]) + (s[2] + s[3]));
    CHECK(out[k] == d::dot_f64(a[k], col[0].data(), n));
  }
}
