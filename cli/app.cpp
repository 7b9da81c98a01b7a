#include "app.hpp"

#include <unistd.h>

#include <algorithm>
#include <exception>
#include <iostream>
#include <ostream>

#include "commands.hpp"
#include "options.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/placeholders.hpp"
#include "securebase/version.hpp"
#include "take_ui.hpp"
#include "take_words.hpp"
#include "terminal.hpp"

namespace securebase::cli {

namespace {

void print_help(std::ostream& out) {
  out << "securebase " << library_version()
      << ": score adult-attachment questionnaires and explain the result.\n"
         "Everything runs on this computer; nothing is sent anywhere.\n\n"
         "Usage: securebase [--help] [--version] <command> [<args>]\n\n"
         "Commands:\n"
         "  take          take a questionnaire here, with explained feedback\n"
         "  history       your saved results over time\n"
         "  compare       reliable change between two results\n"
         "  report        turn a saved result into a report (HTML or text)\n"
         "  score         score one person's answers\n"
         "  batch         score a research file (CSV, TSV), one row out per row in\n"
         "  stats         reliability, omega and item statistics of a research file\n"
         "  columns       the columns of a research file (SPSS/Stata: labels, codes)\n"
         "  instruments   list, show or validate questionnaire instruments\n"
         "  web           write the questionnaire as one offline web page\n\n"
         "Run 'securebase <command> --help' for a command's options.\n\n"
      << exit_code_help();
}

// A message to a person: wrapped at word boundaries to the terminal when `err` is this
// process's standard error on a terminal (a log or a pipe gets it as one line).
std::string for_person(const std::ostream& err, const std::string& message) {
  if (&err != &std::cerr || !is_tty(STDERR_FILENO)) return message;
  return wrap_hanging(message, std::clamp(terminal_columns(STDERR_FILENO, 80), 30, 200) - 1, 2);
}

// The language a person reading this command's messages asked for (words::language_from_args). Only
// the commands people use by hand (take, history, compare, report) speak Spanish; the research
// commands stay English.
std::string person_language(const std::string& command, std::span<const std::string> rest) {
  if (command != "take" && command != "history" && command != "compare" && command != "report")
    return "en";
  return words::language_from_args(rest);
}

// An error in the person's language: the stable code and the location verbatim, the sentence
// from the language files by code (the library's English sentence when that is English).
std::string error_text(const Error& e, const std::string& language) {
  if (language == "en") return e.what();
  words::set_language(language);
  std::string text = "[" + error_id(e.code()) + "] " + e.where() + ": " + words::error_sentence(e);
  const std::size_t more = e.problems().size() - 1;
  if (more > 0) {
    text += " " + fill_placeholders(words::text(more == 1 ? "error.more_one" : "error.more_many"),
                                    {{"count", std::to_string(more)}});
  }
  return text;
}

// A usage mistake in the person's language (Spanish: a sentence of our own, since the option
// parser's sentence is English).
std::string usage_text(const UsageError& e, const std::string& language) {
  const std::string command = e.command().empty() ? "securebase" : "securebase " + e.command();
  if (language == "en") return command + " error: " + e.what();
  words::set_language(language);
  const bool lang = std::string_view(e.what()).find("'--lang'") != std::string_view::npos;
  return command + " " + words::text(lang ? "usage.lang" : "usage.error");
}

std::string usage_hint(const UsageError& e, const std::string& language) {
  const std::string command = e.command().empty() ? "securebase" : "securebase " + e.command();
  if (language == "en") return "Run '" + command + " --help' for usage.";
  return fill_placeholders(words::text("usage.hint"), {{"command", command}});
}

}  // namespace

int run(std::span<const std::string> args, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string language =
      args.empty() ? std::string("en") : person_language(args.front(), args.subspan(1));
  try {
    if (args.empty()) {
      print_help(err);
      return exit_usage;
    }
    const std::string& command = args.front();
    const auto rest = args.subspan(1);
    if (command == "--help" || command == "-h" || command == "help") {
      print_help(out);
      return exit_ok;
    }
    if (command == "--version" || command == "-V") {
      out << "securebase " << library_version() << "\n";
      return exit_ok;
    }
    if (command == "instruments") return instruments_command(rest, in, out, err);
    if (command == "score") return score_command(rest, in, out, err);
    if (command == "take") return take_command(rest, in, out, err);
    if (command == "history") return history_command(rest, in, out, err);
    if (command == "batch") return batch_command(rest, in, out, err);
    if (command == "stats") return stats_command(rest, in, out, err);
    if (command == "columns") return columns_command(rest, in, out, err);
    if (command == "report") return report_command(rest, in, out, err);
    if (command == "compare") return compare_command(rest, in, out, err);
    if (command == "web") return web_command(rest, in, out, err);
    throw UsageError("", "unknown command '" + command +
                             "'; commands: take, history, compare, report, score, batch, "
                             "stats, columns, instruments, web");
  } catch (const UsageError& e) {
    err << for_person(err, usage_text(e, language)) << "\n" << usage_hint(e, language) << "\n";
    return exit_usage;
  } catch (const Error& e) {
    err << for_person(err, "securebase: " + error_text(e, language)) << "\n";
    return e.code() == ErrorCode::internal ? exit_internal : exit_invalid;
  } catch (const std::exception& e) {
    err << "securebase: internal error: " << e.what()
        << "\nThis is a bug in securebase; please report it with the command you ran.\n";
    return exit_internal;
  }
}

}  // namespace securebase::cli
