// securebase: what a table's bytes are: an SPSS, Stata or Excel file given as CSV (refused,
// saying what it is), the text encoding (UTF-8, UTF-16 by its byte order mark, or one given)
// and UTF-8 that is not well formed (refused, suggesting --encoding).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "core/utf8.hpp"
#include "io/table_fields.hpp"
#include "io/text_decoder.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/table.hpp"

namespace securebase {

void TableReader::check_not_binary() {
  while (buf_.size() < 16 && fill()) {
  }
  const std::string_view head = std::string_view(buf_).substr(0, 16);
  const auto starts = [&](std::string_view sig) { return head.substr(0, sig.size()) == sig; };
  std::string what;
  std::string ending;
  if (starts("$FL2") || starts("$FL3")) {
    what = "an SPSS data file";
    ending = ".sav";
  } else if (starts("<stata_dta>") ||
             (head.size() >= 4 && head[0] >= 104 && head[0] <= 115 &&
              (head[1] == 1 || head[1] == 2) && head[2] == 1 && head[3] == 0)) {
    what = "a Stata data file";
    ending = ".dta";
  } else if (starts("PK\x03\x04") || starts("\xD0\xCF\x11\xE0")) {
    throw Error(ErrorCode::table_format, name_,
                "is an Excel workbook (or another zip or Office file), not a CSV or TSV table; "
                "save the sheet as CSV (UTF-8) and give that file");
  }
  if (what.empty()) return;
  throw Error(ErrorCode::table_format, name_,
              "is " + what + ", not a CSV or TSV table; give it as a file whose name ends in " +
                  ending + " (standard input is read as CSV or TSV only)");
}

void TableReader::start_decoder() {
  std::string encoding = encoding_;
  const bool utf16_bom = buf_.size() >= 2 && (buf_.compare(0, 2, "\xFF\xFE") == 0 ||
                                              buf_.compare(0, 2, "\xFE\xFF") == 0);
  if (encoding.empty() && utf16_bom) encoding = "UTF-16";  // iconv reads the byte order mark
  if (encoding.empty()) return;
  decoder_ = std::make_unique<detail::TextDecoder>(encoding, name_);
  const std::string raw = std::move(buf_);
  buf_.clear();
  decoder_->convert(raw, buf_, eof_);
}

std::string TableReader::encoding() const {
  if (decoder_) return decoder_->encoding();
  return "UTF-8";
}

void TableReader::check_utf8(std::size_t from, std::size_t to) const {
  // ASCII, the usual case, is passed over a word at a time.
  std::size_t i = from;
  while (i + 8 <= to) {
    std::uint64_t word = 0;
    std::memcpy(&word, buf_.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
    i += 8;
  }
  const std::string_view rest = std::string_view(buf_).substr(i, to - i);
  const std::size_t bad = detail::first_invalid_utf8(rest);
  if (bad == std::string_view::npos) return;
  const std::size_t at = i + bad;
  const std::uint64_t line =
      line_ + static_cast<std::uint64_t>(count_newlines(buf_.data() + from, buf_.data() + at));
  std::size_t line_start = at;
  while (line_start > from && line_start + 24 > at && buf_[line_start - 1] != '\n') --line_start;
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X",
                static_cast<unsigned>(static_cast<unsigned char>(buf_[at])));
  throw Error(
      ErrorCode::table_format, name_ + ":" + std::to_string(line),
      "is not UTF-8: byte " + std::string(byte) + " in '" +
          detail::printable(std::string_view(buf_).substr(line_start, at - line_start + 12), 40) +
          "' is not part of a UTF-8 character; give the file's encoding, e.g. --encoding "
          "windows-1252 (Excel and Windows in Western Europe) or --encoding latin1");
}

}  // namespace securebase
