// Test helpers for securebase::Error: catch it, and check its code and full message.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "securebase/core/error.hpp"

namespace securebase::test {

/// The Error a call throws, or nullopt when it throws none (any other exception escapes).
template <typename F>
std::optional<Error> thrown(F&& f) {
  try {
    std::forward<F>(f)();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

/// Checks that `f` throws an Error with `code` and exactly the text `what` (all problems).
template <typename F>
void check_error(F&& f, ErrorCode code, const std::string& what) {
  const std::optional<Error> e = thrown(std::forward<F>(f));
  if (!e) {
    FAIL_CHECK("accepted, but should fail with: " << what);
    return;
  }
  CHECK(static_cast<int>(e->code()) == static_cast<int>(code));
  CHECK(std::string(e->what()) == what);
}

}  // namespace securebase::test
