// Text checks and escapes for messages: UTF-8 validity and printable renderings of any bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace securebase::detail {

/// Byte offset of the first byte in `text` that does not start or continue a well-formed UTF-8
/// sequence (overlong forms and surrogates count as ill-formed), or npos.
std::size_t first_invalid_utf8(std::string_view text) noexcept;

/// `text` with control characters and bytes that are not UTF-8 written as \xNN, cut to about
/// `max_chars` bytes: safe to show in a message whatever the input held.
std::string printable(std::string_view text, std::size_t max_chars = 40);

}  // namespace securebase::detail
