#include "store.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <system_error>
#include <vector>

#include "options.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/limits.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/io/session_json.hpp"

namespace securebase::cli {

namespace fs = std::filesystem;

namespace {

// An XDG variable's value when it is set to an absolute path.
std::optional<fs::path> absolute_env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  fs::path p(v);
  if (!p.is_absolute()) return std::nullopt;
  return p;
}

fs::path base_dir(const char* xdg, const char* fallback) {
  if (auto p = absolute_env(xdg)) return *p;
  if (auto home = absolute_env("HOME")) return *home / fallback;
  throw Error(ErrorCode::session_state, xdg,
              std::string("neither ") + xdg +
                  " nor HOME is set to an absolute path, so securebase has nowhere private to keep "
                  "your answers; set HOME (or " +
                  xdg + ") and run again");
}

std::string octal_mode(mode_t m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(m & 07777));
  return buf;
}

}  // namespace

StorePaths store_paths() {
  StorePaths p;
  p.state_dir = base_dir("XDG_STATE_HOME", ".local/state") / "securebase";
  p.results_dir = base_dir("XDG_DATA_HOME", ".local/share") / "securebase" / "results";
  return p;
}

void ensure_private_dir(const fs::path& dir) {
  // Every folder we create on the way (the XDG base folder too, when missing) is made 0700,
  // whatever the umask. Folders that already exist keep their mode.
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    if (fs::exists(p, ec)) break;
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0) {
      const int e = errno;
      if (e == EEXIST) continue;
      throw Error(ErrorCode::session_state, it->string(),
                  "cannot be created (" + std::generic_category().message(e) +
                      "); check that you can write to its parent folder, or point "
                      "XDG_STATE_HOME / XDG_DATA_HOME elsewhere");
    }
    if (::chmod(it->c_str(), 0700) != 0) {
      const int e = errno;
      throw Error(ErrorCode::session_state, it->string(),
                  "cannot be made private (" + std::generic_category().message(e) +
                      "); run 'chmod 700 " + it->string() + "' and try again");
    }
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw Error(ErrorCode::session_state, dir.string(),
                "is not a folder; move whatever is there out of the way and run again");
  }
  if ((st.st_mode & 077) != 0) {
    throw Error(ErrorCode::session_state, dir.string(),
                "can be read by other users (mode " + octal_mode(st.st_mode) +
                    "), but must be private to you; run 'chmod 700 " + dir.string() +
                    "' and try again");
  }
}

fs::path session_path(const StorePaths& paths) { return paths.state_dir / "session.json"; }

void save_session(const StorePaths& paths, const Session& session) {
  ensure_private_dir(paths.state_dir);
  write_file_atomic(session_path(paths), to_session_json(session), FileMode::private_to_owner);
}

std::optional<Session> load_session(const StorePaths& paths) {
  const fs::path file = session_path(paths);
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  ensure_private_dir(paths.state_dir);
  return parse_session_json(read_document(file, default_max_json_bytes, ErrorCode::io_limit),
                            file.string());
}

void delete_session(const StorePaths& paths) {
  std::error_code ec;
  fs::remove(session_path(paths), ec);
}

fs::path set_aside_session(const StorePaths& paths) {
  const fs::path file = session_path(paths);
  std::error_code ec;
  if (!fs::exists(file, ec)) return {};
  fs::path bad = file;
  bad += ".bad";
  fs::rename(file, bad, ec);
  if (ec) {
    throw Error(ErrorCode::session_state, file.string(),
                "cannot be moved aside (" + ec.message() + "); move or delete it yourself");
  }
  return bad;
}

std::string iso_utc(long long unix_time) {
  const auto t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string save_result(const StorePaths& paths, const std::string& instrument_id,
                        std::string_view document, long long unix_time) {
  ensure_private_dir(paths.results_dir.parent_path());
  ensure_private_dir(paths.results_dir);
  const auto t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  const std::string base = std::string(stamp) + "-" + instrument_id;
  std::string id = base;
  std::error_code ec;
  for (int n = 2; fs::exists(paths.results_dir / (id + ".json"), ec); ++n) {
    id = base + "-" + std::to_string(n);
  }
  write_file_atomic(paths.results_dir / (id + ".json"), document, FileMode::private_to_owner);
  return id;
}

std::vector<SavedResult> list_results(const StorePaths& paths) {
  std::vector<SavedResult> out;
  std::error_code ec;
  if (!fs::is_directory(paths.results_dir, ec)) return out;
  ensure_private_dir(paths.results_dir);
  for (const auto& entry : fs::directory_iterator(paths.results_dir, ec)) {
    const fs::path& p = entry.path();
    if (p.extension() != ".json" || !entry.is_regular_file(ec)) continue;
    SavedResult r;
    r.id = p.stem().string();
    r.path = p;
    // "20261128-084012-..." -> "2026-11-28 08:40"
    const std::string& s = r.id;
    const bool stamped =
        s.size() >= 15 && s[8] == '-' &&
        std::all_of(s.begin(), s.begin() + 8, [](char c) { return c >= '0' && c <= '9'; });
    r.taken = stamped ? s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) + " " +
                            s.substr(9, 2) + ":" + s.substr(11, 2)
                      : "?";
    try {
      r.scores = parse_result_json(read_document(p, default_max_json_bytes, ErrorCode::io_limit),
                                   p.string());
    } catch (const Error& e) {
      r.problem = e.what();
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(),
            [](const SavedResult& a, const SavedResult& b) { return a.id < b.id; });
  return out;
}

bool delete_result(const StorePaths& paths, const std::string& id) {
  if (id.empty() || id.find('/') != std::string::npos || id.find("..") != std::string::npos) {
    return false;
  }
  std::error_code ec;
  return fs::remove(paths.results_dir / (id + ".json"), ec);
}

}  // namespace securebase::cli
