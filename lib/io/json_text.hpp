// securebase: JSON text written piece by piece, for outputs too large or too hot to build as a
// document first (batch JSONL rows). Documents are written with nlohmann::json; these write the
// same text for strings and numbers. Internal (not installed).
#pragma once

#include <string>
#include <string_view>

namespace securebase::detail {

/// Appends `s` as a JSON string: quotes, \" \\ \n \r \t escaped, other control bytes as \u00XX;
/// every other byte as it is.
void append_json_string(std::string& out, std::string_view s);

/// Appends the shortest text that reads back as `v` (std::to_chars), or null when `v` is not
/// finite.
void append_json_number(std::string& out, double v);

}  // namespace securebase::detail
