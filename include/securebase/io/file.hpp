// securebase: reading whole files, and writing files that appear whole or not at all.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The bytes of a file. Throws Error 601 naming the path and the reason (missing, a
/// directory, no permission).
std::string read_file(const std::filesystem::path& path);

/// A stream's bytes, read in 64 KiB blocks until its end or until more than `max_bytes` are
/// held: a result longer than `max_bytes` means the stream holds more (the caller refuses it),
/// and the rest is left unread, so an endless input cannot fill the memory.
std::string read_at_most(std::istream& in, std::size_t max_bytes);

/// File permission bits for new files: owner-only (0600) or the umask default (0666 & ~umask).
enum class FileMode { private_to_owner, shared };

/// A file written to a temporary beside its target and renamed over it by commit(): readers see
/// the old file or the whole new one, never a part. Destroyed without commit(), it removes the
/// temporary. A target that exists and is not a regular file (a device such as /dev/null, a
/// pipe) is written to directly, never replaced. Errors are Error 602 naming the target.
class AtomicFile {
 public:
  /// Creates the temporary "<target>.tmp-XXXXXX" in the target's directory.
  explicit AtomicFile(std::filesystem::path target, FileMode mode = FileMode::shared);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  /// Appends bytes to the temporary.
  void write(std::string_view bytes);
  /// Flushes, fsyncs and renames the temporary over the target.
  void commit();
  /// The final path.
  [[nodiscard]] const std::filesystem::path& target() const noexcept { return target_; }
  /// The temporary's path (empty after commit, and for a device or pipe written directly).
  [[nodiscard]] const std::filesystem::path& temporary() const noexcept { return temp_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::FILE* file_ = nullptr;
};

/// Writes `bytes` to `target` atomically (see AtomicFile).
void write_file_atomic(const std::filesystem::path& target, std::string_view bytes,
                       FileMode mode = FileMode::shared);

}  // namespace securebase

SECUREBASE_API_END
