// securebase CLI: one result (or two) turned into what a person reads, for every command.
#pragma once

#include <string>

#include "securebase/instrument.hpp"
#include "securebase/scoring.hpp"

namespace securebase::cli {

/// How a result is shown.
struct ViewOptions {
  int width = 80;               ///< terminal columns to wrap to (40 to 200)
  bool colour = false;          ///< ANSI colour (only on a TTY, never with NO_COLOR)
  bool ascii = false;           ///< ASCII instead of Unicode box drawing
  std::string language = "en";  ///< feedback language
};

/// The feedback for one result as terminal text, disclaimer and help first.
std::string render_result_text(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view);

/// The feedback for one result as one self-contained HTML page.
std::string render_result_html(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view);

/// Reliable change from `before` to `after` as terminal text. Throws Error when the two results
/// are not on the same metric.
std::string render_change_text(const Instrument& instrument, const Scores& before,
                               const Scores& after, const ViewOptions& view);

}  // namespace securebase::cli
