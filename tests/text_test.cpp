// Tests of item-text files: the user's own wording of an instrument, checked against it.
// All wording here is neutral placeholder text written for the tests.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

using nlohmann::json;
using securebase::Error;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::InstrumentText;

namespace {

const std::string data_dir = SECUREBASE_TEST_DATA;

const Instrument& tiny() {
  static const Instrument in =
      securebase::load_instrument_file(data_dir + "/instruments/tiny.json");
  return in;
}

// A valid text for the tiny instrument (tests/data/instruments/tiny-text.en.json holds the same).
json tiny_text() {
  return {{"format", "securebase-text"},
          {"instrument", "tiny"},
          {"language", "en"},
          {"validated_translation", false},
          {"note",
           "Placeholder wording written for the securebase tests; not from any "
           "questionnaire."},
          {"labels", {"Label one", "Label two", "Label three", "Label four", "Label five"}},
          {"items",
           {{"a1", "Example statement one."},
            {"a2", "Example statement two."},
            {"b1", "Example statement three."}}}};
}

void expect_error_text(std::string_view text, ErrorCode code, const std::string& what) {
  securebase::test::check_error(
      [&] { (void)securebase::parse_instrument_text(text, "text.json", tiny()); }, code, what);
}

void expect_error(const std::function<void(json&)>& mutate, ErrorCode code,
                  const std::string& what) {
  json doc = tiny_text();
  mutate(doc);
  expect_error_text(doc.dump(2), code, what);
}

}  // namespace

TEST_CASE("a valid text file parses with its items and labels", "[text]") {
  const InstrumentText t =
      securebase::parse_instrument_text(tiny_text().dump(2), "text.json", tiny());
  CHECK(t.instrument_id == "tiny");
  CHECK(t.language == "en");
  CHECK_FALSE(t.validated_translation);
  CHECK(t.note ==
        "Placeholder wording written for the securebase tests; not from any "
        "questionnaire.");
  CHECK(t.labels == std::vector<std::string>{"Label one", "Label two", "Label three", "Label four",
                                             "Label five"});
  CHECK(t.items.size() == 3);
  REQUIRE(t.item("a1") != nullptr);
  CHECK(*t.item("a1") == "Example statement one.");
  REQUIRE(t.item("b1") != nullptr);
  CHECK(*t.item("b1") == "Example statement three.");
  CHECK(t.item("b2") == nullptr);  // items may be left without wording
  CHECK(t.item("zz") == nullptr);
  CHECK(t.item("1") == nullptr);  // by id, not by number
}

TEST_CASE("a text file loads from disk", "[text]") {
  const InstrumentText t =
      securebase::load_instrument_text_file(data_dir + "/instruments/tiny-text.en.json", tiny());
  CHECK(t.instrument_id == "tiny");
  CHECK(t.items.size() == 3);
  REQUIRE(t.item("a2") != nullptr);
  CHECK(*t.item("a2") == "Example statement two.");
  const std::string missing = data_dir + "/instruments/no-such-text.json";
  try {
    (void)securebase::load_instrument_text_file(missing, tiny());
    FAIL("a missing file was loaded");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::io_read);
    CHECK(std::string(e.what()) ==
          "[securebase.io.601] " + missing +
              ": cannot be opened for reading (No such file or directory)");
  }
}

TEST_CASE("optional members take their defaults", "[text]") {
  json doc = tiny_text();
  doc.erase("labels");
  doc.erase("validated_translation");
  doc.erase("note");
  doc["items"] = json::object();
  doc["$schema"] = "https://example.invalid/text.schema.json";
  const InstrumentText t = securebase::parse_instrument_text(doc.dump(), "text.json", tiny());
  CHECK(t.labels.empty());  // keep the instrument's own labels
  CHECK(t.validated_translation);
  CHECK(t.note.empty());
  CHECK(t.items.empty());
}

TEST_CASE("a text file for a published instrument holds the user's own wording", "[text]") {
  const Instrument ecrr = securebase::load_embedded_instrument("ecr-r");
  const json doc = {
      {"format", "securebase-text"},
      {"instrument", "ecr-r"},
      {"language", "en"},
      {"labels", {"L1", "L2", "L3", "L4", "L5", "L6", "L7"}},
      {"items", {{"i01", "Example statement one."}, {"i21", "Example statement twenty-one."}}}};
  const InstrumentText t = securebase::parse_instrument_text(doc.dump(), "mine.json", ecrr);
  REQUIRE(t.item("i21") != nullptr);
  CHECK(*t.item("i21") == "Example statement twenty-one.");
  CHECK(t.labels.size() == 7);
  // the same file does not fit the 5-point tiny instrument
  try {
    (void)securebase::parse_instrument_text(doc.dump(), "mine.json", tiny());
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.problems().size() == 4);
    CHECK(std::string(e.what()) ==
          "[securebase.text.503] mine.json: /instrument: instrument is \"ecr-r\", but must be "
          "\"tiny\" (the instrument being used) (and 3 more problems)\n"
          "  [securebase.text.503] mine.json: /labels: the number of labels is 7, but must be 5 "
          "(one per answer of tiny)\n"
          "  [securebase.text.502] mine.json: /items/i01: item \"i01\" is not an item of tiny\n"
          "  [securebase.text.502] mine.json: /items/i21: item \"i21\" is not an item of tiny");
  }
}

TEST_CASE("no text is shipped for the published instruments", "[text]") {
  for (const std::string& id : securebase::embedded_instrument_ids()) {
    // source: only securebase's own inventory (written by its authors) ships wording
    if (id.rfind("securebase-", 0) == 0) continue;
    const Instrument in = securebase::load_embedded_instrument(id);
    for (const char* language : {"en", "es", "de", ""}) {
      INFO(id << " " << language);
      CHECK_FALSE(securebase::embedded_instrument_text(in, language).has_value());
    }
  }
  CHECK_FALSE(securebase::embedded_instrument_text(tiny(), "en").has_value());
}

TEST_CASE("malformed text JSON is error 501 with line:column", "[text]") {
  expect_error_text("{\n  \"format\": \"securebase-text\",\n}", ErrorCode::text_syntax,
                    "[securebase.text.501] text.json:3:1: the text is not valid JSON (syntax "
                    "error while parsing object key - unexpected '}'; expected string literal)");
  expect_error_text("[]", ErrorCode::text_syntax,
                    "[securebase.text.501] text.json: /: the text file is an array, but must be an "
                    "object");
  expect_error_text(R"({"items": {"a1": "x", "a1": "y"}})", ErrorCode::text_syntax,
                    "[securebase.text.501] text.json: /items/a1: key \"a1\" appears twice in the "
                    "same object, but must be unique");
}

TEST_CASE("a missing member or a wrong type is error 501", "[text]") {
  expect_error([](json& d) { d.erase("language"); }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /: required member \"language\" is missing");
  expect_error([](json& d) { d.erase("items"); }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /: required member \"items\" is missing");
  expect_error([](json& d) { d.erase("instrument"); }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /: required member \"instrument\" is missing");
  expect_error([](json& d) { d["items"] = json::array({"Example statement one."}); },
               ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /items: items is an array, but must be an "
               "object");
  expect_error([](json& d) { d["items"]["a1"] = 1; }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /items/a1: text is 1, but must be a string (\"\" "
               "= not written yet)");
  expect_error([](json& d) { d["labels"][4] = nullptr; }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /labels/4: label is null, but must be a "
               "non-empty string");
  expect_error([](json& d) { d["labels"] = "Label one"; }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /labels: labels is a string, but must be an "
               "array");
  expect_error([](json& d) { d["validated_translation"] = "no"; }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /validated_translation: validated_translation "
               "is a string, but must be true or false");
  expect_error([](json& d) { d["language"] = ""; }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /language: language is \"\", but must be a "
               "non-empty string");
  expect_error([](json& d) { d["format"] = "securebase-instrument"; }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /format: format is \"securebase-instrument\", "
               "but must be \"securebase-text\"");
  expect_error([](json& d) { d["lang"] = "en"; }, ErrorCode::text_syntax,
               "[securebase.text.501] text.json: /lang: member \"lang\" is not part of the format "
               "(a typo?); allowed here: $schema, format, instrument, language, "
               "validated_translation, note, display_name, labels, items, constructs");
}

TEST_CASE("a wrong number of labels is error 503", "[text]") {
  // text.hpp gives 503 for "another instrument or wrong labels"
  expect_error([](json& d) { d["labels"].erase(0); }, ErrorCode::text_mismatch,
               "[securebase.text.503] text.json: /labels: the number of labels is 4, but must be "
               "5 (one per answer of tiny)");
  expect_error([](json& d) { d["labels"] = json::array(); }, ErrorCode::text_mismatch,
               "[securebase.text.503] text.json: /labels: the number of labels is 0, but must be "
               "5 (one per answer of tiny)");
}

TEST_CASE("an item the instrument does not have is error 502", "[text]") {
  expect_error([](json& d) { d["items"]["zz"] = "Example statement four."; },
               ErrorCode::text_unknown_item,
               "[securebase.text.502] text.json: /items/zz: item \"zz\" is not an item of tiny");
  expect_error([](json& d) { d["items"]["4"] = "Example statement four."; },
               ErrorCode::text_unknown_item,
               "[securebase.text.502] text.json: /items/4: item \"4\" is not an item of tiny");
}

TEST_CASE("a text file for another instrument is error 503", "[text]") {
  expect_error([](json& d) { d["instrument"] = "ecr-r"; }, ErrorCode::text_mismatch,
               "[securebase.text.503] text.json: /instrument: instrument is \"ecr-r\", but must "
               "be \"tiny\" (the instrument being used)");
}

TEST_CASE("a text template lists every item with empty wording and loads back", "[text]") {
  const Instrument inst = tiny();
  const std::string tpl = securebase::text_template(inst, "de");
  const json j = json::parse(tpl);
  CHECK(j["instrument"] == "tiny");
  CHECK(j["language"] == "de");
  CHECK(j["items"].size() == 4);  // source: tiny has 4 items
  CHECK(j["items"]["a1"] == "");
  // source: tiny's item a2 is keyed reversed in anx and forward in avo
  CHECK(j["constructs"]["a2"] == "item 2: anx (reversed), avo");
  // a template loads: empty wording means "not written yet", so no item has text
  const InstrumentText t = securebase::parse_instrument_text(tpl, "template.json", inst);
  CHECK(t.items.empty());
  CHECK(t.item("a1") == nullptr);
  expect_error(
      [](json& d) {
        d["constructs"] = {{"zz", "x"}};
      },
      ErrorCode::text_unknown_item,
      "[securebase.text.502] text.json: /constructs/zz: item \"zz\" is not an item of "
      "tiny");
}

TEST_CASE("published instruments ship no embedded text", "[text]") {
  CHECK(securebase::embedded_text_languages(securebase::load_embedded_instrument("ecr-r")).empty());
}
