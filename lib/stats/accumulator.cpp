// The batch accumulator: one Moments over items and scale scores, one per scale over complete
// rows (for listwise statistics), and answer counts (its JSON partial: io/stats_partial.cpp).
#include "securebase/stats/accumulator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "securebase/core/error.hpp"
#include "stats/block_sums.hpp"

namespace securebase::stats {
namespace {

std::size_t width(const Layout& layout) {
  return static_cast<std::size_t>(layout.max - layout.min + 1);
}

[[noreturn]] void internal(std::string_view where, const std::string& message) {
  throw Error(ErrorCode::internal, std::string(where), message + "; please report this bug");
}

// Rows folded at a time: their columns (40 variables x 512 rows) stay in the L2 cache, and
// 512 * 500^2 (the largest int16 product sum of a 1001-value range) fits an int32 lane.
constexpr std::size_t block_rows = 512;

std::size_t padded(std::size_t n) {
  return (n + securebase::detail::column_pad - 1) / securebase::detail::column_pad *
         securebase::detail::column_pad;
}

// Centred sums of n values from their power sums s about `shift` (a value near their mean, so
// the numerators cancel little; they are exact when the values are small whole numbers).
Univariate from_power_sums(double n, double shift, const double s[4], double lo, double hi) {
  Univariate u;
  u.n = static_cast<std::uint64_t>(n);
  const double s1 = s[0], s2 = s[1], s3 = s[2], s4 = s[3];
  u.mean = shift + s1 / n;
  u.m2 = (n * s2 - s1 * s1) / n;
  u.m3 = (n * n * s3 - 3 * n * s1 * s2 + 2 * s1 * s1 * s1) / (n * n);
  u.m4 = (n * n * n * s4 - 4 * n * n * s1 * s3 + 6 * n * s1 * s1 * s2 - 3 * s1 * s1 * s1 * s1) /
         (n * n * n);
  u.min = lo;
  u.max = hi;
  return u;
}

// Co-moments of n rows from their sums about the shifts: sa = sum a, qa = sum a^2 (over the
// pair's rows), p = sum a b.
PairMoments from_sums(double n, double shift_a, double shift_b, double sa, double sb, double qa,
                      double qb, double p) {
  PairMoments m;
  m.n = static_cast<std::uint64_t>(n);
  m.mean_a = shift_a + sa / n;
  m.mean_b = shift_b + sb / n;
  m.m2_a = (n * qa - sa * sa) / n;
  m.m2_b = (n * qb - sb * sb) / n;
  m.c = (n * p - sa * sb) / n;
  return m;
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

BlockScratch& scratch() {
  thread_local BlockScratch s;
  return s;
}

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
                const std::vector<double>& shift) {
  m.rows += static_cast<std::uint64_t>(t.rows);
  const std::size_t k = var.size();
  for (std::size_t l = 0; l < k; ++l)
    m.univariate[l] = merge(
        m.univariate[l], from_power_sums(t.rows, shift[var[l]], &t.sums[l * 4], t.lo[l], t.hi[l]));
  std::size_t at = 0;
  for (std::size_t l1 = 0; l1 < k; ++l1) {
    const double* s1 = &t.sums[l1 * 4];
    for (std::size_t l2 = l1 + 1; l2 < k; ++l2, ++at) {
      const double* s2 = &t.sums[l2 * 4];
      m.pairs[at] = merge(m.pairs[at], from_sums(t.rows, shift[var[l1]], shift[var[l2]], s1[0],
                                                 s2[0], s1[1], s2[1], t.prod[l1 * k + l2]));
    }
  }
}

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
                   int code_shift, std::size_t w, std::size_t mid, std::uint32_t* out) {
  std::fill(out, out + w, 0U);
  if (w <= 16) {
    securebase::detail::count_codes(x, padded_n, code_shift, w, mid, out);
  } else {
    for (std::size_t r = 0; r < n; ++r) ++out[static_cast<std::size_t>(x[r] - code_shift)];
  }
  std::uint32_t others = 0;
  for (std::size_t k = 0; k < w; ++k) others += k == mid ? 0 : out[k];
  out[mid] = static_cast<std::uint32_t>(n) - absent - others;
}

// The listwise sums of scale s over the c rows of a block complete on it, when every answer is
// a whole number on the scale: from the whole block's sums less the incomplete rows when those
// are fewer, else summed over the complete rows. The rows run over are gathered into short
// columns (items as int16, the score as doubles) for the product kernels; answer power sums
// and extremes come from counts, exactly.
void list_integral(ListSums& t, BlockScratch& b, const Layout& layout, const double* rows,
                   std::size_t n, std::size_t vars, std::size_t s, std::size_t c, std::size_t ds,
                   std::size_t cw, int middle) {
  const std::size_t k = b.var.size();  // the scale's items, then its score
  const std::size_t items = k - 1;
  const std::size_t w = width(layout);
  const unsigned char* complete = &b.complete[s * n];
  const bool subtract = n - c <= c;
  const unsigned char wanted = subtract ? 0 : 1;  // the rows to run over
  const double sign = subtract ? -1.0 : 1.0;
  const std::size_t score = b.var[items];
  b.lsums.assign(k * 4, 0.0);
  b.lprod.assign(k * k, 0.0);
  b.lcounts.assign(items * w, 0);
  if (subtract) {
    for (std::size_t l = 0; l < k; ++l)
      for (std::size_t p = 0; p < 4; ++p) b.lsums[l * 4 + p] = b.sums[b.var[l] * 4 + p];
    for (std::size_t l1 = 0; l1 < k; ++l1)
      for (std::size_t l2 = l1 + 1; l2 < k; ++l2) {
        const std::size_t i = std::min(b.var[l1], b.var[l2]);
        const std::size_t j = std::max(b.var[l1], b.var[l2]);
        b.lprod[l1 * k + l2] = b.dots[i * vars + j];
      }
    for (std::size_t l = 0; l < items; ++l) {
      const std::uint32_t* counts = &b.counts[b.var[l] * (w + 1) + 1];
      for (std::size_t x = 0; x < w; ++x) b.lcounts[l * w + x] = counts[x];
    }
  }
  // Gather the rows run over: g of them, in columns of gs (zero beyond g).
  const std::size_t run = subtract ? n - c : c;
  const std::size_t gs = padded(run);
  b.gi.assign(items * gs, 0);
  b.gd.assign(gs, 0.0);
  const double inf = std::numeric_limits<double>::infinity();
  double score_lo = inf, score_hi = -inf;
  std::size_t g = 0;
  for (std::size_t r = 0; r < n; ++r) {
    if (complete[r] != wanted) {
      if (complete[r]) {  // a complete row when subtracting: its score's extremes
        const double y = rows[r * vars + score];
        score_lo = std::min(score_lo, y);
        score_hi = std::max(score_hi, y);
      }
      continue;
    }
    for (std::size_t l = 0; l < items; ++l) {
      const std::size_t v = b.var[l];
      b.gi[l * gs + g] = b.codes[r * cw + v];
    }
    b.gd[g] = b.xd[score * ds + r];
    if (!subtract) {
      const double y = rows[r * vars + score];
      score_lo = std::min(score_lo, y);
      score_hi = std::max(score_hi, y);
    }
    ++g;
  }
  // Answer counts of the gathered rows. Every missing answer of an item of the scale is in a row
  // incomplete on it: all of the block's when subtracting, none when adding.
  const int code_shift = layout.min - middle;
  const auto mid = static_cast<std::size_t>(middle - layout.min);
  b.gcounts.resize(w);
  for (std::size_t l = 0; l < items; ++l) {
    const std::uint32_t absent = subtract ? b.notans[b.var[l]] : 0U;
    column_counts(&b.gi[l * gs], gs, g, absent, code_shift, w, mid, b.gcounts.data());
    for (std::size_t x = 0; x < w; ++x)
      b.lcounts[l * w + x] += subtract ? -std::int64_t{b.gcounts[x]} : std::int64_t{b.gcounts[x]};
  }
  double* sums = b.lsums.data();
  double* prod = b.lprod.data();
  // Products: answers by answers exactly, four columns at a time; answers by the score.
  for (std::size_t l1 = 0; l1 < items; ++l1) {
    dots_i16(b.gi.data(), gs, l1, l1 + 1, items, gs,
             [&](std::size_t l2, double p) { prod[l1 * k + l2] += sign * p; });
    const std::int16_t* a = &b.gi[l1 * gs];
    double p[4] = {0, 0, 0, 0};  // four running sums, as dot_f64 (gd is zero past g)
    for (std::size_t q = 0; q < gs; q += 4)
      for (std::size_t u = 0; u < 4; ++u) p[u] += a[q + u] * b.gd[q + u];
    prod[l1 * k + items] += sign * ((p[0] + p[1]) + (p[2] + p[3]));
  }
  double ps[4];
  securebase::detail::power_sums(b.gd.data(), gs, ps);
  for (std::size_t p = 0; p < 4; ++p) sums[items * 4 + p] += sign * ps[p];
  b.glo.resize(k);
  b.ghi.resize(k);
  for (std::size_t l = 0; l < items; ++l) {
    b.glo[l] = inf;
    b.ghi[l] = -inf;
    for (std::size_t v = 0; v < w; ++v) {
      if (b.lcounts[l * w + v] == 0) continue;
      b.glo[l] = std::min(b.glo[l], static_cast<double>(layout.min + static_cast<int>(v)));
      b.ghi[l] = layout.min + static_cast<int>(v);
    }
    // Answers are whole numbers here: their power sums from the counts, exactly.
    double* sl = sums + l * 4;
    sl[0] = sl[1] = sl[2] = sl[3] = 0;
    for (std::size_t v = 0; v < w; ++v) {
      const auto cnt = static_cast<double>(b.lcounts[l * w + v]);
      const double d = layout.min + static_cast<int>(v) - middle;
      sl[0] += cnt * d;
      sl[1] += cnt * d * d;
      sl[2] += cnt * d * d * d;
      sl[3] += cnt * d * d * d * d;
    }
  }
  b.glo[items] = score_lo;
  b.ghi[items] = score_hi;
  add_dense(
      t, static_cast<double>(c), k, b.glo.data(), b.ghi.data(),
      [&](std::size_t l) { return sums + l * 4; },
      [&](std::size_t l1, std::size_t l2) { return prod[l1 * k + l2]; });
}

// Clears the call sums for `vars` variables and sets the shifts: the middle of the response
// range for answers (a whole number, so that answers stay whole), the running mean (else the
// call's first score) for scores.
void begin_call(BlockScratch& b, const Accumulator& acc, const double* rows, std::size_t n,
                int middle) {
  const Layout& layout = acc.layout;
  const std::size_t items = layout.items.size();
  const std::size_t scales = layout.scales.size();
  const std::size_t vars = items + scales;
  const double inf = std::numeric_limits<double>::infinity();
  b.shift.assign(vars, 0.0);
  for (std::size_t i = 0; i < items; ++i) b.shift[i] = middle;
  for (std::size_t s = 0; s < scales; ++s) {
    const Univariate& u = acc.all.univariate[items + s];
    double shift = u.n > 0 ? u.mean : 0.0;
    for (std::size_t r = 0; u.n == 0 && r < n; ++r)
      if (const double x = rows[r * vars + items + s]; !std::isnan(x)) {
        shift = x;
        break;
      }
    b.shift[items + s] = shift;
  }
  b.tsums.assign(vars * 4, 0.0);
  b.tdots.assign(vars * vars, 0.0);
  b.tlo.assign(vars, inf);
  b.thi.assign(vars, -inf);
  b.cs.assign(vars * vars, 0.0);
  b.cq.assign(vars * vars, 0.0);
  b.both.assign(vars * vars, 0.0);
  b.miss.assign(vars, 0.0);
  b.scale_start.assign(vars + 1, 0);
  b.scale_list.clear();
  for (std::size_t v = 0; v < vars; ++v) {
    b.scale_start[v] = b.scale_list.size();
    for (std::size_t s = 0; s < scales; ++s) {
      const auto& key = layout.scales[s].items;
      if (v == items + s || std::find(key.begin(), key.end(), v) != key.end())
        b.scale_list.push_back(s);
    }
  }
  b.scale_start[vars] = b.scale_list.size();
  b.per_unit.resize(scales);
  for (std::size_t s = 0; s < scales; ++s)
    b.per_unit[s] = bins_per_unit(layout.scales[s].lo, layout.scales[s].hi);
  b.item_start.assign(scales + 1, 0);
  for (std::size_t s = 0; s < scales; ++s)
    b.item_start[s + 1] = b.item_start[s] + layout.scales[s].items.size();
  b.tsum.assign(b.item_start[scales], 0.0);
  b.tsq.assign(b.item_start[scales], 0.0);
  b.tdot.assign(b.item_start[scales], 0.0);
  b.list.resize(scales);
  for (std::size_t s = 0; s < scales; ++s) {
    const std::size_t k = layout.scales[s].items.size() + 1;
    ListSums& t = b.list[s];
    t.rows = 0;
    t.sums.assign(k * 4, 0.0);
    t.prod.assign(k * k, 0.0);
    t.lo.assign(k, inf);
    t.hi.assign(k, -inf);
  }
}

// psych::alpha's total of each scale in each row of a block, T = the mean of the answered keyed
// items (a reversed answer x counts as min + max - x), less the middle of the response range;
// and its sums with the scale's items over the rows where each is answered, into the call's
// tsum, tsq and tdot: over all rows less the rows where the item is missing.
void sum_answered_means(const Layout& layout, BlockScratch& b, const double* rows, std::size_t n,
                        std::size_t len, std::size_t ds, int middle) {
  const std::size_t vars = layout.items.size() + layout.scales.size();
  const double flip = layout.min + layout.max - 2.0 * middle;  // keyed - middle = flip - x'
  b.total.resize(len);
  double* t = b.total.data();
  for (std::size_t s = 0; s < layout.scales.size(); ++s) {
    const ScaleKey& key = layout.scales[s];
    const std::size_t k = key.items.size();
    if (k == 0) continue;
    // Complete rows from the item columns, then the rows with a missing or off-scale value
    // afresh from the row.
    std::fill(t, t + len, 0.0);
    double reversed = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const double* x = &b.xd[key.items[i] * ds];
      const double sign = key.reversed[i] != 0 ? -1.0 : 1.0;
      reversed += key.reversed[i] != 0 ? 1.0 : 0.0;
      for (std::size_t r = 0; r < n; ++r) t[r] += sign * x[r];
    }
    const double add = flip * reversed;
    const auto kd = static_cast<double>(k);
    for (std::size_t r = 0; r < n; ++r) t[r] = (t[r] + add) / kd;
    for (const auto& row_index : b.missing_rows) {
      const double* row = rows + row_index.first * vars;
      double sum = 0;
      double answered = 0;
      for (std::size_t i = 0; i < k; ++i) {
        const double x = row[key.items[i]];
        if (std::isnan(x)) continue;
        sum += key.reversed[i] != 0 ? flip - (x - middle) : x - middle;
        answered += 1;
      }
      t[row_index.first] = answered == 0 ? 0.0 : sum / answered;
    }
    double all_t = 0;
    double all_tt = 0;
    for (std::size_t r = 0; r < n; ++r) {
      all_t += t[r];
      all_tt += t[r] * t[r];
    }
    const std::size_t at = b.item_start[s];
    for (std::size_t i = 0; i < k; ++i) {
      b.tsum[at + i] += all_t;
      b.tsq[at + i] += all_tt;
      b.tdot[at + i] += securebase::detail::dot_f64(&b.xd[key.items[i] * ds], t, len);
    }
    for (const auto& row_index : b.missing_rows) {
      const double* row = rows + row_index.first * vars;
      const double tr = t[row_index.first];
      for (std::size_t i = 0; i < k; ++i)
        if (std::isnan(row[key.items[i]])) {
          b.tsum[at + i] -= tr;
          b.tsq[at + i] -= tr * tr;
        }
    }
  }
}

// Adds n rows (row-major, items then scores) of a call to its sums.
void sum_block(Accumulator& acc, BlockScratch& b, const double* rows, std::size_t n, int middle) {
  const Layout& layout = acc.layout;
  const std::size_t items = layout.items.size();
  const std::size_t scales = layout.scales.size();
  const std::size_t vars = items + scales;
  // Column length for the kernels, and the distances between columns: one cache line more than
  // the length, so that the columns of a row do not all fall in the same cache set.
  const std::size_t len = padded(n);
  const std::size_t ds = len + 8;
  const std::size_t is = len + 32;
  const std::size_t w = width(layout);
  const double inf = std::numeric_limits<double>::infinity();
  // Every cell below len of an item column and below n of a score column is written; only
  // the scores' padding is cleared.
  b.xd.resize(vars * ds);
  b.xi.resize(items * is);
  for (std::size_t v = items; v < vars; ++v)
    std::fill(b.xd.begin() + static_cast<std::ptrdiff_t>(v * ds + n),
              b.xd.begin() + static_cast<std::ptrdiff_t>((v + 1) * ds), 0.0);
  const std::size_t cw = padded(items);  // codes per row
  b.codes.resize(len * cw);
  std::fill(b.codes.begin() + static_cast<std::ptrdiff_t>(n * cw), b.codes.end(), std::int16_t{0});
  b.notans.assign(items, 0);
  b.dots.resize(vars * vars);  // every entry above the diagonal is written below
  b.sums.assign(vars * 4, 0.0);
  b.lo.assign(vars, inf);
  b.hi.assign(vars, -inf);
  b.value.resize(vars);
  b.square.resize(vars);
  b.complete.assign(scales * n, 1);
  b.bin.resize(scales);
  b.missing.clear();

  bool integral = true;  // every answer a whole number in range: int16 products are exact
  const std::size_t nbins = ScoreBins::bins;
  const double lowest = layout.min;
  b.counts.assign(items * (w + 1), 0);  // per item: [0] missing or off the scale, [1 + x - min]
  b.odd.assign(items, 0);
  b.missing_rows.clear();
  // Raw pointers: the compiler cannot know that the stores below leave the vectors alone.
  std::uint32_t* const block_counts = b.counts.data();
  double* const xd_all = b.xd.data();
  std::int16_t* const xi_all = b.xi.data();
  std::int16_t* const codes = b.codes.data();
  const int first = layout.min;
  const int code_shift = first - middle;  // an answer x has code x - middle
  std::size_t* const bin = b.bin.data();
  const auto wide = static_cast<unsigned>(w);
  for (std::size_t r = 0; r < n; ++r) {
    const double* row = rows + r * vars;
    double* xd = xd_all + r;
    // Answers as whole numbers less the shift (0 when not an answer), row by row; turned into
    // columns below.
    const unsigned absent =
        securebase::detail::row_codes(row, items, lowest, wide, code_shift, codes + r * cw);
    bool scores_absent = false;
    for (std::size_t s = 0; s < scales; ++s) {
      const std::size_t v = items + s;
      const double x = row[v];
      if (std::isnan(x)) {
        xd[v * ds] = 0.0;
        scores_absent = true;
        continue;
      }
      xd[v * ds] = x - b.shift[v];
      b.lo[v] = std::min(b.lo[v], x);
      b.hi[v] = std::max(b.hi[v], x);
      bin[s] = bin_of(x, layout.scales[s].lo, layout.scales[s].hi, b.per_unit[s]);
      ++acc.bins.scale[s * nbins + bin[s]];
    }
    if (layout.plane) {
      const auto [a, v] = *layout.plane;
      if (!std::isnan(row[items + a]) && !std::isnan(row[items + v]))
        ++acc.bins.plane[bin[a] * nbins + bin[v]];
    }
    if (absent != 0 || scores_absent) b.missing_rows.push_back({r, absent});
  }
  securebase::detail::transpose_codes(codes, len, cw, items, xi_all, is);
  for (std::size_t v = 0; v < items; ++v) {
    const std::int16_t* from = xi_all + v * is;
    double* to = xd_all + v * ds;
    for (std::size_t r = 0; r < len; ++r) to[r] = from[r];
  }

  // Rows with a missing value (or an answer off the scale): the corrections for the pairs, and
  // which scales the row is complete on.
  for (const auto& [r, not_answers] : b.missing_rows) {
    const double* row = rows + r * vars;
    double* xd = xd_all + r;
    // The row's missing variables, without a branch per value.
    b.missing.resize(vars);
    std::size_t* missing = b.missing.data();
    std::size_t n_missing = 0;
    std::size_t v0 = 0;
#if defined(__SSE2__)
    for (; v0 + 2 <= vars; v0 += 2) {
      const __m128d x = _mm_loadu_pd(row + v0);
      const int nan = _mm_movemask_pd(_mm_cmpunord_pd(x, x));
      missing[n_missing] = v0;
      n_missing += static_cast<std::size_t>(nan & 1);
      missing[n_missing] = v0 + 1;
      n_missing += static_cast<std::size_t>(nan >> 1);
    }
#endif
    for (; v0 < vars; ++v0) {
      missing[n_missing] = v0;
      n_missing += std::isnan(row[v0]) ? 1U : 0U;
    }
    b.missing.resize(n_missing);
    const auto missing_items = static_cast<unsigned>(std::count_if(
        b.missing.begin(), b.missing.end(), [&](std::size_t v) { return v < items; }));
    for (std::size_t v = 0; missing_items != not_answers && v < items; ++v) {
      const double x = row[v];
      if (!std::isnan(x) && !securebase::detail::is_answer(x - lowest, wide)) {
        // Off the scale: not counted as an answer, but kept exactly in the sums.
        ++b.notans[v];
        ++acc.off_scale[v];
        integral = false;
        b.odd[v] = 1;
        xd[v * ds] = x - middle;
        b.lo[v] = std::min(b.lo[v], x);
        b.hi[v] = std::max(b.hi[v], x);
      }
    }
    // The row's values and squares side by side, then added to each missing variable's sums.
    double* value = b.value.data();
    double* square = b.square.data();
    for (std::size_t a = 0; a < vars; ++a) {
      value[a] = xd[a * ds];
      square[a] = value[a] * value[a];
    }
    for (std::size_t m : b.missing) {
      if (m < items) ++b.notans[m];
      b.miss[m] += 1;
      // Not complete on any scale of m.
      for (std::size_t q = b.scale_start[m]; q < b.scale_start[m + 1]; ++q)
        b.complete[b.scale_list[q] * n + r] = 0;
      double* cs = &b.cs[m * vars];
      double* cq = &b.cq[m * vars];
      for (std::size_t a = 0; a < vars; ++a) {
        cs[a] += value[a];
        cq[a] += square[a];
      }
      for (std::size_t m2 : b.missing) b.both[m * vars + m2] += 1;
    }
  }

  // Answer counts per item: each value but the middle (whose code is 0, as a value that is not
  // an answer) counted in its column; the middle is what remains.
  const auto mid = static_cast<std::size_t>(middle - first);
  for (std::size_t v = 0; v < items; ++v) {
    std::uint32_t* c = block_counts + v * (w + 1);
    c[0] = b.notans[v];
    column_counts(xi_all + v * is, len, n, b.notans[v], code_shift, w, mid, c + 1);
  }

  // Every variable's power sums over all rows (a missing value adds 0): an item's and its
  // extremes from its answer counts, exactly; a column with an off-scale value is summed.
  for (std::size_t v = 0; v < vars; ++v) {
    double* sums = &b.sums[v * 4];
    if (v < items) {
      const std::uint32_t* counts = &b.counts[v * (w + 1) + 1];
      for (std::size_t k = 0; k < w; ++k) {
        if (counts[k] == 0) continue;
        acc.counts[v * w + k] += counts[k];
        const double x = layout.min + static_cast<double>(k);
        b.lo[v] = std::min(b.lo[v], x);
        b.hi[v] = std::max(b.hi[v], x);
        const double t = x - middle;
        const double c = counts[k];
        sums[0] += c * t;
        sums[1] += c * t * t;
        sums[2] += c * t * t * t;
        sums[3] += c * t * t * t * t;
      }
    }
    if (v >= items || b.odd[v]) securebase::detail::power_sums(&b.xd[v * ds], len, sums);
    for (std::size_t k = 0; k < 4; ++k) b.tsums[v * 4 + k] += sums[k];
    b.tlo[v] = std::min(b.tlo[v], b.lo[v]);
    b.thi[v] = std::max(b.thi[v], b.hi[v]);
  }
  const auto keep = [&](std::size_t i, std::size_t j, double p) {
    b.dots[i * vars + j] = p;
    b.tdots[i * vars + j] += p;
  };
  // Pairs of items (whole numbers: exactly, from the int16 columns) and the pairs of scores; the
  // pairs of an item and a score come after this loop.
  for (std::size_t i = 0; i < vars; ++i) {
    const std::size_t end = i < items ? items : vars;
    if (integral && i < items) {
      dots_i16(xi_all, is, i, i + 1, end, len, [&](std::size_t j, double p) { keep(i, j, p); });
      continue;
    }
    for (std::size_t j = i + 1; j < end; ++j)
      keep(i, j, securebase::detail::dot_f64(&b.xd[i * ds], &b.xd[j * ds], len));
  }
  // Items by scores: four item columns at a time against a score column (as dot_f64 gives).
  for (std::size_t j = items; j < vars; ++j) {
    std::size_t i = 0;
    for (; i + 4 <= items; i += 4) {
      const double* const four[4] = {&b.xd[i * ds], &b.xd[(i + 1) * ds], &b.xd[(i + 2) * ds],
                                     &b.xd[(i + 3) * ds]};
      double p[4];
      securebase::detail::dot4_f64(four, &b.xd[j * ds], len, p);
      for (std::size_t k = 0; k < 4; ++k) keep(i + k, j, p[k]);
    }
    for (; i < items; ++i)
      keep(i, j, securebase::detail::dot_f64(&b.xd[i * ds], &b.xd[j * ds], len));
  }

  sum_answered_means(layout, b, rows, n, len, ds, middle);

  // Listwise: per scale, the rows complete on it (its items and its score).
  for (std::size_t s = 0; s < scales; ++s) {
    b.var.assign(layout.scales[s].items.begin(), layout.scales[s].items.end());
    b.var.push_back(items + s);
    const std::size_t k = b.var.size();
    const unsigned char* complete = &b.complete[s * n];
    std::size_t c = 0;
    for (std::size_t r = 0; r < n; ++r) c += complete[r];
    if (c == 0) continue;
    b.glo.resize(k);
    b.ghi.resize(k);
    if (c == n) {  // the whole block: its sums and products as they are
      for (std::size_t l = 0; l < k; ++l) {
        b.glo[l] = b.lo[b.var[l]];
        b.ghi[l] = b.hi[b.var[l]];
      }
      add_dense(
          b.list[s], static_cast<double>(n), k, b.glo.data(), b.ghi.data(),
          [&](std::size_t l) { return &b.sums[b.var[l] * 4]; },
          [&](std::size_t l1, std::size_t l2) {
            const std::size_t i = std::min(b.var[l1], b.var[l2]);
            const std::size_t j = std::max(b.var[l1], b.var[l2]);
            return b.dots[i * vars + j];
          });
      continue;
    }
    if (integral) {
      list_integral(b.list[s], b, layout, rows, n, vars, s, c, ds, cw, middle);
      continue;
    }
    const std::size_t gstride = padded(c);
    b.gd.assign(k * gstride, 0.0);
    for (std::size_t l = 0; l < k; ++l) {
      const std::size_t v = b.var[l];
      double lo = inf, hi = -inf;
      std::size_t g = 0;
      for (std::size_t r = 0; r < n; ++r) {
        if (!complete[r]) continue;
        const double x = rows[r * vars + v];
        lo = std::min(lo, x);
        hi = std::max(hi, x);
        b.gd[l * gstride + g] = b.xd[v * ds + r];
        ++g;
      }
      b.glo[l] = lo;
      b.ghi[l] = hi;
    }
    b.gs.assign(k * 4, 0.0);
    for (std::size_t l = 0; l < k; ++l)
      securebase::detail::power_sums(&b.gd[l * gstride], gstride, &b.gs[l * 4]);
    add_dense(
        b.list[s], static_cast<double>(c), k, b.glo.data(), b.ghi.data(),
        [&](std::size_t l) { return &b.gs[l * 4]; },
        [&](std::size_t l1, std::size_t l2) {
          return securebase::detail::dot_f64(&b.gd[l1 * gstride], &b.gd[l2 * gstride], gstride);
        });
  }
}

// Folds a call's sums of `rows` rows into the accumulator: every variable over its present
// values, every pair over the rows where both are present (sums over all rows less the rows
// where the other is missing), and each scale's complete rows.
void fold_call(Accumulator& acc, BlockScratch& b, std::size_t rows) {
  const Layout& layout = acc.layout;
  const std::size_t items = layout.items.size();
  const std::size_t scales = layout.scales.size();
  const std::size_t vars = items + scales;
  const auto rows_d = static_cast<double>(rows);
  acc.all.rows += rows;
  for (std::size_t v = 0; v < vars; ++v) {
    const double present = rows_d - b.miss[v];
    if (present > 0)
      acc.all.univariate[v] =
          merge(acc.all.univariate[v],
                from_power_sums(present, b.shift[v], &b.tsums[v * 4], b.tlo[v], b.thi[v]));
  }
  std::size_t at = 0;
  for (std::size_t i = 0; i < vars; ++i) {
    for (std::size_t j = i + 1; j < vars; ++j, ++at) {
      const double both = rows_d - b.miss[i] - b.miss[j] + b.both[i * vars + j];
      if (both <= 0) continue;
      acc.all.pairs[at] = merge(
          acc.all.pairs[at],
          from_sums(both, b.shift[i], b.shift[j], b.tsums[i * 4] - b.cs[j * vars + i],
                    b.tsums[j * 4] - b.cs[i * vars + j], b.tsums[i * 4 + 1] - b.cq[j * vars + i],
                    b.tsums[j * 4 + 1] - b.cq[i * vars + j], b.tdots[i * vars + j]));
    }
  }
  for (std::size_t s = 0; s < scales; ++s) {
    const ScaleKey& key = layout.scales[s];
    for (std::size_t i = 0; i < key.items.size(); ++i) {
      const std::size_t v = key.items[i];
      const double present = rows_d - b.miss[v];
      if (present <= 0) continue;
      const std::size_t j = b.item_start[s] + i;
      // T is shifted by the middle, as the answers are.
      acc.answered_mean[s][i] = merge(
          acc.answered_mean[s][i], from_sums(present, b.shift[v], b.shift[v], b.tsums[v * 4],
                                             b.tsum[j], b.tsums[v * 4 + 1], b.tsq[j], b.tdot[j]));
    }
  }
  for (std::size_t s = 0; s < scales; ++s) {
    if (b.list[s].rows == 0) continue;
    b.var.assign(layout.scales[s].items.begin(), layout.scales[s].items.end());
    b.var.push_back(items + s);
    fold_dense(acc.listwise[s], b.list[s], b.var, b.shift);
  }
}

std::string first_difference(const Layout& a, const Layout& b) {
  if (a.items != b.items) return "their items differ";
  if (a.min != b.min || a.max != b.max) return "their response ranges differ";
  if (a.scales.size() != b.scales.size()) return "their numbers of scales differ";
  for (std::size_t s = 0; s < a.scales.size(); ++s) {
    if (a.scales[s].id != b.scales[s].id || a.scales[s].items != b.scales[s].items ||
        a.scales[s].reversed != b.scales[s].reversed)
      return "the key of scale '" + a.scales[s].id + "' differs";
    if (a.scales[s].lo != b.scales[s].lo || a.scales[s].hi != b.scales[s].hi)
      return "the score range of scale '" + a.scales[s].id + "' differs";
  }
  if (a.plane != b.plane) return "their anxiety and avoidance scales differ";
  return "";
}

}  // namespace

Layout layout_of(const Instrument& instrument) {
  Layout layout;
  layout.min = instrument.response_scale().min;
  layout.max = instrument.response_scale().max;
  for (const Item& item : instrument.items()) layout.items.push_back(item.id);
  for (const Scale& scale : instrument.scales()) {
    ScaleKey key;
    key.id = scale.id;
    key.items = scale.items;
    for (std::size_t item : scale.items)
      key.reversed.push_back(std::find(scale.reversed.begin(), scale.reversed.end(), item) !=
                                     scale.reversed.end()
                                 ? 1
                                 : 0);
    layout.scales.push_back(std::move(key));
  }
  // Score ranges: a mean lies on the response range, a sum on the range times the item
  // weights; a composite spans its components' ranges.
  for (std::size_t s = 0; s < instrument.scales().size(); ++s) {
    const Scale& scale = instrument.scales()[s];
    ScaleKey& key = layout.scales[s];
    key.lo = layout.min;
    key.hi = layout.max;
    if (scale.method == ScaleMethod::sum && !scale.is_composite()) {
      double weight = 0;
      for (std::size_t i = 0; i < scale.items.size(); ++i)
        weight += i < scale.weights.size() ? std::abs(scale.weights[i]) : 1.0;
      key.lo = layout.min * weight;
      key.hi = layout.max * weight;
    }
  }
  for (std::size_t s = 0; s < instrument.scales().size(); ++s) {
    if (!instrument.scales()[s].is_composite()) continue;
    ScaleKey& key = layout.scales[s];
    key.lo = std::numeric_limits<double>::infinity();
    key.hi = -key.lo;
    for (std::size_t c : instrument.scales()[s].components) {
      key.lo = std::min(key.lo, layout.scales[c].lo);
      key.hi = std::max(key.hi, layout.scales[c].hi);
    }
  }
  if (instrument.plane())
    layout.plane =
        std::pair{instrument.plane()->anxiety.scale, instrument.plane()->avoidance.scale};
  return layout;
}

Accumulator make_accumulator(Layout layout) {
  if (layout.max < layout.min) internal("stats::make_accumulator", "the response range is empty");
  for (const ScaleKey& s : layout.scales) {
    if (s.reversed.size() != s.items.size())
      internal("stats::make_accumulator", "scale '" + s.id + "' has keys of two lengths");
    for (std::size_t i : s.items)
      if (i >= layout.items.size())
        internal("stats::make_accumulator", "scale '" + s.id + "' names an item out of range");
  }
  if (layout.plane &&
      (layout.plane->first >= layout.scales.size() || layout.plane->second >= layout.scales.size()))
    internal("stats::make_accumulator", "the plane names a scale out of range");
  Accumulator acc;
  acc.all = make_moments(layout.items.size() + layout.scales.size());
  for (const ScaleKey& s : layout.scales) {
    acc.listwise.push_back(make_moments(s.items.size() + 1));
    acc.answered_mean.emplace_back(s.items.size());
  }
  acc.counts.assign(layout.items.size() * width(layout), 0);
  acc.off_scale.assign(layout.items.size(), 0);
  acc.bins.scale.assign(layout.scales.size() * ScoreBins::bins, 0);
  if (layout.plane) acc.bins.plane.assign(ScoreBins::bins * ScoreBins::bins, 0);
  acc.layout = std::move(layout);
  return acc;
}

std::size_t score_bin(double score, double lo, double hi) noexcept {
  return bin_of(score, lo, hi, bins_per_unit(lo, hi));
}

RowBlock make_block(const Layout& layout) {
  RowBlock block;
  block.width = layout.items.size() + layout.scales.size();
  return block;
}

void append_row(RowBlock& block, std::span<const double> items, std::span<const double> scores) {
  if (items.size() + scores.size() != block.width)
    internal("stats::append_row", "a row does not match the block's width");
  block.values.insert(block.values.end(), items.begin(), items.end());
  block.values.insert(block.values.end(), scores.begin(), scores.end());
}

void add_row(Accumulator& acc, std::span<const double> items, std::span<const double> scores) {
  if (items.size() != acc.layout.items.size() || scores.size() != acc.layout.scales.size())
    internal("stats::add_row", "a row does not match the accumulator's layout");
  RowBlock block = make_block(acc.layout);
  append_row(block, items, scores);
  add_rows(acc, block);
}

void add_rows(Accumulator& acc, const RowBlock& block) {
  const std::size_t width = acc.layout.items.size() + acc.layout.scales.size();
  if (block.width != width) internal("stats::add_rows", "a block does not match the layout");
  const std::size_t rows = block.rows();
  if (rows == 0) return;
  BlockScratch& b = scratch();
  const int middle = acc.layout.min + (acc.layout.max - acc.layout.min) / 2;
  begin_call(b, acc, block.values.data(), rows, middle);
  for (std::size_t start = 0; start < rows; start += block_rows) {
    const std::size_t n = std::min(block_rows, rows - start);
    sum_block(acc, b, block.values.data() + start * width, n, middle);
  }
  fold_call(acc, b, rows);
}

Accumulator merge(const Accumulator& a, const Accumulator& b) {
  const std::string difference = first_difference(a.layout, b.layout);
  if (!difference.empty())
    throw Error(ErrorCode::stats_incomparable, "statistics partials",
                "two partials cannot be merged because " + difference +
                    "; merge only partials written for the same instrument and key");
  Accumulator m;
  m.layout = a.layout;
  m.all = merge(a.all, b.all);
  for (std::size_t s = 0; s < a.listwise.size(); ++s)
    m.listwise.push_back(merge(a.listwise[s], b.listwise[s]));
  m.answered_mean = a.answered_mean;
  for (std::size_t s = 0; s < m.answered_mean.size(); ++s)
    for (std::size_t i = 0; i < m.answered_mean[s].size(); ++i)
      m.answered_mean[s][i] = merge(a.answered_mean[s][i], b.answered_mean[s][i]);
  m.counts = a.counts;
  for (std::size_t i = 0; i < m.counts.size(); ++i) m.counts[i] += b.counts[i];
  m.off_scale = a.off_scale;
  for (std::size_t i = 0; i < m.off_scale.size(); ++i) m.off_scale[i] += b.off_scale[i];
  m.bins = a.bins;
  for (std::size_t i = 0; i < m.bins.scale.size(); ++i) m.bins.scale[i] += b.bins.scale[i];
  for (std::size_t i = 0; i < m.bins.plane.size(); ++i) m.bins.plane[i] += b.bins.plane[i];
  return m;
}

}  // namespace securebase::stats
