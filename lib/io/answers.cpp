// securebase: answers read from text: a JSON object or an item=value list, every problem located.
#include "securebase/io/answers.hpp"
#include "securebase/io/file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/answer_checks.hpp"
#include "core/double_text.hpp"
#include "core/utf8.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

using detail::check_once;
using detail::check_value;
using detail::ProblemCollector;
using detail::resolve_item;

namespace {

Responses parse_json_answers(const Instrument& instrument, std::string_view text,
                             std::string_view source, const Limits& limits) {
  const detail::Json root = detail::parse_json_strict(text, source, ErrorCode::answers_syntax,
                                                      ErrorCode::answers_duplicate, limits);
  if (!root.is_object()) {
    throw Error(ErrorCode::answers_syntax, detail::json_where(source, ""),
                "answers are " + std::string(detail::json_type_name(root)) +
                    ", but must be an object mapping items to values, e.g. {\"1\": 5}");
  }
  Responses r = empty_responses(instrument);
  std::vector<std::string> named_as(instrument.items().size());  // first key naming each item
  ProblemCollector c;
  for (auto it = root.begin(); it != root.end(); ++it) {
    // Named references, not structured bindings: clang 14 cannot capture those in a lambda.
    const std::string& key = it.key();
    const detail::Json& value = it.value();
    const std::string where =
        detail::json_where(source, "/" + detail::pointer_token(detail::printable(key)));
    c.attempt([&] {
      const std::size_t idx = resolve_item(instrument, key, where);
      check_once(instrument, idx, key, named_as, where);
      if (value.is_null()) return;
      if (!value.is_number()) {
        throw Error(ErrorCode::answers_syntax, where,
                    "answer is " + std::string(detail::json_type_name(value)) +
                        ", but must be a number or null (missing)");
      }
      const double v = value.get<double>();
      check_value(instrument, idx, v, where);
      r.values[idx] = v;
    });
  }
  if (!c.problems.empty()) throw Error(std::move(c.problems));
  return r;
}

// Throws 201 at the first byte of a list that is not UTF-8 or is a control character (other
// than tab, CR and LF): such a "list" is most likely a binary file, and no answer needs one.
void check_list_bytes(std::string_view text, std::string_view source) {
  const std::size_t bad_utf8 = detail::first_invalid_utf8(text);
  const auto control = std::find_if(text.begin(), text.end(), [](char ch) {
    const auto b = static_cast<unsigned char>(ch);
    return (b < 0x20U && ch != '\t' && ch != '\r' && ch != '\n') || b == 0x7FU;
  });
  const std::size_t bad_control = static_cast<std::size_t>(control - text.begin());
  const std::size_t at = std::min(bad_utf8, bad_control);
  if (at >= text.size()) return;
  const std::string byte = detail::printable(text.substr(at, 1));
  throw Error(ErrorCode::answers_syntax, std::string(source) + ":" + detail::line_column(text, at),
              at == bad_control ? "byte " + byte +
                                      " is a control character, but answers must be text (a binary "
                                      "file?)"
                                : "byte " + byte + " is not UTF-8, but answers must be UTF-8 text");
}

// One "item=value" token of a list: the item named once, the value a number in range or NA.
void read_list_token(const Instrument& instrument, std::string_view token, const std::string& where,
                     std::vector<std::string>& named_as, Responses& r) {
  const auto eq = token.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw Error(ErrorCode::answers_syntax, where,
                "\"" + detail::printable(token.substr(0, 40)) +
                    "\" is not an answer; write item=value, e.g. 1=5 or i01=5 (NA = missing)");
  }
  const std::string_view key = token.substr(0, eq);
  const std::string_view val = token.substr(eq + 1);
  const std::size_t idx = resolve_item(instrument, key, where);
  check_once(instrument, idx, key, named_as, where);
  if (val.empty() || is_na(val, NaSpelling::upper_or_lower)) return;
  double v = 0;
  auto [ptr, ec] = detail::parse_double(val.data(), val.data() + val.size(), v);
  // parse_double (as std::from_chars) also reads "nan" and "inf": only NA or an empty value
  // mean missing.
  if (ec != std::errc() || ptr != val.data() + val.size() || std::isnan(v)) {
    throw Error(ErrorCode::answers_syntax, where,
                "value \"" + detail::printable(val.substr(0, 40)) + "\" of item \"" +
                    instrument.items()[idx].id + "\" is not a number; write a number or NA");
  }
  check_value(instrument, idx, v, where);
  r.values[idx] = v;
}

// Appends ":N" to `text`.
void append_number(std::string& text, std::size_t n) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  text += ':';
  text.append(digits, static_cast<std::size_t>(end - digits));
}

Responses parse_list_answers(const Instrument& instrument, std::string_view text,
                             std::string_view source) {
  check_list_bytes(text, source);
  Responses r = empty_responses(instrument);
  std::vector<std::string> named_as(instrument.items().size());  // first name of each item
  ProblemCollector c;
  std::string where;
  std::size_t line = 1;
  std::size_t col = 1;
  std::size_t i = 0;
  auto advance = [&](std::size_t n) {
    for (std::size_t k = 0; k < n && i < text.size(); ++k, ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
        ++col;  // columns count characters, not UTF-8 continuation bytes
      }
    }
  };
  auto is_sep = [](char ch) {
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == ',';
  };
  while (i < text.size()) {
    if (is_sep(text[i])) {
      advance(1);
      continue;
    }
    if (text[i] == '#') {
      while (i < text.size() && text[i] != '\n') advance(1);
      continue;
    }
    // "source:line:column", written into one buffer reused from token to token (no allocation
    // per answer once it has grown: scoring one respondent is a hot path of the bindings).
    where.assign(source);
    append_number(where, line);
    append_number(where, col);
    std::size_t end = i;
    while (end < text.size() && !is_sep(text[end]) && text[end] != '#') ++end;
    const std::string_view token = text.substr(i, end - i);
    advance(end - i);
    c.attempt([&] { read_list_token(instrument, token, where, named_as, r); });
  }
  if (!c.problems.empty()) throw Error(std::move(c.problems));
  return r;
}

}  // namespace

Responses parse_answers(const Instrument& instrument, std::string_view text,
                        std::string_view source, const Limits& limits) {
  if (text.size() > limits.max_json_bytes) {
    throw Error(ErrorCode::answers_syntax, std::string(source),
                detail::too_large_message(text.size(), false, limits.max_json_bytes));
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    return parse_json_answers(instrument, text, source, limits);
  }
  return parse_list_answers(instrument, text, source);
}

Responses load_answers_file(const Instrument& instrument, const std::filesystem::path& path,
                            const Limits& limits) {
  return parse_answers(instrument,
                       read_document(path, limits.max_json_bytes, ErrorCode::answers_syntax),
                       path.string(), limits);
}

}  // namespace securebase
