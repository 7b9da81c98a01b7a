// securebase: reading whole files, and writing files that appear whole or not at all.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "securebase/core/error.hpp"
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

/// The bytes of a document (JSON, answers) at `path`, refused past `max_bytes` with Error
/// `too_large` naming the path and the limit: a regular file before a byte is read, anything
/// else (a pipe, a device) once read_at_most has read past the limit. Error 601 when the path is
/// a directory or cannot be read. The one size-capped reader for every document.
std::string read_document(const std::filesystem::path& path, std::size_t max_bytes,
                          ErrorCode too_large);

/// The same for a stream already open (standard input), called `name` in errors.
std::string read_document(std::istream& in, const std::string& name, std::size_t max_bytes,
                          ErrorCode too_large);

/// File permission bits for new files: owner-only (0600) or the umask default (0666 & ~umask).
enum class FileMode { private_to_owner, shared };

/// A file written to a temporary beside its target and renamed over it by commit(): readers see
/// the old file or the whole new one, never a part. Destroyed without commit(), it removes the
/// temporary. A target that exists and is not a regular file (a device such as /dev/null, a
/// pipe) is written to directly, never replaced; so are the standard streams by name
/// (is_stream_path), whatever they lead to. Errors are Error 602 naming the target.
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

/// True for the names of standard streams and open descriptors (/dev/stdout, /dev/stderr,
/// /dev/fd/N, /proc/self/fd/N): written to, never replaced, even when they lead to a file.
[[nodiscard]] bool is_stream_path(const std::filesystem::path& path);

/// Writes `bytes` to `target` atomically (see AtomicFile).
void write_file_atomic(const std::filesystem::path& target, std::string_view bytes,
                       FileMode mode = FileMode::shared);

}  // namespace securebase

SECUREBASE_API_END
