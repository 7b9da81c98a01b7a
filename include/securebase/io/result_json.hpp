// securebase: results as JSON documents (docs/result-schema.json) and back.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "securebase/core/feedback.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/limits.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Version of the result schema written by this library.
inline constexpr int result_schema_version = 1;

/// The schema identifier stored in every result document.
inline constexpr std::string_view result_schema_id = "securebase-result";

/// Serialises scores as a result document; `indent` < 0 gives one compact line.
std::string to_result_json(const Scores& scores, int indent = 2);

/// Serialises scores with the profile and feedback shown for them (members "profile" and
/// "feedback"), so that an app can render the same words without recomputing anything.
std::string to_result_json(const Scores& scores, const Profile& profile, const Feedback& feedback,
                           int indent = 2);

/// Reads a result document back (its scores; "profile" and "feedback" are recomputed by callers).
/// Throws 401 (syntax, or text beyond `limits`), 402 (schema, with JSON path) or 403 (a newer
/// schema version).
Scores parse_result_json(std::string_view json_text, std::string_view source,
                         const Limits& limits = {});

/// Reads a result file (601 if unreadable, 401 if larger than limits.max_json_bytes, which is
/// checked before reading it; else as parse_result_json).
Scores load_result_file(const std::filesystem::path& path, const Limits& limits = {});

/// Checks that `scores` (read from `source`) were scored with `instrument`'s key, as rendering
/// or comparing them needs; else throws 404 naming both key fingerprints, ending with `hint`
/// (what the caller's user can do, e.g. "pass the instrument file it was scored with").
void require_scored_with(const Instrument& instrument, const Scores& scores,
                         std::string_view source, std::string_view hint);

}  // namespace securebase

SECUREBASE_API_END
