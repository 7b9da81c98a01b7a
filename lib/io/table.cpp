#include "securebase/io/table.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>
#include <system_error>

#include "io/table_fields.hpp"
#include "io/text_decoder.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

namespace {

constexpr std::size_t block_bytes = std::size_t{1} << 20;

// States of the record-boundary scanner; split_record follows the same rules.
enum class Scan : unsigned char { field_start, unquoted, quoted, quote_in_quoted };

// Scans text[from, to), going on from `state` (Scan::field_start at a record start), so that a
// scan stopped at the end of a buffer resumes where it was after the buffer grows: each byte is
// scanned once. Returns the offset just past the last record end found (the first one when
// `first_only`), or npos when none; `state` and `open_quote` (offset of the quote that opened
// the current quoted field) describe where the scan stopped.
std::size_t scan_records(std::string_view text, std::size_t from, std::size_t to, char delimiter,
                         bool first_only, Scan& state, std::size_t& open_quote) {
  std::size_t last = std::string_view::npos;
  std::size_t i = from;
  while (i < to) {
    const char c = text[i];
    switch (state) {
      case Scan::field_start:
        if (c == '"') {
          state = Scan::quoted;
          open_quote = i;
        } else if (c == '\n') {
          last = i + 1;
          if (first_only) return last;
        } else if (c != delimiter) {
          state = Scan::unquoted;
        }
        break;
      case Scan::unquoted:
        // Only the delimiter and a line end change this state: skip to the first of them.
        if (c != delimiter && c != '\n') {
          i = find_either(text.data(), i, to, delimiter, '\n');
          if (i == to) return last;
        }
        state = Scan::field_start;
        if (text[i] == '\n') {
          last = i + 1;
          if (first_only) return last;
        }
        break;
      case Scan::quoted: {
        const void* q = std::memchr(text.data() + i, '"', to - i);
        if (q == nullptr) return last;
        i = static_cast<std::size_t>(static_cast<const char*>(q) - text.data());
        state = Scan::quote_in_quoted;
        break;
      }
      case Scan::quote_in_quoted:
        if (c == '"') {
          state = Scan::quoted;
        } else if (c == delimiter) {
          state = Scan::field_start;
        } else if (c == '\n') {
          state = Scan::field_start;
          last = i + 1;
          if (first_only) return last;
        } else {
          state = Scan::unquoted;
        }
        break;
    }
    ++i;
  }
  return last;
}

std::string reason(int err) { return std::generic_category().message(err); }

}  // namespace

char detect_delimiter(std::string_view header_line) noexcept {
  std::size_t comma = 0;
  std::size_t semicolon = 0;
  std::size_t tab = 0;
  bool quoted = false;
  for (const char c : header_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    comma += c == ',' ? 1U : 0U;
    semicolon += c == ';' ? 1U : 0U;
    tab += c == '\t' ? 1U : 0U;
  }
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

std::string delimiter_name(char delimiter) {
  switch (delimiter) {
    case ',':
      return "comma";
    case ';':
      return "semicolon";
    case '\t':
      return "tab";
    default:
      return std::string(1, delimiter);
  }
}

// A kernel, kept whole (112 lines): one pass over the record's bytes whose states (a blank
// line, a quote-free line, a quoted field with doubled quotes, the byte after a closing quote,
// the line end) share the record's counters; split apart they would pass those back and forth
// for every field.
SplitRecord split_record(std::string_view text, std::size_t pos, char delimiter,
                         std::vector<std::string_view>& fields, std::string& scratch,
                         std::size_t max_fields) {
  fields.clear();
  scratch.clear();
  SplitRecord r;
  // A field is kept while there is room, else only counted (memory stays bounded).
  const auto keep = [&](std::string_view field) {
    if (fields.size() < max_fields) {
      fields.push_back(field);
    } else {
      ++r.extra_fields;
    }
  };
  const std::size_t n = text.size();
  std::size_t i = pos;
  if (i >= n || text[i] == '\n' || (text[i] == '\r' && (i + 1 == n || text[i + 1] == '\n'))) {
    r.blank = true;
    if (i < n && text[i] == '\r') ++i;
    if (i < n) {
      ++i;
      r.newlines = 1;
    }
    r.next = i;
    return r;
  }
  // Fast path: a record with no quote splits at each delimiter up to its line end.
  {
    const char* base = text.data();
    const void* nl = std::memchr(base + i, '\n', n - i);
    const std::size_t line_end =
        nl == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(nl) - base);
    if (std::memchr(base + i, '"', line_end - i) == nullptr) {
      std::size_t end = line_end;
      if (end > i && base[end - 1] == '\r') --end;
      std::size_t start = i;
      for (std::size_t k = find_either(base, i, end, delimiter, delimiter); k < end;
           k = find_either(base, k + 1, end, delimiter, delimiter)) {
        keep(std::string_view(base + start, k - start));
        start = k + 1;
      }
      keep(std::string_view(base + start, end - start));
      r.next = nl == nullptr ? n : line_end + 1;
      r.newlines = nl == nullptr ? 0 : 1;
      return r;
    }
  }
  std::size_t field_number = 0;
  while (true) {
    ++field_number;
    if (i < n && text[i] == '"') {
      const std::size_t start = i + 1;
      std::size_t segment = start;
      std::size_t copied_from = std::string::npos;
      std::size_t q = start;
      while (true) {
        q = text.find('"', segment);
        if (q == std::string_view::npos) break;
        if (q + 1 < n && text[q + 1] == '"') {
          if (copied_from == std::string::npos) copied_from = scratch.size();
          scratch.append(text.substr(segment, q + 1 - segment));
          segment = q + 2;
          continue;
        }
        break;
      }
      const std::size_t content_end = q == std::string_view::npos ? n : q;
      r.newlines += count_newlines(text.data() + start, text.data() + content_end);
      if (copied_from != std::string::npos) {
        scratch.append(text.substr(segment, content_end - segment));
        keep(std::string_view(scratch).substr(copied_from));
      } else {
        keep(text.substr(start, content_end - start));
      }
      if (q == std::string_view::npos) {
        r.unterminated = true;
        r.next = n;
        return r;
      }
      i = q + 1;
      if (i < n && text[i] != delimiter && text[i] != '\n' &&
          !(text[i] == '\r' && (i + 1 == n || text[i + 1] == '\n'))) {
        if (r.bad_quote == 0) r.bad_quote = field_number;
        while (i < n && text[i] != delimiter && text[i] != '\n') ++i;
      }
    } else {
      const std::size_t start = i;
      i = find_either(text.data(), i, n, delimiter, '\n');
      std::size_t end = i;
      if (end > start && text[end - 1] == '\r' && (i == n || text[i] == '\n')) --end;
      keep(text.substr(start, end - start));
    }
    if (i >= n) {
      r.next = n;
      return r;
    }
    if (text[i] == delimiter) {
      ++i;
      continue;
    }
    if (text[i] == '\r') ++i;
    if (i < n) {
      ++r.newlines;
      ++i;
    }
    r.next = i;
    return r;
  }
}

TableReader::TableReader(const std::filesystem::path& path, char delimiter, const Limits& limits)
    : limits_(limits), name_(path.string()), delimiter_(delimiter) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorCode::io_read, name_, "is a directory, but must be a file");
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    const int err = errno;
    throw Error(ErrorCode::io_read, name_, "cannot be opened for reading (" + reason(err) + ")");
  }
  owns_fd_ = true;
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) {
    size_ = static_cast<std::uint64_t>(st.st_size);
  }
}

TableReader::TableReader(std::istream& in, std::string name, char delimiter, const Limits& limits)
    : limits_(limits), stream_(&in), name_(std::move(name)), delimiter_(delimiter) {}

TableReader::~TableReader() {
  if (owns_fd_) ::close(fd_);
}

bool TableReader::fill() {
  if (eof_) return false;
  if (pos_ > 0 && pos_ >= buf_.size() / 2) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buf_.size();
  buf_.resize(old + block_bytes);
  std::size_t got = 0;
  if (stream_ != nullptr) {
    stream_->read(buf_.data() + old, static_cast<std::streamsize>(block_bytes));
    got = static_cast<std::size_t>(stream_->gcount());
    if (stream_->bad()) {
      buf_.resize(old);
      throw Error(ErrorCode::io_read, name_, "could not be read to the end");
    }
  } else {
    while (true) {
      const ssize_t r = ::read(fd_, buf_.data() + old, block_bytes);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        const int err = errno;
        buf_.resize(old);
        throw Error(ErrorCode::io_read, name_,
                    "could not be read to the end (" + reason(err) + ")");
      }
      got = static_cast<std::size_t>(r);
      break;
    }
  }
  buf_.resize(old + got);
  if (decoder_) {
    const std::string raw = buf_.substr(old);
    buf_.resize(old);
    decoder_->convert(raw, buf_, got == 0);
  }
  if (cr_only_)
    std::replace(buf_.begin() + static_cast<std::ptrdiff_t>(old), buf_.end(), '\r', '\n');
  if (got == 0) eof_ = true;
  return got > 0;
}

void TableReader::start() {
  if (started_) return;
  started_ = true;
  check_not_binary();
  start_decoder();
  if (buf_.size() >= 3 && buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    pos_ = 3;
    consumed_ = 3;
    bom_ = true;
  }
  detect_cr_only();
  if (delimiter_ != 0) return;
  std::size_t from = pos_;
  while (true) {
    const std::size_t nl = buf_.find('\n', from);
    if (nl != std::string::npos || eof_ || buf_.size() - pos_ > limits_.max_record_bytes) break;
    from = buf_.size();
    const std::size_t rel = from - pos_;
    fill();
    from = pos_ + rel;
  }
  delimiter_ = detect_delimiter(std::string_view(buf_).substr(pos_));
}

void TableReader::detect_cr_only() {
  // The first line end outside quotes decides: a CR not followed by LF means classic Mac line
  // ends, and from then on every CR read is taken as LF (also inside quoted fields, where
  // such a file breaks lines the same way).
  bool quoted = false;
  std::size_t i = pos_;
  while (true) {
    for (; i < buf_.size(); ++i) {
      const char c = buf_[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '\n') return;
      if (c == '\r') break;
    }
    if (i + 1 < buf_.size() || (i < buf_.size() && eof_)) break;
    if (eof_ || buf_.size() - pos_ > limits_.max_record_bytes) return;
    const std::size_t rel = i - pos_;
    fill();
    i = pos_ + rel;
  }
  if (i + 1 < buf_.size() && buf_[i + 1] == '\n') return;
  cr_only_ = true;
  std::replace(buf_.begin() + static_cast<std::ptrdiff_t>(pos_), buf_.end(), '\r', '\n');
}

char TableReader::delimiter() {
  start();
  return delimiter_;
}

namespace {

// A byte count for messages: "64 MiB" when it is a whole number of MiB, else "N bytes".
std::string bytes_text(std::size_t n) {
  if (n >= (std::size_t{1} << 20) && n % (std::size_t{1} << 20) == 0)
    return std::to_string(n >> 20) + " MiB";
  return std::to_string(n) + " bytes";
}

}  // namespace

std::size_t TableReader::record_length(std::size_t from, std::size_t end) const {
  std::size_t length = end - from;  // without the line end
  if (length > 0 && buf_[from + length - 1] == '\n') --length;
  if (length > 0 && buf_[from + length - 1] == '\r') --length;
  return length;
}

void TableReader::check_record_lengths(std::size_t cut) const {
  std::uint64_t line = line_;
  for (std::size_t p = pos_; p < cut;) {
    Scan state = Scan::field_start;
    std::size_t open_quote = std::string::npos;
    const std::size_t e = scan_records(buf_, p, cut, delimiter_, true, state, open_quote);
    const std::size_t end = e == std::string::npos ? cut : e;
    if (record_length(p, end) > limits_.max_record_bytes) throw_too_long(line);
    line += static_cast<std::uint64_t>(count_newlines(buf_.data() + p, buf_.data() + end));
    p = end;
  }
}

void TableReader::throw_too_long(std::uint64_t line) const {
  throw Error(ErrorCode::table_syntax, name_ + ":" + std::to_string(line),
              "a record is longer than " + bytes_text(limits_.max_record_bytes) +
                  " (the max_record_bytes limit; see docs/limits.md); a quote that is never "
                  "closed is the usual cause");
}

void TableReader::throw_too_wide(std::uint64_t line, std::size_t fields) const {
  throw Error(ErrorCode::table_syntax, name_ + ":" + std::to_string(line),
              "a record has " + std::to_string(fields) + " fields, but may have at most " +
                  std::to_string(limits_.max_columns) +
                  " (the max_columns limit; see docs/limits.md)");
}

void TableReader::throw_unclosed(std::size_t open_quote) const {
  std::uint64_t line = line_;
  std::size_t line_start = pos_;
  for (std::size_t i = pos_; i < open_quote; ++i) {
    if (buf_[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const std::size_t column = open_quote - line_start + 1;
  throw Error(ErrorCode::table_syntax,
              name_ + ":" + std::to_string(line) + ":" + std::to_string(column),
              "a quoted field starts here but its closing quote is missing before the end of the "
              "file; close the quote, and write a quote inside a quoted field as two (\"\")");
}

bool TableReader::scan_record(std::size_t& rel) {
  // The scan resumes after each fill where it stopped (offsets are kept relative to pos_, which
  // fill() may move): each byte is scanned once, however long the record.
  const std::size_t from = rel;
  Scan state = Scan::field_start;
  std::size_t scanned = rel;                 // bytes from pos_ scanned so far
  std::size_t open_rel = std::string::npos;  // the open quote, from pos_
  while (true) {
    std::size_t open_quote = open_rel == std::string::npos ? open_rel : pos_ + open_rel;
    const std::size_t e =
        scan_records(buf_, pos_ + scanned, buf_.size(), delimiter_, true, state, open_quote);
    if (e != std::string::npos) {
      rel = e - pos_;
      return true;
    }
    open_rel = open_quote == std::string::npos ? open_quote : open_quote - pos_;
    scanned = buf_.size() - pos_;
    if (scanned - from > limits_.max_record_bytes) throw_too_long(line_);
    if (!fill()) {
      if (pos_ + from >= buf_.size()) return false;
      if (state == Scan::quoted) throw_unclosed(pos_ + open_rel);
      rel = buf_.size() - pos_;
      return true;
    }
  }
}

bool TableReader::ensure_records(std::size_t k, std::size_t& end) {
  start();
  std::size_t rel = 0;  // offset from pos_ of the end of the records scanned so far
  for (std::size_t j = 0; j <= k; ++j) {
    if (!scan_record(rel)) return false;
  }
  end = pos_ + rel;
  return true;
}

bool TableReader::next_record(std::vector<std::string>& fields) {
  std::vector<std::string_view> views;
  std::string scratch;
  while (true) {
    std::size_t end = 0;
    if (!ensure_records(0, end)) return false;
    scratch.reserve(end - pos_);
    const SplitRecord r = split_record(std::string_view(buf_).substr(0, end), pos_, delimiter_,
                                       views, scratch, limits_.max_columns);
    if (record_length(pos_, end) > limits_.max_record_bytes) throw_too_long(line_);
    if (r.extra_fields > 0) throw_too_wide(line_, views.size() + r.extra_fields);
    if (!decoder_) check_utf8(pos_, end);
    line_ += r.newlines;
    consumed_ += end - pos_;
    pos_ = end;
    if (r.blank) continue;
    fields.assign(views.begin(), views.end());
    return true;
  }
}

bool TableReader::peek_record(std::size_t k, std::vector<std::string>& fields) {
  start();
  std::vector<std::string_view> views;
  std::string scratch;
  std::size_t seen = 0;        // non-blank records passed
  std::size_t rel = 0;         // offset from pos_ of the next record's start (fill() may move pos_)
  std::uint64_t line = line_;  // the line the record starts on
  while (true) {
    const std::size_t from = rel;
    if (!scan_record(rel)) return false;
    const std::size_t end = pos_ + rel;
    scratch.reserve(rel - from);
    const SplitRecord r = split_record(std::string_view(buf_).substr(0, end), pos_ + from,
                                       delimiter_, views, scratch, limits_.max_columns);
    if (record_length(pos_ + from, end) > limits_.max_record_bytes) throw_too_long(line);
    line += r.newlines;
    if (r.blank) continue;
    if (seen == k) {
      fields.assign(views.begin(), views.end());
      return true;
    }
    ++seen;
  }
}

// A kernel, kept whole (69 lines): the scan for the last whole record resumes after each read
// of the file where it stopped, so its state (offsets, the quote state machine) lives across
// the loop; a record of any length is scanned once.
bool TableReader::next_chunk(TableChunk& chunk, std::size_t target) {
  start();
  chunk.text.clear();
  chunk.begin = 0;
  while (!eof_ && buf_.size() - pos_ < target) fill();
  // The scan resumes after each fill where it stopped (offsets relative to pos_, which fill()
  // may move), so a record of any length is scanned once, not once per block read.
  std::size_t scanned = 0;                   // bytes from pos_ scanned so far
  std::size_t cut_rel = std::string::npos;   // just past the last whole record, from pos_
  std::size_t open_rel = std::string::npos;  // the quote opening the current field, from pos_
  Scan state = Scan::field_start;
  bool quotes = false;  // a '"' was seen: the state machine decides record ends
  while (true) {
    if (pos_ == buf_.size()) return false;
    const std::size_t size = buf_.size() - pos_;
    if (!quotes) {
      const std::string_view fresh = std::string_view(buf_).substr(pos_ + scanned);
      if (fresh.find('"') == std::string_view::npos) {
        const std::size_t nl = fresh.rfind('\n');
        if (nl != std::string_view::npos) cut_rel = scanned + nl + 1;
        scanned = size;
      } else {
        // The first quote: scan with quote rules from the start of the unfinished record.
        quotes = true;
        scanned = cut_rel == std::string::npos ? 0 : cut_rel;
      }
    }
    if (quotes) {
      std::size_t open_quote = open_rel == std::string::npos ? open_rel : pos_ + open_rel;
      const std::size_t last =
          scan_records(buf_, pos_ + scanned, buf_.size(), delimiter_, false, state, open_quote);
      if (last != std::string::npos) cut_rel = last - pos_;
      open_rel = open_quote == std::string::npos ? open_quote : open_quote - pos_;
      scanned = size;
      // With whole records before it, an unclosed quote is reported on the next call.
      if (cut_rel == std::string::npos && eof_ && state == Scan::quoted) {
        throw_unclosed(pos_ + open_rel);
      }
    }
    // At the end, the tail after the last line end is a record without one: include it when
    // it is whole (not inside a quoted field).
    if (eof_ && cut_rel != std::string::npos && cut_rel < size && state != Scan::quoted) {
      cut_rel = size;
    }
    if (cut_rel == std::string::npos && eof_) cut_rel = size;
    if (cut_rel != std::string::npos) break;
    if (size > limits_.max_record_bytes) throw_too_long(line_);
    fill();
  }
  const std::size_t cut = pos_ + cut_rel;
  if (!decoder_) check_utf8(pos_, cut);
  // A limit below the chunk's size (only ever set on purpose: the default is far above a
  // chunk) is checked record by record; otherwise a record that reaches it is caught above.
  if (cut - pos_ > limits_.max_record_bytes) check_record_lengths(cut);
  // The chunk takes the buffer itself; only the partial record after the cut is copied back.
  chunk.first_line = line_;
  line_ += static_cast<std::uint64_t>(count_newlines(buf_.data() + pos_, buf_.data() + cut));
  consumed_ += cut - pos_;
  chunk.text.swap(buf_);
  buf_.assign(chunk.text, cut, std::string::npos);
  chunk.text.resize(cut);
  chunk.begin = pos_;
  chunk.quotes = quotes;
  pos_ = 0;
  if (chunk.text.back() != '\n') chunk.text.push_back('\n');
  return true;
}

}  // namespace securebase
