// Tests of securebase::Error: stable ids, families, the one-line rendering of problems, and the
// catalogue in docs/errors.md.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "securebase/core/error.hpp"
#include "support/paths.hpp"

using securebase::Diagnostic;
using securebase::Error;
using securebase::ErrorCode;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("each family has its name and each code its id", "[error]") {
  struct Expect {
    ErrorCode code;
    const char* family;
    const char* id;
  };
  // source: the families of error.hpp (hundreds digit) and the id form "securebase.<family>.<n>"
  const std::vector<Expect> expected = {
      {ErrorCode::instrument_syntax, "instrument", "securebase.instrument.101"},
      {ErrorCode::instrument_bad_value, "instrument", "securebase.instrument.104"},
      {ErrorCode::instrument_unknown_field, "instrument", "securebase.instrument.108"},
      {ErrorCode::answers_syntax, "answers", "securebase.answers.201"},
      {ErrorCode::answers_duplicate, "answers", "securebase.answers.205"},
      {ErrorCode::norms_unknown_set, "norms", "securebase.norms.301"},
      {ErrorCode::norms_scale_absent, "norms", "securebase.norms.302"},
      {ErrorCode::result_syntax, "result", "securebase.result.401"},
      {ErrorCode::result_version, "result", "securebase.result.403"},
      {ErrorCode::text_syntax, "text", "securebase.text.501"},
      {ErrorCode::text_mismatch, "text", "securebase.text.503"},
      {ErrorCode::io_read, "io", "securebase.io.601"},
      {ErrorCode::io_write, "io", "securebase.io.602"},
      {ErrorCode::io_limit, "io", "securebase.io.603"},
      {ErrorCode::internal, "internal", "securebase.internal.901"},
      {ErrorCode::stats_partial_syntax, "stats", "securebase.stats.1001"},
      {ErrorCode::stats_incomparable, "stats", "securebase.stats.1004"},
      {ErrorCode::stats_parameter, "stats", "securebase.stats.1006"},
  };
  for (const Expect& e : expected) {
    INFO(e.id);
    CHECK(securebase::error_family(e.code) == e.family);
    CHECK(securebase::error_id(e.code) == e.id);
  }
}

TEST_CASE("every code's family is named by its hundreds", "[error]") {
  // source: the family comments of ErrorCode in error.hpp (1xx ... 9xx, then 10xx)
  const std::vector<std::string> families = {"",        "instrument", "answers", "norms",
                                             "result",  "text",       "io",      "table",
                                             "session", "internal",   "stats"};
  for (ErrorCode code : securebase::all_error_codes()) {
    const int n = static_cast<int>(code);
    INFO(n);
    REQUIRE(n >= 100);
    REQUIRE(n < 1100);
    CHECK(securebase::error_family(code) == families[static_cast<std::size_t>(n / 100)]);
    CHECK(securebase::error_id(code) ==
          "securebase." + families[static_cast<std::size_t>(n / 100)] + "." + std::to_string(n));
  }
}

TEST_CASE("format_diagnostic renders one problem as one line", "[error]") {
  CHECK(
      securebase::format_diagnostic({ErrorCode::instrument_bad_value, "f.json: /response_scale/min",
                                     "min is 5, but must be less than max (5)"}) ==
      "[securebase.instrument.104] f.json: /response_scale/min: min is 5, but must be less than "
      "max (5)");
  CHECK(securebase::format_diagnostic(
            {ErrorCode::answers_out_of_range, "a.txt:1:1", "answer is 9"}) ==
        "[securebase.answers.203] a.txt:1:1: answer is 9");
  CHECK(securebase::format_diagnostic({ErrorCode::norms_unknown_set, "ecr-5", "no such set"}) ==
        "[securebase.norms.301] ecr-5: no such set");
  CHECK(securebase::format_diagnostic(
            {ErrorCode::result_version, "r.json: /schema_version", "too new"}) ==
        "[securebase.result.403] r.json: /schema_version: too new");
  CHECK(securebase::format_diagnostic({ErrorCode::text_unknown_item, "t.json: /items/x", "no"}) ==
        "[securebase.text.502] t.json: /items/x: no");
  CHECK(securebase::format_diagnostic({ErrorCode::io_write, "out.json", "cannot be written"}) ==
        "[securebase.io.602] out.json: cannot be written");
  CHECK(securebase::format_diagnostic({ErrorCode::internal, "securebase", "a bug"}) ==
        "[securebase.internal.901] securebase: a bug");
  CHECK(securebase::format_diagnostic({ErrorCode::stats_covariance, "covariance", "too small"}) ==
        "[securebase.stats.1005] covariance: too small");
}

TEST_CASE("an Error with one problem", "[error]") {
  const Error e(ErrorCode::io_read, "x.json", "is a directory, but must be a file");
  CHECK(e.code() == ErrorCode::io_read);
  CHECK(e.where() == "x.json");
  CHECK(e.message() == "is a directory, but must be a file");
  CHECK(e.problems().size() == 1);
  CHECK(std::string(e.what()) == "[securebase.io.601] x.json: is a directory, but must be a file");
  const std::runtime_error& base = e;  // catchable as a standard exception
  CHECK(std::string(base.what()) == e.what());
}

TEST_CASE("an Error with several problems lists each on its own line", "[error]") {
  const Error two({{ErrorCode::instrument_missing_field, "f: /", "a"},
                   {ErrorCode::instrument_dangling, "f: /b", "b"}});
  CHECK(two.code() == ErrorCode::instrument_missing_field);
  CHECK(two.where() == "f: /");
  CHECK(two.message() == "a");
  CHECK(std::string(two.what()) ==
        "[securebase.instrument.102] f: /: a (and 1 more problem)\n"
        "  [securebase.instrument.106] f: /b: b");
  const Error three({{ErrorCode::answers_out_of_range, "a:1:1", "x"},
                     {ErrorCode::answers_not_integer, "a:1:5", "y"},
                     {ErrorCode::answers_out_of_range, "a:2:1", "z"}});
  REQUIRE(three.problems().size() == 3);
  CHECK(three.problems()[1].code == ErrorCode::answers_not_integer);
  CHECK(std::string(three.what()) ==
        "[securebase.answers.203] a:1:1: x (and 2 more problems)\n"
        "  [securebase.answers.204] a:1:5: y\n"
        "  [securebase.answers.203] a:2:1: z");
}

TEST_CASE("an Error built from no problem is an internal error, not a crash", "[error]") {
  const Error e(std::vector<Diagnostic>{});
  REQUIRE(e.problems().size() == 1);
  CHECK(e.code() == ErrorCode::internal);
  CHECK(std::string(e.what()) ==
        "[securebase.internal.901] securebase: an error was raised with no problem");
}

TEST_CASE("all_error_codes lists each defined code once", "[error]") {
  const std::vector<ErrorCode>& codes = securebase::all_error_codes();
  std::set<int> seen;
  for (ErrorCode c : codes) CHECK(seen.insert(static_cast<int>(c)).second);
  // source: the enumerators of ErrorCode in include/securebase/error.hpp
  CHECK(seen == std::set<int>{101, 102, 103, 104,  105,  106,  107,  108,  201, 202, 203,
                              204, 205, 301, 302,  401,  402,  403,  404,  501, 502, 503,
                              504, 601, 602, 603,  701,  702,  703,  704,  705, 706, 801,
                              802, 803, 901, 1001, 1002, 1003, 1004, 1005, 1006});
}

TEST_CASE("docs/errors.md catalogues every code", "[error]") {
  const std::string doc = read_text(std::string(SECUREBASE_SOURCE_DIR) + "/docs/errors.md");
  for (ErrorCode code : securebase::all_error_codes()) {
    const std::string id = securebase::error_id(code);
    INFO(id);
    // each code has its own heading
    CHECK(doc.find("## " + id) != std::string::npos);
  }
  // and the command line's exit codes
  for (const char* line : {"| 0 |", "| 1 |", "| 2 |", "| 3 |"}) {
    INFO(line);
    CHECK(doc.find(line) != std::string::npos);
  }
}
