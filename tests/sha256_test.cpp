#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/sha256.hpp"

using securebase::detail::Sha256;
using securebase::detail::sha256_hex;

namespace {

constexpr std::string_view kMsg448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static_assert(kMsg448.size() * 8 == 448);

constexpr std::string_view kMsg896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopq"
    "rsmnopqrstnopqrstu";
static_assert(kMsg896.size() * 8 == 896);

std::string to_hex(const std::array<std::uint8_t, 32>& digest) {
  constexpr std::string_view kHexDigits = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : digest) {
    out.push_back(kHexDigits[byte >> 4]);
    out.push_back(kHexDigits[byte & 0x0fu]);
  }
  return out;
}

std::string hash_in_pieces(std::string_view data, std::size_t piece) {
  Sha256 hasher;
  while (!data.empty()) {
    const std::size_t n = data.size() < piece ? data.size() : piece;
    hasher.update(data.substr(0, n));
    data.remove_prefix(n);
  }
  return to_hex(hasher.finish());
}

}  // namespace

TEST_CASE("sha256 of the empty message", "[sha256]") {
  // source: NIST CSRC SHA-256 example values, 0-byte message (not in FIPS 180-2 appendix B)
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sha256 of \"abc\"", "[sha256]") {
  // source: FIPS 180-2 appendix B.1 (SHA-256 one-block message)
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256 of the 448-bit message", "[sha256]") {
  // source: FIPS 180-2 appendix B.2 (SHA-256 multi-block message)
  CHECK(sha256_hex(kMsg448) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 of the 896-bit message", "[sha256]") {
  // source: NIST CSRC SHA-256 example values, 896-bit message (message from FIPS 180-2 appendix
  // C.2/D.2, where it is used for SHA-512/384)
  CHECK(sha256_hex(kMsg896) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("sha256 of one million 'a'", "[sha256]") {
  // source: FIPS 180-2 appendix B.3 (SHA-256 long message)
  const std::string million_a(1000000, 'a');
  CHECK(sha256_hex(million_a) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 streaming in pieces matches one-shot digest", "[sha256]") {
  const std::string million_a(1000000, 'a');
  std::string pattern;
  for (int i = 0; i < 1000; ++i) pattern.push_back(static_cast<char>(i % 251));

  struct Case {
    std::string_view message;
    std::string_view expected;
  };
  const std::array<Case, 5> cases{{
      // source: FIPS 180-2 appendix B.1
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      // source: FIPS 180-2 appendix B.2
      {kMsg448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      // source: NIST CSRC SHA-256 example values, 896-bit message
      {kMsg896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      // source: FIPS 180-2 appendix B.3
      {million_a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
      // no published vector: checked only against the one-shot digest below
      {pattern, ""},
  }};

  const std::array<std::size_t, 6> piece_sizes{1, 55, 56, 63, 64, 65};
  for (const Case& c : cases) {
    const std::string one_shot = sha256_hex(c.message);
    if (!c.expected.empty()) CHECK(one_shot == c.expected);
    for (const std::size_t piece : piece_sizes) {
      INFO("message length " << c.message.size() << ", piece size " << piece);
      CHECK(hash_in_pieces(c.message, piece) == one_shot);
    }
  }
}

TEST_CASE("sha256 update with empty pieces is a no-op", "[sha256]") {
  Sha256 hasher;
  hasher.update("");
  hasher.update("a");
  hasher.update("");
  hasher.update("bc");
  hasher.update("");
  // source: FIPS 180-2 appendix B.1
  CHECK(to_hex(hasher.finish()) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
