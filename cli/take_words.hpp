// securebase CLI: every sentence `take`, `history` and `compare` say to a person, by key. The
// words themselves are in the language files (instruments/feedback/<language>.json, keys
// "cli.<name>"), so Spanish output is all Spanish; words::set_language chooses the language.
// The feedback itself comes from result_view; these are only the words around it.
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "securebase/core/error.hpp"

namespace securebase::cli::words {

/// Chooses the language of every phrase ("en", "es"); an unknown language is error 504.
void set_language(const std::string& language);

/// The language phrases are in now ("en" until set_language is called).
const std::string& language();

/// The phrase "cli.<key>" in the current language (the key itself when it is missing, which a
/// test rules out).
const std::string& text(std::string_view key);

/// The language to use when no --lang is given: from LC_ALL, LC_MESSAGES or LANG (the first set
/// and not empty; "es_ES.UTF-8" -> "es"), when securebase has it; else "en".
std::string language_from_environment();

/// An error's sentence for a person: the library's own in English, else the language file's
/// sentence for its code ("cli.error.<code>", "cli.error.other" when the code has none).
std::string error_sentence(const Error& e);

/// The language a command's arguments ask for: --lang X, --lang=X or -l X when X is one
/// securebase has, else language_from_environment() (so a bad --lang is reported in it).
std::string language_from_args(std::span<const std::string> args);

/// One phrase, named by its key; reads as the text in the current language.
struct Phrase {
  const char* key;
  operator const std::string&() const { return text(key); }  // NOLINT: reads as its text
  operator std::string_view() const { return text(key); }    // NOLINT: reads as its text
  [[nodiscard]] const std::string& str() const { return text(key); }
};

inline std::ostream& operator<<(std::ostream& out, const Phrase& p) { return out << p.str(); }
inline std::string operator+(const std::string& a, const Phrase& b) { return a + b.str(); }
inline std::string operator+(const Phrase& a, const std::string& b) { return a.str() + b; }

/// `one` when n is 1, else `many` (English has two forms; so does Spanish).
inline const Phrase& plural(unsigned long long n, const Phrase& one, const Phrase& many) {
  return n == 1 ? one : many;
}

inline constexpr Phrase welcome_title{"welcome_title"};
inline constexpr Phrase welcome_body{"welcome_body"};
inline constexpr Phrase keys_unicode{"keys_unicode"};
inline constexpr Phrase keys_ascii{"keys_ascii"};
inline constexpr Phrase press_to_begin{"press_to_begin"};
inline constexpr Phrase press_to_begin_lines{"press_to_begin_lines"};
inline constexpr Phrase left_before_start{"left_before_start"};
inline constexpr Phrase help_title{"help_title"};
inline constexpr Phrase help_body{"help_body"};
inline constexpr Phrase help_return{"help_return"};
inline constexpr Phrase bad_key{"bad_key"};
inline constexpr Phrase pending_digits{"pending_digits"};
inline constexpr Phrase first_item{"first_item"};
inline constexpr Phrase earlier_answer{"earlier_answer"};
inline constexpr Phrase skipped_before{"skipped_before"};
inline constexpr Phrase answer_prompt{"answer_prompt"};
inline constexpr Phrase minute_one{"minute_one"};
inline constexpr Phrase minute_many{"minute_many"};
inline constexpr Phrase progress{"progress"};
inline constexpr Phrase progress_plain{"progress_plain"};
inline constexpr Phrase keep_earlier{"keep_earlier"};
inline constexpr Phrase keep_earlier_ascii{"keep_earlier_ascii"};
inline constexpr Phrase keep_earlier_plain{"keep_earlier_plain"};
inline constexpr Phrase earlier_tiny{"earlier_tiny"};
inline constexpr Phrase keys_tiny{"keys_tiny"};
inline constexpr Phrase welcome_back{"welcome_back"};
inline constexpr Phrase revisiting{"revisiting"};
inline constexpr Phrase revisiting_one{"revisiting_one"};
inline constexpr Phrase unfinished{"unfinished"};
inline constexpr Phrase resume_question{"resume_question"};
inline constexpr Phrase resume_other_options{"resume_other_options"};
inline constexpr Phrase no_session_to_resume{"no_session_to_resume"};
inline constexpr Phrase started_over{"started_over"};
inline constexpr Phrase shuffled_note{"shuffled_note"};
inline constexpr Phrase stopped{"stopped"};
inline constexpr Phrase input_ended{"input_ended"};
inline constexpr Phrase saved_one{"saved_one"};
inline constexpr Phrase saved_many{"saved_many"};
inline constexpr Phrase continue_later{"continue_later"};
inline constexpr Phrase nothing_kept{"nothing_kept"};
inline constexpr Phrase short_intro{"short_intro"};
inline constexpr Phrase short_line{"short_line"};
inline constexpr Phrase short_line_composite{"short_line_composite"};
inline constexpr Phrase revisit_question{"revisit_question"};
inline constexpr Phrase revisit_question_one{"revisit_question_one"};
inline constexpr Phrase not_scored_note{"not_scored_note"};
inline constexpr Phrase save_question{"save_question"};
inline constexpr Phrase saved{"saved"};
inline constexpr Phrase html_question{"html_question"};
inline constexpr Phrase html_path_question{"html_path_question"};
inline constexpr Phrase html_replace_question{"html_replace_question"};
inline constexpr Phrase html_written{"html_written"};
inline constexpr Phrase not_replaced{"not_replaced"};
inline constexpr Phrase cannot_write{"cannot_write"};
inline constexpr Phrase save_failed{"save_failed"};
inline constexpr Phrase save_elsewhere_question{"save_elsewhere_question"};
inline constexpr Phrase saved_to{"saved_to"};
inline constexpr Phrase session_kept{"session_kept"};
inline constexpr Phrase goodbye{"goodbye"};
inline constexpr Phrase history_empty{"history_empty"};
inline constexpr Phrase history_trend{"history_trend"};
inline constexpr Phrase history_change_title{"history_change_title"};
inline constexpr Phrase history_unreadable{"history_unreadable"};
inline constexpr Phrase delete_question{"delete_question"};
inline constexpr Phrase deleted_one{"deleted_one"};
inline constexpr Phrase deleted_many{"deleted_many"};
inline constexpr Phrase delete_all{"delete_all"};
inline constexpr Phrase delete_one{"delete_one"};
inline constexpr Phrase not_deleted{"not_deleted"};
inline constexpr Phrase compare_earlier{"compare_earlier"};
inline constexpr Phrase compare_later{"compare_later"};
inline constexpr Phrase compare_date{"compare_date"};
inline constexpr Phrase compare_no_date{"compare_no_date"};
inline constexpr Phrase compare_swapped{"compare_swapped"};
inline constexpr Phrase compare_same_answers{"compare_same_answers"};
inline constexpr Phrase history_header{"history_header"};
inline constexpr Phrase col_id{"col_id"};
inline constexpr Phrase col_date{"col_date"};
inline constexpr Phrase col_instrument{"col_instrument"};
inline constexpr Phrase col_anxiety{"col_anxiety"};
inline constexpr Phrase col_avoidance{"col_avoidance"};
inline constexpr Phrase yes_no_default_yes{"yes_no_default_yes"};
inline constexpr Phrase yes_no_default_no{"yes_no_default_no"};
inline constexpr Phrase yes_word{"yes_word"};
inline constexpr Phrase no_word{"no_word"};
inline constexpr Phrase yes_letter{"yes_letter"};
inline constexpr Phrase yes_no_please{"yes_no_please"};
inline constexpr Phrase more_prompt{"more_prompt"};
inline constexpr Phrase more_short{"more_short"};

}  // namespace securebase::cli::words
