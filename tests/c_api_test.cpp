// Tests of the C API (include/securebase/securebase.h), called from C++: every status path.
#include "securebase/securebase.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "securebase/version.hpp"
#include "support/paths.hpp"

namespace {

// The quick start's answers on securebase-core (examples/answers/securebase-core-example.txt).
const char* const core_answers =
    "1=5 2=3 3=4 4=5 5=3 6=5 7=3 8=5 9=6 10=4 11=3 12=4 13=5 14=5 15=6 16=4 17=3 18=5 "
    "19=5 20=NA 21=3 22=5 23=5 24=4 25=3 26=3 27=6 28=4 29=4 30=4 31=5 32=6 33=4 34=5 35=3 36=6";

// source: hand computation (tests/CMakeLists.txt, cli.quickstart_example): anxiety items
// 1, 4, ..., 34 with 7, 16, 25, 34 reversed: 55 / 12.
const double core_anxiety = 55.0 / 12.0;

std::string last_message() { return sb_last_error_message(); }

struct Loaded {
  sb_instrument* instrument = nullptr;
  Loaded() { REQUIRE(sb_instrument_load_embedded("securebase-core", &instrument) == SB_OK); }
  ~Loaded() { sb_instrument_free(instrument); }
  Loaded(const Loaded&) = delete;
  Loaded& operator=(const Loaded&) = delete;
};

}  // namespace

TEST_CASE("C API: version and embedded ids", "[c_api]") {
  CHECK(std::string(sb_version()) == SECUREBASE_VERSION_STRING);
  char* ids = nullptr;
  REQUIRE(sb_embedded_instrument_ids(&ids) == SB_OK);
  CHECK(std::string(ids).find("\"securebase-core\"") != std::string::npos);
  CHECK(std::string(ids).front() == '[');
  sb_string_free(ids);
  CHECK(sb_embedded_instrument_ids(nullptr) == SB_ERROR_NULL_ARGUMENT);
  CHECK(last_message() ==
        "[securebase.capi.1] sb_embedded_instrument_ids: out_json must not be NULL");
  CHECK(sb_last_error_code() == SB_ERROR_NULL_ARGUMENT);
}

TEST_CASE("C API: loading instruments", "[c_api]") {
  sb_instrument* ins = nullptr;
  SECTION("embedded by id") {
    REQUIRE(sb_instrument_load_embedded("ecr-5", &ins) == SB_OK);
    CHECK(std::string(sb_instrument_id(ins)) == "ecr-5");
    CHECK(last_message().empty());
    CHECK(sb_last_error_code() == SB_OK);
  }
  SECTION("unknown embedded id is 107") {
    CHECK(sb_instrument_load_embedded("no-such-thing", &ins) == 107);
    CHECK(ins == nullptr);
    CHECK(sb_last_error_code() == 107);
    CHECK(last_message().rfind("[securebase.instrument.107] ", 0) == 0);
  }
  SECTION("from a file") {
    const std::string path = std::string(SECUREBASE_SOURCE_DIR) + "/instruments/ecr-5.json";
    REQUIRE(sb_instrument_load_file(path.c_str(), &ins) == SB_OK);
    CHECK(std::string(sb_instrument_id(ins)) == "ecr-5");
  }
  SECTION("an unreadable file is 601") {
    CHECK(sb_instrument_load_file("/nonexistent/instrument.json", &ins) == 601);
    CHECK(ins == nullptr);
    CHECK(last_message().rfind("[securebase.io.601] ", 0) == 0);
  }
  SECTION("from JSON text") {
    CHECK(sb_instrument_parse("{\"id\": ", "mine.json", &ins) == 101);
    CHECK(last_message().rfind("[securebase.instrument.101] mine.json:", 0) == 0);
    CHECK(sb_instrument_parse("[]", nullptr, &ins) == 103);
    CHECK(last_message().rfind("[securebase.instrument.103] instrument", 0) == 0);
    CHECK(ins == nullptr);
  }
  SECTION("NULL arguments are status 1") {
    CHECK(sb_instrument_load_embedded(nullptr, &ins) == SB_ERROR_NULL_ARGUMENT);
    CHECK(last_message() == "[securebase.capi.1] sb_instrument_load_embedded: id must not be NULL");
    CHECK(sb_instrument_load_embedded("ecr-5", nullptr) == SB_ERROR_NULL_ARGUMENT);
    CHECK(last_message() ==
          "[securebase.capi.1] sb_instrument_load_embedded: out must not be NULL");
    CHECK(sb_instrument_load_file(nullptr, &ins) == SB_ERROR_NULL_ARGUMENT);
    CHECK(last_message() == "[securebase.capi.1] sb_instrument_load_file: path must not be NULL");
    CHECK(sb_instrument_parse(nullptr, "x", &ins) == SB_ERROR_NULL_ARGUMENT);
    CHECK(last_message() == "[securebase.capi.1] sb_instrument_parse: json must not be NULL");
    CHECK(ins == nullptr);
    CHECK(sb_instrument_id(nullptr) == nullptr);
  }
  sb_instrument_free(ins);
  sb_instrument_free(nullptr);  // allowed
}

TEST_CASE("C API: scoring", "[c_api]") {
  Loaded core;
  sb_result* result = nullptr;
  SECTION("item=value answers give the result document with profile and feedback") {
    REQUIRE(sb_score(core.instrument, core_answers, nullptr, &result) == SB_OK);
    CHECK(last_message().empty());
    const std::string json = sb_result_json(result);
    CHECK(json.find("\"schema\": \"securebase-result\"") != std::string::npos);
    CHECK(json.find("\"profile\":") != std::string::npos);
    CHECK(json.find("\"feedback\":") != std::string::npos);
    double anxiety = 0;
    REQUIRE(sb_result_scale_score(result, "anxiety", &anxiety) == SB_OK);
    CHECK(anxiety == Approx(core_anxiety).margin(1e-12));
  }
  SECTION("JSON answers, Spanish feedback") {
    REQUIRE(sb_score(core.instrument, "{\"1\": 5, \"2\": null}", "{\"language\": \"es\"}",
                     &result) == SB_OK);
    CHECK(std::string(sb_result_json(result)).find("\"language\": \"es\"") != std::string::npos);
    // One anxiety item answered is fewer than the scale's minimum: no score.
    double anxiety = 0;
    REQUIRE(sb_result_scale_score(result, "anxiety", &anxiety) == SB_OK);
    CHECK(std::isnan(anxiety));
  }
  SECTION("bad answers carry their securebase code") {
    CHECK(sb_score(core.instrument, "{\"1\": 5", nullptr, &result) == 201);
    CHECK(last_message().rfind("[securebase.answers.201] answers:", 0) == 0);
    CHECK(sb_score(core.instrument, "99=1", nullptr, &result) == 202);
    CHECK(sb_score(core.instrument, "{\"1\": 9}", nullptr, &result) == 203);
    CHECK(last_message().rfind("[securebase.answers.203] answers: /1", 0) == 0);
    CHECK(sb_score(core.instrument, "1=2.5", nullptr, &result) == 204);
    CHECK(sb_score(core.instrument, "1=2 1=3", nullptr, &result) == 205);
    CHECK(result == nullptr);
  }
  SECTION("options") {
    CHECK(sb_score(core.instrument, core_answers, "{", &result) == SB_ERROR_BAD_OPTIONS);
    CHECK(last_message().rfind("[securebase.capi.3] sb_score: options:1:2: ", 0) == 0);
    CHECK(sb_score(core.instrument, core_answers, "[]", &result) == SB_ERROR_BAD_OPTIONS);
    CHECK(last_message() ==
          "[securebase.capi.3] sb_score: options must be a JSON object such as {\"norm_set\": "
          "\"osp-2018\"}, not an "
          "array");
    CHECK(sb_score(core.instrument, core_answers, "{\"norms\": \"x\"}", &result) ==
          SB_ERROR_BAD_OPTIONS);
    CHECK(last_message() ==
          "[securebase.capi.3] sb_score: options: unknown member \"norms\"; the members are "
          "norm_set, language and "
          "boundary_norm_set");
    CHECK(sb_score(core.instrument, core_answers, "{\"language\": 1}", &result) ==
          SB_ERROR_BAD_OPTIONS);
    CHECK(last_message() ==
          "[securebase.capi.3] sb_score: options: \"language\" must be a string, not a number");
    CHECK(sb_score(core.instrument, core_answers, "{\"norm_set\": \"none\"}", &result) == 301);
    CHECK(sb_score(core.instrument, core_answers, "{\"language\": \"xx\"}", &result) == 504);
    CHECK(result == nullptr);
  }
  SECTION("NULL arguments are status 1") {
    CHECK(sb_score(nullptr, core_answers, nullptr, &result) == SB_ERROR_NULL_ARGUMENT);
    CHECK(last_message() == "[securebase.capi.1] sb_score: instrument must not be NULL");
    CHECK(sb_score(core.instrument, nullptr, nullptr, &result) == SB_ERROR_NULL_ARGUMENT);
    CHECK(last_message() == "[securebase.capi.1] sb_score: answers must not be NULL");
    CHECK(sb_score(core.instrument, core_answers, nullptr, nullptr) == SB_ERROR_NULL_ARGUMENT);
    CHECK(last_message() == "[securebase.capi.1] sb_score: out must not be NULL");
    CHECK(result == nullptr);
    CHECK(sb_result_json(nullptr) == nullptr);
  }
  sb_result_free(result);
  sb_result_free(nullptr);  // allowed
}

TEST_CASE("C API: scale scores", "[c_api]") {
  Loaded core;
  sb_result* result = nullptr;
  REQUIRE(sb_score(core.instrument, core_answers, nullptr, &result) == SB_OK);
  double value = 0;
  CHECK(sb_result_scale_score(result, "worry", &value) == SB_ERROR_NO_SUCH_SCALE);
  CHECK(std::isnan(value));
  CHECK(last_message().rfind("[securebase.capi.4] sb_result_scale_score: the instrument "
                             "securebase-core has no scale \"worry\"; its "
                             "scales are anxiety, avoidance, secure_base, ",
                             0) == 0);
  CHECK(sb_result_scale_score(nullptr, "anxiety", &value) == SB_ERROR_NULL_ARGUMENT);
  CHECK(sb_result_scale_score(result, nullptr, &value) == SB_ERROR_NULL_ARGUMENT);
  CHECK(sb_result_scale_score(result, "anxiety", nullptr) == SB_ERROR_NULL_ARGUMENT);
  CHECK(last_message() == "[securebase.capi.1] sb_result_scale_score: value must not be NULL");
  // A success clears the message of the failure before it.
  CHECK(sb_result_scale_score(result, "anxiety", &value) == SB_OK);
  CHECK(last_message().empty());
  sb_result_free(result);
  sb_string_free(nullptr);  // allowed
}

TEST_CASE("C API: one instrument shared by threads", "[c_api]") {
  Loaded core;
  std::vector<double> anxiety(4, 0.0);
  std::vector<int> status(4, -1);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < anxiety.size(); ++t) {
    threads.emplace_back([&, t] {
      sb_result* r = nullptr;
      status[t] = sb_score(core.instrument, core_answers, nullptr, &r);
      if (status[t] == SB_OK) status[t] = sb_result_scale_score(r, "anxiety", &anxiety[t]);
      sb_result_free(r);
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t t = 0; t < anxiety.size(); ++t) {
    CHECK(status[t] == SB_OK);
    CHECK(anxiety[t] == Approx(core_anxiety).margin(1e-12));
  }
}
