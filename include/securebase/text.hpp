// securebase: item and label wording in one language, kept apart from the scoring key.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/instrument.hpp"

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

/// Parses and checks a text file against its instrument: same id, known items, one label per
/// response point; an item whose wording is "" has none yet. Throws 501-503 with JSON paths,
/// every problem at once.
InstrumentText parse_instrument_text(std::string_view json_text, std::string_view source,
                                     const Instrument& instrument);

/// Loads a text file (601 if unreadable).
InstrumentText load_instrument_text_file(const std::filesystem::path& path,
                                         const Instrument& instrument);

/// Languages of the embedded texts of an instrument ("en", "es"), sorted; empty for none.
std::vector<std::string> embedded_text_languages(const Instrument& instrument);

/// A text-file skeleton for an instrument: every item id with empty wording ("" = not written
/// yet), its number and scales as a hint, and the default labels, for a user to fill in.
std::string text_template(const Instrument& instrument, std::string_view language);

/// The embedded text of an instrument in a language, if the library ships one.
std::optional<InstrumentText> embedded_instrument_text(const Instrument& instrument,
                                                       std::string_view language);

}  // namespace securebase
