#include "io/json_reader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <optional>
#include <set>
#include <system_error>
#include <vector>

#include "securebase/io/file.hpp"

namespace securebase::detail {

namespace {

// One open container while parsing, to build the path of a duplicate key.
struct Frame {
  bool is_array = false;
  long index = -1;
  std::string key;
  std::set<std::string> keys;
};

// A key as a path token: escaped, and cut when long, so that a location stays readable.
std::string key_token(std::string_view key) {
  constexpr std::size_t limit = 40;
  const bool plain = key.size() <= limit && first_invalid_utf8(key) == std::string_view::npos &&
                     std::none_of(key.begin(), key.end(), [](char c) {
                       return static_cast<unsigned char>(c) < 0x20U || c == '\x7F';
                     });
  return pointer_token(plain ? std::string(key) : printable(key, limit));
}

std::string path_of(const std::vector<Frame>& stack) {
  std::string path;
  for (const Frame& f : stack) {
    if (f.is_array) {
      if (f.index >= 0) path += "/" + std::to_string(f.index);
    } else if (!f.key.empty() || !f.keys.empty()) {
      path += "/" + key_token(f.key);
    }
  }
  return path;
}

// A SAX handler that accepts everything and records where parsing fails.
class ErrorLocator : public nlohmann::json_sax<detail::Json> {
 public:
  bool null() override { return true; }
  bool boolean(bool /*val*/) override { return true; }
  bool number_integer(number_integer_t /*val*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*val*/) override { return true; }
  bool number_float(number_float_t /*val*/, const string_t& /*s*/) override { return true; }
  bool string(string_t& /*val*/) override { return true; }
  bool binary(binary_t& /*val*/) override { return true; }
  bool start_object(std::size_t /*elements*/) override { return true; }
  bool key(string_t& /*val*/) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t /*elements*/) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& /*ex*/) override {
    position_ = position;
    return false;
  }
  [[nodiscard]] std::optional<std::size_t> position() const { return position_; }

 private:
  std::optional<std::size_t> position_;
};

// Byte offset of the first character of the token where parsing `text` fails, if it does.
std::optional<std::size_t> error_offset(std::string_view text) {
  ErrorLocator locator;
  detail::Json::sax_parse(text.begin(), text.end(), &locator);
  const auto end = locator.position();
  if (!end) return std::nullopt;
  // The position is just past the failing token: step back over the number's characters.
  std::size_t at = std::min(*end, text.size());
  while (at > 0 &&
         std::string_view("0123456789+-.eE").find(text[at - 1]) != std::string_view::npos) {
    --at;
  }
  return at;
}

struct Abort {
  ErrorCode code;
  std::string where;
  std::string message;
};

}  // namespace

std::string too_large_message(std::size_t size, bool at_least, std::size_t limit) {
  return std::string("is ") + (at_least ? "more than " : "") + std::to_string(size) +
         " bytes, but may be at most " + std::to_string(limit) +
         " bytes (the max_json_bytes limit; see docs/limits.md)";
}

std::string line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      ++column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string json_where(std::string_view source, std::string_view pointer) {
  return std::string(source) + ": " + (pointer.empty() ? std::string("/") : std::string(pointer));
}

namespace {

// Appends the compact JSON of `value` to `out`, stopping once `out` holds more than `limit`
// bytes or `depth` levels are open: bounded in time and stack whatever the value holds.
void render(const detail::Json& value, std::string& out, std::size_t limit, std::size_t depth) {
  const auto dump = [](const detail::Json& v) {
    return v.dump(-1, ' ', false, detail::Json::error_handler_t::replace);
  };
  if (out.size() > limit) return;
  if (value.is_string()) {
    // A string is cut before it is quoted: dumping it whole could take any time and memory.
    const auto& s = value.get_ref<const std::string&>();
    out += dump(detail::Json(s.size() > limit ? s.substr(0, limit) : s));
    return;
  }
  if (!value.is_structured()) {
    out += dump(value);
    return;
  }
  out += value.is_array() ? '[' : '{';
  bool first = true;
  for (auto it = value.begin(); it != value.end() && out.size() <= limit; ++it) {
    if (!first) out += ',';
    first = false;
    if (depth == 0) {
      out += "...";
      break;
    }
    if (value.is_object()) out += dump(detail::Json(it.key())) + ":";
    render(it.value(), out, limit, depth - 1);
  }
  out += value.is_array() ? ']' : '}';
}

// The first `n` bytes of `s` or fewer: never the start of a UTF-8 sequence without its end.
std::string cut_utf8(const std::string& s, std::size_t n) {
  if (n >= s.size()) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0U) == 0x80U) --n;
  return s.substr(0, n);
}

}  // namespace

std::string brief(const detail::Json& value) {
  constexpr std::size_t limit = 40;
  if (value.is_string() && value.get_ref<const std::string&>().size() > limit - 6) {
    // Cut the text, not its quotes, so the quoting stays readable.
    const std::string cut = cut_utf8(value.get_ref<const std::string&>(), limit - 6) + "...";
    return detail::Json(cut).dump(-1, ' ', false, detail::Json::error_handler_t::replace);
  }
  std::string s;
  render(value, s, limit, 8);
  if (s.size() > limit) s = cut_utf8(s, limit - 3) + "...";
  return s;
}

std::string_view json_type_name(const detail::Json& value) {
  switch (value.type()) {
    case detail::Json::value_t::null:
      return "null";
    case detail::Json::value_t::boolean:
      return "a boolean";
    case detail::Json::value_t::string:
      return "a string";
    case detail::Json::value_t::array:
      return "an array";
    case detail::Json::value_t::object:
      return "an object";
    case detail::Json::value_t::binary:
      return "binary data";
    case detail::Json::value_t::discarded:
      return "nothing";
    default:
      return "a number";
  }
}

namespace {

// The checks parse_json_strict makes while nlohmann parses: nesting depth, string and key
// length, U+0000 and duplicate keys, each reported at the JSON path of the value (an Abort).
class StrictChecks {
 public:
  StrictChecks(std::string_view source, ErrorCode syntax_code, ErrorCode duplicate_code,
               const Limits& limits)
      : source_(source),
        syntax_code_(syntax_code),
        duplicate_code_(duplicate_code),
        limits_(limits) {}

  bool on_event(detail::Json::parse_event_t event, detail::Json& parsed) {
    using E = detail::Json::parse_event_t;
    switch (event) {
      case E::object_start:
        open(Frame{});
        break;
      case E::array_start:
        open(Frame{true, -1, {}, {}});
        break;
      case E::key:
        on_key(parsed.get<std::string>());
        break;
      case E::object_end:
      case E::array_end:
        stack_.pop_back();
        break;
      case E::value:
        element_starts();
        if (parsed.is_string()) check_string(parsed.get_ref<const std::string&>(), "string");
        break;
    }
    return true;
  }

 private:
  void element_starts() {
    if (!stack_.empty() && stack_.back().is_array) ++stack_.back().index;
  }

  void open(Frame frame) {
    element_starts();
    stack_.push_back(std::move(frame));
    if (stack_.size() > limits_.max_json_depth) {
      throw Abort{syntax_code_, json_where(source_, path_of(stack_)),
                  "JSON is nested more than " + std::to_string(limits_.max_json_depth) +
                      " levels deep, but must be at most that deep"};
    }
  }

  void on_key(const std::string& key) {
    Frame& top = stack_.back();
    top.key = key;
    check_string(key, "key");
    if (!top.keys.insert(key).second) {
      throw Abort{
          duplicate_code_, json_where(source_, path_of(stack_)),
          "key \"" + printable(key) + "\" appears twice in the same object, but must be unique"};
    }
  }

  // Strings and keys: bounded in length, and free of U+0000, which no securebase document
  // needs and which C strings (the C API, file names, terminals) would cut short.
  void check_string(const std::string& s, std::string_view what) const {
    if (s.size() > limits_.max_json_string_bytes) {
      throw Abort{syntax_code_, json_where(source_, path_of(stack_)),
                  std::string(what) + " is " + std::to_string(s.size()) +
                      " bytes long, but may be at most " +
                      std::to_string(limits_.max_json_string_bytes) +
                      " bytes (the max_json_string_bytes limit; see docs/limits.md)"};
    }
    if (s.find('\0') != std::string::npos) {
      throw Abort{syntax_code_, json_where(source_, path_of(stack_)),
                  std::string(what) + " \"" + printable(s) +
                      "\" holds the character U+0000 (NUL), which no securebase document may "
                      "hold"};
    }
  }

  std::string_view source_;
  ErrorCode syntax_code_;
  ErrorCode duplicate_code_;
  const Limits& limits_;
  std::vector<Frame> stack_;
};

[[noreturn]] void throw_syntax_error(const detail::Json::parse_error& e, std::string_view text,
                                     std::string_view source, ErrorCode syntax_code) {
  // nlohmann's byte is 1-based and points just past the offending character.
  const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
  std::string where = std::string(source) + ":" + line_column(text, offset);
  std::string what = e.what();
  const auto pos = what.find("syntax error ");
  // The parser's message quotes what it last read, which may be any bytes: make it printable.
  std::string detail =
      pos == std::string::npos ? std::string("malformed JSON") : printable(what.substr(pos), 300);
  throw Error(syntax_code, where, "the text is not valid JSON (" + detail + ")");
}

// A number beyond the range of a double ("number overflow parsing '1e999'"). The DOM parser
// does not say where; a second, SAX pass (only on this error path) does.
[[noreturn]] void throw_range_error(const detail::Json::exception& e, std::string_view text,
                                    std::string_view source, ErrorCode syntax_code) {
  const std::string what = e.what();
  const auto open = what.find('\'');
  const auto close = what.rfind('\'');
  const std::string number =
      open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
  std::string where(source);
  if (const auto at = error_offset(text)) where += ":" + line_column(text, *at);
  throw Error(syntax_code, where,
              number.empty()
                  ? "the text is not valid JSON (a value cannot be represented)"
                  : "number " + number +
                        " is too large to represent, but must be within +-1.7976931348623157e308");
}

}  // namespace

detail::Json parse_json_strict(std::string_view text, std::string_view source,
                               ErrorCode syntax_code, ErrorCode duplicate_code,
                               const Limits& limits) {
  if (text.size() > limits.max_json_bytes) {
    throw Error(syntax_code, std::string(source),
                too_large_message(text.size(), false, limits.max_json_bytes));
  }
  StrictChecks checks(source, syntax_code, duplicate_code, limits);
  // nlohmann's depth differs between containers and values; StrictChecks counts its own.
  detail::Json::parser_callback_t callback =
      [&checks](int /*depth*/, detail::Json::parse_event_t event, detail::Json& parsed) {
        return checks.on_event(event, parsed);
      };
  try {
    return detail::Json::parse(text.begin(), text.end(), callback, true, false);
  } catch (const Abort& a) {
    throw Error(a.code, a.where, a.message);
  } catch (const detail::Json::parse_error& e) {
    throw_syntax_error(e, text, source, syntax_code);
  } catch (const detail::Json::exception& e) {
    throw_range_error(e, text, source, syntax_code);
  }
}

}  // namespace securebase::detail
