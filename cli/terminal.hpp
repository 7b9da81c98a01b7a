// securebase CLI: the terminal as `take` needs it: single key presses, its size, and a promise
// to hand it back exactly as it was found, however the program ends.
#pragma once

#include <string>

#include <termios.h>

namespace securebase::cli {

/// True when `fd` is a terminal.
bool is_tty(int fd) noexcept;

/// Columns of the terminal on `fd` (TIOCGWINSZ), or `fallback` when unknown.
int terminal_columns(int fd, int fallback = 80) noexcept;

/// Rows of the terminal on `fd` (TIOCGWINSZ), or `fallback` when unknown.
int terminal_rows(int fd, int fallback = 24) noexcept;

/// True when colour may be used on `fd`: a terminal, NO_COLOR unset or empty, TERM not "dumb".
bool colour_allowed(int fd) noexcept;

/// Keys turned off echo and line editing while alive (Ctrl-C still interrupts); the terminal's
/// previous settings come back on destruction, on suspend(), and in the signal handlers.
class RawMode {
 public:
  /// Switches `fd` to single-key input when it is a terminal (otherwise does nothing).
  explicit RawMode(int fd);
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;
  ~RawMode();
  /// Back to the saved settings for a while (e.g. to type a file name).
  void suspend() noexcept;
  /// Single-key input again after suspend().
  void resume() noexcept;
  /// True when the terminal was switched.
  [[nodiscard]] bool active() const noexcept { return active_; }

 private:
  int fd_;
  bool active_ = false;
  termios saved_{};
};

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that restore the terminal, say that the
/// answers are saved, and end the program with that signal; and for SIGWINCH, which marks a
/// resize (see take_resize()). Safe to call more than once.
void install_terminal_signal_handlers();

/// True (once) when the terminal was resized since the last call.
bool take_resize() noexcept;

/// What one key press means.
struct Key {
  enum Kind { character, left, right, up, down, enter, eof, resize };
  Kind kind = character;  ///< the kind of key
  std::string text;       ///< for `character`: the character typed (UTF-8)
};

/// Waits for one key press on `fd` (raw mode): arrows from their escape sequences, Enter, a
/// character; `resize` when SIGWINCH interrupted the wait; `eof` when input ended or on Ctrl-D.
Key read_key(int fd);

/// Reads one line from `fd` (cooked mode), without its newline; nullopt-like empty + false on
/// end of input.
bool read_line_fd(int fd, std::string& line);

}  // namespace securebase::cli
