// securebase: errors with a stable code, a location and a sentence a user can act on.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Stable error codes, grouped by family (the hundreds: 1xx ... 9xx, then 10xx). Numbers never
/// change meaning; docs/errors.md lists each with an example and a tip.
enum class ErrorCode : int {
  // instrument files (1xx)
  instrument_syntax = 101,         ///< the file is not valid JSON
  instrument_missing_field = 102,  ///< a required member is absent
  instrument_wrong_type = 103,     ///< a member has the wrong JSON type
  instrument_bad_value = 104,      ///< a member's value is outside what is allowed
  instrument_duplicate = 105,      ///< an id or number is declared twice
  instrument_dangling = 106,       ///< a reference names something that does not exist
  instrument_unknown = 107,        ///< no embedded instrument has this id and no file has this path
  instrument_unknown_field = 108,  ///< a member that the format does not define (a likely typo)
  // respondent answers (2xx)
  answers_syntax = 201,        ///< the answers text is neither a JSON object nor an item=value list
  answers_unknown_item = 202,  ///< an answer names an item the instrument does not have
  answers_out_of_range = 203,  ///< a value lies outside the response scale
  answers_not_integer = 204,   ///< a value is not a whole number
  answers_duplicate = 205,     ///< the same item is answered twice
  // norms (3xx)
  norms_unknown_set = 301,   ///< no norm set of that id in the instrument
  norms_scale_absent = 302,  ///< the norm set has no values for that scale
  // result documents (4xx)
  result_syntax = 401,        ///< a result file is not valid JSON
  result_schema = 402,        ///< a result file does not follow the result schema
  result_version = 403,       ///< a result file was written by a newer, incompatible schema
  result_incomparable = 404,  ///< two results are not on the same metric (different keys)
  // text files (5xx)
  text_syntax = 501,        ///< an item-text file is not valid JSON or misses a member
  text_unknown_item = 502,  ///< an item-text file names an item the instrument does not have
  text_mismatch = 503,      ///< an item-text file belongs to another instrument or has wrong labels
  text_language = 504,      ///< no text (items or feedback) in the requested language
  // files and streams (6xx)
  io_read = 601,   ///< a file could not be read
  io_write = 602,  ///< a file could not be written
  io_limit = 603,  ///< a file or standard input is larger than the size limit
  // research tables for batch scoring (7xx)
  table_syntax = 701,            ///< a CSV/TSV is malformed (e.g. a quote never closed)
  table_column_missing = 702,    ///< a mapped column is not in the header
  table_column_duplicate = 703,  ///< a header names a mapped column twice, or two items map to one
  table_mapping = 704,           ///< a --columns pattern, --map or --recode is not understood
  table_output = 705,  ///< the output would overwrite the input, or exists without --force
  table_format = 706,  ///< a data file (e.g. .sav, .dta) cannot be read as a table
  // sessions and saved results of `take` (8xx)
  session_corrupt = 801,  ///< a saved session file cannot be read back
  session_no_text = 802,  ///< the instrument has no item text in the chosen language
  session_state = 803,    ///< the state directory cannot be created or is not private
  // internal (9xx)
  internal = 901,  ///< a bug in securebase: please report it
  // statistics partials, summaries and checks (10xx)
  stats_partial_syntax = 1001,   ///< a statistics partial is not valid JSON
  stats_partial_schema = 1002,   ///< a statistics partial does not follow the partial format
  stats_partial_version = 1003,  ///< a statistics partial was written under another version
  stats_incomparable = 1004,     ///< partials over different layouts (instruments, keys, items)
  stats_covariance = 1005,       ///< a mean vector or covariance matrix does not fit the items
  stats_parameter = 1006,  ///< a check's parameter (published value, threshold) is out of range
};

/// One problem found, with where it is: "file:line:column" or "file: /json/pointer".
struct Diagnostic {
  ErrorCode code;       ///< what kind of problem
  std::string where;    ///< location a user can go to
  std::string message;  ///< what is wrong and what was expected
};

/// The one exception type securebase throws; holds every problem found, the first one leading.
class Error : public std::runtime_error {
 public:
  /// A single problem.
  Error(ErrorCode code, std::string where, std::string message);
  /// Several problems found at once (must not be empty); the first one is the headline.
  explicit Error(std::vector<Diagnostic> problems);

  /// Code of the first problem.
  [[nodiscard]] ErrorCode code() const noexcept { return problems_.front().code; }
  /// Location of the first problem.
  [[nodiscard]] const std::string& where() const noexcept { return problems_.front().where; }
  /// Sentence of the first problem.
  [[nodiscard]] const std::string& message() const noexcept { return problems_.front().message; }
  /// Every problem found, in the order found.
  [[nodiscard]] const std::vector<Diagnostic>& problems() const noexcept { return problems_; }

 private:
  std::vector<Diagnostic> problems_;
};

/// "instrument", "answers", ... : the family name of a code.
std::string_view error_family(ErrorCode code) noexcept;

/// "securebase.instrument.104": the stable, printable identifier of a code.
std::string error_id(ErrorCode code);

/// "[securebase.instrument.104] where: message": one problem as one line.
std::string format_diagnostic(const Diagnostic& d);

/// Every defined code, for catalogue checks.
const std::vector<ErrorCode>& all_error_codes();

}  // namespace securebase

SECUREBASE_API_END
