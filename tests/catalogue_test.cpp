// Tests of the catalogue instruments (ecr-s, ecr-12, rsq, raas): their published keys, their
// minimum-answered rules, and every scale score of the R oracle's golden vectors
// (tests/oracle/catalogue_scores.R).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/near.hpp"
#include "support/oracle_csv.hpp"
#include "support/scale_keys.hpp"

using securebase::empty_responses;
using securebase::Instrument;
using securebase::load_embedded_instrument;
using securebase::Responses;
using securebase::ScaleScore;
using securebase::ScoreOptions;
using securebase::Scores;
using securebase::ScoreStatus;
using securebase::test::Csv;
using securebase::test::near;
using securebase::test::oracle_dir;
using securebase::test::read_csv;

using securebase::test::key_of;
using securebase::test::scale_def;
using securebase::test::scale_ids;
using securebase::test::ScaleKey;

namespace {

const ScaleScore& scale_of(const Scores& scores, const std::string& id) {
  const ScaleScore* s = scores.find(id);
  INFO(id);
  REQUIRE(s != nullptr);
  return *s;
}

Responses all_answered(const Instrument& inst, double value) {
  Responses r = empty_responses(inst);
  for (double& v : r.values) v = value;
  return r;
}

// One answer vector of tests/data/oracle/catalogue_vectors.csv.
struct Vector {
  std::string instrument;
  Responses responses;
};

constexpr std::size_t max_items = 30;  // columns i01..i30

// The minimum-answered count of each catalogue scale, derived by hand from the declared rule:
// every catalogue scale declares proportion 0.8 rounded up, so ceil(0.8 * 6) = ceil(4.8) = 5 for
// the six-item scales, 0.8 * 5 = 4 for RSQ secure and dismissing, ceil(0.8 * 4) = ceil(3.2) = 4
// for RSQ fearful and preoccupied.
const std::map<std::pair<std::string, std::string>, int> required_by_scale = {
    {{"ecr-s", "anxiety"}, 5},    {{"ecr-s", "avoidance"}, 5}, {{"ecr-12", "anxiety"}, 5},
    {{"ecr-12", "avoidance"}, 5}, {{"rsq", "secure"}, 4},      {{"rsq", "fearful"}, 4},
    {{"rsq", "preoccupied"}, 4},  {{"rsq", "dismissing"}, 4},  {{"raas", "close"}, 5},
    {{"raas", "depend"}, 5},      {{"raas", "anxiety"}, 5},
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// The R oracle
// ---------------------------------------------------------------------------------------------

TEST_CASE("catalogue scale scores match the R oracle for every vector and scale", "[catalogue]") {
  const Csv in_csv = read_csv(oracle_dir + "/catalogue_vectors.csv");
  // source: tests/oracle/catalogue_scores.R: columns vector_id, instrument, min, max, i01..i30
  REQUIRE(in_csv.header.size() == 4 + max_items);
  std::map<std::string, Instrument> instruments;
  std::map<std::string, Vector> vectors;
  for (const auto& row : in_csv.rows) {
    INFO(row[0]);
    if (instruments.count(row[1]) == 0)
      instruments.emplace(row[1], load_embedded_instrument(row[1]));
    const Instrument& inst = instruments.at(row[1]);
    // The declared range of the row is the instrument's response scale.
    CHECK(std::stoi(row[2]) == inst.response_scale().min);
    CHECK(std::stoi(row[3]) == inst.response_scale().max);
    Responses r = empty_responses(inst);
    for (std::size_t i = 0; i < max_items; ++i) {
      const std::string& cell = row[4 + i];
      if (i >= inst.items().size()) {
        CHECK(cell.empty());  // padding past the instrument's last item
        continue;
      }
      REQUIRE(in_csv.header[4 + i] == inst.items()[i].id);
      if (cell.empty()) continue;
      securebase::set_answer(r, inst, in_csv.header[4 + i], std::stod(cell),
                             "catalogue_vectors.csv " + row[0]);
    }
    REQUIRE(vectors.count(row[0]) == 0);
    vectors.emplace(row[0], Vector{row[1], std::move(r)});
  }
  // source: tests/oracle/catalogue_scores.out: 23 vectors (6 ECR-S, 6 ECR-12, 6 RSQ, 5 RAAS)
  REQUIRE(vectors.size() == 23);
  CHECK(instruments.size() == 4);

  const Csv expected = read_csv(oracle_dir + "/catalogue_expected.csv");
  REQUIRE(expected.header == std::vector<std::string>{"vector_id", "instrument", "scale",
                                                      "n_answered", "n_missing", "mean"});
  // source: catalogue_scores.out, "63 scale scores": 12 * 2 + 6 * 4 + 5 * 3
  REQUIRE(expected.rows.size() == 63);

  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::string, int> at_rule;
  std::map<std::string, int> below_rule;
  int n_insufficient = 0;
  for (const auto& row : expected.rows) {
    INFO(row[0] << " " << row[2]);
    REQUIRE(vectors.count(row[0]) == 1);
    const Vector& v = vectors.at(row[0]);
    REQUIRE(v.instrument == row[1]);
    const Instrument& inst = instruments.at(row[1]);
    CHECK(seen.emplace(row[0], row[2]).second);

    const Scores scores = securebase::score(inst, v.responses);
    const ScaleScore& s = scale_of(scores, row[2]);
    // source: catalogue_expected.csv columns n_answered and n_missing (counted in R)
    const int n_answered = std::stoi(row[3]);
    const int n_missing = std::stoi(row[4]);
    CHECK(s.n_answered == n_answered);
    CHECK(s.n_missing == n_missing);
    CHECK(s.n_items == n_answered + n_missing);
    const int required = required_by_scale.at({row[1], row[2]});
    CHECK(s.min_required == required);

    if (n_answered >= required) {
      CHECK(s.status == ScoreStatus::ok);
      // source: catalogue_expected.csv column mean (base R and psych::scoreItems agree to 1e-12)
      CHECK_THAT(s.value, near(std::stod(row[5])));
      if (n_answered == required) ++at_rule[row[1]];
    } else {
      ++n_insufficient;
      CHECK(s.status == ScoreStatus::insufficient);
      CHECK(std::isnan(s.value));
      if (n_answered == required - 1) ++below_rule[row[1]];
    }
  }
  // Every scale of every vector was checked.
  std::size_t n_scales = 0;
  for (const auto& [id, v] : vectors) n_scales += instruments.at(v.instrument).scales().size();
  CHECK(seen.size() == n_scales);
  // source: catalogue_scores.out, "10 insufficient" (status column)
  CHECK(n_insufficient == 10);
  // Each instrument has a scale scored exactly at its minimum and one a single answer short.
  for (const auto& [id, inst] : instruments) {
    INFO(id);
    CHECK(at_rule[id] > 0);
    CHECK(below_rule[id] > 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Published keys
// ---------------------------------------------------------------------------------------------

TEST_CASE("the ECR-S key is Wei et al.'s published key", "[catalogue]") {
  const Instrument in = load_embedded_instrument("ecr-s");
  // source: ../shared/reference/instruments.md §3 (Wei, Russell, Mallinckrodt & Vogel, 2007):
  // 12 items, 7-point; avoidance = 1, 3, 5, 7, 9, 11 reversed {1, 5, 9}; anxiety = 2, 4, ..., 12
  // reversed {8}
  CHECK(in.items().size() == 12);
  CHECK(in.response_scale().min == 1);
  CHECK(in.response_scale().max == 7);
  CHECK(in.plan().reverse_sum == 8.0);
  CHECK(scale_ids(in) == std::vector<std::string>{"anxiety", "avoidance"});
  const ScaleKey avo = key_of(in, "avoidance");
  const ScaleKey anx = key_of(in, "anxiety");
  CHECK(avo.numbers == std::vector<int>{1, 3, 5, 7, 9, 11});
  CHECK(avo.reversed_numbers == std::vector<int>{1, 5, 9});
  CHECK(anx.numbers == std::vector<int>{2, 4, 6, 8, 10, 12});
  CHECK(anx.reversed_numbers == std::vector<int>{8});
  for (const securebase::Item& item : in.items()) CHECK(item.keys.size() == 1);
  CHECK(in.canonical_order().id == "wei");
  REQUIRE(in.plane().has_value());
  CHECK(in.scales()[in.plane()->anxiety.scale].id == "anxiety");
  CHECK(in.scales()[in.plane()->avoidance.scale].id == "avoidance");
  // source: instruments.md §3, "Published means/SDs from Wei (2007): NOT retrieved"
  CHECK(in.norm_sets().empty());
  // source: instruments.md §3, Study 1 (N = 851) alpha .78 anxiety and .84 avoidance (tier B/C)
  REQUIRE(scale_def(in, "anxiety").reliability.has_value());
  REQUIRE(scale_def(in, "avoidance").reliability.has_value());
  CHECK(scale_def(in, "anxiety").reliability->value == 0.78);
  CHECK(scale_def(in, "avoidance").reliability->value == 0.84);
  CHECK_FALSE(scale_def(in, "anxiety").reliability->provisional);
  // source: hand computation, ceil(0.8 * 6) = ceil(4.8) = 5
  for (const securebase::Scale& s : in.scales()) CHECK(s.min_answered.required == 5);
}

TEST_CASE("the ECR-12 key is Lafontaine et al.'s key in the ECR-12 order", "[catalogue]") {
  const Instrument in = load_embedded_instrument("ecr-12");
  // source: ../shared/reference/instruments.md §2 (ECR-12, per jpoko/ccc-dashboard) and the
  // Verification addendum: anxiety = 1, 2, 3, 5, 7, 8 (none reversed); avoidance = 4, 6, 9, 10,
  // 11, 12 reversed {6, 9, 10, 11, 12}
  CHECK(in.items().size() == 12);
  CHECK(in.response_scale().min == 1);
  CHECK(in.response_scale().max == 7);
  CHECK(in.plan().reverse_sum == 8.0);
  CHECK(scale_ids(in) == std::vector<std::string>{"anxiety", "avoidance"});
  const ScaleKey anx = key_of(in, "anxiety");
  const ScaleKey avo = key_of(in, "avoidance");
  CHECK(anx.numbers == std::vector<int>{1, 2, 3, 5, 7, 8});
  CHECK(anx.reversed_numbers.empty());
  CHECK(avo.numbers == std::vector<int>{4, 6, 9, 10, 11, 12});
  CHECK(avo.reversed_numbers == std::vector<int>{6, 9, 10, 11, 12});
  for (const securebase::Item& item : in.items()) CHECK(item.keys.size() == 1);
  CHECK(in.canonical_order().id == "lafontaine");
  // source: instruments.md Verification addendum: the 1-12 order is one lab's administration
  CHECK(in.canonical_order().description.find("unverified") != std::string::npos);
  REQUIRE(in.plane().has_value());
  CHECK(in.scales()[in.plane()->anxiety.scale].id == "anxiety");
  // source: instruments.md summary table, ECR-12 norms "Not retrieved"
  CHECK(in.norm_sets().empty());
  // source: hand computation, ceil(0.8 * 6) = ceil(4.8) = 5
  for (const securebase::Scale& s : in.scales()) CHECK(s.min_answered.required == 5);
}

TEST_CASE("the RSQ key has four prototype scales and item 6 in two of them", "[catalogue]") {
  const Instrument in = load_embedded_instrument("rsq");
  // source: ../shared/reference/instruments.md §6 (Griffin & Bartholomew, 1994): 30 items,
  // 5-point; secure 3, 9, 10, 15, 28 reversed {9, 28}; fearful 1, 5, 12, 24; preoccupied 6, 8,
  // 16, 25 reversed {6}; dismissing 2, 6, 19, 22, 26
  CHECK(in.items().size() == 30);
  CHECK(in.response_scale().min == 1);
  CHECK(in.response_scale().max == 5);
  CHECK(in.plan().reverse_sum == 6.0);
  CHECK(scale_ids(in) ==
        std::vector<std::string>{"secure", "fearful", "preoccupied", "dismissing"});
  const ScaleKey sec = key_of(in, "secure");
  const ScaleKey fea = key_of(in, "fearful");
  const ScaleKey pre = key_of(in, "preoccupied");
  const ScaleKey dis = key_of(in, "dismissing");
  CHECK(sec.numbers == std::vector<int>{3, 9, 10, 15, 28});
  CHECK(sec.reversed_numbers == std::vector<int>{9, 28});
  CHECK(fea.numbers == std::vector<int>{1, 5, 12, 24});
  CHECK(fea.reversed_numbers.empty());
  CHECK(pre.numbers == std::vector<int>{6, 8, 16, 25});
  CHECK(pre.reversed_numbers == std::vector<int>{6});
  CHECK(dis.numbers == std::vector<int>{2, 6, 19, 22, 26});
  CHECK(dis.reversed_numbers.empty());

  // source: instruments.md §6, "Item 6 belongs to two scales: reversed in Preoccupied,
  // unreversed in Dismissing"
  const securebase::Item& i06 = in.items()[5];
  REQUIRE(i06.number == 6);
  REQUIRE(i06.keys.size() == 2);
  for (const securebase::ItemKey& k : i06.keys) {
    const std::string& scale = in.scales()[k.scale].id;
    INFO(scale);
    CHECK((scale == "preoccupied" || scale == "dismissing"));
    CHECK(k.reversed == (scale == "preoccupied"));
  }

  // source: instruments.md §6, "Only 17 of the 30 items feed the four prototypes": the other 13
  // have no keys
  std::vector<int> unscored;
  for (const securebase::Item& item : in.items()) {
    if (item.keys.empty()) unscored.push_back(item.number);
  }
  CHECK(unscored == std::vector<int>{4, 7, 11, 13, 14, 17, 18, 20, 21, 23, 27, 29, 30});

  CHECK(in.canonical_order().id == "griffin-bartholomew");
  // source: instruments.md Verification addendum: Kurdek's RSQ anxiety/avoidance lists are
  // unverified, so no plane; §5/§9b: no norms adequate for individuals
  CHECK_FALSE(in.plane().has_value());
  CHECK(in.norm_sets().empty());
  // source: hand computation from proportion 0.8 rounded up: 0.8 * 5 = 4, ceil(0.8 * 4) = 4
  CHECK(scale_def(in, "secure").min_answered.required == 4);
  CHECK(scale_def(in, "dismissing").min_answered.required == 4);
  CHECK(scale_def(in, "fearful").min_answered.required == 4);
  CHECK(scale_def(in, "preoccupied").min_answered.required == 4);
}

TEST_CASE("RSQ item 6 counts forward in dismissing and reversed in preoccupied", "[catalogue]") {
  const Instrument in = load_embedded_instrument("rsq");
  Responses r = all_answered(in, 3.0);  // 3 is the midpoint of 1-5: 6 - 3 = 3
  r.values[5] = 1.0;                    // item 6 = 1
  const Scores scores = securebase::score(in, r);
  // source: instruments.md §6; preoccupied (6 - 1 + 3 * 3) / 4 = 14 / 4
  CHECK_THAT(scale_of(scores, "preoccupied").value, near(3.5));
  // source: instruments.md §6; dismissing (1 + 4 * 3) / 5 = 13 / 5
  CHECK_THAT(scale_of(scores, "dismissing").value, near(2.6));
  // source: instruments.md §6; secure and fearful do not contain item 6: all answers 3
  CHECK_THAT(scale_of(scores, "secure").value, near(3.0));
  CHECK_THAT(scale_of(scores, "fearful").value, near(3.0));
  CHECK(scale_of(scores, "preoccupied").reversed_items == std::vector<std::string>{"i06"});
  CHECK(scale_of(scores, "dismissing").reversed_items.empty());

  SECTION("unscored items change no score and need not be answered") {
    // source: instruments.md §6: items 4, 7, 11, 13, 14, 17, 18, 20, 21, 23, 27, 29, 30 are in
    // no prototype scale
    Responses changed = r;
    Responses dropped = r;
    for (const securebase::Item& item : in.items()) {
      if (!item.keys.empty()) continue;
      changed.values[std::size_t(item.number - 1)] = 5.0;
      dropped.values[std::size_t(item.number - 1)] = securebase::missing_answer;
    }
    for (const Responses* other : {&changed, &dropped}) {
      const Scores o = securebase::score(in, *other);
      for (const ScaleScore& s : scores.scales) {
        INFO(s.scale_id);
        const ScaleScore& t = scale_of(o, s.scale_id);
        CHECK(t.status == ScoreStatus::ok);
        CHECK(t.n_answered == s.n_answered);
        // source: same answers on every keyed item, so the same mean as above
        CHECK_THAT(t.value, near(s.value));
      }
    }
  }
  SECTION("item 6 missing leaves preoccupied 3 of 4 (no score), dismissing 4 of 5 (scored)") {
    r.values[5] = securebase::missing_answer;
    const Scores missing6 = securebase::score(in, r);
    // source: required counts 4 (preoccupied, ceil(3.2)) and 4 (dismissing, 0.8 * 5)
    CHECK(scale_of(missing6, "preoccupied").status == ScoreStatus::insufficient);
    CHECK(scale_of(missing6, "dismissing").status == ScoreStatus::ok);
    // source: the four answered dismissing items are all 3
    CHECK_THAT(scale_of(missing6, "dismissing").value, near(3.0));
  }
}

TEST_CASE("the RAAS key is Collins' 1996 key", "[catalogue]") {
  const Instrument in = load_embedded_instrument("raas");
  // source: ../shared/reference/instruments.md §7 (Collins, 1996; CRAN TestScorer): 18 items,
  // 5-point; close 1, 6, 8, 12, 13, 17 reversed {8, 13, 17}; depend 2, 5, 7, 14, 16, 18
  // reversed {2, 7, 16, 18}; anxiety 3, 4, 9, 10, 11, 15 none reversed
  CHECK(in.items().size() == 18);
  CHECK(in.response_scale().min == 1);
  CHECK(in.response_scale().max == 5);
  CHECK(in.plan().reverse_sum == 6.0);
  CHECK(scale_ids(in) == std::vector<std::string>{"close", "depend", "anxiety"});
  const ScaleKey close = key_of(in, "close");
  const ScaleKey depend = key_of(in, "depend");
  const ScaleKey anx = key_of(in, "anxiety");
  CHECK(close.numbers == std::vector<int>{1, 6, 8, 12, 13, 17});
  CHECK(close.reversed_numbers == std::vector<int>{8, 13, 17});
  CHECK(depend.numbers == std::vector<int>{2, 5, 7, 14, 16, 18});
  CHECK(depend.reversed_numbers == std::vector<int>{2, 7, 16, 18});
  CHECK(anx.numbers == std::vector<int>{3, 4, 9, 10, 11, 15});
  CHECK(anx.reversed_numbers.empty());
  for (const securebase::Item& item : in.items()) CHECK(item.keys.size() == 1);
  CHECK(in.canonical_order().id == "collins-1996");
  // no plane: avoidance would be a composite of close and depend, which the format cannot express
  CHECK_FALSE(in.plane().has_value());
  // source: hand computation, ceil(0.8 * 6) = ceil(4.8) = 5
  for (const securebase::Scale& s : in.scales()) CHECK(s.min_answered.required == 5);

  // source: instruments.md §7, Collins & Read (1990) alpha .69 close, .75 depend, .72 anxiety
  REQUIRE(scale_def(in, "close").reliability.has_value());
  REQUIRE(scale_def(in, "depend").reliability.has_value());
  REQUIRE(scale_def(in, "anxiety").reliability.has_value());
  CHECK(scale_def(in, "close").reliability->value == 0.69);
  CHECK(scale_def(in, "depend").reliability->value == 0.75);
  CHECK(scale_def(in, "anxiety").reliability->value == 0.72);
  CHECK(scale_def(in, "close").reliability->source.find("1990") != std::string::npos);

  // source: instruments.md §7, Ledley et al. (2006) M (SD), men | women: close 3.59 (0.87) |
  // 3.65 (0.87); depend 3.43 (0.83) | 3.25 (0.86); anxiety 2.31 (0.89) | 2.62 (1.01)
  REQUIRE(in.norm_sets().size() == 2);
  const securebase::NormSet& men = in.norm_sets()[0];
  const securebase::NormSet& women = in.norm_sets()[1];
  CHECK(men.id == "ledley-2006-men");
  CHECK(women.id == "ledley-2006-women");
  // source: instruments.md §7, 414 US college students (combined; per-gender n not retrieved)
  CHECK(men.n == 414);
  CHECK(women.n == 414);
  CHECK(men.sample.find("combined") != std::string::npos);
  const std::vector<std::pair<std::string, std::pair<double, double>>> men_values = {
      {"close", {3.59, 0.87}}, {"depend", {3.43, 0.83}}, {"anxiety", {2.31, 0.89}}};
  const std::vector<std::pair<std::string, std::pair<double, double>>> women_values = {
      {"close", {3.65, 0.87}}, {"depend", {3.25, 0.86}}, {"anxiety", {2.62, 1.01}}};
  for (const auto& [set, values] : {std::pair{&men, men_values}, std::pair{&women, women_values}}) {
    REQUIRE(set->scales.size() == 3);
    for (const auto& [scale, msd] : values) {
      INFO(set->id << " " << scale);
      bool found = false;
      for (const securebase::ScaleNorm& sn : set->scales) {
        if (in.scales()[sn.scale].id != scale) continue;
        found = true;
        CHECK(sn.mean == msd.first);
        CHECK(sn.sd == msd.second);
        CHECK_FALSE(sn.reliability.has_value());
      }
      CHECK(found);
    }
  }
}

TEST_CASE("RAAS scores against the Ledley et al. norms", "[catalogue]") {
  const Instrument in = load_embedded_instrument("raas");
  Responses r = all_answered(in, 4.0);
  // close: 1, 6, 12 forward = 4; 8, 13, 17 reversed = 6 - 4 = 2; mean (3 * 4 + 3 * 2) / 6 = 3
  const Scores women =
      securebase::score(in, r, ScoreOptions{.norm_set = "ledley-2006-women", .method = {}});
  const ScaleScore& close = scale_of(women, "close");
  // source: hand computation above
  CHECK_THAT(close.value, near(3.0));
  REQUIRE(close.norm.has_value());
  // source: instruments.md §7, women close M 3.65, SD 0.87: z = (3 - 3.65) / 0.87
  CHECK_THAT(close.norm->z, near((3.0 - 3.65) / 0.87));
  // The norm set has no reliability, so the SEM uses the scale's (Collins & Read 1990, .69).
  REQUIRE(close.error.has_value());
  // source: SEM = SD * sqrt(1 - alpha) = 0.87 * sqrt(1 - 0.69) (instruments.md §10)
  CHECK_THAT(close.error->sem, near(0.87 * std::sqrt(1.0 - 0.69)));
  CHECK(close.error->reliability == 0.69);
  const ScaleScore& anx = scale_of(women, "anxiety");
  REQUIRE(anx.norm.has_value());
  // source: instruments.md §7, women anxiety M 2.62, SD 1.01; all six anxiety items forward = 4
  CHECK_THAT(anx.norm->z, near((4.0 - 2.62) / 1.01));
}

TEST_CASE("ECR-R in the dependlab interleaved order scores by the published position key",
          "[catalogue]") {
  const Instrument ecr = securebase::load_embedded_instrument("ecr-r");
  const securebase::ItemOrder* order = ecr.find_order("dependlab-interleaved");
  REQUIRE(order != nullptr);
  CHECK_FALSE(order->verified);  // which Fraley item sits where could not be checked
  // The key of that order, independently of our item mapping (../shared/reference/
  // instruments.md section 1, ordering 2): odd positions avoidance, even anxiety; reversed
  // positions anxiety 2, 22 and avoidance 3, 5, 11, 15, 17, 19, 25, 27, 29, 31, 33, 35.
  const std::set<int> reversed = {2, 22, 3, 5, 11, 15, 17, 19, 25, 27, 29, 31, 33, 35};
  // Answers by position (0 = missing); expected scores computed from the key above.
  const auto expected = [&](const std::vector<int>& x, bool anxiety) {
    double sum = 0;
    int n = 0;
    for (int p = 1; p <= 36; ++p) {
      if ((p % 2 == 0) != anxiety || x[static_cast<std::size_t>(p - 1)] == 0) continue;
      const int v = x[static_cast<std::size_t>(p - 1)];
      sum += reversed.count(p) != 0 ? 8 - v : v;
      ++n;
    }
    return n >= 15 ? sum / n : std::nan("");  // 80% of 18, rounded up, = 15
  };
  std::vector<std::vector<int>> vectors;
  vectors.emplace_back(36, 1);  // all-min
  vectors.emplace_back(36, 7);  // all-max
  std::vector<int> mixed(36);
  for (int p = 0; p < 36; ++p) mixed[static_cast<std::size_t>(p)] = 1 + (p * 5) % 7;
  vectors.push_back(mixed);
  std::vector<int> at_rule = mixed;  // three of each scale missing: 15 of 18 answered
  for (int p : {1, 3, 5, 2, 4, 6}) at_rule[static_cast<std::size_t>(p - 1)] = 0;
  vectors.push_back(at_rule);
  std::vector<int> below = at_rule;  // a fourth missing on each: 14 of 18, no scores
  for (int p : {7, 8}) below[static_cast<std::size_t>(p - 1)] = 0;
  vectors.push_back(below);
  for (std::size_t v = 0; v < vectors.size(); ++v) {
    INFO("vector " << v);
    auto r = empty_responses(ecr);
    for (std::size_t p = 0; p < 36; ++p) {
      if (vectors[v][p] != 0) r.values[order->items[p]] = vectors[v][p];
    }
    const auto s = securebase::score(ecr, r);
    for (const bool anxiety : {true, false}) {
      const double want = expected(vectors[v], anxiety);
      const auto* sc = s.find(anxiety ? "anxiety" : "avoidance");
      if (std::isnan(want)) {
        CHECK(sc->status == securebase::ScoreStatus::insufficient);
      } else {
        CHECK_THAT(sc->value, securebase::test::near(want));
      }
    }
  }
}
