// securebase: streaming batch scoring of research tables, one output row per input row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/io/table.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/careless.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// What to do with an answer that is neither missing nor a whole number on the response scale.
enum class InvalidPolicy {
  error,    ///< the row is not scored; its status is invalid:COLUMN=VALUE
  missing,  ///< the answer counts as missing and is listed in the invalid_values column
};

/// The output format of a batch run.
enum class BatchFormat { csv, tsv, jsonl };

/// Where each item's answers are in a table: by column name, never by position.
struct ColumnSpec {
  std::string pattern;     ///< e.g. "ECR_{n}" or "Q{n:02}": {n} = position in the order
  std::string map;         ///< "ITEM=COLUMN,..." with ITEM an item id or a position number
  std::string map_source;  ///< names the map in errors: "--map" or the map file's path
  std::string order;       ///< order id for {n} and numbers; empty = the canonical order
};

/// The column of every item (index = item index). With neither pattern nor map, the item ids.
/// Throws 704 (pattern, map entry, unknown item or order, item unmapped) and 703 (two items
/// mapped to one column), each listing every problem.
std::vector<std::string> item_columns(const Instrument& instrument, const ColumnSpec& spec);

/// One --recode entry: a text (compared trimmed and case-insensitively) and its value.
struct RecodeEntry {
  std::string text;  ///< the answer as exported, e.g. "Strongly agree"
  double value = 0;  ///< the answer it stands for; NaN = missing
};

/// Parses "Strongly agree=7,Agree=6,Refused=NA". Throws 704 naming the entry when it has no
/// '=', an empty text, or a value that is not NA or a whole number on the response scale.
std::vector<RecodeEntry> parse_recode(const Instrument& instrument, std::string_view text);

/// Options of a batch run (everything but the input and the output).
struct BatchOptions {
  ColumnSpec columns;                            ///< item columns
  std::string id_column;                         ///< passed through; empty = none
  std::vector<std::string> keep;                 ///< further columns passed through
  std::vector<std::string> missing_codes;        ///< answers meaning missing, e.g. "-99"
  std::vector<RecodeEntry> recode;               ///< text answers and their values
  InvalidPolicy invalid = InvalidPolicy::error;  ///< invalid answers: row status or missing
  std::optional<ScaleMethod> method;             ///< override every scale's method
  std::string norm_set;                          ///< z/T/percentile columns; empty = none
  bool explain = false;                          ///< reversed/missing items, rule per scale
  bool stats = false;  ///< accumulate statistics (BatchSummary::stats) over the scored rows
  /// Careless-responding indices and flags as extra columns, for rows with answers read (ok or
  /// incomplete); the setup's layout must be stats::layout_of(instrument).
  std::optional<stats::CarelessSetup> careless;
  /// Flagged rows get status careless:FLAGS and no scores, and are left out of the statistics.
  bool exclude_careless = false;
  BatchFormat format = BatchFormat::csv;  ///< output format
  /// Keep passed-through text as it is in CSV/TSV (no leading ' before =, +, -, @, tab or CR).
  bool raw_text = false;
  unsigned threads = 1;          ///< worker threads (1 = all inline)
  std::size_t skip_rows = 0;     ///< rows to skip after the header
  bool detect_qualtrics = true;  ///< skip Qualtrics' two extra header rows
  std::string input_name;        ///< recorded in the summary
  /// Called after each block written, with bytes read and the input size (0 when unknown).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

/// Counts and facts of a finished run.
struct BatchSummary {
  std::uint64_t rows = 0;               ///< data rows read (= rows written)
  std::uint64_t ok = 0;                 ///< status ok
  std::uint64_t incomplete = 0;         ///< status incomplete:...
  std::uint64_t invalid = 0;            ///< status invalid:...
  std::uint64_t parse_errors = 0;       ///< status parse_error:...
  std::uint64_t treated_missing = 0;    ///< invalid answers counted as missing (InvalidPolicy)
  std::uint64_t careless_flagged = 0;   ///< rows with any careless-responding flag
  std::uint64_t careless_excluded = 0;  ///< flagged rows excluded (status careless:...)
  std::uint64_t rows_skipped = 0;       ///< rows skipped after the header (Qualtrics, --skip-rows)
  bool qualtrics = false;               ///< a Qualtrics export was detected
  bool careless = false;                ///< careless-responding indices were computed
  char delimiter = ',';                 ///< the input's delimiter ('\0' for SPSS/Stata)
  double seconds = 0;                   ///< wall time of the run
  /// With BatchOptions::stats: raw answers and scale scores of every row whose status is ok or
  /// incomplete (invalid and parse_error rows are left out), merged in input order.
  std::optional<stats::Accumulator> stats;
  /// Rows per second (0 for an instant run).
  [[nodiscard]] double rows_per_second() const noexcept {
    return seconds > 0 ? static_cast<double>(rows) / seconds : 0;
  }
};

/// A sink for output bytes, called in order from the calling thread.
using BatchWriter = std::function<void(std::string_view)>;

/// Scores every data row of a CSV/TSV: reads the header, checks the mapping against it (702,
/// 703 listing every problem, before any row is read), skips Qualtrics or --skip-rows rows, then
/// writes the output header and one row per data row, in input order, parsing and scoring on
/// `options.threads` threads. Bad rows become statuses; throws only for a broken table (701),
/// an unreadable input (601) or an unknown norm set (301).
BatchSummary run_batch(const Instrument& instrument, const BatchOptions& options,
                       TableReader& input, const BatchWriter& write);

/// The same for an SPSS (.sav) or Stata (.dta) file read through io/stat_file.hpp (601, 706).
BatchSummary run_batch_stat_file(const Instrument& instrument, const BatchOptions& options,
                                 const std::filesystem::path& path, const BatchWriter& write);

/// The output column names of a run: line, the --id and --keep columns under their own names,
/// the scale columns, status (and invalid_values). Throws 301 for an unknown norm set.
std::vector<std::string> batch_output_columns(const Instrument& instrument,
                                              const BatchOptions& options);

/// The run summary as one JSON document: instrument id, version, key fingerprint, library
/// version, options, counts (careless_flagged and careless_excluded with careless on), time and
/// each scale's rule.
std::string to_batch_summary_json(const Instrument& instrument, const BatchOptions& options,
                                  const BatchSummary& summary, std::string_view output_name);

/// The run summary for people: "1000 rows: 990 ok, 8 incomplete, ... in 0.41 s (2439 rows/s)";
/// with careless-responding indices, "; 3 rows flagged as careless, 2 excluded".
std::string render_batch_summary_text(const BatchSummary& summary);

}  // namespace securebase

SECUREBASE_API_END
