// securebase: statistics partials, the accumulator of a batch run as JSON and back, so that the
// statistics of shards (and of other machines) can be merged (docs/stats.md).
#pragma once

#include <string>
#include <string_view>

#include "securebase/stats/accumulator.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The format identifier of a statistics partial.
inline constexpr std::string_view stats_partial_format_id = "securebase-stats-partial";

/// The version of the partial layout written by to_stats_partial_json.
inline constexpr int stats_partial_format_version = 3;

/// The accumulator as a JSON partial ("format": stats_partial_format_id, "version":
/// stats_partial_format_version); numbers are written so that reading them back gives the same
/// doubles.
std::string to_stats_partial_json(const stats::Accumulator& acc);

/// Reads a partial written by to_stats_partial_json; `source` names it in errors: 1001 (not
/// JSON), 1002 (a member missing or of the wrong shape, with its JSON path), 1003 (another
/// format version).
stats::Accumulator parse_stats_partial_json(std::string_view text, std::string_view source);

}  // namespace securebase

SECUREBASE_API_END
