// The kernels of stats::add_rows: answers to codes, rows to columns, code counts and column
// products over a block of rows (its hot loops).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace securebase::detail {

/// x truncated toward zero; INT_MIN for NaN and for values outside the int range (as the
/// hardware conversion does, without the undefined behaviour of a cast).
inline int truncate_toward_zero(double x) noexcept {
#if defined(__SSE2__)
  return _mm_cvttsd_si32(_mm_set_sd(x));
#else
  if (!(x > -2147483648.0 && x < 2147483648.0)) return std::numeric_limits<int>::min();
  return static_cast<int>(x);
#endif
}

/// Whether an answer's offset t from the lowest answer is a whole number below `width`.
inline bool is_answer(double t, unsigned width) noexcept {
  const int k = truncate_toward_zero(t);
  return static_cast<unsigned>(k) < width && static_cast<double>(k) == t;
}

/// Rows per block column are padded to a multiple of this with zeros.
inline constexpr std::size_t column_pad = 8;

/// A row's answers as small whole numbers: out[v] = x[v] - lowest + shift where x[v] - lowest is
/// a whole number below `wide`, else 0 (missing, or off the scale); then zeros up to the next
/// multiple of column_pad. Returns how many of the n values are not answers. |shift| and wide
/// must keep the codes within int16.
unsigned row_codes(const double* x, std::size_t n, double lowest, unsigned wide, int shift,
                   std::int16_t* out) noexcept;

/// Rows to columns: rows r < len (len a multiple of column_pad) of `width` codes each, at
/// rows[r * width] (width a multiple of column_pad), become columns: column v < columns at
/// cols[v * stride], its rows at [r].
void transpose_codes(const std::int16_t* rows, std::size_t len, std::size_t width,
                     std::size_t columns, std::int16_t* cols, std::size_t stride) noexcept;

/// Counts of the codes first + k (k < w, k != skip) among the n values of x (n a multiple of
/// column_pad): out[k] += the count. out[skip] is left alone.
void count_codes(const std::int16_t* x, std::size_t n, int first, std::size_t w, std::size_t skip,
                 std::uint32_t* out) noexcept;

/// Sum of a[r] * b[r] over n values (n a multiple of column_pad); exact while every partial
/// sum of 2 * column_pad / 8 products fits an int32 (|a|, |b| <= 2^15 and n * |a b| < 2^31).
std::int64_t dot_i16(const std::int16_t* a, const std::int16_t* b, std::size_t n) noexcept;

/// The four sums of a[r] * b[k][r] over n values (n a multiple of column_pad), a read once:
/// out[k] = dot_i16(a, b[k], n), exactly. With AVX2 when the processor has it (chosen once, at
/// run time), else as dot_i16; both give the same integers.
void dot4_i16(const std::int16_t* a, const std::int16_t* const b[4], std::size_t n,
              std::int64_t out[4]) noexcept;

/// Sum of a[r] * b[r] over n values (n a multiple of column_pad), in four running sums.
double dot_f64(const double* a, const double* b, std::size_t n) noexcept;

/// The four sums of a[k][r] * y[r] over n values (n a multiple of column_pad), y read once:
/// out[k] = dot_f64(a[k], y, n) to the last bit (the same four running sums, no fused
/// multiply-add). With AVX2 when the processor has it (chosen once, at run time).
void dot4_f64(const double* const a[4], const double* y, std::size_t n, double out[4]) noexcept;

/// Power sums of a column: s[k - 1] = sum of a[r]^k for k = 1..4 (n a multiple of column_pad).
void power_sums(const double* a, std::size_t n, double s[4]) noexcept;

}  // namespace securebase::detail
