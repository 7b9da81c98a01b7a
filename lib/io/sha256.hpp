#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace securebase::detail {

/// Incremental SHA-256 hasher (FIPS 180-4); feed data with update(), then call finish() once.
class Sha256 {
 public:
  /// Appends `data` to the message being hashed.
  void update(std::string_view data);
  /// Pads the message and returns the 32-byte digest; the object must not be reused afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  /// Processes one full 64-byte block from `block_`.
  void compress();

  std::array<std::uint32_t, 8> state_{0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                      0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
  std::array<std::uint8_t, 64> block_{};
  std::size_t block_len_ = 0;
  std::uint64_t total_len_ = 0;
};

/// Returns the SHA-256 digest of `data` as 64 lowercase hex characters.
std::string sha256_hex(std::string_view data);

}  // namespace securebase::detail
