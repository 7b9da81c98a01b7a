// securebase: the statistics summary of a batch (stats::Summary) as a terminal table.
#pragma once

#include <span>
#include <string>

#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The summary for people, plain ASCII: a "missing data" line, then per scale its
/// distribution (n, mean, SD, skew, kurtosis, min, max), alpha raw and standardised with the
/// Feldt and Duhachek 95% intervals and the average r, omega total, and the item table (item,
/// keyed, mean, SD, r.drop = corrected item-total r, r = item-total r, alpha if dropped); then
/// the scale correlation matrix and omega hierarchical. Numbers have 3 decimals; a value that does
/// not exist is "NA" with its reason.
std::string render_stats_text(const stats::Summary& summary);

/// The checks (docs/checks.md) for people, to print after render_stats_text: a "Checks" section
/// with one line per warning (its id, scale or item, and message) or a line saying there is
/// none, then "Sample beside published values": per scale the sample's n, mean, SD and alpha
/// beside each norm set's n, mean, SD, reliability, d and SD ratio.
std::string render_stats_checks_text(std::span<const stats::CheckWarning> warnings,
                                     std::span<const stats::PublishedComparison> published);

}  // namespace securebase

SECUREBASE_API_END
