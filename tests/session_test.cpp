// Tests of the questionnaire session state machine (securebase/session.hpp), without a terminal.
#include "securebase/core/session.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/splitmix64.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/session_json.hpp"
#include "support/errors.hpp"

using namespace securebase;

namespace {

const Instrument& brief() {
  static const Instrument ins = load_embedded_instrument("securebase-brief");
  return ins;
}

const Instrument& core() {
  static const Instrument ins = load_embedded_instrument("securebase-core");
  return ins;
}

// source: instruments/securebase-brief.json, items in canonical order.
const std::vector<std::string> brief_order = {
    "anx02", "avo02", "sb_support2",  "anx03", "avo01", "sb_repair1",
    "anx04", "avo03", "sb_distress2", "anx08", "avo04", "sb_conflict2"};

}  // namespace

TEST_CASE("splitmix64 gives the reference outputs", "[session]") {
  // source: the reference splitmix64.c (Vigna, prng.di.unimi.it) started from x = 0; the first
  // value is the widely quoted 0xe220a8397b1dcdaf; all three also from a Python transcription.
  std::uint64_t state = 0;
  CHECK(detail::splitmix64_next(state) == 0xe220a8397b1dcdafULL);
  CHECK(detail::splitmix64_next(state) == 0x6e789e6aa1b965f4ULL);
  CHECK(detail::splitmix64_next(state) == 0x06c45d188009454fULL);
  CHECK(state == 3 * 0x9e3779b97f4a7c15ULL);
}

TEST_CASE("a shuffle is the documented Fisher-Yates permutation, the same on every run",
          "[session]") {
  // source: a hand-run of the algorithm in session.hpp, transcribed into 12 lines of Python
  // (splitmix64, rejection below (2^64 - b) mod b, i = n..2 swap p[i-1] with p[j]).
  CHECK(shuffled_positions(5, 42) == std::vector<std::size_t>{1, 2, 0, 4, 3});
  CHECK(shuffled_positions(10, 2026) == std::vector<std::size_t>{5, 0, 9, 2, 4, 7, 3, 6, 8, 1});
  CHECK(shuffled_positions(12, 18446744073709551615ULL) ==
        std::vector<std::size_t>{3, 2, 4, 11, 7, 9, 5, 10, 0, 1, 6, 8});
  CHECK(shuffled_positions(0, 1).empty());
  CHECK(shuffled_positions(1, 1) == std::vector<std::size_t>{0});

  const Session s = start_session(brief(), 42);
  // source: the same Python run: positions 9 6 7 10 3 11 4 2 0 8 5 1 of brief_order.
  CHECK(s.order == std::vector<std::string>{"anx08", "anx04", "avo03", "avo04", "anx03",
                                            "sb_conflict2", "avo01", "sb_support2", "anx02",
                                            "sb_distress2", "sb_repair1", "avo02"});
  CHECK(start_session(brief(), 42).order == s.order);
  REQUIRE(s.seed);
  CHECK(*s.seed == 42);
}

TEST_CASE("a new session starts at the first item in canonical order", "[session]") {
  const Session s = start_session(brief());
  CHECK(s.instrument_id == "securebase-brief");
  CHECK(s.instrument_source == "securebase-brief");
  CHECK(s.key_fingerprint == brief().key_fingerprint());
  CHECK(s.order == brief_order);
  CHECK(s.position == 0);
  CHECK_FALSE(s.seed);
  CHECK_FALSE(s.at_end());
  REQUIRE(current_item(s, brief()));
  CHECK(brief().items()[*current_item(s, brief())].id == "anx02");
  CHECK_FALSE(current_answer(s));
}

TEST_CASE("answering moves on, going back shows the earlier answer and lets it change",
          "[session]") {
  Session s = start_session(brief());
  answer_current(s, brief(), 5);
  answer_current(s, brief(), 3);
  CHECK(s.position == 2);
  CHECK(s.answers == std::map<std::string, int>{{"anx02", 5}, {"avo02", 3}});
  CHECK(go_back(s));
  CHECK(s.position == 1);
  REQUIRE(current_answer(s));
  CHECK(*current_answer(s) == 3);
  answer_current(s, brief(), 7);
  CHECK(s.answers.at("avo02") == 7);
  CHECK(s.position == 2);
  CHECK(go_back(s));
  CHECK(go_back(s));
  CHECK_FALSE(go_back(s));  // the first item: nothing before it
  CHECK(s.position == 0);
}

TEST_CASE("an answer outside the response scale is refused with 203", "[session]") {
  Session s = start_session(brief());
  test::check_error(
      [&] { answer_current(s, brief(), 8); }, ErrorCode::answers_out_of_range,
      "[securebase.answers.203] anx02: answer is 8, but must be an integer in [1, 7]");
  CHECK(s.position == 0);
  CHECK(s.answers.empty());
}

TEST_CASE("skipping clears an answer, and jump finds skipped items in order", "[session]") {
  Session s = start_session(brief());
  answer_current(s, brief(), 4);  // anx02
  skip_current(s);                // avo02
  skip_current(s);                // sb_support2
  CHECK(s.skipped == std::set<std::string>{"avo02", "sb_support2"});
  CHECK(go_back(s));
  CHECK(go_back(s));
  CHECK(go_back(s));
  skip_current(s);  // anx02 had an answer: skipping removes it
  CHECK(s.answers.empty());
  CHECK(s.skipped.count("anx02") == 1);
  // From position 1 (avo02) the next skipped after it is sb_support2, then round to anx02.
  CHECK(jump_to_next_skipped(s));
  CHECK(s.position == 2);
  CHECK(jump_to_next_skipped(s));
  CHECK(s.position == 0);
  answer_current(s, brief(), 2);
  CHECK(s.skipped.count("anx02") == 0);
  Session none = start_session(brief());
  CHECK_FALSE(jump_to_next_skipped(none));
}

TEST_CASE("the finish check names scales below their minimum and the items that would help",
          "[session]") {
  Session s = start_session(brief());
  // Skip anx02 and anx03, answer everything else with 4.
  for (const std::string& id : brief_order) {
    if (id == "anx02" || id == "anx03") {
      skip_current(s);
    } else {
      answer_current(s, brief(), 4);
    }
  }
  CHECK(s.at_end());
  const std::vector<ShortScale> short_scales = scales_below_minimum(s, brief());
  // source: securebase-brief.json, anxiety needs 3 of its 4 items (anx02, anx03, anx04, anx08).
  REQUIRE(short_scales.size() == 1);
  CHECK(brief().scales()[short_scales[0].scale].id == "anxiety");
  CHECK(short_scales[0].answered == 2);
  CHECK(short_scales[0].required == 3);
  CHECK(short_scales[0].missing_items == std::vector<std::string>{"anx02", "anx03"});

  // Revisit them: answering the first moves to the second, the second to the end.
  REQUIRE(start_revisit(s, short_scales[0].missing_items));
  CHECK(s.position == 0);
  CHECK_FALSE(go_back(s));  // nothing before the first revisited item
  answer_current(s, brief(), 6);
  CHECK(s.position == 3);  // anx03
  CHECK(go_back(s));
  CHECK(s.position == 0);
  answer_current(s, brief(), 6);
  skip_current(s);  // anx03 skipped again
  CHECK(s.at_end());
  CHECK(s.revisit.empty());
  CHECK(scales_below_minimum(s, brief()).empty());

  const Responses r = session_responses(s, brief());
  CHECK(r.answered() == 11);
  const Scores scores = score(brief(), r);
  // source: hand computation, anxiety = mean of anx02 6, anx04 4, anx08 4 after keying; the
  // keying is tested in scoring_test, here only that 3 of 4 items were scored.
  CHECK(scores.find("anxiety")->n_answered == 3);
  CHECK(start_revisit(s, {"nope"}) == false);
}

TEST_CASE("a session survives the trip through JSON", "[session]") {
  Session s = start_session(core(), 18446744073709551615ULL);
  s.language = "es";
  s.text_file = "/tmp/words.json";
  s.started = "2026-11-28T08:40:00Z";
  for (int k = 0; k < 10; ++k) answer_current(s, core(), 1 + k % 7);
  skip_current(s);
  go_back(s);
  s.revisit = {s.order[10]};
  const std::string json = to_session_json(s);
  const Session back = parse_session_json(json, "session.json");
  check_session(back, core(), "session.json");
  CHECK(back.instrument_id == s.instrument_id);
  CHECK(back.instrument_version == s.instrument_version);
  CHECK(back.instrument_source == "securebase-core");
  CHECK(back.key_fingerprint == s.key_fingerprint);
  CHECK(back.language == "es");
  CHECK(back.text_file == "/tmp/words.json");
  CHECK(back.started == s.started);
  REQUIRE(back.seed);
  CHECK(*back.seed == 18446744073709551615ULL);
  CHECK(back.order == s.order);
  CHECK(back.position == 10);
  CHECK(back.answers == s.answers);
  CHECK(back.answers.size() == 10);
  CHECK(back.skipped == s.skipped);
  CHECK(back.revisit == s.revisit);
  CHECK(to_session_json(back) == json);
}

TEST_CASE("a damaged session file is error 801 with its JSON path", "[session]") {
  const std::string good = to_session_json(start_session(brief()));
  test::check_error(
      [] { parse_session_json("{\"format\": ", "s.json"); }, ErrorCode::session_corrupt,
      "[securebase.session.801] s.json:1:12: the text is not valid JSON (syntax error "
      "while parsing value - unexpected end of input; expected '[', '{', or a "
      "literal)");
  test::check_error([] { parse_session_json("[]", "s.json"); }, ErrorCode::session_corrupt,
                    "[securebase.session.801] s.json: /: the session is an array, but must be a "
                    "JSON object; start over with 'securebase take --fresh'");
  auto edited = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto p = text.find(from);
    REQUIRE(p != std::string::npos);
    return text.replace(p, from.size(), to);
  };
  test::check_error(
      [&] { parse_session_json(edited("\"position\": 0", "\"position\": -1"), "s.json"); },
      ErrorCode::session_corrupt,
      "[securebase.session.801] s.json: /position: position must be a whole number from 0; start "
      "over with 'securebase take --fresh'");
  test::check_error(
      [&] { parse_session_json(edited("\"position\": 0", "\"position\": 13"), "s.json"); },
      ErrorCode::session_corrupt,
      "[securebase.session.801] s.json: /position: position is 13, but must be at most 12; start "
      "over with 'securebase take --fresh'");
  test::check_error(
      [&] {
        parse_session_json(edited("\"answers\": {}", "\"answers\": {\"anx02\": \"5\"}"), "s.json");
      },
      ErrorCode::session_corrupt,
      "[securebase.session.801] s.json: /answers/anx02: answer is \"5\", but must be a whole "
      "number; start over with 'securebase take --fresh'");
  test::check_error(
      [&] {
        parse_session_json(edited("\"format_version\": 1", "\"format_version\": 2"), "s.json");
      },
      ErrorCode::session_corrupt,
      "[securebase.session.801] s.json: /format_version: format_version is 2, written by a newer "
      "securebase (this one reads up to 1); start over with 'securebase take --fresh'");
  test::check_error(
      [&] {
        parse_session_json(edited("\"seed\": null", "\"seed\": \"18446744073709551616\""),
                           "s.json");
      },
      ErrorCode::session_corrupt,
      "[securebase.session.801] s.json: /seed: seed must be a decimal number below 2^64, as a "
      "string; start over with 'securebase take --fresh'");
  test::check_error(
      [&] { parse_session_json(edited("\"skipped\": []", "\"skipped\": [3]"), "s.json"); },
      ErrorCode::session_corrupt,
      "[securebase.session.801] s.json: /skipped/0: entry is a number, but must be an item id (a "
      "string); start over with 'securebase take --fresh'");
}

TEST_CASE("a session that does not fit its instrument is error 801", "[session]") {
  Session s = start_session(brief());
  test::check_error([&] { check_session(s, core(), "s.json"); }, ErrorCode::session_corrupt,
                    "[securebase.session.801] s.json: the session is for instrument "
                    "\"securebase-brief\", not \"securebase-core\"; start over with 'securebase "
                    "take --fresh'");
  Session key = s;
  key.key_fingerprint = std::string(64, '0');
  test::check_error([&] { check_session(key, brief(), "s.json"); }, ErrorCode::session_corrupt,
                    "[securebase.session.801] s.json: the scoring key of securebase-brief changed "
                    "since this session began (an update of securebase or of the instrument "
                    "file), so its answers cannot be scored with it; start over with 'securebase "
                    "take --fresh'");
  Session twice = s;
  twice.order[1] = twice.order[0];
  test::check_error([&] { check_session(twice, brief(), "s.json"); }, ErrorCode::session_corrupt,
                    "[securebase.session.801] s.json: item \"anx02\" appears twice in the order; "
                    "start over with 'securebase take --fresh'");
  Session range = s;
  range.answers["anx02"] = 9;
  test::check_error([&] { check_session(range, brief(), "s.json"); }, ErrorCode::session_corrupt,
                    "[securebase.session.801] s.json: the answer to \"anx02\" is 9, outside 1 to "
                    "7; start over with 'securebase take --fresh'");
}

TEST_CASE("the finish check counts a composite's scored components", "[session]") {
  const Instrument ecr_rs = load_embedded_instrument("ecr-rs");
  Session s = start_session(ecr_rs);
  while (!s.at_end()) {
    if (s.order[s.position] == "mother_7") {
      skip_current(s);
    } else {
      answer_current(s, ecr_rs, 4);
    }
  }
  const std::vector<ShortScale> short_scales = scales_below_minimum(s, ecr_rs);
  // source: instruments/ecr-rs.json: anxiety_mother (mother_7..9) needs 80% of 3 rounded up = 3
  // items; the composite anxiety needs all 4 of its component scales scored.
  REQUIRE(short_scales.size() == 2);
  CHECK(ecr_rs.scales()[short_scales[0].scale].id == "anxiety_mother");
  CHECK(short_scales[0].answered == 2);
  CHECK(short_scales[0].required == 3);
  CHECK(short_scales[0].missing_items == std::vector<std::string>{"mother_7"});
  CHECK(ecr_rs.scales()[short_scales[1].scale].id == "anxiety");
  CHECK(short_scales[1].answered == 3);
  CHECK(short_scales[1].required == 4);
  CHECK(short_scales[1].missing_items == std::vector<std::string>{"mother_7"});
}
