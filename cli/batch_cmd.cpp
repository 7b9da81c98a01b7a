// `securebase batch --instrument ID INPUT`: score a research table, one output row per input row.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <ostream>
#include <thread>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "securebase/batch.hpp"
#include "securebase/error.hpp"
#include "securebase/instrument.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/table.hpp"

namespace securebase::cli {

namespace {

constexpr const char* usage_text =
    "Usage: securebase batch --instrument ID|FILE INPUT [options]\n\n"
    "Scores every row of a research table (CSV, TSV, SPSS .sav or Stata .dta; '-' reads a\n"
    "CSV/TSV from standard input) and writes one output row per input row, in input order:\n"
    "the input line, the --id and --keep columns, then per scale the score, the number of\n"
    "items answered and missing, and a status for the row:\n"
    "  ok                        every scale scored\n"
    "  incomplete:SCALE[;SCALE]  too few items answered for these scales (others scored)\n"
    "  invalid:COLUMN=VALUE[;..] an answer is not on the response scale or not a number; the\n"
    "                            row is not scored (--invalid missing counts it as missing\n"
    "                            and lists it in an extra invalid_values column instead)\n"
    "  parse_error:...           the row could not be read (e.g. wrong number of fields)\n\n"
    "Columns are found by name, never by position: --columns gives a pattern in which {n}\n"
    "is the item's number in the order (--order; {n:02} pads to 2 digits), --map or\n"
    "--map-file name columns item by item (ITEM=COLUMN, ITEM an item id or number), and\n"
    "without either the columns are the item ids (i01, i02, ...). Every missing or\n"
    "duplicated column is reported before any row is read.\n\n"
    "Empty cells and NA are missing, and so is every --missing-codes value. Answers written\n"
    "as labels ('Strongly agree') are read through the instrument's response labels\n"
    "(any case) or a --recode map. The delimiter (comma, semicolon, tab) is detected from\n"
    "the header; a UTF-8 byte order mark and CRLF line ends are fine. A Qualtrics export's\n"
    "two extra header rows (question text, ImportId) are recognised and skipped.\n\n"
    "The output is written to a temporary file and renamed when complete, so an\n"
    "interrupted run leaves no partial file. A summary goes to standard error.\n\n"
    "Examples:\n"
    "  securebase batch -i ecr-r survey.csv --columns 'ECR_{n}' --id pid -o scores.csv\n"
    "  securebase batch -i ecr-r qualtrics.csv --columns 'Q3_{n}' --id ResponseId \\\n"
    "      --missing-codes -99 --summary run.json -o scores.csv\n"
    "  securebase batch -i ecr-5 data.tsv --map-file items.map --norms osp-2018 --explain\n"
    "  securebase batch -i rq ratings.csv --map 'secure=A,fearful=B,preoccupied=C,"
    "dismissing=D'\n"
    "  cat data.csv | securebase batch -i ecr-r - --columns 'item{n:02}' --format jsonl\n\n";

// The temporary output file, removed by the signal handler on Ctrl-C or SIGTERM.
char g_temporary[4096];

extern "C" void remove_temporary_and_exit(int sig) {
  if (g_temporary[0] != '\0') ::unlink(g_temporary);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// Installs the handler for the lifetime of a run; restores the previous ones after.
class SignalGuard {
 public:
  explicit SignalGuard(const std::filesystem::path& temporary) {
    const std::string t = temporary.string();
    if (t.size() < sizeof g_temporary) std::memcpy(g_temporary, t.c_str(), t.size() + 1);
    old_int_ = std::signal(SIGINT, remove_temporary_and_exit);
    old_term_ = std::signal(SIGTERM, remove_temporary_and_exit);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;
  ~SignalGuard() {
    std::signal(SIGINT, old_int_);
    std::signal(SIGTERM, old_term_);
    g_temporary[0] = '\0';
  }

 private:
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
};

char delimiter_option(const std::string& value) {
  if (value.empty()) return 0;
  if (value == "comma" || value == ",") return ',';
  if (value == "semicolon" || value == ";") return ';';
  if (value == "tab" || value == "\\t" || value == "\t") return '\t';
  throw UsageError("batch", "option '--delimiter' is '" + value +
                                "', but must be one of: comma, semicolon, tab");
}

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

// Refuses to overwrite the input, or an existing file without --force (705).
void check_output_path(const std::string& output, const std::string& input, bool force,
                       std::string_view what) {
  std::error_code ec;
  const std::filesystem::path out_path(output);
  if (input != "-" && std::filesystem::exists(out_path, ec) &&
      std::filesystem::equivalent(out_path, std::filesystem::path(input), ec)) {
    throw Error(ErrorCode::table_output, output,
                "is the input file; write the " + std::string(what) + " to another file");
  }
  if (!force && std::filesystem::exists(out_path, ec)) {
    throw Error(ErrorCode::table_output, output,
                "already exists; give --force to replace it, or choose another " +
                    std::string(what) + " file");
  }
}

// A progress bar on standard error: only for a terminal and a large input file.
struct Progress {
  int last = -1;
  void operator()(std::uint64_t done, std::uint64_t total) {
    if (total == 0) return;
    const int percent = static_cast<int>(done * 100 / total);
    if (percent == last) return;
    last = percent;
    char bar[64];
    const int filled = percent / 5;
    std::snprintf(bar, sizeof bar, "\r[%-20.*s] %3d%%", filled, "####################", percent);
    std::fputs(bar, stderr);
    std::fflush(stderr);
  }
};

}  // namespace

int batch_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                  std::ostream& err) {
  po::options_description desc("Options");
  std::string instrument;
  std::string input;
  std::string output = "-";
  std::string format;
  std::string delimiter;
  std::string columns;
  std::string map;
  std::string map_file;
  std::string order;
  std::string id;
  std::string keep;
  std::string missing_codes;
  std::string recode;
  std::string invalid;
  std::string score;
  std::string norms;
  std::string summary_file;
  std::size_t skip_rows = 0;
  unsigned threads = 0;
  desc.add_options()("help,h", "show this help")(
      "instrument,i", po::value(&instrument),
      "embedded instrument id (see 'instruments list') or file")(
      "input", po::value(&input), "the table: .csv, .tsv, .txt, .sav, .dta, or - for stdin")(
      "output,o", po::value(&output)->default_value("-"), "output file (default: standard output)")(
      "force", "replace an existing output or summary file")(
      "format,f", po::value(&format)->default_value("csv"), "output format: csv, tsv or jsonl")(
      "columns,c", po::value(&columns),
      "column name pattern, {n} = item number in the order: 'ECR_{n}', 'Q{n:02}'")(
      "map", po::value(&map), "item=column pairs: 'i01=Q3_1,2=Q3_2,...' (item id or number)")(
      "map-file", po::value(&map_file), "a file of item=column lines ('#' comments)")(
      "order", po::value(&order), "the item order {n} and numbers refer to (default canonical)")(
      "id", po::value(&id), "respondent id column, passed through")(
      "keep", po::value(&keep), "more columns to pass through: 'age,group'")(
      "missing-codes", po::value(&missing_codes), "answers that mean missing: '-99,0,9'")(
      "recode", po::value(&recode), "text answers and their values: 'Strongly agree=7,...'")(
      "invalid", po::value(&invalid)->default_value("error"),
      "an answer off the scale: error (row status invalid) or missing (counted missing, listed)")(
      "score", po::value(&score), "mean or sum (prorated) for every scale; default: as declared")(
      "norms,n", po::value(&norms), "norm set id: adds z, T and percentile columns")(
      "explain", "add per-scale reversed items, missing items and the rule applied")(
      "delimiter", po::value(&delimiter), "input delimiter: comma, semicolon or tab (detected)")(
      "skip-rows", po::value(&skip_rows), "rows to skip after the header (e.g. label rows)")(
      "no-qualtrics", "do not detect and skip Qualtrics' extra header rows")(
      "threads", po::value(&threads), "threads for parsing and scoring (default 0: one per core)")(
      "summary", po::value(&summary_file), "also write the run summary as JSON to this file")(
      "quiet,q", "no summary on standard error");
  po::positional_options_description pos;
  pos.add("input", 1);
  auto vm = parse_options("batch", args, desc, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return exit_ok;
  }
  check_choice("batch", "format", format, {"csv", "tsv", "jsonl"});
  check_choice("batch", "invalid", invalid, {"error", "missing"});
  if (!score.empty()) check_choice("batch", "score", score, {"mean", "sum"});
  if (instrument.empty()) throw UsageError("batch", "option '--instrument' is required");
  if (input.empty())
    throw UsageError("batch", "an INPUT file (or - for standard input) is required");
  if (!map.empty() && !map_file.empty()) {
    throw UsageError("batch", "options '--map' and '--map-file' cannot be combined");
  }
  const bool force = vm.count("force") > 0;

  const Instrument ins = load_instrument(instrument);
  BatchOptions options;
  options.columns.pattern = columns;
  options.columns.order = order;
  if (!map.empty()) {
    options.columns.map = map;
    options.columns.map_source = "--map";
  } else if (!map_file.empty()) {
    options.columns.map = read_file(map_file);
    options.columns.map_source = map_file;
  }
  options.id_column = id;
  options.keep = split_list(keep);
  options.missing_codes = split_list(missing_codes);
  if (!recode.empty()) options.recode = parse_recode(ins, recode);
  options.invalid = invalid == "missing" ? InvalidPolicy::missing : InvalidPolicy::error;
  if (!score.empty()) options.method = score == "sum" ? ScaleMethod::sum : ScaleMethod::mean;
  options.norm_set = norms;
  options.explain = vm.count("explain") > 0;
  options.format = format == "tsv"     ? BatchFormat::tsv
                   : format == "jsonl" ? BatchFormat::jsonl
                                       : BatchFormat::csv;
  if (threads > 256) {
    throw UsageError("batch", "option '--threads' is " + std::to_string(threads) +
                                  ", but must be from 1 to 256 (0 = one per core)");
  }
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  options.threads = threads;
  options.skip_rows = skip_rows;
  options.detect_qualtrics = vm.count("no-qualtrics") == 0;
  options.input_name = input == "-" ? "<stdin>" : input;
  const char delim = delimiter_option(delimiter);

  // Check everything that does not need the data before reading a byte.
  item_columns(ins, options.columns);
  (void)batch_output_columns(ins, options);  // an unknown norm set (301)
  if (output != "-") check_output_path(output, input, force, "output");
  if (!summary_file.empty()) {
    check_output_path(summary_file, input, force, "summary");
    if (summary_file == output) {
      throw Error(ErrorCode::table_output, summary_file,
                  "is also the output file; write the summary to another file");
    }
  }

  std::optional<AtomicFile> file;
  std::optional<SignalGuard> guard;
  if (output != "-") {
    file.emplace(output);
    guard.emplace(file->temporary());
  }
  const BatchWriter write = [&](std::string_view bytes) {
    if (file) {
      file->write(bytes);
    } else {
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
  };

  const bool stat_input = input != "-" && is_stat_file_path(input);
  Progress bar;
  std::uint64_t size = 0;
  if (input != "-" && !stat_input) {
    std::error_code ec;
    size = std::filesystem::file_size(input, ec);
    if (ec) size = 0;
  }
  if (&err == &std::cerr && ::isatty(STDERR_FILENO) != 0 && size > (std::uint64_t{8} << 20)) {
    options.progress = [&bar](std::uint64_t done, std::uint64_t total) { bar(done, total); };
  }

  BatchSummary summary;
  if (stat_input) {
    summary = run_batch_stat_file(ins, options, input, write);
  } else if (input == "-") {
    TableReader reader(in, "<stdin>", delim);
    summary = run_batch(ins, options, reader, write);
  } else {
    TableReader reader(std::filesystem::path(input), delim);
    summary = run_batch(ins, options, reader, write);
  }
  if (options.progress) std::fputs("\r\033[K", stderr);
  if (file) {
    file->commit();
  } else {
    out.flush();
  }
  guard.reset();
  if (!summary_file.empty()) {
    write_file_atomic(summary_file, batch_summary_json(ins, options, summary,
                                                       output == "-" ? "<stdout>" : output));
  }
  if (vm.count("quiet") == 0) err << "securebase batch: " << batch_summary_text(summary) << "\n";
  return exit_ok;
}

}  // namespace securebase::cli
