#include "take_ui.hpp"

#include "take_words.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <istream>
#include <ostream>
#include <sstream>

namespace securebase::cli {

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
  return s.substr(b);
}

}  // namespace

Key next_input(Console& c) {
  if (c.keys) return read_key(STDIN_FILENO);
  std::string line;
  if (!std::getline(*c.in, line)) return {Key::eof, {}};
  line = trim(line);
  if (line.empty()) return {Key::enter, {}};
  return {Key::character, line};
}

std::optional<bool> ask_yes_no(Console& c, std::string_view question, bool default_yes) {
  std::ostream& out = *c.out;
  out << question << " " << (default_yes ? words::yes_no_default_yes : words::yes_no_default_no)
      << " " << std::flush;
  const std::string& yes_letter = words::yes_letter.str();
  for (;;) {
    const Key k = next_input(c);
    if (k.kind == Key::resize) continue;
    if (k.kind == Key::eof) {
      out << "\n";
      return std::nullopt;
    }
    std::optional<bool> yes;
    if (k.kind == Key::enter) yes = default_yes;
    if (k.kind == Key::character && !k.text.empty()) {
      const char ch = static_cast<char>(std::tolower(static_cast<unsigned char>(k.text[0])));
      if (ch == 'y' || (yes_letter.size() == 1 && ch == yes_letter[0])) yes = true;
      if (ch == 'n') yes = false;
      if (ch == 'q') {
        out << "\n";
        return std::nullopt;
      }
    }
    if (yes) {
      out << (*yes ? words::yes_word : words::no_word) << "\n";
      return yes;
    }
    if (!c.keys) out << "\n";
    std::string please = words::yes_no_please;
    const std::string& def = (default_yes ? words::yes_word : words::no_word).str();
    please.replace(please.find("{default}"), 9, def);
    out << please << " " << std::flush;
  }
}

std::optional<std::string> ask_line(Console& c, std::string_view question,
                                    const std::string& default_value) {
  std::ostream& out = *c.out;
  out << question << " [" << default_value << "]: " << std::flush;
  std::string line;
  bool got = false;
  if (c.keys) {
    if (c.raw != nullptr) c.raw->suspend();
    got = read_line_fd(STDIN_FILENO, line);
    if (c.raw != nullptr) c.raw->resume();
  } else {
    got = static_cast<bool>(std::getline(*c.in, line));
    out << "\n";
  }
  if (!got) return std::nullopt;
  line = trim(line);
  return line.empty() ? default_value : line;
}

void page(Console& c, const std::string& text) {
  std::ostream& out = *c.out;
  std::vector<std::string> lines;
  std::istringstream ss(text);
  for (std::string line; std::getline(ss, line);) lines.push_back(line);
  const auto rows = static_cast<std::size_t>(std::max(c.height - 2, 5));
  if (!c.keys || lines.size() <= rows) {
    out << text << std::flush;
    return;
  }
  std::size_t i = 0;
  while (i < lines.size()) {
    const std::size_t end = std::min(lines.size(), i + rows);
    for (; i < end; ++i) out << lines[i] << "\n";
    if (i >= lines.size()) break;
    // The prompt must fit one row (it is cleared with \r): shorter on a narrow terminal.
    const std::string_view more = words::more_prompt;
    out << styled(c, "7",
                  text_columns(more) < static_cast<std::size_t>(c.width)
                      ? more
                      : std::string_view(words::more_short))
        << std::flush;
    Key k = next_input(c);
    while (k.kind == Key::resize) k = next_input(c);
    out << (c.screen ? "\r\x1b[K" : "\n");
    if (k.kind == Key::eof || (k.kind == Key::character && (k.text == "q" || k.text == "Q"))) break;
  }
  out << std::flush;
}

std::string styled(const Console& c, std::string_view sgr, std::string_view text) {
  if (!c.colour) return std::string(text);
  return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
}

std::string progress_bar(bool ascii, std::size_t done, std::size_t total, int cells) {
  const auto n = static_cast<std::size_t>(std::max(cells, 1));
  const std::size_t filled = total == 0 ? 0 : std::min(n, done * n / total);
  std::string bar;
  for (std::size_t i = 0; i < n; ++i) {
    if (ascii) {
      bar += i < filled ? '#' : '-';
    } else {
      bar += i < filled ? "\u2588" : "\u2591";
    }
  }
  return ascii ? "[" + bar + "]" : bar;
}

std::string sparkline(bool ascii, const std::vector<double>& values, double lo, double hi) {
  static const char* const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                       "\u2585", "\u2586", "\u2587", "\u2588"};
  static const char ascii_levels[] = "_.,-~=*^";
  std::string s;
  for (double v : values) {
    if (std::isnan(v)) {
      s += ascii ? "?" : "\u00b7";
      continue;
    }
    const double t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.5;
    const auto level = static_cast<std::size_t>(std::lround(t * 7.0));
    if (ascii) {
      s += ascii_levels[level];
    } else {
      s += blocks[level];
    }
  }
  return s;
}

void clear_screen(Console& c) {
  if (c.screen) *c.out << "\x1b[H\x1b[2J";
}

}  // namespace securebase::cli
