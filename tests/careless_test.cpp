// Tests of the careless-responding indices (include/securebase/stats/careless.hpp).
// Expected numbers: tests/oracle/careless.R (base R 4.2.2), whose printed output
// tests/oracle/careless.out holds the data and the expected values read here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "securebase/stats/careless.hpp"
#include "support/errors.hpp"
#include "support/near.hpp"
#include "support/oracle_csv.hpp"
#include "support/paths.hpp"

namespace st = securebase::stats;
using securebase::ErrorCode;
using securebase::test::near;

namespace {

const double na = std::numeric_limits<double>::quiet_NaN();

// One block ("data", "expected", "chisq") of careless.out as CSV rows (header first).
std::vector<std::vector<std::string>> out_block(const std::string& name) {
  std::ifstream in(std::string(SECUREBASE_SOURCE_DIR) + "/tests/oracle/careless.out");
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside) {
      inside = line == name;
      continue;
    }
    if (line == "end") break;
    rows.push_back(securebase::test::split_commas(line));
  }
  REQUIRE(!rows.empty());
  return rows;
}

double cell(const std::string& s) { return s.empty() || s == "NA" ? na : std::stod(s); }

std::vector<std::vector<double>> oracle_data() {
  const auto block = out_block("data");
  std::vector<std::vector<double>> rows;
  for (std::size_t r = 1; r < block.size(); ++r) {
    std::vector<double> row;
    for (const std::string& c : block[r]) row.push_back(cell(c));
    row.resize(12, na);  // a line ending in empty cells
    rows.push_back(row);
  }
  return rows;
}

st::ScaleKey key(const std::string& id, std::vector<std::size_t> items,
                 std::vector<unsigned char> reversed) {
  return st::ScaleKey{id, std::move(items), std::move(reversed), 1, 5};
}

std::vector<std::string> item_ids() {
  std::vector<std::string> ids;
  for (int i = 1; i <= 12; ++i) ids.push_back("x" + std::to_string(i));
  return ids;
}

// Layout A of careless.R: three scales, so each scale is an even-odd unit.
st::Layout layout_a() {
  return st::Layout{item_ids(),
                    1,
                    5,
                    {key("s1", {0, 1, 2, 3}, {0, 1, 0, 0}), key("s2", {4, 5, 6, 7}, {0, 0, 1, 0}),
                     key("s3", {8, 9, 10, 11}, {1, 0, 0, 0})},
                    std::nullopt};
}

// Layout B of careless.R: two scales of 6, so blocks of 3 items are the units.
st::Layout layout_b() {
  return st::Layout{item_ids(),
                    1,
                    5,
                    {key("a", {0, 1, 2, 3, 4, 5}, {0, 1, 0, 0, 1, 0}),
                     key("b", {6, 7, 8, 9, 10, 11}, {0, 0, 1, 0, 0, 1})},
                    std::nullopt};
}

}  // namespace

TEST_CASE("careless indices match the base-R oracle on data with missing answers", "[careless]") {
  const auto data = oracle_data();
  REQUIRE(data.size() == 30);
  st::Accumulator acc = st::make_accumulator(layout_a());
  for (const auto& row : data) {
    const std::vector<double> scores(3, na);
    st::add_row(acc, row, scores);
  }
  st::CarelessSetup a = st::careless_setup(layout_a());
  a.model = st::mahalanobis_model(acc);
  // source: careless.R, adm <- c(12, 1, 11, 2, ...) (1-based item at each position)
  st::CarelessSetup shown = st::careless_setup(layout_a(), {11, 0, 10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
  st::CarelessSetup b = st::careless_setup(layout_b());
  st::EvenOddOptions blocks;
  blocks.block_items = 3;
  b.units = st::even_odd_units(b.layout, blocks);
  REQUIRE(b.units.size() == 4);

  const auto expected = out_block("expected");
  REQUIRE(expected.size() == 31);
  for (std::size_t r = 0; r < data.size(); ++r) {
    const auto& e = expected[r + 1];
    INFO("row " << e[0]);
    const st::Careless ca = st::careless(a, data[r]);
    const st::Careless cs = st::careless(shown, data[r]);
    const st::Careless cb = st::careless(b, data[r]);
    // source: careless.R, columns of the "expected" block of careless.out
    CHECK(static_cast<double>(ca.answered) == cell(e[1]));
    CHECK(static_cast<double>(ca.longstring) == cell(e[2]));
    CHECK(static_cast<double>(cs.longstring) == cell(e[3]));
    CHECK_THAT(ca.irv, near(cell(e[4]), 1e-9, 1e-9));
    CHECK_THAT(ca.mahalanobis_d2, near(cell(e[5]), 1e-9, 1e-9));
    CHECK_THAT(ca.mahalanobis_df, near(cell(e[6]), 1e-9, 1e-9));
    CHECK_THAT(ca.mahalanobis_p, near(cell(e[7]), 1e-9, 1e-9));
    CHECK(static_cast<double>(ca.even_odd_units) == cell(e[8]));
    CHECK_THAT(ca.even_odd_r, near(cell(e[9]), 1e-9, 1e-9));
    CHECK_THAT(ca.even_odd, near(cell(e[10]), 1e-9, 1e-9));
    CHECK(static_cast<double>(cb.even_odd_units) == cell(e[11]));
    CHECK_THAT(cb.even_odd_r, near(cell(e[12]), 1e-9, 1e-9));
    CHECK_THAT(cb.even_odd, near(cell(e[13]), 1e-9, 1e-9));
    // an index without a value says why
    if (std::isnan(cell(e[9])))
      CHECK(ca.even_odd_status != st::CarelessStatus::ok);
    else
      CHECK(ca.even_odd_status == st::CarelessStatus::ok);
  }
}

TEST_CASE("the chi-square upper tail matches R's pchisq", "[careless]") {
  const auto block = out_block("chisq");
  REQUIRE(block.size() == 9);
  for (std::size_t r = 1; r < block.size(); ++r) {
    INFO(block[r][0] << " on " << block[r][1] << " df");
    // source: careless.R, pchisq(x, df, lower.tail = FALSE), "chisq" block of careless.out
    CHECK_THAT(st::chi_square_upper(cell(block[r][0]), cell(block[r][1])),
               near(cell(block[r][2]), 1e-9, 1e-20));
  }
  CHECK(st::chi_square_upper(0, 3) == 1.0);
  CHECK(std::isnan(st::chi_square_upper(1, 0)));
}

TEST_CASE("longstring and IRV by hand", "[careless]") {
  // source: hand count, runs 2 2 2 | (missing) | 2 2 | 5 -> longest 3
  const std::vector<double> v = {2, 2, 2, na, 2, 2, 5};
  CHECK(st::longstring(v) == 3);
  CHECK(st::longstring(std::vector<double>{na, na}) == 0);
  CHECK(st::longstring(std::vector<double>{}) == 0);
  // source: hand computation, sd(c(1, 3)) = sqrt(2)
  CHECK_THAT(st::irv(std::vector<double>{1, na, 3}), near(std::sqrt(2.0)));
  CHECK(std::isnan(st::irv(std::vector<double>{4, na})));
}

TEST_CASE("flags follow the documented default thresholds", "[careless]") {
  st::CarelessSetup setup = st::careless_setup(layout_a());
  // source: docs/checks.md defaults: longstring >= ceil(0.5 * 12) = 6, IRV < 0.5
  const std::vector<double> flat(12, 4.0);
  const st::Careless f = st::careless(setup, flat);
  CHECK(f.longstring == 12);
  CHECK(f.flags.longstring);
  CHECK(f.flags.irv);
  CHECK_FALSE(f.flags.mahalanobis);  // no model: no flag
  CHECK(f.mahalanobis_status == st::CarelessStatus::no_model);
  // With reversed items a straight-liner's keyed halves disagree. source: hand computation,
  // odd halves (4+4)/2, (4+2)/2, (2+4)/2 = 4, 3, 3 and even halves (2+4)/2, 4, 4 = 3, 4, 4:
  // r = -1, so the Spearman-Brown value is floored at -1
  CHECK(f.even_odd_status == st::CarelessStatus::ok);
  CHECK_THAT(f.even_odd_r, near(-1.0));
  CHECK(f.even_odd == -1.0);
  CHECK(f.flags.even_odd);
  // without reversed items all halves are equal: no variance, no value, no flag
  st::Layout plain = layout_a();
  for (st::ScaleKey& k : plain.scales) std::fill(k.reversed.begin(), k.reversed.end(), 0);
  const st::Careless flat_plain = st::careless(st::careless_setup(plain), flat);
  CHECK(flat_plain.even_odd_status == st::CarelessStatus::no_variance);
  CHECK(std::isnan(flat_plain.even_odd));
  CHECK_FALSE(flat_plain.flags.even_odd);
  CHECK(f.flags.any());
  // a run of 5 of 12 stays below ceil(6): source: hand count
  const std::vector<double> five = {1, 1, 1, 1, 1, 2, 3, 4, 5, 4, 3, 2};
  const st::Careless g = st::careless(setup, five);
  CHECK(g.longstring == 5);
  CHECK_FALSE(g.flags.longstring);
  CHECK_FALSE(g.flags.irv);
  // one answer: no IRV, no flag
  std::vector<double> one(12, na);
  one[3] = 2;
  const st::Careless h = st::careless(setup, one);
  CHECK(h.irv_status == st::CarelessStatus::too_few_answers);
  CHECK(h.even_odd_status == st::CarelessStatus::too_few_units);
  CHECK(st::to_string(h.even_odd_status) == "too_few_units");
  CHECK_FALSE(h.flags.irv);
}

TEST_CASE("even-odd units: scales, or blocks when there are fewer than 3 scales", "[careless]") {
  const auto units = st::even_odd_units(layout_a(), st::EvenOddOptions{});
  REQUIRE(units.size() == 3);
  CHECK(units[1].scale == 1);
  CHECK(units[1].members == std::vector<std::size_t>{0, 1, 2, 3});
  // two scales of 6 with the default 6-item blocks: one block each, so too few units
  CHECK(st::even_odd_units(layout_b(), st::EvenOddOptions{}).size() == 2);
  // blocks of 4 over 6 items: 4 + 2; blocks of 5: 5 + 1, and the 1 joins the block before
  st::EvenOddOptions four{3, 4};
  const auto u4 = st::even_odd_units(layout_b(), four);
  REQUIRE(u4.size() == 4);
  CHECK(u4[1].members == std::vector<std::size_t>{4, 5});
  st::EvenOddOptions five{3, 5};
  const auto u5 = st::even_odd_units(layout_b(), five);
  REQUIRE(u5.size() == 2);
  CHECK(u5[0].members.size() == 6);
}

TEST_CASE("a Mahalanobis model that does not fit is error 1005", "[careless]") {
  using securebase::test::check_error;
  st::MahalanobisModel m;
  m.mean = {0, 0};
  m.covariance = st::SquareMatrix{2, {1, 0, 0, 1}};
  st::validate_model(m, 2, "cov.json");  // fits
  check_error([&] { st::validate_model(m, 3, "cov.json"); }, ErrorCode::stats_covariance,
              "[securebase.stats.1005] cov.json: the mean vector has 2 values, but must have one "
              "per item (3); take the means and covariances from a statistics partial of the "
              "same instrument, over enough respondents");
  st::MahalanobisModel singular = m;
  singular.covariance = st::SquareMatrix{2, {1, 1, 1, 1}};
  check_error([&] { st::validate_model(singular, 2, "cov.json"); }, ErrorCode::stats_covariance,
              "[securebase.stats.1005] cov.json: the covariance matrix is not positive definite "
              "(it fails at item 2): an item has no variance or is a linear combination of "
              "others; take the means and covariances from a statistics partial of the same "
              "instrument, over enough respondents");
  st::MahalanobisModel skew = m;
  skew.covariance = st::SquareMatrix{2, {1, 0.5, 0.4, 1}};
  check_error([&] { st::validate_model(skew, 2, "cov.json"); }, ErrorCode::stats_covariance,
              "[securebase.stats.1005] cov.json: the covariance matrix is not symmetric at "
              "items 1 and 2; take the means and covariances from a statistics partial of the "
              "same instrument, over enough respondents");
  st::MahalanobisModel wrong_k = m;
  wrong_k.covariance = st::SquareMatrix{1, {1}};
  check_error([&] { st::validate_model(wrong_k, 2, "cov.json"); }, ErrorCode::stats_covariance,
              "[securebase.stats.1005] cov.json: the covariance matrix is not 2 x 2, one row and "
              "column per item; take the means and covariances from a statistics partial of the "
              "same instrument, over enough respondents");
  st::MahalanobisModel inf = m;
  inf.mean[1] = std::numeric_limits<double>::infinity();
  check_error([&] { st::validate_model(inf, 2, "cov.json"); }, ErrorCode::stats_covariance,
              "[securebase.stats.1005] cov.json: the mean of item 2 is not a finite number; "
              "take the means and covariances from a statistics partial of the same "
              "instrument, over enough respondents");
  // an accumulator where two items were never answered together
  st::Accumulator acc = st::make_accumulator(st::Layout{{"a", "b"}, 1, 5, {}, std::nullopt});
  for (double x : {1.0, 2.0, 3.0}) {
    st::add_row(acc, std::vector<double>{x, na}, std::vector<double>{});
    st::add_row(acc, std::vector<double>{na, x}, std::vector<double>{});
  }
  check_error([&] { (void)st::mahalanobis_model(acc, "shard.json"); }, ErrorCode::stats_covariance,
              "[securebase.stats.1005] shard.json: the covariance of items 1 and 2 is not a "
              "finite number (too few respondents answered both); take the means and "
              "covariances from a statistics partial of the same instrument, over enough "
              "respondents");
}

TEST_CASE("careless thresholds out of range are error 1006", "[careless]") {
  using securebase::test::check_error;
  st::validate_thresholds(st::CarelessThresholds{});
  st::CarelessThresholds t;
  t.mahalanobis_p_below = 1.5;
  check_error([&] { st::validate_thresholds(t); }, ErrorCode::stats_parameter,
              "[securebase.stats.1006] careless thresholds: the Mahalanobis p threshold is "
              "1.5, but must be in (0, 1)");
  t = st::CarelessThresholds{};
  t.longstring_fraction = 0;
  check_error([&] { st::validate_thresholds(t); }, ErrorCode::stats_parameter,
              "[securebase.stats.1006] careless thresholds: the longstring fraction is "
              "0, but must be in (0, 1]");
  t = st::CarelessThresholds{};
  t.irv_below = na;
  check_error([&] { st::validate_thresholds(t); }, ErrorCode::stats_parameter,
              "[securebase.stats.1006] careless thresholds: the IRV threshold is NaN, but must "
              "be a finite number >= 0");
  t = st::CarelessThresholds{};
  t.even_odd_below = 2;
  check_error([&] { st::validate_thresholds(t); }, ErrorCode::stats_parameter,
              "[securebase.stats.1006] careless thresholds: the even-odd threshold is "
              "2, but must be in [-1, 1]");
}
