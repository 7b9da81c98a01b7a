// securebase CLI: shared option handling on top of Boost.Program_options.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/program_options.hpp>

namespace securebase::cli {

namespace po = boost::program_options;

/// A command-line mistake; the message names the option and value. Maps to exit code 1.
class UsageError : public std::runtime_error {
 public:
  /// `command` is "score", "instruments list", ...; used for the "--help" hint.
  UsageError(std::string command, const std::string& message)
      : std::runtime_error(message), command_(std::move(command)) {}
  /// The subcommand the mistake belongs to.
  [[nodiscard]] const std::string& command() const noexcept { return command_; }

 private:
  std::string command_;
};

/// Parses `args` against `desc` and `positional`, turning Boost errors into UsageError.
po::variables_map parse_options(std::string_view command, std::span<const std::string> args,
                                const po::options_description& desc,
                                const po::positional_options_description& positional);

/// Checks that `value` of `option` is one of `allowed`; throws UsageError naming both.
void check_choice(std::string_view command, std::string_view option, const std::string& value,
                  std::initializer_list<std::string_view> allowed);

/// The language of a command people use by hand: `lang` (its --lang) or else the environment's,
/// checked against the languages securebase speaks (UsageError naming the command) and made the
/// current one.
std::string choose_language(std::string_view command, std::string lang);

/// A document (answers, a result, a partial) from a file, or from standard input when `path`
/// is "-", refused past the JSON size limit (read_document, Error io_limit).
std::string read_input(const std::string& path, std::istream& in);

/// The exit-code table printed at the end of every --help.
std::string_view exit_code_help();

}  // namespace securebase::cli
