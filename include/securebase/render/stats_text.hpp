// securebase: the statistics summary of a batch (stats::Summary) as a terminal table.
#pragma once

#include <string>

#include "securebase/stats/summary.hpp"

namespace securebase {

/// The summary for people, plain ASCII: a "missing data" line, then per scale its
/// distribution (n, mean, SD, skew, kurtosis, min, max), alpha raw and standardised with the
/// Feldt and Duhachek 95% intervals and the average r, omega total, and the item table (item,
/// keyed, mean, SD, r.drop = corrected item-total r, r = item-total r, alpha if dropped); then
/// the scale correlation matrix and omega hierarchical. Numbers have 3 decimals; a value that does
/// not exist is "NA" with its reason.
std::string render_stats_text(const stats::Summary& summary);

}  // namespace securebase
