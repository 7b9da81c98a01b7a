// securebase: item and label wording in one language.
#include "securebase/core/item_text.hpp"

namespace securebase {

const std::string* InstrumentText::item(std::string_view item_id) const {
  auto it = items.find(std::string(item_id));
  return it == items.end() ? nullptr : &it->second;
}

}  // namespace securebase
