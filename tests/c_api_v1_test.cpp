// Tests of the C API added in 0.1's successor (include/securebase/securebase.h): versions,
// error names and lists, (pointer, length) texts, metadata, item text, the scores-only and array
// calls (bit for bit the engine's), results, rendering, comparison and statistics.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/answer_checks.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/securebase.h"
#include "securebase/version.hpp"
#include "support/paths.hpp"
#include "support/plane_instrument.hpp"

namespace {

// The quick start's answers on securebase-core (examples/answers/securebase-core-example.txt).
const char* const core_answers =
    "1=5 2=3 3=4 4=5 5=3 6=5 7=3 8=5 9=6 10=4 11=3 12=4 13=5 14=5 15=6 16=4 17=3 18=5 "
    "19=5 20=NA 21=3 22=5 23=5 24=4 25=3 26=3 27=6 28=4 29=4 30=4 31=5 32=6 33=4 34=5 35=3 36=6";

// source: hand computation (tests/CMakeLists.txt, cli.quickstart_example): 55 / 12.
const double core_anxiety = 55.0 / 12.0;

const double missing_value = std::numeric_limits<double>::quiet_NaN();

std::string last_message() { return sb_last_error_message(); }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Takes ownership of a string the library returned.
std::string take(char* text) {
  std::string s = text == nullptr ? "" : text;
  sb_string_free(text);
  return s;
}

struct Loaded {
  sb_instrument* instrument = nullptr;
  explicit Loaded(const char* id = "securebase-core") {
    REQUIRE(sb_instrument_load_embedded(id, &instrument) == SB_OK);
  }
  ~Loaded() { sb_instrument_free(instrument); }
  Loaded(const Loaded&) = delete;
  Loaded& operator=(const Loaded&) = delete;
};

// The "NAME = NUMBER" pairs of an enum body in a source file, for the catalogue check.
std::vector<std::pair<std::string, int>> enum_entries(const std::string& text,
                                                      const std::string& prefix) {
  std::vector<std::pair<std::string, int>> out;
  const std::regex entry("\\b" + prefix + "(\\w+)\\s*=\\s*(\\d+),");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), entry);
       it != std::sregex_iterator(); ++it) {
    out.emplace_back((*it)[1].str(), std::stoi((*it)[2].str()));
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE("C API v1: version macros and number", "[c_api]") {
  CHECK(SB_VERSION_MAJOR == SECUREBASE_VERSION_MAJOR);
  CHECK(SB_VERSION_MINOR == SECUREBASE_VERSION_MINOR);
  CHECK(SB_VERSION_PATCH == SECUREBASE_VERSION_PATCH);
  CHECK(sb_version_number() == SB_VERSION_NUMBER);
  // source: the definition, MAJOR * 10000 + MINOR * 100 + PATCH.
  CHECK(sb_version_number() == SECUREBASE_VERSION_MAJOR * 10000 + SECUREBASE_VERSION_MINOR * 100 +
                                   SECUREBASE_VERSION_PATCH);
}

TEST_CASE("C API v1: sb_code is the error catalogue", "[c_api]") {
  const std::string header =
      read_text(std::string(SECUREBASE_SOURCE_DIR) + "/include/securebase/securebase.h");
  const std::string catalogue =
      read_text(std::string(SECUREBASE_SOURCE_DIR) + "/include/securebase/core/error.hpp");
  const auto c_codes = enum_entries(header, "SB_ERROR_");
  const auto cpp_codes = enum_entries(catalogue, "");
  REQUIRE(cpp_codes.size() == securebase::all_error_codes().size());
  // Every catalogue code is in the C enum under its upper-cased name, with the same number.
  for (const auto& [name, number] : cpp_codes) {
    INFO(name);
    CHECK(std::count(c_codes.begin(), c_codes.end(), std::make_pair(upper(name), number)) == 1);
    CHECK(std::string(sb_error_name(number)) ==
          securebase::error_id(static_cast<securebase::ErrorCode>(number)));
  }
  // The rest of the C enum is the C layer's own codes, 1-99.
  for (const auto& [name, number] : c_codes) {
    if (number < 100)
      CHECK(std::string(sb_error_name(number)) == "securebase.capi." + std::to_string(number));
  }
  CHECK(c_codes.size() == cpp_codes.size() + 5);
  CHECK(std::string(sb_error_name(SB_OK)) == "securebase.ok");
  CHECK(std::string(sb_error_name(SB_ERROR_ANSWERS_OUT_OF_RANGE)) == "securebase.answers.203");
  CHECK(sb_error_name(6) == nullptr);
  CHECK(sb_error_name(-1) == nullptr);
  CHECK(sb_error_name(999) == nullptr);
}

TEST_CASE("C API v1: every error of the last call", "[c_api]") {
  Loaded core;
  sb_result* result = nullptr;
  // Two answers off the scale: both are reported, the first leads.
  CHECK(sb_score(core.instrument, "{\"1\": 9, \"2\": 0}", nullptr, &result) == 203);
  REQUIRE(sb_last_error_count() == 2);
  CHECK(sb_last_error_code_at(0) == 203);
  CHECK(sb_last_error_code_at(1) == 203);
  CHECK(std::string(sb_last_error_where_at(0)) == "answers: /1");
  CHECK(std::string(sb_last_error_where_at(1)) == "answers: /2");
  CHECK(
      std::string(sb_last_error_message_at(1)).rfind("[securebase.answers.203] answers: /2: ", 0) ==
      0);
  CHECK(std::string(sb_last_error_text_at(1)).rfind("item \"", 0) == 0);
  CHECK(last_message().rfind(sb_last_error_message_at(0), 0) == 0);
  CHECK(sb_last_error_code_at(2) == SB_OK);
  CHECK(std::string(sb_last_error_message_at(2)).empty());
  // A C-layer failure is one problem in the same format.
  CHECK(sb_score(core.instrument, nullptr, nullptr, &result) == SB_ERROR_NULL_ARGUMENT);
  REQUIRE(sb_last_error_count() == 1);
  CHECK(std::string(sb_last_error_where_at(0)) == "sb_score");
  CHECK(std::string(sb_last_error_text_at(0)) == "answers must not be NULL");
  CHECK(last_message() == "[securebase.capi.1] sb_score: answers must not be NULL");
  // Success clears the list.
  CHECK(sb_score(core.instrument, core_answers, nullptr, &result) == SB_OK);
  CHECK(sb_last_error_count() == 0);
  sb_result_free(result);
}

TEST_CASE("C API v1: texts as pointer and length", "[c_api]") {
  Loaded core;
  sb_result* result = nullptr;
  SECTION("a length-taking score equals the NUL-terminated one") {
    const std::string answers = std::string(core_answers) + "garbage beyond the length";
    REQUIRE(sb_score_n(core.instrument, answers.data(), std::strlen(core_answers), nullptr, 0,
                       &result) == SB_OK);
    double anxiety = 0;
    REQUIRE(sb_result_scale_score(result, "anxiety", &anxiety) == SB_OK);
    CHECK(anxiety == core_anxiety);
  }
  SECTION("an embedded NUL is an error, never a truncation") {
    const char answers[] = "1=4\0 2=9";
    CHECK(sb_score_n(core.instrument, answers, sizeof answers - 1, nullptr, 0, &result) ==
          SB_ERROR_BAD_ARGUMENT);
    CHECK(last_message() ==
          "[securebase.capi.5] sb_score_n: answers holds a NUL byte at offset 3 of 8; pass the "
          "text without NUL bytes (or its length up to the first)");
    const char options[] = "{}\0x";
    CHECK(sb_score_n(core.instrument, "1=4", 3, options, 4, &result) == SB_ERROR_BAD_ARGUMENT);
    sb_instrument* ins = nullptr;
    CHECK(sb_instrument_load_embedded_n("ecr-r\0x", 7, &ins) == SB_ERROR_BAD_ARGUMENT);
    CHECK(sb_instrument_parse_n("{}\0", 3, nullptr, &ins) == SB_ERROR_BAD_ARGUMENT);
    CHECK(ins == nullptr);
  }
  SECTION("NULL with a length is status 1; NULL with length 0 is empty text") {
    CHECK(sb_score_n(core.instrument, nullptr, 5, nullptr, 0, &result) == SB_ERROR_NULL_ARGUMENT);
    // Empty answers: nothing answered, so every scale is unscored (NaN), and that is no error.
    REQUIRE(sb_score_n(core.instrument, nullptr, 0, nullptr, 0, &result) == SB_OK);
    double anxiety = 0;
    REQUIRE(sb_result_scale_score(result, "anxiety", &anxiety) == SB_OK);
    CHECK(std::isnan(anxiety));
  }
  SECTION("instruments by (pointer, length)") {
    sb_instrument* ins = nullptr;
    REQUIRE(sb_instrument_load_embedded_n("ecr-rXYZ", 5, &ins) == SB_OK);
    CHECK(std::string(sb_instrument_id(ins)) == "ecr-r");
    sb_instrument_free(ins);
    const std::string json =
        read_text(std::string(SECUREBASE_SOURCE_DIR) + "/instruments/ecr-5.json");
    REQUIRE(sb_instrument_parse_n(json.data(), json.size(), "ecr-5.json", &ins) == SB_OK);
    CHECK(std::string(sb_instrument_id(ins)) == "ecr-5");
    sb_instrument_free(ins);
    const std::string path = std::string(SECUREBASE_SOURCE_DIR) + "/instruments/ecr-5.json";
    REQUIRE(sb_instrument_load_file_n(path.data(), path.size(), &ins) == SB_OK);
    sb_instrument_free(ins);
  }
  sb_result_free(result);
}

TEST_CASE("C API v1: instrument metadata", "[c_api]") {
  Loaded core;
  // source: instruments/securebase-core.json: 36 items anx01..sb_repair2, 9 scales, answers 1-7.
  CHECK(sb_instrument_item_count(core.instrument) == 36);
  CHECK(sb_instrument_scale_count(core.instrument) == 9);
  CHECK(std::string(sb_instrument_item_id(core.instrument, 0)) == "anx01");
  CHECK(std::string(sb_instrument_item_id(core.instrument, 35)) == "sb_repair2");
  CHECK(sb_instrument_item_id(core.instrument, 36) == nullptr);
  CHECK(std::string(sb_instrument_scale_id(core.instrument, 0)) == "anxiety");
  CHECK(std::string(sb_instrument_scale_id(core.instrument, 8)) == "sb_ambivalence");
  CHECK(sb_instrument_scale_id(core.instrument, 9) == nullptr);
  CHECK(sb_instrument_item_count(nullptr) == 0);
  CHECK(sb_instrument_item_id(nullptr, 0) == nullptr);
  int lo = 0;
  int hi = 0;
  REQUIRE(sb_instrument_response_range(core.instrument, &lo, &hi) == SB_OK);
  CHECK(lo == 1);
  CHECK(hi == 7);
  CHECK(sb_instrument_response_range(nullptr, &lo, &hi) == SB_ERROR_NULL_ARGUMENT);
  CHECK(sb_instrument_response_range(core.instrument, nullptr, &hi) == SB_ERROR_NULL_ARGUMENT);
  char* json = nullptr;
  REQUIRE(sb_instrument_info_json(core.instrument, &json) == SB_OK);
  const std::string info = take(json);
  for (const char* member :
       {"\"licence\":", "\"citations\":", "\"response_scale\":", "\"labels\":", "\"scales\":",
        "\"min_answered\":", "\"orders\":", "\"norm_sets\":", "\"key_fingerprint\":"}) {
    CHECK(info.find(member) != std::string::npos);
  }
  // source: instruments/securebase-core.json, item 7 (anx03) counts reversed on anxiety.
  CHECK(info.find("{\"id\":\"anx03\",\"number\":7,\"keys\":[{\"scale\":\"anxiety\",\"reversed\":"
                  "true,\"weight\":1.0}") != std::string::npos);
  CHECK(sb_instrument_info_json(core.instrument, nullptr) == SB_ERROR_NULL_ARGUMENT);
}

TEST_CASE("C API v1: item text by language from the library or the user", "[c_api]") {
  Loaded core;
  char* json = nullptr;
  REQUIRE(sb_text_languages(core.instrument, &json) == SB_OK);
  CHECK(take(json) == "[\"en\",\"es\"]");
  sb_text* en = nullptr;
  REQUIRE(sb_text_load_embedded(core.instrument, "en", &en) == SB_OK);
  CHECK(std::string(sb_text_language(en)) == "en");
  for (std::size_t i = 0; i < 36; ++i) CHECK(sb_text_item(en, i) != nullptr);
  CHECK(sb_text_item(en, 36) == nullptr);
  CHECK(std::string(sb_text_label(en, 1)) == "Strongly disagree");
  CHECK(std::string(sb_text_label(en, 7)) == "Strongly agree");
  CHECK(sb_text_label(en, 0) == nullptr);
  CHECK(sb_text_label(en, 8) == nullptr);
  // The same file passed as the user's own buffer and as a file gives the same words.
  const std::string path =
      std::string(SECUREBASE_SOURCE_DIR) + "/instruments/text/securebase-core.en.json";
  const std::string file = read_text(path);
  sb_text* mine = nullptr;
  REQUIRE(sb_text_parse_n(core.instrument, file.data(), file.size(), "mine.json", &mine) == SB_OK);
  CHECK(std::string(sb_text_item(mine, 4)) == sb_text_item(en, 4));
  sb_text_free(mine);
  REQUIRE(sb_text_load_file(core.instrument, path.c_str(), &mine) == SB_OK);
  CHECK(std::string(sb_text_item(mine, 35)) == sb_text_item(en, 35));
  sb_text_free(mine);
  mine = nullptr;
  CHECK(sb_text_load_embedded(core.instrument, "fr", &mine) == 504);
  CHECK(last_message().rfind("[securebase.text.504] sb_text_load_embedded: the library has no fr "
                             "text for securebase-core (it has en, es); ",
                             0) == 0);
  Loaded ecr("ecr-r");
  CHECK(sb_text_parse_n(ecr.instrument, file.data(), file.size(), "mine.json", &mine) == 503);
  CHECK(sb_text_parse_n(core.instrument, "{", 1, nullptr, &mine) == 501);
  CHECK(sb_text_load_file(core.instrument, "/nonexistent.json", &mine) == 601);
  CHECK(sb_text_load_embedded(nullptr, "en", &mine) == SB_ERROR_NULL_ARGUMENT);
  CHECK(mine == nullptr);
  sb_text_free(en);
  sb_text_free(nullptr);
}

TEST_CASE("C API v1: scores only", "[c_api]") {
  Loaded core;
  std::vector<double> scores(9, 0.0);
  std::vector<uint32_t> answered(9, 0);
  REQUIRE(sb_score_values(core.instrument, core_answers, std::strlen(core_answers), scores.data(),
                          answered.data(), scores.size()) == SB_OK);
  CHECK(scores[0] == core_anxiety);
  CHECK(answered[0] == 12);  // source: all 12 anxiety items answered (item 20 is avoidance)
  // Every scale equals what sb_score gives, bit for bit.
  sb_result* result = nullptr;
  REQUIRE(sb_score(core.instrument, core_answers, nullptr, &result) == SB_OK);
  for (std::size_t s = 0; s < 9; ++s) {
    double v = 0;
    REQUIRE(sb_result_scale_score(result, sb_instrument_scale_id(core.instrument, s), &v) == SB_OK);
    CHECK(std::memcmp(&v, &scores[s], sizeof v) == 0);
  }
  sb_result_free(result);
  CHECK(sb_score_values(core.instrument, "1=9", 3, scores.data(), nullptr, 9) == 203);
  CHECK(sb_score_values(core.instrument, core_answers, std::strlen(core_answers), scores.data(),
                        nullptr, 8) == SB_ERROR_BAD_ARGUMENT);
  CHECK(last_message() ==
        "[securebase.capi.5] sb_score_values: capacity is 8, but must be at least 9 (the "
        "instrument's scales)");
  CHECK(sb_score_values(core.instrument, "1=4", 3, nullptr, nullptr, 9) == SB_ERROR_NULL_ARGUMENT);
  CHECK(sb_score_values(nullptr, "1=4", 3, scores.data(), nullptr, 9) == SB_ERROR_NULL_ARGUMENT);
}

TEST_CASE("C API v1: the array call is the engine's score bit for bit", "[c_api]") {
  // Every embedded instrument: the array call's dense sums (every weight 1, no composite) and
  // score_raw (the others) against score(), with 12% of answers missing (70% in every fifth
  // row, so that rows fall below each minimum-answered rule too).
  for (const std::string& id : securebase::embedded_instrument_ids()) {
    INFO(id);
    Loaded loaded(id.c_str());
    const securebase::Instrument ins = securebase::load_embedded_instrument(id);
    const std::size_t items = ins.items().size();
    const std::size_t scales = ins.scales().size();
    const std::size_t rows = 2000;
    const std::size_t stride = items + 3;  // padding columns the call must skip
    std::mt19937 rng(1812);
    std::uniform_int_distribution<int> answer(ins.response_scale().min, ins.response_scale().max);
    std::bernoulli_distribution missing(0.12);
    std::bernoulli_distribution mostly_missing(0.7);  // every fifth row
    std::vector<double> values(rows * stride, -1.0);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t i = 0; i < items; ++i)
        values[r * stride + i] =
            (r % 5 == 0 ? mostly_missing(rng) : missing(rng)) ? missing_value : answer(rng);
    }
    std::vector<double> scores(rows * (scales + 1), 0.0);
    std::vector<uint32_t> answered(rows * (scales + 1), 0);
    std::vector<int> status(rows, -1);
    std::size_t invalid = 99;
    REQUIRE(sb_score_array(loaded.instrument, values.data(), rows, stride, scores.data(),
                           scales + 1, answered.data(), status.data(), &invalid) == SB_OK);
    CHECK(invalid == 0);
    for (std::size_t r = 0; r < rows; ++r) {
      securebase::Responses resp{
          std::vector<double>(values.begin() + static_cast<long>(r * stride),
                              values.begin() + static_cast<long>(r * stride + items))};
      const securebase::Scores expected = securebase::score(ins, resp);
      CHECK(status[r] == SB_OK);
      for (std::size_t s = 0; s < scales; ++s) {
        const double got = scores[r * (scales + 1) + s];
        CHECK(std::memcmp(&got, &expected.scales[s].value, sizeof got) == 0);
        CHECK(answered[r * (scales + 1) + s] ==
              static_cast<uint32_t>(expected.scales[s].n_answered));
      }
    }
  }
}

TEST_CASE("C API v1: the array call's answer check is check_value's", "[c_api]") {
  Loaded core;
  const securebase::Instrument ins = securebase::load_embedded_instrument("securebase-core");
  const double inf = std::numeric_limits<double>::infinity();
  for (double v : {missing_value,
                   -0.0,
                   0.0,
                   1.0,
                   1.5,
                   4.0,
                   6.999,
                   7.0,
                   7.0000001,
                   8.0,
                   -1.0,
                   inf,
                   -inf,
                   1e300,
                   -1e300,
                   9.2e18,
                   std::nextafter(1.0, 0.0),
                   std::nextafter(3.0, 4.0),
                   2147483648.0,
                   -2147483649.0,
                   4.5}) {
    for (const std::size_t at : {std::size_t{0}, std::size_t{5}, std::size_t{35}}) {
      INFO(v << " at " << at);
      std::vector<double> row(36, 4.0);
      row[at] = v;
      double scores[9];
      int status = -1;
      REQUIRE(sb_score_array(core.instrument, row.data(), 1, 36, scores, 9, nullptr, &status,
                             nullptr) == SB_OK);
      int expected = SB_OK;
      try {
        securebase::detail::check_value(ins, at, v, "row");
      } catch (const securebase::Error& e) {
        expected = static_cast<int>(e.code());
      }
      CHECK(status == expected);
      if (expected != SB_OK) CHECK(std::isnan(scores[0]));
    }
  }
}

TEST_CASE("C API v1: the array call on 67 items (two bit words, an odd tail) is score()'s",
          "[c_api]") {
  // The dense row reader keeps answered items as 64-bit sets and reads answers two at a time;
  // 67 items put items 64-66 in a second word and item 66 in the one-at-a-time tail.
  nlohmann::json doc = securebase::test::plane_doc(65);
  for (std::size_t i = 0; i < 65; i += 3) doc["items"][i]["keys"][0]["reversed"] = true;
  doc["items"][66]["keys"][0]["reversed"] = true;
  const std::string text = doc.dump();
  const securebase::Instrument ins = securebase::parse_instrument(text, "plane");
  sb_instrument* handle = nullptr;
  REQUIRE(sb_instrument_parse(text.c_str(), "plane", &handle) == SB_OK);
  const std::size_t items = 67;
  const std::size_t rows = 600;
  std::mt19937 rng(67);
  std::uniform_int_distribution<int> answer(1, 5);
  std::bernoulli_distribution missing(0.2);
  std::vector<double> values(rows * items);
  for (double& v : values) v = missing(rng) ? missing_value : answer(rng);
  // Every tenth row has one answer off the scale, in the first word, the second or the tail.
  for (std::size_t r = 0; r < rows; r += 10) values[r * items + (r / 10 * 7) % items] = 6.0;
  std::vector<double> scores(rows * 2, 0.0);
  std::vector<uint32_t> answered(rows * 2, 0);
  std::vector<int> status(rows, -1);
  REQUIRE(sb_score_array(handle, values.data(), rows, items, scores.data(), 2, answered.data(),
                         status.data(), nullptr) == SB_OK);
  sb_instrument_free(handle);
  for (std::size_t r = 0; r < rows; ++r) {
    INFO("row " << r);
    const std::vector<double> row(values.begin() + static_cast<long>(r * items),
                                  values.begin() + static_cast<long>((r + 1) * items));
    if (r % 10 == 0) {
      CHECK(status[r] == 203);  // answers_out_of_range: 6 on a 1-5 scale
      continue;
    }
    const securebase::Scores expected = securebase::score(ins, securebase::Responses{row});
    CHECK(status[r] == SB_OK);
    for (std::size_t s = 0; s < 2; ++s) {
      CHECK(std::memcmp(&scores[r * 2 + s], &expected.scales[s].value, sizeof(double)) == 0);
      CHECK(answered[r * 2 + s] == static_cast<uint32_t>(expected.scales[s].n_answered));
    }
  }
}

TEST_CASE("C API v1: the array call's arguments", "[c_api]") {
  Loaded core;
  std::vector<double> values(36 * 2, 4.0);
  std::vector<double> scores(9 * 2, 0.0);
  CHECK(sb_score_array(core.instrument, values.data(), 2, 35, scores.data(), 9, nullptr, nullptr,
                       nullptr) == SB_ERROR_BAD_ARGUMENT);
  CHECK(last_message() ==
        "[securebase.capi.5] sb_score_array: row_stride is 35, but must be at least 36 (the "
        "instrument's items)");
  CHECK(sb_score_array(core.instrument, values.data(), 2, 36, scores.data(), 8, nullptr, nullptr,
                       nullptr) == SB_ERROR_BAD_ARGUMENT);
  CHECK(sb_score_array(core.instrument, nullptr, 2, 36, scores.data(), 9, nullptr, nullptr,
                       nullptr) == SB_ERROR_NULL_ARGUMENT);
  CHECK(sb_score_array(core.instrument, values.data(), 2, 36, nullptr, 9, nullptr, nullptr,
                       nullptr) == SB_ERROR_NULL_ARGUMENT);
  CHECK(sb_score_array(nullptr, values.data(), 2, 36, scores.data(), 9, nullptr, nullptr,
                       nullptr) == SB_ERROR_NULL_ARGUMENT);
  CHECK(sb_score_array(core.instrument, values.data(), SIZE_MAX / 4, 36, scores.data(), 9, nullptr,
                       nullptr, nullptr) == SB_ERROR_BAD_ARGUMENT);
  // Zero rows is nothing to do, with any pointers.
  std::size_t invalid = 7;
  CHECK(sb_score_array(core.instrument, nullptr, 0, 0, nullptr, 0, nullptr, nullptr, &invalid) ==
        SB_OK);
  CHECK(invalid == 0);
}

TEST_CASE("C API v1: results loaded then rendered and compared", "[c_api]") {
  Loaded core;
  sb_result* first = nullptr;
  REQUIRE(sb_score(core.instrument, core_answers, nullptr, &first) == SB_OK);
  const std::string saved = sb_result_json(first);
  sb_result* loaded = nullptr;
  REQUIRE(sb_result_load_n(saved.data(), saved.size(), "saved.json", &loaded) == SB_OK);
  double anxiety = 0;
  REQUIRE(sb_result_scale_score(loaded, "anxiety", &anxiety) == SB_OK);
  CHECK(anxiety == core_anxiety);
  sb_result_free(loaded);
  CHECK(sb_result_load_n("{", 1, "bad.json", &loaded) == 401);
  CHECK(loaded == nullptr);
  REQUIRE(sb_result_load_n(saved.data(), saved.size(), "saved.json", &loaded) == SB_OK);

  char* out = nullptr;
  REQUIRE(sb_result_render(core.instrument, loaded, "text", "{\"width\": 60, \"ascii\": true}",
                           &out) == SB_OK);
  const std::string text = take(out);
  CHECK(text.find("4.58") != std::string::npos);
  REQUIRE(sb_result_render(core.instrument, loaded, "html", "{\"language\": \"es\"}", &out) ==
          SB_OK);
  CHECK(take(out).rfind("<!DOCTYPE html>", 0) == 0);
  REQUIRE(sb_result_render(core.instrument, loaded, "json", nullptr, &out) == SB_OK);
  // The result document with profile and feedback, as sb_score made it.
  CHECK(take(out) == saved);
  CHECK(sb_result_render(core.instrument, loaded, "pdf", nullptr, &out) == SB_ERROR_BAD_ARGUMENT);
  CHECK(sb_result_render(core.instrument, loaded, "text", "{\"colour\": true}", &out) ==
        SB_ERROR_BAD_OPTIONS);
  Loaded ecr("ecr-r");
  CHECK(sb_result_render(ecr.instrument, loaded, "text", nullptr, &out) == 404);

  sb_result* later = nullptr;
  REQUIRE(sb_score(core.instrument, "1=1 4=1 7=7 10=1 13=1 16=7 19=1 22=1 25=7 28=1 31=1 34=7",
                   nullptr, &later) == SB_OK);
  REQUIRE(sb_result_compare(first, later, &out) == SB_OK);
  const std::string change = take(out);
  CHECK(change.find("\"format\": \"securebase-change\"") != std::string::npos);
  // source: the later anxiety is 1 (all 12 items at the low end, reversed ones at 7): 1 - 55/12.
  CHECK(change.find("\"scale\": \"anxiety\"") != std::string::npos);
  CHECK(change.find("\"difference\": -3.583333333333333") != std::string::npos);
  sb_result* other = nullptr;
  REQUIRE(sb_score(ecr.instrument, "1=4", nullptr, &other) == SB_OK);
  CHECK(sb_result_compare(first, other, &out) == 404);
  CHECK(sb_result_compare(nullptr, later, &out) == SB_ERROR_NULL_ARGUMENT);
  sb_result_free(other);
  sb_result_free(later);
  sb_result_free(loaded);
  sb_result_free(first);
}

TEST_CASE("C API v1: statistics from arrays with partials merged", "[c_api]") {
  Loaded core;
  const std::size_t rows = 200;
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> answer(1, 7);
  std::vector<double> values(rows * 36);
  for (double& v : values) v = answer(rng);
  values[36 * 7 + 3] = 9;  // row 7 is invalid and left out
  sb_stats* whole = nullptr;
  sb_stats* half = nullptr;
  sb_stats* other_half = nullptr;
  REQUIRE(sb_stats_new(core.instrument, &whole) == SB_OK);
  REQUIRE(sb_stats_new(core.instrument, &half) == SB_OK);
  REQUIRE(sb_stats_new(core.instrument, &other_half) == SB_OK);
  std::size_t added = 0;
  REQUIRE(sb_stats_add_array(whole, values.data(), rows, 36, &added) == SB_OK);
  CHECK(added == rows - 1);
  REQUIRE(sb_stats_add_array(half, values.data(), rows / 2, 36, &added) == SB_OK);
  REQUIRE(sb_stats_add_array(other_half, values.data() + 36 * rows / 2, rows / 2, 36, &added) ==
          SB_OK);
  char* partial = nullptr;
  REQUIRE(sb_stats_partial_json(other_half, &partial) == SB_OK);
  const std::string p = take(partial);
  REQUIRE(sb_stats_merge_partial_n(half, p.data(), p.size(), "other.json") == SB_OK);
  char* a = nullptr;
  char* b = nullptr;
  REQUIRE(sb_stats_summary_json(whole, &a) == SB_OK);
  REQUIRE(sb_stats_summary_json(half, &b) == SB_OK);
  const std::string summary = take(a);
  CHECK(summary.find("\"format\": \"securebase-stats-summary\"") != std::string::npos);
  CHECK(summary.find("\"rows\": 199") != std::string::npos);
  CHECK(take(b).find("\"rows\": 199") != std::string::npos);
  CHECK(sb_stats_merge_partial_n(half, "{", 1, "bad.json") == 1001);
  CHECK(sb_stats_add_array(whole, values.data(), 2, 30, &added) == SB_ERROR_BAD_ARGUMENT);
  CHECK(sb_stats_add_array(nullptr, values.data(), 2, 36, &added) == SB_ERROR_NULL_ARGUMENT);
  sb_stats_free(whole);
  sb_stats_free(half);
  sb_stats_free(other_half);
  sb_stats_free(nullptr);
}

TEST_CASE("C API v1: the array call on 8 threads sharing one instrument", "[c_api]") {
  Loaded core;
  const std::size_t rows = 500;
  std::mt19937 rng(4242);
  std::uniform_int_distribution<int> answer(1, 7);
  std::vector<double> values(rows * 36);
  for (double& v : values) v = answer(rng);
  std::vector<double> expected(rows * 9);
  REQUIRE(sb_score_array(core.instrument, values.data(), rows, 36, expected.data(), 9, nullptr,
                         nullptr, nullptr) == SB_OK);
  std::vector<std::vector<double>> got(8, std::vector<double>(rows * 9));
  std::vector<int> status(8, -1);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] {
      status[t] = sb_score_array(core.instrument, values.data(), rows, 36, got[t].data(), 9,
                                 nullptr, nullptr, nullptr);
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t t = 0; t < got.size(); ++t) {
    CHECK(status[t] == SB_OK);
    CHECK(std::memcmp(got[t].data(), expected.data(), expected.size() * sizeof(double)) == 0);
  }
}

TEST_CASE("C API v1: text, scale id and render format as pointer and length", "[c_api]") {
  Loaded core;
  // "esXX" with length 2 is "es"; an embedded NUL is an error, never a truncation.
  sb_text* es = nullptr;
  REQUIRE(sb_text_load_embedded_n(core.instrument, "esXX", 2, &es) == SB_OK);
  CHECK(std::string(sb_text_language(es)) == "es");
  sb_text_free(es);
  sb_text* none = nullptr;
  CHECK(sb_text_load_embedded_n(core.instrument, "en\0x", 4, &none) == SB_ERROR_BAD_ARGUMENT);
  CHECK(none == nullptr);
  const std::string path =
      std::string(SECUREBASE_SOURCE_DIR) + "/instruments/text/securebase-core.en.json";
  sb_text* file = nullptr;
  REQUIRE(sb_text_load_file_n(core.instrument, path.data(), path.size(), &file) == SB_OK);
  CHECK(std::string(sb_text_language(file)) == "en");
  sb_text_free(file);

  sb_result* result = nullptr;
  REQUIRE(sb_score(core.instrument, core_answers, nullptr, &result) == SB_OK);
  double anxiety = 0;
  REQUIRE(sb_result_scale_score_n(result, "anxietyXYZ", 7, &anxiety) == SB_OK);
  CHECK(anxiety == core_anxiety);
  CHECK(sb_result_scale_score_n(result, "anx\0iety", 8, &anxiety) == SB_ERROR_BAD_ARGUMENT);
  CHECK(std::isnan(anxiety));
  CHECK(sb_result_scale_score_n(result, "worry", 5, &anxiety) == SB_ERROR_NO_SUCH_SCALE);

  // The same rendering as sb_result_render, from (pointer, length) arguments.
  char* out = nullptr;
  REQUIRE(sb_result_render(core.instrument, result, "text", "{\"width\": 60}", &out) == SB_OK);
  const std::string text = take(out);
  const std::string options = "{\"width\": 60}trailing";
  REQUIRE(sb_result_render_n(core.instrument, result, "textual", 4, options.data(), 13, &out) ==
          SB_OK);
  CHECK(take(out) == text);
  REQUIRE(sb_result_render_n(core.instrument, result, "json", 4, nullptr, 0, &out) == SB_OK);
  CHECK(take(out) == sb_result_json(result));
  CHECK(sb_result_render_n(core.instrument, result, "te\0xt", 5, nullptr, 0, &out) ==
        SB_ERROR_BAD_ARGUMENT);
  CHECK(sb_result_render_n(core.instrument, result, "text", 4, nullptr, 3, &out) ==
        SB_ERROR_NULL_ARGUMENT);
  CHECK(out == nullptr);
  sb_result_free(result);
}
