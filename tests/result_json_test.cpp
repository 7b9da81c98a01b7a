// Tests of result documents: every field survives to_result_json -> parse_result_json exactly,
// and every schema problem in a result file is reported with its code, path and message.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/result_json.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

using nlohmann::json;
using securebase::Error;
using securebase::ErrorCode;
using securebase::Scores;

namespace {

const std::string data_dir = SECUREBASE_TEST_DATA;

// Same double, bit for bit; any NaN equals any NaN (a NaN is "missing", its payload means nothing).
bool same(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Checks every field of two results, doubles bit-exact.
void check_same(const Scores& a, const Scores& b) {
  CHECK(a.instrument_id == b.instrument_id);
  CHECK(a.instrument_version == b.instrument_version);
  CHECK(a.instrument_title == b.instrument_title);
  CHECK(a.key_fingerprint == b.key_fingerprint);
  CHECK(a.library_version == b.library_version);
  CHECK(a.norm_set == b.norm_set);
  REQUIRE(a.answers.size() == b.answers.size());
  for (std::size_t i = 0; i < a.answers.size(); ++i) {
    INFO("answer " << i);
    CHECK(a.answers[i].item_id == b.answers[i].item_id);
    CHECK(a.answers[i].number == b.answers[i].number);
    CHECK(same(a.answers[i].value, b.answers[i].value));
  }
  REQUIRE(a.scales.size() == b.scales.size());
  for (std::size_t i = 0; i < a.scales.size(); ++i) {
    const securebase::ScaleScore& x = a.scales[i];
    const securebase::ScaleScore& y = b.scales[i];
    INFO("scale " << x.scale_id);
    CHECK(x.scale_id == y.scale_id);
    CHECK(same(x.value, y.value));
    CHECK(x.status == y.status);
    CHECK(x.method == y.method);
    CHECK(x.prorated == y.prorated);
    CHECK(x.n_items == y.n_items);
    CHECK(x.n_answered == y.n_answered);
    CHECK(x.n_missing == y.n_missing);
    CHECK(x.min_required == y.min_required);
    CHECK(x.rule == y.rule);
    CHECK(x.reversed_items == y.reversed_items);
    CHECK(x.missing_items == y.missing_items);
    REQUIRE(x.error.has_value() == y.error.has_value());
    if (x.error) {
      CHECK(same(x.error->sem, y.error->sem));
      CHECK(same(x.error->lower, y.error->lower));
      CHECK(same(x.error->upper, y.error->upper));
      CHECK(same(x.error->reliability, y.error->reliability));
      CHECK(same(x.error->sd, y.error->sd));
      CHECK(x.error->provisional == y.error->provisional);
      CHECK(x.error->basis == y.error->basis);
    }
    REQUIRE(x.norm.has_value() == y.norm.has_value());
    if (x.norm) {
      CHECK(x.norm->norm_set == y.norm->norm_set);
      CHECK(same(x.norm->z, y.norm->z));
      CHECK(same(x.norm->t, y.norm->t));
      CHECK(same(x.norm->percentile, y.norm->percentile));
      CHECK(x.norm->source == y.norm->source);
      CHECK(x.norm->bound == y.norm->bound);
    }
  }
}

// An ECR-5 respondent scored against osp-2018: anxiety (even items) misses item 2 and is still
// scored (17 of 18 >= 15); avoidance (odd items) misses items 1, 3, 5 and 7 (14 of 18 < 15).
Scores ecr5_scores() {
  const securebase::Instrument in = securebase::load_embedded_instrument("ecr-5");
  securebase::Responses r = securebase::empty_responses(in);
  for (std::size_t i = 0; i < r.values.size(); ++i) r.values[i] = static_cast<double>(i % 5 + 1);
  for (std::size_t number : {1U, 2U, 3U, 5U, 7U}) r.values[number - 1] = securebase::missing_answer;
  securebase::ScoreOptions options;
  options.norm_set = "osp-2018";
  return securebase::score(in, r, options);
}

// A hand-made result with awkward doubles and the enum values ecr5_scores() does not produce.
Scores awkward_scores() {
  Scores s;
  s.instrument_id = "x";
  s.instrument_version = "1";
  s.instrument_title = "Title with \"quotes\", a tab\t and ünïcödé";
  s.key_fingerprint = std::string(64, 'a');
  s.library_version = "0.0.0";
  s.answers = {{"i1", 1, 0.1 + 0.2}, {"i2", 2, -0.0}, {"i3", 3, securebase::missing_answer}};
  securebase::ScaleScore sc;
  sc.scale_id = "s";
  sc.value = 1.0 / 3.0;
  sc.method = securebase::ScaleMethod::sum;
  sc.prorated = true;
  sc.n_items = 3;
  sc.n_answered = 2;
  sc.n_missing = 1;
  sc.min_required = 1;
  sc.rule = "";
  sc.reversed_items = {"i2"};
  sc.missing_items = {"i3"};
  sc.error = securebase::MeasurementError{std::numeric_limits<double>::denorm_min(),
                                          -std::numeric_limits<double>::max(),
                                          std::numeric_limits<double>::max(),
                                          0.7000000000000001,
                                          1e-300,
                                          true,
                                          "assumed"};
  sc.norm = securebase::NormScore{"n",
                                  -2.5e-17,
                                  49.99999999999999,
                                  100.0,
                                  securebase::PercentileSource::table,
                                  securebase::PercentileBound::at_least};
  s.scales.push_back(sc);
  sc.scale_id = "t";
  sc.norm->bound = securebase::PercentileBound::at_most;
  sc.norm->source = securebase::PercentileSource::normal;
  s.scales.push_back(sc);
  return s;
}

json result_doc() { return json::parse(securebase::to_result_json(ecr5_scores())); }

void expect_error_text(std::string_view text, ErrorCode code, const std::string& what) {
  securebase::test::check_error([&] { (void)securebase::parse_result_json(text, "result.json"); },
                                code, what);
}

void expect_error(const std::function<void(json&)>& mutate, ErrorCode code,
                  const std::string& what) {
  json doc = result_doc();
  mutate(doc);
  expect_error_text(doc.dump(2), code, what);
}

}  // namespace

TEST_CASE("the ECR-5 test respondent has a scored and an insufficient scale", "[result]") {
  const Scores s = ecr5_scores();
  CHECK(s.instrument_id == "ecr-5");
  CHECK(s.norm_set == "osp-2018");
  REQUIRE(s.scales.size() == 2);
  const securebase::ScaleScore& anx = s.scales[0];
  const securebase::ScaleScore& avo = s.scales[1];
  CHECK(anx.scale_id == "anxiety");
  CHECK(anx.status == securebase::ScoreStatus::ok);
  CHECK(anx.n_answered == 17);
  CHECK(anx.missing_items == std::vector<std::string>{"i02"});
  CHECK(anx.error.has_value());
  CHECK(anx.norm.has_value());
  CHECK(avo.scale_id == "avoidance");
  CHECK(avo.status == securebase::ScoreStatus::insufficient);
  CHECK(avo.n_answered == 14);
  CHECK(std::isnan(avo.value));
  CHECK_FALSE(avo.error.has_value());
  CHECK_FALSE(avo.norm.has_value());
}

TEST_CASE("a result survives the JSON round trip exactly", "[result]") {
  for (const Scores& original : {ecr5_scores(), awkward_scores()}) {
    INFO(original.instrument_id);
    for (int indent : {2, 0, 4, -1}) {
      INFO("indent " << indent);
      const std::string text = securebase::to_result_json(original, indent);
      const Scores back = securebase::parse_result_json(text, "result.json");
      check_same(original, back);
      CHECK(securebase::to_result_json(back, indent) == text);
    }
  }
}

TEST_CASE("a result document has the documented shape", "[result]") {
  const std::string text = securebase::to_result_json(ecr5_scores());
  CHECK(text.back() == '\n');
  const json j = json::parse(text);
  CHECK(j["schema"] == "securebase-result");
  CHECK(j["schema_version"] == 1);
  CHECK(j["norm_set"] == "osp-2018");
  CHECK(j["instrument"]["key_fingerprint"] ==
        securebase::load_embedded_instrument("ecr-5").key_fingerprint());
  REQUIRE(j["answers"].size() == 36);
  CHECK(j["answers"][0] == json({{"item", "i01"}, {"number", 1}, {"value", nullptr}}));
  CHECK(j["answers"][3] == json({{"item", "i04"}, {"number", 4}, {"value", 4.0}}));
  const json& avo = j["scales"][1];
  CHECK(avo["status"] == "insufficient");
  CHECK(avo["value"].is_null());
  CHECK(avo["measurement_error"].is_null());
  CHECK(avo["norm"].is_null());
  CHECK(avo["missing_items"] == json({"i01", "i03", "i05", "i07"}));
  const json& anx = j["scales"][0];
  CHECK(anx["status"] == "ok");
  CHECK(anx["value"].is_number());
  CHECK(anx["measurement_error"]["level"] == 0.95);
  CHECK(anx["norm"]["norm_set"] == "osp-2018");
  CHECK(anx["norm"]["percentile_source"] == "table");
  // members appear in the order written, for people reading the file
  CHECK(text.find("\"schema\"") < text.find("\"schema_version\""));
  CHECK(text.find("\"answers\"") < text.find("\"scales\""));
}

TEST_CASE("a result without a norm set writes null and reads back empty", "[result]") {
  const securebase::Instrument in = securebase::load_embedded_instrument("ecr-r");
  const Scores s = securebase::score(in, securebase::empty_responses(in));
  const std::string text = securebase::to_result_json(s);
  CHECK(json::parse(text)["norm_set"].is_null());
  const Scores back = securebase::parse_result_json(text, "result.json");
  CHECK(back.norm_set.empty());
  check_same(s, back);
}

TEST_CASE("the compact form is one line", "[result]") {
  const std::string compact = securebase::to_result_json(ecr5_scores(), -1);
  CHECK(compact.find('\n') == std::string::npos);
  CHECK(compact.front() == '{');
  CHECK(compact.back() == '}');
  CHECK(json::parse(compact) == result_doc());
  const std::string awkward = securebase::to_result_json(awkward_scores(), -1);
  CHECK(awkward.find('\n') == std::string::npos);  // the tab in the title is escaped
}

TEST_CASE("a stored version-1 result document still reads", "[result]") {
  // tests/data/results/ecr-5-v1.json was written by to_result_json from ecr5_scores()
  std::ifstream in(data_dir + "/results/ecr-5-v1.json", std::ios::binary);
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const Scores s = securebase::parse_result_json(buffer.str(), "ecr-5-v1.json");
  CHECK(s.instrument_id == "ecr-5");
  CHECK(s.norm_set == "osp-2018");
  CHECK(s.key_fingerprint == securebase::load_embedded_instrument("ecr-5").key_fingerprint());
  REQUIRE(s.answers.size() == 36);
  CHECK(std::isnan(s.answers[0].value));
  CHECK(s.answers[35].value == 1.0);
  REQUIRE(s.scales.size() == 2);
  const securebase::ScaleScore& anx = s.scales[0];
  // source: hand computation: answers (n - 1) % 5 + 1 on even items 4..36, item 22 reversed
  // (6 - 2 = 4): sum 52 over 17 items
  CHECK(anx.value == 52.0 / 17.0);
  REQUIRE(anx.norm.has_value());
  // source: (52/17 - 3.1) / 0.8, osp-2018 anxiety mean and SD (instruments/ecr-5.json)
  CHECK(anx.norm->z == (52.0 / 17.0 - 3.1) / 0.8);
  // source: linear interpolation in the osp-2018 table between (40, 2.89) and (50, 3.11)
  CHECK(anx.norm->percentile == 40 + 10 * (52.0 / 17.0 - 2.89) / (3.11 - 2.89));
  REQUIRE(anx.error.has_value());
  // source: 0.8 * sqrt(1 - 0.916)
  CHECK(anx.error->sem == 0.8 * std::sqrt(1 - 0.916));
  CHECK(s.scales[1].status == securebase::ScoreStatus::insufficient);
  CHECK(std::isnan(s.scales[1].value));
  // and today's scoring of the same answers agrees with the stored values
  const Scores now = ecr5_scores();
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(same(now.scales[i].value, s.scales[i].value));
    CHECK(now.scales[i].missing_items == s.scales[i].missing_items);
    CHECK(now.scales[i].reversed_items == s.scales[i].reversed_items);
  }
  CHECK(now.scales[0].norm->percentile == anx.norm->percentile);
}

TEST_CASE("malformed result JSON is error 401 with line:column", "[result]") {
  expect_error_text(
      "{\n  \"schema\": \"securebase-result\",\n  \"schema_version\": 1\n  \"x\": 2\n}",
      ErrorCode::result_syntax,
      "[securebase.result.401] result.json:4:5: the text is not valid JSON (syntax "
      "error while parsing object - unexpected string literal; expected '}')");
  expect_error_text("", ErrorCode::result_syntax,
                    "[securebase.result.401] result.json:1:1: the text is not valid JSON (syntax "
                    "error while parsing value - unexpected end of input; expected '[', '{', or "
                    "a literal)");
}

TEST_CASE("a number too large for a double in a result is error 401", "[result]") {
  // Regression: out_of_range.406 from nlohmann once escaped parse_json_strict.
  try {
    (void)securebase::parse_result_json(R"({"schema_version": 1e999})", "result.json");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::result_syntax);
  } catch (const std::exception& e) {
    FAIL("a non-securebase exception escaped: " << e.what());
  }
}

TEST_CASE("a document of another schema is error 402", "[result]") {
  expect_error([](json& d) { d["schema"] = "securebase-instrument"; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /schema: schema is "
               "\"securebase-instrument\", but must be \"securebase-result\"");
  // a wrong schema stops reading at once: nothing else is reported
  expect_error(
      [](json& d) {
        d["schema"] = "other";
        d.erase("scales");
      },
      ErrorCode::result_schema,
      "[securebase.result.402] result.json: /schema: schema is \"other\", but must be "
      "\"securebase-result\"");
  expect_error_text("[1]", ErrorCode::result_schema,
                    "[securebase.result.402] result.json: /: the result is an array, but must be "
                    "an object");
  expect_error_text(R"({"schema": "securebase-result", "schema": "securebase-result"})",
                    ErrorCode::result_schema,
                    "[securebase.result.402] result.json: /schema: key \"schema\" appears twice "
                    "in the same object, but must be unique");
}

TEST_CASE("a newer schema version is error 403", "[result]") {
  expect_error([](json& d) { d["schema_version"] = 2; }, ErrorCode::result_version,
               "[securebase.result.403] result.json: /schema_version: schema_version is 2, but "
               "this securebase reads up to 1; upgrade securebase to read it");
  expect_error([](json& d) { d["schema_version"] = 0; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /schema_version: schema_version is 0, but "
               "must be at least 1");
  expect_error([](json& d) { d["schema_version"] = "1"; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /schema_version: schema_version is a "
               "string, but must be a whole number");
}

TEST_CASE("a missing member is error 402 at its JSON path", "[result]") {
  expect_error([](json& d) { d.erase("answers"); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /: required member \"answers\" is missing");
  expect_error([](json& d) { d.erase("schema"); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /: required member \"schema\" is missing");
  expect_error([](json& d) { d["instrument"].erase("title"); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /instrument: required member \"title\" is "
               "missing");
  expect_error([](json& d) { d["answers"][5].erase("value"); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /answers/5: required member \"value\" is "
               "missing");
  expect_error([](json& d) { d["scales"][0].erase("n_items"); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0: required member \"n_items\" is "
               "missing");
  expect_error([](json& d) { d["scales"][1].erase("norm"); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/1: required member \"norm\" is "
               "missing");
  expect_error([](json& d) { d["scales"][0]["norm"].erase("z"); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/norm: required member \"z\" is "
               "missing");
  expect_error([](json& d) { d["scales"][0]["measurement_error"].erase("sem"); },
               ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/measurement_error: required "
               "member \"sem\" is missing");
  // a missing fingerprint is reported once (regression: it was also reported as too short)
  expect_error([](json& d) { d["instrument"].erase("key_fingerprint"); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /instrument: required member "
               "\"key_fingerprint\" is missing");
}

TEST_CASE("wrong values and types in a result are error 402", "[result]") {
  expect_error([](json& d) { d["scales"][0]["value"] = nullptr; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/value: value is null, but must be "
               "a number when status is \"ok\"");
  // a string value is reported once (regression: it was also said to be null)
  expect_error([](json& d) { d["scales"][0]["value"] = "3.5"; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/value: value is a string, but "
               "must be a number");
  expect_error([](json& d) { d["instrument"]["key_fingerprint"] = "abc"; },
               ErrorCode::result_schema,
               "[securebase.result.402] result.json: /instrument/key_fingerprint: "
               "key_fingerprint is \"abc\", but must be 64 lowercase hexadecimal characters "
               "(SHA-256)");
  // 64 characters that are not hexadecimal
  expect_error([](json& d) { d["instrument"]["key_fingerprint"] = std::string(64, 'g'); },
               ErrorCode::result_schema,
               "[securebase.result.402] result.json: /instrument/key_fingerprint: "
               "key_fingerprint is \"" +
                   std::string(34, 'g') +
                   "...\", but must be 64 "
                   "lowercase hexadecimal characters (SHA-256)");
  expect_error([](json& d) { d["norm_set"] = ""; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /norm_set: norm_set is \"\", but must be a "
               "non-empty string");
  expect_error([](json& d) { d["scales"][0]["n_missing"] = -1; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/n_missing: n_missing is -1, but "
               "must be at least 0");
  expect_error([](json& d) { d["scales"][0]["missing_items"][0] = 2; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/missing_items/0: entry is 2, but "
               "must be an item id string");
  expect_error([](json& d) { d["scales"] = json::object(); }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales: scales is an object, but must be "
               "an array");
  expect_error([](json& d) { d["answers"][0] = 5; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /answers/0: an answer is a number, but must "
               "be an object");
  expect_error([](json& d) { d["scales"][0]["prorated"] = "no"; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/prorated: prorated is a string, "
               "but must be true or false");
}

TEST_CASE("an unknown enum word in a result is error 402", "[result]") {
  expect_error([](json& d) { d["scales"][0]["status"] = "great"; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/status: status is \"great\", but "
               "must be one of \"ok\", \"insufficient\"");
  expect_error([](json& d) { d["scales"][0]["method"] = "median"; }, ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/method: method is \"median\", but "
               "must be one of \"mean\", \"sum\"");
  expect_error([](json& d) { d["scales"][0]["norm"]["percentile_source"] = "guess"; },
               ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/norm/percentile_source: "
               "percentile_source is \"guess\", but must be one of \"table\", \"normal\"");
  expect_error([](json& d) { d["scales"][0]["norm"]["percentile_bound"] = "Exact"; },
               ErrorCode::result_schema,
               "[securebase.result.402] result.json: /scales/0/norm/percentile_bound: "
               "percentile_bound is \"Exact\", but must be one of \"exact\", \"at_most\", "
               "\"at_least\"");
}

TEST_CASE("several problems in a result are reported at once", "[result]") {
  expect_error(
      [](json& d) {
        d["scales"][0]["status"] = "fine";
        d["scales"][1]["method"] = 1;
        d["answers"][2]["number"] = 1.5;
      },
      ErrorCode::result_schema,
      "[securebase.result.402] result.json: /answers/2/number: number is 1.5, but must be a "
      "whole number (and 2 more problems)\n"
      "  [securebase.result.402] result.json: /scales/0/status: status is \"fine\", but must be "
      "one of \"ok\", \"insufficient\"\n"
      "  [securebase.result.402] result.json: /scales/1/method: method is a number, but must be "
      "a string");
}

TEST_CASE("an administration (shuffle seed and order) round-trips, the seed as a string",
          "[result]") {
  Scores s = ecr5_scores();
  s.administration = securebase::Administration{18446744073709551615ULL, {"i02", "i01"}, ""};
  const std::string text = securebase::to_result_json(s);
  const json j = json::parse(text);
  // a 64-bit seed is written as a decimal string, so no JSON reader rounds it
  CHECK(j["administration"]["seed"] == "18446744073709551615");
  CHECK(j["administration"]["order"] == json::array({"i02", "i01"}));
  const Scores back = securebase::parse_result_json(text, "r.json");
  REQUIRE(back.administration.has_value());
  CHECK(*back.administration->seed == 18446744073709551615ULL);
  CHECK(back.administration->order == std::vector<std::string>{"i02", "i01"});
  CHECK(securebase::to_result_json(back) == text);
  // the canonical order has no seed
  s.administration->seed.reset();
  CHECK(json::parse(securebase::to_result_json(s))["administration"]["seed"].is_null());
  // without an administration the member is absent
  CHECK_FALSE(json::parse(securebase::to_result_json(ecr5_scores())).contains("administration"));
}

TEST_CASE("a malformed administration is error 402 with its path", "[result]") {
  json j = json::parse(securebase::to_result_json(ecr5_scores()));
  j["administration"] = {{"seed", "-1"}, {"order", {"i01", 3}}};
  securebase::test::check_error(
      [&] { (void)securebase::parse_result_json(j.dump(), "r.json"); }, ErrorCode::result_schema,
      "[securebase.result.402] r.json: /administration/seed: seed is \"-1\", but must be a "
      "decimal string of an unsigned 64-bit integer, or null (and 1 more problem)\n"
      "  [securebase.result.402] r.json: /administration/order/1: must be an item id (a "
      "string)");
}

TEST_CASE("a result is checked against the key it was scored with (404 names both keys)",
          "[result]") {
  const securebase::Instrument ecr = securebase::load_embedded_instrument("ecr-r");
  const securebase::Instrument core = securebase::load_embedded_instrument("securebase-core");
  Scores scores;
  scores.instrument_id = "ecr-r";
  scores.key_fingerprint = ecr.key_fingerprint();
  securebase::require_scored_with(ecr, scores, "r.json", "hint");  // the same key: no error
  // Expected: the message format in docs/errors.md (404), each fingerprint cut to 12 digits.
  securebase::test::check_error(
      [&] { securebase::require_scored_with(core, scores, "r.json", "score it again"); },
      ErrorCode::result_incomparable,
      "[securebase.result.404] r.json: was scored with ecr-r (key sha256:" +
          ecr.key_fingerprint().substr(0, 12) +
          "...), but embedded:securebase-core has key sha256:" +
          core.key_fingerprint().substr(0, 12) + "...; score it again");
}
