// securebase io: text in another encoding converted to UTF-8 through glibc's iconv.
#include "io/text_decoder.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdio>

#include "securebase/core/error.hpp"

namespace securebase::detail {

TextDecoder::TextDecoder(const std::string& encoding, std::string source)
    : encoding_(encoding), source_(std::move(source)) {
  const iconv_t cd = ::iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw Error(ErrorCode::table_format, source_,
                "cannot be read as '" + encoding +
                    "': that is not an encoding this system knows; 'iconv -l' lists them (e.g. "
                    "windows-1252, latin1, utf-16le, utf-16be)");
  }
  cd_ = cd;
}

TextDecoder::~TextDecoder() { ::iconv_close(static_cast<iconv_t>(cd_)); }

void TextDecoder::convert(std::string_view raw, std::string& out, bool last) {
  std::string input = std::move(held_);
  held_.clear();
  input.append(raw);
  const std::size_t start = out.size();
  out.resize(start + input.size() * 4 + 16);  // UTF-8 needs at most 4 bytes per input byte
  char* in_ptr = input.data();
  std::size_t in_left = input.size();
  char* out_ptr = out.data() + start;
  std::size_t out_left = out.size() - start;
  const auto cd = static_cast<iconv_t>(cd_);
  const std::size_t r = ::iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  const int err = errno;
  const auto consumed = static_cast<std::size_t>(in_ptr - input.data());
  out.resize(static_cast<std::size_t>(out_ptr - out.data()));
  if (r == static_cast<std::size_t>(-1) && err == EINVAL && !last) {
    held_.assign(in_ptr, in_left);  // a sequence cut at the block's end: completed next time
  } else if (r == static_cast<std::size_t>(-1)) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X",
                  in_left > 0 ? static_cast<unsigned>(static_cast<unsigned char>(*in_ptr)) : 0U);
    throw Error(ErrorCode::table_format, source_,
                "cannot be read as '" + encoding_ + "': " +
                    (err == EINVAL ? std::string("it ends inside a character")
                                   : "byte " + std::to_string(done_ + consumed) + " (" + byte +
                                         ") is not a character of that encoding") +
                    "; give the file's own encoding with --encoding");
  }
  done_ += consumed;
}

}  // namespace securebase::detail
