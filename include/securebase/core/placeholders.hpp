// securebase: "{name}" placeholders in phrases (feedback text, the CLI's messages), filled in one
// place by one rule.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Values for "{name}" placeholders, by name.
using Placeholders = std::map<std::string, std::string, std::less<>>;

/// The first placeholder fill_placeholders left as written.
struct UnfilledPlaceholder {
  std::string name;       ///< its name (between the braces); empty when unclosed
  bool unclosed = false;  ///< a '{' with no '}' after it
};

/// `tmpl` with every "{name}" whose name is in `values` replaced by its value, in one pass (a
/// value is never filled in turn). Any other brace stays as written; when `unfilled` is given,
/// it receives the first such placeholder (and stays empty when every one was filled).
std::string fill_placeholders(std::string_view tmpl, const Placeholders& values,
                              std::optional<UnfilledPlaceholder>* unfilled = nullptr);

}  // namespace securebase

SECUREBASE_API_END
