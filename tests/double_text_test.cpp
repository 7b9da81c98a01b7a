// Tests of the library's own double <-> text conversions (lib/core/double_text.hpp), used where
// the standard library has no to_chars/from_chars for double (WebAssembly). The reference for
// every expected byte is the standard library's std::to_chars / std::from_chars of the native
// build (libstdc++): the two must agree exactly, on over 300,000 values.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/double_text.hpp"
#include "core/splitmix64.hpp"
#include "support/double_samples.hpp"

using securebase::detail::parse_double_portable;
using securebase::detail::shortest_double_room;
using securebase::detail::write_fixed_portable;
using securebase::detail::write_shortest_portable;

namespace {

std::uint64_t bits_of(double v) {
  std::uint64_t b = 0;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

using securebase::test::double_samples;

std::string std_text(double v) {
  char buf[64];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

std::string own_text(double v) {
  char buf[shortest_double_room];
  return std::string(buf, write_shortest_portable(buf, v));
}

}  // namespace

TEST_CASE("double_text: shortest text is std::to_chars' on over 300,000 values") {
  const std::vector<double> values = double_samples();
  REQUIRE(values.size() >= 300000);
  std::size_t differ = 0;
  for (const double v : values) {
    const std::string want = std_text(v);
    const std::string got = own_text(v);
    if (got != want && ++differ <= 10) {
      UNSCOPED_INFO(want << " written as " << got << " (bits " << bits_of(v) << ")");
    }
  }
  CHECK(differ == 0);
}

TEST_CASE("double_text: every shortest text reads back as the same bits, as std::from_chars") {
  const std::vector<double> values = double_samples();
  std::size_t differ = 0;
  for (const double v : values) {
    const std::string text = std_text(v);
    double own = 0;
    double ref = 0;
    const auto r1 = parse_double_portable(text.data(), text.data() + text.size(), own);
    const auto r2 = std::from_chars(text.data(), text.data() + text.size(), ref);
    const bool same = r1.ptr == r2.ptr && r1.ec == r2.ec && bits_of(own) == bits_of(ref) &&
                      bits_of(own) == bits_of(v);
    if (!same && ++differ <= 10) UNSCOPED_INFO(text << " read differently");
  }
  CHECK(differ == 0);
}

TEST_CASE("double_text: special values are written as std::to_chars writes them") {
  // source: libstdc++'s std::to_chars, printed by the native build
  CHECK(own_text(0.0) == "0");
  CHECK(own_text(-0.0) == "-0");
  CHECK(own_text(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(own_text(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(own_text(std::numeric_limits<double>::quiet_NaN()) == std_text(std::nan("")));
  CHECK(own_text(1e22) == "1e+22");
  CHECK(own_text(0.0001) == "1e-04");
  CHECK(own_text(1152921504606846976.0) == "1152921504606846976");  // 2^60, exact in fixed
  CHECK(own_text(5e-324) == "5e-324");
  CHECK(own_text(1.0 / 3) == "0.3333333333333333");
}

TEST_CASE("double_text: odd and hostile texts are read exactly as std::from_chars reads them") {
  const std::vector<std::string> texts = {
      "",
      "-",
      "+1",
      " 1",
      "1 ",
      "1e",
      "1e+",
      "1e-",
      "1E5",
      "1.",
      ".5",
      ".",
      "-.",
      "5.e3",
      "00012",
      "0x10",
      "inf",
      "-Infinity",
      "INFINITE",
      "nan",
      "-nan",
      "NaN(abc_1)",
      "nan(",
      "nan(a b)",
      "1e-400",
      "4e-324",
      "2e-324",
      "2.4703282292062328e-324",
      "2.4703282292062327e-324",
      "1e-310",
      "1e309",
      "1.7976931348623157e308",
      "1.7976931348623159e308",
      "-0",
      "-0.000",
      "0e999999999999",
      "1e99999999999999999999",
      "1e-99999999999999999999",
      "0.000000e-99999",
      "1,5",
      "1.5.5",
      "12abc",
      "--1",
      "-+1",
      "e5",
      "NA",
      "3.0000000000000000001",
      "9007199254740993",
      "0.1000000000000000055511151231257827021181583404541015625",
      std::string(900, '9'),
      "0." + std::string(400, '0') + "1e400",
      "1" + std::string(850, '0') + "e-850",
      "4.9406564584124654e-324"};
  for (const std::string& t : texts) {
    INFO("text: \"" << t.substr(0, 60) << "\"");
    double own = 42;
    double ref = 42;
    const auto r1 = parse_double_portable(t.data(), t.data() + t.size(), own);
    const auto r2 = std::from_chars(t.data(), t.data() + t.size(), ref);
    CHECK(r1.ptr - t.data() == r2.ptr - t.data());
    CHECK(r1.ec == r2.ec);
    if (std::isnan(ref)) {
      CHECK(std::isnan(own));
      CHECK(std::signbit(own) == std::signbit(ref));
    } else {
      CHECK(bits_of(own) == bits_of(ref));
    }
  }
}

TEST_CASE("double_text: fixed decimals are std::to_chars' fixed form") {
  std::uint64_t state = 7;
  std::size_t differ = 0;
  for (int i = 0; i < 20000; ++i) {
    const double v = (static_cast<double>(securebase::detail::splitmix64_next(state) >> 11) /
                          9007199254740992.0 -
                      0.5) *
                     std::pow(10.0, i % 12);
    for (int decimals = 0; decimals <= 4; ++decimals) {
      char a[400];
      char b[400];
      const std::string got(a, write_fixed_portable(a, v, decimals));
      const std::string want(
          b, std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, decimals).ptr);
      if (got != want && ++differ <= 10) UNSCOPED_INFO(want << " written as " << got);
    }
  }
  for (const double v : {0.125, 0.375, 2.5, 1e300, -1e-300, 0.0, -0.0}) {  // exact ties, extremes
    char a[400];
    char b[400];
    CHECK(std::string(a, write_fixed_portable(a, v, 2)) ==
          std::string(b, std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 2).ptr));
  }
  CHECK(differ == 0);
}
