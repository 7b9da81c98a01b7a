// Doubles as text and back, locale-free: the one place the library turns a double into its
// shortest round-trip text or reads one from text (internal).
//
// Each function behaves exactly as its std::to_chars / std::from_chars counterpart for double
// (same bytes, same end pointer, same error). Where the standard library has them (libstdc++ 11
// and later) they are used, because they are fast; where it lacks them (the libc++ of
// emscripten 3.1.6, for WebAssembly) the library's own version below is used. The test
// tests/double_text_test.cpp proves the two give the same bytes on over 300,000 values.
#pragma once

#include <charconv>
#include <cstddef>

namespace securebase::detail {

/// Room that `write_shortest` may use: enough for any double ("-2.2250738585072014e-308").
inline constexpr std::size_t shortest_double_room = 32;

/// Writes the shortest text that reads back as exactly `v`, as std::to_chars(first, last, v):
/// fixed or scientific, whichever is shorter ("0.5", "80", "1e+22", "-nan"). `dst` must have
/// room for `shortest_double_room` chars; returns the end of the text.
char* write_shortest(char* dst, double v) noexcept;

/// Reads a double as std::from_chars(first, last, v) in its general format: an optional '-',
/// digits with an optional '.', an optional exponent, or inf/infinity/nan; no '+', no spaces,
/// no hex. Out of range (overflow, or underflow to zero) gives result_out_of_range, `v` unset.
std::from_chars_result parse_double(const char* first, const char* last, double& v) noexcept;

/// Writes `v` with exactly `decimals` (0-40) decimals, correctly rounded as printf("%.*f") and
/// std::to_chars(..., fixed, decimals), with a '.' whatever the locale. `dst` must have room for
/// 310 + `decimals` chars; returns the end. Finite `v` only.
char* write_fixed(char* dst, double v, int decimals) noexcept;

/// The library's own versions, used when the standard library lacks them; always compiled, so
/// that the test can compare them with the standard library's.
char* write_shortest_portable(char* dst, double v) noexcept;
std::from_chars_result parse_double_portable(const char* first, const char* last,
                                             double& v) noexcept;
char* write_fixed_portable(char* dst, double v, int decimals) noexcept;

}  // namespace securebase::detail
