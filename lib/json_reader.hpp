// Strict JSON parsing shared by every securebase reader: line:column on syntax errors,
// duplicate keys rejected with their JSON path, nesting depth bounded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "securebase/error.hpp"

namespace securebase::detail {

/// The JSON value type of every securebase reader: keeps members in document order, so that
/// problems are reported in the order a person reads the file.
using Json = nlohmann::ordered_json;

/// Deepest nesting accepted in any JSON document securebase reads.
inline constexpr std::size_t max_json_depth = 256;

/// Parses `text`; on malformed JSON, a duplicate key or excessive nesting throws Error with
/// `syntax_code` (duplicates: `duplicate_code`) located as "source:line:column" or
/// "source: /path".
detail::Json parse_json_strict(std::string_view text, std::string_view source,
                               ErrorCode syntax_code, ErrorCode duplicate_code);

/// 1-based line and column of byte offset `offset` in `text` ("line:column").
std::string line_column(std::string_view text, std::size_t offset);

/// Escapes one JSON Pointer reference token (~ -> ~0, / -> ~1).
std::string pointer_token(std::string_view key);

/// "source: /pointer" (or "source: /" for the root).
std::string json_where(std::string_view source, std::string_view pointer);

/// A short rendering of a JSON value for messages, cut to about 40 characters.
std::string brief(const detail::Json& value);

/// "a string", "a number", ... : the JSON type of a value, for messages.
std::string_view json_type_name(const detail::Json& value);

}  // namespace securebase::detail
