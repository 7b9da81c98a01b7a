// securebase: item and label wording in one language, kept apart from the scoring key.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The words of one instrument in one language. Published instruments ship none: the user
/// supplies a file they are licensed to use.
struct InstrumentText {
  std::string instrument_id;                 ///< the instrument it belongs to
  std::string language;                      ///< BCP 47 tag, e.g. "en", "es"
  bool validated_translation = true;         ///< false for an unvalidated translation
  std::string note;                          ///< provenance of the wording
  std::string display_name;                  ///< the questionnaire's name for a person ("securebase
                                             ///< questionnaire", no article); empty: none given
  std::vector<std::string> labels;           ///< response labels, min..max; empty = keep defaults
  std::map<std::string, std::string> items;  ///< item id -> wording; items may be absent

  /// The wording of an item, or nullptr when this text has none.
  [[nodiscard]] const std::string* item(std::string_view item_id) const;
};

}  // namespace securebase

SECUREBASE_API_END
