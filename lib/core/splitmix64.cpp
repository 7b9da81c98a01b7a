// securebase: SplitMix64 (core/splitmix64.hpp).
#include "core/splitmix64.hpp"

namespace securebase::detail {

std::uint64_t splitmix64_next(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t splitmix64_below(std::uint64_t& state, std::uint64_t bound) noexcept {
  // (2^64 - bound) mod bound, computed in 64 bits as (-bound) mod bound.
  const std::uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    const std::uint64_t r = splitmix64_next(state);
    if (r >= threshold) return r % bound;
  }
}

}  // namespace securebase::detail
