// securebase: the size limits of the JSON readers (instruments, answers, results), as a value.
#pragma once

#include <cstddef>

namespace securebase {

/// Default largest JSON file or text the readers accept: 64 MiB.
inline constexpr std::size_t default_max_json_bytes = std::size_t{64} << 20;

/// Default deepest nesting of arrays and objects the readers accept.
inline constexpr std::size_t default_max_json_depth = 256;

/// Default longest JSON string (a value or a key) the readers accept, in bytes: 1 MiB.
inline constexpr std::size_t default_max_json_string_bytes = std::size_t{1} << 20;

/// Limits on the JSON documents a loader reads. Pass one to a loader to change them for that
/// call only; there is no global setting. docs/limits.md lists each limit and its error.
struct Limits {
  std::size_t max_json_bytes = default_max_json_bytes;  ///< size of a file or text, in bytes
  std::size_t max_json_depth = default_max_json_depth;  ///< nesting of arrays and objects
  std::size_t max_json_string_bytes = default_max_json_string_bytes;  ///< one string or key
};

}  // namespace securebase
