// securebase: the statistics summary of a batch (stats::Summary) as one JSON document.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The value of the document's "format" member.
inline constexpr std::string_view stats_summary_format = "securebase-stats-summary";

/// The value of the document's "version" member; it changes only with an incompatible layout.
inline constexpr int stats_summary_version = 1;

/// The summary as one JSON object (docs/stats.md, "The summary as JSON"): format, version,
/// missing, rows, scales (describe, alpha, omega, items), scale_correlations and hierarchical.
/// Numbers read back as the same doubles; a value that does not exist (NaN) is null, and the
/// "status" member of the object holding it says why. `indent` < 0 writes one line.
std::string to_stats_json(const stats::Summary& summary, int indent = 2);

/// The same document with two more members (docs/stats.md): "checks", one object per warning
/// (id, scale, item, values as {name: number}, message), and "published", per scale the sample's
/// n, mean, SD and alpha beside its published reliability and norm sets.
std::string to_stats_json(const stats::Summary& summary,
                          std::span<const stats::CheckWarning> warnings,
                          std::span<const stats::PublishedComparison> published, int indent = 2);

}  // namespace securebase

SECUREBASE_API_END
