// The statistics on a large sample with missing answers: 200,000 rows made by the generator of
// tests/oracle/stats_large.R, checked against psych::alpha's output printed in
// tests/oracle/stats_large.out (psych 2.2.9): alpha, Feldt's interval at N = 200,000, and the
// item statistics, psych's raw.r among them, while the scale scores follow a minimum-answered
// rule as an instrument's do.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/summary.hpp"
#include "support/near.hpp"
#include "support/oracle_csv.hpp"

namespace st = securebase::stats;
using securebase::test::near;

namespace {

constexpr std::size_t rows = 200000;
constexpr std::size_t items = 20;

// stats_large.R's generator: a MINSTD stream per row (s <- 48271 s mod 2^31 - 1, seeded from
// the row number and advanced 8 times), then a latent value, whether the row is sparse, and per
// item a noise value and whether the answer is missing; the answer is the latent value times
// the item's loading plus 3 noise values, cut into 5 bins of 3000. NaN = missing.
std::vector<double> generated() {
  constexpr std::uint64_t m = 2147483647;
  constexpr std::int64_t loading[items] = {3, 2, 3, -3, 2,  3, 2, 3, -2, 3,
                                           2, 3, 2, 3,  -3, 2, 3, 2, 3,  -2};
  std::vector<double> out(rows * items);
  for (std::uint64_t r = 1; r <= rows; ++r) {
    std::uint64_t s = 1 + (104729 * r + 20261207) % (m - 1);
    const auto draw = [&s] {
      s = 48271 * s % m;
      return static_cast<std::int64_t>(s);
    };
    for (int k = 0; k < 8; ++k) draw();
    std::int64_t latent = -2000;
    for (int k = 0; k < 4; ++k) latent += draw() % 1001;
    const bool sparse = draw() % 100 < 3;
    for (std::size_t i = 0; i < items; ++i) {
      std::int64_t noise = draw() % 1001;
      noise += draw() % 1001 - 1000;
      const bool gap = draw() % 100 < (sparse ? 60 : 5);
      const std::int64_t v =
          std::clamp<std::int64_t>(loading[i] * latent + 3 * noise + 7500, 0, 14999);
      out[(r - 1) * items + i] = gap ? std::nan("") : static_cast<double>(1 + v / 3000);
    }
  }
  return out;
}

// One block of stats_large.out as CSV rows (header first).
std::vector<std::vector<std::string>> out_block(const std::string& name) {
  std::ifstream in(std::string(SECUREBASE_SOURCE_DIR) + "/tests/oracle/stats_large.out");
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> block;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside) {
      inside = line == name;
      continue;
    }
    if (line == "end") break;
    block.push_back(securebase::test::split_commas(line));
  }
  REQUIRE(block.size() > 1);
  return block;
}

st::ScaleKey key(const std::string& id, std::vector<std::size_t> at,
                 std::vector<unsigned char> rev) {
  return {id, std::move(at), std::move(rev), 1, 5};
}

}  // namespace

TEST_CASE("200,000 rows with missing answers: alpha, Feldt's interval and raw.r match psych",
          "[stats][large]") {
  const std::vector<double> data = generated();
  // source: stats_large.out, "fingerprint": R made the same rows (missing answers, sums and
  // sums of squares per item, all whole numbers)
  const auto fingerprint = out_block("fingerprint");
  REQUIRE(fingerprint.size() == items + 1);
  for (std::size_t i = 0; i < items; ++i) {
    double missing = 0;
    double sum = 0;
    double squares = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const double x = data[r * items + i];
      if (std::isnan(x)) {
        ++missing;
      } else {
        sum += x;
        squares += x * x;
      }
    }
    INFO("x" << i + 1);
    CHECK(missing == std::stod(fingerprint[i + 1][1]));
    CHECK(sum == std::stod(fingerprint[i + 1][2]));
    CHECK(squares == std::stod(fingerprint[i + 1][3]));
  }

  st::Layout layout;
  for (std::size_t i = 0; i < items; ++i) layout.items.push_back("x" + std::to_string(i + 1));
  layout.min = 1;
  layout.max = 5;
  std::vector<std::size_t> long_items(18);
  for (std::size_t i = 0; i < 18; ++i) long_items[i] = i;
  std::vector<unsigned char> long_rev(18, 0);
  long_rev[3] = long_rev[8] = long_rev[14] = 1;  // x4, x9, x15
  layout.scales = {key("long", long_items, long_rev), key("short", {18, 19}, {0, 1})};
  // Scale scores as an instrument with ECR-R's rule scores them: the mean of the answered keyed
  // items when at least ceil(0.8 k) are answered (15 of 18, 2 of 2).
  st::Accumulator acc = st::make_accumulator(layout);
  st::RowBlock block = st::make_block(layout);
  std::vector<double> scores(2);
  for (std::size_t r = 0; r < rows; ++r) {
    const double* row = &data[r * items];
    for (std::size_t s = 0; s < 2; ++s) {
      const st::ScaleKey& k = layout.scales[s];
      double sum = 0;
      std::size_t answered = 0;
      for (std::size_t i = 0; i < k.items.size(); ++i) {
        const double x = row[k.items[i]];
        if (std::isnan(x)) continue;
        sum += k.reversed[i] != 0 ? 6 - x : x;
        ++answered;
      }
      const auto needed =
          static_cast<std::size_t>(std::ceil(0.8 * static_cast<double>(k.items.size())));
      scores[s] = answered >= needed ? sum / static_cast<double>(answered) : std::nan("");
    }
    st::append_row(block, std::vector<double>(row, row + items), scores);
    if (block.rows() == 4096 || r + 1 == rows) {
      st::add_rows(acc, block);
      block.values.clear();
    }
  }

  std::map<std::string, double> want;
  for (const auto& e : out_block("expected"))
    if (e[0] == "large") want[e[1] + "|" + e[2] + "|" + e[3]] = std::stod(e[4]);
  const auto expect = [&](const std::string& scale, const std::string& item,
                          const std::string& statistic) {
    const auto it = want.find(scale + "|" + item + "|" + statistic);
    REQUIRE(it != want.end());
    return it->second;
  };
  constexpr double tol = 1e-9;
  for (const st::Missing missing : {st::Missing::pairwise, st::Missing::listwise}) {
    const st::Summary sum = st::summarise(acc, missing);
    const std::string p = std::string(st::to_string(missing)) + ".";
    for (const st::ScaleStats& s : sum.scales) {
      INFO(s.id << " " << p);
      // source: psych::alpha, stats_large.out
      CHECK(static_cast<double>(s.rows) == expect(s.id, "", p + "n_rows"));
      CHECK_THAT(s.alpha.raw, near(expect(s.id, "", p + "raw_alpha"), tol));
      CHECK_THAT(s.alpha.standardised, near(expect(s.id, "", p + "std_alpha"), tol));
      CHECK_THAT(s.alpha.average_r, near(expect(s.id, "", p + "average_r"), tol));
      CHECK_THAT(s.alpha.ase, near(expect(s.id, "", p + "ase"), tol));
      // source: psych::alpha's feldt (stats_large.out): R's qf, the chi-square limit above 4e5
      // denominator degrees of freedom, so it equals the exact interval for the short scale
      // (199,999 df) and is narrower by 1e-5 on each side for the long one (3.4e6 df).
      CHECK_THAT(s.alpha.feldt.lower, near(expect(s.id, "", p + "feldt_lower"), tol));
      CHECK_THAT(s.alpha.feldt.upper, near(expect(s.id, "", p + "feldt_upper"), tol));
      // source: psych::alpha.ci's formula with the F quantiles themselves (feldt_exact_*)
      CHECK_THAT(s.alpha.feldt_exact.lower, near(expect(s.id, "", p + "feldt_exact_lower"), tol));
      CHECK_THAT(s.alpha.feldt_exact.upper, near(expect(s.id, "", p + "feldt_exact_upper"), tol));
      if (s.id == "long") {
        CHECK(s.alpha.feldt.lower - s.alpha.feldt_exact.lower > 5e-6);
        CHECK(s.alpha.feldt_exact.upper - s.alpha.feldt.upper > 5e-6);
      }
      for (const st::ItemStats& it : s.items) {
        INFO(it.id);
        CHECK(static_cast<double>(it.n) == expect(s.id, it.id, p + "n"));
        // source: psych::alpha's item.stats, stats_large.out
        CHECK_THAT(it.item_total_r, near(expect(s.id, it.id, p + "raw_r"), tol));
        CHECK_THAT(it.standardised_r, near(expect(s.id, it.id, p + "std_r"), tol));
        CHECK_THAT(it.corrected_r, near(expect(s.id, it.id, p + "r_drop"), tol));
        CHECK_THAT(it.mean, near(expect(s.id, it.id, p + "mean"), tol));
        CHECK_THAT(it.sd, near(expect(s.id, it.id, p + "sd"), tol));
        if (s.items.size() > 2)
          CHECK_THAT(it.if_dropped.raw, near(expect(s.id, it.id, p + "drop_raw_alpha"), tol));
        else  // psych reports C12 / C22 there, which is no alpha (docs/stats.md)
          CHECK(it.if_dropped.status == st::StatStatus::too_few_items);
        // source: R's cor(keyed item, scored mean, use = "pairwise"), stats_large.out
        CHECK_THAT(it.item_score_r, near(expect(s.id, it.id, p + "score_r"), tol));
      }
    }
  }
}
