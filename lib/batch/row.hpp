// securebase batch: one row read, scored through the per-scale step and handed to the writer
// of the run's format; the row statuses, counts and statistics of a chunk (internal).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "batch/plan.hpp"
#include "batch/text.hpp"
#include "io/table_fields.hpp"
#include "securebase/batch/batch.hpp"
#include "securebase/stats/careless.hpp"

namespace securebase::batch_detail {

/// What became of a row; each is counted in the summary.
enum class RowKind { ok, incomplete, invalid, parse_error, careless, empty };

/// Per-thread buffers reused from row to row.
struct RowScratch {
  std::vector<double> values;               ///< the row's answers by item, NaN = missing
  std::vector<double> scores;               ///< scale scores of a row, for the statistics
  std::vector<std::uint32_t> slow;          ///< items of a row whose answer needs classify()
  std::size_t out_used = 0;                 ///< bytes of the chunk's output written so far
  std::optional<stats::Careless> careless;  ///< the row's careless-responding indices, if any
  stats::RowBlock block;                    ///< rows waiting to be added to the statistics
  std::vector<RawScore> raw;                ///< the kernel's result per scale
  std::vector<ScaleOutcome> outcomes;       ///< the scoring step's result per scale
  std::vector<std::size_t> items;           ///< item lists of --explain
  std::vector<std::size_t> invalid_items;   ///< items with an invalid answer
  std::string status;                       ///< the status when not "ok"
  bool any_answer = false;                  ///< the row has at least one item answered
  std::string invalid_text;                 ///< COLUMN=VALUE;... of the invalid answers
  std::vector<std::string_view> fields;     ///< the row's fields
  std::string unescaped;                    ///< room for quoted fields unescaped
  NumberCache numbers;                      ///< text of recent numbers
};

/// A row read and scored, as a writer takes it.
struct Row {
  std::span<const std::string_view> fields;  ///< the input fields
  std::uint64_t line = 0;                    ///< input line (SPSS/Stata: case number)
  RowKind kind = RowKind::ok;                ///< what became of it
  bool scored = false;                       ///< scores are written (ok or incomplete)
  std::string_view status;                   ///< "ok" or the status text
};

/// Clears a row's status, invalid answers and outcomes before it is read.
void start_row(const RowPlan& p, RowScratch& s);

/// Scores a row read as `read` (its values, invalid answers and any_answer in `s`): every
/// scale's step and the careless-responding indices; `scored` tells whether scores are written.
RowKind finish_row(const RowPlan& p, RowKind read, RowScratch& s, bool& scored);

/// Lists the invalid answers of a row as COLUMN=VALUE;... (s.invalid_text).
void add_invalid(const RowPlan& p, std::size_t item, std::string_view value, RowScratch& s);

/// Reads, scores and writes one row at RowScratch::out_used of `out`; returns its kind.
RowKind process_row(const RowPlan& p, std::span<const std::string_view> fields,
                    const SplitRecord& split, std::uint64_t line, std::string& out, RowScratch& s);

/// Field `i`, or empty past the end of a short row.
inline std::string_view field_or_empty(std::span<const std::string_view> fields, std::size_t i) {
  return i < fields.size() ? fields[i] : std::string_view();
}

/// The raised careless-responding flags as "longstring;irv" (empty when none).
std::string careless_flag_names(const stats::CarelessFlags& f);

/// The numeric careless-responding indices of a row in output order (irv, mahalanobis_d2,
/// mahalanobis_p, even_odd), NaN where an index has no value.
std::array<double, 4> careless_values(const stats::Careless& c);

/// The answered reversed items (or the missing items) of scale `scale`, by id, space-separated.
void item_list(const RowPlan& p, std::size_t scale, RowScratch& s, bool reversed, std::string& out);

/// "exact", "at_most" or "at_least".
const char* bound_name(PercentileBound bound) noexcept;

/// Counts a row in a summary.
void count(BatchSummary& sum, RowKind kind);

/// Notes the answers of a row with any answer among ok and incomplete rows (the range check).
void note_answers(RowKind kind, const RowScratch& s, BatchSummary& sum);

/// Adds a chunk's counts (and statistics) to the run's.
void add(BatchSummary& into, const BatchSummary& part);

/// Adds a processed row to the statistics: scored rows (ok or incomplete) with any answer.
void add_to_stats(const RowPlan& p, RowKind kind, RowScratch& s, stats::Accumulator* acc);

/// Adds the rows still waiting in the scratch block to the statistics.
void flush_stats(RowScratch& s, stats::Accumulator* acc);

}  // namespace securebase::batch_detail
