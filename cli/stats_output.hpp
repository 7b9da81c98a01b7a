// The statistics outputs shared by `batch` and `stats`: the summary with its checks as a text
// table, JSON or an HTML page, written to a stream or atomically to a file.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "options.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"

namespace securebase::cli {

/// What the statistics outputs are computed with (docs/stats.md, docs/checks.md).
struct StatsReportOptions {
  stats::Missing missing = stats::Missing::pairwise;  ///< --missing
  std::optional<double> published_r;                  ///< --published-r
  std::string published_r_source;                     ///< --published-r-source
  std::string order;                                  ///< --order the columns were read in
};

/// The summary of a run with its checks and the comparison with published values.
struct StatsReport {
  stats::Summary summary;                             ///< summarise
  bool checked = false;                               ///< false without an instrument
  std::vector<stats::CheckWarning> warnings;          ///< run_checks
  std::vector<stats::PublishedComparison> published;  ///< compare_with_published
};

/// Adds --published-r and --published-r-source to a command's options.
void add_check_options(po::options_description& desc, StatsReportOptions& o);

/// The check options as stats::CheckOptions; throws 1006 when one is out of range (call before
/// reading data).
stats::CheckOptions check_options(const StatsReportOptions& o);

/// Summarises `acc` and, with an instrument, runs the checks and the published comparison
/// (1004 when the accumulator is not laid out for the instrument, 1006 for a bad option).
StatsReport make_stats_report(const stats::Accumulator& acc, const Instrument* instrument,
                              const StatsReportOptions& o);

/// The report as `format`: "text" (render_stats_text, then the checks), "json"
/// (to_stats_json with checks and published) or "html" (render_stats_html).
std::string stats_report_text(const StatsReport& report, const stats::Accumulator& acc,
                              const Instrument* instrument, const std::string& format);

/// Writes stats_report_text to `out` when `path` is "-", else atomically (mode 0600) to `path`.
void write_stats_report(const StatsReport& report, const stats::Accumulator& acc,
                        const Instrument* instrument, const std::string& format,
                        const std::string& path, std::ostream& out);

}  // namespace securebase::cli
