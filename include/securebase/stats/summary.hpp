// securebase: the per-scale statistics summary of a batch, computed from an Accumulator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/describe.hpp"
#include "securebase/stats/items.hpp"
#include "securebase/stats/omega.hpp"
#include "securebase/stats/reliability.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// How missing answers enter covariances: pairwise complete (psych::alpha's default) or
/// listwise (only respondents who answered every item of the scale).
enum class Missing { pairwise, listwise };

/// "pairwise" or "listwise".
std::string_view to_string(Missing missing) noexcept;

/// Everything reported for one scale.
struct ScaleStats {
  std::string id;                ///< scale id
  Describe score;                ///< the scale scores of every scored respondent
  std::uint64_t rows = 0;        ///< respondents alpha assumes: all rows, or complete rows
  Alpha alpha;                   ///< Cronbach's alpha with Feldt and Duhachek intervals
  Omega omega;                   ///< omega total, one-factor minres on the keyed correlations
  std::vector<ItemStats> items;  ///< item analysis, in the scale's item order
  Omega omega_ml;                ///< omega total, one-factor maximum likelihood, same correlations
};

/// The summary of a batch.
struct Summary {
  Missing missing = Missing::pairwise;  ///< how covariances were formed (printed with the output)
  std::uint64_t rows = 0;               ///< respondents accumulated
  std::vector<ScaleStats> scales;       ///< per scale, in layout order
  SquareMatrix scale_correlations;      ///< pairwise-complete r between scale scores (1 on the
                                        ///< diagonal; NaN with fewer than 2 common scores)
  std::optional<Hierarchical> hierarchical;  ///< omega hierarchical of the instrument, when
                                             ///< hierarchical_scales gives 2 or more scales
};

/// The scales whose factors omega hierarchical models: in layout order, each scale with items
/// that shares no item with a scale already taken (composites have no items and never enter).
std::vector<std::size_t> hierarchical_scales(const Layout& layout);

/// Computes the summary; never throws on data (statuses say what could not be computed).
Summary summarise(const Accumulator& acc, Missing missing = Missing::pairwise);

}  // namespace securebase::stats

SECUREBASE_API_END
