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
#include "securebase/stats/checks.hpp"

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

/// Parses "Strongly agree=7,Agree=6,Refused=NA" (entries separated by ';' instead when the
/// text holds one). Throws 704 naming the entry when it has no
/// '=', an empty text, or a value that is not NA or a whole number on the response scale.
std::vector<RecodeEntry> parse_recode(const Instrument& instrument, std::string_view text);

/// How answer cells write a decimal fraction.
enum class DecimalMark {
  detect,  ///< a point, unless a ';'-delimited table's answers look like "1,00" (then a comma)
  point,   ///< "2.5"
  comma,   ///< "2,5" (German, French, ... locale exports)
};

/// Options of a batch run (everything but the input and the output).
struct BatchOptions {
  ColumnSpec columns;             ///< item columns
  std::string id_column;          ///< passed through; empty = none
  std::vector<std::string> keep;  ///< further columns passed through
  /// Put before every column name securebase adds (line, scores, status, ...) in CSV/TSV.
  std::string prefix;
  std::vector<std::string> missing_codes;        ///< answers meaning missing, e.g. "-99"
  std::vector<RecodeEntry> recode;               ///< text answers and their values
  DecimalMark decimal = DecimalMark::detect;     ///< how answer cells write fractions
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
  /// The input's text encoding (an iconv name) for SPSS/Stata files (a CSV/TSV's is set on its
  /// TableReader); empty = as the file says.
  std::string encoding;
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
  std::uint64_t empty = 0;              ///< status empty: every field blank (kept, not scored)
  std::uint64_t treated_missing = 0;    ///< invalid answers counted as missing (InvalidPolicy)
  std::uint64_t careless_flagged = 0;   ///< rows with any careless-responding flag
  std::uint64_t careless_excluded = 0;  ///< flagged rows excluded (status careless:...)
  std::uint64_t rows_skipped = 0;       ///< rows skipped after the header (Qualtrics, --skip-rows)
  bool qualtrics = false;               ///< a Qualtrics export was detected
  bool decimal_comma = false;           ///< answers were read with a decimal comma
  bool decimal_detected = false;        ///< ... because the answers looked like "1,00"
  bool careless = false;                ///< careless-responding indices were computed
  char delimiter = ',';                 ///< the input's delimiter ('\0' for SPSS/Stata)
  std::string encoding = "UTF-8";       ///< the encoding the input was read from
  double seconds = 0;                   ///< wall time of the run
  /// The answers of the rows with any answer among ok and incomplete rows (the range check).
  stats::AnswerRange answers;
  /// Warnings that go with the run summary (e.g. an end of the response scale never used).
  std::vector<std::string> warnings;
  /// With BatchOptions::stats: raw answers and scale scores of every row whose status is ok or
  /// incomplete and that has an item answered (invalid, parse_error and empty rows, and rows
  /// with nothing answered, are left out), merged in input order.
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

/// One item's answers already in memory (a data frame's column, a matrix's column): `rows`
/// cells from `data`, `stride` elements apart. The cell types bindings hand over without a copy.
struct AnswerColumn {
  enum class Type {
    f64,   ///< double; NaN = missing
    i32,   ///< 32-bit integer; INT32_MIN (R's NA_integer_) = missing
    i64,   ///< 64-bit integer
    text,  ///< std::string_view, read like a CSV cell (labels, NA, --recode, missing codes)
  };
  const void* data = nullptr;  ///< the first cell
  Type type = Type::f64;       ///< what each cell is
  std::size_t stride = 1;      ///< elements (not bytes) from one row's cell to the next
};

/// The scores of answers in memory, in columns: what run_batch writes, as numbers.
struct ColumnScores {
  /// One scale's output columns; NaN where run_batch writes an empty cell.
  struct Scale {
    std::vector<double> score;             ///< the scale score
    std::vector<double> answered;          ///< items answered (NaN when the row is not scored)
    std::vector<double> missing;           ///< items missing (NaN when the row is not scored)
    std::vector<double> z, t, percentile;  ///< with BatchOptions::norm_set only (else empty)
  };
  std::vector<std::string> columns;  ///< batch_output_columns of the options
  std::vector<Scale> scales;         ///< by scale index
  std::vector<std::string>
      status;  ///< per row: "ok", "incomplete:...", "invalid:COL=VALUE", "empty"
  std::vector<std::string> invalid_values;  ///< per row, with InvalidPolicy::missing only
  BatchSummary summary;  ///< counts, warnings (range check) and BatchOptions::stats
};

/// Scores `rows` respondents whose answers are in memory, one column per item in item order
/// (item_columns names them in statuses), with the rules of run_batch: the same statuses,
/// numbers, counts, warnings and statistics as run_batch on the same cells written as a table.
/// `rest_blank` (empty, or one flag per row) marks rows whose other columns are all blank: such
/// a row with no answer is "empty", as a spreadsheet's blank trailing row is in run_batch.
/// BatchOptions' id_column, keep and prefix name the columns the caller passes through (703
/// on a collision); format, skip_rows, detect_qualtrics, decimal and progress do not apply.
/// Throws 704 (a column count other than the items'), 301 (unknown norm set), 703.
ColumnScores score_columns(const Instrument& instrument, const BatchOptions& options,
                           std::span<const AnswerColumn> items, std::size_t rows,
                           std::span<const std::uint8_t> rest_blank = {});

/// The output column names of a run: line, the --id and --keep columns under their own names,
/// the scale columns, status (and invalid_values), the added ones after BatchOptions::prefix.
/// Throws 301 for an unknown norm set and 703 when two output columns would share a name.
std::vector<std::string> batch_output_columns(const Instrument& instrument,
                                              const BatchOptions& options);

/// The warnings of a finished run: an end of the response scale no answer uses although the
/// sample is large enough (stats::unused_range_end), naming the embedded instruments with the
/// same number of items on the scale the answers fit. Empty when there is nothing to say.
std::vector<std::string> batch_warnings(const Instrument& instrument, const BatchSummary& summary);

/// The run summary as one JSON document: instrument id, version, key fingerprint, library
/// version, options, counts, warnings (careless_flagged and careless_excluded with careless on),
/// time and each scale's rule.
std::string to_batch_summary_json(const Instrument& instrument, const BatchOptions& options,
                                  const BatchSummary& summary, std::string_view output_name);

/// The run summary for people: "1000 rows: 990 ok, 8 incomplete, ... in 0.41 s (2439 rows/s)";
/// with careless-responding indices, "; 3 rows flagged as careless, 2 excluded".
std::string render_batch_summary_text(const BatchSummary& summary);

}  // namespace securebase

SECUREBASE_API_END
