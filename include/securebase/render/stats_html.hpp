// securebase: the statistics of a batch (summary, score distributions, checks) as one
// self-contained HTML page: inline CSS and SVG, no script, no external request.
#pragma once

#include <string>
#include <vector>

#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Everything the statistics page shows; the renderer only lays it out.
struct StatsPage {
  std::string instrument;                             ///< instrument id; empty when unknown
  std::string title;                                  ///< instrument title; may be empty
  stats::Summary summary;                             ///< the statistics summary
  stats::Layout layout;                               ///< score ranges and the plane scales
  stats::ScoreBins bins;                              ///< score distributions; may be empty
  bool checked = false;                               ///< whether the checks ran
  std::vector<stats::CheckWarning> warnings;          ///< run_checks
  std::vector<stats::PublishedComparison> published;  ///< compare_with_published
};

/// The page (docs/stats.md, "The HTML report"): run facts; per-scale summary (n, mean, SD,
/// alpha with Feldt and Duhachek intervals, omega); a histogram per scale; the anxiety by
/// avoidance binned scatter when the layout has a plane; the item table per scale with every
/// item a warning names marked (row class "warn" and a visible "check" marker); the checks; the
/// sample beside the published values; a footer saying these are sample statistics, not
/// individual feedback. All text is escaped. A figure without data is replaced by a sentence.
std::string render_stats_html(const StatsPage& page);

}  // namespace securebase

SECUREBASE_API_END
