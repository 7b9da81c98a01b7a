// securebase: one result as a self-contained HTML page (inline CSS and SVG, no scripts).
#pragma once

#include <string>

#include "securebase/core/feedback.hpp"
#include "securebase/core/profile.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// Renders feedback as one HTML document: disclaimer and help first, the plane as inline SVG,
/// print-friendly and readable on a phone. No script, no external request.
std::string render_html(const Feedback& feedback, const Profile& profile);

}  // namespace securebase

SECUREBASE_API_END
