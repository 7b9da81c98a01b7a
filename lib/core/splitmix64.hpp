// securebase: SplitMix64, the fully specified generator behind shuffled presentation orders
// (core/session.hpp), so that a seed gives the same order everywhere (internal).
#pragma once

#include <cstdint>

namespace securebase::detail {

/// One step of SplitMix64 (Steele, Lea and Flood 2014): adds 0x9e3779b97f4a7c15 to `state`
/// and returns the mixed value.
std::uint64_t splitmix64_next(std::uint64_t& state) noexcept;

/// A number in [0, bound) from SplitMix64 without modulo bias: draws are rejected while below
/// (2^64 - bound) mod bound, then reduced mod bound. `bound` must be > 0.
std::uint64_t splitmix64_below(std::uint64_t& state, std::uint64_t bound) noexcept;

}  // namespace securebase::detail
