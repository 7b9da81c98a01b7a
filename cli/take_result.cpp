// securebase CLI: saving the result of `take` and writing its report, with a way out when the
// chosen place cannot be written.
#include "take_result.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <ostream>

#include "securebase/core/error.hpp"
#include "securebase/core/placeholders.hpp"
#include "securebase/io/file.hpp"
#include "take_words.hpp"

namespace securebase::cli {

namespace {

namespace fs = std::filesystem;

int width_of(const Console& c) { return std::min(c.width, 100) - 2; }

// "2026-12-07" in local time, for default file names.
std::string today() {
  char date[16];
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
  return date;
}

// Asks for a file name (default `def`) and writes `content` there, never replacing a file
// unasked: declining a replacement offers the next free name. Returns the path written, or ""
// when the person gave up (end of input).
std::string write_somewhere(Console& c, std::string def, const std::string& content) {
  std::ostream& out = *c.out;
  for (;;) {
    const auto path = ask_line(c, words::html_path_question, def);
    if (!path) return {};
    std::error_code ec;
    if (fs::exists(*path, ec)) {
      const auto replace =
          ask_yes_no(c, fill_placeholders(words::html_replace_question, {{"path", *path}}), false);
      if (!replace) return {};
      if (!*replace) {
        def = free_name(*path);
        out << wrap_hanging(fill_placeholders(words::not_replaced, {{"path", def}}), width_of(c))
            << "\n";
        continue;
      }
    }
    try {
      write_file_atomic(*path, content, FileMode::private_to_owner);
      return *path;
    } catch (const Error& e) {
      out << wrap_hanging(
                 fill_placeholders(words::cannot_write,
                                   {{"path", *path}, {"reason", words::error_sentence(e)}}),
                 width_of(c))
          << "\n";
      const char* home = std::getenv("HOME");
      def =
          free_name((fs::path(home != nullptr ? home : ".") / fs::path(*path).filename()).string());
    }
  }
}

}  // namespace

std::string free_name(const std::string& path) {
  const fs::path p(path);
  const std::string stem = p.stem().string();
  const std::string ext = p.extension().string();
  std::error_code ec;
  for (int n = 2;; ++n) {
    std::string name = stem;
    name += "-";
    name += std::to_string(n);
    name += ext;
    const fs::path candidate = p.parent_path() / name;
    if (!fs::exists(candidate, ec)) return candidate.string();
  }
}

bool offer_save(Console& c, const StorePaths& paths, const std::string& instrument_id,
                const std::string& document, long long unix_time) {
  std::ostream& out = *c.out;
  const auto save = ask_yes_no(c, words::save_question, false);
  if (!save || !*save) return true;
  try {
    const std::string id = save_result(paths, instrument_id, document, unix_time);
    out << wrap_hanging(fill_placeholders(words::saved, {{"id", id}}), width_of(c)) << "\n";
    return true;
  } catch (const Error& e) {
    out << wrap_hanging(
               fill_placeholders(words::save_failed, {{"dir", paths.results_dir.string()},
                                                      {"reason", words::error_sentence(e)}}),
               width_of(c))
        << "\n";
  }
  const auto elsewhere = ask_yes_no(c, words::save_elsewhere_question, true);
  if (elsewhere && *elsewhere) {
    const std::string path =
        write_somewhere(c, "./securebase-result-" + today() + ".json", document);
    if (!path.empty()) {
      out << wrap_hanging(fill_placeholders(words::saved_to, {{"path", path}}), width_of(c))
          << "\n";
      return true;
    }
  }
  out << wrap_hanging(words::session_kept, width_of(c)) << "\n";
  return false;
}

void offer_report(Console& c, const std::string& html) {
  const auto want = ask_yes_no(c, words::html_question, false);
  if (!want || !*want) return;
  const std::string path = write_somewhere(c, "./securebase-report-" + today() + ".html", html);
  if (!path.empty()) {
    *c.out << wrap_hanging(fill_placeholders(words::html_written, {{"path", path}}), width_of(c))
           << "\n";
  }
}

}  // namespace securebase::cli
