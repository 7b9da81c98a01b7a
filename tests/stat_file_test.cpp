// Tests of securebase/io/stat_file.hpp: SPSS and Stata files read as rows of text fields.
// The fixtures tests/data/stat/sample.sav, sample.por and sample.dta are written by
// tests/tools/write_stat_fixtures.cpp (ReadStat's writer); the expected fields below are the
// values that program writes, and R read the same files back with the same values and missing
// cells (foreign::read.spss for the .sav, haven::read_por for the .por, haven::read_dta for
// the .dta).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include <unistd.h>

#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/stat_file.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

using securebase::ErrorCode;
using Rows = std::vector<std::vector<std::string>>;

namespace {

const std::string stat_dir = std::string(SECUREBASE_TEST_DATA) + "/stat";
const std::string sav = stat_dir + "/sample.sav";
const std::string dta = stat_dir + "/sample.dta";

// The header and every row a file yields, in order; a header seen twice is recorded twice.
struct Table {
  Rows headers;
  Rows rows;
};

Table read_table(const std::filesystem::path& path) {
  Table table;
  securebase::read_stat_file(
      path,
      [&](std::span<const std::string> names) {
        table.headers.emplace_back(names.begin(), names.end());
      },
      [&](std::span<const std::string> fields) {
        table.rows.emplace_back(fields.begin(), fields.end());
      });
  return table;
}

// A fresh empty directory under the system's temporary area, removed at scope end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("securebase-stat-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// Writes `bytes` to `path` as they are.
void put(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// The full message of a 706 for `path` read as `format`: what is wrong, then the tip.
std::string format_error(const std::filesystem::path& path, const std::string& format,
                         const std::string& problem) {
  return "[securebase.table.706] " + path.string() + ": cannot be read as " + format + ": " +
         problem;
}

const std::string not_like_one =
    "it does not begin like one, so it is probably another kind of file (such as a CSV) with the "
    "wrong name ending. Give it the ending of its real format, or save it again from SPSS, PSPP "
    "or Stata";

const std::string readstat_tip =
    "). Check that the file is complete and was saved by SPSS, PSPP or Stata, or export the data "
    "as CSV";

}  // namespace

TEST_CASE("is_stat_file_path knows the SPSS and Stata endings in any case", "[stat_file]") {
  CHECK(securebase::is_stat_file_path("survey.sav"));
  CHECK(securebase::is_stat_file_path("dir/survey.ZSAV"));
  CHECK(securebase::is_stat_file_path("survey.por"));
  CHECK(securebase::is_stat_file_path("survey.Dta"));
  CHECK_FALSE(securebase::is_stat_file_path("survey.csv"));
  CHECK_FALSE(securebase::is_stat_file_path("survey.sav.csv"));
  CHECK_FALSE(securebase::is_stat_file_path("sav"));
}

TEST_CASE("read_stat_file without ReadStat in the build is error 706", "[stat_file]") {
  if (securebase::stat_file_support()) return;  // only a build without ReadStat can check this
  securebase::test::check_error(
      [&] { (void)read_table(sav); }, ErrorCode::table_format,
      format_error(sav, "an SPSS data file (.sav)",
                   "this build of securebase has no ReadStat support. Export the data as CSV, "
                   "or rebuild with ReadStat installed (Debian package libreadstat-dev)"));
}

TEST_CASE("read_stat_file: a .sav with user-missing codes and a range", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const Table table = read_table(sav);
  // source: tests/tools/write_stat_fixtures.cpp, write_spss: -99 is missing for ECR_1 and
  // ECR_2, 90-99 for ECR_2, "n/a" for note; row 2's ECR_3 is system-missing.
  CHECK(table.headers == Rows{{"id", "ECR_1", "ECR_2", "ECR_3", "note"}});
  CHECK(table.rows == Rows{{"r1", "1", "7", "4", "fine"},
                           {"r2", "", "", "", ""},
                           {"r3", "2.5", "", "7", ""},
                           {"", "6", "", "1", "x,y \"quoted\""}});
}

TEST_CASE("read_stat_file: an SPSS portable .por file", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const Table table = read_table(stat_dir + "/sample.por");
  // source: write_stat_fixtures.cpp, write_portable: -99 is user-missing, C's ITEM1 sysmis
  CHECK(table.headers == Rows{{"ID", "ITEM1"}});
  CHECK(table.rows == Rows{{"A", "2.5"}, {"B", ""}, {"C", ""}});
}

TEST_CASE("read_stat_value_labels: a .sav's labels for each labelled variable", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const auto labels = securebase::read_stat_value_labels(sav);
  // source: write_stat_fixtures.cpp, label set agree7 (1, 4, 7, -99) on ECR_1 to ECR_3
  REQUIRE(labels.size() == 12);
  CHECK(labels[0].variable == "ECR_1");
  CHECK(labels[0].value == "1");
  CHECK(labels[0].label == "Strongly disagree");
  CHECK(labels[3].value == "-99");
  CHECK(labels[3].label == "Refused");
  CHECK(labels[4].variable == "ECR_2");
  CHECK(labels[10].variable == "ECR_3");
  CHECK(labels[10].value == "7");
  CHECK(labels[10].label == "Strongly agree");
  CHECK(labels[11].variable == "ECR_3");
}

TEST_CASE("read_stat_file: a .dta with system and tagged missing values", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const Table table = read_table(dta);
  // source: write_stat_fixtures.cpp, write_stata: item2 is a float, so 0.1f prints as its
  // shortest form "0.1"; row 2's item1 is ., row 3's item2 is .a and item3 is .z.
  CHECK(table.headers == Rows{{"id", "item1", "item2", "item3", "name"}});
  CHECK(table.rows == Rows{{"101", "1", "0.1", "0.1", "Ann"},
                           {"102", "", "2.5", "-3", ""},
                           {"103", "7", "", "", "Bo"}});
}

TEST_CASE("read_stat_value_labels: a .dta's labels include the one for .a", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const auto labels = securebase::read_stat_value_labels(dta);
  // source: write_stat_fixtures.cpp, label set ends (1 low, 7 high, .a refused) on item1
  REQUIRE(labels.size() == 3);
  CHECK(labels[0].variable == "item1");
  CHECK(labels[0].value == "1");
  CHECK(labels[0].label == "low");
  CHECK(labels[1].value == "7");
  CHECK(labels[1].label == "high");
  CHECK(labels[2].value == ".a");
  CHECK(labels[2].label == "refused");
}

TEST_CASE("read_stat_file: an exception from a callback propagates unchanged", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  int rows = 0;
  const auto stop_at_second = [&](std::span<const std::string>) {
    if (++rows == 2) throw securebase::Error(ErrorCode::table_syntax, "caller", "stop here");
  };
  securebase::test::check_error(
      [&] {
        securebase::read_stat_file(
            sav, [](std::span<const std::string>) {}, stop_at_second);
      },
      ErrorCode::table_syntax, "[securebase.table.701] caller: stop here");
  CHECK(rows == 2);
}

TEST_CASE("read_stat_file: a missing file and a directory are error 601", "[stat_file]") {
  const std::string missing = stat_dir + "/no-such-file.sav";
  securebase::test::check_error([&] { (void)read_table(missing); }, ErrorCode::io_read,
                                "[securebase.io.601] " + missing +
                                    ": cannot be opened for reading (No such file or directory)");
  const TempDir dir;
  const auto folder = dir.path / "looks-like.dta";
  std::filesystem::create_directory(folder);
  securebase::test::check_error(
      [&] { (void)read_table(folder); }, ErrorCode::io_read,
      "[securebase.io.601] " + folder.string() + ": is a directory, but must be a file");
}

TEST_CASE("read_stat_file: a name without an SPSS or Stata ending is error 706", "[stat_file]") {
  securebase::test::check_error(
      [&] { (void)read_table(stat_dir + "/sample.csv"); }, ErrorCode::table_format,
      "[securebase.table.706] " + stat_dir +
          "/sample.csv: is not named like an SPSS or Stata file: rename it to end in .sav, "
          ".zsav, .por or .dta if it is one, or give a CSV or TSV file");
}

TEST_CASE("read_stat_file: a CSV or a Stata file named .sav is error 706", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const TempDir dir;
  const auto csv = dir.path / "export.sav";
  put(csv, "id,ECR_1\n1,4\n");
  securebase::test::check_error([&] { (void)read_table(csv); }, ErrorCode::table_format,
                                format_error(csv, "an SPSS data file (.sav)", not_like_one));
  const auto stata = dir.path / "stata.sav";
  put(stata, securebase::read_file(dta));
  securebase::test::check_error([&] { (void)read_table(stata); }, ErrorCode::table_format,
                                format_error(stata, "an SPSS data file (.sav)", not_like_one));
}

TEST_CASE("read_stat_file: a CSV or an SPSS file named .dta is error 706", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const TempDir dir;
  const auto csv = dir.path / "export.dta";
  // 'i' is 105, a version byte of old Stata files: the byte order after it tells them apart
  put(csv, "id,ECR_1\n1,4\n");
  securebase::test::check_error([&] { (void)read_table(csv); }, ErrorCode::table_format,
                                format_error(csv, "a Stata data file (.dta)", not_like_one));
  const auto spss = dir.path / "spss.dta";
  put(spss, securebase::read_file(sav));
  securebase::test::check_error([&] { (void)read_table(spss); }, ErrorCode::table_format,
                                format_error(spss, "a Stata data file (.dta)", not_like_one));
}

TEST_CASE("read_stat_file: an empty .sav is error 706", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const TempDir dir;
  const auto empty = dir.path / "empty.sav";
  put(empty, "");
  securebase::test::check_error([&] { (void)read_table(empty); }, ErrorCode::table_format,
                                format_error(empty, "an SPSS data file (.sav)", "it is empty"));
}

TEST_CASE("read_stat_file: a .sav cut in its dictionary is error 706", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const TempDir dir;
  const auto cut = dir.path / "cut.sav";
  put(cut, securebase::read_file(sav).substr(0, 500));
  securebase::test::check_error(
      [&] { (void)read_table(cut); }, ErrorCode::table_format,
      format_error(cut, "an SPSS data file (.sav)",
                   "the file ends early or its data do not match its header, so it is probably "
                   "truncated or damaged (ReadStat: Unable to read from file" +
                       readstat_tip));
}

TEST_CASE("read_stat_file: a .sav cut in its data fails after the complete rows", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const TempDir dir;
  const auto cut = dir.path / "cut.sav";
  const std::string whole = securebase::read_file(sav);
  // the last 40 bytes are most of the fourth case (5 slots of 8 bytes, the note taking 2)
  put(cut, whole.substr(0, whole.size() - 40));
  Table table;
  securebase::test::check_error(
      [&] {
        securebase::read_stat_file(
            cut, [](std::span<const std::string>) {},
            [&](std::span<const std::string> f) { table.rows.emplace_back(f.begin(), f.end()); });
      },
      ErrorCode::table_format,
      format_error(cut, "an SPSS data file (.sav)",
                   "the file ends early or its data do not match its header, so it is probably "
                   "truncated or damaged (ReadStat: File did not contain the expected number of "
                   "rows" +
                       readstat_tip));
  // source: the first two cases of the fixture (see the .sav test above)
  CHECK(table.rows == Rows{{"r1", "1", "7", "4", "fine"}, {"r2", "", "", "", ""}});
}

TEST_CASE("read_stat_file: a .por cut in its dictionary is error 706", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const TempDir dir;
  const auto cut = dir.path / "cut.por";
  put(cut, securebase::read_file(stat_dir + "/sample.por").substr(0, 300));
  securebase::test::check_error(
      [&] { (void)read_table(cut); }, ErrorCode::table_format,
      format_error(cut, "an SPSS portable file (.por)",
                   "the file ends early or its data do not match its header, so it is probably "
                   "truncated or damaged (ReadStat: Unable to read from file" +
                       readstat_tip));
}

TEST_CASE("read_stat_file: a .dta cut short is error 706", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const TempDir dir;
  const std::string whole = securebase::read_file(dta);
  const std::string truncated =
      "it ends early (a complete file ends with </stata_dta>), so it is probably truncated. Copy "
      "or save the file again";
  // cut in the value labels after the data, and cut in the header
  for (const std::size_t keep : {whole.size() - 60, std::size_t{200}}) {
    const auto cut = dir.path / ("cut-" + std::to_string(keep) + ".dta");
    put(cut, whole.substr(0, keep));
    securebase::test::check_error([&] { (void)read_table(cut); }, ErrorCode::table_format,
                                  format_error(cut, "a Stata data file (.dta)", truncated));
    securebase::test::check_error([&] { (void)securebase::read_stat_value_labels(cut); },
                                  ErrorCode::table_format,
                                  format_error(cut, "a Stata data file (.dta)", truncated));
  }
}

TEST_CASE("read_stat_file: a damaged .sav body is error 706", "[stat_file]") {
  if (!securebase::stat_file_support()) return;
  const TempDir dir;
  const auto damaged = dir.path / "damaged.sav";
  // the right signature followed by random-looking bytes instead of a dictionary
  std::string bytes = "$FL2";
  for (int i = 0; i < 400; ++i) bytes.push_back(static_cast<char>((i * 37 + 11) % 251));
  put(damaged, bytes);
  // source: ReadStat 1.1.8 rejects the bytes where the header's creation time should be; its
  // message quotes them, non-ASCII bytes shown as '?'
  securebase::test::check_error(
      [&] { (void)read_table(damaged); }, ErrorCode::table_format,
      format_error(damaged, "an SPSS data file (.sav)",
                   "its contents are damaged or not in this format (ReadStat: The file's "
                   "timestamp string is invalid: Invalid time string (length=8): V{????9^" +
                       readstat_tip));
}
