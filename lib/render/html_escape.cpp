// Escaping text for HTML: the five characters that can end an element's text or an attribute.
#include "render/html_escape.hpp"

namespace securebase::detail {

void escape_html_into(std::string& out, std::string_view s) {
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  escape_html_into(out, s);
  return out;
}

}  // namespace securebase::detail
