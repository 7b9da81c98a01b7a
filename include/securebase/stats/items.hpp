// securebase: item analysis of one scale (item means, item-total correlations, alpha if dropped).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "securebase/stats/describe.hpp"
#include "securebase/stats/reliability.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// One item within one scale, keyed (a reversed item is described as min + max - x), as the
/// item statistics of psych::alpha. `status` is the item's own (its answers); standardised_r and
/// corrected_r come from the scale's covariance matrix and are NaN exactly when the scale's
/// alpha status is too_few_items, item_all_missing, no_variance or no_pairs; so is item_total_r
/// in a listwise summary, except that it is 1 for the item of a one-item scale.
///
/// Two item-total correlations: item_total_r is psych::alpha's raw.r, the correlation of the
/// item with the mean of the scale's answered keyed items in each row (psych's total, whatever
/// the instrument's minimum-answered rule says), over the rows where the item is answered
/// (listwise: over the complete rows, where it equals raw_item_total of C). item_score_r is the
/// correlation of the item with the scale score as scoring gave it (NaN below the minimum
/// answered), over the rows with both. Without missing answers they are equal.
struct ItemStats {
  std::string id;                      ///< item id
  bool reversed = false;               ///< reverse-keyed in this scale
  StatStatus status = StatStatus::ok;  ///< too_few_cases / no_variance: correlations are NaN
  std::uint64_t n = 0;                 ///< answers to the item
  double mean = 0;                     ///< keyed mean
  double sd = 0;                       ///< SD (n - 1 denominator)
  double item_total_r = 0;             ///< r with the mean of the answered items (psych raw.r)
  double item_score_r = 0;             ///< r with the scale score as scored, pairwise complete
  double standardised_r = 0;           ///< colSums(R)_i / sqrt(sum(R)) (psych std.r)
  double corrected_r = 0;              ///< r with the sum of the other items, from C (psych r.drop)
  Alpha if_dropped;  ///< alpha of the scale without this item (too_few_items for k = 2)
  std::vector<std::uint64_t> counts;  ///< raw answers (before reversal) per value min..max
  std::uint64_t off_scale = 0;        ///< answers that are not a whole number in range
};

/// The corrected item-total correlation of item i from the keyed covariance matrix C:
/// (sum_j C_ij - C_ii) / sqrt(C_ii * sum of C without row and column i).
double corrected_item_total(const SquareMatrix& c, std::size_t i);

/// psych's raw.r of item i on complete rows, from their keyed covariance matrix C (the item's
/// correlation with the mean of the items): sum_j C_ij / sqrt(C_ii * sum(C)).
double raw_item_total(const SquareMatrix& c, std::size_t i);

/// The standardised item-total correlation of item i: sum_j R_ij / sqrt(sum(R)).
double standardised_item_total(const SquareMatrix& r, std::size_t i);

}  // namespace securebase::stats

SECUREBASE_API_END
