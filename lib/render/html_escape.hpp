// Escaping text for HTML element content and attribute values, shared by the HTML renderers.
#pragma once

#include <string>
#include <string_view>

namespace securebase::detail {

/// Appends `s` to `out` with & < > " ' replaced by their character references.
void escape_html_into(std::string& out, std::string_view s);

/// `s` with & < > " ' replaced by their character references.
std::string escape_html(std::string_view s);

}  // namespace securebase::detail
