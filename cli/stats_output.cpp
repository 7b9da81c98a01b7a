#include "stats_output.hpp"

#include <cmath>
#include <string>

#include "securebase/io/file.hpp"
#include "securebase/io/stats_json.hpp"
#include "securebase/render/stats_html.hpp"
#include "securebase/render/stats_text.hpp"

namespace securebase::cli {

void add_check_options(po::options_description& desc, StatsReportOptions& o) {
  desc.add_options()("published-r",
                     po::value<double>()->notifier([&o](double r) { o.published_r = r; }),
                     "checks: the published anxiety-avoidance correlation to compare with")(
      "published-r-source", po::value(&o.published_r_source),
      "checks: where the published correlation comes from (quoted in the warning)");
}

stats::CheckOptions check_options(const StatsReportOptions& o) {
  stats::CheckOptions c;
  c.missing = o.missing;
  c.published_correlation = o.published_r;
  c.published_correlation_source = o.published_r_source;
  c.used_order = o.order;
  stats::validate_options(c);
  return c;
}

StatsReport make_stats_report(const stats::Accumulator& acc, const Instrument* instrument,
                              const StatsReportOptions& o) {
  StatsReport r;
  r.summary = stats::summarise(acc, o.missing);
  if (instrument == nullptr) return r;
  r.checked = true;
  r.warnings = stats::run_checks(acc, r.summary, *instrument, check_options(o));
  r.published = stats::compare_with_published(r.summary, *instrument);
  return r;
}

std::string stats_report_text(const StatsReport& report, const stats::Accumulator& acc,
                              const Instrument* instrument, const std::string& format) {
  if (format == "json") {
    if (!report.checked) return to_stats_json(report.summary);
    return to_stats_json(report.summary, report.warnings, report.published);
  }
  if (format == "html") {
    StatsPage page;
    if (instrument != nullptr) {
      page.instrument = instrument->id();
      page.title = instrument->title();
    }
    page.summary = report.summary;
    page.layout = acc.layout;
    page.bins = acc.bins;
    page.checked = report.checked;
    page.warnings = report.warnings;
    page.published = report.published;
    return render_stats_html(page);
  }
  std::string text = render_stats_text(report.summary);
  if (report.checked) {
    text += "\n" + render_stats_checks_text(report.warnings, report.published);
  } else {
    text += "\nChecks: not run (they need the instrument: give --instrument)\n";
  }
  return text;
}

void write_stats_report(const StatsReport& report, const stats::Accumulator& acc,
                        const Instrument* instrument, const std::string& format,
                        const std::string& path, std::ostream& out) {
  const std::string text = stats_report_text(report, acc, instrument, format);
  if (path == "-") {
    out << text;
    out.flush();
  } else {
    write_file_atomic(path, text);
  }
}

}  // namespace securebase::cli
