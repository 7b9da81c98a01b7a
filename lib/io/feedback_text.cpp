// securebase: feedback wording files (instruments/feedback/LANG.json) read and checked.
#include "securebase/io/feedback_text.hpp"

#include "io/embedded.hpp"
#include "io/json_checker.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

FeedbackText parse_feedback_text(std::string_view json_text, std::string_view source) {
  const detail::Json root =
      detail::parse_json_strict(json_text, source, ErrorCode::text_syntax, ErrorCode::text_syntax);
  detail::JsonChecker c(std::string(source), {ErrorCode::text_syntax, ErrorCode::text_syntax,
                                              ErrorCode::text_syntax, ErrorCode::text_syntax});
  if (!c.expect_object(root, "", "the feedback file")) c.throw_if_any();
  c.only(root, "",
         {"$schema", "format", "format_version", "language", "validated_translation",
          "decimal_separator", "note", "phrases"});
  FeedbackText t;
  t.source = std::string(source);
  if (auto f = c.string(root, "", "format", true); f && *f != "securebase-feedback") {
    c.bad_value("/format", "format", *f, "\"securebase-feedback\"");
  }
  if (auto v = c.integer(root, "", "format_version", true); v && *v != 1) {
    c.bad_value("/format_version", "format_version", *v, "1");
  }
  t.language = c.string(root, "", "language", true).value_or("");
  t.validated_translation = c.boolean(root, "", "validated_translation", true);
  if (auto sep = c.string(root, "", "decimal_separator", true)) {
    if (*sep == "." || *sep == ",") {
      t.decimal_separator = (*sep)[0];
    } else {
      c.bad_value("/decimal_separator", "decimal_separator", *sep, "\".\" or \",\"");
    }
  }
  (void)c.string(root, "", "note", false, false);
  if (const detail::Json* phrases = c.member(root, "", "phrases", true)) {
    if (c.expect_object(*phrases, "/phrases", "phrases")) {
      for (const auto& [key, value] : phrases->items()) {
        const std::string p = detail::child("/phrases", key);
        std::vector<std::string> paragraphs;
        if (value.is_string()) {
          paragraphs.push_back(value.get<std::string>());
        } else if (value.is_array() && !value.empty()) {
          for (std::size_t i = 0; i < value.size(); ++i) {
            if (!value[i].is_string()) {
              c.add(ErrorCode::text_syntax, detail::child(p, i),
                    "paragraph is " + detail::brief(value[i]) + ", but must be a string");
            } else {
              paragraphs.push_back(value[i].get<std::string>());
            }
          }
        } else {
          c.add(ErrorCode::text_syntax, p,
                "phrase is " + detail::brief(value) +
                    ", but must be a string or a non-empty array of strings (paragraphs)");
          continue;
        }
        t.phrases.emplace(key, std::move(paragraphs));
      }
    }
  }
  c.throw_if_any();
  return t;
}

std::vector<std::string> embedded_feedback_languages() {
  std::vector<std::string> out;
  for (const auto& f : detail::embedded_feedback_files()) {
    if (!f.name.empty()) out.emplace_back(f.name);
  }
  return out;
}

FeedbackText embedded_feedback_text(std::string_view language) {
  for (const auto& f : detail::embedded_feedback_files()) {
    if (f.name == language && !f.name.empty()) {
      FeedbackText t = parse_feedback_text(f.text, "embedded:feedback/" + std::string(f.name));
      if (t.language != language) {
        throw Error(ErrorCode::internal, "embedded:feedback/" + std::string(language),
                    "the embedded feedback file declares language \"" + t.language +
                        "\"; its name must be <language>.json");
      }
      return t;
    }
  }
  std::string available;
  for (const std::string& l : embedded_feedback_languages()) {
    available += (available.empty() ? "" : ", ") + l;
  }
  throw Error(
      ErrorCode::text_language, "--lang " + std::string(language),
      "there is no feedback text in \"" + std::string(language) + "\"; available: " + available);
}

}  // namespace securebase
