// The array calls' dense row scorer (lib/capi/dense_rows.hpp).
#include "capi/dense_rows.hpp"

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/raw_score.hpp"

// On x86-64 the two row functions are also compiled for AVX2 and picked when the processor has
// it (an ifunc): the same source, with three-operand instructions and fewer register copies.
// What they call is inlined into them (SECUREBASE_ROW_INLINE), so that it is compiled for AVX2
// too. The clones are file-local (a cloned function's resolver would otherwise be exported whatever
// the visibility; abi/symbols.txt would show it); the two entry points below call them.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SECUREBASE_ROW_CLONES __attribute__((target_clones("avx2", "default")))
#define SECUREBASE_ROW_INLINE [[gnu::always_inline]] inline
#else
#define SECUREBASE_ROW_CLONES
#define SECUREBASE_ROW_INLINE inline
#endif

namespace securebase::capi {

namespace {

// Whole numbers whose sums over every item stay far inside the int32 range.
bool small_whole_range(double min, double max, std::size_t items) {
  constexpr double limit = 1 << 30;
  const double largest = std::max(std::fabs(min), std::fabs(max));
  return min == std::floor(min) && max == std::floor(max) && min <= max &&
         largest * static_cast<double>(items + 1) < limit;
}

bool unit_weights_no_composite(const ScoringPlan& plan) {
  const bool composites =
      !plan.component_begin.empty() && plan.component_begin.front() != plan.component_begin.back();
  return !composites && std::all_of(plan.entry_weight.begin(), plan.entry_weight.end(),
                                    [](double w) { return w == 1.0; });
}

// Set bits of a word, inline: std::popcount is a library call on baseline x86-64 (no POPCNT),
// which spills the caller's registers.
SECUREBASE_ROW_INLINE std::uint64_t bits_set(std::uint64_t x) noexcept {
  x -= (x >> 1) & 0x5555555555555555U;
  x = (x & 0x3333333333333333U) + ((x >> 2) & 0x3333333333333333U);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fU;
  return (x * 0x0101010101010101U) >> 56;
}

SECUREBASE_ROW_INLINE std::uint32_t popcount_and(const std::uint64_t* a, const std::uint64_t* b,
                                                 std::size_t words) {
  std::uint64_t n = 0;
  for (std::size_t w = 0; w < words; ++w) n += bits_set(a[w] & b[w]);
  return static_cast<std::uint32_t>(n);
}

}  // namespace

DenseKey make_dense_key(const Instrument& instrument) {
  const ScoringPlan& plan = instrument.plan();
  DenseKey key;
  key.items = instrument.items().size();
  key.scales = instrument.scales().size();
  key.lanes = (key.items + 3) / 4 * 4;
  key.words = (key.items + 63) / 64;
  key.min = plan.min;
  key.max = plan.max;
  key.reverse_sum = plan.reverse_sum;
  key.readable = small_whole_range(plan.min, plan.max, key.items);
  if (!key.readable || !unit_weights_no_composite(plan)) return key;
  key.keyed.assign(key.scales * key.lanes, 0);
  key.reversed.assign(key.scales * key.lanes, 0);
  key.reversed_items.assign(key.scales, 0);
  key.member.assign(key.scales * key.words, 0);
  key.member_reversed.assign(key.scales * key.words, 0);
  for (std::size_t s = 0; s < key.scales; ++s) {
    for (std::uint32_t e = plan.scale_begin[s]; e < plan.scale_begin[s + 1]; ++e) {
      const std::size_t item = plan.entry_item[e];
      const std::uint64_t bit = std::uint64_t{1} << (item % 64);
      std::uint64_t& word = key.member[s * key.words + item / 64];
      if ((word & bit) != 0) return key;  // an item twice in one scale: score_raw counts both
      word |= bit;
      key.keyed[s * key.lanes + item] = -1;
      if (plan.entry_reversed[e] != 0) {
        key.reversed[s * key.lanes + item] = -1;
        key.member_reversed[s * key.words + item / 64] |= bit;
        ++key.reversed_items[s];
      }
    }
  }
  key.usable = true;
  return key;
}

DenseRow::DenseRow(const DenseKey& key) : values(key.lanes, 0), answered(key.words, 0) {}

namespace {

// One answer: its whole value (0 when missing or off the scale), whether it was answered, and
// whether it is a whole number in [min, max].
struct Answer {
  std::int32_t whole;
  bool answered;
  bool valid;
};

SECUREBASE_ROW_INLINE Answer read_one(double x, double min, double max) noexcept {
  const bool in_range = x >= min && x <= max;  // false for NaN
  const auto whole = in_range ? static_cast<std::int32_t>(x) : 0;
  return {whole, !std::isnan(x), in_range && static_cast<double>(whole) == x};
}

#if defined(__SSE2__)
// Two answers: their whole values (missing, NaN, as 0) in the low half of the result, and as two
// bits, which were answered and which convert to an int32 and back to themselves (NaN, and
// anything not whole or beyond int32, which converts to INT32_MIN, does not).
SECUREBASE_ROW_INLINE __m128i read_two(const double* at, unsigned& answered,
                                       unsigned& exact) noexcept {
  const __m128d x = _mm_loadu_pd(at);
  const __m128d ordered = _mm_cmpord_pd(x, x);
  const __m128i whole = _mm_cvttpd_epi32(_mm_and_pd(ordered, x));
  answered = static_cast<unsigned>(_mm_movemask_pd(ordered));
  exact = static_cast<unsigned>(_mm_movemask_pd(_mm_cmpeq_pd(_mm_cvtepi32_pd(whole), x)));
  return whole;
}
#endif

// Items [begin, end) (at most 64, begin a multiple of 64) into `out` and the bit set of the
// answered ones; returns the bit set of the answered ones that are not valid (a whole number in
// [min, max], which an int32 range test on the exact ones tells).
SECUREBASE_ROW_INLINE std::uint64_t read_word(const DenseKey& key, const double* values,
                                              std::size_t begin, std::size_t end, std::int32_t* out,
                                              std::uint64_t& answered_word) noexcept {
  std::uint64_t answered = 0;
  std::uint64_t valid = 0;
  std::size_t i = begin;
#if defined(__SSE2__)
  const __m128i below = _mm_set1_epi32(static_cast<std::int32_t>(key.min) - 1);
  const __m128i above = _mm_set1_epi32(static_cast<std::int32_t>(key.max) + 1);
  for (; i + 4 <= end; i += 4) {
    unsigned a0 = 0;
    unsigned a1 = 0;
    unsigned e0 = 0;
    unsigned e1 = 0;
    const __m128i whole =
        _mm_unpacklo_epi64(read_two(values + i, a0, e0), read_two(values + i + 2, a1, e1));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), whole);
    const __m128i in_range =
        _mm_and_si128(_mm_cmpgt_epi32(whole, below), _mm_cmplt_epi32(whole, above));
    const auto in_range_bits = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(in_range)));
    answered |= static_cast<std::uint64_t>(a0 | a1 << 2) << (i - begin);
    valid |= static_cast<std::uint64_t>((e0 | e1 << 2) & in_range_bits) << (i - begin);
  }
#endif
  for (; i < end; ++i) {
    const Answer a = read_one(values[i], key.min, key.max);
    out[i] = a.whole;
    answered |= static_cast<std::uint64_t>(a.answered) << (i - begin);
    valid |= static_cast<std::uint64_t>(a.valid) << (i - begin);
  }
  answered_word = answered;
  return answered ^ valid;  // valid answers are answered ones
}

SECUREBASE_ROW_CLONES
bool read_row(const DenseKey& key, const double* values, DenseRow& row) noexcept {
  std::int32_t* out = row.values.data();
  std::uint64_t* answered = row.answered.data();
  std::uint64_t invalid = 0;
  for (std::size_t w = 0; w < key.words; ++w) {
    const std::size_t begin = w * 64;
    invalid |= read_word(key, values, begin, std::min(key.items, begin + 64), out, answered[w]);
  }
  return invalid == 0;
}

SECUREBASE_ROW_CLONES
void raw_scores(const Instrument& instrument, const DenseKey& key, const DenseRow& row,
                std::vector<RawScore>& raw) noexcept {
  const std::int32_t* v = row.values.data();
  const std::uint64_t* answered = row.answered.data();
  for (std::size_t s = 0; s < key.scales; ++s) {
    const std::int32_t* keyed = key.keyed.data() + s * key.lanes;
    const std::int32_t* reversed = key.reversed.data() + s * key.lanes;
    // (x & keyed) ^ reversed is x for a forward item, ~x = -x - 1 for a reversed one (missing
    // answers being 0) and 0 elsewhere; adding the reversed item count back gives the sum of
    // the forward answers minus the reversed ones.
    std::int32_t sum = key.reversed_items[s];
    std::size_t j = 0;
#if defined(__SSE2__)
    __m128i acc = _mm_setzero_si128();
    for (; j < key.lanes; j += 4) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + j));
      const __m128i k = _mm_loadu_si128(reinterpret_cast<const __m128i*>(keyed + j));
      const __m128i r = _mm_loadu_si128(reinterpret_cast<const __m128i*>(reversed + j));
      acc = _mm_add_epi32(acc, _mm_xor_si128(_mm_and_si128(x, k), r));
    }
    acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0x4e));  // lanes 2,3 onto 0,1
    acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0xb1));  // lane 1 onto 0
    sum += _mm_cvtsi128_si32(acc);
#endif
    for (; j < key.lanes; ++j) sum += (v[j] & keyed[j]) ^ reversed[j];
    const std::uint32_t n = popcount_and(answered, key.member.data() + s * key.words, key.words);
    const auto n_reversed = static_cast<double>(
        popcount_and(answered, key.member_reversed.data() + s * key.words, key.words));
    // Forward answers plus (reverse_sum - x) for each reversed one, every term a whole number.
    const double keyed_sum = static_cast<double>(sum) + key.reverse_sum * n_reversed;
    raw[s] = detail::raw_from_sum(instrument.plan(), s, keyed_sum, n, std::nullopt);
  }
}

}  // namespace

bool read_dense_row(const DenseKey& key, const double* values, DenseRow& row) noexcept {
  return read_row(key, values, row);
}

void dense_raw_scores(const Instrument& instrument, const DenseKey& key, const DenseRow& row,
                      std::vector<RawScore>& raw) noexcept {
  raw_scores(instrument, key, row, raw);
}

}  // namespace securebase::capi
