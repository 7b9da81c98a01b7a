// Column inner products for stats::add_rows. The int16 product uses SSE2's multiply-add of
// eight 16-bit pairs into four 32-bit sums when the compiler targets SSE2 (every x86-64), AVX2's
// of sixteen when the processor has it, and a plain loop elsewhere; all give the same integer.
#include "block_sums.hpp"

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
#define SECUREBASE_DOT4_AVX2 1
namespace {

// dot4_i16 sixteen values at a time (n a multiple of 8: a last half step of eight with SSE2).
__attribute__((target("avx2"))) void dot4_i16_avx2(const std::int16_t* a,
                                                   const std::int16_t* const b[4], std::size_t n,
                                                   std::int64_t out[4]) noexcept {
  __m256i s0 = _mm256_setzero_si256(), s1 = s0, s2 = s0, s3 = s0;
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
#if defined(SECUREBASE_DOT4_AVX2)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
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

#if defined(SECUREBASE_DOT4_AVX2)
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
#if defined(SECUREBASE_DOT4_AVX2)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    dot4_f64_avx2(a, y, n, out);
    return;
  }
#endif
  for (int k = 0; k < 4; ++k) out[k] = dot_f64(a[k], y, n);
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
