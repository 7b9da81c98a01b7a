#include "io/json_checker.hpp"

#include <algorithm>
#include <cmath>

#include "io/json_reader.hpp"

namespace securebase::detail {

std::string child(std::string_view pointer, std::string_view key) {
  // A key from the file may be long or hold control characters: the path shows it printably.
  return std::string(pointer) + "/" + pointer_token(printable(key, 80));
}

std::string child(std::string_view pointer, std::size_t index) {
  return std::string(pointer) + "/" + std::to_string(index);
}

std::string JsonChecker::where(std::string_view pointer) const {
  return json_where(source_, pointer);
}

void JsonChecker::add(ErrorCode code, std::string_view pointer, std::string message) {
  problems_.push_back({code, where(pointer), std::move(message)});
}

void JsonChecker::bad_value(std::string_view pointer, std::string_view subject,
                            const detail::Json& value, std::string_view constraint) {
  add(codes_.value, pointer,
      std::string(subject) + " is " + brief(value) + ", but must be " + std::string(constraint));
}

bool JsonChecker::expect_object(const detail::Json& value, std::string_view pointer,
                                std::string_view what) {
  if (value.is_object()) return true;
  add(codes_.type, pointer,
      std::string(what) + " is " + std::string(json_type_name(value)) + ", but must be an object");
  return false;
}

bool JsonChecker::expect_array(const detail::Json& value, std::string_view pointer,
                               std::string_view what) {
  if (value.is_array()) return true;
  add(codes_.type, pointer,
      std::string(what) + " is " + std::string(json_type_name(value)) + ", but must be an array");
  return false;
}

void JsonChecker::only(const detail::Json& object, std::string_view pointer,
                       std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message =
        "member \"" + printable(key) + "\" is not part of the format (a typo?); allowed here:";
    for (std::string_view a : allowed) message.append(" ").append(a).append(",");
    message.pop_back();
    add(codes_.unknown, child(pointer, key), std::move(message));
  }
}

const detail::Json* JsonChecker::member(const detail::Json& object, std::string_view pointer,
                                        std::string_view key, bool required) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(std::string(key));
  if (it == object.end()) {
    if (required) {
      add(codes_.missing, pointer, "required member \"" + std::string(key) + "\" is missing");
    }
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonChecker::string(const detail::Json& object, std::string_view pointer,
                                               std::string_view key, bool required,
                                               bool non_empty) {
  const detail::Json* v = member(object, pointer, key, required);
  if (v == nullptr) return std::nullopt;
  const std::string at = child(pointer, key);
  if (!v->is_string()) {
    add(codes_.type, at,
        std::string(key) + " is " + std::string(json_type_name(*v)) + ", but must be a string");
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  if (non_empty && s.empty()) {
    bad_value(at, key, *v, "a non-empty string");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> JsonChecker::integer(const detail::Json& object,
                                                 std::string_view pointer, std::string_view key,
                                                 bool required) {
  const detail::Json* v = member(object, pointer, key, required);
  if (v == nullptr) return std::nullopt;
  const std::string at = child(pointer, key);
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > 1'000'000'000ULL) {
      bad_value(at, key, *v, "at most 1000000000");
      return std::nullopt;
    }
    const auto i = v->get<std::int64_t>();
    if (i < -1'000'000'000LL || i > 1'000'000'000LL) {
      bad_value(at, key, *v, "between -1000000000 and 1000000000");
      return std::nullopt;
    }
    return i;
  }
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (!std::isfinite(d) || d != std::floor(d)) {
      bad_value(at, key, *v, "a whole number");
    } else if (std::fabs(d) > 1e9) {
      bad_value(at, key, *v, "between -1000000000 and 1000000000");
    } else {
      return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
  }
  add(codes_.type, at,
      std::string(key) + " is " + std::string(json_type_name(*v)) + ", but must be a whole number");
  return std::nullopt;
}

std::optional<double> JsonChecker::number(const detail::Json& object, std::string_view pointer,
                                          std::string_view key, bool required) {
  const detail::Json* v = member(object, pointer, key, required);
  if (v == nullptr) return std::nullopt;
  const std::string at = child(pointer, key);
  if (!v->is_number()) {
    add(codes_.type, at,
        std::string(key) + " is " + std::string(json_type_name(*v)) + ", but must be a number");
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d)) {
    bad_value(at, key, *v, "a finite number");
    return std::nullopt;
  }
  return d;
}

bool JsonChecker::boolean(const detail::Json& object, std::string_view pointer,
                          std::string_view key, bool fallback) {
  const detail::Json* v = member(object, pointer, key, false);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) {
    add(codes_.type, child(pointer, key),
        std::string(key) + " is " + std::string(json_type_name(*v)) +
            ", but must be true or false");
    return fallback;
  }
  return v->get<bool>();
}

void JsonChecker::throw_if_any() const {
  if (!problems_.empty()) throw Error(problems_);
}

}  // namespace securebase::detail
