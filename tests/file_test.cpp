// Tests of securebase/io/file.hpp: reading whole files, and the errors a user can cause.
#include <catch2/catch.hpp>
#include <filesystem>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

using securebase::ErrorCode;

namespace {
const std::string data_dir = SECUREBASE_TEST_DATA;
}

TEST_CASE("read_file returns a file's exact bytes", "[io]") {
  // source: examples/answers/ecr-r-example.txt begins with this comment line
  const std::string text = securebase::read_file(std::string(SECUREBASE_SOURCE_DIR) +
                                                 "/examples/answers/ecr-r-example.txt");
  CHECK(text.rfind("# Example answers for the ECR-R (Fraley order)", 0) == 0);
  CHECK(text.back() == '\n');
}

TEST_CASE("read_file: a missing file and a directory are error 601", "[io]") {
  const std::string missing = data_dir + "/no-such-file.txt";
  securebase::test::check_error([&] { (void)securebase::read_file(missing); }, ErrorCode::io_read,
                                "[securebase.io.601] " + missing +
                                    ": cannot be opened for reading (No such file or directory)");
  securebase::test::check_error(
      [&] { (void)securebase::read_file(data_dir); }, ErrorCode::io_read,
      "[securebase.io.601] " + data_dir + ": is a directory, but must be a file");
}

namespace {

// A fresh empty directory under the build's temporary area, removed at scope end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("securebase-file-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::size_t entries(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("write_file_atomic writes the exact bytes and leaves no temporary", "[io]") {
  const TempDir dir;
  const auto target = dir.path / "out.txt";
  securebase::write_file_atomic(target, "first\n");
  securebase::write_file_atomic(target, "second\n");
  CHECK(securebase::read_file(target) == "second\n");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("write_file_atomic with private_to_owner makes a 0600 file", "[io]") {
  const TempDir dir;
  const auto target = dir.path / "secret.json";
  securebase::write_file_atomic(target, "{}", securebase::FileMode::private_to_owner);
  const auto perms = std::filesystem::status(target).permissions();
  CHECK(perms == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
}

TEST_CASE("AtomicFile: abandoned before commit, neither target nor temporary remains", "[io]") {
  const TempDir dir;
  const auto target = dir.path / "half.csv";
  {
    securebase::AtomicFile file(target);
    file.write("id,score\n");
    CHECK(std::filesystem::exists(file.temporary()));
  }
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK(entries(dir.path) == 0);
}

TEST_CASE("AtomicFile: an old target stays whole until commit", "[io]") {
  const TempDir dir;
  const auto target = dir.path / "result.csv";
  securebase::write_file_atomic(target, "old\n");
  securebase::AtomicFile file(target);
  file.write("new\n");
  CHECK(securebase::read_file(target) == "old\n");
  file.commit();
  CHECK(securebase::read_file(target) == "new\n");
  CHECK(file.temporary().empty());
}

TEST_CASE("AtomicFile: a missing directory and a directory target are error 602", "[io]") {
  const TempDir dir;
  const auto missing = dir.path / "no-such-dir" / "out.csv";
  securebase::test::check_error(
      [&] { securebase::AtomicFile file(missing); }, ErrorCode::io_write,
      "[securebase.io.602] " + missing.string() +
          ": cannot be written: no temporary file could be created beside it (No such file or "
          "directory)");
  securebase::test::check_error(
      [&] { securebase::AtomicFile file(dir.path); }, ErrorCode::io_write,
      "[securebase.io.602] " + dir.path.string() + ": is a directory, but must be a file");
}

TEST_CASE("AtomicFile: a device or a pipe is written to directly, never replaced", "[io]") {
  // A temporary renamed over /dev/null (as root) would turn the device into a plain file and
  // break every later program that opens it (glibc's daemon() among them).
  securebase::write_file_atomic("/dev/null", "thrown away\n");
  CHECK(std::filesystem::is_character_file("/dev/null"));
  for (const auto& entry : std::filesystem::directory_iterator("/dev")) {
    CHECK(entry.path().filename().string().rfind("null.tmp-", 0) != 0);  // no temporary left
  }

  const TempDir dir;
  const auto fifo = dir.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = securebase::read_file(fifo); });
  securebase::write_file_atomic(fifo, "through the pipe\n");
  reader.join();
  CHECK(received == "through the pipe\n");
  CHECK(std::filesystem::is_fifo(fifo));
  CHECK(entries(dir.path) == 1);  // no temporary beside it
}

TEST_CASE("read_at_most reads a stream to its end, or stops once past the limit", "[io]") {
  std::istringstream small("0123456789");
  CHECK(securebase::read_at_most(small, 10) == "0123456789");  // exactly the limit: all of it
  // source: 200,000 bytes against a limit of 4 stop after the first 64 KiB block
  std::istringstream big(std::string(200'000, 'x'));
  const std::string part = securebase::read_at_most(big, 4);
  CHECK(part.size() == 65536);
  CHECK(part.size() > 4);
}

TEST_CASE("read_document refuses a document past its limit, by size or once read past it", "[io]") {
  using securebase::ErrorCode;
  const TempDir dir;
  securebase::write_file_atomic(dir.path / "d.json", "0123456789");
  CHECK(securebase::read_document(dir.path / "d.json", 10, ErrorCode::io_limit) == "0123456789");
  try {
    (void)securebase::read_document(dir.path / "d.json", 9, ErrorCode::result_syntax);
    FAIL("a 10-byte file passed a 9-byte limit");
  } catch (const securebase::Error& e) {
    CHECK(e.code() == ErrorCode::result_syntax);  // the caller's code
    // source: the size is known before reading, so the message gives it exactly
    CHECK_THAT(e.what(), Catch::Contains("is 10 bytes, but may be at most 9 bytes"));
  }
  std::istringstream big(std::string(70'000, 'x'));
  try {
    (void)securebase::read_document(big, "<stdin>", 4, ErrorCode::io_limit);
    FAIL("a 70,000-byte stream passed a 4-byte limit");
  } catch (const securebase::Error& e) {
    CHECK(e.code() == ErrorCode::io_limit);
    CHECK_THAT(e.what(), Catch::Contains("<stdin>: is more than 4 bytes"));
  }
  try {
    (void)securebase::read_document(dir.path, 100, ErrorCode::io_limit);
    FAIL("a directory was read");
  } catch (const securebase::Error& e) {
    CHECK(e.code() == ErrorCode::io_read);
  }
}
