// securebase batch: answers already in memory (a data frame's or a matrix's columns) scored with
// run_batch's rules. Each cell is read by the plan's classify / classify_number, the row is
// scored by finish_row, counted, noted for the range check and added to the statistics exactly
// as a table row is; only the reading of cells and the writing of numbers into columns differ.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <thread>
#include <type_traits>

#include "batch/plan.hpp"
#include "batch/row.hpp"
#include "core/double_text.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/responses.hpp"

namespace securebase {

namespace {

using batch_detail::Answer;
using batch_detail::Classified;
using batch_detail::RowKind;
using batch_detail::RowPlan;
using batch_detail::RowScratch;

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

// What one cell holds, as classify gives it for the same cell in a table; `blank` when it is
// what an empty table cell becomes (NaN, R's NA_integer_, blank text).
struct Cell {
  Classified answer;
  bool blank;
};

// The text of a number as a table cell would hold it (the shortest round trip; integers exact).
std::string number_text(const AnswerColumn& c, std::size_t at) {
  if (c.type == AnswerColumn::Type::i32) {
    return std::to_string(static_cast<const std::int32_t*>(c.data)[at]);
  }
  if (c.type == AnswerColumn::Type::i64) {
    return std::to_string(static_cast<const std::int64_t*>(c.data)[at]);
  }
  char buffer[32];
  char* end = detail::write_shortest(buffer, static_cast<const double*>(c.data)[at]);
  return std::string(buffer, end);
}

// classify_number's answer for the whole numbers 0..255, looked up (the common cells); built
// once per call from classify_number itself, so it cannot disagree with it.
struct SmallNumbers {
  std::array<Classified, 256> answer{};
  /// Every column is f64 (or every one i32) and there is no --recode: read_number_row.
  bool all_doubles = false;
  bool all_ints = false;
  SmallNumbers(const RowPlan& p, std::span<const AnswerColumn> items) {
    for (std::size_t k = 0; k < answer.size(); ++k) {
      answer[k] = batch_detail::classify_number(p, static_cast<double>(k));
    }
    all_doubles =
        p.opt->recode.empty() && std::all_of(items.begin(), items.end(), [](const AnswerColumn& c) {
          return c.type == AnswerColumn::Type::f64;
        });
  }
};

// Reads a numeric cell: NaN and NA are blank; with --recode the number is read as its text
// (a recode entry may name a number), else classify_number decides (looked up for 0..255).
Cell read_number(const RowPlan& p, const SmallNumbers& small, const AnswerColumn& c, std::size_t at,
                 double v) {
  if (std::isnan(v)) return {{Answer::missing, 0}, true};
  if (!p.opt->recode.empty()) return {batch_detail::classify(p, number_text(c, at)), false};
  if (v >= 0 && v < 256) {
    const auto k = static_cast<std::size_t>(v);
    if (static_cast<double>(k) == v) return {small.answer[k], false};
  }
  return {batch_detail::classify_number(p, v), false};
}

Cell read_cell(const RowPlan& p, const SmallNumbers& small, const AnswerColumn& c,
               std::size_t row) {
  const std::size_t at = row * c.stride;
  switch (c.type) {
    case AnswerColumn::Type::f64:
      return read_number(p, small, c, at, static_cast<const double*>(c.data)[at]);
    case AnswerColumn::Type::i32: {
      const std::int32_t v = static_cast<const std::int32_t*>(c.data)[at];
      return read_number(p, small, c, at,
                         v == std::numeric_limits<std::int32_t>::min() ? nan_value : v);
    }
    case AnswerColumn::Type::i64:
      return read_number(p, small, c, at,
                         static_cast<double>(static_cast<const std::int64_t*>(c.data)[at]));
    case AnswerColumn::Type::text: {
      const std::string_view f = static_cast<const std::string_view*>(c.data)[at];
      return {batch_detail::classify(p, f), batch_detail::trim(f).empty()};
    }
  }
  return {{Answer::invalid, 0}, false};
}

// The cell's text for an invalid_values / invalid: status entry.
std::string cell_text(const AnswerColumn& c, std::size_t row) {
  const std::size_t at = row * c.stride;
  if (c.type == AnswerColumn::Type::text) {
    return std::string(static_cast<const std::string_view*>(c.data)[at]);
  }
  return number_text(c, at);
}

// Puts a cell read in full into the row: its value (or NaN), and its item among the invalid.
void put_cell(const Cell& cell, std::size_t i, RowScratch& s, bool& any_answer, bool& all_blank) {
  const bool value = cell.answer.kind == Answer::value;
  s.values[i] = value ? cell.answer.value : missing_answer;
  any_answer = any_answer || value;
  all_blank = all_blank && cell.blank;
  if (cell.answer.kind == Answer::invalid) s.invalid_items.push_back(i);
}

// The common row: every column doubles (or every column int32), no --recode. Whole numbers
// 0..255 are looked up; any other cell (NaN, NA, fractions, large numbers) goes to read_cell.
// Lists invalid cells in s.invalid_items and sets any_answer and all_blank.
template <typename Cell_t>
void read_number_row(const RowPlan& p, const SmallNumbers& small,
                     std::span<const AnswerColumn> items, std::size_t row, RowScratch& s,
                     bool& any_answer, bool& all_blank) {
  double* values = s.values.data();
  bool answered = false;
  bool blank = all_blank;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Cell_t x = static_cast<const Cell_t*>(items[i].data)[row * items[i].stride];
    double v = static_cast<double>(x);
    if constexpr (std::is_same_v<Cell_t, std::int32_t>) {
      v = x == std::numeric_limits<std::int32_t>::min() ? nan_value : v;  // R's NA_integer_
    }
    const bool is_small = v >= 0 && v < 256;  // false for NaN
    const auto k = static_cast<std::size_t>(is_small ? v : 0);
    if (is_small && static_cast<double>(k) == v) {
      const Classified& c = small.answer[k];
      const bool value = c.kind == Answer::value;
      values[i] = value ? c.value : missing_answer;
      answered = answered || value;
      blank = false;
      if (c.kind == Answer::invalid) s.invalid_items.push_back(i);
      continue;
    }
    put_cell(read_cell(p, small, items[i], row), i, s, answered, blank);
  }
  any_answer = answered;
  all_blank = blank;
}

// Reads row `row` into s.values and s.invalid_*, as read_row does for a table row.
RowKind read_columns_row(const RowPlan& p, const SmallNumbers& small,
                         std::span<const AnswerColumn> items, std::size_t row, bool rest_blank,
                         RowScratch& s) {
  const std::size_t n_items = items.size();
  s.values.resize(n_items);
  bool all_blank = rest_blank;
  bool any_answer = false;
  if (small.all_doubles) {
    read_number_row<double>(p, small, items, row, s, any_answer, all_blank);
  } else if (small.all_ints) {
    read_number_row<std::int32_t>(p, small, items, row, s, any_answer, all_blank);
  } else {
    for (std::size_t i = 0; i < n_items; ++i) {
      put_cell(read_cell(p, small, items[i], row), i, s, any_answer, all_blank);
    }
  }
  for (const std::size_t i : s.invalid_items) {
    batch_detail::add_invalid(p, i, cell_text(items[i], row), s);
  }
  s.any_answer = any_answer;
  if (!s.any_answer && s.invalid_items.empty() && all_blank) {
    s.status = "empty";
    return RowKind::empty;
  }
  if (!s.invalid_items.empty() && p.opt->invalid == InvalidPolicy::error) {
    s.status = "invalid:" + s.invalid_text;
    return RowKind::invalid;
  }
  return RowKind::ok;
}

// Writes a scored (or unscored) row's numbers into the columns at `row`.
void store_row(const RowPlan& p, std::size_t row, bool scored, RowKind kind, RowScratch& s,
               ColumnScores& out) {
  for (std::size_t sc = 0; sc < p.steps.scales.size(); ++sc) {
    const ScaleOutcome& o = s.outcomes[sc];
    const bool has = scored && o.scored;
    ColumnScores::Scale& col = out.scales[sc];
    col.score[row] = has ? o.value : nan_value;
    col.answered[row] = scored ? static_cast<double>(o.n_answered) : nan_value;
    col.missing[row] = scored ? static_cast<double>(o.n_missing) : nan_value;
    if (p.steps.scales[sc].norm == nullptr) continue;
    if (has) {
      const NormScore ns = step_norm_score(p.steps, p.steps.scales[sc], o.value);
      col.z[row] = ns.z;
      col.t[row] = ns.t;
      col.percentile[row] = ns.percentile;
    } else {
      col.z[row] = col.t[row] = col.percentile[row] = nan_value;
    }
  }
  if (kind == RowKind::ok) {
    out.status[row].assign("ok", 2);
  } else {
    out.status[row] = s.status;
  }
  if (p.opt->invalid == InvalidPolicy::missing) out.invalid_values[row] = s.invalid_text;
}

// Rows [first, last): read, scored, stored, counted into `sum` (and its statistics).
void score_range(const RowPlan& p, std::span<const AnswerColumn> items,
                 std::span<const std::uint8_t> rest_blank, std::size_t first, std::size_t last,
                 ColumnScores& out, BatchSummary& sum) {
  RowScratch s;
  const SmallNumbers small(p, items);
  stats::Accumulator* acc = sum.stats ? &*sum.stats : nullptr;
  for (std::size_t row = first; row < last; ++row) {
    batch_detail::start_row(p, s);
    const bool blank = !rest_blank.empty() && rest_blank[row] != 0;
    bool scored = false;
    const RowKind kind =
        batch_detail::finish_row(p, read_columns_row(p, small, items, row, blank, s), s, scored);
    store_row(p, row, scored, kind, s, out);
    batch_detail::add_to_stats(p, kind, s, acc);
    batch_detail::count(sum, kind);
    batch_detail::note_answers(kind, s, sum);
    if (s.careless && s.careless->flags.any()) ++sum.careless_flagged;
    if (kind != RowKind::invalid && kind != RowKind::parse_error) {
      sum.treated_missing += s.invalid_items.size();
    }
  }
  batch_detail::flush_stats(s, acc);
}

// Room for every output column of `rows` rows.
void size_columns(const RowPlan& p, std::size_t rows, ColumnScores& out) {
  out.scales.resize(p.steps.scales.size());
  for (std::size_t sc = 0; sc < out.scales.size(); ++sc) {
    ColumnScores::Scale& col = out.scales[sc];
    for (std::vector<double>* v : {&col.score, &col.answered, &col.missing}) v->resize(rows);
    if (p.steps.scales[sc].norm == nullptr) continue;
    for (std::vector<double>* v : {&col.z, &col.t, &col.percentile}) v->resize(rows);
  }
  out.status.resize(rows);
  if (p.opt->invalid == InvalidPolicy::missing) out.invalid_values.resize(rows);
}

}  // namespace

ColumnScores score_columns(const Instrument& instrument, const BatchOptions& options,
                           std::span<const AnswerColumn> items, std::size_t rows,
                           std::span<const std::uint8_t> rest_blank) {
  const auto start = std::chrono::steady_clock::now();
  ColumnScores out;
  // Checks the names the caller passes through against the added ones (703) and the norm set.
  out.columns = batch_output_columns(instrument, options);
  if (items.size() != instrument.items().size()) {
    throw Error(ErrorCode::table_mapping, "score_columns",
                std::to_string(items.size()) + " answer columns were given, but " +
                    instrument.id() + " has " + std::to_string(instrument.items().size()) +
                    " items: pass one column per item, in item order");
  }
  if (!rest_blank.empty() && rest_blank.size() != rows) {
    throw Error(ErrorCode::table_mapping, "score_columns",
                "rest_blank has " + std::to_string(rest_blank.size()) + " flags for " +
                    std::to_string(rows) + " rows: give one per row, or none");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].data == nullptr && rows > 0) {
      throw Error(ErrorCode::table_mapping, "score_columns",
                  "answer column " + std::to_string(i + 1) + " has no data");
    }
  }
  // The plan of a table whose header is the item columns: the id and kept columns stay with
  // the caller, who passes them through.
  BatchOptions own = options;
  own.id_column.clear();
  own.keep.clear();
  own.decimal = options.decimal == DecimalMark::comma ? DecimalMark::comma : DecimalMark::point;
  const std::vector<std::string> names = item_columns(instrument, own.columns);
  RowPlan plan = batch_detail::make_plan(instrument, own, names, "score_columns", 0);
  size_columns(plan, rows, out);
  BatchSummary& sum = out.summary;
  sum.delimiter = '\0';
  sum.decimal_comma = plan.decimal_comma;
  sum.careless = own.careless.has_value();
  if (own.stats) sum.stats = stats::make_accumulator(stats::layout_of(instrument));

  // Row ranges on threads, each with its own counts and statistics, added in row order.
  const std::size_t want = std::max<std::size_t>(1, own.threads);
  const std::size_t parts = std::min(want, std::max<std::size_t>(1, rows / 4096));
  std::vector<BatchSummary> part_sums(parts);
  for (BatchSummary& ps : part_sums) {
    if (own.stats) ps.stats = stats::make_accumulator(stats::layout_of(instrument));
  }
  const auto bounds = [&](std::size_t k) { return rows * k / parts; };
  if (parts == 1) {
    score_range(plan, items, rest_blank, 0, rows, out, part_sums[0]);
  } else {
    std::vector<std::exception_ptr> failures(parts);
    std::vector<std::thread> workers;
    workers.reserve(parts);
    for (std::size_t k = 0; k < parts; ++k) {
      workers.emplace_back([&, k] {
        try {
          score_range(plan, items, rest_blank, bounds(k), bounds(k + 1), out, part_sums[k]);
        } catch (...) {
          failures[k] = std::current_exception();
        }
      });
    }
    for (std::thread& w : workers) w.join();
    for (const std::exception_ptr& f : failures) {
      if (f) std::rethrow_exception(f);
    }
  }
  for (const BatchSummary& ps : part_sums) batch_detail::add(sum, ps);
  sum.warnings = batch_warnings(instrument, sum);
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace securebase
