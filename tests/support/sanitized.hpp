// Test helper: whether this build runs under AddressSanitizer (the clang preset). Exhaustive
// bit-for-bit comparisons do not depend on it; under it they run on fewer rows, which still
// reach every code path for the sanitizer to watch, and the ci preset runs them whole.
#pragma once

namespace securebase::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool sanitized_build = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool sanitized_build = true;
#else
inline constexpr bool sanitized_build = false;
#endif
#else
inline constexpr bool sanitized_build = false;
#endif

}  // namespace securebase::test
