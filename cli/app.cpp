#include "app.hpp"

#include <unistd.h>

#include <algorithm>
#include <exception>
#include <iostream>
#include <ostream>

#include "commands.hpp"
#include "options.hpp"
#include "securebase/core/error.hpp"
#include "securebase/version.hpp"
#include "take_ui.hpp"
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
         "  instruments   list, show or validate questionnaire instruments\n\n"
         "Run 'securebase <command> --help' for a command's options.\n\n"
      << exit_code_help();
}

// A message to a person: wrapped at word boundaries to the terminal when `err` is this
// process's standard error on a terminal (a log or a pipe gets it as one line).
std::string for_person(const std::ostream& err, const std::string& message) {
  if (&err != &std::cerr || !is_tty(STDERR_FILENO)) return message;
  return wrap(message, std::clamp(terminal_columns(STDERR_FILENO, 80), 30, 200) - 1, 2);
}

}  // namespace

int run(std::span<const std::string> args, std::istream& in, std::ostream& out, std::ostream& err) {
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
    if (command == "report") return report_command(rest, in, out, err);
    if (command == "compare") return compare_command(rest, in, out, err);
    throw UsageError("", "unknown command '" + command +
                             "'; commands: take, history, compare, report, score, batch, "
                             "stats, instruments");
  } catch (const UsageError& e) {
    const std::string sub = e.command().empty() ? "" : e.command() + " ";
    err << for_person(err, "securebase " + sub + "error: " + e.what()) << "\nRun 'securebase "
        << sub << "--help' for usage.\n";
    return exit_usage;
  } catch (const Error& e) {
    err << for_person(err, std::string("securebase: ") + e.what()) << "\n";
    return e.code() == ErrorCode::internal ? exit_internal : exit_invalid;
  } catch (const std::exception& e) {
    err << "securebase: internal error: " << e.what()
        << "\nThis is a bug in securebase; please report it with the command you ran.\n";
    return exit_internal;
  }
}

}  // namespace securebase::cli
