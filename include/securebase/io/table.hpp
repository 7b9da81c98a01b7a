// securebase: streaming CSV/TSV tables (RFC 4180) read in large blocks of whole records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "securebase/io/limits.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

namespace detail {
class TextDecoder;
}  // namespace detail

/// The most frequent of ',', ';' and tab outside quotes in a header line (',' when none).
char detect_delimiter(std::string_view header_line) noexcept;

/// "comma", "semicolon", "tab" or the character itself: a delimiter as a word for messages.
std::string delimiter_name(char delimiter);

/// A block of whole records cut from a table, with where it starts.
struct TableChunk {
  std::string text;              ///< complete records from `begin`; the last one ends with '\n'
  std::size_t begin = 0;         ///< offset in `text` of the first record
  std::uint64_t first_line = 1;  ///< 1-based input line of the first record
  bool quotes = true;            ///< false when the records hold no '"' at all
};

/// Streams a CSV/TSV file or stream: a UTF-8 byte order mark is dropped, lines ending in CR
/// alone are read as if they ended in LF, the delimiter is
/// detected from the header line unless set, and records are handed out one by one (header,
/// leading rows) or in chunks of whole records (data). Memory is bounded by the chunk size and
/// the longest record. Not copyable; one thread at a time.
class TableReader {
 public:
  /// Opens a file for reading. Throws Error 601 when it cannot be opened. `limits` sets the
  /// longest record and the most header columns (max_record_bytes, max_columns).
  explicit TableReader(const std::filesystem::path& path, char delimiter = 0,
                       const Limits& limits = {});
  /// Reads from a stream (e.g. standard input); `name` names it in errors ("<stdin>").
  TableReader(std::istream& in, std::string name, char delimiter = 0, const Limits& limits = {});
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;
  ~TableReader();

  /// Reads the input as `encoding` (an iconv name: "windows-1252", "latin1", "utf-16le", ...),
  /// converted to UTF-8. Call before reading. Without it, input with a UTF-16 byte order mark
  /// is read as UTF-16, and other input must be UTF-8 (else Error 706 suggests --encoding).
  void set_encoding(std::string encoding) { encoding_ = std::move(encoding); }
  /// The encoding the input is read from: "UTF-8", the one set, or "UTF-16" (byte order mark).
  [[nodiscard]] std::string encoding() const;

  /// Next record as fields (blank lines skipped); false at the end. Throws 706 when the input
  /// is an SPSS, Stata or Excel file (by its first bytes), 701 on a quote
  /// never closed, or a record of more than max_columns fields.
  bool next_record(std::vector<std::string>& fields);
  /// The `k`-th record ahead (0 = next) without consuming it; false when there are fewer. At
  /// most max_columns fields of it are kept (it is a data row: a wider one is not an error).
  bool peek_record(std::size_t k, std::vector<std::string>& fields);
  /// Whole records of about `target` bytes (at least one record); false at the end. Throws 701
  /// on a quote never closed, or a record longer than max_record_bytes.
  bool next_chunk(TableChunk& chunk, std::size_t target = std::size_t{1} << 20);

  /// The field delimiter in use (detected from the first line unless given).
  [[nodiscard]] char delimiter();
  /// 1-based input line of the next record.
  [[nodiscard]] std::uint64_t line() const noexcept { return line_; }
  /// Bytes consumed so far (for progress).
  [[nodiscard]] std::uint64_t bytes_consumed() const noexcept { return consumed_; }
  /// The file's size, when reading a regular file.
  [[nodiscard]] std::optional<std::uint64_t> size() const noexcept { return size_; }
  /// The name used in errors: the path, or the name given for a stream.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// True when the input began with a UTF-8 byte order mark.
  [[nodiscard]] bool had_bom() const noexcept { return bom_; }
  /// True when the input's lines end in CR alone (classic Mac OS); each CR is read as LF.
  [[nodiscard]] bool cr_line_ends() const noexcept { return cr_only_; }

  /// The limits in force (the record length and header columns).
  [[nodiscard]] const Limits& limits() const noexcept { return limits_; }

 private:
  bool fill();
  void start();
  void detect_cr_only();
  void check_not_binary();
  void start_decoder();
  void check_utf8(std::size_t from, std::size_t to) const;
  bool scan_record(std::size_t& rel);
  bool ensure_records(std::size_t k, std::size_t& end);
  [[noreturn]] void throw_unclosed(std::size_t open_quote) const;
  std::size_t record_length(std::size_t from, std::size_t end) const;
  void check_record_lengths(std::size_t cut) const;
  [[noreturn]] void throw_too_long(std::uint64_t line) const;
  [[noreturn]] void throw_too_wide(std::uint64_t line, std::size_t fields) const;

  Limits limits_;
  int fd_ = -1;
  bool owns_fd_ = false;
  std::istream* stream_ = nullptr;
  std::string name_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool started_ = false;
  bool bom_ = false;
  bool cr_only_ = false;
  std::string encoding_;
  std::unique_ptr<detail::TextDecoder> decoder_;
  char delimiter_ = 0;
  std::uint64_t line_ = 1;
  std::uint64_t consumed_ = 0;
  std::optional<std::uint64_t> size_;
};

}  // namespace securebase

SECUREBASE_API_END
