// Inner products over the columns of a block of rows: the hot loops of stats::add_rows.
#pragma once

#include <cstddef>
#include <cstdint>

namespace securebase::detail {

/// Rows per block column are padded to a multiple of this with zeros.
inline constexpr std::size_t column_pad = 8;

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
