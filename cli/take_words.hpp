// securebase CLI: every sentence `take` and `history` say to a person, in one place (English).
// The feedback itself comes from result_view; these are only the words around it.
#pragma once

namespace securebase::cli::words {

/// `one` when n is 1, else `many` (English has two forms; so does Spanish).
inline constexpr const char* plural(unsigned long long n, const char* one, const char* many) {
  return n == 1 ? one : many;
}

// {n} = number of items, {min} = estimated minutes; filled in by take_cmd.cpp.
inline constexpr const char* welcome_title =
    "securebase: how you tend to feel and act in close relationships";
inline constexpr const char* welcome_body =
    "This is a self-reflection tool. It shows you {n} short statements, one at a time, about how "
    "you usually feel and act with the people you are closest to: a partner, close friends, "
    "family. For each, choose how true it is for you. Afterwards you see where your answers "
    "place you on two dimensions, attachment anxiety and attachment avoidance, how precise that "
    "is, and what tends to build a sense of security.\n"
    "\n"
    "It is not a diagnosis and not a test you can pass or fail. It describes tendencies, and "
    "tendencies change with experience.\n"
    "\n"
    "Nothing leaves this computer. While you answer, your answers are kept in a private file so "
    "that you can stop and continue later; a result is saved only if you ask.\n"
    "\n"
    "It takes about {min}. There are no right answers: go with your first sense of how "
    "true each statement is for you.";
// A no-break space (\u00a0) keeps each key with the first word of what it does, so that a
// wrapped line never leaves a lone "?" or "b".
inline constexpr const char* keys_unicode =
    "Keys: {range}\u00a0answer · b\u00a0or\u00a0\u2190\u00a0go back · s\u00a0skip (prefer not to "
    "answer) · q\u00a0stop and continue later · ?\u00a0help";
inline constexpr const char* keys_ascii =
    "Keys: {range}\u00a0answer, b\u00a0or\u00a0left\u00a0arrow\u00a0go back, s\u00a0skip (prefer "
    "not to answer), q\u00a0stop and continue later, ?\u00a0help";
inline constexpr const char* press_to_begin = "Press Enter to begin, or q to leave.";
inline constexpr const char* press_to_begin_lines = "Press Enter to begin, or type q to leave.";
inline constexpr const char* left_before_start =
    "Nothing was saved. Run 'securebase take' whenever you like.";

inline constexpr const char* help_title = "Help";
inline constexpr const char* help_body =
    "Press a number from {range} to answer; the answer is saved at once and the next statement "
    "appears.\n"
    "b (or the left arrow) goes back one statement; your earlier answer is marked and you can "
    "change it or keep it by pressing the same number.\n"
    "s skips a statement you prefer not to answer. Before your result, securebase tells you if "
    "a part has too few answers to be scored and offers to go back to those statements.\n"
    "q stops. Your answers stay saved on this computer, in a file only you can read; run "
    "'securebase take' again to continue where you left off.\n"
    "Answer for how you generally are, not only in your current or most recent relationship.";
inline constexpr const char* help_return = "Press any key to return to the statement.";

inline constexpr const char* bad_key =
    "Use {range} to answer (b\u00a0back, s\u00a0skip, q\u00a0stop, ?\u00a0help).";
inline constexpr const char* pending_digits = "You typed {typed}; press Enter to answer.";
inline constexpr const char* first_item =
    "This is the first statement; there is nothing before it.";
inline constexpr const char* earlier_answer = "your earlier answer";
inline constexpr const char* skipped_before = "You skipped this one before.";
inline constexpr const char* answer_prompt =
    "Answer {range}, s\u00a0skip, b\u00a0back, q\u00a0stop, ?\u00a0help:";
inline constexpr const char* minute_one = "1 minute";
inline constexpr const char* minute_many = "{min} minutes";
inline constexpr const char* progress = "statement {pos} of {n}";
inline constexpr const char* progress_plain = "statement {pos} of {n} ({answered} answered)";
inline constexpr const char* keep_earlier = "Enter or → keeps it";
inline constexpr const char* keep_earlier_ascii = "Enter or right arrow keeps it";
inline constexpr const char* keep_earlier_plain = "Your earlier answer: {value} (Enter keeps it).";
inline constexpr const char* earlier_tiny = "Earlier: {value} (Enter keeps it)";
inline constexpr const char* keys_tiny = "?\u00a0help";
inline constexpr const char* welcome_back =
    "Welcome back: {answered} of {n} answered. Continuing where you left off.";
inline constexpr const char* revisiting =
    "Going back to the {m} skipped statements that would help; answer or skip each again.";
inline constexpr const char* revisiting_one =
    "Going back to the skipped statement that would help; answer it or skip it again.";

inline constexpr const char* unfinished =
    "You have an unfinished questionnaire ({title}, {answered} of {n} answered, started {date}).";
inline constexpr const char* resume_question =
    "Continue it? (n starts over and deletes those answers)";
inline constexpr const char* resume_other_options =
    "Continuing the unfinished {title}; the options for a new questionnaire apply after it is "
    "finished, or use --fresh to start over.";
inline constexpr const char* no_session_to_resume =
    "There is no unfinished questionnaire to continue; starting a new one.";
inline constexpr const char* started_over = "Starting over; the earlier answers were deleted.";
inline constexpr const char* shuffled_note =
    "The statements come in a shuffled order (seed {seed}); they are scored the same way.";

inline constexpr const char* stopped = "Stopped at statement {pos} of {n}.";
inline constexpr const char* input_ended =
    "The input ended at statement {pos} of {n}, before the questionnaire was finished.";
inline constexpr const char* saved_one = "Your 1 answer is saved on this computer.";
inline constexpr const char* saved_many = "Your {answered} answers are saved on this computer.";
inline constexpr const char* continue_later =
    "Run 'securebase take' to continue where you left off.";
inline constexpr const char* nothing_kept =
    "No statement was answered yet, so nothing was kept. Run 'securebase take' whenever you like.";

inline constexpr const char* short_intro =
    "Before your result: some parts have too few answers to be scored yet.";
inline constexpr const char* short_line =
    "{name}: {answered} of {total} answered; a score needs {required}.";
inline constexpr const char* short_line_composite =
    "{name}: {answered} of {total} parts scored; a score needs {required}.";
inline constexpr const char* revisit_question =
    "Go back to the {k} skipped statements that would help? You can skip them again.";
inline constexpr const char* revisit_question_one =
    "Go back to the skipped statement that would help? You can skip it again.";
inline constexpr const char* not_scored_note =
    "Those parts will show no score; everything else is scored from your answers.";

inline constexpr const char* save_question = "Save this result on this computer to compare later?";
inline constexpr const char* saved =
    "Saved as {id} (only you can read it). 'securebase history' shows your results over time.";
inline constexpr const char* html_question = "Write an HTML report?";
inline constexpr const char* html_path_question = "File name";
inline constexpr const char* html_replace_question = "{path} exists. Replace it?";
inline constexpr const char* html_written =
    "Report written to {path}. Open it in a browser; it needs no internet connection.";
inline constexpr const char* not_replaced = "Not replaced. Choose another name (Enter: {path}).";
inline constexpr const char* cannot_write = "Could not write {path}: {reason}";
inline constexpr const char* save_failed = "The result could not be saved in {dir}: {reason}";
inline constexpr const char* save_elsewhere_question =
    "Save it to a file of your choice instead (only you can read it)?";
inline constexpr const char* saved_to =
    "Saved to {path} (only you can read it). 'securebase report {path}' shows it again.";
inline constexpr const char* session_kept =
    "The result was not saved. Your answers stay in the unfinished session, so 'securebase "
    "take' shows this result again and offers to save it.";
inline constexpr const char* goodbye =
    "Thank you for taking the time. For a short check-in later, run 'securebase take --brief'.";

// history
inline constexpr const char* history_empty =
    "No saved results yet. After 'securebase take', answer y to \"Save this result\" to keep one "
    "here.";
inline constexpr const char* history_trend =
    "Trend ({count} results, oldest to newest, on the {lo} to {hi} scale):";
inline constexpr const char* history_change_title =
    "Change between your latest two {title} results";
inline constexpr const char* history_unreadable = "cannot be read: {problem}";
inline constexpr const char* delete_question = "Delete {what}? This cannot be undone.";
inline constexpr const char* deleted_one = "Deleted 1 saved result.";
inline constexpr const char* deleted_many = "Deleted {count} saved results.";
inline constexpr const char* delete_all = "all {count} saved results";
inline constexpr const char* delete_one = "saved result {id}";
inline constexpr const char* not_deleted = "Nothing was deleted.";

// compare
inline constexpr const char* compare_earlier = "Earlier result";
inline constexpr const char* compare_later = "Later result";
inline constexpr const char* compare_date = "completed {date}";
inline constexpr const char* compare_no_date = "date not recorded";
inline constexpr const char* compare_swapped =
    "'{first}' is the newer of the two, so the comparison runs from the other one to it.";
inline constexpr const char* compare_same_answers =
    "These two results have exactly the same answers (perhaps the same result saved twice), so "
    "every difference below is zero.";

}  // namespace securebase::cli::words
