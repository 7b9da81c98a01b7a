// securebase: instruments from JSON (files, text, the embedded ones) and their keys as JSON.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/io/limits.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Parses and validates instrument JSON; `source` names it in errors. Reports every problem at
/// once as one Error (codes 101-108) with JSON paths; text beyond `limits` is 101.
Instrument parse_instrument(std::string_view json_text, std::string_view source,
                            const Limits& limits = {});

/// Loads an instrument file (601 if unreadable, 101 if larger than limits.max_json_bytes, which
/// is checked before reading it; else as parse_instrument).
Instrument load_instrument_file(const std::filesystem::path& path, const Limits& limits = {});

/// Loads an instrument embedded in the library at build time (107 if there is none).
Instrument load_embedded_instrument(std::string_view id);

/// An embedded id if one matches, otherwise a file path read under `limits` (107 if neither
/// exists).
Instrument load_instrument(std::string_view id_or_path, const Limits& limits = {});

/// Ids of all embedded instruments, sorted.
std::vector<std::string> embedded_instrument_ids();

/// The JSON text of an embedded instrument, or nullopt.
std::optional<std::string_view> embedded_instrument_json(std::string_view id);

/// The canonical scoring key as compact JSON with sorted keys: what the fingerprint hashes.
std::string to_canonical_key_json(const Instrument& instrument);

/// The same for the data of an instrument being loaded.
std::string to_canonical_key_json(const InstrumentModel& instrument);

/// The key of a loaded instrument as JSON: metadata, response scale, each scale with its item
/// numbers, reversed items and resolved minimum, orders, norm sets and the fingerprint. It
/// describes the compiled key (what scoring uses), not the source file.
std::string to_key_json(const Instrument& instrument, int indent = 2);

}  // namespace securebase

SECUREBASE_API_END
