// The doubles the double_text tests write and read (tests/double_text_test.cpp natively,
// tests/double_text_dump.cpp natively and as WebAssembly): the values a scorer meets (whole
// numbers, halves, means of k answers) and the hard ones (random bit patterns, subnormals,
// powers of two and ten and their neighbours, the extremes), each with its negative.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/splitmix64.hpp"

namespace securebase::test {

inline double double_from_bits(std::uint64_t b) {
  double v = 0;
  std::memcpy(&v, &b, sizeof v);
  return v;
}

inline std::vector<double> double_samples() {
  std::vector<double> v;
  for (int i = 0; i <= 60000; ++i) v.push_back(i);
  for (int i = 0; i <= 20000; ++i) v.push_back(i + 0.5);
  for (int n = 1; n <= 60; ++n) {
    for (int k = 0; k <= 7 * n; ++k) v.push_back(static_cast<double>(k) / n);
  }
  v.push_back(1.0 / 3);
  v.push_back(2.0 / 3);
  std::uint64_t state = 20261207;
  for (int i = 0; i < 120000; ++i) {
    const double x = double_from_bits(securebase::detail::splitmix64_next(state));
    if (std::isfinite(x)) v.push_back(x);
  }
  for (int i = 0; i < 20000; ++i) {  // subnormals: exponent bits zero
    v.push_back(
        double_from_bits(securebase::detail::splitmix64_next(state) & 0x000FFFFFFFFFFFFFULL));
  }
  for (std::uint64_t m = 1; m < 1000; ++m) v.push_back(double_from_bits(m));  // the smallest
  for (int e = -1074; e <= 1023; ++e) {
    const double p = std::ldexp(1.0, e);
    v.push_back(p);
    v.push_back(std::nextafter(p, 0.0));
    v.push_back(std::nextafter(p, std::numeric_limits<double>::infinity()));
  }
  for (int e = -323; e <= 308; ++e) {
    v.push_back(std::strtod(("1e" + std::to_string(e)).c_str(), nullptr));
  }
  for (double x : {1e308, std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::denorm_min(), 9007199254740993.0,
                   1152921504606846976.0, 123456789012345678901.0, 0.1, 0.2, 0.3}) {
    v.push_back(x);
  }
  const std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) v.push_back(-v[i]);
  return v;
}

}  // namespace securebase::test
