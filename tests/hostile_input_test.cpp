// Hostile and broken input to the JSON readers (instruments, answers, results): truncated and
// invalid text, extreme nesting and numbers, duplicate keys, bytes that are not UTF-8, NUL, and
// the limits of securebase::Limits. Each case must end in a securebase::Error with a stable code,
// a location and a sentence; never a crash, a hang or another exception. Structural problems of
// an instrument already covered in instrument_test.cpp and composite_test.cpp (min >= max, a
// scale with no items, an item in a scale twice, orders naming unknown items) are not repeated
// here; the cycles a composite could form are.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/utf8.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/limits.hpp"
#include "securebase/io/result_json.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

using securebase::Error;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::Limits;
using securebase::test::check_error;
using securebase::test::thrown;

namespace {

const std::string data_dir = SECUREBASE_TEST_DATA;
const std::string tiny_path = data_dir + "/instruments/tiny.json";
const std::string result_path = data_dir + "/results/ecr-5-v1.json";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// `levels` nested arrays around 1.
std::string nested_arrays(std::size_t levels) {
  return std::string(levels, '[') + "1" + std::string(levels, ']');
}

// `levels` nested objects {"a": {"a": ... 1 ...}}.
std::string nested_objects(std::size_t levels) {
  std::string s;
  for (std::size_t i = 0; i < levels; ++i) s += "{\"a\":";
  s += "1";
  s += std::string(levels, '}');
  return s;
}

// "/0/0/..." or "/a/a/...": the path of the first container past the default depth limit.
std::string deep_path(std::string_view token) {
  std::string path;
  for (std::size_t i = 0; i < securebase::default_max_json_depth; ++i) {
    path += "/" + std::string(token);
  }
  return path;
}

const std::string too_deep =
    ": JSON is nested more than 256 levels deep, but must be at most that deep";

void instrument_error(std::string_view text, ErrorCode code, const std::string& what,
                      const Limits& limits = {}) {
  check_error([&] { (void)securebase::parse_instrument(text, "h.json", limits); }, code, what);
}

void answers_error(std::string_view text, ErrorCode code, const std::string& what,
                   const Limits& limits = {}) {
  static const Instrument tiny = securebase::load_instrument_file(tiny_path);
  check_error([&] { (void)securebase::parse_answers(tiny, text, "a.json", limits); }, code, what);
}

void result_error(std::string_view text, ErrorCode code, const std::string& what,
                  const Limits& limits = {}) {
  check_error([&] { (void)securebase::parse_result_json(text, "r.json", limits); }, code, what);
}

// A scratch file removed at the end of the test.
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("securebase-hostile-" + name)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  void write(std::string_view bytes) const {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Truncated and invalid JSON

TEST_CASE("hostile: a truncated instrument is 101 at the end of the text", "[hostile]") {
  const std::string text = slurp(tiny_path);
  // Cut inside the "scales" array: the parser meets the end of input where a value should be.
  const std::string cut = text.substr(0, text.find("\"scales\"") + 12);
  const auto e = thrown([&] { (void)securebase::parse_instrument(cut, "h.json"); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::instrument_syntax);
  CHECK_THAT(std::string(e->what()), Catch::Contains("unexpected end of input"));
  // every prefix of the file fails cleanly as 101 (or, for none of them, passes)
  for (std::size_t n = 0; n < text.size(); n += 7) {
    const auto p = thrown([&] { (void)securebase::parse_instrument(text.substr(0, n), "h.json"); });
    REQUIRE(p);
    CHECK(p->code() == ErrorCode::instrument_syntax);
  }
}

TEST_CASE("hostile: JSON extensions and non-JSON literals are 101 with line:column", "[hostile]") {
  // source: RFC 8259 sections 2-7 allow none of these
  const char* const cases[][2] = {
      {"{\"a\": 'x'}", "h.json:1:7"},       {"{\"a\": 1,}", "h.json:1:9"},
      {"{\"a\": NaN}", "h.json:1:7"},       {"{\"a\": Infinity}", "h.json:1:7"},
      {"{\"a\": -Infinity}", "h.json:1:8"}, {"{\"a\": 01}", "h.json:1:8"},
      {"{\"a\": +1}", "h.json:1:7"},        {"{\"a\": 0x10}", "h.json:1:8"},
      {"{\"a\": 1} // c", "h.json:1:10"},   {"{\"a\": \"\\ud800\"}", "h.json:1:14"},
  };
  for (const auto& c : cases) {
    INFO(c[0]);
    const auto e = thrown([&] { (void)securebase::parse_instrument(c[0], "h.json"); });
    REQUIRE(e);
    CHECK(e->code() == ErrorCode::instrument_syntax);
    CHECK_THAT(std::string(e->what()),
               Catch::StartsWith(std::string("[securebase.instrument.101] ") + c[1] +
                                 ": the text is not valid JSON (syntax error"));
  }
}

TEST_CASE("hostile: truncated and invalid answers and results are 201 and 401", "[hostile]") {
  answers_error("{\"1\": 5,", ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json:1:9: the text is not valid JSON (syntax error "
                "while parsing object key - unexpected end of input; expected string literal)");
  answers_error("{\"1\": NaN}", ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json:1:7: the text is not valid JSON (syntax error "
                "while parsing value - invalid literal; last read: '\"1\": N')");
  const std::string result = slurp(result_path);
  const auto e = thrown(
      [&] { (void)securebase::parse_result_json(result.substr(0, result.size() / 2), "r.json"); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::result_syntax);
  result_error("{\"schema\": NaN}", ErrorCode::result_syntax,
               "[securebase.result.401] r.json:1:12: the text is not valid JSON (syntax error "
               "while parsing value - invalid literal; last read: '\"schema\": N')");
}

// ---------------------------------------------------------------------------------------------
// Nesting

TEST_CASE("hostile: 10000 levels of nesting stop at level 257 in every reader", "[hostile]") {
  // source: Limits::max_json_depth defaults to 256; the 257th container is refused
  instrument_error(nested_arrays(10000), ErrorCode::instrument_syntax,
                   "[securebase.instrument.101] h.json: " + deep_path("0") + too_deep);
  instrument_error(nested_objects(10000), ErrorCode::instrument_syntax,
                   "[securebase.instrument.101] h.json: " + deep_path("a") + too_deep);
  answers_error(nested_arrays(10000), ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json: " + deep_path("0") + too_deep);
  answers_error(nested_objects(10000), ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json: " + deep_path("a") + too_deep);
  result_error(nested_objects(10000), ErrorCode::result_syntax,
               "[securebase.result.401] r.json: " + deep_path("a") + too_deep);
}

TEST_CASE("hostile: with the depth limit raised 10000 levels parse without exhausting the stack",
          "[hostile]") {
  // The parser and the value's destructor do not recurse; a deep value then fails as a value.
  Limits deep;
  deep.max_json_depth = 20000;
  instrument_error(nested_arrays(10000), ErrorCode::instrument_wrong_type,
                   "[securebase.instrument.103] h.json: /: the instrument is an array, but must be "
                   "an object",
                   deep);
  answers_error("{\"1\": " + nested_arrays(10000) + "}", ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json: /1: answer is an array, but must be a number or "
                "null (missing)",
                deep);
  // 300,000 levels: a recursive parser or destructor would need far more than an 8 MiB stack
  deep.max_json_depth = 400000;
  instrument_error(nested_arrays(300000), ErrorCode::instrument_wrong_type,
                   "[securebase.instrument.103] h.json: /: the instrument is an array, but must be "
                   "an object",
                   deep);
  deep.max_json_depth = 20000;
  // A message quoting a deep value renders only its start.
  const auto doc =
      securebase::detail::parse_json_strict(nested_arrays(10000), "x", ErrorCode::instrument_syntax,
                                            ErrorCode::instrument_duplicate, deep);
  CHECK(securebase::detail::brief(doc) == "[[[[[[[[[...]]]]]]]]]");
  // the limit counts containers: 3 levels pass a limit of 3, 4 do not
  Limits three;
  three.max_json_depth = 3;
  CHECK_NOTHROW(securebase::detail::parse_json_strict(
      nested_arrays(3), "x", ErrorCode::instrument_syntax, ErrorCode::instrument_duplicate, three));
  check_error(
      [&] {
        (void)securebase::detail::parse_json_strict(nested_arrays(4), "x",
                                                    ErrorCode::instrument_syntax,
                                                    ErrorCode::instrument_duplicate, three);
      },
      ErrorCode::instrument_syntax,
      "[securebase.instrument.101] x: /0/0/0: JSON is nested more than 3 levels deep, but must be "
      "at most that deep");
}

// ---------------------------------------------------------------------------------------------
// Numbers

TEST_CASE("hostile: 1e999 and -1e999 and -0 and huge integers in answers", "[hostile]") {
  answers_error("{\"1\": -1e999}", ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json:1:7: number -1e999 is too large to represent, "
                "but must be within +-1.7976931348623157e308");
  // -0 is the number 0: outside the tiny instrument's 1..5
  answers_error("{\"1\": -0}", ErrorCode::answers_out_of_range,
                "[securebase.answers.203] a.json: /1: item \"a1\": answer is 0, but must be a "
                "whole number from 1 to 5 (or missing)");
  answers_error("1=-0", ErrorCode::answers_out_of_range,
                "[securebase.answers.203] a.json:1:1: item \"a1\": answer is 0, but must be a "
                "whole number from 1 to 5 (or missing)");
  // 2^64 does not fit a 64-bit integer: it is read as the double 1.8446744073709552e19
  answers_error("{\"1\": 18446744073709551616}", ErrorCode::answers_out_of_range,
                "[securebase.answers.203] a.json: /1: item \"a1\": answer is "
                "18446744073709551616, but must be a whole number from 1 to 5 (or missing)");
  answers_error("{\"99999999999999999999999\": 1}", ErrorCode::answers_unknown_item,
                "[securebase.answers.202] a.json: /99999999999999999999999: item number "
                "99999999999999999999999 does not exist; tiny has items 1-4");
  // 1e-999 underflows to 0, a finite number: out of range like any 0
  answers_error("{\"1\": 1e-999}", ErrorCode::answers_out_of_range,
                "[securebase.answers.203] a.json: /1: item \"a1\": answer is 0, but must be a "
                "whole number from 1 to 5 (or missing)");
}

TEST_CASE("hostile: 1e999 and huge integers in a result are 401 and 402", "[hostile]") {
  const std::string text = slurp(result_path);
  const std::string from = "\"schema_version\": 1";
  REQUIRE(text.find(from) != std::string::npos);
  std::string big = text;
  big.replace(big.find(from), from.size(), "\"schema_version\": 1e999");
  // source: "schema_version" is on line 3 of ecr-5-v1.json, its value at column 21
  result_error(big, ErrorCode::result_syntax,
               "[securebase.result.401] r.json:3:21: number 1e999 is too large to represent, but "
               "must be within +-1.7976931348623157e308");
  std::string huge = text;
  huge.replace(huge.find(from), from.size(), "\"schema_version\": 18446744073709551616");
  // 2^64 arrives as the double 1.8446744073709552e19: a whole number, but out of range
  result_error(huge, ErrorCode::result_schema,
               "[securebase.result.402] r.json: /schema_version: schema_version is "
               "1.8446744073709552e+19, but must be between -1000000000 and 1000000000");
}

// ---------------------------------------------------------------------------------------------
// Duplicate keys

TEST_CASE("hostile: keys that are duplicates only once unescaped are duplicates", "[hostile]") {
  // "\u0069d" is "id"
  instrument_error(R"({"id": "a", "\u0069d": "b"})", ErrorCode::instrument_duplicate,
                   "[securebase.instrument.105] h.json: /id: key \"id\" appears twice in the same "
                   "object, but must be unique");
  answers_error(R"({"a1": 1, "\u0061\u0031": 2})", ErrorCode::answers_duplicate,
                "[securebase.answers.205] a.json: /a1: key \"a1\" appears twice in the same "
                "object, but must be unique");
  result_error(R"({"scales": [], "scales": []})", ErrorCode::result_schema,
               "[securebase.result.402] r.json: /scales: key \"scales\" appears twice in the "
               "same object, but must be unique");
}

// ---------------------------------------------------------------------------------------------
// Bytes that are not UTF-8, and NUL

TEST_CASE("hostile: bytes that are not UTF-8 are refused with their line:column", "[hostile]") {
  // Decision (docs/limits.md): every reader refuses text that is not UTF-8, at the first bad
  // byte, in strings and in keys alike; the message shows the byte as \xNN, never raw.
  const auto e =
      thrown([] { (void)securebase::parse_instrument("{\"id\": \"a\xFF\"}", "h.json"); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::instrument_syntax);
  CHECK_THAT(std::string(e->what()),
             Catch::StartsWith("[securebase.instrument.101] h.json:1:10: the text is not valid "
                               "JSON (syntax error while parsing value - invalid string: "
                               "ill-formed UTF-8 byte;") &&
                 Catch::Contains("\\xFF"));
  CHECK(securebase::detail::first_invalid_utf8(e->what()) == std::string_view::npos);
  const char* const bad[][2] = {
      {"{\"k\\u00e9\xC3\": 1}", "a.json:1:"},      // a key cut inside a 2-byte sequence
      {"{\"\xC0\xAF\": 1}", "a.json:1:"},          // an overlong '/'
      {"{\"\xED\xA0\x80\": 1}", "a.json:1:"},      // an encoded surrogate
      {"{\"\xF4\x90\x80\x80\": 1}", "a.json:1:"},  // above U+10FFFF
      {"{\"1\": 5, \xFF}", "a.json:1:"},           // outside any string
  };
  for (const auto& c : bad) {
    INFO(c[0]);
    static const Instrument tiny = securebase::load_instrument_file(tiny_path);
    const auto a = thrown([&] { (void)securebase::parse_answers(tiny, c[0], "a.json"); });
    REQUIRE(a);
    CHECK(a->code() == ErrorCode::answers_syntax);
    CHECK_THAT(std::string(a->what()),
               Catch::StartsWith(std::string("[securebase.answers.201] ") + c[1]));
    CHECK(securebase::detail::first_invalid_utf8(a->what()) == std::string_view::npos);
  }
  // the item=value form is checked the same way, before any item is looked up
  answers_error("1=5\n2=\xE9", ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json:2:3: byte \\xE9 is not UTF-8, but answers must "
                "be UTF-8 text");
  const std::string result = slurp(result_path);
  std::string bad_result = result;
  bad_result.replace(bad_result.find("ecr-5"), 5, "ecr-\xFE");
  const auto r = thrown([&] { (void)securebase::parse_result_json(bad_result, "r.json"); });
  REQUIRE(r);
  CHECK(r->code() == ErrorCode::result_syntax);
}

TEST_CASE("hostile: NUL raw or escaped is refused in strings and keys and answers", "[hostile]") {
  using namespace std::string_literals;
  // raw NUL in a string: JSON requires control characters to be escaped
  const auto raw =
      thrown([] { (void)securebase::parse_instrument("{\"id\": \"a\0b\"}"s, "h.json"); });
  REQUIRE(raw);
  CHECK(raw->code() == ErrorCode::instrument_syntax);
  CHECK_THAT(std::string(raw->what()), Catch::StartsWith("[securebase.instrument.101] h.json:1:"));
  // raw NUL between tokens
  const auto between = thrown([] { (void)securebase::parse_instrument("{\0}"s, "h.json"); });
  REQUIRE(between);
  CHECK(between->code() == ErrorCode::instrument_syntax);
  // escaped NUL is valid JSON, but no securebase document may hold it
  instrument_error(R"({"title": "a\u0000b"})", ErrorCode::instrument_syntax,
                   "[securebase.instrument.101] h.json: /title: string \"a\\x00b\" holds the "
                   "character U+0000 (NUL), which no securebase document may hold");
  answers_error(R"({"a1\u0000": 1})", ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json: /a1\\x00: key \"a1\\x00\" holds the character "
                "U+0000 (NUL), which no securebase document may hold");
  result_error(R"({"scales": ["\u0000"]})", ErrorCode::result_syntax,
               "[securebase.result.401] r.json: /scales/0: string \"\\x00\" holds the character "
               "U+0000 (NUL), which no securebase document may hold");
  // in an item=value list, a NUL (or any control character but tab, CR, LF) is a binary file
  answers_error("1=5 2=4\0"s, ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json:1:8: byte \\x00 is a control character, but "
                "answers must be text (a binary file?)");
}

TEST_CASE("hostile: an answer naming an unknown item is quoted safely and briefly", "[hostile]") {
  const std::string long_key(100000, 'x');
  answers_error("{\"" + long_key + "\": 1}", ErrorCode::answers_unknown_item,
                "[securebase.answers.202] a.json: /" + std::string(40, 'x') + "...: item \"" +
                    std::string(40, 'x') +
                    "...\" is not an item of tiny; name items by id (e.g. \"a1\") or by number "
                    "(tiny has items 1-4)");
  answers_error("zz=1", ErrorCode::answers_unknown_item,
                "[securebase.answers.202] a.json:1:1: item \"zz\" is not an item of tiny; name "
                "items by id (e.g. \"a1\") or by number (tiny has items 1-4)");
}

// ---------------------------------------------------------------------------------------------
// Instruments whose references could loop or dangle

TEST_CASE("hostile: composites naming each other or themselves are refused", "[hostile]") {
  auto doc = nlohmann::json::parse(slurp(tiny_path));
  doc.erase("plane");
  doc.erase("norm_sets");
  // g and h each name the other: a cycle, were composites of composites allowed
  doc["scales"].push_back({{"id", "g"},
                           {"name", "G"},
                           {"method", "mean_of_scales"},
                           {"scales", {"h", "anx"}},
                           {"min_answered", {{"count", 1}}}});
  doc["scales"].push_back({{"id", "h"},
                           {"name", "H"},
                           {"method", "mean_of_scales"},
                           {"scales", {"g", "anx"}},
                           {"min_answered", {{"count", 1}}}});
  const auto e = thrown([&] { (void)securebase::parse_instrument(doc.dump(), "h.json"); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::instrument_bad_value);
  CHECK_THAT(std::string(e->what()),
             Catch::Contains("h.json: /scales/2/scales/0: scale \"h\" is itself a mean_of_scales "
                             "composite") &&
                 Catch::Contains("h.json: /scales/3/scales/0: scale \"g\" is itself a "
                                 "mean_of_scales composite"));
  // a composite naming itself
  doc["scales"].erase(3);
  doc["scales"][2]["scales"] = {"g", "anx"};
  const auto self = thrown([&] { (void)securebase::parse_instrument(doc.dump(), "h.json"); });
  REQUIRE(self);
  CHECK_THAT(std::string(self->what()),
             Catch::Contains("h.json: /scales/2/scales/0: scale \"g\" is itself a mean_of_scales "
                             "composite"));
}

TEST_CASE("hostile: names from the file are quoted printably and briefly in messages",
          "[hostile]") {
  auto doc = nlohmann::json::parse(slurp(tiny_path));
  // an order naming an item whose name holds a line break: the message stays on one line
  doc["orders"]["alternatives"][0]["items"][0] = "z\nz";
  const auto e = thrown([&] { (void)securebase::parse_instrument(doc.dump(), "h.json"); });
  REQUIRE(e);
  CHECK(e->problems().front().message == "item \"z\\x0Az\" is not declared in /items");
  // an unknown member with a 1000-character name: the path shows 80 characters, the message 40
  auto doc2 = nlohmann::json::parse(slurp(tiny_path));
  doc2[std::string(1000, 'k')] = 1;
  const auto u = thrown([&] { (void)securebase::parse_instrument(doc2.dump(), "h.json"); });
  REQUIRE(u);
  CHECK(u->code() == ErrorCode::instrument_unknown_field);
  CHECK(u->where() == "h.json: /" + std::string(80, 'k') + "...");
  CHECK_THAT(u->message(), Catch::StartsWith("member \"" + std::string(40, 'k') +
                                             "...\" is not part of the format (a typo?)"));
}

// ---------------------------------------------------------------------------------------------
// Limits: size, string length; files refused before they are read

TEST_CASE("hostile: Limits has documented defaults", "[hostile]") {
  // source: docs/limits.md
  const Limits limits;
  CHECK(limits.max_json_bytes == 67108864);  // 64 MiB
  CHECK(limits.max_json_depth == 256);
  CHECK(limits.max_json_string_bytes == 1048576);  // 1 MiB
}

TEST_CASE("hostile: text larger than max_json_bytes is refused by every reader", "[hostile]") {
  Limits small;
  small.max_json_bytes = 10;
  const std::string text = "{\"a\": 12345}";  // 12 bytes
  instrument_error(text, ErrorCode::instrument_syntax,
                   "[securebase.instrument.101] h.json: is 12 bytes, but may be at most 10 bytes "
                   "(the max_json_bytes limit; see docs/limits.md)",
                   small);
  answers_error("1=1 2=2 3=3", ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json: is 11 bytes, but may be at most 10 bytes (the "
                "max_json_bytes limit; see docs/limits.md)",
                small);
  result_error(text, ErrorCode::result_syntax,
               "[securebase.result.401] r.json: is 12 bytes, but may be at most 10 bytes (the "
               "max_json_bytes limit; see docs/limits.md)",
               small);
  // exactly at the limit is allowed
  small.max_json_bytes = 12;
  const auto at = thrown([&] { (void)securebase::parse_instrument(text, "h.json", small); });
  REQUIRE(at);
  CHECK(at->code() == ErrorCode::instrument_unknown_field);  // parsed; "a" is not a member
}

TEST_CASE("hostile: a file larger than max_json_bytes is refused before it is read", "[hostile]") {
  // A sparse file one byte over the default 64 MiB: refused from its size alone, at once.
  TempFile big("big.json");
  big.write("{");
  std::filesystem::resize_file(big.path, securebase::default_max_json_bytes + 1);
  const std::string p = big.path.string();
  const std::string over =
      ": is 67108865 bytes, but may be at most 67108864 bytes (the "
      "max_json_bytes limit; see docs/limits.md)";
  check_error([&] { (void)securebase::load_instrument_file(big.path); },
              ErrorCode::instrument_syntax, "[securebase.instrument.101] " + p + over);
  check_error([&] { (void)securebase::load_instrument(p); }, ErrorCode::instrument_syntax,
              "[securebase.instrument.101] " + p + over);
  const Instrument tiny = securebase::load_instrument_file(tiny_path);
  check_error([&] { (void)securebase::load_answers_file(tiny, big.path); },
              ErrorCode::answers_syntax, "[securebase.answers.201] " + p + over);
  check_error([&] { (void)securebase::load_result_file(big.path); }, ErrorCode::result_syntax,
              "[securebase.result.401] " + p + over);
  // An endless device is read only up to the limit (then one block), not to its end.
  Limits one_mib;
  one_mib.max_json_bytes = std::size_t{1} << 20;
  check_error([&] { (void)securebase::load_instrument_file("/dev/zero", one_mib); },
              ErrorCode::instrument_syntax,
              "[securebase.instrument.101] /dev/zero: is more than 1048576 bytes, but may be at "
              "most 1048576 bytes (the max_json_bytes limit; see docs/limits.md)");
}

TEST_CASE("hostile: the file loaders read what fits and report unreadable files as 601",
          "[hostile]") {
  const Instrument tiny = securebase::load_instrument_file(tiny_path);
  CHECK(tiny.id() == "tiny");
  TempFile answers("answers.json");
  answers.write("{\"a1\": 2, \"4\": 5}");
  const auto r = securebase::load_answers_file(tiny, answers.path);
  CHECK(r.values.at(0) == 2);  // source: the file just written
  CHECK(r.values.at(3) == 5);
  CHECK(securebase::load_result_file(result_path).instrument_id == "ecr-5");
  const auto e = thrown([] { (void)securebase::load_result_file("/nonexistent/r.json"); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::io_read);
  const auto d = thrown([] { (void)securebase::load_result_file("/"); });
  REQUIRE(d);
  CHECK(d->code() == ErrorCode::io_read);
}

TEST_CASE("hostile: a string or key longer than max_json_string_bytes is refused", "[hostile]") {
  Limits limits;
  limits.max_json_string_bytes = 8;
  instrument_error(R"({"title": "123456789"})", ErrorCode::instrument_syntax,
                   "[securebase.instrument.101] h.json: /title: string is 9 bytes long, but may be "
                   "at most 8 bytes (the max_json_string_bytes limit; see docs/limits.md)",
                   limits);
  answers_error(R"({"123456789": 1})", ErrorCode::answers_syntax,
                "[securebase.answers.201] a.json: /123456789: key is 9 bytes long, but may be at "
                "most 8 bytes (the max_json_string_bytes limit; see docs/limits.md)",
                limits);
  // the default allows 1 MiB: a 2 MiB string is refused, and passes when the limit is raised
  const std::string two_mib = "{\"title\": \"" + std::string(std::size_t{2} << 20, 'x') + "\"}";
  const auto e = thrown([&] { (void)securebase::parse_instrument(two_mib, "h.json"); });
  REQUIRE(e);
  CHECK_THAT(std::string(e->what()),
             Catch::Contains("h.json: /title: string is 2097152 bytes long, but may be at most "
                             "1048576 bytes"));
  limits.max_json_string_bytes = std::size_t{4} << 20;
  const auto raised =
      thrown([&] { (void)securebase::parse_instrument(two_mib, "h.json", limits); });
  REQUIRE(raised);
  CHECK(raised->code() == ErrorCode::instrument_missing_field);
}

TEST_CASE("hostile: printable and first_invalid_utf8", "[hostile]") {
  using securebase::detail::first_invalid_utf8;
  using securebase::detail::printable;
  CHECK(first_invalid_utf8("plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
        std::string_view::npos);
  CHECK(first_invalid_utf8("ab\x80") == 2);            // a lone continuation byte
  CHECK(first_invalid_utf8("a\xC3") == 1);             // cut short at the end
  CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0);      // overlong
  CHECK(first_invalid_utf8("\xED\xBF\xBF") == 0);      // a surrogate
  CHECK(first_invalid_utf8("\xF5\x80\x80\x80") == 0);  // above U+10FFFF
  CHECK(printable("a\tb\xFF\xC3\xA9") == "a\\x09b\\xFF\xC3\xA9");
  CHECK(printable(std::string(50, 'y'), 10) == std::string(10, 'y') + "...");
}
