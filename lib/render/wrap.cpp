#include "securebase/render/wrap.hpp"

#include <algorithm>

namespace securebase {

namespace {

bool starts_code_point(char ch) noexcept { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }

// The longest start of `s` that is `cols` code points long.
std::string_view prefix_columns(std::string_view s, std::size_t cols) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (starts_code_point(s[i])) {
      if (n == cols) return s.substr(0, i);
      ++n;
    }
  }
  return s;
}

// One line being filled: its text, its width in columns, and whether it holds a word yet.
struct Line {
  std::string text;
  std::size_t cols = 0;
  bool has_word = false;
};

// Appends the words of one paragraph (a line of the input) to `line`, moving each full line to
// `out` followed by "\n" and starting the next with `rest`.
void wrap_paragraph(std::string& out, Line& line, std::string_view para, std::size_t limit,
                    std::string_view rest) {
  const std::size_t rest_cols = text_columns(rest);
  const std::size_t room = limit > rest_cols + 4 ? limit - rest_cols : 4;
  std::size_t p = 0;
  while (p < para.size()) {
    std::size_t q = para.find(' ', p);
    if (q == std::string_view::npos) q = para.size();
    std::string_view word = para.substr(p, q - p);
    if (word.empty()) {
      p = q + 1;
      continue;
    }
    std::size_t cols = text_columns(word);
    if (cols > room) {
      // Longer than a whole line (a fingerprint, a path): the one case where a word is cut, and
      // the rest of it goes on.
      word = prefix_columns(word, room);
      cols = room;
      q = p + word.size() - 1;
    }
    p = q + 1;
    if (line.has_word && line.cols + 1 + cols > limit) {
      out += line.text + "\n";
      line = Line{std::string(rest), rest_cols, false};
    }
    if (line.has_word) {
      line.text += ' ';
      ++line.cols;
    }
    line.text += word;
    line.cols += cols;
    line.has_word = true;
  }
}

// The wrapped lines of `text`, separated by "\n" (none after the last): the first line starts
// with `first`, every other with `rest`. A paragraph's leading spaces are kept (they indent it).
std::string wrap_lines(std::string_view text, int width, std::string_view first,
                       std::string_view rest) {
  const std::size_t limit = static_cast<std::size_t>(std::max(width, 10));
  std::string out;
  std::string_view prefix = first;
  for (std::size_t start = 0;;) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view para = text.substr(start, nl - start);
    const std::size_t lead = std::min(para.find_first_not_of(' '), para.size());
    Line line{std::string(prefix) + std::string(para.substr(0, lead)), 0, false};
    line.cols = text_columns(line.text);
    wrap_paragraph(out, line, para.substr(lead), limit, rest);
    out += line.text;
    if (nl >= text.size()) break;
    out += "\n";
    start = nl + 1;
    prefix = rest;
  }
  return out;
}

}  // namespace

std::size_t text_columns(std::string_view text) noexcept {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), starts_code_point));
}

std::string wrap_text(std::string_view text, int width, std::string_view indent) {
  if (text.find_first_not_of(" \n") == std::string_view::npos) return {};
  return wrap_lines(text, width, indent, indent) + "\n";
}

std::string wrap_hanging(std::string_view text, int width, int hanging) {
  const std::string pad(static_cast<std::size_t>(std::max(hanging, 0)), ' ');
  return wrap_lines(text, width, "", pad);
}

}  // namespace securebase
