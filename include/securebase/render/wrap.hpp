// securebase: text laid out for a terminal: widths in code points and word wrapping, the one
// implementation behind the result's text, the questionnaire's screens and the CLI's messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Columns `text` takes in a terminal: its UTF-8 code points (continuation bytes not counted).
std::size_t text_columns(std::string_view text) noexcept;

/// Words of `text` wrapped to `width` columns (at least 10), each line prefixed by `indent` and
/// ended by a line break; "" when `text` has no word. Breaks only at spaces (a no-break space,
/// U+00A0, keeps two words together) and at the text's own line breaks; only a word longer than
/// a whole line is cut, at the width. Spaces at the start of a line of `text` are kept.
std::string wrap_text(std::string_view text, int width, std::string_view indent = "");

/// The same wrapping with a hanging indent: the first line starts at column 0, every later one
/// after `hanging` spaces, and the last line has no line break after it.
std::string wrap_hanging(std::string_view text, int width, int hanging = 0);

}  // namespace securebase

SECUREBASE_API_END
