// Tests of batch on the files researchers really have (issue 24), on CSV/TSV: output column
// names that would collide, classic-Mac line ends, empty trailing rows, no-break spaces,
// decimal commas, the range check, the nearest names in 702, binary files given as CSV,
// Qualtrics variants, encodings, and the one-digit fast path against classify. SPSS, Stata
// and the command line: tests/batch_sources_test.cpp.
//
// The fixture instrument tests/data/batch/batch.json has answers 1-5 and two scales:
//   anx = mean of a1, a2 (reversed: 6 - x), a3; needs 2 answered
//   avo = sum of b1, b2 (reversed), b3, b4, prorated (sum * 4 / answered); needs 2 answered
// The tables here name the items Q1..Q7 in canonical order (a1 a2 a3 b1 b2 b3 b4). Expected
// numbers are hand computations from that key, shown next to each check.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "securebase/batch/batch.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/io/table.hpp"
#include "support/batch_text.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

namespace {

using securebase::BatchFormat;
using securebase::BatchOptions;
using securebase::BatchSummary;
using securebase::ErrorCode;
using securebase::test::check_error;
using securebase::test::lines_of;
using securebase::test::q_options;
using securebase::test::Ran;
using securebase::test::run_text;

const securebase::Instrument& fixture() { return securebase::test::batch_fixture(); }
const std::string& header = securebase::test::batch_header;

}  // namespace

TEST_CASE("an output column never shares a name with a passed-through column", "[batch][24]") {
  BatchOptions o = q_options();
  SECTION("--keep of a score column's name is refused, naming both") {
    o.keep = {"anx"};
    check_error([&] { (void)securebase::batch_output_columns(fixture(), o); },
                ErrorCode::table_column_duplicate,
                "[securebase.table.703] --prefix: the output would have two columns named 'anx': "
                "the --keep column 'anx' and the column 'anx' securebase adds; give --prefix "
                "TEXT (e.g. --prefix sb_) to prefix every column securebase adds, or leave the "
                "input column out");
  }
  SECTION("--id status and --keep line collide with securebase's own columns") {
    o.id_column = "status";
    o.keep = {"line"};
    const auto e =
        securebase::test::thrown([&] { (void)securebase::batch_output_columns(fixture(), o); });
    REQUIRE(e);
    CHECK(e->problems().size() == 2);
  }
  SECTION("--id and --keep of one column") {
    o.keep = {"pid"};
    check_error([&] { (void)securebase::batch_output_columns(fixture(), o); },
                ErrorCode::table_column_duplicate,
                "[securebase.table.703] --keep: the output would have two columns named 'pid': "
                "the --id column and the --keep column 'pid'; pass each input column through "
                "once");
  }
  SECTION("--prefix resolves it and names every added column") {
    o.keep = {"anx", "status"};
    o.prefix = "sb_";
    const std::vector<std::string> cols = securebase::batch_output_columns(fixture(), o);
    CHECK(cols == std::vector<std::string>{"sb_line", "pid", "anx", "status", "sb_anx",
                                           "sb_anx_answered", "sb_anx_missing", "sb_avo",
                                           "sb_avo_answered", "sb_avo_missing", "sb_status"});
    const Ran r = run_text("pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7,anx,status\np1,1,2,3,4,5,1,2,9,old\n", o);
    // p1: anx = (1 + (6-2) + 3) / 3 = 2.666..., avo = 4 + (6-5) + 1 + 2 = 8
    CHECK(lines_of(r.text).at(0) ==
          "sb_line,pid,anx,status,sb_anx,sb_anx_answered,sb_anx_missing,sb_avo,sb_avo_answered,"
          "sb_avo_missing,sb_status");
    CHECK(lines_of(r.text).at(1).substr(0, 21) == "2,p1,9,old,2.66666666");
  }
  SECTION("JSONL nests the passed-through columns: only --keep twice collides") {
    o.format = BatchFormat::jsonl;
    o.keep = {"anx", "status"};
    CHECK_NOTHROW(securebase::batch_output_columns(fixture(), o));
    o.keep = {"age", "age"};
    CHECK_THROWS_AS(securebase::batch_output_columns(fixture(), o), securebase::Error);
  }
}

TEST_CASE("a file with classic-Mac line ends (CR alone) is read row by row", "[batch][24]") {
  // Three respondents; p2's quoted id holds a line break written as CR too.
  const std::string lf = header + "\np1,1,2,3,4,5,1,2\n\"p\n2\",5,5,5,5,5,5,5\np3,,2,4,,,3,\n";
  std::string cr = lf;
  for (char& c : cr) c = c == '\n' ? '\r' : c;
  const Ran from_lf = run_text(lf, q_options());
  const Ran from_cr = run_text(cr, q_options());
  CHECK(from_cr.summary.rows == 3);
  CHECK(from_cr.summary.ok == 2);
  CHECK(from_cr.summary.incomplete == 1);
  // The same rows, at the same line numbers (the quoted break counts as a line, as with LF).
  CHECK(from_cr.text == from_lf.text);
  // Also when the file ends without a final line end, and when it has only a header.
  CHECK(run_text(cr.substr(0, cr.size() - 1), q_options()).text == from_lf.text);
  CHECK(run_text(header + "\r", q_options()).summary.rows == 0);
}

TEST_CASE("a header that swallowed the rows after it is an error, not an empty success",
          "[batch][24]") {
  // The header's first name opens a quote closed only after what were meant as rows.
  const std::string text = "\"pid\r1,2\r3\",Q1,Q2,Q3,Q4,Q5,Q6,Q7\n";
  BatchOptions o = q_options();
  o.id_column.clear();
  check_error([&] { (void)run_text(text, o); }, ErrorCode::table_syntax,
              "[securebase.table.701] <stdin>:1: no data row was found, and column 1 of the "
              "header holds a line break, so the rows were probably read as part of the header; "
              "check the file's line ends and that every quote in the header is closed");
}

TEST_CASE("a spreadsheet's delimiter-only rows are kept as empty, out of the statistics",
          "[batch][24]") {
  BatchOptions o = q_options();
  o.stats = true;
  // p1 answered; p2 answered nothing (but has an id); two rows of commas; one short blank row.
  const std::string text = header + "\np1,1,2,3,4,5,1,2\np2,,,,,,,\n,,,,,,,\n , ,,,,,,\n,,\n";
  const Ran r = run_text(text, o);
  const std::vector<std::string> lines = lines_of(r.text);
  REQUIRE(lines.size() == 6);  // the header and one line per input row: rows in = rows out
  CHECK(lines[2] == "3,p2,,0,3,,0,4,incomplete:anx;avo");
  CHECK(lines[3] == "4,,,,,,,,empty");
  CHECK(lines[4] == "5,\" \",,,,,,,empty");  // the id " " is passed through (quoted)
  CHECK(lines[5] == "6,,,,,,,,empty");
  CHECK(r.summary.rows == 5);
  CHECK(r.summary.ok == 1);
  CHECK(r.summary.incomplete == 1);
  CHECK(r.summary.empty == 3);
  CHECK(r.summary.parse_errors == 0);
  // Only p1 is a respondent of the statistics: p2 answered nothing, the others are empty.
  REQUIRE(r.summary.stats);
  CHECK(r.summary.stats->all.rows == 1);
  CHECK_THAT(securebase::render_batch_summary_text(r.summary),
             Catch::Contains("; 3 empty rows (every field blank) kept"));
}

TEST_CASE("a no-break space around an answer is trimmed like a space", "[batch][24]") {
  // p1 = 1,2,3,4,5,1,2 with U+00A0 after Q1 and before Q7 (as spreadsheets export "1 ")
  const Ran r = run_text(header +
                             "\np1,1\xC2\xA0,2,3,4,5,1,\xC2\xA0"
                             "2\n",
                         q_options());
  CHECK(r.summary.ok == 1);
  // anx = (1 + (6-2) + 3) / 3 = 8/3; avo = 4 + (6-5) + 1 + 2 = 8
  CHECK_THAT(lines_of(r.text).at(1), Catch::StartsWith("2,p1,2.66666666"));
  CHECK_THAT(lines_of(r.text).at(1), Catch::EndsWith(",8,4,0,ok"));
}

TEST_CASE("decimal commas: detected in a ';' file, or chosen, and said", "[batch][24]") {
  // A German-locale export: p1 = 1,2,3,4,5,1,2 written "1,00" ...; p2 answers 2,50 once.
  const std::string text =
      "pid;Q1;Q2;Q3;Q4;Q5;Q6;Q7\n"
      "p1;1,00;2,00;3,00;4,00;5,00;1,00;2,00\n"
      "p2;5,00;5,00;2,50;5,00;5,00;5,00;5,00\n";
  SECTION("detected") {
    const Ran r = run_text(text, q_options());
    CHECK(r.summary.decimal_comma);
    CHECK(r.summary.decimal_detected);
    CHECK(r.summary.ok == 1);
    // anx = (1 + (6-2) + 3) / 3 = 8/3; avo = 4 + (6-5) + 1 + 2 = 8
    CHECK_THAT(lines_of(r.text).at(1), Catch::StartsWith("2,p1,2.66666666"));
    CHECK_THAT(lines_of(r.text).at(1), Catch::EndsWith(",8,4,0,ok"));
    // 2,50 is 2.5: not a whole answer, so the row is invalid, the cell quoted as written
    CHECK_THAT(lines_of(r.text).at(2), Catch::EndsWith("invalid:Q3=2,50\""));
    CHECK_THAT(securebase::render_batch_summary_text(r.summary),
               Catch::Contains("answers read with a decimal comma (detected"));
  }
  SECTION("--decimal point reads them as text: every row invalid") {
    BatchOptions o = q_options();
    o.decimal = securebase::DecimalMark::point;
    const Ran r = run_text(text, o);
    CHECK_FALSE(r.summary.decimal_comma);
    CHECK(r.summary.invalid == 2);
  }
  SECTION("a decimal point in the answers means no detection") {
    const Ran r = run_text(text + "p3;1.5;1;1;1;1;1;1\n", q_options());
    CHECK_FALSE(r.summary.decimal_comma);
    CHECK(r.summary.invalid == 3);
  }
  SECTION("chosen for a comma-free file; --recode separated by ';'") {
    BatchOptions o = q_options();
    o.decimal = securebase::DecimalMark::comma;
    o.recode = securebase::parse_recode(fixture(), "1,00=1; Strongly agree=5");
    REQUIRE(o.recode.size() == 2);
    CHECK(o.recode[0].text == "1,00");
    const Ran r = run_text(
        "pid\tQ1\tQ2\tQ3\tQ4\tQ5\tQ6\tQ7\n"
        "p1\t1,0\t2\t3\t4\tstrongly agree\t1\t2\n",
        o);
    CHECK(r.summary.decimal_comma);
    CHECK_FALSE(r.summary.decimal_detected);
    CHECK(r.summary.ok == 1);
  }
}

namespace {

// An ECR-R table (36 items, 1-7) of `rows` rows whose answers run 1-5 only: row r, item i
// answers 1 + (r + i) % 5.
std::string one_to_five(int rows, int extra_seven_at_row = -1) {
  std::string text;
  for (int i = 1; i <= 36; ++i) text += (i > 1 ? "," : "") + std::string("Q") + std::to_string(i);
  text += "\n";
  for (int r = 0; r < rows; ++r) {
    for (int i = 0; i < 36; ++i) {
      if (i > 0) text += ",";
      text += r == extra_seven_at_row && i == 0 ? "7" : std::to_string(1 + (r + i) % 5);
    }
    text += "\n";
  }
  return text;
}

BatchSummary run_ecr_r(const std::string& text) {
  static const securebase::Instrument ecr_r = securebase::load_embedded_instrument("ecr-r");
  BatchOptions o;
  o.columns.pattern = "Q{n}";
  std::istringstream in(text);
  securebase::TableReader reader(in, "<stdin>");
  return securebase::run_batch(ecr_r, o, reader, [](std::string_view) {});
}

}  // namespace

TEST_CASE("a 1-5 file scored with a 1-7 instrument is warned about, naming ecr-5", "[batch][24]") {
  // 28 rows x 36 items = 1008 answers >= range_check_min_answers (1000); none is 6 or 7.
  const BatchSummary s = run_ecr_r(one_to_five(28));
  CHECK(s.answers.answers == 1008);
  CHECK(s.answers.lowest == 1);
  CHECK(s.answers.highest == 5);
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0] ==
        "ecr-r: none of 1008 answers uses the top of the response scale 1-7 (they run from 1 "
        "to 5): if the questionnaire was given on a 1-5 scale, every score is wrong (a reversed "
        "item is scored as 8 - x); score it with an instrument of that scale; likely: ecr-5 (36 "
        "items, 1-5)");
  // 27 rows = 972 answers: too few to expect a 6 or 7, no warning.
  CHECK(run_ecr_r(one_to_five(27)).warnings.empty());
  // One 7 anywhere: the top is used.
  CHECK(run_ecr_r(one_to_five(28, 13)).warnings.empty());
}

TEST_CASE("the range check's rule, on its own and in the statistics checks", "[batch][24]") {
  using securebase::stats::AnswerRange;
  using securebase::stats::unused_range_end;
  CHECK_FALSE(unused_range_end(AnswerRange{999, 2, 5}, 1, 7));  // too few answers
  CHECK_FALSE(unused_range_end(AnswerRange{1000, 1, 7}, 1, 7));
  const auto both = unused_range_end(AnswerRange{1000, 2, 6}, 1, 7);
  REQUIRE(both);
  CHECK(both->id == "range_end_unused");
  CHECK_THAT(both->message, Catch::StartsWith("none of 1000 answers uses the top or the bottom"));
  const auto bottom = unused_range_end(AnswerRange{5000, 2, 7}, 1, 7);
  REQUIRE(bottom);
  CHECK_THAT(bottom->message, Catch::StartsWith("none of 5000 answers uses the bottom of"));
  // The statistics of a run count the same answers: 28 rows x 36 = 1008, from 1 to 5.
  static const securebase::Instrument ecr_r = securebase::load_embedded_instrument("ecr-r");
  BatchOptions o;
  o.columns.pattern = "Q{n}";
  o.stats = true;
  std::istringstream in(one_to_five(28));
  securebase::TableReader reader(in, "<stdin>");
  const BatchSummary s = securebase::run_batch(ecr_r, o, reader, [](std::string_view) {});
  REQUIRE(s.stats);
  const AnswerRange seen = securebase::stats::answer_range(*s.stats);
  CHECK(seen.answers == 1008);
  CHECK(seen.lowest == 1);
  CHECK(seen.highest == 5);
  const auto checks = securebase::stats::run_checks(*s.stats, ecr_r, {});
  REQUIRE_FALSE(checks.empty());
  CHECK(checks.front().id == "range_end_unused");
}

TEST_CASE("a missing column is listed with the closest names in the header", "[batch][24]") {
  BatchOptions o;
  o.columns.pattern = "ECR{n}";  // the header has ECR_1 ...: one character apart
  o.keep = {"gender"};           // the header has "Gender " (case and a space: the case hint)
  const std::string text = "ECR_1,ECR_2,ECR_3,ECR_4,ECR_5,ECR_6,ECR_7,ECR_17,Gender \n";
  check_error([&] { (void)run_text(text, o); }, ErrorCode::table_column_missing,
              "[securebase.table.702] <stdin>:1: 8 columns are not in the header: ECR1 (item a1; "
              "closest in the header: 'ECR_1'), ECR2 (item a2; closest in the header: "
              "'ECR_2'), ECR3 (item a3; closest in the header: 'ECR_3'), ECR4 (item b1; closest "
              "in the header: 'ECR_4'), ECR5 (item b2; closest in the header: 'ECR_5'), ECR6 "
              "(item b3; closest in the header: 'ECR_6'), ECR7 (item b4; closest in the header: "
              "'ECR_7'), gender (--keep; the header has 'Gender'); map items to columns with "
              "--columns 'PREFIX{n}' or --map ITEM=COLUMN ('securebase columns -' lists every "
              "column, with labels for SPSS and Stata)");
}

TEST_CASE("an SPSS, Stata or Excel file read as CSV says what it is", "[batch][24]") {
  const auto first_record = [](const std::string& bytes) {
    std::istringstream in(bytes);
    securebase::TableReader reader(in, "<stdin>");
    std::vector<std::string> fields;
    (void)reader.next_record(fields);
  };
  check_error([&] { first_record("$FL2@(#) IBM SPSS STATISTICS"); }, ErrorCode::table_format,
              "[securebase.table.706] <stdin>: is an SPSS data file, not a CSV or TSV table; "
              "give it as a file whose name ends in .sav (standard input is read as CSV or TSV "
              "only)");
  check_error([&] { first_record("<stata_dta><header><release>118"); }, ErrorCode::table_format,
              "[securebase.table.706] <stdin>: is a Stata data file, not a CSV or TSV table; "
              "give it as a file whose name ends in .dta (standard input is read as CSV or TSV "
              "only)");
  // A Stata 8-12 file (format 113): release byte 113, byte order 2, file type 1, then 0.
  check_error([&] { first_record(std::string("\x71\x02\x01\x00\x05\x00", 6)); },
              ErrorCode::table_format,
              "[securebase.table.706] <stdin>: is a Stata data file, not a CSV or TSV table; "
              "give it as a file whose name ends in .dta (standard input is read as CSV or TSV "
              "only)");
  check_error([&] { first_record(std::string("PK\x03\x04\x14\x00", 6)); }, ErrorCode::table_format,
              "[securebase.table.706] <stdin>: is an Excel workbook (or another zip or Office "
              "file), not a CSV or TSV table; save the sheet as CSV (UTF-8) and give that file");
}

TEST_CASE("legacy and 2016-17 Qualtrics exports: their extra rows are skipped", "[batch][24]") {
  BatchOptions o;
  o.columns.pattern = "Q{n}";
  SECTION("legacy: V1, V2, ... with a label row") {
    const Ran r = run_text(
        "V1,V2,Q1,Q2,Q3,Q4,Q5,Q6,Q7\n"
        "ResponseID,ResponseSet,First,Second,Third,Fourth,Fifth,Sixth,Seventh\n"
        "R_1,Default Response Set,1,2,3,4,5,1,2\n",
        o);
    CHECK(r.summary.qualtrics);
    CHECK(r.summary.rows_skipped == 1);
    CHECK(r.summary.rows == 1);
    CHECK(r.summary.ok == 1);
    CHECK_THAT(lines_of(r.text).at(1), Catch::StartsWith("3,"));  // the respondent's line
  }
  SECTION("Insights: a question-text row and {'ImportId': 'QID3-1'}") {
    const Ran r = run_text(
        "Q1,Q2,Q3,Q4,Q5,Q6,Q7\n"
        "a,b,c,d,e,f,g\n"
        "{'ImportId': 'QID3-1'},{'ImportId': 'QID3-2'},{'ImportId': 'QID3-3'},"
        "{'ImportId': 'QID3-4'},{'ImportId': 'QID3-5'},{'ImportId': 'QID3-6'},"
        "{'ImportId': 'QID3-7'}\n"
        "1,2,3,4,5,1,2\n",
        o);
    CHECK(r.summary.qualtrics);
    CHECK(r.summary.rows_skipped == 2);
    CHECK(r.summary.rows == 1);
    CHECK(r.summary.ok == 1);
  }
  SECTION("--no-qualtrics: the label row is a row like any other") {
    o.detect_qualtrics = false;
    const Ran r = run_text("V1,V2,Q1,Q2,Q3,Q4,Q5,Q6,Q7\nResponseID,x,a,b,c,d,e,f,g\n", o);
    CHECK(r.summary.rows == 1);
    CHECK(r.summary.invalid == 1);
  }
}

TEST_CASE("encodings: --encoding, UTF-16 by its byte order mark, and not-UTF-8 refused",
          "[batch][24]") {
  BatchOptions o = q_options();
  o.keep = {"note"};
  const std::string rows = "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7,note\np1,1,2,3,4,5,1,2,Stimme ";
  const auto run_bytes = [&](const std::string& bytes, const std::string& encoding) {
    std::istringstream in(bytes);
    securebase::TableReader reader(in, "<stdin>");
    reader.set_encoding(encoding);
    Ran r;
    r.summary =
        securebase::run_batch(fixture(), o, reader, [&](std::string_view b) { r.text += b; });
    return r;
  };
  // "ü" is 0xFC in Windows-1252 and Latin-1, 0xC3 0xBC in UTF-8.
  const std::string latin = rows + "\xFC" + "berhaupt\n";
  const std::string utf8_row =
      "2,p1,Stimme \xC3\xBC"
      "berhaupt,2.6666666666666665,3,0,8,4,0,ok";
  SECTION("--encoding windows-1252 and latin1") {
    for (const char* name : {"windows-1252", "latin1"}) {
      const Ran r = run_bytes(latin, name);
      CHECK(lines_of(r.text).at(1) == utf8_row);
      CHECK(r.summary.encoding == name);
    }
  }
  SECTION("without it, the byte is refused with the line and the option to give") {
    check_error(
        [&] { (void)run_bytes(latin, ""); }, ErrorCode::table_format,
        "[securebase.table.706] <stdin>:2: is not UTF-8: byte 0xFC in 'p1,1,2,3,4,5,1,2,Stimme "
        "\\xFCberhaupt\\x0A' is not part of a UTF-8 character; give the file's "
        "encoding, e.g. --encoding windows-1252 (Excel and Windows in Western Europe) or "
        "--encoding latin1");
  }
  SECTION("UTF-16 with a byte order mark, little- and big-endian, without the option") {
    const std::string text = rows + "\xC3\xBC" + "berhaupt\n";
    std::string le = "\xFF\xFE";
    std::string be = "\xFE\xFF";
    for (const char c : text) {  // the text is ASCII but for U+00FC, written as one unit
      const char unit = c == '\xC3' ? '\0' : c == '\xBC' ? '\xFC' : c;
      if (c == '\xC3') continue;
      le += unit;
      le += '\0';
      be += '\0';
      be += unit;
    }
    CHECK(lines_of(run_bytes(le, "").text).at(1) == utf8_row);
    CHECK(lines_of(run_bytes(be, "").text).at(1) == utf8_row);
    CHECK(run_bytes(le, "").summary.encoding == "UTF-16");
  }
  SECTION("an unknown encoding") {
    check_error([&] { (void)run_bytes(latin, "klingon"); }, ErrorCode::table_format,
                "[securebase.table.706] <stdin>: cannot be read as 'klingon': that is not an "
                "encoding this system knows; 'iconv -l' lists them (e.g. windows-1252, latin1, "
                "utf-16le, utf-16be)");
  }
}

TEST_CASE("the one-digit fast path gives classify's bytes, with missing codes too", "[batch][24]") {
  // Every digit 0-9, empty cells, codes and longer text in every item column, in rows made by
  // a fixed rule; scored once on the fast path and once with a --recode entry that matches
  // nothing, which turns the fast path off (every cell goes through classify). Same bytes.
  std::string text = header + "\n";
  const char* cells[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "", "-99", " 3", "NA"};
  for (int r = 0; r < 400; ++r) {
    text += "p" + std::to_string(r);
    for (int i = 0; i < 7; ++i) text += std::string(",") + cells[(r * 7 + i * 3 + r / 14) % 14];
    text += "\n";
  }
  for (const char* codes : {"", "0", "0,9", "-99,9", "3"}) {
    for (const auto invalid :
         {securebase::InvalidPolicy::error, securebase::InvalidPolicy::missing}) {
      BatchOptions fast = q_options();
      fast.missing_codes.clear();
      for (std::string_view c = codes; !c.empty();) {
        const std::size_t comma = c.find(',');
        fast.missing_codes.emplace_back(c.substr(0, comma));
        c = comma == std::string_view::npos ? std::string_view() : c.substr(comma + 1);
      }
      fast.invalid = invalid;
      fast.stats = true;
      BatchOptions general = fast;
      general.recode = securebase::parse_recode(fixture(), "no such answer=1");
      const Ran a = run_text(text, fast);
      const Ran b = run_text(text, general);
      CHECK(a.text == b.text);
      CHECK(a.summary.answers.answers == b.summary.answers.answers);
      REQUIRE(a.summary.stats);
      CHECK(a.summary.stats->all.rows == b.summary.stats->all.rows);
    }
  }
}
