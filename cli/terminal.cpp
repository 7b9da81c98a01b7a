#include "terminal.hpp"

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace securebase::cli {

namespace {

// The settings to restore from a signal handler: written before raw mode starts, read only by
// the handlers (tcsetattr and write are async-signal-safe).
termios g_saved{};
volatile std::sig_atomic_t g_saved_fd = -1;
volatile std::sig_atomic_t g_resized = 0;

constexpr char stop_message[] =
    "\r\n\r\nsecurebase stopped. Your answers so far are saved on this computer; run "
    "'securebase take' to continue where you left off.\r\n";

extern "C" void on_stop_signal(int sig) {
  if (g_saved_fd >= 0) ::tcsetattr(g_saved_fd, TCSANOW, &g_saved);
  // Show the cursor and reset attributes in case a screen was half drawn.
  constexpr char reset[] = "\x1b[0m\x1b[?25h";
  if (::isatty(STDOUT_FILENO)) (void)!::write(STDOUT_FILENO, reset, sizeof reset - 1);
  (void)!::write(STDERR_FILENO, stop_message, sizeof stop_message - 1);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

extern "C" void on_resize(int) { g_resized = 1; }

}  // namespace

bool is_tty(int fd) noexcept { return ::isatty(fd) == 1; }

int terminal_columns(int fd, int fallback) noexcept {
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return fallback;
}

int terminal_rows(int fd, int fallback) noexcept {
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
  return fallback;
}

bool colour_allowed(int fd) noexcept {
  if (!is_tty(fd)) return false;
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && *no_colour != '\0') return false;
  const char* term = std::getenv("TERM");
  return !(term != nullptr && std::strcmp(term, "dumb") == 0);
}

RawMode::RawMode(int fd) : fd_(fd) {
  if (!is_tty(fd) || ::tcgetattr(fd, &saved_) != 0) return;
  g_saved = saved_;
  g_saved_fd = fd;
  active_ = true;
  resume();
}

RawMode::~RawMode() {
  suspend();
  if (active_) g_saved_fd = -1;
}

void RawMode::suspend() noexcept {
  if (active_) ::tcsetattr(fd_, TCSADRAIN, &saved_);
}

void RawMode::resume() noexcept {
  if (!active_) return;
  termios raw = saved_;
  raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | IEXTEN);
  raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  ::tcsetattr(fd_, TCSADRAIN, &raw);
}

void install_terminal_signal_handlers() {
  struct sigaction stop {};
  stop.sa_handler = on_stop_signal;
  sigemptyset(&stop.sa_mask);
  stop.sa_flags = 0;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &stop, nullptr);
  struct sigaction winch {};
  winch.sa_handler = on_resize;
  sigemptyset(&winch.sa_mask);
  winch.sa_flags = 0;  // no SA_RESTART: a waiting read() returns so the screen is redrawn
  ::sigaction(SIGWINCH, &winch, nullptr);
}

bool take_resize() noexcept {
  if (g_resized == 0) return false;
  g_resized = 0;
  return true;
}

namespace {

// One byte, waiting at most `timeout_ms` (-1: forever); 0 = none came, -1 = end of input,
// -2 = interrupted by a signal.
int next_byte(int fd, int timeout_ms, unsigned char& c) {
  if (timeout_ms >= 0) {
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, timeout_ms);
    if (r == 0) return 0;
    if (r < 0) return errno == EINTR ? -2 : -1;
  }
  const ssize_t n = ::read(fd, &c, 1);
  if (n == 1) return 1;
  if (n < 0 && errno == EINTR) return -2;
  return -1;
}

}  // namespace

Key read_key(int fd) {
  for (;;) {
    if (take_resize()) return {Key::resize, {}};
    unsigned char c = 0;
    const int r = next_byte(fd, -1, c);
    if (r == -2) {
      if (take_resize()) return {Key::resize, {}};
      continue;
    }
    if (r != 1) return {Key::eof, {}};
    if (c == 4) return {Key::eof, {}};
    if (c == '\r' || c == '\n') return {Key::enter, {}};
    if (c == 0x1b) {
      unsigned char b = 0;
      if (next_byte(fd, 30, b) != 1) return {Key::character, "\x1b"};
      if (b != '[' && b != 'O') return {Key::character, "\x1b"};
      unsigned char f = 0;
      // Skip parameters ("1;5D") up to the final byte.
      do {
        if (next_byte(fd, 30, f) != 1) return {Key::character, "\x1b"};
      } while (f >= '0' && f <= '?');
      switch (f) {
        case 'A':
          return {Key::up, {}};
        case 'B':
          return {Key::down, {}};
        case 'C':
          return {Key::right, {}};
        case 'D':
          return {Key::left, {}};
        default:
          return {Key::character, "\x1b"};
      }
    }
    std::string s(1, static_cast<char>(c));
    // The rest of a UTF-8 character, so that "é" is one key.
    int more = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    while (more-- > 0) {
      unsigned char d = 0;
      if (next_byte(fd, 30, d) != 1) break;
      s.push_back(static_cast<char>(d));
    }
    return {Key::character, s};
  }
}

bool read_line_fd(int fd, std::string& line) {
  line.clear();
  for (;;) {
    unsigned char c = 0;
    const int r = next_byte(fd, -1, c);
    if (r == -2) continue;
    if (r != 1) return !line.empty();
    if (c == '\n') return true;
    if (c != '\r') line.push_back(static_cast<char>(c));
  }
}

}  // namespace securebase::cli
