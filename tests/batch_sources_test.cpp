// Tests of batch on SPSS and Stata files and on the command line (issue 24): old Stata
// missing values, encodings, dates, user-missing codes in kept columns, `securebase columns`,
// --prefix and --summary /dev/stdout. Fixtures in tests/data/stat are written by
// tests/tools/write_stat_fixtures.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "securebase/batch/batch.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/stat_file.hpp"
#include "support/batch_text.hpp"
#include "support/paths.hpp"

namespace {

using securebase::BatchOptions;
using securebase::test::lines_of;

}  // namespace

TEST_CASE("a Stata 13 file holding UTF-8 text reads with encoding UTF-8", "[batch][24]") {
  if (!securebase::stat_file_support()) return;
  // tests/data/stat/stata117-utf8.dta (write_stat_fixtures): id 1, place "Łódź" in UTF-8,
  // whose byte 0x81 Windows-1252 (the format's own text encoding) does not have.
  const std::string path = std::string(SECUREBASE_TEST_DATA) + "/stat/stata117-utf8.dta";
  std::vector<std::vector<std::string>> rows;
  const auto on_row = [&](std::span<const std::string> f) {
    rows.emplace_back(f.begin(), f.end());
  };
  CHECK_THROWS_AS(securebase::read_stat_file(
                      path, [](auto) {}, on_row),
                  securebase::Error);
  rows.clear();
  securebase::read_stat_file(
      path, [](auto) {}, on_row, "UTF-8");
  CHECK(rows == std::vector<std::vector<std::string>>{{"1",
                                                       "\xC5\x81\xC3\xB3"
                                                       "d\xC5\xBA"}});
}

TEST_CASE("SPSS and Stata dates are ISO 8601; a user-missing code stays in a kept column",
          "[batch][24]") {
  if (!securebase::stat_file_support()) return;
  // tests/data/stat/dates.sav and dates.dta (write_stat_fixtures, write_dates): born
  // 2024-03-01, seen 2024-03-01 13:45:30 (.250 in the .dta), reason user-missing (-99 in the
  // .sav, .b in the .dta). The expected dates are the ones the writer's comment derives.
  for (const auto& [file, seen, reason] : {std::tuple<std::string, std::string, std::string>{
                                               "dates.sav", "2024-03-01T13:45:30", "-99"},
                                           {"dates.dta", "2024-03-01T13:45:30.250", ".b"}}) {
    const std::string path = std::string(SECUREBASE_TEST_DATA) + "/stat/" + file;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<unsigned char>> flags;
    securebase::read_stat_file_coded(
        path, [](auto) {},
        [&](std::span<const std::string> f, std::span<const unsigned char> m) {
          rows.emplace_back(f.begin(), f.end());
          flags.emplace_back(m.begin(), m.end());
        });
    CHECK(rows == std::vector<std::vector<std::string>>{{"1", "2024-03-01", seen, reason}});
    CHECK(flags == std::vector<std::vector<unsigned char>>{{0, 0, 0, 1}});
    // read_stat_file blanks the user-missing value, as before
    rows.clear();
    securebase::read_stat_file(
        path, [](auto) {},
        [&](std::span<const std::string> f) { rows.emplace_back(f.begin(), f.end()); });
    CHECK(rows.at(0).at(3).empty());
  }
}

TEST_CASE("a kept column of an SPSS file keeps its user-missing code; an item's is missing",
          "[batch][24]") {
  if (!securebase::stat_file_support()) return;
  // tests/data/batch/three.json: total = mean of e1, e2, e3 (e3 reversed: 8 - x) on 1-7.
  // sample.sav (write_spss): row r2 has ECR_1 = -99 (user-missing), ECR_2 = 95 (in the
  // user-missing range 90-99), ECR_3 system-missing; row r3 has note = "n/a" (user-missing).
  const auto three =
      securebase::load_instrument_file(std::string(SECUREBASE_TEST_DATA) + "/batch/three.json");
  BatchOptions o;
  o.columns.pattern = "ECR_{n}";
  o.keep = {"ECR_1", "note"};
  std::string text;
  (void)securebase::run_batch_stat_file(three, o,
                                        std::string(SECUREBASE_TEST_DATA) + "/stat/sample.sav",
                                        [&](std::string_view b) { text += b; });
  const std::vector<std::string> lines = lines_of(text);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "line,ECR_1,note,total,total_answered,total_missing,status");
  // r2: nothing answered (every item missing) -> no score. ECR_1 is an item column: kept, it
  // shows the answer as scored, so its user-missing -99 is blank (documented in docs/batch.md).
  CHECK(lines[2] == "2,,,,0,3,incomplete:total");
  // r3: ECR_1 = 2.5 is invalid; the kept note keeps "n/a"
  CHECK(lines[3] == "3,2.5,n/a,,,,invalid:ECR_1=2.5");
}

TEST_CASE("a Stata 5 file's '.' (stored as 2^333) is read as missing", "[batch][24]") {
  if (!securebase::stat_file_support()) return;
  // tests/data/stat/stata105.dta, written by tests/tools/write_stat_fixtures: id, q1, q2 with
  // rows (1, 3, .) and (2, ., 5), the dots stored as the double 2^333 as Stata 5 did.
  std::vector<std::vector<std::string>> rows;
  securebase::read_stat_file(
      std::string(SECUREBASE_TEST_DATA) + "/stat/stata105.dta", [](auto) {},
      [&](std::span<const std::string> f) { rows.emplace_back(f.begin(), f.end()); });
  CHECK(rows == std::vector<std::vector<std::string>>{{"1", "3", ""}, {"2", "", "5"}});
}

#ifdef SECUREBASE_HAVE_CLI
#include "app.hpp"

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run cli(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), "batch");
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  const int code = securebase::cli::run(args, in, out, err);
  return {code, out.str(), err.str()};
}

const std::string instrument = std::string(SECUREBASE_TEST_DATA) + "/batch/batch.json";

}  // namespace

TEST_CASE("batch --prefix on the command line, and a collision without it", "[batch][cli][24]") {
  const std::string input = "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7,status\np1,1,2,3,4,5,1,2,done\n";
  const Run clash = cli({"-i", instrument, "-", "-c", "Q{n}", "--keep", "status"}, input);
  CHECK(clash.code == 2);
  CHECK_THAT(clash.err, Catch::Contains("[securebase.table.703] --prefix: the output would have "
                                        "two columns named 'status'"));
  CHECK(clash.out.empty());  // refused before a byte is written
  const Run fixed = cli(
      {"-i", instrument, "-", "-c", "Q{n}", "--keep", "status", "--prefix", "sb_", "-q"}, input);
  CHECK(fixed.code == 0);
  CHECK(fixed.out.substr(0, fixed.out.find('\n')) ==
        "sb_line,status,sb_anx,sb_anx_answered,sb_anx_missing,sb_avo,sb_avo_answered,"
        "sb_avo_missing,sb_status");
}

TEST_CASE("securebase columns lists an SPSS file's variables and a CSV's header",
          "[batch][cli][24]") {
  // tests/data/stat/sample.sav, written by tests/tools/write_stat_fixtures (write_spss): its
  // variables, formats, the agree7 value labels and the user-missing codes set there.
  std::vector<std::string> args{"columns", std::string(SECUREBASE_TEST_DATA) + "/stat/sample.sav"};
  std::istringstream none;
  std::ostringstream out;
  std::ostringstream err;
  if (securebase::stat_file_support()) {
    CHECK(securebase::cli::run(args, none, out, err) == 0);
    CHECK(out.str() ==
          "1  id  string (A8)\n"
          "2  ECR_1  numeric (F8.2)\n"
          "     values: 1 = Strongly disagree; 4 = Neutral; 7 = Strongly agree; -99 = Refused\n"
          "     user-missing: -99\n"
          "3  ECR_2  numeric (F8.2)\n"
          "     values: 1 = Strongly disagree; 4 = Neutral; 7 = Strongly agree; -99 = Refused\n"
          "     user-missing: 90 to 99; -99\n"
          "4  ECR_3  numeric (F8.2)\n"
          "     values: 1 = Strongly disagree; 4 = Neutral; 7 = Strongly agree; -99 = Refused\n"
          "5  note  string (A16)\n"
          "     user-missing: n/a\n");
  }
  std::istringstream csv("pid;Q1;Q2\n1;2;3\n");
  std::ostringstream json;
  const std::vector<std::string> json_args{"columns", "-", "--format", "json"};
  CHECK(securebase::cli::run(json_args, csv, json, err) == 0);
  const auto j = nlohmann::json::parse(json.str());
  CHECK(j["delimiter"] == "semicolon");
  REQUIRE(j["columns"].size() == 3);
  CHECK(j["columns"][1]["name"] == "Q1");
}

TEST_CASE("a summary to /dev/stdout is written to, not refused as existing", "[batch][cli][24]") {
  // /dev/stdout of a shell redirection leads to a regular file, which was refused as existing;
  // /dev/fd/N of a descriptor open on a regular file is the same case without touching the
  // test's own standard output.
  const auto dir = std::filesystem::temp_directory_path() / "securebase-batch-24-devfd";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string redirected = (dir / "out.txt").string();
  std::FILE* file = std::fopen(redirected.c_str(), "w");
  REQUIRE(file != nullptr);
  const std::string fd_path = "/dev/fd/" + std::to_string(::fileno(file));
  const Run r = cli({"-i", instrument, "-", "-c", "Q{n}", "-o", (dir / "s.csv").string(),
                     "--summary", fd_path, "-q"},
                    "Q1,Q2,Q3,Q4,Q5,Q6,Q7\n1,2,3,4,5,1,2\n");
  std::fclose(file);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  std::ifstream in(redirected);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_THAT(text, Catch::Contains("\"format\": \"securebase-batch-summary\""));
  CHECK(std::filesystem::exists(dir / "s.csv"));
  std::filesystem::remove_all(dir);
}
#endif
