// securebase: the statistics accumulator of a batch run, mergeable across shards and machines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/stats/moments.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase::stats {

/// The items of one scale and which of them count reversed (min + max - x).
struct ScaleKey {
  std::string id;                       ///< scale id
  std::vector<std::size_t> items;       ///< item indices (into Layout::items)
  std::vector<unsigned char> reversed;  ///< reversed[i] != 0: items[i] is reverse-keyed
  double lo = 1;                        ///< lowest possible score (the histogram's left edge)
  double hi = 7;                        ///< highest possible score (the histogram's right edge)
};

/// What the accumulator is laid out over: items, their shared response range, and scales.
struct Layout {
  std::vector<std::string> items;  ///< item ids, in column order
  int min = 1;                     ///< lowest answer
  int max = 7;                     ///< highest answer
  std::vector<ScaleKey> scales;    ///< scales, in order (a composite has no items)
  /// The anxiety and avoidance scales (indices into scales) when the instrument has a plane.
  std::optional<std::pair<std::size_t, std::size_t>> plane;
};

/// Equal-width bins of the scale scores per scale, over [ScaleKey::lo, ScaleKey::hi]
/// (a score outside counts in the edge bin), and a joint grid of the plane's two scales.
struct ScoreBins {
  static constexpr std::size_t bins = 24;  ///< bins per scale (and per axis of the grid)
  std::vector<std::uint64_t> scale;        ///< [scale * bins + b]
  std::vector<std::uint64_t> plane;        ///< [anxiety_bin * bins + avoidance_bin]; empty
                                           ///< without a plane; rows with both scores only
};

/// The bin of `score` among ScoreBins::bins over [lo, hi], clamped to the edges.
std::size_t score_bin(double score, double lo, double hi) noexcept;

/// The layout of an instrument: its items in canonical order and every scale with its key.
Layout layout_of(const Instrument& instrument);

/// Sufficient statistics of a batch: everything the summary needs, O((items + scales)^2)
/// memory, independent of the number of rows.
struct Accumulator {
  Layout layout;                  ///< what the columns are
  Moments all;                    ///< variables: items (raw answers), then scale scores
  std::vector<Moments> listwise;  ///< per scale: its items then its score, complete rows only
  /// Per scale and item (in key order): co-moments of the raw answer (a) with the mean of the
  /// scale's answered keyed items in the same row (b; psych::alpha's total, whatever scoring's
  /// minimum-answered rule says), over the rows where the item is answered.
  std::vector<std::vector<PairMoments>> answered_mean;
  std::vector<std::uint64_t> counts;     ///< answers per item and value: [item * width + x - min]
  std::vector<std::uint64_t> off_scale;  ///< per item: answers that are not a whole number in range
  ScoreBins bins;                        ///< score distributions, for histograms
};

/// An empty accumulator over `layout`.
Accumulator make_accumulator(Layout layout);

/// Adds one respondent: raw answers in layout order (NaN = missing) and the scale scores (NaN =
/// no score), as scoring gave them. Sizes must match the layout (internal error 901). For many
/// rows, add_rows is much faster.
void add_row(Accumulator& acc, std::span<const double> items, std::span<const double> scores);

/// Respondents gathered to be added as one block: per row its answers then its scale scores.
struct RowBlock {
  std::size_t width = 0;       ///< values per row: items + scales of the layout
  std::vector<double> values;  ///< row after row; NaN = missing
  /// Rows held.
  [[nodiscard]] std::size_t rows() const noexcept { return width ? values.size() / width : 0; }
};

/// An empty block for rows of `layout`.
RowBlock make_block(const Layout& layout);

/// Appends one row to a block (sizes as for add_row; internal error 901 when they differ).
void append_row(RowBlock& block, std::span<const double> items, std::span<const double> scores);

/// Adds every row of a block, as add_row would one by one, up to rounding: sums over the block
/// (formed 512 rows at a time, exactly where the answers are whole numbers) are merged into the
/// accumulator once (Chan, Golub & LeVeque 1979), so larger blocks mean fewer merges; batch
/// adds 4096 rows a call. Internal error 901 when the width differs.
void add_rows(Accumulator& acc, const RowBlock& block);

/// Two accumulators over disjoint rows combined as one pass over both. Layouts must be equal:
/// 1004 (stats_incomparable) names the first difference.
Accumulator merge(const Accumulator& a, const Accumulator& b);

}  // namespace securebase::stats

SECUREBASE_API_END
