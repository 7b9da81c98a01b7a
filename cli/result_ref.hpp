// securebase CLI: what `report` and `compare` accept as a result: a file, "-", a saved result's
// id as `history` prints it, "latest", "previous", or the start of an id (a date, a time).
#pragma once

#include <string>

namespace securebase::cli {

/// A result argument resolved to something readable.
struct ResultRef {
  std::string path;    ///< the file to read, or "-" for standard input
  std::string label;   ///< how to name it to a person: the saved id, else the path as given
  std::string taken;   ///< "2026-12-07 05:20:47 UTC" for a saved result, else empty
  std::string stamp;   ///< "20261207052047" (sorts by time) for a saved result, else empty
  bool saved = false;  ///< a result in the private results folder
};

/// Resolves `arg` for `command` ("report", "compare"): "-"; an existing file; else, among the
/// saved results, an id, "latest", "previous" or the start of one id (digits of the date and
/// time, with or without "-", ":", "T" or a space: "2026-12-07", "20261207-0520"). Throws
/// UsageError when a start matches several ids (naming them), Error 601 when nothing matches.
ResultRef resolve_result(const std::string& command, const std::string& arg);

}  // namespace securebase::cli
