// Tests of reading one respondent's answers: the JSON and item=value forms, set_answer,
// empty_responses and Responses::answered, and every error a user can cause, with its location.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/errors.hpp"
#include "support/near.hpp"

using securebase::Diagnostic;
using securebase::empty_responses;
using securebase::Error;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::is_missing;
using securebase::load_embedded_instrument;
using securebase::missing_answer;
using securebase::parse_answers;
using securebase::Responses;
using securebase::set_answer;
using securebase::test::thrown;

namespace {

// The single problem parse_answers reports for `text`.
Error parse_error(const Instrument& inst, const std::string& text, const std::string& source) {
  const auto e = thrown([&] { (void)parse_answers(inst, text, source); });
  INFO(text);
  REQUIRE(e.has_value());
  return *e;
}

// The message every out-of-range / non-integer answer on 1-7 ends with.
const std::string range_1_7 = "a whole number from 1 to 7";

const std::string unknown_id_tail =
    "; name items by id (e.g. \"i01\") or by number (ecr-r has items 1-36)";

}  // namespace

// ---------------------------------------------------------------------------------------------
// The item=value list
// ---------------------------------------------------------------------------------------------

TEST_CASE("item=value lists: separators, comments, NA and empty values, a byte order mark",
          "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const std::string text =
      "\xEF\xBB\xBF# respondent 17, session 2\n"
      "1=5 i02=3,3=NA\r\n"
      "  4=  ,i05=7 # a comment to the end of the line: 6=1 is not read\n"
      "\ti07=na\t8=2.0\n"
      "36=1";
  const Responses r = parse_answers(inst, text, "answers.txt");
  REQUIRE(r.values.size() == 36);  // source: ecr-r has 36 items
  CHECK(r.values[0] == 5.0);       // source: 1=5, by number
  CHECK(r.values[1] == 3.0);       // source: i02=3, by id
  CHECK(is_missing(r.values[2]));  // 3=NA
  CHECK(is_missing(r.values[3]));  // 4= (empty value)
  CHECK(r.values[4] == 7.0);       // source: i05=7
  CHECK(is_missing(r.values[5]));  // 6=1 is inside a comment
  CHECK(is_missing(r.values[6]));  // i07=na
  CHECK(r.values[7] == 2.0);       // source: 8=2.0, a whole number written with a decimal point
  CHECK(r.values[35] == 1.0);      // source: 36=1 on the last line without a newline
  CHECK(r.answered() == 5);        // source: items 1, 2, 5, 8, 36
  for (std::size_t i = 8; i < 35; ++i) CHECK(is_missing(r.values[i]));  // not named: missing
}

TEST_CASE("empty and comment-only answers leave every item missing", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  for (const char* text :
       {"", "   \n\t", "# nothing yet\n# still nothing", "\xEF\xBB\xBF", "{}", " \n {\n}"}) {
    INFO(text);
    const Responses r = parse_answers(inst, text, "answers.txt");
    CHECK(r.values.size() == 36);  // source: ecr-r has 36 items
    CHECK(r.answered() == 0);
  }
}

TEST_CASE("list errors: unknown items by id and by number are 202", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Error by_id = parse_error(inst, "i01=5 x99=3", "answers.txt");
  CHECK(by_id.code() == ErrorCode::answers_unknown_item);
  CHECK(by_id.where() == "answers.txt:1:7");  // source: "i01=5 " is 6 characters
  CHECK(std::string(by_id.what()) ==
        "[securebase.answers.202] answers.txt:1:7: item \"x99\" is not an item of ecr-r" +
            unknown_id_tail);

  const Error zero = parse_error(inst, "0=3", "answers.txt");
  CHECK(zero.code() == ErrorCode::answers_unknown_item);
  CHECK(std::string(zero.what()) ==
        "[securebase.answers.202] answers.txt:1:1: item number 0 does not exist; ecr-r has items "
        "1-36");

  const Error past = parse_error(inst, "1=4\n  37=3", "answers.txt");
  CHECK(past.code() == ErrorCode::answers_unknown_item);
  CHECK(past.where() == "answers.txt:2:3");  // source: line 2 after two spaces
  CHECK(std::string(past.what()) ==
        "[securebase.answers.202] answers.txt:2:3: item number 37 does not exist; ecr-r has items "
        "1-36");
}

TEST_CASE("list errors: out of range is 203, not whole is 204", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Error high = parse_error(inst, "1=8", "answers.txt");
  CHECK(high.code() == ErrorCode::answers_out_of_range);
  CHECK(std::string(high.what()) ==
        "[securebase.answers.203] answers.txt:1:1: item \"i01\": "
        "answer is 8, but must be " +
            range_1_7 + " (or missing)");
  const Error low = parse_error(inst, "1=5\r\n\t2=-1", "answers.txt");
  CHECK(low.code() == ErrorCode::answers_out_of_range);
  CHECK(low.where() == "answers.txt:2:2");  // source: line 2 after a tab
  CHECK(low.message() == "item \"i02\": answer is -1, but must be " + range_1_7 + " (or missing)");
  // source: the answer 0 is in the input, below the minimum 1
  const Error zero = parse_error(inst, "i03=0", "answers.txt");
  CHECK(zero.code() == ErrorCode::answers_out_of_range);
  CHECK(zero.message() == "item \"i03\": answer is 0, but must be " + range_1_7 + " (or missing)");

  const Error half = parse_error(inst, "1=5,2=4.5", "answers.txt");
  CHECK(half.code() == ErrorCode::answers_not_integer);
  CHECK(half.where() == "answers.txt:1:5");  // source: "1=5," is 4 characters
  CHECK(std::string(half.what()) ==
        "[securebase.answers.204] answers.txt:1:5: item \"i02\": answer is 4.5, but must be " +
            range_1_7);
}

TEST_CASE("list errors: the same item twice is 205, also by id and by number", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Error twice = parse_error(inst, "1=5 1=4", "answers.txt");
  CHECK(twice.code() == ErrorCode::answers_duplicate);
  CHECK(std::string(twice.what()) ==
        "[securebase.answers.205] answers.txt:1:5: item \"i01\" is answered twice (named "
        "\"1\" both times), but may be answered once");
  const Error mixed = parse_error(inst, "i01=5\n1=4", "answers.txt");
  CHECK(mixed.code() == ErrorCode::answers_duplicate);
  CHECK(std::string(mixed.what()) ==
        "[securebase.answers.205] answers.txt:2:1: item \"i01\" is answered twice (as \"i01\" and "
        "as \"1\"), but may be answered once");
  // A missing answer names the item too: NA then a value is still twice.
  const Error na_first = parse_error(inst, "7=NA 7=3", "answers.txt");
  CHECK(na_first.code() == ErrorCode::answers_duplicate);
  CHECK(na_first.where() == "answers.txt:1:6");  // source: "7=NA " is 5 characters
}

TEST_CASE("list errors: malformed tokens and non-number values are 201", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const std::string tip = " is not an answer; write item=value, e.g. 1=5 or i01=5 (NA = missing)";

  // source: "15" starts at column 5, after "1=5 "
  const Error no_eq = parse_error(inst, "1=5 15", "answers.txt");
  CHECK(no_eq.code() == ErrorCode::answers_syntax);
  CHECK(std::string(no_eq.what()) == "[securebase.answers.201] answers.txt:1:5: \"15\"" + tip);

  // source: "=5" (no item before '=') at column 1
  const Error no_item = parse_error(inst, "=5", "answers.txt");
  CHECK(no_item.code() == ErrorCode::answers_syntax);
  CHECK(std::string(no_item.what()) == "[securebase.answers.201] answers.txt:1:1: \"=5\"" + tip);

  // A long token is quoted by its first 40 characters.
  const Error long_token =
      parse_error(inst, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "answers.txt");
  CHECK(long_token.code() == ErrorCode::answers_syntax);
  CHECK(long_token.message() == "\"abcdefghijklmnopqrstuvwxyzabcdefghijklmn\"" + tip);

  const Error word = parse_error(inst, "3=five", "answers.txt");
  CHECK(word.code() == ErrorCode::answers_syntax);
  CHECK(std::string(word.what()) ==
        "[securebase.answers.201] answers.txt:1:1: value \"five\" of item \"i03\" is not a "
        "number; write a number or NA");
  const Error trailing = parse_error(inst, "i04=5x", "answers.txt");
  CHECK(trailing.code() == ErrorCode::answers_syntax);
  CHECK(trailing.message() == "value \"5x\" of item \"i04\" is not a number; write a number or NA");
  // "1 = 5" is three tokens, none of them an answer.
  const auto spaced = thrown([&] { (void)parse_answers(inst, "1 = 5", "answers.txt"); });
  REQUIRE(spaced.has_value());
  REQUIRE(spaced->problems().size() == 3);  // source: tokens "1", "=", "5"
  CHECK(spaced->problems()[1].where == "answers.txt:1:3");
  CHECK(spaced->problems()[1].message == "\"=\"" + tip);
}

TEST_CASE("a byte order mark does not shift list locations", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Error e = parse_error(inst,
                              "\xEF\xBB\xBF"
                              "1=9",
                              "answers.txt");
  CHECK(e.code() == ErrorCode::answers_out_of_range);
  CHECK(e.where() == "answers.txt:1:1");  // source: the mark is dropped before counting
}

TEST_CASE("a list with several problems reports all of them, in order", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const auto e =
      thrown([&] { (void)parse_answers(inst, "1=9\n2=4.5\nfoo\n1=3\n40=1\n5=5", "answers.txt"); });
  REQUIRE(e.has_value());
  REQUIRE(e->problems().size() == 5);  // source: lines 1-5 are wrong, line 6 is fine
  CHECK(e->code() == ErrorCode::answers_out_of_range);  // the first one leads
  CHECK(e->problems()[1].code == ErrorCode::answers_not_integer);
  CHECK(e->problems()[2].code == ErrorCode::answers_syntax);
  CHECK(e->problems()[3].code == ErrorCode::answers_duplicate);
  CHECK(e->problems()[4].code == ErrorCode::answers_unknown_item);
  CHECK(std::string(e->what()) ==
        "[securebase.answers.203] answers.txt:1:1: item \"i01\": answer is 9, but must be a whole "
        "number from 1 to 7 (or missing) (and 4 more problems)\n"
        "  [securebase.answers.204] answers.txt:2:1: item \"i02\": answer is 4.5, but must be a "
        "whole number from 1 to 7\n"
        "  [securebase.answers.201] answers.txt:3:1: \"foo\" is not an answer; write item=value, "
        "e.g. 1=5 or i01=5 (NA = missing)\n"
        "  [securebase.answers.205] answers.txt:4:1: item \"i01\" is answered twice (named \"1\" "
        "both times), but may be answered once\n"
        "  [securebase.answers.202] answers.txt:5:1: item number 40 does not exist; ecr-r has "
        "items 1-36");
}

// ---------------------------------------------------------------------------------------------
// The JSON object
// ---------------------------------------------------------------------------------------------

TEST_CASE("JSON answers name items by id or number, and null is missing", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Responses r = parse_answers(
      inst, "\xEF\xBB\xBF  {\"i01\": 5, \"2\": 3, \"i03\": null,\n \"36\": 1.0, \"10\": 7}",
      "answers.json");
  REQUIRE(r.values.size() == 36);  // source: ecr-r has 36 items
  CHECK(r.values[0] == 5.0);       // source: "i01": 5
  CHECK(r.values[1] == 3.0);       // source: "2": 3
  CHECK(is_missing(r.values[2]));  // "i03": null
  CHECK(r.values[9] == 7.0);       // source: "10": 7
  CHECK(r.values[35] == 1.0);      // source: "36": 1.0
  CHECK(r.answered() == 4);        // source: items 1, 2, 10, 36
}

TEST_CASE("JSON errors: not an object, syntax, duplicate keys, wrong value types", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");

  const Error array = parse_error(inst, "[5, 3]", "answers.json");
  CHECK(array.code() == ErrorCode::answers_syntax);
  CHECK(std::string(array.what()) ==
        "[securebase.answers.201] answers.json: /: answers are an array, but must be an object "
        "mapping items to values, e.g. {\"1\": 5}");

  // source: 'x' is the 8th character of line 3 ("  \"2\": x")
  const Error syntax = parse_error(inst, "{\n  \"1\": 5,\n  \"2\": x\n}", "answers.json");
  CHECK(syntax.code() == ErrorCode::answers_syntax);
  CHECK(syntax.where() == "answers.json:3:8");
  CHECK(std::string(syntax.what()) ==
        "[securebase.answers.201] answers.json:3:8: the text is not valid JSON (syntax error "
        "while parsing value - invalid literal; last read: '\"2\": x')");
  // source: text after the object: the second '{' is the 8th character of {"1":5}{
  const Error trailing = parse_error(inst, "{\"1\":5}{", "answers.json");
  CHECK(trailing.code() == ErrorCode::answers_syntax);
  CHECK(trailing.where() == "answers.json:1:8");
  CHECK(trailing.message() ==
        "the text is not valid JSON (syntax error while parsing value - unexpected '{'; expected "
        "end of input)");

  const Error dup = parse_error(inst, "{\"i01\": 5,\n \"i01\": 4}", "answers.json");
  CHECK(dup.code() == ErrorCode::answers_duplicate);
  CHECK(std::string(dup.what()) ==
        "[securebase.answers.205] answers.json: /i01: key \"i01\" appears twice in the same "
        "object, but must be unique");
  const Error id_and_number = parse_error(inst, "{\"1\": 5, \"i01\": 4}", "answers.json");
  CHECK(id_and_number.code() == ErrorCode::answers_duplicate);
  // source: members are read in document order, so the second name is the one reported
  CHECK(std::string(id_and_number.what()) ==
        "[securebase.answers.205] answers.json: /i01: item \"i01\" is answered twice (as \"1\" and "
        "as \"i01\"), but may be answered once");

  const Error string = parse_error(inst, "{\"1\": \"5\"}", "answers.json");
  CHECK(string.code() == ErrorCode::answers_syntax);
  CHECK(std::string(string.what()) ==
        "[securebase.answers.201] answers.json: /1: answer is a string, but must be a number or "
        "null (missing)");
  const Error boolean = parse_error(inst, "{\"2\": true}", "answers.json");
  CHECK(boolean.code() == ErrorCode::answers_syntax);
  CHECK(boolean.message() == "answer is a boolean, but must be a number or null (missing)");
}

TEST_CASE("JSON errors: unknown items, range and whole numbers, located by JSON pointer",
          "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Error slash = parse_error(inst, "{\"a/b\": 1}", "answers.json");
  CHECK(slash.code() == ErrorCode::answers_unknown_item);
  CHECK(slash.where() == "answers.json: /a~1b");  // source: RFC 6901 escapes '/' as ~1
  CHECK(std::string(slash.what()) ==
        "[securebase.answers.202] answers.json: /a~1b: item \"a/b\" is not an item of ecr-r" +
            unknown_id_tail);
  // source: 37 is one past the 36 items of ecr-r
  const Error past = parse_error(inst, "{\"37\": 1}", "answers.json");
  CHECK(past.code() == ErrorCode::answers_unknown_item);
  CHECK(past.message() == "item number 37 does not exist; ecr-r has items 1-36");

  const Error high = parse_error(inst, "{\"2\": 9}", "answers.json");
  CHECK(high.code() == ErrorCode::answers_out_of_range);
  CHECK(std::string(high.what()) ==
        "[securebase.answers.203] answers.json: /2: item \"i02\": answer is 9, but must be " +
            range_1_7 + " (or missing)");
  const Error half = parse_error(inst, "{\"i02\": 2.5}", "answers.json");
  CHECK(half.code() == ErrorCode::answers_not_integer);
  CHECK(std::string(half.what()) ==
        "[securebase.answers.204] answers.json: /i02: item \"i02\": answer is 2.5, but must be " +
            range_1_7);
}

TEST_CASE("a JSON object with several problems reports all of them", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const auto e = thrown([&] {
    (void)parse_answers(inst, R"({"0": 1, "1": 9, "2": 4.5, "3": "x", "i03": 2, "4": 4})",
                        "answers.json");
  });
  REQUIRE(e.has_value());
  // source: five bad members; "4": 4 is fine. Members are visited in document order.
  REQUIRE(e->problems().size() == 5);
  const std::vector<std::pair<ErrorCode, std::string>> expected = {
      {ErrorCode::answers_unknown_item, "answers.json: /0"},
      {ErrorCode::answers_out_of_range, "answers.json: /1"},
      {ErrorCode::answers_not_integer, "answers.json: /2"},
      {ErrorCode::answers_syntax, "answers.json: /3"},
      {ErrorCode::answers_duplicate, "answers.json: /i03"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Diagnostic& d = e->problems()[i];
    INFO(i);
    CHECK(d.code == expected[i].first);
    CHECK(d.where == expected[i].second);
  }
  CHECK_THAT(std::string(e->what()),
             Catch::StartsWith("[securebase.answers.202] answers.json: /0: item number 0 does not "
                               "exist; ecr-r has items 1-36 (and 4 more problems)\n"));
}

// Regression: nlohmann's out_of_range (number overflow) once escaped parse_json_strict.
TEST_CASE("a JSON number too large for a double is a securebase error", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Error e = parse_error(inst, "{\"1\": 1e400}", "answers.json");
  CHECK(e.code() == ErrorCode::answers_syntax);
  CHECK(std::string(e.what()) ==
        "[securebase.answers.201] answers.json:1:7: number 1e400 is too large to represent, but "
        "must be within +-1.7976931348623157e308");
}

// ---------------------------------------------------------------------------------------------
// set_answer, empty_responses, answered
// ---------------------------------------------------------------------------------------------

TEST_CASE("empty_responses and Responses::answered", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-5");
  const Responses r = empty_responses(inst);
  REQUIRE(r.values.size() == 36);  // source: ecr-5 has 36 items
  for (const double v : r.values) CHECK(is_missing(v));
  CHECK(r.answered() == 0);
  CHECK(Responses{{1.0, missing_answer, 3.0, missing_answer}}.answered() == 2);  // source: 1, 3
  CHECK(Responses{}.answered() == 0);
}

TEST_CASE("set_answer by id and by number, and its errors", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  Responses r = empty_responses(inst);
  set_answer(r, inst, "i05", 6.0, "form field i05");
  set_answer(r, inst, "6", 2.0, "form field 6");
  CHECK(r.values[4] == 6.0);  // source: i05 = 6
  CHECK(r.values[5] == 2.0);  // source: item 6 = 2
  CHECK(r.answered() == 2);

  // Setting a missing answer is allowed and leaves the item open.
  set_answer(r, inst, "7", missing_answer, "form field 7");
  CHECK(is_missing(r.values[6]));
  set_answer(r, inst, "i07", 7.0, "form field i07");
  CHECK(r.values[6] == 7.0);  // source: i07 = 7

  const auto twice = thrown([&] { set_answer(r, inst, "5", 1.0, "form field 5"); });
  REQUIRE(twice.has_value());
  CHECK(twice->code() == ErrorCode::answers_duplicate);
  CHECK(std::string(twice->what()) ==
        "[securebase.answers.205] form field 5: item \"i05\" (named \"5\") already has an "
        "answer, but may be answered once");
  CHECK(r.values[4] == 6.0);  // source: unchanged from the first i05 = 6

  const auto unknown = thrown([&] { set_answer(r, inst, "q1", 1.0, "form field q1"); });
  REQUIRE(unknown.has_value());
  CHECK(unknown->code() == ErrorCode::answers_unknown_item);
  CHECK(std::string(unknown->what()) ==
        "[securebase.answers.202] form field q1: item \"q1\" is not an item of ecr-r" +
            unknown_id_tail);
  for (const char* number : {"0", "37"}) {
    const auto bad = thrown([&] { set_answer(r, inst, number, 1.0, "form"); });
    REQUIRE(bad.has_value());
    CHECK(bad->code() == ErrorCode::answers_unknown_item);
    CHECK(bad->message() ==
          "item number " + std::string(number) + " does not exist; ecr-r has items 1-36");
  }

  const auto range = thrown([&] { set_answer(r, inst, "i01", 8.0, "form field i01"); });
  REQUIRE(range.has_value());
  CHECK(range->code() == ErrorCode::answers_out_of_range);
  CHECK(std::string(range->what()) ==
        "[securebase.answers.203] form field i01: item \"i01\": answer is 8, but must be " +
            range_1_7 + " (or missing)");
  CHECK(is_missing(r.values[0]));  // a rejected answer is not stored

  const auto half = thrown([&] { set_answer(r, inst, "1", 4.5, "form field 1"); });
  REQUIRE(half.has_value());
  CHECK(half->code() == ErrorCode::answers_not_integer);
  CHECK(std::string(half->what()) ==
        "[securebase.answers.204] form field 1: item \"i01\": answer is 4.5, but must be " +
            range_1_7);
  CHECK(is_missing(r.values[0]));
  set_answer(r, inst, "1", 4.0, "form field 1");  // still open after the rejected tries
  CHECK(r.values[0] == 4.0);                      // source: item 1 = 4
}

TEST_CASE("set_answer refuses answers sized for another instrument", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  Responses r{{4.0, 4.0, 4.0}};  // three stale values, not made for ecr-r
  securebase::test::check_error([&] { set_answer(r, inst, "1", 5.0, "form"); },
                                ErrorCode::answers_syntax,
                                "[securebase.answers.201] form: holds 3 answers, but ecr-r has 36 "
                                "items (make it with empty_responses)");
  CHECK(r.values.size() == 3);  // source: nothing was changed
}

TEST_CASE("set_answer sizes answers for the instrument and checks its response scale",
          "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-5");
  Responses r;  // no values yet
  set_answer(r, inst, "36", 5.0, "row 1");
  REQUIRE(r.values.size() == 36);  // source: ecr-5 has 36 items
  CHECK(r.values[35] == 5.0);      // source: item 36 = 5, the top of 1-5
  CHECK(r.answered() == 1);
  const auto six = thrown([&] { set_answer(r, inst, "i01", 6.0, "row 1"); });
  REQUIRE(six.has_value());
  CHECK(six->code() == ErrorCode::answers_out_of_range);
  CHECK(std::string(six->what()) ==
        "[securebase.answers.203] row 1: item \"i01\": answer is 6, but must be a whole number "
        "from 1 to 5 (or missing)");
}

TEST_CASE("list values 'nan' and 'inf' are not missing answers", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  // Only NA, na or an empty value mean missing; from_chars would read "nan" as a number.
  const Error nan = parse_error(inst, "1=nan", "answers.txt");
  CHECK(nan.code() == ErrorCode::answers_syntax);
  CHECK(std::string(nan.what()) ==
        "[securebase.answers.201] answers.txt:1:1: value \"nan\" of item \"i01\" is not a "
        "number; write a number or NA");
  const Error inf = parse_error(inst, "1=inf", "answers.txt");
  CHECK(inf.code() == ErrorCode::answers_out_of_range);
}

TEST_CASE("list columns count characters, not bytes", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  // source: "\xC3\xA9" is one character (e acute), so "1=9" starts at column 5, not 6
  const Error e = parse_error(inst, "\xC3\xA9=5 1=9", "answers.txt");
  REQUIRE(e.problems().size() == 2);
  CHECK(e.problems()[1].where == "answers.txt:1:5");
}

TEST_CASE("a too-large number is located where the parser meets it", "[responses]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  // source: the same digits inside a string on line 1 are not the number; on line 3,
  // ' "2": 1e999}' has the number at column 7
  const Error e = parse_error(inst, "{\"1\": \"a,1e999\",\n\n \"2\": 1e999}", "answers.json");
  CHECK(e.code() == ErrorCode::answers_syntax);
  CHECK(e.where() == "answers.json:3:7");
}
