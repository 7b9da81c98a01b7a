// securebase io: text in another encoding (Windows-1252, Latin-1, UTF-16, ...) converted to
// UTF-8 block by block through glibc's iconv, for the table reader (internal).
#pragma once

#include <string>
#include <string_view>

namespace securebase::detail {

/// Converts a stream of blocks from one encoding to UTF-8. Not copyable.
class TextDecoder {
 public:
  /// Throws Error 706 naming `source` (the file) when iconv does not know `encoding`.
  TextDecoder(const std::string& encoding, std::string source);
  TextDecoder(const TextDecoder&) = delete;
  TextDecoder& operator=(const TextDecoder&) = delete;
  ~TextDecoder();

  /// Appends `raw` converted to `out`. A sequence cut at the end of `raw` is held back for the
  /// next call; with `last`, such a sequence is an error. Throws Error 706 naming the byte
  /// offset of a byte the encoding does not have.
  void convert(std::string_view raw, std::string& out, bool last);

  /// The encoding's name, as given.
  [[nodiscard]] const std::string& encoding() const noexcept { return encoding_; }

 private:
  void* cd_ = nullptr;  // iconv_t
  std::string encoding_;
  std::string source_;
  std::string held_;             // bytes of a sequence cut at the end of the last block
  unsigned long long done_ = 0;  // raw bytes converted so far (for messages)
};

}  // namespace securebase::detail
