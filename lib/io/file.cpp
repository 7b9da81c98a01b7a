#include "securebase/io/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <fstream>
#include <istream>
#include <sstream>
#include <system_error>
#include <vector>

#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

namespace {

std::string reason(int err) { return std::generic_category().message(err); }

// `path` opened for reading, or Error 601 saying why not (a directory, missing, no permission).
std::ifstream open_for_reading(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorCode::io_read, path.string(), "is a directory, but must be a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw Error(ErrorCode::io_read, path.string(),
                "cannot be opened for reading (" + reason(err) + ")");
  }
  return in;
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in = open_for_reading(path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    throw Error(ErrorCode::io_read, path.string(), "could not be read to the end");
  }
  return std::move(buffer).str();
}

std::string read_at_most(std::istream& in, std::size_t max_bytes) {
  std::string text;
  std::array<char, 65536> block{};
  while (in && text.size() <= max_bytes) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    text.append(block.data(), static_cast<std::size_t>(in.gcount()));
  }
  return text;
}

std::string read_document(std::istream& in, const std::string& name, std::size_t max_bytes,
                          ErrorCode too_large) {
  std::string text = read_at_most(in, max_bytes);
  if (text.size() > max_bytes) {
    throw Error(too_large, name, detail::too_large_message(max_bytes, true, max_bytes));
  }
  if (in.bad()) throw Error(ErrorCode::io_read, name, "could not be read to the end");
  return text;
}

std::string read_document(const std::filesystem::path& path, std::size_t max_bytes,
                          ErrorCode too_large) {
  std::ifstream in = open_for_reading(path);
  std::error_code ec;
  // A regular file's size is known: refuse it before reading a byte.
  if (std::filesystem::is_regular_file(path, ec)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes) {
      throw Error(too_large, path.string(),
                  detail::too_large_message(static_cast<std::size_t>(size), false, max_bytes));
    }
  }
  return read_document(in, path.string(), max_bytes, too_large);
}

bool is_stream_path(const std::filesystem::path& path) {
  const std::string p = path.lexically_normal().string();
  return p == "/dev/stdout" || p == "/dev/stderr" || p.rfind("/dev/fd/", 0) == 0 ||
         p.rfind("/proc/self/fd/", 0) == 0;
}

AtomicFile::AtomicFile(std::filesystem::path target, FileMode mode) : target_(std::move(target)) {
  std::error_code ec;
  if (std::filesystem::is_directory(target_, ec)) {
    throw Error(ErrorCode::io_write, target_.string(), "is a directory, but must be a file");
  }
  // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to directly: renaming a
  // temporary over it would replace the device with a plain file.
  struct stat st {};
  if (is_stream_path(target_) || (::stat(target_.c_str(), &st) == 0 && !S_ISREG(st.st_mode))) {
    file_ = std::fopen(target_.c_str(), "wb");
    if (file_ == nullptr) {
      const int err = errno;
      throw Error(ErrorCode::io_write, target_.string(),
                  "cannot be opened for writing (" + reason(err) + ")");
    }
    return;
  }
  std::string pattern = target_.string() + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    const int err = errno;
    throw Error(
        ErrorCode::io_write, target_.string(),
        "cannot be written: no temporary file could be created beside it (" + reason(err) + ")");
  }
  temp_ = std::filesystem::path(name.data());
  if (mode == FileMode::shared) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, static_cast<mode_t>(0666 & ~mask));
  } else {
    ::fchmod(fd, 0600);
  }
  file_ = ::fdopen(fd, "wb");
  if (file_ == nullptr) {
    const int err = errno;
    ::close(fd);
    std::filesystem::remove(temp_, ec);
    throw Error(ErrorCode::io_write, target_.string(), "cannot be written (" + reason(err) + ")");
  }
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!temp_.empty()) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void AtomicFile::write(std::string_view bytes) {
  if (file_ == nullptr) {
    throw Error(ErrorCode::io_write, target_.string(), "was already completed");
  }
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    const int err = errno;
    throw Error(ErrorCode::io_write, target_.string(),
                "could not be written (" + reason(err) + ")");
  }
}

void AtomicFile::commit() {
  if (file_ == nullptr) {
    throw Error(ErrorCode::io_write, target_.string(), "was already completed");
  }
  std::FILE* f = file_;
  file_ = nullptr;
  // fsync is for a regular file (a device or pipe, written directly, has no temporary).
  const bool flushed = std::fflush(f) == 0 && (temp_.empty() || ::fsync(::fileno(f)) == 0);
  const int flush_err = errno;
  const bool closed = std::fclose(f) == 0;
  if (!flushed || !closed) {
    throw Error(ErrorCode::io_write, target_.string(),
                "could not be written to the end (" + reason(flush_err) + ")");
  }
  if (temp_.empty()) return;  // written directly to a device or pipe
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    throw Error(ErrorCode::io_write, target_.string(),
                "could not be put in place (" + reason(err) + ")");
  }
  temp_.clear();
}

void write_file_atomic(const std::filesystem::path& target, std::string_view bytes, FileMode mode) {
  AtomicFile file(target, mode);
  file.write(bytes);
  file.commit();
}

}  // namespace securebase
