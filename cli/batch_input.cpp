#include "batch_input.hpp"

#include <algorithm>
#include <filesystem>
#include <istream>
#include <ostream>
#include <thread>

#include "app.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/io/table.hpp"

namespace securebase::cli {

namespace {

char delimiter_option(std::string_view command, const std::string& value) {
  if (value.empty()) return 0;
  if (value == "comma" || value == ",") return ',';
  if (value == "semicolon" || value == ";") return ';';
  if (value == "tab" || value == "\\t" || value == "\t") return '\t';
  throw UsageError(std::string(command), "option '--delimiter' is '" + value +
                                             "', but must be one of: comma, semicolon, tab");
}

}  // namespace

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t end = text.find(',', i);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(i, end - i);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(part);
    i = end + 1;
  }
  return out;
}

void check_output_path(const std::string& output, const std::string& input, bool force,
                       std::string_view what) {
  std::error_code ec;
  const std::filesystem::path out_path(output);
  if (input != "-" && std::filesystem::exists(out_path, ec) &&
      std::filesystem::equivalent(out_path, std::filesystem::path(input), ec)) {
    throw Error(ErrorCode::table_output, output,
                "is the input file; write the " + std::string(what) + " to another file");
  }
  // A device or pipe (/dev/null, /dev/stdout) is written to, never replaced: no --force needed.
  // /dev/stdout may lead to a regular file (a shell redirection); it is written to all the same.
  if (is_stream_path(out_path)) return;
  const auto status = std::filesystem::status(out_path, ec);
  if (!force && std::filesystem::exists(status) &&
      (std::filesystem::is_regular_file(status) || std::filesystem::is_directory(status))) {
    throw Error(ErrorCode::table_output, output,
                "already exists; give --force to replace it, or choose another " +
                    std::string(what) + " file");
  }
}

void add_batch_input_options(po::options_description& desc, BatchInputArgs& a) {
  desc.add_options()("instrument,i", po::value(&a.instrument),
                     "embedded instrument id (see 'instruments list') or file")(
      "input", po::value(&a.input), "the table: .csv, .tsv, .txt, .sav, .dta, or - for stdin")(
      "columns,c", po::value(&a.columns),
      "column name pattern, {n} = item number in the order: 'ECR_{n}', 'Q{n:02}'")(
      "map", po::value(&a.map), "item=column pairs: 'i01=Q3_1,2=Q3_2,...' (item id or number)")(
      "map-file", po::value(&a.map_file), "a file of item=column lines ('#' comments)")(
      "order", po::value(&a.order), "the item order {n} and numbers refer to (default canonical)")(
      "missing-codes", po::value(&a.missing_codes), "answers that mean missing: '-99,0,9'")(
      "recode", po::value(&a.recode),
      "text answers and their values: 'Strongly agree=7,...' (or separated by ';')")(
      "decimal", po::value(&a.decimal),
      "decimal mark of the answers: point or comma (default: comma when a ';'-delimited "
      "file's answers look like '1,00')")("decimal-comma", "the same as --decimal comma")(
      "invalid", po::value(&a.invalid)->default_value("error"),
      "an answer off the scale: error (row status invalid) or missing (counted missing, listed)")(
      "method,m", po::value(&a.method),
      "mean or sum (prorated) for every scale; default: as declared")(
      "score", po::value(&a.score), "the old name of --method (deprecated)")(
      "delimiter", po::value(&a.delimiter), "input delimiter: comma, semicolon or tab (detected)")(
      "encoding", po::value(&a.encoding),
      "input encoding, if not UTF-8: windows-1252, latin1, utf-16le, ... (iconv -l)")(
      "skip-rows", po::value(&a.skip_rows), "rows to skip after the header (e.g. label rows)")(
      "no-qualtrics", "do not detect and skip Qualtrics' extra header rows")(
      "threads", po::value(&a.threads),
      "threads for parsing and scoring (default 0: one per core)")(
      "max-record-bytes", po::value(&a.max_record_bytes),
      "longest row accepted, in bytes, or with K, M or G (default 64M; see docs/limits.md)")(
      "max-columns", po::value(&a.max_columns),
      "most header columns accepted (default 1000000; see docs/limits.md)");
}

namespace {

// A size in bytes with an optional binary suffix K, M or G ("64M"); UsageError otherwise.
std::size_t byte_size_option(const std::string& cmd, const std::string& option,
                             const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const std::string suffix = text.substr(digits);
  int shift = -1;
  if (suffix.empty()) shift = 0;
  if (suffix == "K" || suffix == "k") shift = 10;
  if (suffix == "M" || suffix == "m") shift = 20;
  if (suffix == "G" || suffix == "g") shift = 30;
  const std::string usage = "option '--" + option + "' is '" + text +
                            "', but must be a whole number of bytes from 1, optionally with K, M "
                            "or G (e.g. 256M)";
  if (digits == 0 || digits > 12 || shift < 0) throw UsageError(cmd, usage);
  const std::size_t value = std::stoull(text.substr(0, digits)) << shift;
  if (value == 0) throw UsageError(cmd, usage);
  return value;
}

// The scoring-method override: --method, or its old name --score with a note on `err` (not
// both). UsageError naming the option used when the value is not mean or sum.
std::string method_option(std::string_view command, const BatchInputArgs& a, std::ostream& err) {
  if (a.score.empty()) {
    if (!a.method.empty()) check_choice(command, "method", a.method, {"mean", "sum"});
    return a.method;
  }
  if (!a.method.empty()) {
    throw UsageError(std::string(command),
                     "options '--method' and '--score' cannot be combined; --score is the old "
                     "name of --method");
  }
  err << "securebase " << command
      << ": note: --score is deprecated and will be removed; use --method (the same option)\n";
  check_choice(command, "score", a.score, {"mean", "sum"});
  return a.score;
}

// --decimal point|comma (also '.' and ','), or --decimal-comma; detected when neither.
DecimalMark decimal_option(std::string_view command, const std::string& value, bool comma_flag) {
  const std::string cmd(command);
  if (comma_flag && !value.empty() && value != "comma" && value != ",") {
    throw UsageError(cmd, "options '--decimal " + value + "' and '--decimal-comma' disagree");
  }
  if (comma_flag || value == "comma" || value == ",") return DecimalMark::comma;
  if (value.empty()) return DecimalMark::detect;
  if (value == "point" || value == ".") return DecimalMark::point;
  throw UsageError(cmd, "option '--decimal' is '" + value + "', but must be point or comma");
}

}  // namespace

BatchInput make_batch_input(std::string_view command, const BatchInputArgs& a,
                            const po::variables_map& vm, std::ostream& err) {
  const std::string cmd(command);
  check_choice(command, "invalid", a.invalid, {"error", "missing"});
  const std::string method = method_option(command, a, err);
  if (a.instrument.empty()) throw UsageError(cmd, "option '--instrument' is required");
  if (a.input.empty()) throw UsageError(cmd, "an INPUT file (or - for standard input) is required");
  if (!a.map.empty() && !a.map_file.empty())
    throw UsageError(cmd, "options '--map' and '--map-file' cannot be combined");
  if (a.threads > 256) {
    throw UsageError(cmd, "option '--threads' is " + std::to_string(a.threads) +
                              ", but must be from 1 to 256 (0 = one per core)");
  }
  const char delim = delimiter_option(command, a.delimiter);

  Limits limits;
  if (!a.max_record_bytes.empty())
    limits.max_record_bytes = byte_size_option(cmd, "max-record-bytes", a.max_record_bytes);
  if (a.max_columns == 0) {
    throw UsageError(cmd, "option '--max-columns' is 0, but must be at least 1");
  }
  limits.max_columns = a.max_columns;

  BatchInput b{load_instrument(a.instrument), {}, delim, limits};
  BatchOptions& o = b.options;
  o.columns.pattern = a.columns;
  o.columns.order = a.order;
  if (!a.map.empty()) {
    o.columns.map = a.map;
    o.columns.map_source = "--map";
  } else if (!a.map_file.empty()) {
    o.columns.map = read_file(a.map_file);
    o.columns.map_source = a.map_file;
  }
  o.decimal = decimal_option(command, a.decimal, vm.count("decimal-comma") > 0);
  o.missing_codes = split_list(a.missing_codes);
  if (!a.recode.empty()) o.recode = parse_recode(b.instrument, a.recode);
  o.invalid = a.invalid == "missing" ? InvalidPolicy::missing : InvalidPolicy::error;
  if (!method.empty()) o.method = method == "sum" ? ScaleMethod::sum : ScaleMethod::mean;
  o.threads = a.threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : a.threads;
  o.skip_rows = a.skip_rows;
  o.detect_qualtrics = vm.count("no-qualtrics") == 0;
  o.input_name = a.input == "-" ? "<stdin>" : a.input;
  o.encoding = a.encoding;
  return b;
}

BatchSummary run_batch_input(const BatchInput& b, const std::string& input, std::istream& in,
                             const BatchWriter& write) {
  if (input != "-" && is_stat_file_path(input))
    return run_batch_stat_file(b.instrument, b.options, input, write);
  if (input == "-") {
    TableReader reader(in, "<stdin>", b.delimiter, b.limits);
    reader.set_encoding(b.options.encoding);
    return run_batch(b.instrument, b.options, reader, write);
  }
  TableReader reader(std::filesystem::path(input), b.delimiter, b.limits);
  reader.set_encoding(b.options.encoding);
  return run_batch(b.instrument, b.options, reader, write);
}

stats::Missing missing_option(std::string_view command, const std::string& value) {
  check_choice(command, "missing", value, {"pairwise", "listwise"});
  return value == "listwise" ? stats::Missing::listwise : stats::Missing::pairwise;
}

}  // namespace securebase::cli
