// securebase: checks of a batch's statistics for mis-keying and a wrong layout (negative
// item-total correlations, alpha far below the published value, an anxiety-avoidance
// correlation far from the published one, a better-fitting item order), and the sample's
// statistics beside the published ones. Checks warn; they never change scores.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/reliability.hpp"
#include "securebase/stats/summary.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// A number that goes with a warning, with a stable name (e.g. "corrected_r").
struct WarningValue {
  std::string name;  ///< stable name for output
  double value = 0;  ///< the number
};

/// One sign of mis-keying or a wrong layout.
struct CheckWarning {
  std::string id;                    ///< stable: range_end_unused, negative_item_total,
                                     ///< alpha_below_published, correlation_far_from_published,
                                     ///< better_order
  std::string scale;                 ///< the scale it concerns, or empty
  std::string item;                  ///< the item it concerns, or empty
  std::vector<WarningValue> values;  ///< the numbers behind it
  std::string message;               ///< what was found and what to do, one sentence
};

/// Parameters of the checks; the defaults are those documented in docs/checks.md.
struct CheckOptions {
  Missing missing = Missing::pairwise;  ///< covariances for the summary-based checks
  double alpha_margin = 0.10;           ///< warn when Feldt's upper bound < published - margin
  double correlation_margin = 0.20;     ///< warn when the 95% interval of r misses pub +- margin
  std::optional<double> published_correlation;  ///< anxiety-avoidance r to compare with
  std::string published_correlation_source;     ///< its citation, quoted in the warning
  std::string used_order;    ///< order id the columns were read in; empty = canonical
  double order_gain = 0.10;  ///< mean alpha gain that makes another order "clearly" better
};

/// Throws 1006 (stats_parameter) when an option is out of range: margins and gain must be
/// finite and in [0, 1], a published correlation in [-1, 1].
void validate_options(const CheckOptions& options);

/// Throws 1004 (stats_incomparable) unless the accumulator was laid out for `instrument`
/// (the same item ids, response range and scale ids, in order).
void require_layout_of(const Accumulator& acc, const Instrument& instrument);

/// One warning per item whose corrected item-total correlation is below 0.
std::vector<CheckWarning> negative_item_totals(const Summary& summary);

/// The published reliability of a scale: its own, unless provisional, else the first norm set
/// (in file order) that gives one for it, cited by that set's citation; empty when none.
std::optional<Reliability> published_reliability(const Instrument& instrument, std::size_t scale);

/// One warning per scale whose Feldt 95% upper bound is below its published reliability
/// (published_reliability) minus `margin`.
std::vector<CheckWarning> alpha_below_published(const Summary& summary,
                                                const Instrument& instrument, double margin);

/// The anxiety-avoidance correlation (the instrument's plane scales, as scored) and its Fisher-z
/// 95% interval, against a published value. Empty when the instrument has no plane, there are
/// fewer than 4 common scores, or the interval overlaps published +- margin. Throws 1004 when
/// the accumulator is not laid out for the instrument.
std::optional<CheckWarning> correlation_far_from_published(const Accumulator& acc,
                                                           const Instrument& instrument,
                                                           double published, double margin,
                                                           std::string_view source);

/// Alpha of every scale when the columns are read as positions in one order.
struct OrderFit {
  std::string order;          ///< order id
  bool verified = true;       ///< false when the order's mapping is not verified at source
  std::vector<Alpha> alphas;  ///< per layout scale (too_few_items for composites)
  double mean_alpha = 0;      ///< mean raw alpha over scales with an ok alpha (NaN if none)
};

/// The fit of each named order and the one to suggest, if any.
struct OrderComparison {
  std::string used;                   ///< the order the columns were read in
  std::vector<OrderFit> fits;         ///< canonical first, then the alternatives
  std::optional<std::size_t> better;  ///< index into fits of the suggested order
};

/// Re-keys the accumulated columns under each of the instrument's orders (the column read as
/// item t holds the answer at t's position in `used_order`) and computes every scale's alpha
/// from pairwise covariances. Another order is suggested when its alpha is higher for every
/// scale and higher by at least `gain` on average; of several, the highest mean. Throws 1006
/// for an unknown order id.
OrderComparison compare_orders(const Accumulator& acc, const Instrument& instrument,
                               std::string_view used_order, double gain);

/// The fewest answers for which both ends of the response scale are expected to be used: an
/// end chosen by even 0.5% of answers is then missed by chance less than 1% of the time.
inline constexpr std::uint64_t range_check_min_answers = 1000;

/// How many answers were seen, and the lowest and highest of them.
struct AnswerRange {
  std::uint64_t answers = 0;  ///< answers on the scale, counted
  double lowest = 0;          ///< the lowest answer (meaningless when answers is 0)
  double highest = 0;         ///< the highest answer
};

/// The answers an accumulator has counted (its per-item, per-value counts).
AnswerRange answer_range(const Accumulator& acc);

/// A warning (id range_end_unused) when at least range_check_min_answers answers were seen and
/// none uses the top `max` (or the bottom `min`) of the response scale: the data were likely
/// collected on a shorter scale, which the scores would misread.
std::optional<CheckWarning> unused_range_end(const AnswerRange& seen, int min, int max);

/// Every check above in this order: an unused end of the response scale, negative item totals,
/// alpha below published, the correlation (when a published value is given), a better order. Throws
/// 1004 (layout) or 1006 (an option out of range, an unknown order).
std::vector<CheckWarning> run_checks(const Accumulator& acc, const Instrument& instrument,
                                     const CheckOptions& options);

/// run_checks with acc's summary already made (summarise(acc, options.missing)), so that a
/// report that shows the summary does not fit its factor models twice.
std::vector<CheckWarning> run_checks(const Accumulator& acc, const Summary& summary,
                                     const Instrument& instrument, const CheckOptions& options);

/// One norm set's values for a scale beside the sample's.
struct NormComparison {
  std::string norm_set;               ///< norm set id
  std::string citation;               ///< where its numbers come from
  long n = 0;                         ///< its sample size
  double mean = 0;                    ///< its mean
  double sd = 0;                      ///< its SD
  std::optional<double> reliability;  ///< its reliability, when it gives one
  double d = 0;                       ///< (sample mean - norm mean) / norm SD
  double sd_ratio = 0;                ///< sample SD / norm SD
};

/// A scale's sample statistics beside the published ones, for printing.
struct PublishedComparison {
  std::string scale;                       ///< scale id
  Describe score;                          ///< sample n, mean, SD of the scale scores
  Alpha alpha;                             ///< sample alpha with its intervals
  std::optional<Reliability> reliability;  ///< published_reliability of the scale
  std::vector<NormComparison> norms;       ///< every norm set covering the scale, or one
};

/// Per summary scale, in order. With `norm_set` non-empty only that set is used (301 when
/// the instrument has no such set); a set that does not cover a scale is left out for it.
std::vector<PublishedComparison> compare_with_published(const Summary& summary,
                                                        const Instrument& instrument,
                                                        std::string_view norm_set = {});

}  // namespace securebase::stats

SECUREBASE_API_END
