// securebase._native: statistics accumulators (what batch accumulates), their partials and
// merging, and the report of cli/stats_output.cpp: summarise, then with an instrument the checks
// and the comparison with published values, as JSON, text or HTML.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "native.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/io/stats_json.hpp"
#include "securebase/io/stats_partial.hpp"
#include "securebase/render/stats_html.hpp"
#include "securebase/render/stats_text.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"

namespace securebase::python {

namespace {

// The report's parameters: --missing, --published-r, --published-r-source, --order.
struct ReportOptions {
  std::string missing = "pairwise";
  std::optional<double> published_r;
  std::string published_r_source;
  std::string order;
};

stats::CheckOptions check_options(const ReportOptions& o) {
  stats::CheckOptions c;
  c.missing = o.missing == "listwise" ? stats::Missing::listwise : stats::Missing::pairwise;
  c.published_correlation = o.published_r;
  c.published_correlation_source = o.published_r_source;
  c.used_order = o.order;
  stats::validate_options(c);
  return c;
}

struct Report {
  stats::Summary summary;
  bool checked = false;
  std::vector<stats::CheckWarning> warnings;
  std::vector<stats::PublishedComparison> published;
};

Report make_report(const stats::Accumulator& acc, const std::optional<Instrument>& ins,
                   const ReportOptions& o) {
  const stats::CheckOptions checks = check_options(o);
  if (ins) stats::require_layout_of(acc, *ins);
  Report r;
  r.summary = stats::summarise(acc, checks.missing);
  if (!ins) return r;
  r.checked = true;
  r.warnings = stats::run_checks(acc, r.summary, *ins, checks);
  r.published = stats::compare_with_published(r.summary, *ins);
  return r;
}

// The report as "json", "text" or "html", as `securebase stats --format` writes it.
std::string report(const stats::Accumulator& acc, const std::optional<Instrument>& ins,
                   const std::string& format, const ReportOptions& o) {
  Report r;
  {
    py::gil_scoped_release release;
    r = make_report(acc, ins, o);
  }
  if (format == "json") {
    if (!r.checked) return to_stats_json(r.summary, -1);
    return to_stats_json(r.summary, r.warnings, r.published, -1);
  }
  if (format == "html") {
    StatsPage page;
    if (ins) {
      page.instrument = ins->id();
      page.title = ins->title();
    }
    page.summary = r.summary;
    page.layout = acc.layout;
    page.bins = acc.bins;
    page.checked = r.checked;
    page.warnings = r.warnings;
    page.published = r.published;
    return render_stats_html(page);
  }
  std::string text = render_stats_text(r.summary);
  if (r.checked) {
    text += "\n" + render_stats_checks_text(r.warnings, r.published);
  } else {
    text += "\nChecks: not run (they need the instrument)\n";
  }
  return text;
}

stats::Accumulator parse_partial(const std::string& text, const std::string& source) {
  return parse_stats_partial_json(text, source);
}

}  // namespace

void bind_stats(py::module_& m) {
  py::class_<stats::Accumulator>(m, "Accumulator",
                                 "Sufficient statistics of scored rows, mergeable")
      .def_property_readonly("item_ids", [](const stats::Accumulator& a) { return a.layout.items; })
      .def("to_partial_json", [](const stats::Accumulator& a) { return to_stats_partial_json(a); })
      .def(py::pickle(
          [](const stats::Accumulator& a) { return to_stats_partial_json(a); },
          [](const std::string& text) { return parse_partial(text, "pickled partial"); }));
  m.def("parse_partial", &parse_partial, py::arg("text"), py::arg("source"));
  m.def(
      "merge",
      [](const stats::Accumulator& a, const stats::Accumulator& b) {
        py::gil_scoped_release release;
        return stats::merge(a, b);
      },
      py::arg("a"), py::arg("b"));
  m.def(
      "stats_report",
      [](const stats::Accumulator& acc, const std::optional<Instrument>& ins,
         const std::string& format, const std::string& missing,
         const std::optional<double>& published_r, const std::string& published_r_source,
         const std::string& order) {
        return report(acc, ins, format, {missing, published_r, published_r_source, order});
      },
      py::arg("accumulator"), py::arg("instrument"), py::arg("format"), py::arg("missing"),
      py::arg("published_r"), py::arg("published_r_source"), py::arg("order"));
}

}  // namespace securebase::python
