// "{name}" placeholders (issue 17): one filler for feedback phrases and the CLI's messages.
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "securebase/core/placeholders.hpp"

using securebase::fill_placeholders;
using securebase::UnfilledPlaceholder;

TEST_CASE("fill_placeholders fills every named placeholder in one pass", "[placeholders]") {
  // source: by hand
  CHECK(fill_placeholders("{a} and {b}, {a}", {{"a", "1"}, {"b", "2"}}) == "1 and 2, 1");
  // a value is not filled in turn (a path may hold braces)
  CHECK(fill_placeholders("saved to {path}", {{"path", "/t/{path}"}}) == "saved to /t/{path}");
  std::optional<UnfilledPlaceholder> unfilled;
  CHECK(fill_placeholders("{a}", {{"a", "x"}}, &unfilled) == "x");
  CHECK_FALSE(unfilled.has_value());
}

TEST_CASE("fill_placeholders keeps other braces as written and reports the first",
          "[placeholders]") {
  std::optional<UnfilledPlaceholder> unfilled;
  CHECK(fill_placeholders("{x} {a} {}", {{"a", "1"}}, &unfilled) == "{x} 1 {}");
  REQUIRE(unfilled.has_value());
  CHECK(unfilled->name == "x");
  CHECK_FALSE(unfilled->unclosed);

  std::optional<UnfilledPlaceholder> open;
  CHECK(fill_placeholders("{a} {b", {{"a", "1"}}, &open) == "1 {b");
  REQUIRE(open.has_value());
  CHECK(open->unclosed);

  std::optional<UnfilledPlaceholder> empty_name;
  CHECK(fill_placeholders("{}", {}, &empty_name) == "{}");
  REQUIRE(empty_name.has_value());
  CHECK(empty_name->name.empty());
  CHECK_FALSE(empty_name->unclosed);
}
