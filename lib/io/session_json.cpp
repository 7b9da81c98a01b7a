// securebase: a session (a questionnaire in progress) as a versioned JSON document and back.
#include "securebase/io/session_json.hpp"

#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

std::string to_session_json(const Session& s) {
  detail::Json j = detail::Json::object();
  j["format"] = session_format_id;
  j["format_version"] = session_format_version;
  j["instrument"] = s.instrument_id;
  j["instrument_version"] = s.instrument_version;
  j["instrument_source"] = s.instrument_source;
  j["key_fingerprint"] = s.key_fingerprint;
  j["language"] = s.language;
  j["text_file"] = s.text_file;
  // A decimal string: a 64-bit seed does not survive JSON readers that use doubles.
  j["seed"] = s.seed ? detail::Json(std::to_string(*s.seed)) : detail::Json(nullptr);
  j["started"] = s.started;
  j["position"] = s.position;
  j["order"] = s.order;
  detail::Json answers = detail::Json::object();
  for (const std::string& id : s.order) {
    if (auto it = s.answers.find(id); it != s.answers.end()) answers[id] = it->second;
  }
  j["answers"] = std::move(answers);
  detail::Json skipped = detail::Json::array();
  for (const std::string& id : s.order) {
    if (s.skipped.count(id) != 0) skipped.push_back(id);
  }
  j["skipped"] = std::move(skipped);
  j["revisit"] = s.revisit;
  return j.dump(2) + "\n";
}

namespace {

[[noreturn]] void corrupt(std::string_view source, std::string_view pointer,
                          const std::string& message) {
  throw Error(ErrorCode::session_corrupt, detail::json_where(source, pointer),
              message + "; start over with 'securebase take --fresh'");
}

const detail::Json& member(const detail::Json& root, std::string_view source, const char* key) {
  auto it = root.find(key);
  if (it == root.end()) corrupt(source, "", std::string("member \"") + key + "\" is missing");
  return *it;
}

std::string string_member(const detail::Json& root, std::string_view source, const char* key) {
  const detail::Json& v = member(root, source, key);
  if (!v.is_string()) {
    corrupt(source, std::string("/") + key,
            std::string(key) + " is " + std::string(detail::json_type_name(v)) +
                ", but must be a string");
  }
  return v.get<std::string>();
}

std::vector<std::string> id_list(const detail::Json& root, std::string_view source,
                                 const char* key) {
  const detail::Json& v = member(root, source, key);
  if (!v.is_array()) {
    corrupt(source, std::string("/") + key,
            std::string(key) + " is " + std::string(detail::json_type_name(v)) +
                ", but must be an array of item ids");
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      corrupt(source, std::string("/") + key + "/" + std::to_string(i),
              "entry is " + std::string(detail::json_type_name(v[i])) +
                  ", but must be an item id (a string)");
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

// The root object, "format" and "format_version".
void check_session_header(const detail::Json& root, std::string_view source) {
  if (!root.is_object()) {
    corrupt(source, "",
            "the session is " + std::string(detail::json_type_name(root)) +
                ", but must be a JSON object");
  }
  if (string_member(root, source, "format") != session_format_id) {
    corrupt(source, "/format", "format is not \"securebase-session\"");
  }
  const detail::Json& version = member(root, source, "format_version");
  if (!version.is_number_integer() || version.get<long long>() < 1) {
    corrupt(source, "/format_version", "format_version must be a whole number from 1");
  }
  if (version.get<long long>() > session_format_version) {
    corrupt(source, "/format_version",
            "format_version is " + std::to_string(version.get<long long>()) +
                ", written by a newer securebase (this one reads up to " +
                std::to_string(session_format_version) + ")");
  }
}

// "seed": an unsigned 64-bit number written as a decimal string, or null (none).
std::optional<std::uint64_t> session_seed(const detail::Json& root, std::string_view source) {
  const detail::Json& seed = member(root, source, "seed");
  if (seed.is_null()) return std::nullopt;
  if (!seed.is_string()) corrupt(source, "/seed", "seed must be a decimal string or null");
  const std::string text = seed.get<std::string>();
  const bool digits =
      !text.empty() && text.size() <= 20 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::uint64_t value = 0;
  bool fits = digits;
  for (char c : text) {
    if (!fits) break;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - d) / 10) fits = false;
    value = value * 10 + d;
  }
  if (!fits) corrupt(source, "/seed", "seed must be a decimal number below 2^64, as a string");
  return value;
}

// "answers": item id -> whole-number answer.
void read_session_answers(const detail::Json& root, std::string_view source, Session& s) {
  const detail::Json& answers = member(root, source, "answers");
  if (!answers.is_object()) corrupt(source, "/answers", "answers must be an object");
  for (auto it = answers.begin(); it != answers.end(); ++it) {
    if (!it.value().is_number_integer()) {
      corrupt(source, "/answers/" + detail::pointer_token(it.key()),
              "answer is " + detail::brief(it.value()) + ", but must be a whole number");
    }
    s.answers[it.key()] = it.value().get<int>();
  }
}

}  // namespace

Session parse_session_json(std::string_view json_text, std::string_view source) {
  const detail::Json root = detail::parse_json_strict(json_text, source, ErrorCode::session_corrupt,
                                                      ErrorCode::session_corrupt);
  check_session_header(root, source);
  Session s;
  s.instrument_id = string_member(root, source, "instrument");
  s.instrument_version = string_member(root, source, "instrument_version");
  s.instrument_source = string_member(root, source, "instrument_source");
  s.key_fingerprint = string_member(root, source, "key_fingerprint");
  s.language = string_member(root, source, "language");
  s.text_file = string_member(root, source, "text_file");
  s.started = string_member(root, source, "started");
  s.seed = session_seed(root, source);
  const detail::Json& pos = member(root, source, "position");
  if (!pos.is_number_unsigned()) {
    corrupt(source, "/position", "position must be a whole number from 0");
  }
  s.position = pos.get<std::size_t>();
  s.order = id_list(root, source, "order");
  if (s.position > s.order.size()) {
    corrupt(source, "/position",
            "position is " + std::to_string(s.position) + ", but must be at most " +
                std::to_string(s.order.size()));
  }
  read_session_answers(root, source, s);
  for (const std::string& id : id_list(root, source, "skipped")) s.skipped.insert(id);
  s.revisit = id_list(root, source, "revisit");
  return s;
}

}  // namespace securebase
