// Tests of composite ("mean_of_scales") scales and of the ECR-RS, whose global avoidance and
// anxiety are the means of four relationship-domain scores: the key as loaded, hand-computed
// scores, missing domains, and every error a composite can cause.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/errors.hpp"
#include "support/near.hpp"

using nlohmann::json;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::ScaleMethod;
using securebase::test::check_error;
using securebase::test::near;

namespace {

// Two item scales x (a1, a2) and y (b1, b2), and g = mean of x and y, response scale 1-5.
constexpr std::string_view kComposite = R"json({
  "format": "securebase-instrument",
  "format_version": 1,
  "id": "composite",
  "version": "0.1.0",
  "title": "Composite test instrument",
  "citations": [{"text": "Invented for the securebase tests."}],
  "licence": "Test fixture.",
  "response_scale": {"min": 1, "max": 5},
  "scales": [
    {"id": "x", "name": "X", "method": "mean", "min_answered": {"count": 1}},
    {"id": "y", "name": "Y", "method": "mean", "min_answered": {"count": 1}},
    {"id": "g", "name": "Global", "method": "mean_of_scales", "scales": ["x", "y"],
     "min_answered": {"count": 2}}
  ],
  "items": [
    {"id": "a1", "number": 1, "keys": [{"scale": "x"}]},
    {"id": "a2", "number": 2, "keys": [{"scale": "x", "reversed": true}]},
    {"id": "b1", "number": 3, "keys": [{"scale": "y"}]},
    {"id": "b2", "number": 4, "keys": [{"scale": "y"}]}
  ],
  "orders": {"canonical": {"id": "std", "description": "Standard order."}}
}
)json";

json composite() { return json::parse(kComposite); }

Instrument load(const json& doc) {
  return securebase::parse_instrument(doc.dump(2), "composite.json");
}

template <typename Edit>
void expect_error(Edit edit, ErrorCode code, const std::string& what) {
  json doc = composite();
  edit(doc);
  check_error([&] { (void)load(doc); }, code, what);
}

const securebase::ScaleScore& find(const securebase::Scores& s, std::string_view id) {
  const securebase::ScaleScore* sc = s.find(id);
  REQUIRE(sc != nullptr);
  return *sc;
}

constexpr std::array<const char*, 4> kTargets = {"mother", "father", "partner", "friend"};

// Answers "TARGET_K=V" for the given 9 values per target (0 = leave out).
std::string ecr_rs_answers(const std::array<std::array<int, 9>, 4>& values) {
  std::string text;
  for (std::size_t t = 0; t < 4; ++t) {
    for (std::size_t k = 0; k < 9; ++k) {
      if (values[t][k] == 0) continue;
      text += std::string(kTargets[t]) + "_" + std::to_string(k + 1) + "=" +
              std::to_string(values[t][k]) + " ";
    }
  }
  return text;
}

}  // namespace

TEST_CASE("the ECR-RS loads with per-target scales and composite globals", "[composite]") {
  const Instrument rs = securebase::load_embedded_instrument("ecr-rs");
  // source: ../shared/reference/instruments.md section 4 (9 items x 4 targets, 1-7)
  REQUIRE(rs.items().size() == 36);
  CHECK(rs.items()[0].id == "mother_1");
  CHECK(rs.items()[35].id == "friend_9");
  CHECK(rs.response_scale().max == 7);
  REQUIRE(rs.scales().size() == 10);
  for (std::size_t t = 0; t < 4; ++t) {
    const std::string target = kTargets[t];
    INFO(target);
    const auto avo = rs.find_scale("avoidance_" + target);
    const auto anx = rs.find_scale("anxiety_" + target);
    REQUIRE(avo.has_value());
    REQUIRE(anx.has_value());
    // source: section 4 key: avoidance = mean of 1-6 with 1-4 reversed; anxiety = mean of 7-9
    const std::size_t base = 9 * t;
    CHECK(rs.scales()[*avo].items ==
          std::vector<std::size_t>{base, base + 1, base + 2, base + 3, base + 4, base + 5});
    CHECK(rs.scales()[*avo].reversed ==
          std::vector<std::size_t>{base, base + 1, base + 2, base + 3});
    CHECK(rs.scales()[*anx].items == std::vector<std::size_t>{base + 6, base + 7, base + 8});
    CHECK(rs.scales()[*anx].reversed.empty());
  }
  for (const char* dim : {"avoidance", "anxiety"}) {
    INFO(dim);
    const securebase::Scale& g = rs.scales()[*rs.find_scale(dim)];
    CHECK(g.is_composite());
    CHECK(g.items.empty());
    REQUIRE(g.components.size() == 4);
    for (std::size_t t = 0; t < 4; ++t) {
      CHECK(rs.scales()[g.components[t]].id == std::string(dim) + "_" + kTargets[t]);
    }
    CHECK(g.min_answered.required == 4);  // Fraley: the mean of all four domains
    CHECK(g.method == ScaleMethod::mean);
    CHECK(securebase::describe_min_answered(g) == "at least 4 of 4 component scales scored");
    const auto range = securebase::score_range(rs, *rs.find_scale(dim), ScaleMethod::mean);
    CHECK(range.first == 1);
    CHECK(range.second == 7);
  }
  REQUIRE(rs.plane().has_value());
  CHECK(rs.scales()[rs.plane()->anxiety.scale].id == "anxiety");
  CHECK(rs.scales()[rs.plane()->avoidance.scale].id == "avoidance");
  CHECK(rs.norm_sets().empty());  // source: section 4, norms not retrieved
  const std::string canonical = securebase::to_canonical_key_json(rs);
  CHECK_THAT(canonical,
             Catch::Contains(R"({"id":"anxiety","method":"mean_of_scales","min_answered":4,)"
                             R"("scales":["anxiety_father","anxiety_friend","anxiety_mother",)"
                             R"("anxiety_partner"]})"));
  const json key = json::parse(securebase::to_key_json(rs, 2));
  CHECK(key["scales"][8]["method"] == "mean_of_scales");
  CHECK(key["scales"][8]["metric"] == "mean");
  CHECK(key["scales"][8]["scales"] ==
        json({"avoidance_mother", "avoidance_father", "avoidance_partner", "avoidance_friend"}));
}

TEST_CASE("ECR-RS global scores are the means of the hand-computed domain scores", "[composite]") {
  const Instrument rs = securebase::load_embedded_instrument("ecr-rs");
  // Hand-computed (reversed = 8 - answer for items 1-4):
  //   mother  avoidance (1+1+1+1+2+2)/6 = 8/6, anxiety 5
  //   father  avoidance (4+4+4+4+4+4)/6 = 4,   anxiety 4
  //   partner avoidance (7+7+7+7+6+6)/6 = 40/6, anxiety (2+3+4)/3 = 3
  //   friend  avoidance (7+7+7+7+1+1)/6 = 5,   anxiety 1
  //   global avoidance (8/6 + 4 + 40/6 + 5)/4 = 17/4, global anxiety (5+4+3+1)/4 = 13/4
  const std::array<std::array<int, 9>, 4> values = {{{7, 7, 7, 7, 2, 2, 5, 5, 5},
                                                     {4, 4, 4, 4, 4, 4, 4, 4, 4},
                                                     {1, 1, 1, 1, 6, 6, 2, 3, 4},
                                                     {1, 1, 1, 1, 1, 1, 1, 1, 1}}};
  const securebase::Scores s =
      securebase::score(rs, securebase::parse_answers(rs, ecr_rs_answers(values), "answers"));
  CHECK_THAT(find(s, "avoidance_mother").value, near(8.0 / 6.0));
  CHECK_THAT(find(s, "avoidance_partner").value, near(40.0 / 6.0));
  CHECK_THAT(find(s, "anxiety_partner").value, near(3));
  CHECK_THAT(find(s, "avoidance").value, near(17.0 / 4.0));
  CHECK_THAT(find(s, "anxiety").value, near(13.0 / 4.0));
  const securebase::ScaleScore& g = find(s, "avoidance");
  CHECK(g.n_items == 4);     // components
  CHECK(g.n_answered == 4);  // scored components
  CHECK_FALSE(g.prorated);
  CHECK(g.rule ==
        "mean of the scores of 4 component scales (avoidance_mother, avoidance_father, "
        "avoidance_partner, avoidance_friend), each a mean of 6 items; needs at least 4 of 4 "
        "component scales scored");
  // The raw kernel agrees, with no composite input of its own.
  std::vector<securebase::RawScore> raw(rs.scales().size());
  securebase::score_raw(rs.plan(),
                        securebase::parse_answers(rs, ecr_rs_answers(values), "a").values, raw);
  CHECK_THAT(raw[*rs.find_scale("anxiety")].value, near(13.0 / 4.0));
}

TEST_CASE("an ECR-RS target used alone scores its domain, not the globals", "[composite]") {
  const Instrument rs = securebase::load_embedded_instrument("ecr-rs");
  // Only the partner domain answered: a 9-item ECR-R short form (Fraley, section 4).
  const std::array<std::array<int, 9>, 4> values = {{{}, {}, {1, 2, 3, 4, 5, 6, 7, 6, 5}, {}}};
  const securebase::Scores s =
      securebase::score(rs, securebase::parse_answers(rs, ecr_rs_answers(values), "answers"));
  // (7+6+5+4+5+6)/6 = 33/6; (7+6+5)/3 = 6
  CHECK_THAT(find(s, "avoidance_partner").value, near(33.0 / 6.0));
  CHECK_THAT(find(s, "anxiety_partner").value, near(6));
  for (const char* dim : {"avoidance", "anxiety"}) {
    INFO(dim);
    const securebase::ScaleScore& g = find(s, dim);
    CHECK(g.status == securebase::ScoreStatus::insufficient);
    CHECK(std::isnan(g.value));
    CHECK(g.n_answered == 1);
    CHECK(g.n_missing == 3);
  }
  CHECK(find(s, "anxiety").rule ==
        "mean of the scores of 4 component scales (anxiety_mother, anxiety_father, "
        "anxiety_partner, anxiety_friend), each a mean of 3 items; needs at least 4 of 4 "
        "component scales scored; only 1 scored, so no score");
}

TEST_CASE("a composite averages the components that have a score", "[composite]") {
  json doc = composite();
  doc["scales"][2]["min_answered"] = {{"count", 1}};
  const Instrument in = load(doc);
  const auto one = securebase::score(in, securebase::parse_answers(in, "a1=5 a2=2", "answers"));
  CHECK_THAT(find(one, "g").value, near(4.5));  // x = (5 + 4) / 2, y unscored
  CHECK(find(one, "g").n_answered == 1);
  const auto both =
      securebase::score(in, securebase::parse_answers(in, "a1=5 a2=2 b1=1 b2=2", "answers"));
  CHECK_THAT(find(both, "g").value, near(3));  // (4.5 + 1.5) / 2
  // Under a sum override the composite is the mean of the component sums.
  securebase::ScoreOptions sum;
  sum.method = ScaleMethod::sum;
  const auto summed =
      securebase::score(in, securebase::parse_answers(in, "a1=5 a2=2 b1=1 b2=2", "answers"), sum);
  CHECK_THAT(find(summed, "g").value, near(6));  // (9 + 3) / 2
}

TEST_CASE("a malformed composite is an error", "[composite]") {
  expect_error([](json& d) { d["scales"][2]["scales"][1] = "w"; }, ErrorCode::instrument_dangling,
               "[securebase.instrument.106] composite.json: /scales/2/scales/1: scale \"w\" is "
               "not declared in /scales");
  expect_error(
      [](json& d) {
        d["scales"].push_back(json::parse(R"({"id": "h", "name": "H", "method": "mean_of_scales",
            "scales": ["g", "x"], "min_answered": {"count": 1}})"));
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] composite.json: /scales/3/scales/0: scale \"g\" is itself a "
      "mean_of_scales composite, but a composite's components must be item scales (no composite "
      "of composites)");
  expect_error(
      [](json& d) {
        d["items"][0]["keys"].push_back({{"scale", "g"}});
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] composite.json: /items/0/keys/1/scale: scale \"g\" is "
      "a mean_of_scales composite, so no item may count in it; key the item to one of "
      "its component scales");
  expect_error([](json& d) { d["scales"][2]["min_answered"]["count"] = 3; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] composite.json: /scales/2/min_answered/count: count "
               "is 3, but must be at most 2 (the scale's number of component scales)");
  expect_error([](json& d) { d["scales"][2]["scales"] = {"x"}; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] composite.json: /scales/2/scales: scale \"g\" lists 1 "
               "component scale(s), but a mean_of_scales scale needs at least 2");
  expect_error(
      [](json& d) {
        d["scales"][2]["scales"] = {"x", "x"};
      },
      ErrorCode::instrument_duplicate,
      "[securebase.instrument.105] composite.json: /scales/2/scales/1: scale \"x\" is "
      "listed twice in the components of \"g\", but may be listed once");
  expect_error([](json& d) { d["scales"][2].erase("scales"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] composite.json: /scales/2/scales: scale \"g\" has "
               "method \"mean_of_scales\", so it must list its component scales in \"scales\"");
  expect_error(
      [](json& d) {
        d["scales"][0]["scales"] = {"y", "g"};
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] composite.json: /scales/0/scales: scale \"x\" lists "
      "component scales, but only a \"mean_of_scales\" scale may; its method is \"mean\"");
  expect_error(
      [](json& d) {
        d["scales"][2]["scales"] = {"x", 3};
      },
      ErrorCode::instrument_wrong_type,
      "[securebase.instrument.103] composite.json: /scales/2/scales/1: component scale is "
      "3, but must be a scale id string");
  expect_error([](json& d) { d["scales"][1]["method"] = "sum"; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] composite.json: /scales/2/scales: the components of "
               "\"g\" must share one metric (method and number of items), but \"x\" is a mean of "
               "2 items and \"y\" a sum of 2 items");
  expect_error([](json& d) { d["items"][3]["keys"] = json::array(); },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] composite.json: /scales/2/scales: the components of "
               "\"g\" must share one metric (method and number of items), but \"x\" is a mean of "
               "2 items and \"y\" a mean of 1 items");
}
