// `securebase web -o FILE`: writes the offline questionnaire page (web/, docs/web.md), built
// with the WebAssembly module by scripts/build-wasm.sh and installed beside the instruments.
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string_view>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"

namespace securebase::cli {

namespace {

constexpr const char* usage_text =
    "Usage: securebase web -o questionnaire.html\n\n"
    "Writes the securebase questionnaire as one self-contained web page: open it in a browser\n"
    "(from the file itself, no server), or put it on any static host. It runs the same engine\n"
    "as this command, keeps the answers in the browser and sends nothing anywhere.\n\n";

// Recognises the page: the questionnaire writes its policy and its title this way.
bool is_questionnaire(std::string_view page) {
  return page.find("Content-Security-Policy") != std::string_view::npos &&
         page.find("securebase questionnaire") != std::string_view::npos;
}

// Where the page may be: $SECUREBASE_WEB_PAGE alone when set; else the installed copy, then
// this source tree's WebAssembly build (for a developer's build).
std::vector<std::filesystem::path> page_candidates() {
  std::vector<std::filesystem::path> out;
  if (const char* env = std::getenv("SECUREBASE_WEB_PAGE"); env != nullptr && *env != '\0') {
    out.emplace_back(env);
    return out;  // the one the person named, and no other
  }
#ifdef SECUREBASE_WEB_PAGE_INSTALLED
  out.emplace_back(SECUREBASE_WEB_PAGE_INSTALLED);
#endif
#ifdef SECUREBASE_WEB_PAGE_BUILT
  out.emplace_back(SECUREBASE_WEB_PAGE_BUILT);
#endif
  return out;
}

}  // namespace

int web_command(std::span<const std::string> args, std::istream& /*in*/, std::ostream& out,
                std::ostream& /*err*/) {
  po::options_description desc("Options");
  std::string output;
  desc.add_options()("help,h", "show this help")("output,o", po::value(&output),
                                                 "write the page to this file (required)");
  auto vm = parse_options("web", args, desc, {});
  if (vm.count("help")) {
    out << usage_text << desc << "\n";
    return exit_ok;
  }
  if (output.empty()) throw UsageError("web", "'-o FILE' is required: where to write the page");
  for (const auto& path : page_candidates()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    const std::string page = read_file(path);
    if (!is_questionnaire(page)) {
      throw Error(ErrorCode::io_read, path.string(),
                  "is not the securebase questionnaire page; point SECUREBASE_WEB_PAGE at the "
                  "securebase.html that scripts/build-wasm.sh writes");
    }
    write_file_atomic(output, page);
    return exit_ok;
  }
  std::string looked;
  for (const auto& path : page_candidates()) looked += (looked.empty() ? "" : ", ") + path.string();
  throw Error(ErrorCode::io_read, looked.empty() ? std::string("securebase web") : looked,
              "the questionnaire page is not built or installed here; build it with "
              "scripts/build-wasm.sh (it needs Debian's emscripten, which "
              "scripts/install-deps.sh installs), or set SECUREBASE_WEB_PAGE to a built "
              "securebase.html");
}

}  // namespace securebase::cli
