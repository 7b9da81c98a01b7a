// `securebase batch --instrument ID INPUT`: score a research table, one output row per input row.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app.hpp"
#include "batch_input.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "securebase/batch/batch.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/io/stats_partial.hpp"
#include "securebase/io/table.hpp"
#include "securebase/stats/careless.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"
#include "stats_output.hpp"

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
    "  parse_error:...           the row could not be read (e.g. wrong number of fields)\n"
    "  empty                     every field is blank (kept, not scored, not in --stats)\n\n"
    "Columns are found by name, never by position: --columns gives a pattern in which {n}\n"
    "is the item's number in the order (--order; {n:02} pads to 2 digits), --map or\n"
    "--map-file name columns item by item (ITEM=COLUMN, ITEM an item id or number), and\n"
    "without either the columns are the item ids (i01, i02, ...). Every missing or\n"
    "duplicated column is reported before any row is read.\n\n"
    "Empty cells and NA are missing, and so is every --missing-codes value. Answers written\n"
    "as labels ('Strongly agree') are read through the instrument's response labels\n"
    "(any case) or a --recode map. The delimiter (comma, semicolon, tab) is detected from\n"
    "the header; a UTF-8 byte order mark and CRLF or CR line ends are fine, UTF-16 is read\n"
    "by its byte order mark, other encodings need --encoding (windows-1252, latin1, ...).\n"
    "Decimal commas ('1,00') are read with --decimal comma, or detected in a ';' file.\n"
    "Qualtrics' extra header rows (question text, ImportId; legacy V1, V2, ... exports) are\n"
    "recognised and skipped. A row whose every field is blank gets the status 'empty'.\n"
    "After the run, a warning (also with -q) says when no answer uses the top or bottom of\n"
    "the response scale in a large sample: the data may be from a shorter scale.\n"
    "'securebase columns FILE' lists a file's columns (SPSS/Stata: labels and codes).\n\n"
    "Spreadsheet safety: in CSV and TSV output, passed-through text that begins with =, +,\n"
    "-, @, tab or CR and is not a number gets a leading ' so that a spreadsheet shows it\n"
    "instead of running it as a formula; --raw-text copies it exactly.\n\n"
    "The output is written to a temporary file and renamed when complete, so an\n"
    "interrupted run leaves no partial file. A summary goes to standard error.\n\n"
    "Statistics: --stats prints, after the run summary, the psychometric statistics of the\n"
    "scored rows (status ok or incomplete) to standard error, so that standard output keeps\n"
    "only the scores: per scale the score distribution, alpha with Feldt and Duhachek 95%\n"
    "intervals, omega total, the item table and the scale correlations. --stats-json FILE\n"
    "writes them as JSON, --stats-html FILE as a self-contained page with histograms;\n"
    "--stats-partial FILE writes the mergeable partial for 'securebase stats merge'.\n"
    "--missing pairwise (default) or listwise chooses the covariances. Checks for\n"
    "mis-keying and a wrong item order come with them; --published-r R (and\n"
    "--published-r-source TEXT) adds the check of the anxiety-avoidance correlation.\n\n"
    "Careless responding: --careless adds per row longstring (the longest run of equal\n"
    "answers, in the --order they were shown), irv (the SD of the answers), mahalanobis_d2\n"
    "and mahalanobis_p (how unusual the pattern is, given the sample's means and\n"
    "covariances), even_odd (agreement of odd and even half-scales) and careless_flags. The\n"
    "Mahalanobis distance needs the sample's covariances first: for an input file a first\n"
    "pass computes them; for standard input, or to use the covariances of all shards of a\n"
    "larger run, give a statistics partial with --covariance FILE. Flags are for review and\n"
    "exclude nothing, unless --exclude-careless: flagged rows then get the status\n"
    "careless:FLAGS, no scores, and stay out of the statistics. --careless-thresholds\n"
    "changes the documented defaults: 'longstring=0.5,irv=0.5,mahalanobis=0.001,\n"
    "even_odd=0.3' (longstring as a fraction of the items; the others flag values below).\n\n"
    "Examples:\n"
    "  securebase batch -i ecr-r survey.csv --columns 'ECR_{n}' --id pid -o scores.csv\n"
    "  securebase batch -i ecr-r qualtrics.csv --columns 'Q3_{n}' --id ResponseId \\\n"
    "      --missing-codes -99 --summary run.json -o scores.csv\n"
    "  securebase batch -i ecr-5 data.tsv --map-file items.map --norms osp-2018 --explain\n"
    "  securebase batch -i rq ratings.csv --map 'secure=A,fearful=B,preoccupied=C,"
    "dismissing=D'\n"
    "  cat data.csv | securebase batch -i ecr-r - --columns 'item{n:02}' --format jsonl\n"
    "  securebase batch -i ecr-r survey.csv -c 'ECR_{n}' -o scores.csv --stats \\\n"
    "      --stats-json stats.json --stats-partial part.json\n"
    "  securebase batch -i ecr-r survey.csv -c 'ECR_{n}' -o scores.csv --careless\n\n";

// The temporary output file, removed by the signal handler on Ctrl-C, SIGTERM or SIGHUP.
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
    old_hup_ = std::signal(SIGHUP, remove_temporary_and_exit);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;
  ~SignalGuard() {
    std::signal(SIGINT, old_int_);
    std::signal(SIGTERM, old_term_);
    std::signal(SIGHUP, old_hup_);
    g_temporary[0] = '\0';
  }

 private:
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
  void (*old_hup_)(int) = SIG_DFL;
};

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

// The careless-responding setup: answers in the order shown (--order, else canonical) and
// the thresholds of --careless-thresholds ("name=value,..."; UsageError when malformed,
// 1006 when a value is out of range).
stats::CarelessSetup careless_setup_for(const Instrument& ins, const std::string& order,
                                        const std::string& thresholds) {
  std::vector<std::size_t> shown;
  if (!order.empty()) {
    if (const ItemOrder* o = ins.find_order(order)) shown = o->items;
  }
  stats::CarelessSetup setup = stats::careless_setup(stats::layout_of(ins), shown);
  for (const std::string& entry : split_list(thresholds)) {
    const std::size_t eq = entry.find('=');
    const std::string name = entry.substr(0, eq);
    double* target = name == "longstring"    ? &setup.thresholds.longstring_fraction
                     : name == "irv"         ? &setup.thresholds.irv_below
                     : name == "mahalanobis" ? &setup.thresholds.mahalanobis_p_below
                     : name == "even_odd"    ? &setup.thresholds.even_odd_below
                                             : nullptr;
    std::size_t used = 0;
    double value = 0;
    bool ok = eq != std::string::npos && target != nullptr;
    if (ok) {
      try {
        value = std::stod(entry.substr(eq + 1), &used);
      } catch (const std::exception&) {
        ok = false;
      }
      ok = ok && used == entry.size() - eq - 1;
    }
    if (!ok) {
      throw UsageError("batch",
                       "--careless-thresholds: '" + entry +
                           "' is not NAME=NUMBER with NAME one of longstring, irv, mahalanobis, "
                           "even_odd");
    }
    *target = value;
  }
  stats::validate_thresholds(setup.thresholds);
  return setup;
}

// The Mahalanobis model of a statistics partial given with --covariance: it must be laid out
// for this instrument (1004) and give a positive definite covariance matrix (1005).
stats::MahalanobisModel covariance_model(const Instrument& ins, const std::string& path,
                                         std::istream& in) {
  const stats::Accumulator acc = parse_stats_partial_json(read_input(path, in), path);
  stats::require_layout_of(acc, ins);
  return stats::mahalanobis_model(acc, path);
}

// The values of batch's own options (the shared input options are in BatchInputArgs).
struct BatchArgs {
  BatchInputArgs input;
  std::string output = "-";
  std::string format;
  std::string id;
  std::string keep;
  std::string prefix;
  std::string norms;
  std::string summary_file;
  std::string stats_json;
  std::string stats_partial;
  std::string missing;
  std::string covariance;
  std::string thresholds;
  std::string stats_html;
  StatsReportOptions report;
};

void add_batch_options(po::options_description& desc, BatchArgs& a) {
  desc.add_options()("help,h", "show this help");
  add_batch_input_options(desc, a.input);
  desc.add_options()("output,o", po::value(&a.output)->default_value("-"),
                     "output file (default: standard output)")(
      "force", "replace an existing output, summary or statistics file")(
      "format,f", po::value(&a.format)->default_value("csv"), "output format: csv, tsv or jsonl")(
      "raw-text",
      "copy passed-through text exactly; by default CSV/TSV text that begins with =, +, -, @, "
      "tab or CR and is not a number gets a leading ' so that a spreadsheet does not run it as a "
      "formula")("id", po::value(&a.id), "respondent id column, passed through")(
      "keep", po::value(&a.keep), "more columns to pass through: 'age,group'")(
      "prefix", po::value(&a.prefix),
      "put TEXT before every column name securebase adds (line, scores, status): 'sb_'")(
      "norms,n", po::value(&a.norms), "norm set id: adds z, T and percentile columns")(
      "explain", "add per-scale reversed items, missing items and the rule applied")(
      "summary", po::value(&a.summary_file), "also write the run summary as JSON to this file")(
      "stats", "print the statistics of the scored rows (alpha, omega, items) to standard error")(
      "stats-json", po::value(&a.stats_json), "write the statistics summary as JSON to this file")(
      "stats-partial", po::value(&a.stats_partial),
      "write the statistics partial (for 'securebase stats merge') to this file")(
      "stats-html", po::value(&a.stats_html),
      "write the statistics as a self-contained HTML page to this file")(
      "missing", po::value(&a.missing)->default_value("pairwise"),
      "statistics: pairwise (default) or listwise covariances")(
      "careless", "add careless-responding indices and flags per row")(
      "exclude-careless", "give flagged rows the status careless:FLAGS and no scores")(
      "covariance", po::value(&a.covariance),
      "statistics partial whose means and covariances the Mahalanobis distance uses")(
      "careless-thresholds", po::value(&a.thresholds),
      "flag thresholds: 'longstring=0.5,irv=0.5,mahalanobis=0.001,even_odd=0.3'")(
      "quiet,q", "no run summary on standard error (--stats is still printed)");
  add_check_options(desc, a.report);
}

// The batch options of this command's own flags, on top of the shared input options.
void set_batch_options(BatchInput& batch, BatchArgs& a, const po::variables_map& vm,
                       std::istream& in) {
  BatchOptions& options = batch.options;
  options.id_column = a.id;
  options.keep = split_list(a.keep);
  options.prefix = a.prefix;
  options.norm_set = a.norms;
  options.explain = vm.count("explain") > 0;
  options.raw_text = vm.count("raw-text") > 0;
  options.stats = vm.count("stats") > 0 || !a.stats_json.empty() || !a.stats_partial.empty() ||
                  !a.stats_html.empty();
  a.report.missing = missing_option("batch", a.missing);
  a.report.order = a.input.order;
  (void)check_options(a.report);  // 1006 before a byte is read
  options.format = a.format == "tsv"     ? BatchFormat::tsv
                   : a.format == "jsonl" ? BatchFormat::jsonl
                                         : BatchFormat::csv;
  const bool want_careless = vm.count("careless") > 0 || vm.count("exclude-careless") > 0 ||
                             !a.covariance.empty() || !a.thresholds.empty();
  if (want_careless) {
    const Instrument& ins = batch.instrument;
    options.careless = careless_setup_for(ins, options.columns.order, a.thresholds);
    options.exclude_careless = vm.count("exclude-careless") > 0;
    if (a.covariance == "-") {
      throw UsageError("batch", "--covariance needs a file (a statistics partial), not '-'");
    }
    if (!a.covariance.empty()) options.careless->model = covariance_model(ins, a.covariance, in);
  }
}

// Checks everything that does not need the data before a byte is read: the mapping, the output
// columns (an unknown norm set, two columns of one name) and every file to be written.
void check_before_reading(const BatchInput& batch, const BatchArgs& a, bool force) {
  item_columns(batch.instrument, batch.options.columns);
  (void)batch_output_columns(batch.instrument, batch.options);
  const std::string& input = a.input.input;
  if (a.output != "-") check_output_path(a.output, input, force, "output");
  const std::pair<const std::string*, const char*> side_files[] = {
      {&a.summary_file, "summary"},
      {&a.stats_json, "statistics"},
      {&a.stats_partial, "partial"},
      {&a.stats_html, "HTML statistics"}};
  for (std::size_t i = 0; i < std::size(side_files); ++i) {
    const std::string& path = *side_files[i].first;
    if (path.empty()) continue;
    check_output_path(path, input, force, side_files[i].second);
    if (path == a.output) {
      throw Error(ErrorCode::table_output, path,
                  "is also the output file; write the " + std::string(side_files[i].second) +
                      " to another file");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (path == *side_files[j].first) {
        throw Error(ErrorCode::table_output, path,
                    "is given for both the " + std::string(side_files[j].second) + " and the " +
                        side_files[i].second + "; write each to its own file");
      }
    }
  }
}

// The Mahalanobis distance of an input file without --covariance: a first pass over the file
// gives the sample's means and covariances (standard input cannot be read twice).
void first_pass_covariance(BatchInput& batch, const std::string& input, std::istream& in,
                           std::ostream& err) {
  BatchOptions& options = batch.options;
  if (!options.careless || options.careless->model) return;
  if (input == "-") {
    err << "securebase batch: no Mahalanobis distance for standard input without "
           "--covariance FILE (a statistics partial of the same data)\n";
    return;
  }
  BatchInput first = batch;
  first.options.careless.reset();
  first.options.exclude_careless = false;
  first.options.stats = true;
  first.options.progress = nullptr;
  const BatchSummary pass = run_batch_input(first, input, in, [](std::string_view) {});
  try {
    options.careless->model = stats::mahalanobis_model(*pass.stats, input);
  } catch (const Error& e) {
    err << "securebase batch: no Mahalanobis distance: " << e.what() << "\n";
  }
}

// Runs the batch into the output (a file written whole or not at all, or standard output).
BatchSummary run_to_output(BatchInput& batch, const BatchArgs& a, std::istream& in,
                           std::ostream& out, std::ostream& err) {
  const std::string& input = a.input.input;
  std::optional<AtomicFile> file;
  std::optional<SignalGuard> guard;
  if (a.output != "-") {
    file.emplace(a.output);
    guard.emplace(file->temporary());
  }
  const BatchWriter write = [&](std::string_view bytes) {
    if (file) {
      file->write(bytes);
    } else {
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
  };
  Progress bar;
  std::uint64_t size = 0;
  if (input != "-" && !is_stat_file_path(input)) {
    std::error_code ec;
    size = std::filesystem::file_size(input, ec);
    if (ec) size = 0;
  }
  if (&err == &std::cerr && ::isatty(STDERR_FILENO) != 0 && size > (std::uint64_t{8} << 20)) {
    batch.options.progress = [&bar](std::uint64_t done, std::uint64_t total) { bar(done, total); };
  }
  first_pass_covariance(batch, input, in, err);
  const BatchSummary summary = run_batch_input(batch, input, in, write);
  if (batch.options.progress) std::fputs("\r\033[K", stderr);
  batch.options.progress = nullptr;
  if (file) {
    file->commit();
  } else {
    out.flush();
  }
  return summary;
}

// The run summary (stderr, --summary) and the statistics files and text.
void report_run(const BatchInput& batch, const BatchArgs& a, const po::variables_map& vm,
                const BatchSummary& summary, std::ostream& err) {
  const Instrument& ins = batch.instrument;
  const bool quiet = vm.count("quiet") > 0;
  const bool want_stats = vm.count("stats") > 0;
  if (!a.summary_file.empty()) {
    write_file_atomic(a.summary_file,
                      to_batch_summary_json(ins, batch.options, summary,
                                            a.output == "-" ? "<stdout>" : a.output));
  }
  if (!quiet) err << "securebase batch: " << render_batch_summary_text(summary) << "\n";
  // Warnings are printed even with --quiet: they say the scores are probably wrong.
  for (const std::string& w : summary.warnings) err << "securebase batch: WARNING: " << w << "\n";
  if (!summary.stats) return;
  if (!a.stats_partial.empty())
    write_file_atomic(a.stats_partial, to_stats_partial_json(*summary.stats));
  if (!want_stats && a.stats_json.empty() && a.stats_html.empty()) return;
  const StatsReport report = make_stats_report(*summary.stats, &ins, a.report);
  if (!a.stats_json.empty())
    write_stats_report(report, *summary.stats, &ins, "json", a.stats_json, err);
  if (!a.stats_html.empty())
    write_stats_report(report, *summary.stats, &ins, "html", a.stats_html, err);
  if (want_stats)
    err << (quiet ? "" : "\n") << stats_report_text(report, *summary.stats, &ins, "text");
}

}  // namespace

int batch_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                  std::ostream& err) {
  po::options_description desc("Options");
  BatchArgs a;
  add_batch_options(desc, a);
  po::positional_options_description pos;
  pos.add("input", 1);
  auto vm = parse_options("batch", args, desc, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return exit_ok;
  }
  check_choice("batch", "format", a.format, {"csv", "tsv", "jsonl"});
  (void)missing_option("batch", a.missing);
  BatchInput batch = make_batch_input("batch", a.input, vm, err);
  set_batch_options(batch, a, vm, in);
  check_before_reading(batch, a, vm.count("force") > 0);
  const BatchSummary summary = run_to_output(batch, a, in, out, err);
  report_run(batch, a, vm, summary, err);
  return exit_ok;
}

}  // namespace securebase::cli
