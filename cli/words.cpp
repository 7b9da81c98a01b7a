// securebase CLI: the words around the feedback, in the chosen language.
#include <cstdlib>
#include <map>

#include "securebase/core/feedback.hpp"
#include "securebase/io/feedback_text.hpp"
#include "take_words.hpp"

namespace securebase::cli::words {

namespace {

struct Table {
  std::string language;
  std::map<std::string, std::string, std::less<>> phrases;
};

Table load(const std::string& language) {
  Table t;
  t.language = language;
  const FeedbackText text = embedded_feedback_text(language);
  for (const auto& [key, paragraphs] : text.phrases) {
    if (key.rfind("cli.", 0) != 0) continue;
    std::string joined;
    for (const std::string& p : paragraphs) joined += (joined.empty() ? "" : "\n") + p;
    t.phrases.emplace(key.substr(4), std::move(joined));
  }
  return t;
}

Table& current() {
  static Table table = load("en");
  return table;
}

}  // namespace

void set_language(const std::string& language) {
  if (current().language != language) current() = load(language);
}

const std::string& language() { return current().language; }

const std::string& text(std::string_view key) {
  const auto it = current().phrases.find(key);
  if (it != current().phrases.end()) return it->second;
  static std::map<std::string, std::string, std::less<>> missing;
  return missing.emplace(std::string(key), std::string(key)).first->second;
}

std::string language_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    std::string lang(value);
    const std::size_t cut = lang.find_first_of("_.@");
    if (cut != std::string::npos) lang.resize(cut);
    for (const std::string& have : embedded_feedback_languages()) {
      if (have == lang) return lang;
    }
    return "en";  // the first variable set decides, as in POSIX
  }
  return "en";
}

std::string error_sentence(const Error& e) {
  if (language() == "en") return e.message();
  const std::string key = "error." + std::to_string(static_cast<int>(e.code()));
  const std::string& sentence = text(key);
  return sentence == key ? text("error.other") : sentence;
}

std::string language_from_args(std::span<const std::string> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if ((args[i] == "--lang" || args[i] == "-l") && i + 1 < args.size()) value = args[i + 1];
    if (args[i].rfind("--lang=", 0) == 0) value = args[i].substr(7);
    for (const std::string& have : embedded_feedback_languages()) {
      if (!value.empty() && have == value) return value;
    }
  }
  return language_from_environment();
}

}  // namespace securebase::cli::words
