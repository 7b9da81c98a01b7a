// Each scale's sums over the rows of a block complete on it (its items and its score), for the
// listwise statistics.
#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/row_sums.hpp"

namespace securebase::stats::detail {

namespace {

// When subtracting: scale s's listwise sums start as the whole block's (its variables b.var).
void start_from_block(BlockScratch& b, std::size_t vars, std::size_t w) {
  const std::size_t k = b.var.size();
  const std::size_t items = k - 1;
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

// Gathers the rows of the block whose completeness on scale s is `wanted` into columns gs long
// (b.gi: the items' codes, b.gd: the score less its shift; zero beyond the rows); returns how
// many. The score's extremes over the complete rows go to lo and hi.
std::size_t gather_rows(BlockScratch& b, const double* rows, const BlockShape& g, std::size_t s,
                        unsigned char wanted, std::size_t gs, double& lo, double& hi) {
  const std::size_t items = b.var.size() - 1;
  const std::size_t score = b.var[items];
  const unsigned char* complete = &b.complete[s * g.n];
  b.gi.assign(items * gs, 0);
  b.gd.assign(gs, 0.0);
  std::size_t n_gathered = 0;
  for (std::size_t r = 0; r < g.n; ++r) {
    if (complete[r]) {
      const double y = rows[r * g.vars + score];
      lo = std::min(lo, y);
      hi = std::max(hi, y);
    }
    if (complete[r] != wanted) continue;
    for (std::size_t l = 0; l < items; ++l)
      b.gi[l * gs + n_gathered] = b.codes[r * g.cw + b.var[l]];
    b.gd[n_gathered] = b.xd[score * g.ds + r];
    ++n_gathered;
  }
  return n_gathered;
}

// The answers' extremes and power sums of scale s's items from their listwise counts, exactly
// (answers are whole numbers here).
void sums_from_counts(BlockScratch& b, const Layout& layout, std::size_t w, int middle) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::size_t items = b.var.size() - 1;
  for (std::size_t l = 0; l < items; ++l) {
    b.glo[l] = inf;
    b.ghi[l] = -inf;
    for (std::size_t v = 0; v < w; ++v) {
      if (b.lcounts[l * w + v] == 0) continue;
      b.glo[l] = std::min(b.glo[l], static_cast<double>(layout.min + static_cast<int>(v)));
      b.ghi[l] = layout.min + static_cast<int>(v);
    }
    double* sl = b.lsums.data() + l * 4;
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
}

// The listwise sums of scale s over the c rows of a block complete on it, when every answer is
// a whole number on the scale: from the whole block's sums less the incomplete rows when those
// are fewer, else summed over the complete rows. The rows run over are gathered into short
// columns (items as int16, the score as doubles) for the product kernels; answer power sums
// and extremes come from counts, exactly.
void list_integral(ListSums& t, BlockScratch& b, const Layout& layout, const double* rows,
                   const BlockShape& g, std::size_t s, std::size_t c) {
  const std::size_t k = b.var.size();  // the scale's items, then its score
  const std::size_t items = k - 1;
  const std::size_t w = g.w;
  const int middle = g.middle;
  const bool subtract = g.n - c <= c;
  const double sign = subtract ? -1.0 : 1.0;
  b.lsums.assign(k * 4, 0.0);
  b.lprod.assign(k * k, 0.0);
  b.lcounts.assign(items * w, 0);
  if (subtract) start_from_block(b, g.vars, w);
  const double inf = std::numeric_limits<double>::infinity();
  double score_lo = inf;
  double score_hi = -inf;
  const std::size_t gs = padded(subtract ? g.n - c : c);
  const std::size_t gathered = gather_rows(b, rows, g, s, subtract ? 0 : 1, gs, score_lo, score_hi);
  // Answer counts of the gathered rows. Every missing answer of an item of the scale is in a row
  // incomplete on it: all of the block's when subtracting, none when adding.
  const int code_shift = layout.min - middle;
  const auto mid = static_cast<std::size_t>(middle - layout.min);
  b.gcounts.resize(w);
  for (std::size_t l = 0; l < items; ++l) {
    const std::uint32_t absent = subtract ? b.notans[b.var[l]] : 0U;
    column_counts(&b.gi[l * gs], gs, gathered, absent, code_shift, w, mid, b.gcounts.data());
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
    double p[4] = {0, 0, 0, 0};  // four running sums, as dot_f64 (gd is zero past the rows)
    for (std::size_t q = 0; q < gs; q += 4)
      for (std::size_t u = 0; u < 4; ++u) p[u] += a[q + u] * b.gd[q + u];
    prod[l1 * k + items] += sign * ((p[0] + p[1]) + (p[2] + p[3]));
  }
  double ps[4];
  securebase::detail::power_sums(b.gd.data(), gs, ps);
  for (std::size_t p = 0; p < 4; ++p) sums[items * 4 + p] += sign * ps[p];
  b.glo.resize(k);
  b.ghi.resize(k);
  sums_from_counts(b, layout, w, middle);
  b.glo[items] = score_lo;
  b.ghi[items] = score_hi;
  add_dense(
      t, static_cast<double>(c), k, b.glo.data(), b.ghi.data(),
      [&](std::size_t l) { return sums + l * 4; },
      [&](std::size_t l1, std::size_t l2) { return prod[l1 * k + l2]; });
}

// The listwise sums of scale s over the c rows complete on it, when some answer is off the
// scale: the rows gathered into dense double columns and summed.
void list_gathered(ListSums& t, BlockScratch& b, const double* rows, const BlockShape& g,
                   std::size_t s, std::size_t c) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::size_t k = b.var.size();
  const unsigned char* complete = &b.complete[s * g.n];
  const std::size_t gstride = padded(c);
  b.gd.assign(k * gstride, 0.0);
  for (std::size_t l = 0; l < k; ++l) {
    const std::size_t v = b.var[l];
    double lo = inf;
    double hi = -inf;
    std::size_t n_gathered = 0;
    for (std::size_t r = 0; r < g.n; ++r) {
      if (!complete[r]) continue;
      const double x = rows[r * g.vars + v];
      lo = std::min(lo, x);
      hi = std::max(hi, x);
      b.gd[l * gstride + n_gathered] = b.xd[v * g.ds + r];
      ++n_gathered;
    }
    b.glo[l] = lo;
    b.ghi[l] = hi;
  }
  b.gs.assign(k * 4, 0.0);
  for (std::size_t l = 0; l < k; ++l)
    securebase::detail::power_sums(&b.gd[l * gstride], gstride, &b.gs[l * 4]);
  add_dense(
      t, static_cast<double>(c), k, b.glo.data(), b.ghi.data(),
      [&](std::size_t l) { return &b.gs[l * 4]; },
      [&](std::size_t l1, std::size_t l2) {
        return securebase::detail::dot_f64(&b.gd[l1 * gstride], &b.gd[l2 * gstride], gstride);
      });
}

}  // namespace

void sum_listwise(BlockScratch& b, const Layout& layout, const double* rows, const BlockShape& g,
                  bool integral) {
  const std::size_t items = g.items;
  const std::size_t vars = g.vars;
  const std::size_t n = g.n;
  for (std::size_t s = 0; s < g.scales; ++s) {
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
    } else if (integral) {
      list_integral(b.list[s], b, layout, rows, g, s, c);
    } else {
      list_gathered(b.list[s], b, rows, g, s, c);
    }
  }
}

}  // namespace securebase::stats::detail
