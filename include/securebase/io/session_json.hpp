// securebase: a session (a questionnaire in progress) as a versioned JSON document, for resuming.
#pragma once

#include <string>
#include <string_view>

#include "securebase/core/session.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Version of the session file layout written by to_session_json.
inline constexpr int session_format_version = 1;

/// The format identifier stored in every session file.
inline constexpr std::string_view session_format_id = "securebase-session";

/// The session as a versioned JSON document (see docs/take.md, "The session file").
std::string to_session_json(const Session& session);

/// Reads a session document. Throws 801 with `source` and the JSON path of the first problem.
Session parse_session_json(std::string_view json_text, std::string_view source);

}  // namespace securebase

SECUREBASE_API_END
