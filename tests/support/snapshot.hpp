// Test helper: compare output with a committed snapshot file, or rewrite it on request.
// Run the tests with SECUREBASE_UPDATE_SNAPSHOTS=1 to rewrite every snapshot that differs, then
// review the change with `git diff tests/data/snapshots` before committing it.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include "support/paths.hpp"

namespace securebase::test {

/// Checks `actual` against tests/data/snapshots/<name>, or writes it when updating.
inline void check_snapshot(const std::string& name, const std::string& actual) {
  const std::filesystem::path path =
      std::filesystem::path(SECUREBASE_TEST_DATA) / "snapshots" / name;
  const char* update = std::getenv("SECUREBASE_UPDATE_SNAPSHOTS");
  std::string expected;
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream buf;
      buf << in.rdbuf();
      expected = buf.str();
    }
  }
  if (update != nullptr && std::string(update) == "1") {
    if (expected != actual) {
      std::filesystem::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary) << actual;
      WARN("snapshot rewritten: " << path.string());
    }
    return;
  }
  INFO("snapshot " << path.string()
                   << " (run with SECUREBASE_UPDATE_SNAPSHOTS=1 to rewrite, then review the diff)");
  REQUIRE_FALSE(expected.empty());
  CHECK(actual == expected);
}

}  // namespace securebase::test
