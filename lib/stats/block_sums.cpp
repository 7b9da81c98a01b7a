// Column inner products for stats::add_rows. The int16 product uses SSE2's multiply-add of
// eight 16-bit pairs into four 32-bit sums when the compiler targets SSE2 (every x86-64), and a
// plain loop elsewhere; both give the same exact integer.
#include "block_sums.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace securebase::detail {

std::int64_t dot_i16(const std::int16_t* a, const std::int16_t* b, std::size_t n) noexcept {
#if defined(__SSE2__)
  __m128i sum = _mm_setzero_si128();
  for (std::size_t r = 0; r < n; r += 8) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + r));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + r));
    sum = _mm_add_epi32(sum, _mm_madd_epi16(x, y));
  }
  alignas(16) std::int32_t lanes[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), sum);
  return static_cast<std::int64_t>(lanes[0]) + lanes[1] + lanes[2] + lanes[3];
#else
  std::int64_t sum = 0;
  for (std::size_t r = 0; r < n; ++r) sum += static_cast<std::int32_t>(a[r]) * b[r];
  return sum;
#endif
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
