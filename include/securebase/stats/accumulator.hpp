// securebase: the statistics accumulator of a batch run, mergeable across shards and machines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/instrument.hpp"
#include "securebase/stats/moments.hpp"

namespace securebase::stats {

/// The items of one scale and which of them count reversed (min + max - x).
struct ScaleKey {
  std::string id;                       ///< scale id
  std::vector<std::size_t> items;       ///< item indices (into Layout::items)
  std::vector<unsigned char> reversed;  ///< reversed[i] != 0: items[i] is reverse-keyed
};

/// What the accumulator is laid out over: items, their shared response range, and scales.
struct Layout {
  std::vector<std::string> items;  ///< item ids, in column order
  int min = 1;                     ///< lowest answer
  int max = 7;                     ///< highest answer
  std::vector<ScaleKey> scales;    ///< scales, in order (a composite has no items)
};

/// The layout of an instrument: its items in canonical order and every scale with its key.
Layout layout_of(const Instrument& instrument);

/// Sufficient statistics of a batch: everything the summary needs, O((items + scales)^2)
/// memory, independent of the number of rows.
struct Accumulator {
  Layout layout;                      ///< what the columns are
  Moments all;                        ///< variables: items (raw answers), then scale scores
  std::vector<Moments> listwise;      ///< per scale: its items then its score, complete rows only
  std::vector<std::uint64_t> counts;  ///< answers per item and value: [item * width + x - min]
  std::vector<std::uint64_t> off_scale;  ///< per item: answers that are not a whole number in range
};

/// An empty accumulator over `layout`.
Accumulator make_accumulator(Layout layout);

/// Adds one respondent: raw answers in layout order (NaN = missing) and the scale scores (NaN =
/// no score), as scoring gave them. Sizes must match the layout (internal error 901).
void add_row(Accumulator& acc, std::span<const double> items, std::span<const double> scores);

/// Two accumulators over disjoint rows combined as one pass over both. Layouts must be equal:
/// 404 (result_incomparable) names the first difference.
Accumulator merge(const Accumulator& a, const Accumulator& b);

/// The accumulator as a JSON partial ("format": "securebase-stats-partial", "version": 1);
/// numbers are written so that reading them back gives the same doubles.
std::string to_json(const Accumulator& acc);

/// Reads a partial written by to_json; `source` names it in errors: 401 (not JSON), 402 (a
/// member missing or of the wrong shape, with its JSON path), 403 (another format version).
Accumulator accumulator_from_json(std::string_view text, std::string_view source);

}  // namespace securebase::stats
