// The working sums behind stats::add_rows: a block of rows into the call's sums, and a call's
// sums into the accumulator (row_sums.hpp says how the work is split).
#include "stats/row_sums.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace securebase::stats::detail {

BlockScratch& scratch() {
  thread_local BlockScratch s;
  return s;
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

BlockShape shape_of(const Layout& layout, std::size_t n, int middle) {
  BlockShape g;
  g.items = layout.items.size();
  g.scales = layout.scales.size();
  g.vars = g.items + g.scales;
  g.n = n;
  g.len = padded(n);
  g.ds = g.len + 8;
  g.is = g.len + 32;
  g.cw = padded(g.items);
  g.w = width(layout);
  g.middle = middle;
  return g;
}

namespace {

// Sizes the block's scratch. Every cell below len of an item column and below n of a score
// column is written by read_rows; only the scores' padding is cleared here.
void clear_block(BlockScratch& b, const BlockShape& g) {
  const double inf = std::numeric_limits<double>::infinity();
  b.xd.resize(g.vars * g.ds);
  b.xi.resize(g.items * g.is);
  for (std::size_t v = g.items; v < g.vars; ++v)
    std::fill(b.xd.begin() + static_cast<std::ptrdiff_t>(v * g.ds + g.n),
              b.xd.begin() + static_cast<std::ptrdiff_t>((v + 1) * g.ds), 0.0);
  b.codes.resize(g.len * g.cw);
  std::fill(b.codes.begin() + static_cast<std::ptrdiff_t>(g.n * g.cw), b.codes.end(),
            std::int16_t{0});
  b.notans.assign(g.items, 0);
  b.dots.resize(g.vars * g.vars);  // every entry above the diagonal is written by sum_pairs
  b.sums.assign(g.vars * 4, 0.0);
  b.lo.assign(g.vars, inf);
  b.hi.assign(g.vars, -inf);
  b.value.resize(g.vars);
  b.square.resize(g.vars);
  b.complete.assign(g.scales * g.n, 1);
  b.bin.resize(g.scales);
  b.missing.clear();
  b.counts.assign(g.items * (g.w + 1), 0);  // per item: [0] missing or off the scale, [1 + x - min]
  b.odd.assign(g.items, 0);
  b.missing_rows.clear();
}

// Reads the block's rows: answers as whole numbers less the shift (0 when not an answer), row by
// row, then turned into int16 and double columns; scores into their columns, with their
// extremes and bins; and the rows with a value missing or off the scale.
void read_rows(Accumulator& acc, BlockScratch& b, const BlockShape& g, const double* rows) {
  const Layout& layout = acc.layout;
  const std::size_t nbins = ScoreBins::bins;
  const double lowest = layout.min;
  // Raw pointers: the compiler cannot know that the stores below leave the vectors alone.
  double* const xd_all = b.xd.data();
  std::int16_t* const xi_all = b.xi.data();
  std::int16_t* const codes = b.codes.data();
  const int code_shift = layout.min - g.middle;  // an answer x has code x - middle
  std::size_t* const bin = b.bin.data();
  const auto wide = static_cast<unsigned>(g.w);
  for (std::size_t r = 0; r < g.n; ++r) {
    const double* row = rows + r * g.vars;
    double* xd = xd_all + r;
    const unsigned absent =
        securebase::detail::row_codes(row, g.items, lowest, wide, code_shift, codes + r * g.cw);
    bool scores_absent = false;
    for (std::size_t s = 0; s < g.scales; ++s) {
      const std::size_t v = g.items + s;
      const double x = row[v];
      if (std::isnan(x)) {
        xd[v * g.ds] = 0.0;
        scores_absent = true;
        continue;
      }
      xd[v * g.ds] = x - b.shift[v];
      b.lo[v] = std::min(b.lo[v], x);
      b.hi[v] = std::max(b.hi[v], x);
      bin[s] = bin_of(x, layout.scales[s].lo, layout.scales[s].hi, b.per_unit[s]);
      ++acc.bins.scale[s * nbins + bin[s]];
    }
    if (layout.plane) {
      const auto [a, v] = *layout.plane;
      if (!std::isnan(row[g.items + a]) && !std::isnan(row[g.items + v]))
        ++acc.bins.plane[bin[a] * nbins + bin[v]];
    }
    if (absent != 0 || scores_absent) b.missing_rows.push_back({r, absent});
  }
  securebase::detail::transpose_codes(codes, g.len, g.cw, g.items, xi_all, g.is);
  for (std::size_t v = 0; v < g.items; ++v) {
    const std::int16_t* from = xi_all + v * g.is;
    double* to = xd_all + v * g.ds;
    for (std::size_t r = 0; r < g.len; ++r) to[r] = from[r];
  }
}

// The missing variables of a row (vars values) into `missing`, without a branch per value;
// returns how many.
std::size_t find_missing(const double* row, std::size_t vars, std::size_t* missing) noexcept {
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
  return n_missing;
}

// The answers of a row that are off the scale (neither missing nor an answer): not counted as
// answers, but kept exactly in the sums. Returns whether there was one.
bool keep_off_scale(Accumulator& acc, BlockScratch& b, const BlockShape& g, const double* row,
                    double* xd, unsigned not_answers) {
  const auto missing_items = static_cast<unsigned>(std::count_if(
      b.missing.begin(), b.missing.end(), [&](std::size_t v) { return v < g.items; }));
  const double lowest = acc.layout.min;
  const auto wide = static_cast<unsigned>(g.w);
  bool found = false;
  for (std::size_t v = 0; missing_items != not_answers && v < g.items; ++v) {
    const double x = row[v];
    if (!std::isnan(x) && !securebase::detail::is_answer(x - lowest, wide)) {
      ++b.notans[v];
      ++acc.off_scale[v];
      found = true;
      b.odd[v] = 1;
      xd[v * g.ds] = x - g.middle;
      b.lo[v] = std::min(b.lo[v], x);
      b.hi[v] = std::max(b.hi[v], x);
    }
  }
  return found;
}

// Rows with a missing value (or an answer off the scale): the corrections for the pairs, and
// which scales the row is complete on. Returns whether every answer of the block is a whole
// number on the scale (int16 products are then exact).
bool correct_missing_rows(Accumulator& acc, BlockScratch& b, const BlockShape& g,
                          const double* rows) {
  bool integral = true;
  const std::size_t vars = g.vars;
  for (const auto& [r, not_answers] : b.missing_rows) {
    const double* row = rows + r * vars;
    double* xd = b.xd.data() + r;
    b.missing.resize(vars);
    b.missing.resize(find_missing(row, vars, b.missing.data()));
    if (keep_off_scale(acc, b, g, row, xd, not_answers)) integral = false;
    // The row's values and squares side by side, then added to each missing variable's sums.
    double* value = b.value.data();
    double* square = b.square.data();
    for (std::size_t a = 0; a < vars; ++a) {
      value[a] = xd[a * g.ds];
      square[a] = value[a] * value[a];
    }
    for (std::size_t m : b.missing) {
      if (m < g.items) ++b.notans[m];
      b.miss[m] += 1;
      // Not complete on any scale of m.
      for (std::size_t q = b.scale_start[m]; q < b.scale_start[m + 1]; ++q)
        b.complete[b.scale_list[q] * g.n + r] = 0;
      double* cs = &b.cs[m * vars];
      double* cq = &b.cq[m * vars];
      for (std::size_t a = 0; a < vars; ++a) {
        cs[a] += value[a];
        cq[a] += square[a];
      }
      for (std::size_t m2 : b.missing) b.both[m * vars + m2] += 1;
    }
  }
  return integral;
}

// Answer counts per item: each value but the middle (whose code is 0, as a value that is not
// an answer) counted in its column; the middle is what remains. Then every variable's power
// sums over all rows (a missing value adds 0): an item's and its extremes from its answer
// counts, exactly; a column with an off-scale value is summed.
void sum_powers(Accumulator& acc, BlockScratch& b, const BlockShape& g) {
  const Layout& layout = acc.layout;
  const std::size_t w = g.w;
  const int code_shift = layout.min - g.middle;
  const auto mid = static_cast<std::size_t>(g.middle - layout.min);
  for (std::size_t v = 0; v < g.items; ++v) {
    std::uint32_t* c = b.counts.data() + v * (w + 1);
    c[0] = b.notans[v];
    column_counts(b.xi.data() + v * g.is, g.len, g.n, b.notans[v], code_shift, w, mid, c + 1);
  }
  for (std::size_t v = 0; v < g.vars; ++v) {
    double* sums = &b.sums[v * 4];
    if (v < g.items) {
      const std::uint32_t* counts = &b.counts[v * (w + 1) + 1];
      for (std::size_t k = 0; k < w; ++k) {
        if (counts[k] == 0) continue;
        acc.counts[v * w + k] += counts[k];
        const double x = layout.min + static_cast<double>(k);
        b.lo[v] = std::min(b.lo[v], x);
        b.hi[v] = std::max(b.hi[v], x);
        const double t = x - g.middle;
        const double c = counts[k];
        sums[0] += c * t;
        sums[1] += c * t * t;
        sums[2] += c * t * t * t;
        sums[3] += c * t * t * t * t;
      }
    }
    if (v >= g.items || b.odd[v]) securebase::detail::power_sums(&b.xd[v * g.ds], g.len, sums);
    for (std::size_t k = 0; k < 4; ++k) b.tsums[v * 4 + k] += sums[k];
    b.tlo[v] = std::min(b.tlo[v], b.lo[v]);
    b.thi[v] = std::max(b.thi[v], b.hi[v]);
  }
}

// The block's cross-products of every pair: items with items (whole numbers: exactly, from the
// int16 columns, when the block is integral), scores with scores, then items with scores, four
// item columns at a time against a score column (as dot_f64 gives).
void sum_pairs(BlockScratch& b, const BlockShape& g, bool integral) {
  const std::size_t items = g.items, vars = g.vars, ds = g.ds, len = g.len;
  const auto keep = [&](std::size_t i, std::size_t j, double p) {
    b.dots[i * vars + j] = p;
    b.tdots[i * vars + j] += p;
  };
  for (std::size_t i = 0; i < vars; ++i) {
    const std::size_t end = i < items ? items : vars;
    if (integral && i < items) {
      dots_i16(b.xi.data(), g.is, i, i + 1, end, len,
               [&](std::size_t j, double p) { keep(i, j, p); });
      continue;
    }
    for (std::size_t j = i + 1; j < end; ++j)
      keep(i, j, securebase::detail::dot_f64(&b.xd[i * ds], &b.xd[j * ds], len));
  }
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
}

// psych::alpha's total of each scale in each row of a block, T = the mean of the answered keyed
// items (a reversed answer x counts as min + max - x), less the middle of the response range;
// and its sums with the scale's items over the rows where each is answered, into the call's
// tsum, tsq and tdot: over all rows less the rows where the item is missing.
void sum_answered_means(const Layout& layout, BlockScratch& b, const double* rows,
                        const BlockShape& g) {
  const std::size_t vars = g.vars, n = g.n, len = g.len, ds = g.ds;
  const int middle = g.middle;
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

}  // namespace

void sum_block(Accumulator& acc, BlockScratch& b, const double* rows, std::size_t n, int middle) {
  const BlockShape g = shape_of(acc.layout, n, middle);
  clear_block(b, g);
  read_rows(acc, b, g, rows);
  const bool integral = correct_missing_rows(acc, b, g, rows);
  sum_powers(acc, b, g);
  sum_pairs(b, g, integral);
  sum_answered_means(acc.layout, b, rows, g);
  sum_listwise(b, acc.layout, rows, g, integral);
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

}  // namespace securebase::stats::detail
