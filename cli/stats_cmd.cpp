// `securebase stats FILE` and `securebase stats merge PART...`: psychometric statistics of a
// research table, or of statistics partials written by `batch --stats-partial`.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "batch_input.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "securebase/batch/batch.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/limits.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/io/stats_partial.hpp"
#include "securebase/io/table.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/summary.hpp"
#include "stats_output.hpp"

namespace securebase::cli {

namespace {

constexpr const char* usage_text =
    "Usage: securebase stats --instrument ID|FILE INPUT [options]\n"
    "       securebase stats merge PART... [options]\n\n"
    "The first form reads a research table exactly as 'securebase batch' does (same input\n"
    "options), scores every row, discards the scores and prints the statistics of the\n"
    "scored rows (status ok or incomplete): per scale n, mean, SD, skew, kurtosis, min and\n"
    "max of the scores; Cronbach's alpha raw and standardised with Feldt and Duhachek 95%\n"
    "intervals and the average inter-item r; omega total (minres and ML one-factor fits);\n"
    "the item table (keyed mean and SD, corrected item-total r, item-total r, alpha if\n"
    "dropped); the correlations between scale scores; omega hierarchical. The run summary\n"
    "line goes to standard error (-q turns it off).\n\n"
    "The second form merges statistics partials, written by 'batch --stats-partial' or\n"
    "'stats --partial-out' on shards of one data set with one instrument, and prints what\n"
    "one run over all the shards' rows prints. With --partial-out it writes the merged\n"
    "partial instead (to merge in a tree). A file named 'merge' is read as './merge'.\n\n"
    "--missing pairwise (default) forms each covariance over the rows answering both items;\n"
    "listwise uses only the rows answering every item of the scale. The choice is printed.\n\n"
    "Checks (docs/checks.md) follow the statistics: negative corrected item-total r, alpha\n"
    "far below the published value, the anxiety-avoidance r far from --published-r, and a\n"
    "better-fitting item order than the one the columns were read in (--order); then the\n"
    "sample beside the published reliability and norms. 'stats merge' runs them when given\n"
    "--instrument. --format html writes one self-contained page (inline SVG histograms, the\n"
    "anxiety-by-avoidance binned scatter, item tables with the warnings marked).\n\n"
    "Examples:\n"
    "  securebase stats -i ecr-r survey.csv --columns 'ECR_{n}'\n"
    "  securebase stats -i ecr-r survey.csv --columns 'ECR_{n}' --format json -o stats.json\n"
    "  securebase batch -i ecr-r shard-1.csv -c 'ECR_{n}' -o scores-1.csv --stats-partial 1.json\n"
    "  securebase stats merge 1.json 2.json 3.json 4.json --missing listwise\n"
    "  securebase stats merge part-*.json --partial-out all.json\n"
    "  securebase stats merge -i ecr-r part-*.json --format html -o stats.html\n\n";

// The options every form has: output format and file, --missing, --force.
struct OutputArgs {
  std::string format;
  std::string output;
  std::string missing;
  std::string partial_out;
  StatsReportOptions report;
};

void add_output_options(po::options_description& desc, OutputArgs& o) {
  desc.add_options()("format,f", po::value(&o.format)->default_value("text"),
                     "text (a table for people), json or html (a self-contained page)")(
      "output,o", po::value(&o.output)->default_value("-"),
      "write the statistics to this file (default: standard output)")(
      "missing", po::value(&o.missing)->default_value("pairwise"),
      "pairwise (default) or listwise covariances")(
      "partial-out", po::value(&o.partial_out),
      "write the statistics partial (mergeable) to this file")("force",
                                                               "replace existing output files");
  add_check_options(desc, o.report);
}

// The partials at `parts` (at least one) merged in order; an incomparable one is named.
stats::Accumulator merge_partials(const std::vector<std::string>& parts) {
  std::optional<stats::Accumulator> merged;
  for (const std::string& path : parts) {
    stats::Accumulator acc = parse_stats_partial_json(
        read_document(path, default_max_json_bytes, ErrorCode::io_limit), path);
    if (!merged) {
      merged = std::move(acc);
      continue;
    }
    try {
      merged = stats::merge(*merged, acc);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::stats_incomparable) throw;
      throw Error(e.code(), path, "cannot be merged with " + parts.front() + ": " + e.message());
    }
  }
  return std::move(*merged);
}

int merge_command(std::span<const std::string> args, std::ostream& out) {
  po::options_description desc("Options");
  std::vector<std::string> parts;
  OutputArgs o;
  std::string instrument_arg;
  desc.add_options()("help,h", "show this help")("part", po::value(&parts)->multitoken(),
                                                 "partials to merge (positional)")(
      "instrument,i", po::value(&instrument_arg),
      "the instrument the partials were written for: runs the checks")(
      "order", po::value(&o.report.order),
      "checks: the item order the columns were read in (default canonical)");
  add_output_options(desc, o);
  po::positional_options_description pos;
  pos.add("part", -1);
  auto vm = parse_options("stats merge", args, desc, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return exit_ok;
  }
  check_choice("stats merge", "format", o.format, {"text", "json", "html"});
  o.report.missing = missing_option("stats merge", o.missing);
  if (parts.empty()) throw UsageError("stats merge", "give at least one PART file to merge");
  if (instrument_arg.empty() &&
      (o.report.published_r || vm.count("published-r-source") || vm.count("order"))) {
    throw UsageError("stats merge",
                     "options '--published-r', '--published-r-source' and '--order' are for the "
                     "checks, which need the instrument: add '--instrument ID|FILE'");
  }
  std::optional<Instrument> instrument;
  if (!instrument_arg.empty()) {
    instrument = load_instrument(instrument_arg);
    (void)check_options(o.report);  // 1006 before reading the partials
  }
  if (!o.partial_out.empty() && (!vm["output"].defaulted() || !vm["format"].defaulted())) {
    throw UsageError("stats merge",
                     "option '--partial-out' writes the merged partial instead of the "
                     "statistics; leave out '--output' and '--format', or '--partial-out'");
  }
  const bool force = vm.count("force") > 0;
  const std::string& target = o.partial_out.empty() ? o.output : o.partial_out;
  if (target != "-") {
    for (const std::string& p : parts) check_output_path(target, p, force, "merged statistics");
  }

  const stats::Accumulator merged = merge_partials(parts);
  if (!o.partial_out.empty()) {
    write_file_atomic(o.partial_out, to_stats_partial_json(merged));
    return exit_ok;
  }
  if (instrument) stats::require_layout_of(merged, *instrument);
  const Instrument* ins = instrument ? &*instrument : nullptr;
  write_stats_report(make_stats_report(merged, ins, o.report), merged, ins, o.format, o.output,
                     out);
  return exit_ok;
}

// When the item columns are missing because INPUT is the output of `batch` (a status column and
// the scale columns), says so before the missing columns (702).
void explain_scored_input(const Error& e, const Instrument& instrument, const std::string& input) {
  std::vector<std::string> header;
  TableReader reader{std::filesystem::path(input)};
  if (!reader.next_record(header)) return;
  const auto has = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) != header.end();
  };
  std::string scales;
  for (const Scale& scale : instrument.scales())
    if (has(scale.id)) scales += (scales.empty() ? "" : ", ") + scale.id;
  if (!has("status") || scales.empty()) return;
  std::vector<Diagnostic> problems{
      {ErrorCode::table_column_missing, input,
       "looks like the output of 'securebase batch' (it has the columns status and " + scales +
           ", not the item answers); the statistics need the answers: give the file that was "
           "scored (statistics of score columns alone are not implemented)"}};
  problems.insert(problems.end(), e.problems().begin(), e.problems().end());
  throw Error(std::move(problems));
}

int file_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                 std::ostream& err) {
  po::options_description desc("Options");
  BatchInputArgs input_args;
  OutputArgs o;
  desc.add_options()("help,h", "show this help");
  add_batch_input_options(desc, input_args);
  add_output_options(desc, o);
  desc.add_options()("quiet,q", "no run summary on standard error");
  po::positional_options_description pos;
  pos.add("input", 1);
  auto vm = parse_options("stats", args, desc, pos);
  if (vm.count("help")) {
    out << usage_text << desc << "\n" << exit_code_help();
    return exit_ok;
  }
  check_choice("stats", "format", o.format, {"text", "json", "html"});
  o.report.missing = missing_option("stats", o.missing);
  o.report.order = input_args.order;
  (void)check_options(o.report);
  const bool force = vm.count("force") > 0;
  BatchInput batch = make_batch_input("stats", input_args, vm, err);
  batch.options.stats = true;
  const std::string& input = input_args.input;
  item_columns(batch.instrument, batch.options.columns);
  if (o.output != "-") check_output_path(o.output, input, force, "statistics");
  if (!o.partial_out.empty()) {
    check_output_path(o.partial_out, input, force, "partial");
    if (o.partial_out == o.output) {
      throw Error(ErrorCode::table_output, o.partial_out,
                  "is also the statistics output; write the partial to another file");
    }
  }

  BatchSummary run;
  try {
    run = run_batch_input(batch, input, in, [](std::string_view) {});
  } catch (const Error& e) {
    if (e.code() != ErrorCode::table_column_missing || input == "-" || is_stat_file_path(input))
      throw;
    explain_scored_input(e, batch.instrument, input);
    throw;
  }
  if (!run.stats) {
    throw Error(ErrorCode::internal, "stats", "the batch run returned no statistics");
  }
  if (vm.count("quiet") == 0) err << "securebase stats: " << render_batch_summary_text(run) << "\n";
  if (!o.partial_out.empty()) write_file_atomic(o.partial_out, to_stats_partial_json(*run.stats));
  write_stats_report(make_stats_report(*run.stats, &batch.instrument, o.report), *run.stats,
                     &batch.instrument, o.format, o.output, out);
  return exit_ok;
}

}  // namespace

int stats_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                  std::ostream& err) {
  if (!args.empty() && args.front() == "merge") return merge_command(args.subspan(1), out);
  return file_command(args, in, out, err);
}

}  // namespace securebase::cli
