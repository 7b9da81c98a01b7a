// securebase CLI: results named by a file, a saved id, "latest", "previous" or a date prefix.
#include "result_ref.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <vector>

#include "options.hpp"
#include "securebase/core/error.hpp"
#include "store.hpp"

namespace securebase::cli {

namespace {

namespace fs = std::filesystem;

// The digits of an id's date and time ("20261207-052047-..." -> "20261207052047").
std::string stamp_digits(const std::string& id) {
  if (id.size() < 15 || id[8] != '-') return {};
  std::string d = id.substr(0, 8) + id.substr(9, 6);
  const bool digits = std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? d : std::string();
}

// A date-and-time prefix typed by a person, as digits ("2026-12-07 05:20" -> "202612070520");
// empty when it has anything but digits and the separators "-", ":", "T", " ".
std::string typed_digits(const std::string& arg) {
  std::string d;
  for (char c : arg) {
    if (c >= '0' && c <= '9') {
      d += c;
    } else if (c != '-' && c != ':' && c != 'T' && c != ' ') {
      return {};
    }
  }
  return d;
}

ResultRef from_saved(const SavedResult& r) {
  const std::string d = stamp_digits(r.id);
  std::string taken;
  if (!d.empty()) {
    taken = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) + " " + d.substr(8, 2) +
            ":" + d.substr(10, 2) + ":" + d.substr(12, 2) + " UTC";
  }
  return {r.path.string(), r.id, taken, d, true};
}

std::string not_found_hint(const std::vector<SavedResult>& saved) {
  if (saved.empty()) {
    return "; there are no saved results yet ('securebase take' saves one when you answer y)";
  }
  return "; 'securebase history' lists the saved ids (the latest is " + saved.back().id +
         "), and 'latest' and 'previous' name the newest two";
}

}  // namespace

ResultRef resolve_result(const std::string& command, const std::string& arg) {
  if (arg == "-") return {"-", "<stdin>", "", "", false};
  std::error_code ec;
  if (fs::is_regular_file(arg, ec) || arg.find('/') != std::string::npos) {
    return {arg, arg, "", "", false};  // a path: read (and its errors reported) as a file
  }
  const std::vector<SavedResult> saved = list_results(store_paths());
  if (arg == "latest" || arg == "previous") {
    const std::size_t need = arg == "latest" ? 1 : 2;
    if (saved.size() < need) {
      throw Error(ErrorCode::io_read, arg,
                  saved.empty() ? "there are no saved results yet, so there is no " + arg +
                                      " one ('securebase take' saves one when you answer y)"
                                : "there is only one saved result (" + saved.back().id +
                                      "), so there is no previous one");
    }
    return from_saved(saved[saved.size() - need]);
  }
  std::string id = arg;
  if (id.size() > 5 && id.ends_with(".json")) id.resize(id.size() - 5);
  std::vector<const SavedResult*> matches;
  for (const SavedResult& r : saved) {
    if (r.id == id) return from_saved(r);
  }
  const std::string digits = typed_digits(arg);
  for (const SavedResult& r : saved) {
    const std::string stamp = stamp_digits(r.id);
    const bool by_id = r.id.rfind(id, 0) == 0;
    const bool by_time = digits.size() >= 4 && !stamp.empty() && stamp.rfind(digits, 0) == 0;
    if (by_id || by_time) matches.push_back(&r);
  }
  if (matches.size() == 1) return from_saved(*matches.front());
  if (matches.size() > 1) {
    std::string list;
    for (const SavedResult* r : matches) list += "\n  " + r->id;
    throw UsageError(command, "'" + arg + "' matches " + std::to_string(matches.size()) +
                                  " saved results; give more of the id:" + list);
  }
  throw Error(ErrorCode::io_read, arg,
              "is neither a file nor a saved result" + not_found_hint(saved));
}

}  // namespace securebase::cli
