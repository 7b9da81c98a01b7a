// securebase CLI: the pieces `take` and `history` share to talk with a person: one place for
// their wording, the console (keys on a terminal, lines otherwise), wrapping, paging, questions.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/render/wrap.hpp"
#include "terminal.hpp"

namespace securebase::cli {

/// Where and how a conversation happens.
struct Console {
  std::istream* in = nullptr;   ///< lines, when `keys` is false
  std::ostream* out = nullptr;  ///< everything shown
  bool keys = false;            ///< single key presses from the terminal on standard input
  bool screen = false;          ///< redraw whole screens (a terminal, not --plain)
  bool colour = false;          ///< ANSI colour (a terminal, NO_COLOR unset)
  bool ascii = false;           ///< ASCII only: no bars, arrows or dots from Unicode
  int width = 80;               ///< columns to wrap to
  int height = 24;              ///< rows, for paging
  RawMode* raw = nullptr;       ///< the raw mode to suspend for typing a line, if any
};

/// The next key (a terminal) or line (otherwise: the line's text, Enter for an empty line).
Key next_input(Console& c);

/// Asks a yes/no question; Enter takes `default_yes`. nullopt when input ended or the answer
/// was q (stop).
std::optional<bool> ask_yes_no(Console& c, std::string_view question, bool default_yes);

/// Asks for a line of text (e.g. a file name); Enter takes `default_value`. nullopt at the end
/// of input.
std::optional<std::string> ask_line(Console& c, std::string_view question,
                                    const std::string& default_value);

/// Shows `text`, pausing after each screenful on a terminal (space or Enter: more, q: stop).
void page(Console& c, const std::string& text);

/// `text` in an SGR style ("1" bold, "2" dim, "36" cyan...) when colour is on, else as is.
std::string styled(const Console& c, std::string_view sgr, std::string_view text);

/// A progress bar of `cells` cells, `done` of `total` filled (Unicode blocks or '#'/'-').
std::string progress_bar(bool ascii, std::size_t done, std::size_t total, int cells);

/// A trend line of `values` on [lo, hi], one cell each (eight Unicode levels or ASCII).
std::string sparkline(bool ascii, const std::vector<double>& values, double lo, double hi);

/// Clears the screen (screen mode only).
void clear_screen(Console& c);

}  // namespace securebase::cli
