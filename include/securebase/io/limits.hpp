// securebase: the size limits of the readers (JSON documents and CSV/TSV tables), as a value.
#pragma once

#include <cstddef>

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Default largest JSON file or text the readers accept: 64 MiB.
inline constexpr std::size_t default_max_json_bytes = std::size_t{64} << 20;

/// Default deepest nesting of arrays and objects the readers accept.
inline constexpr std::size_t default_max_json_depth = 256;

/// Default longest JSON string (a value or a key) the readers accept, in bytes: 1 MiB.
inline constexpr std::size_t default_max_json_string_bytes = std::size_t{1} << 20;

/// Default longest record (row) of a CSV/TSV table, in bytes: 64 MiB.
inline constexpr std::size_t default_max_record_bytes = std::size_t{64} << 20;

/// Default most columns of a CSV/TSV table's header: 1,000,000.
inline constexpr std::size_t default_max_columns = 1'000'000;

/// Limits on the documents and tables a reader accepts. Pass one to a loader or a TableReader
/// to change them for that reader only; there is no global setting. docs/limits.md lists each
/// limit and its error.
struct Limits {
  std::size_t max_json_bytes = default_max_json_bytes;  ///< size of a file or text, in bytes
  std::size_t max_json_depth = default_max_json_depth;  ///< nesting of arrays and objects
  std::size_t max_json_string_bytes = default_max_json_string_bytes;  ///< one string or key
  std::size_t max_record_bytes = default_max_record_bytes;  ///< one CSV/TSV record, in bytes
  std::size_t max_columns = default_max_columns;            ///< fields of a table's header
};

}  // namespace securebase

SECUREBASE_API_END
