#include "options.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <iterator>
#include <sstream>

#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/limits.hpp"
#include "take_words.hpp"

namespace securebase::cli {

po::variables_map parse_options(std::string_view command, std::span<const std::string> args,
                                const po::options_description& desc,
                                const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    std::vector<std::string> list(args.begin(), args.end());
    po::store(po::command_line_parser(list).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(command), e.what());
  }
  return vm;
}

void check_choice(std::string_view command, std::string_view option, const std::string& value,
                  std::initializer_list<std::string_view> allowed) {
  std::string list;
  for (std::string_view a : allowed) {
    if (a == value) return;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  throw UsageError(std::string(command), "option '--" + std::string(option) + "' is '" + value +
                                             "', but must be one of: " + list);
}

std::string choose_language(std::string_view command, std::string lang) {
  if (lang.empty()) lang = words::language_from_environment();
  check_choice(command, "lang", lang, {"en", "es"});
  words::set_language(lang);
  return lang;
}

std::string read_input(const std::string& path, std::istream& in) {
  if (path == "-") {
    return read_document(in, "<stdin>", default_max_json_bytes, ErrorCode::io_limit);
  }
  return read_document(path, default_max_json_bytes, ErrorCode::io_limit);
}

std::string_view exit_code_help() {
  return "Exit codes:\n"
         "  0  success\n"
         "  1  usage error (unknown option, missing argument)\n"
         "  2  invalid or unreadable input (instrument, answers, file)\n"
         "  3  internal error (a bug: please report it)\n";
}

}  // namespace securebase::cli
