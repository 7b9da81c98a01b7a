// Tests of batch scoring (securebase/batch.hpp): mapping, every row status, every input quirk.
//
// The fixture instrument tests/data/batch/batch.json has answers 1-5 and two scales:
//   anx = mean of a1, a2 (reversed: 6 - x), a3; needs 2 answered
//   avo = sum of b1, b2 (reversed), b3, b4, prorated (sum * 4 / answered); needs 2 answered
// with the fixture tables naming the items Q1..Q7 in canonical order (a1 a2 a3 b1 b2 b3 b4).
// Expected numbers are hand computations from that key, shown next to each check.
#include "securebase/batch/batch.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "io/table_fields.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/io/table.hpp"
#include "securebase/version.hpp"
#include "support/errors.hpp"
#include "support/near.hpp"

#ifdef SECUREBASE_HAVE_CLI
#include "app.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/paths.hpp"
#endif

namespace {

using securebase::BatchFormat;
using securebase::BatchOptions;
using securebase::BatchSummary;
using securebase::ErrorCode;
using securebase::InvalidPolicy;
using securebase::test::check_error;
using securebase::test::near;

const std::string data_dir = std::string(SECUREBASE_TEST_DATA) + "/batch";

const securebase::Instrument& fixture() {
  static const securebase::Instrument ins =
      securebase::load_instrument_file(data_dir + "/batch.json");
  return ins;
}

BatchOptions q_options() {
  BatchOptions o;
  o.columns.pattern = "Q{n}";
  o.id_column = "pid";
  return o;
}

// An output table read back, with cells by row and column name.
struct Out {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  BatchSummary summary;
  std::string text;

  [[nodiscard]] const std::string& at(std::size_t row, const std::string& column) const {
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c] == column) return rows.at(row).at(c);
    }
    FAIL("no column " << column);
    static const std::string none;
    return none;
  }
  [[nodiscard]] double num(std::size_t row, const std::string& column) const {
    return std::stod(at(row, column));
  }
};

Out read_back(const std::string& text, const BatchSummary& summary, char delimiter = ',') {
  Out out;
  out.summary = summary;
  out.text = text;
  std::istringstream in(text);
  securebase::TableReader reader(in, "<output>", delimiter);
  REQUIRE(reader.next_record(out.header));
  std::vector<std::string> row;
  while (reader.next_record(row)) out.rows.push_back(row);
  return out;
}

Out run_file(const std::string& name, const BatchOptions& options,
             const securebase::Instrument& ins = fixture()) {
  securebase::TableReader reader(data_dir + "/" + name);
  std::string text;
  const BatchSummary s =
      securebase::run_batch(ins, options, reader, [&](std::string_view b) { text += b; });
  return read_back(text, s, options.format == BatchFormat::tsv ? '\t' : ',');
}

Out run_text(const std::string& input, const BatchOptions& options) {
  std::istringstream in(input);
  securebase::TableReader reader(in, "<stdin>");
  std::string text;
  const BatchSummary s =
      securebase::run_batch(fixture(), options, reader, [&](std::string_view b) { text += b; });
  return read_back(text, s);
}

// The three rows of basic.csv and the files that repeat them, checked cell by cell.
void check_basic_rows(const Out& out, std::size_t rows = 3) {
  REQUIRE(out.rows.size() == rows);
  // p1 = 1,2,3,4,5,1,2: anx = (1 + (6-2) + 3) / 3 = 8/3; avo = 4 + (6-5) + 1 + 2 = 8
  CHECK_THAT(out.num(0, "anx"), near(8.0 / 3.0));
  CHECK(out.at(0, "anx_answered") == "3");
  CHECK(out.at(0, "anx_missing") == "0");
  CHECK_THAT(out.num(0, "avo"), near(8));
  CHECK(out.at(0, "status") == "ok");
  // p2 = all 5: anx = (5 + 1 + 5) / 3 = 11/3; avo = 5 + 1 + 5 + 5 = 16
  CHECK_THAT(out.num(1, "anx"), near(11.0 / 3.0));
  CHECK_THAT(out.num(1, "avo"), near(16));
  CHECK(out.at(1, "status") == "ok");
  if (rows < 3) return;
  // p3 = _,2,4,_,_,3,_: anx = ((6-2) + 4) / 2 = 4 from 2 answered; avo has 1 of the 2 needed
  CHECK_THAT(out.num(2, "anx"), near(4));
  CHECK(out.at(2, "anx_answered") == "2");
  CHECK(out.at(2, "anx_missing") == "1");
  CHECK(out.at(2, "avo") == "");
  CHECK(out.at(2, "avo_answered") == "1");
  CHECK(out.at(2, "avo_missing") == "3");
  CHECK(out.at(2, "status") == "incomplete:avo");
}

}  // namespace

TEST_CASE("item_columns expands patterns in the chosen order", "[batch]") {
  const auto& ins = fixture();
  securebase::ColumnSpec spec;
  spec.pattern = "Q{n}";
  CHECK(securebase::item_columns(ins, spec) ==
        std::vector<std::string>{"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"});
  spec.pattern = "ecr_{n:02}_x";
  CHECK(securebase::item_columns(ins, spec).front() == "ecr_01_x");
  // Order "back" shows b4 first, so {n} = 1 names b4's column and a1 (item index 0) is 7th.
  spec.pattern = "Q{n}";
  spec.order = "back";
  CHECK(securebase::item_columns(ins, spec) ==
        std::vector<std::string>{"Q7", "Q6", "Q5", "Q4", "Q3", "Q2", "Q1"});
  // Without a pattern or map, the item ids.
  CHECK(securebase::item_columns(ins, {}) ==
        std::vector<std::string>{"a1", "a2", "a3", "b1", "b2", "b3", "b4"});
}

TEST_CASE("item_columns reads maps by item id or number, over a pattern", "[batch]") {
  const auto& ins = fixture();
  securebase::ColumnSpec spec;
  spec.map = "a1=first, 2 = second,a3=c,b1=d,b2=e,b3=f,7=g";
  spec.map_source = "--map";
  CHECK(securebase::item_columns(ins, spec) ==
        std::vector<std::string>{"first", "second", "c", "d", "e", "f", "g"});
  spec.pattern = "Q{n}";
  spec.map = "b4=last";
  CHECK(securebase::item_columns(ins, spec).back() == "last");
  CHECK(securebase::item_columns(ins, spec).front() == "Q1");
}

TEST_CASE("mapping mistakes are errors 704 and 703 listing every problem", "[batch]") {
  const auto& ins = fixture();
  securebase::ColumnSpec spec;
  SECTION("a pattern without {n}") {
    spec.pattern = "Q";
    check_error([&] { securebase::item_columns(ins, spec); }, ErrorCode::table_mapping,
                "[securebase.table.704] --columns: pattern 'Q' has no {n}, so every item would "
                "get the same column; write e.g. 'ECR_{n}' or 'Q{n:02}'");
  }
  SECTION("a pattern with another placeholder") {
    spec.pattern = "Q{item}";
    check_error([&] { securebase::item_columns(ins, spec); }, ErrorCode::table_mapping,
                "[securebase.table.704] --columns: pattern 'Q{item}' has {item} at character "
                "2; write {n} for the item's position, or {n:02} to pad it to 2 digits");
  }
  SECTION("an unmatched brace") {
    spec.pattern = "Q{n";
    check_error([&] { securebase::item_columns(ins, spec); }, ErrorCode::table_mapping,
                "[securebase.table.704] --columns: pattern 'Q{n' has an unmatched brace at "
                "character 2; write {n} for the item's position, or {n:02} to pad it to 2 "
                "digits");
  }
  SECTION("an unknown order") {
    spec.order = "nope";
    check_error([&] { securebase::item_columns(ins, spec); }, ErrorCode::table_mapping,
                "[securebase.table.704] --order: order 'nope' is not an order of batchtest; its "
                "orders are: std, back");
  }
  SECTION("map entries: no '=', unknown item, twice, empty column, and items left out") {
    spec.map = "a1=Q1,junk,zz=Q9,a1=Q2,a2=,8=Q8";
    spec.map_source = "--map";
    check_error([&] { securebase::item_columns(ins, spec); }, ErrorCode::table_mapping,
                "[securebase.table.704] --map: entry 'junk' has no '='; write ITEM=COLUMN, e.g. "
                "i01=Q3_1 or 1=Q3_1 (and 5 more problems)\n"
                "  [securebase.table.704] --map: item 'zz' is not an item of batchtest; name "
                "items by id (e.g. a1) or by number (1-7)\n"
                "  [securebase.table.704] --map: item a1 is mapped twice\n"
                "  [securebase.table.704] --map: item 'a2' is mapped to an empty column name\n"
                "  [securebase.table.704] --map: item '8' is not an item of batchtest; name items "
                "by id (e.g. a1) or by number (1-7)\n"
                "  [securebase.table.704] --map: 6 of 7 items are not mapped to a column: a2, a3, "
                "b1, b2, b3, b4; map every item, or give --columns for the ones the map leaves "
                "out");
  }
  SECTION("a map file locates problems by line and column") {
    spec.map = "# header comment\na1=Q1\n  b9 = Q2  # comment\n";
    spec.map_source = "items.map";
    spec.pattern = "Q{n}";
    check_error([&] { securebase::item_columns(ins, spec); }, ErrorCode::table_mapping,
                "[securebase.table.704] items.map:3:1: item 'b9' is not an item of batchtest; "
                "name items by id (e.g. a1) or by number (1-7)");
  }
  SECTION("two items in one column") {
    spec.pattern = "Q{n}";
    spec.map = "a1=Q2,b1=Q2";
    spec.map_source = "--map";
    check_error([&] { securebase::item_columns(ins, spec); }, ErrorCode::table_column_duplicate,
                "[securebase.table.703] --map: two items are mapped to one column: a1 and a2 -> "
                "Q2, a1 and b1 -> Q2, a2 and b1 -> Q2; give each item its own column");
  }
}

TEST_CASE("parse_recode reads text=value pairs and rejects values off the scale", "[batch]") {
  const auto recode = securebase::parse_recode(fixture(), "Yes=5, No = 1,Refused=NA");
  REQUIRE(recode.size() == 3);
  CHECK(recode[0].text == "Yes");
  CHECK(recode[0].value == 5);
  CHECK(recode[1].text == "No");
  CHECK(std::isnan(recode[2].value));
  check_error([] { securebase::parse_recode(fixture(), "Yes=6,Maybe,=2,No=1.5"); },
              ErrorCode::table_mapping,
              "[securebase.table.704] --recode: entry 'Yes=6' gives '6', but the value must be "
              "NA or a whole number from 1 to 5 (and 3 more problems)\n"
              "  [securebase.table.704] --recode: entry 'Maybe' has no '='; write TEXT=VALUE, e.g. "
              "'Strongly agree=7'\n"
              "  [securebase.table.704] --recode: entry '=2' has no text before '='\n"
              "  [securebase.table.704] --recode: entry 'No=1.5' gives '1.5', but the value must "
              "be NA or a whole number from 1 to 5");
}

TEST_CASE("every input quirk gives the same scores", "[batch]") {
  SECTION("plain comma file") {
    const Out out = run_file("basic.csv", q_options());
    check_basic_rows(out);
    CHECK(out.at(0, "pid") == "p1");
    CHECK(out.at(2, "line") == "4");
  }
  SECTION("columns in another order: mapped by name") {
    const Out a = run_file("basic.csv", q_options());
    const Out b = run_file("shuffled.csv", q_options());
    check_basic_rows(b);
    CHECK(a.text == b.text);
  }
  SECTION("byte order mark and CRLF") {
    check_basic_rows(run_file("bom-crlf.csv", q_options()), 2);
  }
  SECTION("semicolons") {
    const Out out = run_file("semicolon.csv", q_options());
    check_basic_rows(out, 2);
    CHECK(out.summary.delimiter == ';');
  }
  SECTION("tabs, written as TSV") {
    BatchOptions o = q_options();
    o.format = BatchFormat::tsv;
    const Out out = run_file("tab.tsv", o);
    check_basic_rows(out, 2);
    CHECK(out.summary.delimiter == '\t');
    CHECK(out.text.substr(0, 9) == "line\tpid\t");
  }
  SECTION("quoted fields with delimiters, quotes and line breaks") {
    BatchOptions o = q_options();
    o.keep = {"note"};
    const Out out = run_file("quoted.csv", o);
    REQUIRE(out.rows.size() == 2);
    CHECK(out.at(0, "pid") == "p,1");
    CHECK_THAT(out.num(0, "anx"), near(8.0 / 3.0));  // the quoted "1" and "2" are answers
    CHECK_THAT(out.num(1, "avo"), near(16));
    CHECK(out.at(0, "note") == "said \"hi\"");
    CHECK(out.at(1, "note") == "two\nlines");
    CHECK(out.at(1, "line") == "3");
  }
  SECTION("no line end after the last row") {
    check_basic_rows(run_file("no-final-newline.csv", q_options()), 2);
  }
  SECTION("a map file instead of a pattern") {
    BatchOptions o;
    o.id_column = "pid";
    std::ifstream in(data_dir + "/items.map");
    o.columns.map.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    o.columns.map_source = "items.map";
    check_basic_rows(run_file("basic.csv", o));
  }
}

TEST_CASE("answers exported as labels are read through the response labels", "[batch]") {
  const Out out = run_file("labels.csv", q_options());
  REQUIRE(out.rows.size() == 3);
  // p1 and p2 spell the answers of basic.csv's p1 and p2 as labels (any case, trimmed).
  CHECK_THAT(out.num(0, "anx"), near(8.0 / 3.0));
  CHECK_THAT(out.num(0, "avo"), near(8));
  CHECK_THAT(out.num(1, "anx"), near(11.0 / 3.0));
  CHECK(out.at(2, "status") == "invalid:Q1=Sometimes");
}

TEST_CASE("recode maps platform texts to values", "[batch]") {
  BatchOptions o = q_options();
  o.recode = securebase::parse_recode(fixture(), "Sometimes=3,Strongly disagree=NA");
  const Out out = run_file("labels.csv", o);
  // p1: Strongly disagree (Q1, Q6) now missing: anx = ((6-2) + 3) / 2 = 3.5;
  // avo = (4 + (6-5) + 2) * 4 / 3 = 28/3
  CHECK_THAT(out.num(0, "anx"), near(3.5));
  CHECK_THAT(out.num(0, "avo"), near(28.0 / 3.0));
  // p3: Sometimes = 3: anx = (3 + 4 + 3) / 3 = 10/3
  CHECK_THAT(out.num(2, "anx"), near(10.0 / 3.0));
  CHECK(out.at(2, "status") == "ok");
}

TEST_CASE("recode texts of one length and last letter are told apart, in any case, trimmed",
          "[batch]") {
  // classify tests a cell's length and last letter before the whole text, and the exact bytes
  // before the case-insensitive compare. Expected: the same row written as the numbers.
  BatchOptions o = q_options();
  o.recode = securebase::parse_recode(fixture(), "Often a lot=5,Often a bit=4,Agree a bit=3");
  const Out labels = run_text(
      "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\n"
      "p1,Often a lot,often a bit, OFTEN A LOT ,Often a bit\xC2\xA0,Agree a bit,AGREE A BIT,"
      "Often A Lot\n",
      o);
  const Out numbers = run_text("pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\np1,5,4,5,4,3,3,5\n", q_options());
  REQUIRE(labels.rows.size() == 1);
  CHECK(labels.at(0, "status") == "ok");
  for (const char* column : {"anx", "avo", "anx_answered", "avo_answered"}) {
    CHECK(labels.at(0, column) == numbers.at(0, column));
  }
}

TEST_CASE("missing codes, NA and empty cells are missing", "[batch]") {
  BatchOptions o = q_options();
  o.missing_codes = {"-99", "9"};
  const Out out = run_file("missing-codes.csv", o);
  // p1 = -99,2,3,4,5,1,9: anx = ((6-2) + 3) / 2 = 3.5; avo = (4 + 1 + 1) * 4 / 3 = 8
  CHECK_THAT(out.num(0, "anx"), near(3.5));
  CHECK_THAT(out.num(0, "avo"), near(8));
  CHECK(out.at(0, "status") == "ok");
  // p2 = NA,_,3,...: anx has 1 of the 2 answers needed
  CHECK(out.at(1, "status") == "incomplete:anx");
  CHECK(out.at(1, "anx_answered") == "1");
  // Without the codes, -99 and 9 are off the 1-5 scale.
  const Out plain = run_file("missing-codes.csv", q_options());
  CHECK(plain.at(0, "status") == "invalid:Q1=-99;Q7=9");
}

TEST_CASE("bad rows get a status each and rows in equal rows out", "[batch]") {
  BatchOptions o = q_options();
  o.keep = {"age"};
  const Out out = run_file("bad-rows.csv", o);
  REQUIRE(out.rows.size() == 7);  // 8 data lines, one of them blank
  CHECK(out.at(0, "status") == "ok");
  CHECK(out.at(1, "status") == "parse_error:found 4 fields; expected 9");
  CHECK(out.at(1, "pid") == "p2");
  CHECK(out.at(1, "age") == "");
  CHECK(out.at(2, "status") == "parse_error:found 10 fields; expected 9");
  CHECK(out.at(3, "status") == "invalid:Q2=9;Q5=x");
  CHECK(out.at(3, "anx") == "");
  CHECK(out.at(3, "anx_answered") == "");
  CHECK(out.at(4, "status") == "incomplete:anx;avo");
  CHECK(out.at(4, "line") == "7");  // line 6 is blank
  CHECK(out.at(5, "status") == "parse_error:text after the closing quote of field 2");
  // p7 = 2,4,3.0,1,5,2,3: anx = (2 + 2 + 3) / 3 = 7/3; avo = 1 + 1 + 2 + 3 = 7
  CHECK_THAT(out.num(6, "anx"), near(7.0 / 3.0));
  CHECK_THAT(out.num(6, "avo"), near(7));
  CHECK(out.summary.rows == 7);
  CHECK(out.summary.ok == 2);
  CHECK(out.summary.incomplete == 1);
  CHECK(out.summary.invalid == 1);
  CHECK(out.summary.parse_errors == 3);
}

TEST_CASE("invalid missing scores around invalid answers and lists them", "[batch]") {
  BatchOptions o = q_options();
  o.invalid = InvalidPolicy::missing;
  const Out out = run_file("bad-rows.csv", o);
  // p4 = 1,9,3,4,x,1,2 with 9 and x missing: anx = (1 + 3) / 2 = 2; avo = (4 + 1 + 2) * 4 / 3
  CHECK(out.at(3, "status") == "ok");
  CHECK(out.at(3, "invalid_values") == "Q2=9;Q5=x");
  CHECK_THAT(out.num(3, "anx"), near(2));
  CHECK_THAT(out.num(3, "avo"), near(28.0 / 3.0));
  CHECK(out.at(0, "invalid_values") == "");
  CHECK(out.summary.treated_missing == 2);
  CHECK(out.summary.invalid == 0);
}

TEST_CASE("a Qualtrics export's two extra header rows are skipped", "[batch]") {
  BatchOptions o = q_options();
  o.id_column = "ResponseId";
  o.keep = {"Q8"};
  const Out out = run_file("qualtrics.csv", o);
  check_basic_rows(out);
  CHECK(out.summary.qualtrics);
  CHECK(out.summary.rows_skipped == 2);
  CHECK(out.at(0, "ResponseId") == "R_a1");
  CHECK(out.at(0, "line") == "4");
  CHECK(out.at(2, "Q8") == "25");
  SECTION("detection can be turned off: the two rows are then invalid data") {
    o.detect_qualtrics = false;
    const Out raw = run_file("qualtrics.csv", o);
    REQUIRE(raw.rows.size() == 5);
    CHECK(raw.at(0, "status").substr(0, 8) == "invalid:");
  }
}

TEST_CASE("skip-rows skips rows after the header", "[batch]") {
  BatchOptions o = q_options();
  o.skip_rows = 2;
  const Out out = run_file("skip-rows.csv", o);
  REQUIRE(out.rows.size() == 1);
  CHECK(out.at(0, "line") == "4");
  CHECK(out.at(0, "status") == "ok");
}

TEST_CASE("missing and duplicated columns are listed before any row is read", "[batch]") {
  BatchOptions o = q_options();
  o.columns.pattern = "q{n}";
  o.id_column = "person";
  o.keep = {"age", "sex"};
  std::string written;
  securebase::TableReader reader(data_dir + "/basic.csv");
  check_error(
      [&] {
        securebase::run_batch(fixture(), o, reader, [&](std::string_view b) { written += b; });
      },
      ErrorCode::table_column_missing,
      "[securebase.table.702] " + data_dir +
          "/basic.csv:1: 9 columns are not in the header: q1 (item a1; the header has 'Q1'), q2 "
          "(item a2; the header has 'Q2'), q3 (item a3; the header has 'Q3'), q4 (item b1; the "
          "header has 'Q4'), q5 (item b2; the header has 'Q5'), q6 (item b3; the header has "
          "'Q6'), q7 (item b4; the header has 'Q7'), person (--id), sex (--keep); map items to "
          "columns with --columns 'PREFIX{n}' or --map ITEM=COLUMN ('securebase columns " +
          data_dir + "/basic.csv' lists every column, with labels for SPSS and Stata)");
  CHECK(written.empty());

  securebase::TableReader dup(data_dir + "/duplicate-header.csv");
  check_error(
      [&] { securebase::run_batch(fixture(), q_options(), dup, [](std::string_view) {}); },
      ErrorCode::table_column_duplicate,
      "[securebase.table.703] " + data_dir +
          "/duplicate-header.csv:1: 1 mapped column appears more than once in the header: Q2 "
          "(item a2, columns 3, 9); rename the copies so that each name is unique");
}

TEST_CASE("a quote never closed stops a threaded run with error 701", "[batch]") {
  BatchOptions o = q_options();
  o.threads = 2;
  securebase::TableReader reader(data_dir + "/unclosed-quote.csv");
  std::string written;
  const auto e = securebase::test::thrown([&] {
    securebase::run_batch(fixture(), o, reader, [&](std::string_view b) { written += b; });
  });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::table_syntax);
  CHECK(e->where() == data_dir + "/unclosed-quote.csv:3:4");
}

TEST_CASE("a header without rows gives the output header alone", "[batch]") {
  const Out out = run_text("pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\n", q_options());
  CHECK(out.rows.empty());
  CHECK(out.text == "line,pid,anx,anx_answered,anx_missing,avo,avo_answered,avo_missing,status\n");
  CHECK(out.summary.rows == 0);
}

TEST_CASE("an empty input is error 701", "[batch]") {
  std::istringstream in("");
  securebase::TableReader reader(in, "<stdin>");
  check_error(
      [&] { securebase::run_batch(fixture(), q_options(), reader, [](std::string_view) {}); },
      ErrorCode::table_syntax,
      "[securebase.table.701] <stdin>: is empty, but must start with a header line naming the "
      "columns");
}

TEST_CASE("score sum prorates sums over the answered items", "[batch]") {
  BatchOptions o = q_options();
  o.method = securebase::ScaleMethod::sum;
  const Out out = run_file("basic.csv", o);
  // p1: anx sum = 1 + 4 + 3 = 8 (all 3 answered, no prorating)
  CHECK_THAT(out.num(0, "anx"), near(8));
  // p3: anx answered a2 (-> 4) and a3 = 4: (4 + 4) * 3 / 2 = 12
  CHECK_THAT(out.num(2, "anx"), near(12));
  // avo is declared sum anyway: p1 = 8
  CHECK_THAT(out.num(0, "avo"), near(8));
  // --score mean turns the declared sum into a mean: p1 avo = 8 / 4 = 2
  o.method = securebase::ScaleMethod::mean;
  CHECK_THAT(run_file("basic.csv", o).num(0, "avo"), near(2));
  // A prorated declared sum: "1,2,3,4,2,3," (b4 missing) gives avo = (4 + 4 + 3) * 4 / 3 = 44/3
  const Out p = run_text("pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\nx,1,2,3,4,2,3,\n", q_options());
  CHECK_THAT(p.num(0, "avo"), near(44.0 / 3.0));
  CHECK(p.at(0, "avo_answered") == "3");
  CHECK(p.at(0, "avo_missing") == "1");
}

TEST_CASE("norms add z, T and percentile columns", "[batch]") {
  BatchOptions o = q_options();
  o.norm_set = "ns";
  o.explain = true;
  const Out out = run_file("basic.csv", o);
  // p1 anx = 8/3 against mean 3, sd 1: z = -1/3, T = 50 - 10/3; percentile interpolated in the
  // table (1.5 -> 10, 4.5 -> 90): 10 + (8/3 - 1.5) / 3 * 80 = 10 + 280/9 = 370/9
  CHECK_THAT(out.num(0, "anx_z"), near(-1.0 / 3.0, 1e-14, 1e-15));
  CHECK_THAT(out.num(0, "anx_t"), near(140.0 / 3.0));
  CHECK_THAT(out.num(0, "anx_percentile"), near(370.0 / 9.0));
  CHECK(out.at(0, "anx_percentile_bound") == "exact");
  // p1 avo = 8 against mean 12, sd 4: z = -1, T = 40, percentile = 100 * Phi(-1) (no table)
  CHECK_THAT(out.num(0, "avo_z"), near(-1));
  CHECK_THAT(out.num(0, "avo_t"), near(40));
  CHECK_THAT(out.num(0, "avo_percentile"), near(100 * securebase::normal_cdf(-1)));
  // p3 has no avo score, so no norm values.
  CHECK(out.at(2, "avo_z") == "");
  // Explain columns: reversed answered items, missing items, the rule that applied.
  CHECK(out.at(0, "anx_reversed_items") == "a2");
  CHECK(out.at(2, "anx_missing_items") == "a1");
  CHECK(out.at(2, "anx_rule") == "mean of 2 of 3 items");
  CHECK(out.at(2, "avo_rule") == "not scored: 1 of 4 answered; needs 2");
  CHECK(out.at(2, "avo_missing_items") == "b1 b2 b4");

  SECTION("with --score sum the z is taken on the declared (mean) metric") {
    o.method = securebase::ScaleMethod::sum;
    const Out s = run_file("basic.csv", o);
    // p1 anx sum 8 = mean 8/3 x 3 items: z = -1/3 as before
    CHECK_THAT(s.num(0, "anx_z"), near(-1.0 / 3.0, 1e-14, 1e-15));
    CHECK(s.at(0, "anx_rule") == "sum of 3 of 3 items");
    CHECK(s.at(2, "anx_rule") == "sum of 2 of 3 items prorated x 3/2");
  }
  SECTION("a score past the end of the percentile table gives a bound") {
    // anx answers 1, 5 (-> 1), 1: score 1 lies below the table's first point (1.5 -> 10), so
    // the percentile is 10 as an upper bound; z = (1 - 3) / 1 = -2
    const Out b = run_text("pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\nx,1,5,1,1,1,1,1\n", o);
    CHECK_THAT(b.num(0, "anx_z"), near(-2));
    CHECK_THAT(b.num(0, "anx_percentile"), near(10));
    CHECK(b.at(0, "anx_percentile_bound") == "at_most");
  }
  SECTION("an unknown norm set is error 301") {
    o.norm_set = "nope";
    const auto e = securebase::test::thrown([&] { run_file("basic.csv", o); });
    REQUIRE(e);
    CHECK(e->code() == ErrorCode::norms_unknown_set);
  }
}

TEST_CASE("JSON Lines records carry the instrument, key fingerprint and library version",
          "[batch]") {
  BatchOptions o = q_options();
  o.format = BatchFormat::jsonl;
  o.keep = {"age"};
  securebase::TableReader reader(data_dir + "/basic.csv");
  std::string text;
  securebase::run_batch(fixture(), o, reader, [&](std::string_view b) { text += b; });
  std::istringstream lines(text);
  std::string line;
  std::vector<nlohmann::json> records;
  while (std::getline(lines, line)) records.push_back(nlohmann::json::parse(line));
  REQUIRE(records.size() == 3);
  CHECK(records[0]["line"] == 2);
  CHECK(records[0]["id"] == "p1");
  CHECK(records[0]["keep"]["age"] == "30");
  CHECK(records[0]["scales"]["avo"]["score"] == 8);  // 4 + 1 + 1 + 2
  CHECK(records[0]["instrument"] == "batchtest");
  CHECK(records[0]["instrument_version"] == "0.1.0");
  CHECK(records[0]["key_fingerprint"] == fixture().key_fingerprint());
  CHECK(records[0]["library_version"] == std::string(securebase::library_version()));
  CHECK(records[2]["scales"]["avo"]["score"].is_null());
  CHECK(records[2]["status"] == "incomplete:avo");
}

TEST_CASE("the summary JSON records instrument, fingerprint, counts and rules", "[batch]") {
  BatchOptions o = q_options();
  o.input_name = "basic.csv";
  const Out out = run_file("basic.csv", o);
  const auto j =
      nlohmann::json::parse(securebase::to_batch_summary_json(fixture(), o, out.summary, "o.csv"));
  CHECK(j["instrument"]["id"] == "batchtest");
  CHECK(j["instrument"]["key_fingerprint"] == fixture().key_fingerprint());
  CHECK(j["library_version"] == std::string(securebase::library_version()));
  CHECK(j["rows"]["read"] == 3);
  CHECK(j["rows"]["ok"] == 2);
  CHECK(j["rows"]["incomplete"] == 1);
  CHECK(j["input"] == "basic.csv");
  CHECK(j["output"] == "o.csv");
  CHECK(j["scales"][1]["rule"] ==
        "sum of 4 items, 1 reverse-keyed (6 - answer), prorated when items are missing; needs " +
            securebase::describe_min_answered(fixture().scales()[1]));
  const std::string text = securebase::render_batch_summary_text(out.summary);
  CHECK(text.substr(0, 58) == "3 rows read: 2 ok, 1 incomplete, 0 invalid, 0 parse errors");
}

TEST_CASE("two threads write exactly what one thread writes, in input order", "[batch]") {
  // About 2.5 MiB of rows (several chunks), with bad rows and quoted fields sprinkled in.
  std::string input = "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7,note\n";
  for (int i = 0; i < 60000; ++i) {
    const int a = i % 5 + 1;
    const int b = (i / 5) % 5 + 1;
    input += "r" + std::to_string(i) + "," + std::to_string(a) + "," + std::to_string(b) + ",";
    input += (i % 13 == 0 ? "" : "3");
    input += ",4," + std::to_string(6 - a) + ",2,";
    input += (i % 17 == 0 ? "9" : "1");
    input += (i % 19 == 0 ? ",\"a, \"\"b\"\"\nc\"" : ",plain");
    if (i % 23 == 0) input += ",extra";
    input += "\n";
  }
  BatchOptions o = q_options();
  o.keep = {"note"};
  o.threads = 1;
  const Out one = run_text(input, o);
  o.threads = 2;
  const Out two = run_text(input, o);
  REQUIRE(one.rows.size() == 60000);
  CHECK(one.text == two.text);
  CHECK(one.summary.parse_errors == two.summary.parse_errors);
  CHECK(one.summary.parse_errors == 2609);  // ceil(60000 / 23) rows with an extra field
  CHECK(two.at(59999, "pid") == "r59999");
}

TEST_CASE("SPSS and Stata files go through the same row pipeline", "[batch]") {
  if (!securebase::stat_file_support()) {
    WARN("built without ReadStat: SPSS/Stata input not tested");
    return;
  }
  // three.json: total = mean of e1, e2, e3 (e3 reversed: 8 - x) on 1-7, needs 1.
  const auto three = securebase::load_instrument_file(data_dir + "/three.json");
  BatchOptions o;
  o.columns.pattern = "ECR_{n}";
  o.id_column = "id";
  std::string text;
  const BatchSummary s = securebase::run_batch_stat_file(
      three, o, std::string(SECUREBASE_TEST_DATA) + "/stat/sample.sav",
      [&](std::string_view b) { text += b; });
  const Out out = read_back(text, s);
  REQUIRE(out.rows.size() == 4);
  // r1 = 1, 7, 4: (1 + 7 + (8 - 4)) / 3 = 4
  CHECK_THAT(out.num(0, "total"), near(4));
  // r2: -99 and 95 are user-missing, the third is system-missing
  CHECK(out.at(1, "status") == "incomplete:total");
  // r3: 2.5 is not a whole answer
  CHECK(out.at(2, "status") == "invalid:ECR_1=2.5");
  // r4 = 6, 90 (user-missing range 90-99), 1: (6 + (8 - 1)) / 2 = 6.5
  CHECK_THAT(out.num(3, "total"), near(6.5));
  CHECK(s.rows == 4);
}

#ifdef SECUREBASE_HAVE_CLI
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

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("batch on the command line: file, stdin and -o give the same bytes", "[batch][cli]") {
  const std::string instrument = data_dir + "/batch.json";
  const std::string input = data_dir + "/bad-rows.csv";
  const Run from_file =
      cli({"-i", instrument, input, "-c", "Q{n}", "--id", "pid", "--threads", "2"});
  CHECK(from_file.code == 0);
  const Run from_stdin = cli({"-i", instrument, "-", "-c", "Q{n}", "--id", "pid"}, slurp(input));
  CHECK(from_stdin.code == 0);
  CHECK(from_file.out == from_stdin.out);
  CHECK(from_file.err.find("7 rows read: 2 ok, 1 incomplete, 1 invalid, 3 parse errors") !=
        std::string::npos);

  const auto dir = std::filesystem::temp_directory_path() / "securebase-batch-cli-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string out_file = (dir / "scores.csv").string();
  const std::string summary = (dir / "summary.json").string();
  const Run to_file = cli({"-i", instrument, input, "-c", "Q{n}", "--id", "pid", "-o", out_file,
                           "--summary", summary, "-q"});
  CHECK(to_file.code == 0);
  CHECK(to_file.err.empty());
  CHECK(slurp(out_file) == from_file.out);
  const auto j = nlohmann::json::parse(slurp(summary));
  CHECK(j["rows"]["parse_error"] == 3);
  CHECK(j["output"] == out_file);

  // An existing output needs --force; the input is never overwritten (705).
  const Run again = cli({"-i", instrument, input, "-c", "Q{n}", "--id", "pid", "-o", out_file});
  CHECK(again.code == 2);
  CHECK(again.err == "securebase: [securebase.table.705] " + out_file +
                         ": already exists; give --force to replace it, or choose another output "
                         "file\n");
  CHECK(cli({"-i", instrument, input, "-c", "Q{n}", "--id", "pid", "-o", out_file, "--force", "-q"})
            .code == 0);
  const std::string copy = (dir / "in.csv").string();
  std::filesystem::copy_file(input, copy);
  const Run onto_input =
      cli({"-i", instrument, copy, "-c", "Q{n}", "--id", "pid", "-o", copy, "--force"});
  CHECK(onto_input.code == 2);
  CHECK(onto_input.err == "securebase: [securebase.table.705] " + copy +
                              ": is the input file; write the output to another file\n");
  CHECK(slurp(copy) == slurp(input));
  std::filesystem::remove_all(dir);
}

TEST_CASE("batch usage errors name the option", "[batch][cli]") {
  const std::string instrument = data_dir + "/batch.json";
  const std::string input = data_dir + "/basic.csv";
  const Run help = cli({"--help"});
  CHECK(help.code == 0);
  CHECK(help.out.find("Examples:") != std::string::npos);
  CHECK(help.out.find("--missing-codes") != std::string::npos);
  const Run format = cli({"-i", instrument, input, "--format", "xml"});
  CHECK(format.code == 1);
  CHECK(format.err.find("option '--format' is 'xml', but must be one of: csv, tsv, jsonl") !=
        std::string::npos);
  const Run delim = cli({"-i", instrument, input, "--delimiter", "pipe"});
  CHECK(delim.code == 1);
  CHECK(delim.err.find("option '--delimiter' is 'pipe'") != std::string::npos);
  const Run invalid = cli({"-i", instrument, input, "--invalid", "ignore"});
  CHECK(invalid.code == 1);
  const Run threads = cli({"-i", instrument, input, "--threads", "1000"});
  CHECK(threads.code == 1);
  CHECK(threads.err.find("option '--threads' is 1000, but must be from 1 to 256") !=
        std::string::npos);
  const Run no_input = cli({"-i", instrument});
  CHECK(no_input.code == 1);
  const Run both = cli({"-i", instrument, input, "--map", "a1=Q1", "--map-file", "x"});
  CHECK(both.code == 1);
  // A mapping mistake is found before the input is opened.
  const Run bad_map = cli({"-i", instrument, data_dir + "/absent.csv", "-c", "Q"});
  CHECK(bad_map.code == 2);
  CHECK(bad_map.err.find("[securebase.table.704] --columns") != std::string::npos);
}

// (No ';' in the name: ctest's test list would split it there and run nothing.)
TEST_CASE("batch --method overrides the method as score --method does, --score is its old name",
          "[batch][cli]") {
  const std::string instrument = data_dir + "/batch.json";
  const std::string input = data_dir + "/basic.csv";
  const Run method =
      cli({"-i", instrument, input, "-c", "Q{n}", "--id", "pid", "--method", "sum", "-q"});
  CHECK(method.code == 0);
  CHECK(method.err.empty());
  // p1 (input line 2) = 1,2,3,4,5,1,2: anx as a sum = 1 + (6 - 2) + 3 = 8, and avo, declared a
  // sum, 4 + (6 - 5) + 1 + 2 = 8 (hand computation)
  CHECK(method.out.find("\n2,p1,8,3,0,8,4,0,ok\n") != std::string::npos);
  const Run short_name =
      cli({"-i", instrument, input, "-c", "Q{n}", "--id", "pid", "-m", "sum", "-q"});
  CHECK(short_name.out == method.out);
  const Run old_name =
      cli({"-i", instrument, input, "-c", "Q{n}", "--id", "pid", "--score", "sum", "-q"});
  CHECK(old_name.code == 0);
  CHECK(old_name.out == method.out);
  CHECK(old_name.err ==
        "securebase batch: note: --score is deprecated and will be removed; use --method (the "
        "same option)\n");
  const Run both = cli({"-i", instrument, input, "--method", "sum", "--score", "sum"});
  CHECK(both.code == 1);
  CHECK(both.err.find("options '--method' and '--score' cannot be combined; --score is the old "
                      "name of --method") != std::string::npos);
  const Run bad = cli({"-i", instrument, input, "--method", "median"});
  CHECK(bad.code == 1);
  CHECK(bad.err.find("option '--method' is 'median', but must be one of: mean, sum") !=
        std::string::npos);
  const Run bad_old = cli({"-i", instrument, input, "--score", "median"});
  CHECK(bad_old.code == 1);
  CHECK(bad_old.err.find("option '--score' is 'median', but must be one of: mean, sum") !=
        std::string::npos);
}
#endif

// ---------------------------------------------------------------------------------------------
// Spreadsheet safety: passed-through text that a spreadsheet would read as a formula.

namespace {

// One row whose id is `id` (and whose keep column "note" is `note`), run in `format`.
std::string one_row(const std::string& id, const std::string& note, BatchFormat format,
                    bool raw_text = false) {
  BatchOptions o = q_options();
  o.keep = {"note"};
  o.format = format;
  o.raw_text = raw_text;
  std::string input = "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7,note\n";
  securebase::append_field(input, id, ',');
  input += ",1,2,3,4,5,1,2,";
  securebase::append_field(input, note, ',');
  input += "\n";
  std::istringstream in(input);
  securebase::TableReader reader(in, "<stdin>", ',');
  std::string text;
  (void)securebase::run_batch(fixture(), o, reader, [&](std::string_view b) { text += b; });
  return text;
}

}  // namespace

TEST_CASE("text starting with = + - @ tab or CR gets a leading quote in CSV", "[batch]") {
  // The OWASP advice for CSV injection: a leading ' makes a spreadsheet show text, not run it.
  for (const std::string t :
       {"=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"u\")", "-", "+"}) {
    CAPTURE(t);
    const Out out = read_back(one_row(t, t, BatchFormat::csv), BatchSummary{});
    CHECK(out.at(0, "pid") == "'" + t);
    CHECK(out.at(0, "note") == "'" + t);
    CHECK(out.at(0, "status") == "ok");
  }
}

TEST_CASE("numbers and ordinary text are passed through unchanged", "[batch]") {
  for (const std::string t : {"-5", "+3.25", "-1e3", "+0", "p1", "a=b", "", "'quoted", " -x"}) {
    CAPTURE(t);
    const Out out = read_back(one_row(t, t, BatchFormat::csv), BatchSummary{});
    CHECK(out.at(0, "pid") == t);
    CHECK(out.at(0, "note") == t);
  }
}

TEST_CASE("TSV output is guarded too, raw_text and JSON Lines keep the text", "[batch]") {
  const std::string tsv = one_row("=1+2", "@x", BatchFormat::tsv);
  const Out out = read_back(tsv, BatchSummary{}, '\t');
  CHECK(out.at(0, "pid") == "'=1+2");
  CHECK(out.at(0, "note") == "'@x");
  const Out raw = read_back(one_row("=1+2", "@x", BatchFormat::csv, true), BatchSummary{});
  CHECK(raw.at(0, "pid") == "=1+2");
  CHECK(raw.at(0, "note") == "@x");
  // JSON strings are not read as formulas: no quote is added
  const auto j = nlohmann::json::parse(one_row("=1+2", "-x", BatchFormat::jsonl));
  CHECK(j["id"] == "=1+2");
  CHECK(j["keep"]["note"] == "-x");
}

TEST_CASE("header names and invalid_values copied from the input are guarded", "[batch]") {
  BatchOptions o;
  o.columns.pattern = "Q{n}";
  o.id_column = "=id";
  o.invalid = InvalidPolicy::missing;
  o.columns.map = "1=-Q1";  // item a1 in a column whose name starts with '-'
  const Out out = run_text("=id,-Q1,Q2,Q3,Q4,Q5,Q6,Q7\n=x,9,2,3,4,5,1,2\n", o);
  REQUIRE(out.header.size() > 1);
  CHECK(out.header[1] == "'=id");
  CHECK(out.at(0, "'=id") == "'=x");
  // a1 = 9 is off the 1-5 scale: listed as -Q1=9, guarded
  CHECK(out.at(0, "invalid_values") == "'-Q1=9");
  CHECK(out.at(0, "status") == "ok");
}

// ---------------------------------------------------------------------------------------------
// Careless-responding columns.

namespace {

BatchOptions careless_options() {
  BatchOptions o = q_options();
  o.careless = securebase::stats::careless_setup(securebase::stats::layout_of(fixture()));
  return o;
}

}  // namespace

TEST_CASE("careless adds longstring, irv, Mahalanobis, even-odd and flag columns", "[batch]") {
  const BatchOptions o = careless_options();
  const Out out = run_file("basic.csv", o);
  REQUIRE(out.rows.size() == 3);
  const std::vector<std::string> tail(out.header.end() - 7, out.header.end());
  CHECK(tail == std::vector<std::string>{"longstring", "irv", "mahalanobis_d2", "mahalanobis_p",
                                         "even_odd", "careless_flags", "status"});
  // p1 = 1,2,3,4,5,1,2: no two equal answers in a row, longstring 1; sum 18, sum of squares
  // 60, so irv = sqrt((60 - 18^2/7) / 6) = sqrt(16/7)
  CHECK(out.at(0, "longstring") == "1");
  CHECK_THAT(out.num(0, "irv"), near(std::sqrt(16.0 / 7.0)));
  // no Mahalanobis model was given: no distance
  CHECK(out.at(0, "mahalanobis_d2") == "");
  CHECK(out.at(0, "mahalanobis_p") == "");
  // even-odd as stats::careless gives it for the same answers
  const std::vector<double> p1 = {1, 2, 3, 4, 5, 1, 2};
  const auto c1 = securebase::stats::careless(*o.careless, p1);
  if (c1.even_odd_status == securebase::stats::CarelessStatus::ok) {
    CHECK_THAT(out.num(0, "even_odd"), near(c1.even_odd));
  } else {
    CHECK(out.at(0, "even_odd") == "");
  }
  // p2 = all 5: one run of 7 (>= ceil(0.5 * 7) = 4) and irv 0 (< 0.5): both flagged
  CHECK(out.at(1, "longstring") == "7");
  CHECK_THAT(out.num(1, "irv"), near(0));
  CHECK_THAT(out.at(1, "careless_flags"), Catch::StartsWith("longstring;irv"));
  CHECK(out.at(1, "status") == "ok");
  CHECK_THAT(out.num(1, "avo"), near(16));  // flagged, not excluded: still scored
  // p3 = _,2,4,_,_,3,_ (incomplete, still indexed): runs of 1; irv of 2, 4, 3 is 1
  CHECK(out.at(2, "longstring") == "1");
  CHECK_THAT(out.num(2, "irv"), near(1));
  CHECK(out.at(2, "status") == "incomplete:avo");
  CHECK(out.summary.careless_flagged >= 1);
  CHECK(out.summary.careless_excluded == 0);
  CHECK(out.summary.careless);
}

TEST_CASE("careless in JSON Lines is a member per row, null for rows not read", "[batch]") {
  BatchOptions o = careless_options();
  o.format = BatchFormat::jsonl;
  securebase::TableReader reader(data_dir + "/bad-rows.csv");
  std::string text;
  (void)securebase::run_batch(fixture(), o, reader, [&](std::string_view b) { text += b; });
  std::istringstream lines(text);
  std::string line;
  std::vector<nlohmann::json> records;
  while (std::getline(lines, line)) records.push_back(nlohmann::json::parse(line));
  REQUIRE(!records.empty());
  bool seen_null = false;
  bool seen_member = false;
  for (const auto& r : records) {
    const std::string status = r["status"];
    if (status == "ok" || status.rfind("incomplete:", 0) == 0) {
      REQUIRE(r["careless"].is_object());
      CHECK(r["careless"].contains("longstring"));
      CHECK(r["careless"].contains("irv"));
      CHECK(r["careless"]["mahalanobis_d2"].is_null());  // no model
      CHECK(r["careless"].contains("even_odd"));
      CHECK(r["careless"]["flags"].is_string());
      seen_member = true;
    } else {
      CHECK(r["careless"].is_null());
      seen_null = true;
    }
  }
  CHECK(seen_member);
  CHECK(seen_null);
}

TEST_CASE("exclude_careless gives status careless:FLAGS, no scores, and no statistics", "[batch]") {
  BatchOptions o = careless_options();
  o.exclude_careless = true;
  o.stats = true;
  const Out out = run_file("basic.csv", o);
  REQUIRE(out.rows.size() == 3);
  // p2 = all 5 is flagged (longstring 7, irv 0): excluded, its indices kept, no scores
  CHECK_THAT(out.at(1, "status"), Catch::StartsWith("careless:longstring;irv"));
  CHECK(out.at(1, "anx") == "");
  CHECK(out.at(1, "avo") == "");
  CHECK(out.at(1, "longstring") == "7");
  CHECK(out.at(0, "status") == "ok");
  CHECK(out.summary.careless_excluded >= 1);
  CHECK(out.summary.careless_flagged == out.summary.careless_excluded);
  CHECK(out.summary.ok + out.summary.incomplete + out.summary.careless_excluded == 3);
  // statistics: item a1 (Q1) has p1's 1 and no 5 (p2 left out; p3 has no Q1 answer)
  REQUIRE(out.summary.stats);
  const auto& acc = *out.summary.stats;
  const std::size_t width = acc.counts.size() / 7;  // 5 values per item
  REQUIRE(width == 5);
  CHECK(acc.counts[0 * width + (1 - 1)] == 1);
  CHECK(acc.counts[0 * width + (5 - 1)] == 0);
}

TEST_CASE("the summary has careless counts only when careless is on", "[batch]") {
  BatchOptions o = careless_options();
  o.exclude_careless = true;
  const Out out = run_file("basic.csv", o);
  const auto j =
      nlohmann::json::parse(securebase::to_batch_summary_json(fixture(), o, out.summary, "o.csv"));
  CHECK(j["rows"]["careless_flagged"] == out.summary.careless_flagged);
  CHECK(j["rows"]["careless_excluded"] == out.summary.careless_excluded);
  CHECK(out.summary.careless_excluded >= 1);
  const std::string text = securebase::render_batch_summary_text(out.summary);
  CHECK_THAT(text, Catch::Contains("; " + std::to_string(out.summary.careless_flagged) +
                                   (out.summary.careless_flagged == 1 ? " row" : " rows") +
                                   " flagged as careless, " +
                                   std::to_string(out.summary.careless_excluded) + " excluded"));
  const BatchOptions plain = q_options();
  const Out off = run_file("basic.csv", plain);
  const auto j2 =
      nlohmann::json::parse(securebase::to_batch_summary_json(fixture(), plain, off.summary, "o"));
  CHECK_FALSE(j2["rows"].contains("careless_flagged"));
  CHECK_THAT(securebase::render_batch_summary_text(off.summary), !Catch::Contains("careless"));
}

TEST_CASE("a header repeated mid-file is parse_error:header_repeated under every policy",
          "[batch]") {
  const std::string header = "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\n";
  for (const InvalidPolicy policy : {InvalidPolicy::error, InvalidPolicy::missing}) {
    BatchOptions o = q_options();
    o.invalid = policy;
    const Out out = run_text(header + "p1,1,2,3,4,5,1,2\n" + header + "p2,5,5,5,5,5,5,5\n", o);
    REQUIRE(out.rows.size() == 3);
    CHECK(out.at(1, "status") == "parse_error:header_repeated");
    CHECK(out.at(1, "line") == "3");
    CHECK(out.at(1, "anx") == "");
    CHECK(out.summary.parse_errors == 1);
    CHECK(out.summary.ok == 2);
    CHECK(out.summary.treated_missing == 0);
  }
}

TEST_CASE("a NUL or a byte that is not UTF-8 in an answer is written as a hex escape (xNN)",
          "[batch]") {
  using namespace std::string_literals;
  // A byte that is not UTF-8 read as Latin-1 is U+00FF; a NUL is a control character.
  const std::string input = "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\np1,5\0,2,3,4,5,1,\xFF\n"s;
  std::istringstream in(input);
  securebase::TableReader reader(in, "<stdin>");
  reader.set_encoding("latin1");
  std::string text;
  const BatchSummary s =
      securebase::run_batch(fixture(), q_options(), reader, [&](std::string_view b) { text += b; });
  const Out out = read_back(text, s);
  CHECK(out.at(0, "status") == "invalid:Q1=5\\x00;Q7=\xC3\xBF");
  BatchOptions o = q_options();
  o.invalid = InvalidPolicy::missing;
  const Out m = run_text("pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7\np1,5\0,2,3,4,5,1,\x01\n"s, o);
  CHECK(m.at(0, "invalid_values") == "Q1=5\\x00;Q7=\\x01");
  CHECK(m.text.find('\0') == std::string::npos);
  // Without an encoding, the byte 0xFF is not UTF-8: the run stops (issue 24).
  CHECK_THROWS_AS(run_text(input, q_options()), securebase::Error);
}

TEST_CASE("a row far wider than the header is a parse error with its true field count", "[batch]") {
  // Fields past the header's count + 1 are counted, not kept: a row of 100,000 fields takes no
  // more memory than a row of 10. source: 1 + 99,999 commas = 100,000 fields.
  BatchOptions o = q_options();
  o.keep = {"age"};
  const std::string wide = "p2" + std::string(99'999, ',') + "\n";
  const std::string header = "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7,age\n";
  // without quotes (the chunk's fast splitter) and with a quote elsewhere in the chunk
  for (const std::string& last :
       {std::string("p3,1,2,3,4,5,1,2,30\n"), std::string("\"p3\",1,2,3,4,5,1,2,30\n")}) {
    const Out out = run_text(header + "p1,1,2,3,4,5,1,2,30\n" + wide + last, o);
    REQUIRE(out.rows.size() == 3);
    CHECK(out.at(0, "status") == "ok");
    CHECK(out.at(1, "status") == "parse_error:found 100000 fields; expected 9");
    CHECK(out.at(1, "pid") == "p2");
    CHECK(out.at(2, "status") == "ok");
    CHECK(out.at(2, "pid") == "p3");
  }
}
