// score_columns (answers already in memory, for the Python and R bindings) against run_batch:
// the same table read both ways must give the same statuses and the same bits in every score,
// count and norm cell, the same counts and warnings, and the same statistics (to 1e-12: the rows
// are merged in other blocks). The expected values are run_batch's own output on each file.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "securebase/batch/batch.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/stats_json.hpp"
#include "securebase/io/table.hpp"
#include "securebase/stats/summary.hpp"
#include "support/batch_text.hpp"
#include "support/paths.hpp"

namespace {

using securebase::AnswerColumn;
using securebase::BatchOptions;
using securebase::ColumnScores;
using securebase::Instrument;

const std::string data_dir = SECUREBASE_TEST_DATA;

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Table read_table(securebase::TableReader& reader) {
  Table t;
  REQUIRE(reader.next_record(t.header));
  std::vector<std::string> row;
  while (reader.next_record(row)) t.rows.push_back(row);
  return t;
}

Table read_file(const std::string& path) {
  securebase::TableReader reader(path);
  return read_table(reader);
}

std::size_t column_of(const Table& t, const std::string& name) {
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    if (t.header[c] == name) return c;
  }
  FAIL("no column " << name);
  return 0;
}

// The input's item cells as text columns (views into `t`), and the rest-blank flags.
struct Columns {
  std::vector<std::vector<std::string_view>> text;
  std::vector<std::vector<double>> numbers;
  std::vector<AnswerColumn> items;
  std::vector<std::uint8_t> rest_blank;
};

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

Columns text_columns(const Instrument& ins, const BatchOptions& o, const Table& t) {
  Columns c;
  const std::vector<std::string> names = securebase::item_columns(ins, o.columns);
  std::vector<bool> is_item(t.header.size(), false);
  for (const std::string& n : names) {
    const std::size_t col = column_of(t, n);
    is_item[col] = true;
    std::vector<std::string_view> cells;
    for (const auto& row : t.rows) cells.emplace_back(row[col]);
    c.text.push_back(std::move(cells));
  }
  for (const auto& cells : c.text) c.items.push_back({cells.data(), AnswerColumn::Type::text, 1});
  for (const auto& row : t.rows) {
    bool rest = true;
    for (std::size_t k = 0; k < row.size(); ++k) rest = rest && (is_item[k] || blank(row[k]));
    c.rest_blank.push_back(rest ? 1 : 0);
  }
  return c;
}

// The same cells as doubles (blank = NaN), for files whose answers are all numbers or blank.
Columns number_columns(const Instrument& ins, const BatchOptions& o, const Table& t) {
  Columns c = text_columns(ins, o, t);
  for (const auto& cells : c.text) {
    std::vector<double> v;
    for (const std::string_view s : cells) {
      v.push_back(blank(s) ? std::numeric_limits<double>::quiet_NaN() : std::stod(std::string(s)));
    }
    c.numbers.push_back(std::move(v));
  }
  c.items.clear();
  for (const auto& v : c.numbers) c.items.push_back({v.data(), AnswerColumn::Type::f64, 1});
  return c;
}

// A cell of run_batch's output as the number score_columns gives (blank = NaN).
double cell_value(const std::string& s) {
  return s.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(s);
}

bool same_bits(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Every cell of run_batch's output on `path` against score_columns on `cols`.
void check_same(const Instrument& ins, const BatchOptions& o, const std::string& path,
                const Columns& cols) {
  securebase::TableReader reader(path);
  std::string text;
  const securebase::BatchSummary expected =
      securebase::run_batch(ins, o, reader, [&](std::string_view b) { text += b; });
  std::istringstream in(text);
  securebase::TableReader out_reader(in, "<output>");
  const Table out = read_table(out_reader);
  const ColumnScores got =
      securebase::score_columns(ins, o, cols.items, cols.text.front().size(), cols.rest_blank);
  REQUIRE(got.columns == out.header);
  REQUIRE(got.status.size() == out.rows.size());
  const std::size_t status_col = column_of(out, o.prefix + "status");
  for (std::size_t r = 0; r < out.rows.size(); ++r) {
    INFO("row " << r + 1);
    CHECK(got.status[r] == out.rows[r][status_col]);
    for (std::size_t sc = 0; sc < ins.scales().size(); ++sc) {
      const std::string id = o.prefix + ins.scales()[sc].id;
      const ColumnScores::Scale& s = got.scales[sc];
      CHECK(same_bits(s.score[r], cell_value(out.rows[r][column_of(out, id)])));
      CHECK(same_bits(s.answered[r], cell_value(out.rows[r][column_of(out, id + "_answered")])));
      CHECK(same_bits(s.missing[r], cell_value(out.rows[r][column_of(out, id + "_missing")])));
      if (s.z.empty()) continue;
      CHECK(same_bits(s.z[r], cell_value(out.rows[r][column_of(out, id + "_z")])));
      CHECK(
          same_bits(s.percentile[r], cell_value(out.rows[r][column_of(out, id + "_percentile")])));
    }
    if (o.invalid == securebase::InvalidPolicy::missing) {
      CHECK(got.invalid_values[r] == out.rows[r][column_of(out, o.prefix + "invalid_values")]);
    }
  }
  CHECK(got.summary.rows == expected.rows);
  CHECK(got.summary.ok == expected.ok);
  CHECK(got.summary.incomplete == expected.incomplete);
  CHECK(got.summary.invalid == expected.invalid);
  CHECK(got.summary.empty == expected.empty);
  CHECK(got.summary.treated_missing == expected.treated_missing);
  CHECK(got.summary.warnings == expected.warnings);
  CHECK(got.summary.stats.has_value() == expected.stats.has_value());
}

}  // namespace

TEST_CASE("score_columns gives run_batch's cells on the fixture files, as text columns",
          "[batch][columns]") {
  const Instrument& ins = securebase::test::batch_fixture();
  const std::string dir = data_dir + "/batch/";
  BatchOptions o = securebase::test::q_options();
  for (const char* name : {"basic.csv", "labels.csv", "quoted.csv", "shuffled.csv"}) {
    INFO(name);
    check_same(ins, o, dir + name, text_columns(ins, o, read_file(dir + name)));
  }
  SECTION("missing codes, numeric and text") {
    o.missing_codes = {"-99", "9"};
    check_same(ins, o, dir + "missing-codes.csv",
               text_columns(ins, o, read_file(dir + "missing-codes.csv")));
  }
  SECTION("invalid answers as missing, with a prefix") {
    o.invalid = securebase::InvalidPolicy::missing;
    o.prefix = "sb_";
    check_same(ins, o, dir + "missing-codes.csv",
               text_columns(ins, o, read_file(dir + "missing-codes.csv")));
  }
}

TEST_CASE("score_columns gives run_batch's bits on 1,000 ECR-R rows, as doubles and as integers",
          "[batch][columns]") {
  const Instrument ins = securebase::load_embedded_instrument("ecr-r");
  BatchOptions o;
  o.columns.pattern = "ECR_{n}";
  o.id_column = "id";
  o.stats = true;
  o.norm_set = ins.norm_sets().empty() ? "" : ins.norm_sets().front().id;
  const std::string path = data_dir + "/oracle/batch-ecr-r-1000.csv";
  const Table t = read_file(path);
  const Columns doubles = number_columns(ins, o, t);
  check_same(ins, o, path, doubles);

  // The same answers as 32-bit integers with R's NA, read in one row-major matrix (stride).
  const std::size_t n_items = doubles.numbers.size();
  const std::size_t rows = t.rows.size();
  std::vector<std::int32_t> matrix(rows * n_items);
  for (std::size_t i = 0; i < n_items; ++i) {
    for (std::size_t r = 0; r < rows; ++r) {
      const double v = doubles.numbers[i][r];
      matrix[r * n_items + i] =
          std::isnan(v) ? std::numeric_limits<std::int32_t>::min() : static_cast<std::int32_t>(v);
    }
  }
  Columns ints = doubles;
  for (std::size_t i = 0; i < n_items; ++i) {
    ints.items[i] = {matrix.data() + i, AnswerColumn::Type::i32, n_items};
  }
  check_same(ins, o, path, ints);

  SECTION("threads give the same cells, and statistics equal to 1e-12") {
    BatchOptions threaded = o;
    threaded.threads = 4;
    const ColumnScores one = securebase::score_columns(ins, o, doubles.items, rows);
    const ColumnScores four = securebase::score_columns(ins, threaded, doubles.items, rows);
    CHECK(one.status == four.status);
    for (std::size_t sc = 0; sc < one.scales.size(); ++sc) {
      for (std::size_t r = 0; r < rows; ++r) {
        CHECK(same_bits(one.scales[sc].score[r], four.scales[sc].score[r]));
      }
    }
    REQUIRE(one.summary.stats.has_value());
    REQUIRE(four.summary.stats.has_value());
    const auto a = securebase::stats::summarise(*one.summary.stats);
    const auto b = securebase::stats::summarise(*four.summary.stats);
    REQUIRE(a.scales.size() == b.scales.size());
    for (std::size_t sc = 0; sc < a.scales.size(); ++sc) {
      CHECK(a.scales[sc].alpha.raw == Approx(b.scales[sc].alpha.raw).epsilon(1e-12));
      CHECK(a.scales[sc].omega.total == Approx(b.scales[sc].omega.total).epsilon(1e-12));
    }
  }
}

TEST_CASE("score_columns: a wrong column count, a collision and a short blank list are errors",
          "[batch][columns]") {
  const Instrument& ins = securebase::test::batch_fixture();
  BatchOptions o = securebase::test::q_options();
  std::vector<double> cells{1, 2};
  std::vector<AnswerColumn> items(ins.items().size(), AnswerColumn{cells.data()});
  const std::vector<AnswerColumn> fewer(items.begin(), items.end() - 1);
  CHECK_THROWS_WITH(securebase::score_columns(ins, o, fewer, 2),
                    Catch::Contains("6 answer columns were given") &&
                        Catch::Contains("pass one column per item"));
  const std::vector<std::uint8_t> one_flag{1};
  CHECK_THROWS_WITH(securebase::score_columns(ins, o, items, 2, one_flag),
                    Catch::Contains("rest_blank has 1 flags for 2 rows"));
  o.keep = {"status"};
  CHECK_THROWS_WITH(securebase::score_columns(ins, o, items, 2), Catch::Contains("status"));
  o.keep.clear();
  const ColumnScores ok = securebase::score_columns(ins, o, items, 2);
  // Row 1 answers 1 everywhere, row 2 answers 2: both complete.
  CHECK(ok.status == std::vector<std::string>{"ok", "ok"});
}
