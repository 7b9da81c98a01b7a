#include "options.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <iterator>
#include <sstream>

#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/limits.hpp"

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

namespace {

[[noreturn]] void too_large(const std::string& where, const std::string& size) {
  const std::size_t limit = securebase::default_max_json_bytes;
  throw securebase::Error(securebase::ErrorCode::io_limit, where,
                          "is " + size + " bytes, larger than the limit of " +
                              std::to_string(limit) + " bytes (" + std::to_string(limit >> 20) +
                              " MiB); check that you passed the right file");
}

}  // namespace

std::string read_file_capped(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<std::uintmax_t>(st.st_size) > securebase::default_max_json_bytes) {
    too_large(path.string(), std::to_string(st.st_size));
  }
  return securebase::read_file(path);
}

std::string read_input(const std::string& path, std::istream& in) {
  if (path == "-") {
    const std::size_t limit = securebase::default_max_json_bytes;
    std::string text = securebase::read_at_most(in, limit);
    if (text.size() > limit) too_large("<stdin>", "more than " + std::to_string(limit));
    return text;
  }
  return read_file_capped(path);
}

std::string_view exit_code_help() {
  return "Exit codes:\n"
         "  0  success\n"
         "  1  usage error (unknown option, missing argument)\n"
         "  2  invalid or unreadable input (instrument, answers, file)\n"
         "  3  internal error (a bug: please report it)\n";
}

}  // namespace securebase::cli
