// Column inner products for stats::add_rows. The int16 product uses SSE2's multiply-add of
// eight 16-bit pairs into four 32-bit sums when the compiler targets SSE2 (every x86-64), AVX2's
// of sixteen when the processor has it, and a plain loop elsewhere; all give the same integer.
#include "stats/block_sums.hpp"

#include <algorithm>
#include <limits>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace securebase::detail {

#if defined(__SSE2__)
namespace {

// The sum of the four 32-bit lanes of v.
inline std::int64_t lanes_sum(__m128i v) noexcept {
  alignas(16) std::int32_t lanes[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), v);
  return static_cast<std::int64_t>(lanes[0]) + lanes[1] + lanes[2] + lanes[3];
}

}  // namespace
#endif

std::int64_t dot_i16(const std::int16_t* a, const std::int16_t* b, std::size_t n) noexcept {
#if defined(__SSE2__)
  __m128i sum = _mm_setzero_si128();
  for (std::size_t r = 0; r < n; r += 8) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + r));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + r));
    sum = _mm_add_epi32(sum, _mm_madd_epi16(x, y));
  }
  return lanes_sum(sum);
#else
  std::int64_t sum = 0;
  for (std::size_t r = 0; r < n; ++r) sum += static_cast<std::int32_t>(a[r]) * b[r];
  return sum;
#endif
}

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define SECUREBASE_AVX2 1
namespace {

// Whether the processor has AVX2 (asked once): the kernels below choose their path by it.
bool has_avx2() noexcept {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

// dot4_i16 sixteen values at a time (n a multiple of 8: a last half step of eight with SSE2).
__attribute__((target("avx2"))) void dot4_i16_avx2(const std::int16_t* a,
                                                   const std::int16_t* const b[4], std::size_t n,
                                                   std::int64_t out[4]) noexcept {
  __m256i s0 = _mm256_setzero_si256();
  __m256i s1 = s0;
  __m256i s2 = s0;
  __m256i s3 = s0;
  std::size_t r = 0;
  for (; r + 16 <= n; r += 16) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + r));
    s0 = _mm256_add_epi32(
        s0, _mm256_madd_epi16(x, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b[0] + r))));
    s1 = _mm256_add_epi32(
        s1, _mm256_madd_epi16(x, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b[1] + r))));
    s2 = _mm256_add_epi32(
        s2, _mm256_madd_epi16(x, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b[2] + r))));
    s3 = _mm256_add_epi32(
        s3, _mm256_madd_epi16(x, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b[3] + r))));
  }
  __m128i t[4] = {_mm_add_epi32(_mm256_castsi256_si128(s0), _mm256_extracti128_si256(s0, 1)),
                  _mm_add_epi32(_mm256_castsi256_si128(s1), _mm256_extracti128_si256(s1, 1)),
                  _mm_add_epi32(_mm256_castsi256_si128(s2), _mm256_extracti128_si256(s2, 1)),
                  _mm_add_epi32(_mm256_castsi256_si128(s3), _mm256_extracti128_si256(s3, 1))};
  if (r < n) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + r));
    for (int k = 0; k < 4; ++k)
      t[k] = _mm_add_epi32(
          t[k], _mm_madd_epi16(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(b[k] + r))));
  }
  for (int k = 0; k < 4; ++k) out[k] = lanes_sum(t[k]);
}

}  // namespace
#endif

void dot4_i16(const std::int16_t* a, const std::int16_t* const b[4], std::size_t n,
              std::int64_t out[4]) noexcept {
#if defined(SECUREBASE_AVX2)
  if (has_avx2()) {
    dot4_i16_avx2(a, b, n, out);
    return;
  }
#endif
  for (int k = 0; k < 4; ++k) out[k] = dot_i16(a, b[k], n);
}

double dot_f64(const double* a, const double* b, std::size_t n) noexcept {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (std::size_t r = 0; r < n; r += 4) {
    s0 += a[r] * b[r];
    s1 += a[r + 1] * b[r + 1];
    s2 += a[r + 2] * b[r + 2];
    s3 += a[r + 3] * b[r + 3];
  }
  return (s0 + s1) + (s2 + s3);
}

#if defined(SECUREBASE_AVX2)
namespace {

// dot4_f64 with lane q of each sum holding the products of rows r = q (mod 4), as dot_f64's
// running sums do, and the same order of the final additions.
__attribute__((target("avx2"))) void dot4_f64_avx2(const double* const a[4], const double* y,
                                                   std::size_t n, double out[4]) noexcept {
  __m256d s[4] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(),
                  _mm256_setzero_pd()};
  for (std::size_t r = 0; r < n; r += 4) {
    const __m256d x = _mm256_loadu_pd(y + r);
    for (int k = 0; k < 4; ++k)
      s[k] = _mm256_add_pd(s[k], _mm256_mul_pd(_mm256_loadu_pd(a[k] + r), x));
  }
  for (int k = 0; k < 4; ++k) {
    alignas(32) double lane[4];
    _mm256_store_pd(lane, s[k]);
    out[k] = (lane[0] + lane[1]) + (lane[2] + lane[3]);
  }
}

}  // namespace
#endif

void dot4_f64(const double* const a[4], const double* y, std::size_t n, double out[4]) noexcept {
#if defined(SECUREBASE_AVX2)
  if (has_avx2()) {
    dot4_f64_avx2(a, y, n, out);
    return;
  }
#endif
  for (int k = 0; k < 4; ++k) out[k] = dot_f64(a[k], y, n);
}

namespace {

// Set bits of each 4-bit value (used only by the SSE2 and AVX2 paths: none on WebAssembly).
[[maybe_unused]] constexpr unsigned char nibble_bits[16] = {0, 1, 1, 2, 1, 2, 2, 3,
                                                            1, 2, 2, 3, 2, 3, 3, 4};

}  // namespace

#if defined(SECUREBASE_AVX2)
namespace {

// The whole groups of eight of row_codes with AVX2 (the same codes); returns how many values
// it did, and adds what is not an answer to `absent`.
__attribute__((target("avx2"))) std::size_t row_codes_avx2(const double* x, std::size_t n,
                                                           double lowest, unsigned wide, int shift,
                                                           std::int16_t* out,
                                                           unsigned& absent) noexcept {
  const __m256d low = _mm256_set1_pd(lowest);
  const __m256i flip = _mm256_set1_epi32(std::numeric_limits<int>::min());
  const __m256i limit = _mm256_xor_si256(_mm256_set1_epi32(static_cast<int>(wide)), flip);
  const __m256i add = _mm256_set1_epi32(shift);
  std::size_t v = 0;
  for (; v + 8 <= n; v += 8) {
    const __m256d t0 = _mm256_sub_pd(_mm256_loadu_pd(x + v), low);
    const __m256d t1 = _mm256_sub_pd(_mm256_loadu_pd(x + v + 4), low);
    const __m128i k0 = _mm256_cvttpd_epi32(t0);
    const __m128i k1 = _mm256_cvttpd_epi32(t1);
    const __m256 e0 = _mm256_castpd_ps(_mm256_cmp_pd(_mm256_cvtepi32_pd(k0), t0, _CMP_EQ_OQ));
    const __m256 e1 = _mm256_castpd_ps(_mm256_cmp_pd(_mm256_cvtepi32_pd(k1), t1, _CMP_EQ_OQ));
    // Each 64-bit mask narrowed to 32 bits, in the order of k.
    const __m128 w0 = _mm_shuffle_ps(_mm256_castps256_ps128(e0), _mm256_extractf128_ps(e0, 1),
                                     _MM_SHUFFLE(2, 0, 2, 0));
    const __m128 w1 = _mm_shuffle_ps(_mm256_castps256_ps128(e1), _mm256_extractf128_ps(e1, 1),
                                     _MM_SHUFFLE(2, 0, 2, 0));
    const __m256i k = _mm256_set_m128i(k1, k0);
    const __m256i whole = _mm256_castps_si256(_mm256_set_m128(w1, w0));
    const __m256i ok =
        _mm256_and_si256(whole, _mm256_cmpgt_epi32(limit, _mm256_xor_si256(k, flip)));
    const __m256i code = _mm256_and_si256(_mm256_add_epi32(k, add), ok);
    // Packing works within 128-bit halves: the low 64 bits of each half hold the codes.
    const __m256i packed = _mm256_permute4x64_epi64(_mm256_packs_epi32(code, code), 0x08);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + v), _mm256_castsi256_si128(packed));
    const auto mask = static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(ok)));
    absent += 8U - nibble_bits[mask & 15U] - nibble_bits[mask >> 4];
  }
  return v;
}

}  // namespace
#endif

unsigned row_codes(const double* x, std::size_t n, double lowest, unsigned wide, int shift,
                   std::int16_t* out) noexcept {
  unsigned absent = 0;
  std::size_t v = 0;
#if defined(SECUREBASE_AVX2)
  if (has_avx2()) v = row_codes_avx2(x, n, lowest, wide, shift, out, absent);
#endif
#if defined(__SSE2__)
  // Four at a time: k = x - lowest truncated (INT_MIN for NaN or out of range), an answer when
  // k converts back to x - lowest and 0 <= k < wide (an unsigned comparison, by a sign flip).
  const __m128d low = _mm_set1_pd(lowest);
  const __m128i flip = _mm_set1_epi32(std::numeric_limits<int>::min());
  const __m128i limit = _mm_xor_si128(_mm_set1_epi32(static_cast<int>(wide)), flip);
  const __m128i add = _mm_set1_epi32(shift);
  for (; v + 4 <= n; v += 4) {
    const __m128d t0 = _mm_sub_pd(_mm_loadu_pd(x + v), low);
    const __m128d t1 = _mm_sub_pd(_mm_loadu_pd(x + v + 2), low);
    const __m128i k0 = _mm_cvttpd_epi32(t0);
    const __m128i k1 = _mm_cvttpd_epi32(t1);
    const __m128d e0 = _mm_cmpeq_pd(_mm_cvtepi32_pd(k0), t0);
    const __m128d e1 = _mm_cmpeq_pd(_mm_cvtepi32_pd(k1), t1);
    const __m128i k = _mm_unpacklo_epi64(k0, k1);
    const __m128i whole = _mm_castps_si128(
        _mm_shuffle_ps(_mm_castpd_ps(e0), _mm_castpd_ps(e1), _MM_SHUFFLE(2, 0, 2, 0)));
    const __m128i ok = _mm_and_si128(whole, _mm_cmplt_epi32(_mm_xor_si128(k, flip), limit));
    const __m128i code = _mm_and_si128(_mm_add_epi32(k, add), ok);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out + v), _mm_packs_epi32(code, code));
    absent += 4U - nibble_bits[_mm_movemask_ps(_mm_castsi128_ps(ok))];
  }
#endif
  for (; v < n; ++v) {
    const double t = x[v] - lowest;
    const bool answer = is_answer(t, wide);
    out[v] = static_cast<std::int16_t>(answer ? truncate_toward_zero(t) + shift : 0);
    absent += answer ? 0U : 1U;
  }
  for (; v % column_pad != 0; ++v) out[v] = 0;
  return absent;
}

void transpose_codes(const std::int16_t* rows, std::size_t len, std::size_t width,
                     std::size_t columns, std::int16_t* cols, std::size_t stride) noexcept {
#if defined(__SSE2__)
  // Tiles of 8 rows by 8 codes: unpacking pairs of 16, 32 and 64 bits turns rows into columns.
  for (std::size_t r = 0; r < len; r += 8) {
    for (std::size_t v = 0; v < columns; v += 8) {
      __m128i a[8];
      for (std::size_t q = 0; q < 8; ++q)
        a[q] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows + (r + q) * width + v));
      const __m128i b0 = _mm_unpacklo_epi16(a[0], a[1]);
      const __m128i b1 = _mm_unpackhi_epi16(a[0], a[1]);
      const __m128i b2 = _mm_unpacklo_epi16(a[2], a[3]);
      const __m128i b3 = _mm_unpackhi_epi16(a[2], a[3]);
      const __m128i b4 = _mm_unpacklo_epi16(a[4], a[5]);
      const __m128i b5 = _mm_unpackhi_epi16(a[4], a[5]);
      const __m128i b6 = _mm_unpacklo_epi16(a[6], a[7]);
      const __m128i b7 = _mm_unpackhi_epi16(a[6], a[7]);
      const __m128i c0 = _mm_unpacklo_epi32(b0, b2);
      const __m128i c1 = _mm_unpackhi_epi32(b0, b2);
      const __m128i c2 = _mm_unpacklo_epi32(b1, b3);
      const __m128i c3 = _mm_unpackhi_epi32(b1, b3);
      const __m128i c4 = _mm_unpacklo_epi32(b4, b6);
      const __m128i c5 = _mm_unpackhi_epi32(b4, b6);
      const __m128i c6 = _mm_unpacklo_epi32(b5, b7);
      const __m128i c7 = _mm_unpackhi_epi32(b5, b7);
      const __m128i col[8] = {_mm_unpacklo_epi64(c0, c4), _mm_unpackhi_epi64(c0, c4),
                              _mm_unpacklo_epi64(c1, c5), _mm_unpackhi_epi64(c1, c5),
                              _mm_unpacklo_epi64(c2, c6), _mm_unpackhi_epi64(c2, c6),
                              _mm_unpacklo_epi64(c3, c7), _mm_unpackhi_epi64(c3, c7)};
      for (std::size_t q = 0; q < 8 && v + q < columns; ++q)
        _mm_storeu_si128(reinterpret_cast<__m128i*>(cols + (v + q) * stride + r), col[q]);
    }
  }
#else
  for (std::size_t v = 0; v < columns; ++v)
    for (std::size_t r = 0; r < len; ++r) cols[v * stride + r] = rows[r * width + v];
#endif
}

void count_codes(const std::int16_t* x, std::size_t n, int first, std::size_t w, std::size_t skip,
                 std::uint32_t* out) noexcept {
  std::size_t k = 0;
#if defined(__SSE2__)
  // Four codes per pass over x (k0..k3, a repeated code where fewer remain: its extra count is
  // dropped); int16 lane counts stay below 2^15 over at most 262,136 values at a time.
  constexpr std::size_t span = 262136;
  while (k < w) {
    std::size_t ks[4];
    std::size_t m = 0;
    for (; k < w && m < 4; ++k)
      if (k != skip) ks[m++] = k;
    if (m == 0) break;
    for (std::size_t q = m; q < 4; ++q) ks[q] = ks[0];
    // Named registers rather than arrays, so that no optimisation level keeps them in memory.
    const __m128i w0 = _mm_set1_epi16(static_cast<std::int16_t>(first + static_cast<int>(ks[0])));
    const __m128i w1 = _mm_set1_epi16(static_cast<std::int16_t>(first + static_cast<int>(ks[1])));
    const __m128i w2 = _mm_set1_epi16(static_cast<std::int16_t>(first + static_cast<int>(ks[2])));
    const __m128i w3 = _mm_set1_epi16(static_cast<std::int16_t>(first + static_cast<int>(ks[3])));
    const __m128i ones = _mm_set1_epi16(1);
    std::uint32_t total[4] = {0, 0, 0, 0};
    for (std::size_t start = 0; start < n; start += span) {
      const std::size_t end = std::min(n, start + span);
      __m128i c0 = _mm_setzero_si128();
      __m128i c1 = c0;
      __m128i c2 = c0;
      __m128i c3 = c0;
      for (std::size_t r = start; r < end; r += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x + r));
        c0 = _mm_sub_epi16(c0, _mm_cmpeq_epi16(v, w0));
        c1 = _mm_sub_epi16(c1, _mm_cmpeq_epi16(v, w1));
        c2 = _mm_sub_epi16(c2, _mm_cmpeq_epi16(v, w2));
        c3 = _mm_sub_epi16(c3, _mm_cmpeq_epi16(v, w3));
      }
      // Lane counts are non-negative: their pairwise sums as int32, then the four lanes.
      total[0] += static_cast<std::uint32_t>(lanes_sum(_mm_madd_epi16(c0, ones)));
      total[1] += static_cast<std::uint32_t>(lanes_sum(_mm_madd_epi16(c1, ones)));
      total[2] += static_cast<std::uint32_t>(lanes_sum(_mm_madd_epi16(c2, ones)));
      total[3] += static_cast<std::uint32_t>(lanes_sum(_mm_madd_epi16(c3, ones)));
    }
    for (std::size_t q = 0; q < m; ++q) out[ks[q]] += total[q];
  }
#endif
  for (; k < w; ++k) {
    if (k == skip) continue;
    const auto code = static_cast<std::int16_t>(first + static_cast<int>(k));
    std::uint32_t total = 0;
    for (std::size_t r = 0; r < n; ++r) total += x[r] == code ? 1U : 0U;
    out[k] += total;
  }
}

void power_sums(const double* a, std::size_t n, double s[4]) noexcept {
  double s1a = 0, s2a = 0, s3a = 0, s4a = 0, s1b = 0, s2b = 0, s3b = 0, s4b = 0;
  for (std::size_t r = 0; r < n; r += 2) {
    const double x = a[r];
    const double y = a[r + 1];
    const double x2 = x * x;
    const double y2 = y * y;
    s1a += x;
    s1b += y;
    s2a += x2;
    s2b += y2;
    s3a += x2 * x;
    s3b += y2 * y;
    s4a += x2 * x2;
    s4b += y2 * y2;
  }
  s[0] = s1a + s1b;
  s[1] = s2a + s2b;
  s[2] = s3a + s3b;
  s[3] = s4a + s4b;
}

}  // namespace securebase::detail
