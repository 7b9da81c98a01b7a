// securebase: feedback wording files read and checked: a file's text, or the embedded ones.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/feedback.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Parses a feedback text file; 501 (with the JSON path) when it is malformed.
FeedbackText parse_feedback_text(std::string_view json_text, std::string_view source);

/// Languages with an embedded feedback text, sorted ("en", "es").
std::vector<std::string> embedded_feedback_languages();

/// The embedded feedback text of a language; 504 (listing the languages) when there is none.
FeedbackText embedded_feedback_text(std::string_view language);

}  // namespace securebase

SECUREBASE_API_END
