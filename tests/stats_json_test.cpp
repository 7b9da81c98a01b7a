// Tests of include/securebase/io/stats_json.hpp: the statistics summary as JSON.
// Expected numbers: the psych oracle (tests/oracle/stats_psych.R, printed in
// tests/oracle/stats_psych.out, stored in tests/data/oracle/stats-expected.csv), and the
// Summary itself for the round trip (the JSON must read back as the very same doubles).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "securebase/io/stats_json.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"
#include "support/near.hpp"
#include "support/stats_oracle.hpp"

using securebase::test::near;
namespace st = securebase::stats;
using nlohmann::json;

namespace {

// The JSON number as a double; NaN for null (so it compares with NaN fields).
double num(const json& j) { return j.is_null() ? std::nan("") : j.get<double>(); }

// Every number of an alpha object equals the struct's, bit for bit.
void check_alpha(const json& j, const st::Alpha& a) {
  CHECK(j.at("status") == std::string(st::to_string(a.status)));
  CHECK(j.at("items").get<std::size_t>() == a.items);
  const auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
  CHECK(same(num(j.at("n")), a.n));
  CHECK(same(num(j.at("raw")), a.raw));
  CHECK(same(num(j.at("standardised")), a.standardised));
  CHECK(same(num(j.at("average_r")), a.average_r));
  CHECK(same(num(j.at("ase")), a.ase));
  CHECK(same(num(j.at("feldt").at("lower")), a.feldt.lower));
  CHECK(same(num(j.at("feldt").at("upper")), a.feldt.upper));
  CHECK(same(num(j.at("feldt_exact").at("lower")), a.feldt_exact.lower));
  CHECK(same(num(j.at("feldt_exact").at("upper")), a.feldt_exact.upper));
  CHECK(same(num(j.at("duhachek").at("lower")), a.duhachek.lower));
  CHECK(same(num(j.at("duhachek").at("upper")), a.duhachek.upper));
}

}  // namespace

TEST_CASE("stats summary JSON reads back as the same doubles", "[stats_json]") {
  const auto data = GENERATE(as<std::string>{}, "bfi", "synthetic");
  const auto missing = GENERATE(st::Missing::pairwise, st::Missing::listwise);
  const auto d = securebase::test::stats_oracle(data);
  const st::Summary s = st::summarise(securebase::test::stats_oracle_accumulate(d), missing);
  const json j = json::parse(securebase::to_stats_json(s));
  CHECK(j.at("format") == "securebase-stats-summary");
  CHECK(j.at("version") == 1);
  CHECK(j.at("missing") == std::string(st::to_string(missing)));
  CHECK(j.at("rows").get<std::uint64_t>() == s.rows);
  REQUIRE(j.at("scales").size() == s.scales.size());
  for (std::size_t k = 0; k < s.scales.size(); ++k) {
    const st::ScaleStats& sc = s.scales[k];
    const json& js = j.at("scales")[k];
    INFO(data << " " << sc.id);
    CHECK(js.at("id") == sc.id);
    CHECK(js.at("rows").get<std::uint64_t>() == sc.rows);
    CHECK(js.at("score").at("status") == "ok");
    CHECK(js.at("score").at("n").get<std::uint64_t>() == sc.score.n);
    CHECK(num(js.at("score").at("mean")) == sc.score.mean);
    CHECK(num(js.at("score").at("sd")) == sc.score.sd);
    CHECK(num(js.at("score").at("skew")) == sc.score.skew);
    CHECK(num(js.at("score").at("kurtosis")) == sc.score.kurtosis);
    CHECK(num(js.at("score").at("min")) == sc.score.min);
    CHECK(num(js.at("score").at("max")) == sc.score.max);
    CHECK(num(js.at("score").at("se")) == sc.score.se);
    check_alpha(js.at("alpha"), sc.alpha);
    CHECK(js.at("omega").at("fit") == "minres");
    CHECK(num(js.at("omega").at("total")) == sc.omega.total);
    CHECK(js.at("omega").at("loadings").get<std::vector<double>>() == sc.omega.loadings);
    CHECK(js.at("omega_ml").at("fit") == "ml");
    REQUIRE(js.at("items").size() == sc.items.size());
    for (std::size_t i = 0; i < sc.items.size(); ++i) {
      const st::ItemStats& it = sc.items[i];
      const json& ji = js.at("items")[i];
      CHECK(ji.at("id") == it.id);
      CHECK(ji.at("reversed") == it.reversed);
      CHECK(ji.at("n").get<std::uint64_t>() == it.n);
      CHECK(num(ji.at("mean")) == it.mean);
      CHECK(num(ji.at("sd")) == it.sd);
      CHECK(num(ji.at("item_total_r")) == it.item_total_r);
      CHECK(num(ji.at("item_score_r")) == it.item_score_r);
      CHECK(num(ji.at("standardised_r")) == it.standardised_r);
      CHECK(num(ji.at("corrected_r")) == it.corrected_r);
      check_alpha(ji.at("alpha_if_dropped"), it.if_dropped);
      CHECK(ji.at("counts").get<std::vector<std::uint64_t>>() == it.counts);
      CHECK(ji.at("off_scale").get<std::uint64_t>() == it.off_scale);
    }
  }
  const json& corr = j.at("scale_correlations");
  CHECK(corr.at("scales").size() == s.scales.size());
  CHECK(num(corr.at("r")[0][1]) == s.scale_correlations(0, 1));
  CHECK(num(corr.at("r")[1][0]) == s.scale_correlations(1, 0));
  CHECK(num(corr.at("r")[0][0]) == 1.0);
}

TEST_CASE("stats summary JSON carries psych's numbers", "[stats_json]") {
  const auto e = securebase::test::stats_oracle_expected();
  const auto d = securebase::test::stats_oracle("bfi");
  const json j = json::parse(
      securebase::to_stats_json(st::summarise(securebase::test::stats_oracle_accumulate(d))));
  const json& a = j.at("scales")[0];
  REQUIRE(a.at("id") == "agreeableness");
  constexpr double tol = 1e-9;  // closed form, as tests/stats_test.cpp
  // source: psych::describe, stats_psych.out line 6-8 (mean 4.652095, sd 0.8984019)
  CHECK_THAT(num(a.at("score").at("mean")), near(e.at("bfi|agreeableness||mean"), tol));
  CHECK_THAT(num(a.at("score").at("sd")), near(e.at("bfi|agreeableness||sd"), tol));
  CHECK_THAT(num(a.at("score").at("skew")), near(e.at("bfi|agreeableness||skew"), tol));
  // source: psych::alpha, stats_psych.out line 12 (raw_alpha 0.703018446057304)
  CHECK_THAT(num(a.at("alpha").at("raw")),
             near(e.at("bfi|agreeableness||pairwise.raw_alpha"), tol));
  CHECK_THAT(num(a.at("alpha").at("feldt").at("lower")),
             near(e.at("bfi|agreeableness||pairwise.feldt_lower"), tol));
  CHECK_THAT(num(a.at("alpha").at("duhachek").at("upper")),
             near(e.at("bfi|agreeableness||pairwise.duhachek_upper"), tol));
  // source: psych::alpha item.stats, stats_psych.out line 26 and 32 (A1- r.drop 0.3084177)
  const json& a1 = a.at("items")[0];
  CHECK(a1.at("id") == "A1");
  CHECK(a1.at("reversed") == true);
  CHECK_THAT(num(a1.at("corrected_r")), near(e.at("bfi|agreeableness|A1|pairwise.r_drop"), tol));
  CHECK_THAT(num(a1.at("item_total_r")), near(e.at("bfi|agreeableness|A1|pairwise.raw_r"), tol));
  // bfi's scores are the answered means, as psych's total: the score's r is raw.r
  CHECK_THAT(num(a1.at("item_score_r")), near(e.at("bfi|agreeableness|A1|pairwise.raw_r"), tol));
  CHECK_THAT(num(a1.at("alpha_if_dropped").at("raw")),
             near(e.at("bfi|agreeableness|A1|pairwise.drop_raw_alpha"), tol));
  // source: psych::omega(nfactors = 1)$omega.tot, stats_psych.out line 61; 1e-4 (iterative)
  CHECK_THAT(num(a.at("omega").at("total")),
             near(e.at("bfi|agreeableness||pairwise.omega_total"), 1e-4));
  // source: cor(use = "pairwise") of the scale scores, stats-expected.csv
  CHECK_THAT(num(j.at("scale_correlations").at("r")[0][1]),
             near(e.at("bfi|agreeableness~neuroticism||cor"), tol));
}

TEST_CASE("stats summary JSON writes a missing value as null beside its reason", "[stats_json]") {
  // A one-item scale and a scale whose item is never answered: by construction, no alpha.
  st::Layout layout;
  layout.items = {"a", "b", "c"};
  layout.min = 1;
  layout.max = 5;
  layout.scales = {{"one", {0}, {0}}, {"pair", {1, 2}, {0, 0}}};
  st::Accumulator acc = st::make_accumulator(layout);
  const double nan = std::nan("");
  const double rows[][3] = {{1, 2, nan}, {3, 4, nan}, {5, 1, nan}};
  for (const auto& r : rows) {
    const double scores[] = {r[0], r[1]};
    st::add_row(acc, r, scores);
  }
  const json j = json::parse(securebase::to_stats_json(st::summarise(acc)));
  const json& one = j.at("scales")[0];
  // source: reliability.hpp: k < 2 is too_few_items, values NaN
  CHECK(one.at("alpha").at("status") == "too_few_items");
  CHECK(one.at("alpha").at("raw").is_null());
  CHECK(one.at("alpha").at("feldt").at("lower").is_null());
  const json& pair = j.at("scales")[1];
  // source: item c has no answers: item_all_missing (summary.cpp), values NaN
  CHECK(pair.at("alpha").at("status") != "ok");
  CHECK(pair.at("alpha").at("raw").is_null());
  CHECK(pair.at("items")[1].at("status") == "too_few_cases");
  CHECK(pair.at("items")[1].at("mean").is_null());
  // source: 3 rows, scores 1, 3, 5: mean 3, sd 2 (hand computation)
  CHECK(num(one.at("score").at("mean")) == 3.0);
  CHECK(num(one.at("score").at("sd")) == 2.0);
  // source: summary.hpp: two scales sharing no item get omega hierarchical; a one-item scale is
  // no factor, so too_few_items and null values
  REQUIRE(j.at("hierarchical").is_object());
  CHECK(j.at("hierarchical").at("status") == "too_few_items");
  CHECK(j.at("hierarchical").at("omega_h").is_null());
}

TEST_CASE("stats summary JSON on one line", "[stats_json]") {
  st::Layout layout;
  layout.items = {"a"};
  layout.scales = {{"s", {0}, {0}}};
  const std::string text =
      securebase::to_stats_json(st::summarise(st::make_accumulator(layout)), -1);
  // source: indent -1 is nlohmann's compact dump plus the final newline
  CHECK(text.find('\n') == text.size() - 1);
  CHECK(text.rfind(
            R"({"format":"securebase-stats-summary","version":1,"missing":"pairwise","rows":0,)",
            0) == 0);
}

TEST_CASE("stats summary JSON with checks and published values", "[stats_json]") {
  st::Layout layout;
  layout.items = {"a", "b"};
  layout.scales = {{"s", {0, 1}, {0, 0}}};
  const st::Summary summary = st::summarise(st::make_accumulator(layout));
  const std::vector<st::CheckWarning> warnings{
      {"negative_item_total", "s", "b", {{"corrected_r", -0.125}}, "check the key of b"}};
  st::PublishedComparison p;
  p.scale = "s";
  p.score.n = 10;
  p.score.mean = 2.5;
  p.score.sd = 0.5;
  p.alpha.status = st::StatStatus::too_few_cases;
  p.alpha.raw = std::nan("");
  p.norms.push_back({"set", "Someone 1999", 200, 2.0, 1.0, std::nullopt, 0.5, 0.5});
  const std::vector<st::PublishedComparison> published{p};
  const json j = json::parse(securebase::to_stats_json(summary, warnings, published));
  // source: the values given above, written as they are (NaN as null)
  CHECK(j.at("format") == "securebase-stats-summary");
  CHECK(j.at("scales").size() == 1);
  REQUIRE(j.at("checks").size() == 1);
  const json& w = j.at("checks").at(0);
  CHECK(w.at("id") == "negative_item_total");
  CHECK(w.at("scale") == "s");
  CHECK(w.at("item") == "b");
  CHECK(w.at("values").at("corrected_r").get<double>() == -0.125);
  CHECK(w.at("message") == "check the key of b");
  REQUIRE(j.at("published").size() == 1);
  const json& pj = j.at("published").at(0);
  CHECK(pj.at("scale") == "s");
  CHECK(pj.at("sample").at("n") == 10);
  CHECK(pj.at("sample").at("mean").get<double>() == 2.5);
  CHECK(pj.at("sample").at("alpha").is_null());
  CHECK(pj.at("sample").at("alpha_status") == "too_few_cases");
  CHECK(pj.at("reliability").is_null());
  const json& n = pj.at("norms").at(0);
  CHECK(n.at("norm_set") == "set");
  CHECK(n.at("citation") == "Someone 1999");
  CHECK(n.at("n") == 200);
  CHECK(n.at("reliability").is_null());
  CHECK(n.at("d").get<double>() == 0.5);
  CHECK(n.at("sd_ratio").get<double>() == 0.5);
  // Without checks the document has neither member (unchanged layout).
  const json plain = json::parse(securebase::to_stats_json(summary));
  CHECK_FALSE(plain.contains("checks"));
  CHECK_FALSE(plain.contains("published"));
}
