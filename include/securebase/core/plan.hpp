// securebase: the flat scoring plan an instrument is compiled into when it is loaded.
#pragma once

#include <cstdint>
#include <vector>

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Index arrays that let one respondent be scored in a few dozen operations, without allocation.
/// Entries of scale s are entry_item[scale_begin[s] .. scale_begin[s+1]).
struct ScoringPlan {
  double reverse_sum = 0;                  ///< min + max of the response scale: reversed = sum - x
  double min = 0;                          ///< lowest valid response
  double max = 0;                          ///< highest valid response
  std::vector<std::uint32_t> scale_begin;  ///< offsets into entry arrays, size scales + 1
  std::vector<std::uint32_t> entry_item;   ///< item index of each (scale, item) entry
  std::vector<std::uint8_t> entry_reversed;       ///< 1 when the entry is reverse-keyed
  std::vector<double> entry_weight;               ///< weight of each entry (1 unless declared)
  std::vector<std::uint32_t> scale_min_answered;  ///< answered items needed per scale
  std::vector<std::uint8_t> scale_is_sum;         ///< 1 for sum scales (prorated), 0 for mean
  /// Composite (mean_of_scales) scale s averages the scores of the scales
  /// component_scale[component_begin[s] .. component_begin[s+1]); empty for item scales.
  std::vector<std::uint32_t> component_begin;
  std::vector<std::uint32_t> component_scale;  ///< component scale indices, by composite
};

}  // namespace securebase

SECUREBASE_API_END
