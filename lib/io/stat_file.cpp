#include "securebase/io/stat_file.hpp"

#include "io/stat_dates.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>

#include <cmath>
#include <cstdio>
#include <exception>
#include <map>
#include <string_view>
#include <system_error>
#include <utility>
#include "core/double_text.hpp"

#include "securebase/core/error.hpp"

#ifdef SECUREBASE_HAVE_READSTAT
#include <readstat.h>
#endif

namespace securebase {

namespace {

enum class StatFormat { sav, por, dta, unknown };

StatFormat format_of(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".sav" || ext == ".zsav") return StatFormat::sav;
  if (ext == ".por") return StatFormat::por;
  if (ext == ".dta") return StatFormat::dta;
  return StatFormat::unknown;
}

std::string_view format_name(StatFormat format) {
  switch (format) {
    case StatFormat::sav:
      return "an SPSS data file (.sav)";
    case StatFormat::por:
      return "an SPSS portable file (.por)";
    case StatFormat::dta:
      return "a Stata data file (.dta)";
    case StatFormat::unknown:
      break;
  }
  return "an SPSS or Stata file";
}

// The checks every reader makes before parsing: a known ending, and a file that opens (601).
StatFormat check_readable(const std::filesystem::path& path) {
  const StatFormat format = format_of(path);
  if (format == StatFormat::unknown) {
    throw Error(ErrorCode::table_format, path.string(),
                "is not named like an SPSS or Stata file: rename it to end in .sav, .zsav, .por "
                "or .dta if it is one, or give a CSV or TSV file");
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorCode::io_read, path.string(), "is a directory, but must be a file");
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    throw Error(ErrorCode::io_read, path.string(),
                "cannot be opened for reading (" + std::generic_category().message(err) + ")");
  }
  std::fclose(f);
  return format;
}

#ifdef SECUREBASE_HAVE_READSTAT

// The first bytes of a file, and (for Stata 13 and later) whether its closing tag is there.
struct Ends {
  std::string head;         // up to 16 bytes
  bool closed_xml = false;  // ends with "</stata_dta>" (trailing whitespace allowed)
};

Ends read_ends(const std::filesystem::path& path) {
  Ends ends;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return ends;
  char buffer[64];
  const std::size_t n = std::fread(buffer, 1, 16, f);
  ends.head.assign(buffer, n);
  if (std::fseek(f, -static_cast<long>(sizeof buffer), SEEK_END) != 0) std::fseek(f, 0, SEEK_SET);
  const std::size_t tail_size = std::fread(buffer, 1, sizeof buffer, f);
  std::string tail(buffer, tail_size);
  std::fclose(f);
  while (!tail.empty() && std::isspace(static_cast<unsigned char>(tail.back()))) tail.pop_back();
  const std::string_view close_tag = "</stata_dta>";
  ends.closed_xml = tail.size() >= close_tag.size() &&
                    tail.compare(tail.size() - close_tag.size(), close_tag.size(), close_tag) == 0;
  return ends;
}

// Clear words for the common mistakes (an empty file, another format under a .sav or .dta
// name, a Stata file cut short) before ReadStat's more general ones.
void check_signature(const std::filesystem::path& path, StatFormat format) {
  const Ends ends = read_ends(path);
  const std::string what = "cannot be read as " + std::string(format_name(format)) + ": ";
  if (ends.head.empty()) throw Error(ErrorCode::table_format, path.string(), what + "it is empty");
  bool recognised = true;
  if (format == StatFormat::sav) {
    recognised = ends.head.rfind("$FL2", 0) == 0 || ends.head.rfind("$FL3", 0) == 0;
  } else if (format == StatFormat::dta) {
    const auto version = static_cast<unsigned char>(ends.head.front());
    const bool xml = ends.head.rfind("<stata_dta>", 0) == 0;
    // Before Stata 13: a version byte (102-115), then the byte order (1 or 2).
    const bool binary = version >= 102 && version <= 115 && ends.head.size() >= 2 &&
                        (ends.head[1] == 1 || ends.head[1] == 2);
    recognised = xml || binary;
    if (xml && !ends.closed_xml) {
      throw Error(ErrorCode::table_format, path.string(),
                  what +
                      "it ends early (a complete file ends with </stata_dta>), so it is probably "
                      "truncated. Copy or save the file again");
    }
  }
  if (!recognised) {
    throw Error(ErrorCode::table_format, path.string(),
                what +
                    "it does not begin like one, so it is probably another kind of file (such "
                    "as a CSV) with the wrong name ending. Give it the ending of its real "
                    "format, or save it again from SPSS, PSPP or Stata");
  }
}

#endif

}  // namespace

bool is_stat_file_path(const std::filesystem::path& path) {
  return format_of(path) != StatFormat::unknown;
}

#ifdef SECUREBASE_HAVE_READSTAT

namespace {

// Shortest round-trip text of a number into `out` (no locale, no allocation once warm).
template <typename T>
void put_number(std::string& out, T value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.assign(buffer, ec == std::errc() ? end : buffer);
}

// Doubles go through the library's one shortest-text rule (core/double_text.hpp); floats, which
// only SPSS and Stata files hold, keep std::to_chars (this file is built only with ReadStat).
template <>
void put_number<double>(std::string& out, double value) {
  char buffer[detail::shortest_double_room];
  out.assign(buffer, detail::write_shortest(buffer, value));
}

// A number with no fractional part, within the range where doubles hold every integer, as an
// integer (faster than the general form, same text); anything else in shortest round-trip form.
template <typename T>
void put_real(std::string& out, T value) {
  if (value > T(-1e15) && value < T(1e15)) {
    const auto whole = static_cast<long long>(value);
    if (static_cast<T>(whole) == value) {
      put_number(out, whole);
      return;
    }
  }
  put_number(out, value);
}

// A present value as text: strings as stored, numbers in their stored precision.
void put_value(std::string& out, readstat_value_t value) {
  switch (readstat_value_type(value)) {
    case READSTAT_TYPE_STRING:
    case READSTAT_TYPE_STRING_REF: {
      const char* s = readstat_string_value(value);
      out.assign(s == nullptr ? "" : s);
      return;
    }
    case READSTAT_TYPE_INT8:
      put_number(out, static_cast<int>(readstat_int8_value(value)));
      return;
    case READSTAT_TYPE_INT16:
      put_number(out, static_cast<int>(readstat_int16_value(value)));
      return;
    case READSTAT_TYPE_INT32:
      put_number(out, readstat_int32_value(value));
      return;
    case READSTAT_TYPE_FLOAT:
      put_real(out, readstat_float_value(value));
      return;
    case READSTAT_TYPE_DOUBLE:
      put_real(out, readstat_double_value(value));
      return;
  }
  out.clear();
}

// What on_value needs of a variable, looked up once when the variable is announced: whether it
// is numeric, and its user-defined missing ranges (a single code is a range lo == hi).
struct VariableInfo {
  bool numeric = true;
  detail::DateKind date = detail::DateKind::none;  // from the display format
  std::vector<std::pair<double, double>> missing;
  [[nodiscard]] bool is_missing_code(double x) const {
    for (const auto& [lo, hi] : missing) {
      if (x >= lo && x <= hi) return true;
    }
    return false;
  }
};

using RowCallback = std::function<void(std::span<const std::string>)>;
using CodedRowCallback =
    std::function<void(std::span<const std::string>, std::span<const unsigned char>)>;

// Everything the C callbacks share; exceptions are parked here and rethrown after parsing.
struct Context {
  const RowCallback* on_header = nullptr;
  const CodedRowCallback* on_row = nullptr;
  std::vector<unsigned char> user_missing;  // per field of the current case
  std::vector<std::string> names;
  std::vector<std::string> label_set_of;  // per variable, "" when it has no value labels
  std::vector<VariableInfo> info;         // per variable
  std::vector<StatVariable> described;    // per variable: label, type, format (columns)
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> label_sets;
  std::vector<std::string> fields;
  long row = -1;  // the case whose fields are being filled, -1 before the first
  bool header_sent = false;
  StatFormat format = StatFormat::unknown;
  std::string encoding;    // the text encoding to read with, when given (else the file's own)
  bool old_stata = false;  // a Stata file before format 113: "." stored as a number (2^333)
  std::exception_ptr failure;
  std::string detail;  // the last message ReadStat reported through its error handler
};

// Stata formats before 113 (Stata 4 to 7) store the missing value "." of a double as 2^333
// and of a float as 2^127, which ReadStat hands over as numbers.
bool is_old_stata_dot(double x) noexcept {
  return x == std::ldexp(1.0, 333) || x == std::ldexp(1.0, 127);
}

int on_metadata(readstat_metadata_t* metadata, void* raw) {
  auto& ctx = *static_cast<Context*>(raw);
  ctx.old_stata = ctx.format == StatFormat::dta && readstat_get_file_format_version(metadata) < 113;
  return READSTAT_HANDLER_OK;
}

void send_header(Context& ctx) {
  if (ctx.header_sent) return;
  ctx.header_sent = true;
  ctx.fields.assign(ctx.names.size(), std::string());
  ctx.user_missing.assign(ctx.names.size(), 0);
  if (ctx.on_header != nullptr) (*ctx.on_header)(std::span<const std::string>(ctx.names));
}

void send_row(Context& ctx) {
  if (ctx.row >= 0 && ctx.on_row != nullptr) {
    (*ctx.on_row)(std::span<const std::string>(ctx.fields),
                  std::span<const unsigned char>(ctx.user_missing));
  }
  for (std::string& field : ctx.fields) field.clear();
  ctx.user_missing.assign(ctx.fields.size(), 0);
}

template <typename F>
int guarded(void* raw, F&& body) {
  auto& ctx = *static_cast<Context*>(raw);
  try {
    body(ctx);
    return READSTAT_HANDLER_OK;
  } catch (...) {
    ctx.failure = std::current_exception();
    return READSTAT_HANDLER_ABORT;
  }
}

// What `securebase columns` shows of a variable: its label, type, display format and user-missing
// values ("-99", "90 to 99"; value labels are added after parsing).
void describe_variable(readstat_variable_t* variable, StatVariable& d) {
  const char* label = readstat_variable_get_label(variable);
  d.label = label == nullptr ? "" : label;
  const char* format = readstat_variable_get_format(variable);
  d.format = format == nullptr ? "" : format;
  const bool numeric = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_NUMERIC;
  d.type = numeric ? "numeric" : "string";
  d.missing.clear();
  const int n = readstat_variable_get_missing_ranges_count(variable);
  for (int i = 0; i < n; ++i) {
    std::string lo;
    std::string hi;
    put_value(lo, readstat_variable_get_missing_range_lo(variable, i));
    put_value(hi, readstat_variable_get_missing_range_hi(variable, i));
    d.missing.push_back(lo == hi ? lo : lo + " to " + hi);
  }
}

int on_variable(int index, readstat_variable_t* variable, const char* val_labels, void* raw) {
  return guarded(raw, [&](Context& ctx) {
    const auto at = static_cast<std::size_t>(index);
    if (ctx.names.size() <= at) {
      ctx.names.resize(at + 1);
      ctx.label_set_of.resize(at + 1);
      ctx.info.resize(at + 1);
    }
    const char* name = readstat_variable_get_name(variable);
    ctx.names[at] = name == nullptr ? "" : name;
    ctx.label_set_of[at] = val_labels == nullptr ? "" : val_labels;
    if (ctx.described.size() <= at) ctx.described.resize(at + 1);
    describe_variable(variable, ctx.described[at]);
    VariableInfo& info = ctx.info[at];
    info.numeric = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_NUMERIC;
    const char* format = readstat_variable_get_format(variable);
    info.date =
        info.numeric && format != nullptr ? detail::date_kind(format) : detail::DateKind::none;
    info.missing.clear();
    if (info.numeric) {
      const int n = readstat_variable_get_missing_ranges_count(variable);
      for (int i = 0; i < n; ++i) {
        info.missing.emplace_back(
            readstat_double_value(readstat_variable_get_missing_range_lo(variable, i)),
            readstat_double_value(readstat_variable_get_missing_range_hi(variable, i)));
      }
    }
  });
}

int on_value(int obs_index, readstat_variable_t* variable, readstat_value_t value, void* raw) {
  return guarded(raw, [&](Context& ctx) {
    send_header(ctx);
    if (obs_index != ctx.row) {
      send_row(ctx);
      ctx.row = obs_index;
    }
    const auto at = static_cast<std::size_t>(readstat_variable_get_index(variable));
    if (at >= ctx.fields.size()) return;
    std::string& field = ctx.fields[at];
    const VariableInfo& info = ctx.info[at];
    field.clear();
    // System-missing: empty. User-missing (a Stata .a to .z, an SPSS code or range): its code,
    // flagged. Anything else: the value (a date as ISO 8601).
    if (readstat_value_is_tagged_missing(value) != 0) {
      field = std::string{'.', readstat_value_tag(value)};
      ctx.user_missing[at] = 1;
      return;
    }
    if (readstat_value_is_system_missing(value) != 0) return;
    if (info.numeric) {
      const double x = readstat_double_value(value);  // converts from the stored type
      if (std::isnan(x) || (ctx.old_stata && is_old_stata_dot(x))) return;
      ctx.user_missing[at] = info.is_missing_code(x) ? 1 : 0;
      if (ctx.user_missing[at] == 0 && detail::put_date(field, x, info.date)) return;
    } else {
      ctx.user_missing[at] = readstat_value_is_defined_missing(value, variable) != 0 ? 1 : 0;
    }
    put_value(field, value);
  });
}

// A labelled value as text: like a field, or ".a" for a tagged missing value ("." untagged).
std::string label_key(readstat_value_t value) {
  if (readstat_value_is_tagged_missing(value) != 0) {
    return std::string{'.', readstat_value_tag(value)};
  }
  if (readstat_value_is_system_missing(value) != 0) return std::string(1, '.');
  std::string key;
  put_value(key, value);
  return key;
}

int on_value_label(const char* val_labels, readstat_value_t value, const char* label, void* raw) {
  return guarded(raw, [&](Context& ctx) {
    ctx.label_sets[val_labels == nullptr ? "" : val_labels].emplace_back(
        label_key(value), label == nullptr ? "" : label);
  });
}

void on_error(const char* message, void* raw) {
  auto& ctx = *static_cast<Context*>(raw);
  try {
    // ReadStat may quote bytes of the damaged file: keep printable ASCII, and a sentence's length.
    ctx.detail.clear();
    for (const char* c = message; c != nullptr && *c != '\0' && ctx.detail.size() < 160; ++c) {
      const auto byte = static_cast<unsigned char>(*c);
      ctx.detail.push_back(byte >= 0x20 && byte < 0x7f ? *c : '?');
    }
    while (!ctx.detail.empty() && (ctx.detail.back() == '?' || ctx.detail.back() == ' ')) {
      ctx.detail.pop_back();
    }
  } catch (...) {
    // Only the extra detail of a message is lost; the error code still reports the failure.
  }
}

// What went wrong, in words a user can act on, with ReadStat's own wording in brackets.
std::string describe(readstat_error_t error) {
  switch (error) {
    case READSTAT_ERROR_READ:
    case READSTAT_ERROR_SEEK:
    case READSTAT_ERROR_ROW_COUNT_MISMATCH:
    case READSTAT_ERROR_COLUMN_COUNT_MISMATCH:
    case READSTAT_ERROR_ROW_WIDTH_MISMATCH:
      return "the file ends early or its data do not match its header, so it is probably "
             "truncated or damaged";
    case READSTAT_ERROR_PARSE:
      return "its contents are not in this format, or are damaged";
    case READSTAT_ERROR_UNSUPPORTED_COMPRESSION:
    case READSTAT_ERROR_UNSUPPORTED_CHARSET:
    case READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION:
      return "it uses a feature or version of the format that cannot be read";
    case READSTAT_ERROR_CONVERT:
    case READSTAT_ERROR_CONVERT_BAD_STRING:
    case READSTAT_ERROR_CONVERT_SHORT_STRING:
    case READSTAT_ERROR_CONVERT_LONG_STRING:
      return "some text in it is not valid in the file's character encoding";
    case READSTAT_ERROR_MALLOC:
      return "there was not enough memory to read it";
    default:
      return "its contents are damaged or not in this format";
  }
}

void parse(const std::filesystem::path& path, Context& ctx, bool want_values) {
  const StatFormat format = check_readable(path);
  check_signature(path, format);
  readstat_parser_t* parser = readstat_parser_init();
  if (parser == nullptr) {
    throw Error(ErrorCode::table_format, path.string(),
                "cannot be read: there was not enough memory to start reading it");
  }
  ctx.format = format;
  if (!ctx.encoding.empty() &&
      readstat_set_file_character_encoding(parser, ctx.encoding.c_str()) != READSTAT_OK) {
    readstat_parser_free(parser);
    throw Error(ErrorCode::table_format, path.string(),
                "cannot be read as '" + ctx.encoding + "': that encoding is not known");
  }
  readstat_set_metadata_handler(parser, &on_metadata);
  readstat_set_variable_handler(parser, &on_variable);
  if (want_values) {
    readstat_set_value_handler(parser, &on_value);
  } else {
    readstat_set_value_label_handler(parser, &on_value_label);
  }
  readstat_set_error_handler(parser, &on_error);
  readstat_error_t result = READSTAT_OK;
  switch (format) {
    case StatFormat::sav:
      result = readstat_parse_sav(parser, path.c_str(), &ctx);
      break;
    case StatFormat::por:
      result = readstat_parse_por(parser, path.c_str(), &ctx);
      break;
    case StatFormat::dta:
      result = readstat_parse_dta(parser, path.c_str(), &ctx);
      break;
    case StatFormat::unknown:
      break;
  }
  readstat_parser_free(parser);
  if (ctx.failure) std::rethrow_exception(ctx.failure);
  if (result == READSTAT_ERROR_OPEN) {
    throw Error(ErrorCode::io_read, path.string(), "cannot be opened for reading");
  }
  if (result != READSTAT_OK) {
    std::string readstat = readstat_error_message(result);
    if (!ctx.detail.empty()) readstat += ": " + ctx.detail;
    throw Error(ErrorCode::table_format, path.string(),
                "cannot be read as " + std::string(format_name(format)) + ": " + describe(result) +
                    " (ReadStat: " + readstat +
                    "). Check that the file is complete and was saved by SPSS, PSPP or Stata, "
                    "or export the data as CSV");
  }
}

}  // namespace

bool stat_file_support() noexcept { return true; }

void read_stat_file(const std::filesystem::path& path,
                    const std::function<void(std::span<const std::string>)>& on_header,
                    const std::function<void(std::span<const std::string>)>& on_row,
                    const std::string& encoding) {
  std::vector<std::string> blanked;
  read_stat_file_coded(
      path, on_header,
      [&](std::span<const std::string> fields, std::span<const unsigned char> user_missing) {
        blanked.assign(fields.begin(), fields.end());
        for (std::size_t i = 0; i < blanked.size(); ++i) {
          if (user_missing[i] != 0) blanked[i].clear();
        }
        on_row(blanked);
      },
      encoding);
}

void read_stat_file_coded(const std::filesystem::path& path, const RowCallback& on_header,
                          const CodedRowCallback& on_row, const std::string& encoding) {
  Context ctx;
  ctx.encoding = encoding;
  ctx.on_header = &on_header;
  ctx.on_row = &on_row;
  parse(path, ctx, true);
  send_header(ctx);
  send_row(ctx);
}

std::vector<StatValueLabel> read_stat_value_labels(const std::filesystem::path& path) {
  Context ctx;
  parse(path, ctx, false);
  std::vector<StatValueLabel> labels;
  for (std::size_t i = 0; i < ctx.names.size(); ++i) {
    if (ctx.label_set_of[i].empty()) continue;
    const auto set = ctx.label_sets.find(ctx.label_set_of[i]);
    if (set == ctx.label_sets.end()) continue;
    for (const auto& [value, label] : set->second) {
      labels.push_back(StatValueLabel{ctx.names[i], value, label});
    }
  }
  return labels;
}

std::vector<StatVariable> read_stat_variables(const std::filesystem::path& path) {
  Context ctx;
  parse(path, ctx, false);
  std::vector<StatVariable> out = std::move(ctx.described);
  out.resize(ctx.names.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].name = ctx.names[i];
    if (ctx.label_set_of[i].empty()) continue;
    const auto set = ctx.label_sets.find(ctx.label_set_of[i]);
    if (set != ctx.label_sets.end()) out[i].value_labels = set->second;
  }
  return out;
}

#else  // no ReadStat in this build

namespace {

[[noreturn]] void no_support(const std::filesystem::path& path) {
  const StatFormat format = check_readable(path);
  throw Error(ErrorCode::table_format, path.string(),
              "cannot be read as " + std::string(format_name(format)) +
                  ": this build of securebase has no ReadStat support. Export the data as CSV, "
                  "or rebuild with ReadStat installed (Debian package libreadstat-dev)");
}

}  // namespace

bool stat_file_support() noexcept { return false; }

void read_stat_file(const std::filesystem::path& path,
                    const std::function<void(std::span<const std::string>)>& /*on_header*/,
                    const std::function<void(std::span<const std::string>)>& /*on_row*/,
                    const std::string& /*encoding*/) {
  no_support(path);
}

std::vector<StatValueLabel> read_stat_value_labels(const std::filesystem::path& path) {
  no_support(path);
}

void read_stat_file_coded(
    const std::filesystem::path& path,
    const std::function<void(std::span<const std::string>)>& /*on_header*/,
    const std::function<void(std::span<const std::string>, std::span<const unsigned char>)>&
    /*on_row*/,
    const std::string& /*encoding*/) {
  no_support(path);
}

std::vector<StatVariable> read_stat_variables(const std::filesystem::path& path) {
  no_support(path);
}

#endif

}  // namespace securebase
