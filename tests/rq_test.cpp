// Tests of weighted item keys and of the RQ (Relationship Questionnaire), whose two dimensions
// are signed sums of its four prototype ratings: the key as loaded, hand-computed scores, the
// weighted score range, every error a weight can cause, and the fingerprints of the instruments
// that existed before weights (which must not change).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifdef SECUREBASE_HAVE_CLI
#include "app.hpp"
#endif
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

// A weighted instrument: "d" = a - b (a signed sum of both items, both required), "m" the mean
// of both, response scale 1-5, so "d" runs from -4 to 4.
constexpr std::string_view kWeighted = R"json({
  "format": "securebase-instrument",
  "format_version": 1,
  "id": "weighted",
  "version": "0.1.0",
  "title": "Weighted test instrument",
  "citations": [{"text": "Invented for the securebase tests."}],
  "licence": "Test fixture.",
  "response_scale": {"min": 1, "max": 5},
  "scales": [
    {"id": "d", "name": "Difference", "method": "sum", "min_answered": {"count": 2}},
    {"id": "m", "name": "Mean", "method": "mean", "min_answered": {"count": 1}}
  ],
  "items": [
    {"id": "a", "number": 1, "keys": [{"scale": "d"}, {"scale": "m"}]},
    {"id": "b", "number": 2, "keys": [{"scale": "d", "weight": -1}, {"scale": "m"}]}
  ],
  "orders": {"canonical": {"id": "std", "description": "Standard order."}}
}
)json";

json weighted() { return json::parse(kWeighted); }

Instrument load(const json& doc) {
  return securebase::parse_instrument(doc.dump(2), "weighted.json");
}

// Edits the weighted fixture and checks it is rejected with `code` and exactly `what`.
template <typename Edit>
void expect_error(Edit edit, ErrorCode code, const std::string& what) {
  json doc = weighted();
  edit(doc);
  check_error([&] { (void)load(doc); }, code, what);
}

securebase::Scores score_rq(const Instrument& rq, const std::string& answers) {
  return securebase::score(rq, securebase::parse_answers(rq, answers, "answers"));
}

double value(const securebase::Scores& s, std::string_view scale) {
  const securebase::ScaleScore* sc = s.find(scale);
  REQUIRE(sc != nullptr);
  return sc->value;
}

#ifdef SECUREBASE_HAVE_CLI
struct Run {
  int code;
  std::string out;
  std::string err;
};

Run run(std::vector<std::string> args) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  const int code = securebase::cli::run(args, in, out, err);
  return {code, out.str(), err.str()};
}
#endif  // SECUREBASE_HAVE_CLI

}  // namespace

TEST_CASE("the RQ loads with its prototypes, weighted dimensions and plane", "[rq]") {
  const Instrument rq = securebase::load_embedded_instrument("rq");
  // source: ../shared/reference/instruments.md section 5 (four prototype ratings, 1-7, keyed by
  // name; Bartholomew's example order Secure, Fearful, Preoccupied, Dismissing)
  REQUIRE(rq.items().size() == 4);
  CHECK(rq.items()[0].id == "secure");
  CHECK(rq.items()[1].id == "fearful");
  CHECK(rq.items()[2].id == "preoccupied");
  CHECK(rq.items()[3].id == "dismissing");
  CHECK(rq.response_scale().min == 1);
  CHECK(rq.response_scale().max == 7);
  REQUIRE(rq.scales().size() == 8);
  for (std::size_t s = 0; s < 4; ++s) {
    INFO(rq.scales()[s].id);
    CHECK(rq.scales()[s].id == rq.items()[s].id);
    CHECK(rq.scales()[s].method == ScaleMethod::mean);
    CHECK(rq.scales()[s].items == std::vector<std::size_t>{s});
    CHECK(rq.scales()[s].min_answered.required == 1);
  }
  // source: section 5, Griffin & Bartholomew (1994) formulas and Bartholomew's reversed forms;
  // weights in item order Sec, Fea, Pre, Dis
  const std::map<std::string, std::vector<double>> expected = {{"model_of_self", {1, -1, -1, 1}},
                                                               {"model_of_other", {1, -1, 1, -1}},
                                                               {"anxiety", {-1, 1, 1, -1}},
                                                               {"avoidance", {-1, 1, -1, 1}}};
  for (const auto& entry : expected) {
    INFO(entry.first);
    const auto s = rq.find_scale(entry.first);
    REQUIRE(s.has_value());
    const securebase::Scale& scale = rq.scales()[*s];
    CHECK(scale.method == ScaleMethod::sum);
    CHECK(scale.items == std::vector<std::size_t>{0, 1, 2, 3});
    CHECK(scale.weights == entry.second);
    CHECK(scale.reversed.empty());
    CHECK(scale.min_answered.required == 4);
    const auto range = securebase::score_range(rq, *s, ScaleMethod::sum);
    CHECK(range.first == -12);  // source: section 5, "Range -12 to +12"
    CHECK(range.second == 12);
  }
  REQUIRE(rq.plane().has_value());
  CHECK(rq.scales()[rq.plane()->anxiety.scale].id == "anxiety");
  CHECK(rq.plane()->anxiety.direction == 1);
  CHECK(rq.scales()[rq.plane()->avoidance.scale].id == "avoidance");
  CHECK(rq.plane()->avoidance.direction == 1);
  CHECK(rq.norm_sets().empty());  // source: section 5, no adequate norms
  // The compiled plan carries the weights entry by entry.
  CHECK(rq.plan().entry_weight.size() == rq.plan().entry_item.size());
  // The licence quotes Bartholomew's FAQ (section 5).
  CHECK_THAT(rq.licence(),
             Catch::Contains("public domain for research") &&
                 Catch::Contains("not appropriate for use in individual assessments") &&
                 Catch::Contains("You cannot use these measures for commercial purposes"));
  // Only keys with a weight other than 1 carry one in the fingerprinted form.
  const std::string canonical = securebase::to_canonical_key_json(rq);
  CHECK_THAT(canonical, Catch::Contains(R"({"reversed":false,"scale":"anxiety","weight":-1.0})") &&
                            Catch::Contains(R"({"reversed":false,"scale":"anxiety"})"));
  CHECK_THAT(canonical, !Catch::Contains(R"("weight":1)"));
}

TEST_CASE("RQ dimensions are the hand-computed signed sums", "[rq]") {
  const Instrument rq = securebase::load_embedded_instrument("rq");
  struct Case {
    const char* answers;
    double self, other;
  };
  // source: section 5 formulas, computed by hand:
  //   self = (Sec + Dis) - (Fea + Pre), other = (Sec + Pre) - (Fea + Dis)
  const std::array<Case, 7> cases = {{
      {"secure=6 fearful=2 preoccupied=3 dismissing=5", 6, 2},   // (6+5)-(2+3); (6+3)-(2+5)
      {"secure=4 fearful=5 preoccupied=2 dismissing=3", 0, -2},  // (4+3)-(5+2); (4+2)-(5+3)
      {"secure=7 fearful=1 preoccupied=1 dismissing=7", 12, 0},  // (7+7)-(1+1); (7+1)-(1+7)
      {"secure=1 fearful=7 preoccupied=7 dismissing=1", -12, 0},
      {"secure=7 fearful=1 preoccupied=7 dismissing=1", 0, 12},  // (7+1)-(1+7); (7+7)-(1+1)
      {"secure=1 fearful=7 preoccupied=1 dismissing=7", 0, -12},
      {"1=2 2=6 3=5 4=1", -8, 0},  // by number: (2+1)-(6+5); (2+5)-(6+1)
  }};
  for (const Case& c : cases) {
    INFO(c.answers);
    const securebase::Scores s = score_rq(rq, c.answers);
    CHECK_THAT(value(s, "model_of_self"), near(c.self));
    CHECK_THAT(value(s, "model_of_other"), near(c.other));
    // Bartholomew's reversed calculations are the negatives.
    CHECK_THAT(value(s, "anxiety"), near(-c.self));
    CHECK_THAT(value(s, "avoidance"), near(-c.other));
    const securebase::ScaleScore* self = s.find("model_of_self");
    CHECK_FALSE(self->prorated);
    CHECK(self->n_answered == 4);
  }
  const securebase::Scores s = score_rq(rq, "secure=6 fearful=2 preoccupied=3 dismissing=5");
  CHECK_THAT(value(s, "secure"), near(6));
  CHECK_THAT(value(s, "fearful"), near(2));
  CHECK_THAT(value(s, "preoccupied"), near(3));
  CHECK_THAT(value(s, "dismissing"), near(5));
  CHECK(s.find("model_of_self")->rule ==
        "sum of 4 items, weighted (fearful x -1, preoccupied x -1; other items x 1); needs at "
        "least 4 of 4 items answered");
}

TEST_CASE("a missing RQ rating leaves the dimensions unscored, the prototypes scored", "[rq]") {
  const Instrument rq = securebase::load_embedded_instrument("rq");
  const securebase::Scores s = score_rq(rq, "secure=6 fearful=2 preoccupied=NA dismissing=5");
  for (const char* dim : {"model_of_self", "model_of_other", "anxiety", "avoidance"}) {
    INFO(dim);
    const securebase::ScaleScore* sc = s.find(dim);
    REQUIRE(sc != nullptr);
    CHECK(sc->status == securebase::ScoreStatus::insufficient);
    CHECK(std::isnan(sc->value));
    CHECK(sc->n_answered == 3);
    CHECK(sc->missing_items == std::vector<std::string>{"preoccupied"});
  }
  CHECK_THAT(value(s, "secure"), near(6));
  CHECK_THAT(value(s, "fearful"), near(2));
  CHECK_THAT(value(s, "dismissing"), near(5));
  CHECK(s.find("preoccupied")->status == securebase::ScoreStatus::insufficient);
}

TEST_CASE("a weighted key counts weight times the (reversed) answer", "[rq]") {
  json doc = weighted();
  // b counts 2 * (6 - b) in d: reversal first, then the weight.
  doc["items"][1]["keys"][0] = {{"scale", "d"}, {"reversed", true}, {"weight", 2}};
  const Instrument in = load(doc);
  const securebase::Scores s =
      securebase::score(in, securebase::parse_answers(in, "a=4 b=2", "answers"));
  CHECK_THAT(value(s, "d"), near(4 + 2 * (6 - 2)));  // 12
  CHECK_THAT(value(s, "m"), near(3));
  // Range: a in [1, 5] plus 2 * [1, 5] = [3, 15]; as a mean over 2 items [1.5, 7.5].
  const auto sum_range = securebase::score_range(in, 0, ScaleMethod::sum);
  CHECK(sum_range.first == 3);
  CHECK(sum_range.second == 15);
  const auto mean_range = securebase::score_range(in, 0, ScaleMethod::mean);
  CHECK(mean_range.first == 1.5);
  CHECK(mean_range.second == 7.5);
  // The raw kernel agrees.
  std::array<securebase::RawScore, 2> raw{};
  const std::array<double, 2> values = {4, 2};
  securebase::score_raw(in.plan(), values, raw);
  CHECK_THAT(raw[0].value, near(12));
  CHECK(raw[0].n_answered == 2);
}

TEST_CASE("the weighted range bounds norms and 95% intervals", "[rq]") {
  // d = a - b runs from -4 to 4: a norm mean of -3 is inside, 5 outside.
  json doc = weighted();
  doc["norm_sets"] = json::parse(R"([{"id": "ns", "name": "N", "sample": "S", "citation": "C",
      "n": 10, "scales": {"d": {"mean": -3, "sd": 10, "reliability": 0.5,
      "percentiles": [{"percentile": 10, "score": -4}, {"percentile": 90, "score": 4}]}}}])");
  const Instrument in = load(doc);
  const securebase::Scores s =
      securebase::score(in, securebase::parse_answers(in, "a=5 b=1", "answers"));
  const securebase::ScaleScore* d = s.find("d");
  REQUIRE(d != nullptr);
  CHECK_THAT(d->value, near(4));
  REQUIRE(d->error.has_value());
  // SEM = 10 * sqrt(0.5), so 4 +- 13.9 is clamped to the weighted range [-4, 4].
  CHECK(d->error->lower == -4);
  CHECK(d->error->upper == 4);
  json bad = doc;
  bad["norm_sets"][0]["scales"]["d"]["mean"] = 5;
  bad["norm_sets"][0]["scales"]["d"]["percentiles"][1]["score"] = -5;
  check_error([&] { (void)load(bad); }, ErrorCode::instrument_bad_value,
              "[securebase.instrument.104] weighted.json: /norm_sets/0/scales/d/mean: mean is "
              "5.0, but must be within the scale's score range [-4, 4] (and 1 more problem)\n"
              "  [securebase.instrument.104] weighted.json: "
              "/norm_sets/0/scales/d/percentiles/1/score: score is -5.0, but must be within the "
              "scale's score range [-4, 4]");
}

TEST_CASE("a weight outside a complete sum scale, zero or not a number is an error", "[rq]") {
  expect_error([](json& d) { d["items"][0]["keys"][1]["weight"] = 2; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] weighted.json: /items/0/keys/1/weight: weight is 2, "
               "but must be 1, because scale \"m\" is a mean scale: a weight other than 1 is "
               "allowed only in a sum scale that needs all its items answered (a weighted sum "
               "cannot be prorated)");
  expect_error(
      [](json& d) {
        d["scales"][0]["min_answered"] = {{"count", 1}};
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] weighted.json: /items/1/keys/0/weight: weight is -1, "
      "but must be 1, because scale \"d\" needs only 1 of its 2 items answered: a "
      "weight other than 1 is allowed only in a sum scale that needs all its items "
      "answered (a weighted sum cannot be prorated)");
  expect_error(
      [](json& d) {
        d["scales"][0]["min_answered"] = {{"proportion", 0.5}, {"rounding", "ceil"}};
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] weighted.json: /items/1/keys/0/weight: weight is -1, but must "
      "be 1, because scale \"d\" needs only 1 of its 2 items answered: a weight other than 1 is "
      "allowed only in a sum scale that needs all its items answered (a weighted sum cannot be "
      "prorated)");
  // A proportion that resolves to every item is allowed.
  json all = weighted();
  all["scales"][0]["min_answered"] = {{"proportion", 1}, {"rounding", "ceil"}};
  CHECK(load(all).scales()[0].weights == std::vector<double>{1, -1});
  expect_error([](json& d) { d["items"][1]["keys"][0]["weight"] = 0; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] weighted.json: /items/1/keys/0/weight: weight is 0, "
               "but must be a non-zero number");
  expect_error([](json& d) { d["items"][1]["keys"][0]["weight"] = "-1"; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] weighted.json: /items/1/keys/0/weight: weight is "
               "a string, but must be a number");
  expect_error([](json& d) { d["items"][1]["keys"][0]["weight"] = nullptr; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] weighted.json: /items/1/keys/0/weight: weight is "
               "null, but must be a number");
}

TEST_CASE("score_range rejects a scale index out of range", "[rq]") {
  const Instrument in = load(weighted());
  check_error([&] { (void)securebase::score_range(in, 2, ScaleMethod::sum); }, ErrorCode::internal,
              "[securebase.internal.901] weighted.json: score_range: scale index 2 is out of "
              "range (2 scales)");
  const auto mean = securebase::score_range(in, 1, ScaleMethod::mean);
  CHECK(mean.first == 1);
  CHECK(mean.second == 5);
  const auto sum = securebase::score_range(in, 1, ScaleMethod::sum);
  CHECK(sum.first == 2);
  CHECK(sum.second == 10);
}

#ifdef SECUREBASE_HAVE_CLI
TEST_CASE("weights are shown only when not 1", "[rq]") {
  const Instrument rq = securebase::load_embedded_instrument("rq");
  const json key = json::parse(securebase::to_key_json(rq, 2));
  CHECK(key["scales"][4]["id"] == "model_of_self");
  CHECK(key["scales"][4]["weights"] == json({1, -1, -1, 1}));
  CHECK_FALSE(key["scales"][0].contains("weights"));
  const json ecr =
      json::parse(securebase::to_key_json(securebase::load_embedded_instrument("ecr")));
  CHECK_FALSE(ecr["scales"][0].contains("weights"));
  const Run text = run({"instruments", "show", "rq"});
  CHECK(text.code == 0);
  CHECK_THAT(text.out, Catch::Contains("  model_of_self (Model of self): sum of items 1, 2, 3, 4\n"
                                       "    reversed (8 - answer): none\n"
                                       "    scored when at least 4 of 4 items answered\n"
                                       "    weights: item 1 x 1, item 2 x -1, item 3 x -1, item "
                                       "4 x 1\n"));
  const Run ecr_text = run({"instruments", "show", "ecr"});
  CHECK_THAT(ecr_text.out, !Catch::Contains("weights"));
}
#endif  // SECUREBASE_HAVE_CLI

TEST_CASE("weights leave the fingerprints of the earlier instruments unchanged", "[rq]") {
  // Recorded with `securebase instruments list --format json` before weights existed.
  const std::map<std::string, std::string> before = {
      {"ecr", "32fa0351caad8d48985d4213f01484d34cf8af8a5d7ef65e4b82e640140ddd3b"},
      {"ecr-12", "d2d8faed166ebadb4c250331573344534abe25609b5e3483a5280c67fd9b4694"},
      {"ecr-5", "f082547bfd4d3593f0c97cba8508ce2f5e455fa0b2f4829ef231dbd5528074c0"},
      {"ecr-r", "351ce77e7798e66c25c50126dd25d63b17e87c7ba2101c497a2653dd73dd1f59"},
      {"ecr-s", "051acc2bb29e3e93d26aa891b85126c2ee018ea2d31489ee8eda9e99ebfcddde"},
      {"raas", "d24e859589b22a5d049b07d85a78417d0f3db45c631cc2796507c03d351a6c81"},
      {"rsq", "6d4b98fab7b974fbaec30a5cc5d6af1975ced58335fb0144b084ea6c919989cf"}};
  for (const auto& entry : before) {
    INFO(entry.first);
    CHECK(securebase::load_embedded_instrument(entry.first).key_fingerprint() == entry.second);
  }
  // An explicit weight of 1 is the default: same key, same fingerprint.
  json doc = weighted();
  const std::string plain = load(doc).key_fingerprint();
  doc["items"][0]["keys"][0]["weight"] = 1;
  doc["items"][0]["keys"][1]["weight"] = 1.0;
  CHECK(load(doc).key_fingerprint() == plain);
}
