// securebase: one result as terminal text, wrapped to a width, with the plane drawn in
// Unicode box characters (or plain ASCII).
#pragma once

#include <string>
#include <string_view>

#include "securebase/core/feedback.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/render/wrap.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The narrowest width render_text lays out for (a narrower request is laid out at this one).
inline constexpr int min_text_width = 30;

/// How terminal text is laid out.
struct TextStyle {
  int width = 80;       ///< columns to wrap to; clamped to min_text_width..200
  bool colour = false;  ///< ANSI bold/colour (callers decide: a TTY and no NO_COLOR)
  bool ascii = false;   ///< ASCII only: no box-drawing or bullet characters
};

/// Renders every block in order (disclaimer and help first), wrapping paragraphs to the width,
/// and draws the plane after the plane block's text when the profile places the person.
std::string render_text(const Feedback& feedback, const Profile& profile, const TextStyle& style);

/// The plane as a character drawing `cols` wide (about half as many rows), or "" when the
/// person could not be placed.
std::string draw_plane(const Feedback& feedback, const PlanePosition& plane, int cols, bool ascii,
                       bool colour);

}  // namespace securebase

SECUREBASE_API_END
