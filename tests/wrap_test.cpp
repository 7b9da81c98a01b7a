// Wrapping at word boundaries (issue 23, item 10): the terminal result at every width from 30 to
// 200 columns, in both languages and both character sets, never has a line wider than the width
// and never cuts a word that fits on a line; the only cut words are longer than a whole line.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "securebase/core/feedback.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/feedback_text.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "securebase/render/terminal.hpp"
#include "support/sanitized.hpp"

namespace {

std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  bool escape = false;
  for (char ch : s) {
    if (ch == '\x1b') escape = true;
    if (escape) {
      if (ch == 'm') escape = false;
      continue;
    }
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The words of a text, split at spaces and line breaks.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char ch : text + " ") {
    if (ch == ' ' || ch == '\n') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else {
      w += ch;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("wrap_text breaks only at spaces, cutting only a word longer than a line", "[wrap]") {
  // source: by hand; "continue" moves whole to the next line, never "continu" + "e"
  CHECK(securebase::wrap_text("run take to continue where you left off", 18) ==
        "run take to\ncontinue where you\nleft off\n");
  // a no-break space keeps "?" with "help"
  CHECK(securebase::wrap_text("b back, q stop, ?\u00a0help", 16) ==
        "b back, q stop,\n?\u00a0help\n");
  // 12 hex digits on a 10-column line: cut at 10, the rest on the next line
  CHECK(securebase::wrap_text("key 0123456789ab.", 10) == "key\n0123456789\nab.\n");
  CHECK(securebase::wrap_text("key 0123456789ab.", 12, "| ") == "| key\n| 0123456789\n| ab.\n");
}

TEST_CASE("wrap_text keeps a text's own line breaks and a line's leading spaces", "[wrap]") {
  // source: by hand; a paragraph break is kept, and "  b" keeps its two leading spaces
  CHECK(securebase::wrap_text("a\n  b c", 10, "> ") == "> a\n>   b c\n");
  // only spaces and line breaks: no word, no line
  CHECK(securebase::wrap_text(" \n ", 10).empty());
  CHECK(securebase::text_columns("caf\u00e9 \u2192") == 6);  // 6 code points in 9 bytes
}

TEST_CASE("wrap_hanging indents every line but the first and ends without a line break", "[wrap]") {
  // source: by hand; width 12, hanging indent 3: "   three four" would be 13 columns
  CHECK(securebase::wrap_hanging("one two three four", 12, 3) == "one two\n   three\n   four");
  // each paragraph after the first starts indented too; an empty paragraph stays a blank line
  CHECK(securebase::wrap_hanging("ab\n\ncd", 12, 2) == "ab\n  \n  cd");
  // a 14-letter word on a 12-column line with indent 2: cut at 10 columns (12 - 2)
  CHECK(securebase::wrap_hanging("abcdefghijklmn", 12, 2) == "abcdefghij\n  klmn");
  CHECK(securebase::wrap_hanging("", 12, 2).empty());
}

TEST_CASE("the terminal result at widths 30 to 200 fits and keeps every word whole", "[wrap]") {
  for (const std::string id : {"securebase-core", "ecr-5"}) {
    const securebase::Instrument in = securebase::load_embedded_instrument(id);
    auto answers = securebase::empty_responses(in);
    for (std::size_t i = 0; i < answers.values.size(); ++i) {
      answers.values[i] = in.response_scale().min + static_cast<double>(i % 3);
    }
    const auto scores = securebase::score(in, answers);
    const auto profile = securebase::build_profile(in, scores);
    for (const std::string& lang : securebase::embedded_feedback_languages()) {
      const auto text = securebase::embedded_feedback_text(lang);
      const auto feedback = securebase::make_feedback(in, scores, profile, text);
      // Every word a paragraph has: a line may hold it whole, or (only when it is longer than
      // a line) a piece of it.
      std::vector<std::string> paragraph_words;
      for (const auto& b : feedback.blocks) {
        for (const std::string& p : b.paragraphs) {
          for (const std::string& w : words_of(p)) paragraph_words.push_back(w);
        }
      }
      // Under AddressSanitizer every seventh width (28 s there); the ci preset checks them all.
      const int step = securebase::test::sanitized_build ? 7 : 1;
      for (int width = 30; width <= 200; width += step) {
        for (bool ascii : {false, true}) {
          const std::string out = securebase::render_text(feedback, profile, {width, false, ascii});
          for (const std::string& line : lines_of(out)) {
            INFO(id << " " << lang << " width " << width << (ascii ? " ascii" : "") << ": '" << line
                    << "'");
            CHECK(columns(line) <= static_cast<std::size_t>(width));
          }
          // Each paragraph word that fits a line appears whole: the rendered words contain it.
          const std::vector<std::string> shown = words_of(out);
          std::size_t from = 0;
          for (const std::string& w : paragraph_words) {
            if (columns(w) + 2 > static_cast<std::size_t>(width)) continue;
            if (w.rfind("sha256:", 0) == 0) continue;  // shortened in the terminal (item 16)
            bool found = false;
            for (std::size_t k = from; k < shown.size() && !found; ++k) {
              if (shown[k] == w) {
                found = true;
                from = k + 1;
              }
            }
            INFO(id << " " << lang << " width " << width << ": word '" << w << "'");
            CHECK(found);
            if (!found) break;
          }
        }
      }
    }
  }
}
