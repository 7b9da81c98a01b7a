// Tests of securebase/io/file.hpp: reading whole files, and the errors a user can cause.
#include <catch2/catch.hpp>
#include <string>

#include "securebase/error.hpp"
#include "securebase/io/file.hpp"
#include "support/errors.hpp"

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
