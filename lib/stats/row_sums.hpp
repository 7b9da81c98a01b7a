// The working sums behind stats::add_rows (internal): rows are summed a block at a time into
// per-call sums in thread-local scratch (row_sums.cpp), each scale's complete rows apart
// (row_sums_listwise.cpp), and folded into the accumulator once per call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "securebase/stats/accumulator.hpp"
#include "stats/block_sums.hpp"

namespace securebase::stats::detail {

inline std::size_t width(const Layout& layout) {
  return static_cast<std::size_t>(layout.max - layout.min) + 1;  // max >= min (make_accumulator)
}

// Rows folded at a time: their columns (40 variables x 512 rows) stay in the L2 cache, and
// 512 * 500^2 (the largest int16 product sum of a 1001-value range) fits an int32 lane.
constexpr std::size_t block_rows = 512;

inline std::size_t padded(std::size_t n) {
  return (n + securebase::detail::column_pad - 1) / securebase::detail::column_pad *
         securebase::detail::column_pad;
}

// Bins per unit of score over [lo, hi] (score_bin's scale; computed once per call).
inline double bins_per_unit(double lo, double hi) noexcept {
  return static_cast<double>(ScoreBins::bins) / (hi - lo);
}

// score_bin with its scale f = bins_per_unit(lo, hi) given.
inline std::size_t bin_of(double score, double lo, double hi, double f) noexcept {
  constexpr std::size_t n = ScoreBins::bins;
  if (!(hi > lo) || !(score > lo)) return 0;  // also NaN
  if (score >= hi) return n - 1;
  const auto b = static_cast<std::size_t>((score - lo) * f);
  return b < n ? b : n - 1;
}

// Sums over the rows of a scale's listwise-complete rows: its items, then its score.
struct ListSums {
  double rows = 0;
  std::vector<double> sums;    // [l * 4 + k]: power sums k + 1 of variable l
  std::vector<double> prod;    // [l1 * k + l2], l1 < l2: cross-products
  std::vector<double> lo, hi;  // extremes per variable
};

// Working memory of add_rows, kept per thread between calls. Sums over all rows of a call
// ("call" below) are gathered block by block and folded into the accumulator once per call, so
// that the merges (a division or more per pair) are paid per call, not per 512 rows.
struct BlockScratch {
  // Per call.
  std::vector<double> shift;         // per variable
  std::vector<double> tsums;         // [v * 4 + k]: power sums k + 1 of column v (call)
  std::vector<double> tdots;         // [i * V + j], i < j: sum of a_i a_j (call)
  std::vector<double> tlo, thi;      // extremes per variable (call)
  std::vector<double> cs, cq, both;  // [b * V + a]: sum of a, a^2, 1 over rows where b is missing
  std::vector<double> miss;          // missing values per variable (call)
  std::vector<ListSums> list;        // per scale (call)
  // The scales of variable v (an item's, a score's own) at scale_list[scale_start[v]] up to
  // scale_list[scale_start[v + 1]].
  std::vector<std::size_t> scale_start, scale_list;
  std::vector<double> per_unit;  // per scale: bins_per_unit of its score range
  // Per scale s and its item i, at [item_start[s] + i]: over the rows where the item is
  // answered, the sums of T, T^2 and x T (x the answer, T the mean of the scale's answered keyed
  // items in the row, both less the middle of the response range).
  std::vector<std::size_t> item_start;
  std::vector<double> tsum, tsq, tdot;
  // Per block.
  std::vector<double> xd;             // column v at [v * ds]: value - shift, 0 if missing
  std::vector<std::int16_t> xi;       // items as whole numbers - shift (integral blocks)
  std::vector<double> dots;           // [i * V + j], i < j: sum of a_i a_j over the block
  std::vector<double> sums;           // [v * 4 + k]: power sums k + 1 of column v
  std::vector<double> lo, hi;         // per variable
  std::vector<std::uint32_t> counts;  // [item * (width + 1) + 1 + x - min]: the block's answers
  std::vector<unsigned char> odd;     // per item: an off-scale answer in the block
  std::vector<std::int16_t> codes;    // the block's answers less the shift, row by row
  std::vector<std::uint32_t> notans;  // per item: values that are not answers in the block
  std::vector<std::size_t> bin;       // the current row's score bins
  std::vector<std::size_t> missing;   // the current row's missing variables
  std::vector<double> value, square;  // the current row's values (less their shifts), squared
  std::vector<double> total;          // T less the middle, per row of the block (0: no answer)
  // Rows with a missing value or an off-scale answer, each with its count of item values that
  // are not answers (missing or off the scale).
  std::vector<std::pair<std::size_t, unsigned>> missing_rows;
  std::vector<unsigned char> complete;  // [s * rows + r]: row r complete for scale s
  std::vector<double> gd;               // gathered rows (listwise), doubles
  std::vector<std::int16_t> gi;         // gathered answers (listwise), whole numbers
  std::vector<double> gs;               // power sums of the gathered columns
  std::vector<std::size_t> var;         // a scale's variables: its items, then its score
  std::vector<double> glo, ghi;         // min and max of the gathered columns
  std::vector<double> lsums, lprod;     // listwise power sums and cross-products of a scale
  std::vector<std::int64_t> lcounts;    // listwise answer counts of a scale's items
  std::vector<std::uint32_t> gcounts;   // answer counts of one gathered column
};

// The calling thread's scratch (kept between calls).
BlockScratch& scratch();

// Centred sums of n values from their power sums s about `shift` (a value near their mean, so
// the numerators cancel little; they are exact when the values are small whole numbers).
Univariate from_power_sums(double n, double shift, const double s[4], double lo, double hi);

// Co-moments of n rows from their sums about the shifts: sa = sum a, qa = sum a^2 (over the
// pair's rows), p = sum a b.
PairMoments from_sums(double n, double shift_a, double shift_b, double sa, double sb, double qa,
                      double qb, double p);

// Adds the sums of `rows` rows complete on a scale to its call sums t: variable l has power
// sums sums(l) (4 values), extremes lo[l] and hi[l], and dot(l1, l2) its cross-products.
template <class Sums, class Dot>
void add_dense(ListSums& t, double rows, std::size_t k, const double* lo, const double* hi,
               Sums sums, Dot dot) {
  t.rows += rows;
  for (std::size_t l = 0; l < k; ++l) {
    const double* s = sums(l);
    for (std::size_t p = 0; p < 4; ++p) t.sums[l * 4 + p] += s[p];
    t.lo[l] = std::min(t.lo[l], lo[l]);
    t.hi[l] = std::max(t.hi[l], hi[l]);
  }
  for (std::size_t l1 = 0; l1 < k; ++l1)
    for (std::size_t l2 = l1 + 1; l2 < k; ++l2) t.prod[l1 * k + l2] += dot(l1, l2);
}

// Folds a scale's call sums into its listwise moments m (variables var, shifted by shift).
void fold_dense(Moments& m, const ListSums& t, std::span<const std::size_t> var,
                const std::vector<double>& shift);

// The products of int16 column i with each column j in [from, to) (columns `stride` apart,
// `len` long), four columns at a time: f(j, product) for each, exactly.
template <class F>
void dots_i16(const std::int16_t* cols, std::size_t stride, std::size_t i, std::size_t from,
              std::size_t to, std::size_t len, F f) {
  const std::int16_t* a = cols + i * stride;
  std::size_t j = from;
  for (; j + 4 <= to; j += 4) {
    const std::int16_t* const other[4] = {cols + j * stride, cols + (j + 1) * stride,
                                          cols + (j + 2) * stride, cols + (j + 3) * stride};
    std::int64_t p[4];
    securebase::detail::dot4_i16(a, other, len, p);
    for (std::size_t q = 0; q < 4; ++q) f(j + q, static_cast<double>(p[q]));
  }
  for (; j < to; ++j)
    f(j, static_cast<double>(securebase::detail::dot_i16(a, cols + j * stride, len)));
}

// Answer counts of a column of codes: n values (then zeros up to `padded_n`), `absent` of
// them not answers (code 0, as the middle answer's). out[k] for the k-th answer of w, the
// middle one (k = mid) being what the others leave.
void column_counts(const std::int16_t* x, std::size_t padded_n, std::size_t n, std::uint32_t absent,
                   int code_shift, std::size_t w, std::size_t mid, std::uint32_t* out);

// Clears the call sums for `vars` variables and sets the shifts: the middle of the response
// range for answers (a whole number, so that answers stay whole), the running mean (else the
// call's first score) for scores.
void begin_call(BlockScratch& b, const Accumulator& acc, const double* rows, std::size_t n,
                int middle);

// The geometry of one block of n rows in the scratch columns.
struct BlockShape {
  std::size_t items = 0, scales = 0, vars = 0;  // variables: the items, then the scores
  std::size_t n = 0;                            // rows in the block
  std::size_t len = 0;                          // column length for the kernels (n padded)
  std::size_t ds = 0;  // distance between double columns: a cache line more than len, so that
  std::size_t is = 0;  // (and between int16 columns) a row's columns share no cache set
  std::size_t cw = 0;  // codes per row
  std::size_t w = 0;   // answers in the response range
  int middle = 0;      // the middle answer (the answers' shift)
};

// The shape of a block of n rows of `layout`.
BlockShape shape_of(const Layout& layout, std::size_t n, int middle);

// Adds n rows (row-major, items then scores) of a call to its sums.
void sum_block(Accumulator& acc, BlockScratch& b, const double* rows, std::size_t n, int middle);

// Folds a call's sums of `rows` rows into the accumulator: every variable over its present
// values, every pair over the rows where both are present (sums over all rows less the rows
// where the other is missing), and each scale's complete rows.
void fold_call(Accumulator& acc, BlockScratch& b, std::size_t rows);

// Every scale's listwise sums over the rows of the block complete on it (row_sums_listwise.cpp).
// `integral`: every answer of the block is a whole number on the scale.
void sum_listwise(BlockScratch& b, const Layout& layout, const double* rows, const BlockShape& g,
                  bool integral);

}  // namespace securebase::stats::detail
