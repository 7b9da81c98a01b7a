#include "securebase/core/placeholders.hpp"

namespace securebase {

std::string fill_placeholders(std::string_view tmpl, const Placeholders& values,
                              std::optional<UnfilledPlaceholder>* unfilled) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  const auto report = [&](std::string_view name, bool unclosed) {
    if (unfilled != nullptr && !unfilled->has_value()) {
      *unfilled = UnfilledPlaceholder{std::string(name), unclosed};
    }
  };
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find('{', i);
    out.append(tmpl.substr(i, open - i));
    if (open == std::string_view::npos) break;
    const std::size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) {
      report({}, true);
      out.append(tmpl.substr(open));
      break;
    }
    const std::string_view name = tmpl.substr(open + 1, close - open - 1);
    const auto it = values.find(name);
    if (it == values.end()) {
      // Not a placeholder of ours: the brace is text, and the scan goes on after it.
      report(name, false);
      out += '{';
      i = open + 1;
      continue;
    }
    out += it->second;
    i = close + 1;
  }
  return out;
}

}  // namespace securebase
