// securebase: item and label wording files read and checked against their instrument, the
// embedded ones, and a skeleton to fill in.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

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

SECUREBASE_API_END
