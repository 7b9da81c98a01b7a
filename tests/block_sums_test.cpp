// Tests of the column kernels behind stats::add_rows (lib/stats/block_sums.hpp): the four-column
// forms give exactly what the one-column forms give, whichever instruction set runs them; answers
// become codes, rows become columns, and codes are counted, each checked against values by hand.
#include "stats/block_sums.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <iterator>
#include <limits>
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

TEST_CASE("row_codes turns answers into codes and counts what is not an answer",
          "[stats][kernels]") {
  // 1 to 7, shift 1 - 4 (lowest less the middle): codes -3..3; NaN, 7.5, 0, 8, -1e300, 1e300 and
  // 2^32 + 3 (whose low 32 bits alone would pass) are not answers. 13 values: a step of eight
  // (AVX2, where the processor has it, else two of four), one of four (SSE2) and a tail of one.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double x[] = {1, 7, nan, 7.5, 4, 0, 8, -1e300, 4294967299.0, 1e300, 2, 6, 3};
  std::int16_t out[16];
  std::fill(std::begin(out), std::end(out), std::int16_t{99});
  const unsigned absent = d::row_codes(x, 13, 1.0, 7, -3, out);
  const std::int16_t want[16] = {-3, 3, 0, 0, 0, 0, 0, 0, 0, 0, -2, 2, -1, 0, 0, 0};
  CHECK(absent == 7);
  for (int v = 0; v < 16; ++v) CHECK(out[v] == want[v]);
}

TEST_CASE("transpose_codes turns rows into columns", "[stats][kernels]") {
  // 16 rows of 16 codes (two tiles each way), 11 columns kept, columns 20 apart.
  std::vector<std::int16_t> rows(16 * 16);
  for (std::size_t r = 0; r < 16; ++r)
    for (std::size_t v = 0; v < 16; ++v) rows[r * 16 + v] = static_cast<std::int16_t>(100 * r + v);
  std::vector<std::int16_t> cols(16 * 20, -1);
  d::transpose_codes(rows.data(), 16, 16, 11, cols.data(), 20);
  for (std::size_t v = 0; v < 16; ++v)
    for (std::size_t r = 0; r < 20; ++r) {
      INFO("column " << v << ", row " << r);
      if (v < 11 && r < 16)
        CHECK(cols[v * 20 + r] == static_cast<std::int16_t>(100 * r + v));
      else
        CHECK(cols[v * 20 + r] == -1);  // outside: untouched
    }
}

TEST_CASE("count_codes counts each code but the one skipped", "[stats][kernels]") {
  // Codes -3..3 of a 7-point scale (first -3), the middle (k = 3) skipped; 6 codes, so one
  // pass of four and one of two.
  std::vector<std::int16_t> x(520);
  std::vector<std::uint32_t> want(7, 0);
  std::mt19937 rng(13);
  std::uniform_int_distribution<int> code(-3, 3);
  for (auto& c : x) {
    c = static_cast<std::int16_t>(code(rng));
    ++want[static_cast<std::size_t>(c + 3)];
  }
  std::vector<std::uint32_t> out(7, 5);  // counts are added to what is there
  d::count_codes(x.data(), x.size(), -3, 7, 3, out.data());
  for (std::size_t k = 0; k < 7; ++k) CHECK(out[k] == (k == 3 ? 5 : 5 + want[k]));
}
