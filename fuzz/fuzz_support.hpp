// securebase fuzz targets: what every target shares.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace securebase::fuzz {

/// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
  return {reinterpret_cast<const char*>(data), size};
}

/// Stops the run with a message: an invariant of the library was broken (libFuzzer then saves
/// the input as a crash).
[[noreturn]] inline void broken(const char* what) noexcept {
  std::fprintf(stderr, "securebase fuzz: invariant broken: %s\n", what);
  std::abort();
}

}  // namespace securebase::fuzz
