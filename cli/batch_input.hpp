// securebase CLI: the input options that `batch` and `stats FILE` share (instrument, columns,
// missing codes, ...), parsed once, and the run of the batch pipeline on an input file.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "options.hpp"
#include "securebase/batch/batch.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/io/limits.hpp"
#include "securebase/stats/summary.hpp"

namespace securebase::cli {

/// The raw values of the shared input options, as given on the command line.
struct BatchInputArgs {
  std::string instrument;        ///< --instrument
  std::string input;             ///< the positional INPUT ("-" = standard input)
  std::string delimiter;         ///< --delimiter
  std::string columns;           ///< --columns
  std::string map;               ///< --map
  std::string map_file;          ///< --map-file
  std::string order;             ///< --order
  std::string missing_codes;     ///< --missing-codes
  std::string recode;            ///< --recode
  std::string decimal;           ///< --decimal (point, comma; empty = detect)
  std::string encoding;          ///< --encoding (an iconv name; empty = UTF-8 or UTF-16 BOM)
  std::string invalid;           ///< --invalid
  std::string method;            ///< --method
  std::string score;             ///< --score, the old name of --method (deprecated)
  std::size_t skip_rows = 0;     ///< --skip-rows
  unsigned threads = 0;          ///< --threads (0 = one per core)
  std::string max_record_bytes;  ///< --max-record-bytes ("64M"; empty = the default)
  std::size_t max_columns = default_max_columns;  ///< --max-columns
};

/// Adds the shared input options to `desc`, storing into `args` (INPUT is positional: the
/// caller adds "input" to its positional description).
void add_batch_input_options(po::options_description& desc, BatchInputArgs& args);

/// An instrument and the batch options built from the shared input options.
struct BatchInput {
  Instrument instrument;  ///< the loaded instrument
  BatchOptions options;   ///< columns, codes, recode, invalid, method, threads, rows to skip
  char delimiter = 0;     ///< the --delimiter (0 = detect)
  Limits limits;          ///< --max-record-bytes and --max-columns for the table reader
};

/// Checks the shared options (UsageError naming `command`), loads the instrument and builds
/// the options; throws Error for an unknown instrument or unreadable map file. Notes (the
/// deprecated --score) go to `err`.
BatchInput make_batch_input(std::string_view command, const BatchInputArgs& args,
                            const po::variables_map& vm, std::ostream& err);

/// Runs the batch pipeline on `input` (a CSV/TSV path, "-" for `in`, or a .sav/.dta path).
BatchSummary run_batch_input(const BatchInput& batch, const std::string& input, std::istream& in,
                             const BatchWriter& write);

/// Parses a --missing value: pairwise or listwise (UsageError naming `command` otherwise).
stats::Missing missing_option(std::string_view command, const std::string& value);

/// Refuses to overwrite the input, or an existing file without --force (705); `what` names the
/// file's role in the message ("output", "summary", ...).
void check_output_path(const std::string& output, const std::string& input, bool force,
                       std::string_view what);

/// Splits "a, b,c" at commas, trimming spaces and dropping empty parts.
std::vector<std::string> split_list(const std::string& text);

}  // namespace securebase::cli
