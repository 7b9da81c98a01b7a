#include "securebase/responses.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "json_reader.hpp"
#include "number_format.hpp"
#include "securebase/error.hpp"

namespace securebase {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string item_range(const Instrument& instrument) {
  return instrument.id + " has items 1-" + std::to_string(instrument.items.size());
}

// Index of the item named by id or canonical number; throws 202.
std::size_t resolve_item(const Instrument& instrument, std::string_view item,
                         std::string_view where) {
  if (all_digits(item)) {
    std::size_t n = 0;
    auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
    if (ec == std::errc() && n >= 1 && n <= instrument.items.size()) return n - 1;
    throw Error(
        ErrorCode::answers_unknown_item, std::string(where),
        "item number " + detail::printable(item) + " does not exist; " + item_range(instrument));
  }
  if (auto idx = instrument.find_item(item)) return *idx;
  throw Error(ErrorCode::answers_unknown_item, std::string(where),
              "item \"" + detail::printable(item) + "\" is not an item of " + instrument.id +
                  "; name items by id (e.g. \"" + instrument.items.front().id +
                  "\") or by number (" + item_range(instrument) + ")");
}

// Throws 203/204 when `value` is not a valid answer for the instrument.
void check_value(const Instrument& instrument, std::size_t index, double value,
                 std::string_view where) {
  if (is_missing(value)) return;
  const ResponseScale& rs = instrument.response_scale;
  const std::string subject = "item \"" + instrument.items[index].id + "\": answer is ";
  const std::string allowed =
      "a whole number from " + std::to_string(rs.min) + " to " + std::to_string(rs.max);
  if (!std::isfinite(value) || value < rs.min || value > rs.max) {
    throw Error(
        ErrorCode::answers_out_of_range, std::string(where),
        subject + detail::format_number(value) + ", but must be " + allowed + " (or missing)");
  }
  if (value != std::floor(value)) {
    throw Error(ErrorCode::answers_not_integer, std::string(where),
                subject + detail::format_number(value) + ", but must be " + allowed);
  }
}

// Throws 201 when `responses` was not made for this instrument (wrong number of answers).
void check_size(const Responses& responses, const Instrument& instrument, std::string_view where) {
  if (responses.values.size() != instrument.items.size()) {
    throw Error(ErrorCode::answers_syntax, std::string(where),
                "holds " + std::to_string(responses.values.size()) + " answers, but " +
                    instrument.id + " has " + std::to_string(instrument.items.size()) +
                    " items (make it with empty_responses)");
  }
}

// Throws 205 when an item was already named (by id or number) earlier in the same answers.
void check_once(const Instrument& instrument, std::size_t index, std::string_view name,
                std::vector<std::string>& named_as, std::string_view where) {
  if (!named_as[index].empty()) {
    const std::string how = named_as[index] == name
                                ? "named \"" + detail::printable(named_as[index]) + "\" both times"
                                : "as \"" + detail::printable(named_as[index]) + "\" and as \"" +
                                      detail::printable(name) + "\"";
    throw Error(ErrorCode::answers_duplicate, std::string(where),
                "item \"" + instrument.items[index].id + "\" is answered twice (" + how +
                    "), but may be answered once");
  }
  named_as[index] = std::string(name);
}

struct Collector {
  std::vector<Diagnostic> problems;
  template <typename F>
  void attempt(F&& f) {
    try {
      f();
    } catch (const Error& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
};

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
  std::vector<std::string> named_as(instrument.items.size());  // first key naming each item
  Collector c;
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

Responses parse_list_answers(const Instrument& instrument, std::string_view text,
                             std::string_view source) {
  check_list_bytes(text, source);
  Responses r = empty_responses(instrument);
  std::vector<std::string> named_as(instrument.items.size());  // first name of each item
  Collector c;
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
    const std::string where =
        std::string(source) + ":" + std::to_string(line) + ":" + std::to_string(col);
    std::size_t end = i;
    while (end < text.size() && !is_sep(text[end]) && text[end] != '#') ++end;
    const std::string_view token = text.substr(i, end - i);
    advance(end - i);
    c.attempt([&] {
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
      if (val.empty() || val == "NA" || val == "na") return;
      double v = 0;
      auto [ptr, ec] = std::from_chars(val.data(), val.data() + val.size(), v);
      // from_chars also reads "nan" and "inf": only NA or an empty value mean missing.
      if (ec != std::errc() || ptr != val.data() + val.size() || std::isnan(v)) {
        throw Error(ErrorCode::answers_syntax, where,
                    "value \"" + detail::printable(val.substr(0, 40)) + "\" of item \"" +
                        instrument.items[idx].id + "\" is not a number; write a number or NA");
      }
      check_value(instrument, idx, v, where);
      r.values[idx] = v;
    });
  }
  if (!c.problems.empty()) throw Error(std::move(c.problems));
  return r;
}

}  // namespace

std::size_t Responses::answered() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(values.begin(), values.end(), [](double v) { return !is_missing(v); }));
}

Responses empty_responses(const Instrument& instrument) {
  return Responses{std::vector<double>(instrument.items.size(), missing_answer)};
}

void set_answer(Responses& responses, const Instrument& instrument, std::string_view item,
                double value, std::string_view where) {
  if (responses.values.empty()) responses.values.resize(instrument.items.size(), missing_answer);
  check_size(responses, instrument, where);
  const std::size_t idx = resolve_item(instrument, item, where);
  if (!is_missing(responses.values[idx])) {
    throw Error(ErrorCode::answers_duplicate, std::string(where),
                "item \"" + instrument.items[idx].id + "\" (named \"" + detail::printable(item) +
                    "\") already has an answer, but may be answered once");
  }
  check_value(instrument, idx, value, where);
  responses.values[idx] = value;
}

void validate_responses(const Responses& responses, const Instrument& instrument,
                        std::string_view source) {
  Collector c;
  check_size(responses, instrument, source);
  for (std::size_t i = 0; i < responses.values.size(); ++i) {
    c.attempt([&] { check_value(instrument, i, responses.values[i], source); });
  }
  if (!c.problems.empty()) throw Error(std::move(c.problems));
}

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
  return parse_answers(instrument, detail::read_json_file(path, limits, ErrorCode::answers_syntax),
                       path.string(), limits);
}

}  // namespace securebase
