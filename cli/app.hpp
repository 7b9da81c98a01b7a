// securebase CLI: the whole command line as a function of strings and streams, so that tests
// can run it in-process.
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace securebase::cli {

/// Documented exit codes of the securebase command.
enum ExitCode : int {
  exit_ok = 0,        ///< success
  exit_usage = 1,     ///< the command line is wrong
  exit_invalid = 2,   ///< an input (instrument, answers, file) is invalid or unreadable
  exit_internal = 3,  ///< a bug in securebase
};

/// Runs `securebase ARGS...` (args excludes the program name) and returns the exit code.
int run(std::span<const std::string> args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace securebase::cli
