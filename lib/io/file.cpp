#include "securebase/io/file.hpp"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "securebase/error.hpp"

namespace securebase {

std::string read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorCode::io_read, path.string(), "is a directory, but must be a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw Error(ErrorCode::io_read, path.string(),
                "cannot be opened for reading (" + std::generic_category().message(err) + ")");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    throw Error(ErrorCode::io_read, path.string(), "could not be read to the end");
  }
  return std::move(buffer).str();
}

}  // namespace securebase
