// securebase CLI: where `take` keeps an unfinished session and saved results, privately.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/scoring.hpp"
#include "securebase/core/session.hpp"

namespace securebase::cli {

/// The two private folders of securebase, from the XDG base-directory variables.
struct StorePaths {
  std::filesystem::path state_dir;  ///< $XDG_STATE_HOME/securebase, else ~/.local/state/...
  std::filesystem::path
      results_dir;  ///< $XDG_DATA_HOME/securebase/results, else ~/.local/share/...
};

/// The folders from the environment (XDG_STATE_HOME, XDG_DATA_HOME, HOME; relative XDG values
/// are ignored, as the XDG specification asks). Throws 803 when neither XDG nor HOME is set.
StorePaths store_paths();

/// Creates `dir` (and missing parents) with mode 0700 for `dir` itself, and checks that no other
/// user can read or enter it. Throws 803 when it cannot be made or is group/world-accessible.
void ensure_private_dir(const std::filesystem::path& dir);

/// The unfinished-session file inside the state folder.
std::filesystem::path session_path(const StorePaths& paths);

/// Writes the session (0600, atomically: the old file or the new one, never a part).
void save_session(const StorePaths& paths, const Session& session);

/// The unfinished session, if there is one. Throws 801 when the file cannot be read back.
std::optional<Session> load_session(const StorePaths& paths);

/// Removes the unfinished session, if any.
void delete_session(const StorePaths& paths);

/// Moves an unreadable session file aside (to session.json.bad) so a fresh one can start; the
/// path it was moved to, or empty when there was none.
std::filesystem::path set_aside_session(const StorePaths& paths);

/// One saved result.
struct SavedResult {
  std::string id;                ///< file name without .json, "20261128-084012-securebase-core"
  std::string taken;             ///< "2026-11-28 08:40" (UTC), from the id
  std::filesystem::path path;    ///< the file
  std::optional<Scores> scores;  ///< the result; nullopt when the file cannot be read
  std::string problem;           ///< why it cannot be read, when it cannot
};

/// Saves a result document (`document`, in the result schema) as a new 0600 file named after
/// the time (UTC seconds since the epoch) and the instrument; returns its id.
std::string save_result(const StorePaths& paths, const std::string& instrument_id,
                        std::string_view document, long long unix_time);

/// Every saved result, oldest first (by id, which starts with the time).
std::vector<SavedResult> list_results(const StorePaths& paths);

/// Deletes one saved result by id; false when there is none with that id.
bool delete_result(const StorePaths& paths, const std::string& id);

/// "2026-11-28T08:40:12Z" for a time in seconds since the epoch.
std::string iso_utc(long long unix_time);

}  // namespace securebase::cli
