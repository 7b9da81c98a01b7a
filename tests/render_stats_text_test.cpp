// Tests of include/securebase/render/stats_text.hpp: the statistics summary as a terminal table.
// Expected numbers: psych 2.2.9 on the bfi data, tests/oracle/stats_psych.out (rounded to the
// table's 3 decimals), and hand-made summaries for the layout and the missing-value notes.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "securebase/render/stats_text.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"
#include "support/stats_oracle.hpp"

namespace st = securebase::stats;
using securebase::render_stats_text;

namespace {

bool has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

}  // namespace

TEST_CASE("stats table of the bfi data shows psych's numbers", "[render_stats_text]") {
  const auto d = securebase::test::stats_oracle("bfi");
  const std::string text =
      render_stats_text(st::summarise(securebase::test::stats_oracle_accumulate(d)));
  INFO(text);
  CHECK(has(text,
            "Statistics of 2800 respondents (scored rows: ok or incomplete)\n"
            "missing data: pairwise (each covariance over the rows answering both items)\n"));
  // source: stats_psych.out lines 5-8: n 2800, mean 4.652095, sd 0.8984019, min 1, max 6,
  // skew -0.7583658, kurtosis 0.3954684
  CHECK(has(text,
            "Scale agreeableness (5 items)\n"
            "            n   mean     SD    skew  kurtosis    min    max\n"
            "  score  2800  4.652  0.898  -0.758     0.395  1.000  6.000\n"));
  // source: stats_psych.out line 12 (raw_alpha 0.7030184, std.alpha 0.7130286, average_r
  // 0.3319677); Feldt 0.6852643 and 0.7200634 (lines 19, 23); Duhachek 0.6854730 and
  // 0.7205639 (stats-expected.csv: alpha -/+ 1.96 ase)
  CHECK(has(text,
            "  alpha 0.703 raw, 0.713 standardised; average r 0.332; N = 2800\n"
            "    95% interval: Feldt [0.685, 0.720], Duhachek [0.685, 0.721]\n"));
  // source: stats_psych.out line 61, omega.tot 0.7229431
  CHECK(has(text, "  omega total: minres 0.723, ML "));
  // source: stats_psych.out lines 26-42: A1- r.drop 0.3084177, raw.r 0.5806903, mean 4.586566,
  // sd 1.407737, raw_alpha if dropped 0.7185174; A2 0.5636152 0.7279845 4.802380 1.172020
  // 0.6171800. The scores are the answered means, so the score's r is raw.r here.
  CHECK(has(text,
            "  item  keyed      mean     SD  r.drop  raw.r  score r  alpha if dropped\n"
            "  A1    reversed  4.587  1.408   0.308  0.581    0.581             0.719\n"
            "  A2              4.802  1.172   0.564  0.728    0.728             0.617\n"));
  // source: stats-expected.csv, cor(agreeableness, neuroticism) = -0.1851767
  CHECK(has(text,
            "                 agreeableness  neuroticism\n"
            "  agreeableness          1.000\n"
            "  neuroticism           -0.185        1.000\n"));
}

TEST_CASE("stats table prints the listwise choice", "[render_stats_text]") {
  const auto d = securebase::test::stats_oracle("bfi");
  const std::string text = render_stats_text(
      st::summarise(securebase::test::stats_oracle_accumulate(d), st::Missing::listwise));
  INFO(text);
  CHECK(has(text, "missing data: listwise (only rows answering every item of the scale)\n"));
  // source: stats_psych.out line 66, listwise raw_alpha 0.7037559, std.alpha 0.7135016,
  // average_r 0.3324807; listwise N is the complete rows (2709 for A1's n, line 80, is the
  // item's; the scale's complete rows are stats-expected.csv listwise.n_rows)
  CHECK(has(text, "  alpha 0.704 raw, 0.714 standardised; average r 0.332; N = "));
}

TEST_CASE("stats table says why a value is missing", "[render_stats_text]") {
  // One scale of one item (no alpha: too_few_items) and a scale whose second item is never
  // answered (item_all_missing), over 3 rows.
  st::Layout layout;
  layout.items = {"a", "b", "c"};
  layout.min = 1;
  layout.max = 5;
  layout.scales = {{"one", {0}, {0}}, {"pair", {1, 2}, {0, 1}}};
  st::Accumulator acc = st::make_accumulator(layout);
  const double nan = std::nan("");
  const double rows[][3] = {{1, 2, nan}, {3, 4, nan}, {5, 1, nan}};
  for (const auto& r : rows) {
    const double scores[] = {r[0], r[1]};
    st::add_row(acc, r, scores);
  }
  const std::string text = render_stats_text(st::summarise(acc));
  INFO(text);
  // source: hand computation, scores 1, 3, 5: mean 3, SD 2, skew 0, kurtosis
  // (m4/n)/sd^4 - 3 = (32/3)/16 - 3 = -2.333
  CHECK(has(text,
            "Scale one (1 item)\n"
            "         n   mean     SD   skew  kurtosis    min    max\n"
            "  score  3  3.000  2.000  0.000    -2.333  1.000  5.000\n"
            "  alpha: NA (too_few_items: fewer than 2 items)\n"
            "  omega total: NA (too_few_items: fewer than 2 items)\n"));
  CHECK(has(text, "  c     reversed     NA     NA      NA     NA       NA                NA\n"));
  CHECK(has(text, "  c: NA (too_few_cases: too few respondents)\n"));
  CHECK(has(text, "  alpha: NA (item_all_missing: an item has fewer than 2 answers)\n"));
}

TEST_CASE("stats table of an empty summary", "[render_stats_text]") {
  st::Summary s;
  // source: render_stats_text's header lines, with no scales to list
  CHECK(render_stats_text(s) ==
        "Statistics of 0 respondents (scored rows: ok or incomplete)\n"
        "missing data: pairwise (each covariance over the rows answering both items)\n");
}

TEST_CASE("stats checks list every warning and the published values", "[render_stats_text]") {
  std::vector<st::CheckWarning> warnings{
      {"negative_item_total", "anxiety", "i03", {{"corrected_r", -0.2}}, "check the key of i03"},
      {"better_order", "", "", {}, "the columns fit order x better"}};
  st::PublishedComparison p;
  p.scale = "anxiety";
  p.score.n = 120;
  p.score.mean = 3.5;
  p.score.sd = 1.25;
  p.alpha.status = st::StatStatus::ok;
  p.alpha.raw = 0.9;
  p.reliability = securebase::Reliability{0.93, std::nullopt, "Author 2000", false};
  p.norms.push_back({"set-1", "Author 2000", 400, 3.25, 1.0, 0.91, 0.25, 1.25});
  const std::vector<st::PublishedComparison> published{p};
  // source: the numbers above with 3 decimals; d and SD ratio as given, not recomputed
  CHECK(securebase::render_stats_checks_text(warnings, published) ==
        "Checks (signs of mis-keying or a wrong layout; docs/checks.md)\n"
        "  ! negative_item_total (scale anxiety, item i03): check the key of i03\n"
        "  ! better_order: the columns fit order x better\n"
        "\n"
        "Sample beside published values (d = (sample mean - norm mean) / norm SD)\n"
        "  scale    source                   n   mean     SD  reliability      d  SD ratio\n"
        "  anxiety  sample                 120  3.500  1.250        0.900\n"
        "           published reliability                           0.930\n"
        "           norms set-1            400  3.250  1.000        0.910  0.250     1.250\n"
        "  (sample reliability: alpha raw; published: as the source reports it)\n"
        "  anxiety reliability: Author 2000\n"
        "  norms set-1: Author 2000\n");
}

TEST_CASE("stats checks without warnings or published values", "[render_stats_text]") {
  // source: the sentences render_stats_checks_text prints for empty lists
  CHECK(securebase::render_stats_checks_text({}, {}) ==
        "Checks (signs of mis-keying or a wrong layout; docs/checks.md)\n"
        "  none: no check found a problem\n"
        "\n"
        "Sample beside published values (d = (sample mean - norm mean) / norm SD)\n"
        "  no scale has published values\n");
}
