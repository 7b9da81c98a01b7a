// Strict JSON parsing shared by every securebase reader: line:column on syntax errors,
// duplicate keys rejected with their JSON path, size, nesting and string length bounded.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/utf8.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/limits.hpp"

namespace securebase::detail {

/// The JSON value type of every securebase reader: keeps members in document order, so that
/// problems are reported in the order a person reads the file.
using Json = nlohmann::ordered_json;

/// Deepest nesting accepted by default (Limits::max_json_depth).
inline constexpr std::size_t max_json_depth = default_max_json_depth;

/// Parses `text`; on malformed JSON (invalid UTF-8 included), text longer than
/// limits.max_json_bytes, nesting deeper than limits.max_json_depth, a string or key longer than
/// limits.max_json_string_bytes or holding U+0000, throws Error with `syntax_code` located as
/// "source:line:column" or "source: /path"; a duplicate key throws `duplicate_code`.
detail::Json parse_json_strict(std::string_view text, std::string_view source,
                               ErrorCode syntax_code, ErrorCode duplicate_code,
                               const Limits& limits = {});

/// The message for `size` bytes (a lower bound when `at_least`) over the limit `limit`.
std::string too_large_message(std::size_t size, bool at_least, std::size_t limit);

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
