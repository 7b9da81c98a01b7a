// securebase CLI: one result (or two) turned into what a person reads, for every command.
#pragma once

#include <iosfwd>
#include <string>
#include <utility>

#include "securebase/core/instrument.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/result_json.hpp"

namespace securebase::cli {

/// How a result is shown.
struct ViewOptions {
  int width = 80;                 ///< terminal columns to wrap to (40 to 200)
  bool colour = false;            ///< ANSI colour (only on a TTY, never with NO_COLOR)
  bool ascii = false;             ///< ASCII instead of Unicode box drawing
  std::string language = "en";    ///< feedback language
  std::string boundary_norm_set;  ///< plane lines at this norm set's medians; empty: midpoints
};

/// Reads a saved result and the instrument that scored it: `instrument` (an id or file) when
/// given, else the embedded instrument of the result's id. Throws 404 when the instrument's key
/// fingerprint differs from the result's (scores would not be on the same metric).
std::pair<Instrument, Scores> load_result(const std::string& path, std::istream& in,
                                          const std::string& instrument = "");

/// Renders one result as "text", "json" or "html" and writes it to `output` atomically, or to
/// `out` when `output` is empty.
void write_result(const std::string& format, const Instrument& instrument, const Scores& scores,
                  const ViewOptions& view, const std::string& output, std::ostream& out);

/// The view for `out`: when it is this process's standard output and a terminal, its width,
/// and colour unless NO_COLOR is set or TERM is "dumb"; otherwise 80 columns, no colour.
ViewOptions detect_view(const std::ostream& out);

/// The feedback for one result as terminal text, disclaimer and help first.
std::string render_result_text(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view);

/// The feedback for one result as one self-contained HTML page.
std::string render_result_html(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view);

/// The result document with its profile and feedback (the versioned result schema).
std::string render_result_json(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view);

/// The full feedback for `after`, with a "change" block against `before` (compare).
std::string render_comparison_text(const Instrument& instrument, const Scores& before,
                                   const Scores& after, const ViewOptions& view,
                                   const std::string& before_source,
                                   const std::string& after_source);

/// Reliable change from `before` to `after` as terminal text (just the change block). Throws Error
/// when the two results are not on the same metric.
std::string render_change_text(const Instrument& instrument, const Scores& before,
                               const Scores& after, const ViewOptions& view,
                               const std::string& before_source = "earlier result",
                               const std::string& after_source = "later result");

}  // namespace securebase::cli
