// securebase C API internals: the array calls' fast form of score_raw for keys with unit
// weights and no composite. A row is read once: every answer checked (the rule of
// detail::check_value) and turned into an integer; each scale is then a masked integer sum,
// and its answered count a popcount. Checked answers are whole numbers in a small range, so
// every sum is exact and equals score_raw's to the bit (tests/c_api_v1_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/scoring.hpp"

namespace securebase::capi {

/// The key as integer masks, built once per instrument handle. `readable` is false when the
/// response range is not whole numbers small enough for 32-bit sums (rows then go through
/// check_value); `usable` is false when the sums need score_raw: a weight other than 1, a
/// composite scale or an item twice in one scale.
struct DenseKey {
  bool readable = false;
  bool usable = false;
  std::size_t items = 0;
  std::size_t scales = 0;
  std::size_t lanes = 0;  ///< items rounded up to a multiple of 4
  std::size_t words = 0;  ///< 64-bit words of an item bit set
  double min = 0;
  double max = 0;
  double reverse_sum = 0;
  std::vector<std::int32_t> keyed;     ///< scales x lanes: -1 for an item of the scale, else 0
  std::vector<std::int32_t> reversed;  ///< scales x lanes: -1 for a reverse-keyed item, else 0
  std::vector<std::int32_t> reversed_items;    ///< per scale: its reverse-keyed items
  std::vector<std::uint64_t> member;           ///< scales x words: the scale's items
  std::vector<std::uint64_t> member_reversed;  ///< scales x words: its reverse-keyed items
};

/// The dense form of `instrument`'s key (usable or not).
DenseKey make_dense_key(const Instrument& instrument);

/// Per-row working space for one thread.
struct DenseRow {
  explicit DenseRow(const DenseKey& key);
  std::vector<std::int32_t> values;     ///< the row's answers, 0 where missing (lanes)
  std::vector<std::uint64_t> answered;  ///< bit set of answered items (words)
};

/// Reads one row of `key.items` doubles into `row`; false when some answer is not missing
/// (NaN) and not a whole number in [min, max], which the caller reports through check_value.
bool read_dense_row(const DenseKey& key, const double* values, DenseRow& row) noexcept;

/// The raw scores of a row read by read_dense_row, one per scale, into `raw`.
void dense_raw_scores(const Instrument& instrument, const DenseKey& key, const DenseRow& row,
                      std::vector<RawScore>& raw) noexcept;

}  // namespace securebase::capi
