#include "securebase/batch/batch.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/number_format.hpp"
#include "core/utf8.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/version.hpp"

namespace securebase {

namespace {

// ---------------------------------------------------------------------------------------------
// Small text helpers.

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ci(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<double> parse_number(std::string_view s) noexcept {
  if (s.empty()) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// True for the first characters a spreadsheet may read as the start of a formula.
constexpr bool formula_start(char c) noexcept {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// True when `f` would be read as a formula by a spreadsheet: it begins with =, +, -, @, tab or
// CR and is not a number ("-5", "+3.25" and "-1e3" are left alone).
bool formula_like(std::string_view f) noexcept {
  if (f.empty() || !formula_start(f.front())) return false;
  std::string_view number = f;
  if (number.front() == '+') {  // from_chars reads no '+': "+3" is 3, "+-3" is not a number
    number.remove_prefix(1);
    if (number.empty() || number.front() == '+' || number.front() == '-') return true;
  }
  return !parse_number(number);
}

void append_number(std::string& out, double v) {
  char buf[40];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void append_count(std::string& out, std::uint64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// Remembers the shortest text of recent numbers: scale scores take few distinct values (a mean
// of k whole answers), and std::to_chars' shortest form is the costliest step of a row. Keyed
// by the exact bits, so the text is always that of the number itself.
class NumberCache {
 public:
  // Writes the shortest round-trip text of v at `dst` (room for 32 chars); returns its end.
  char* write(char* dst, double v) noexcept {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    const std::size_t slot = static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15ULL) >> 54);
    Entry& e = entries_[slot];
    if (!e.used || e.bits != bits) {
      const auto res = std::to_chars(e.text, e.text + sizeof e.text, v);
      e.length = static_cast<unsigned char>(res.ptr - e.text);
      e.bits = bits;
      e.used = true;
    }
    std::memcpy(dst, e.text, sizeof e.text);
    return dst + e.length;
  }

 private:
  struct Entry {
    std::uint64_t bits = 0;
    char text[32] = {};
    unsigned char length = 0;
    bool used = false;
  };
  std::array<Entry, 1024> entries_{};
};

// Writes a count at `dst` (room for 20 chars); returns its end.
char* write_count(char* dst, std::uint64_t v) noexcept {
  if (v < 10) {
    *dst = static_cast<char>('0' + v);
    return dst + 1;
  }
  return std::to_chars(dst, dst + 20, v).ptr;
}

// The raised careless-responding flags as "longstring;irv" (empty when none).
std::string careless_flag_names(const stats::CarelessFlags& f) {
  std::string out;
  const auto add = [&out](bool on, const char* name) {
    if (!on) return;
    if (!out.empty()) out.push_back(';');
    out += name;
  };
  add(f.longstring, "longstring");
  add(f.irv, "irv");
  add(f.mahalanobis, "mahalanobis");
  add(f.even_odd, "even_odd");
  return out;
}

// The numeric careless-responding indices of a row in output order (irv, mahalanobis_d2,
// mahalanobis_p, even_odd), NaN where an index has no value.
std::array<double, 4> careless_values(const stats::Careless& c) {
  const auto value_if = [](stats::CarelessStatus st, double v) {
    return st == stats::CarelessStatus::ok ? v : missing_answer;
  };
  return {c.irv, value_if(c.mahalanobis_status, c.mahalanobis_d2),
          value_if(c.mahalanobis_status, c.mahalanobis_p), value_if(c.even_odd_status, c.even_odd)};
}

// The JSON member names before each of careless_values.
constexpr std::array<const char*, 4> careless_value_members = {
    ",\"irv\":", ",\"mahalanobis_d2\":", ",\"mahalanobis_p\":", ",\"even_odd\":"};

// A number as JSON: null when it is not finite.
void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  append_number(out, v);
}

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

// ---------------------------------------------------------------------------------------------
// Mapping.

const ItemOrder& order_or_throw(const Instrument& ins, const std::string& id) {
  if (id.empty()) return ins.canonical_order;
  if (const ItemOrder* o = ins.find_order(id)) return *o;
  std::vector<std::string> ids{ins.canonical_order.id};
  for (const ItemOrder& o : ins.alternative_orders) ids.push_back(o.id);
  throw Error(ErrorCode::table_mapping, "--order",
              "order " + in_quotes(id) + " is not an order of " + ins.id +
                  "; its orders are: " + join(ids, ", "));
}

// The item an entry's ITEM names: an item id, or a 1-based position in `order`.
std::optional<std::size_t> item_of(const Instrument& ins, const ItemOrder& order,
                                   std::string_view name) {
  if (auto i = ins.find_item(name)) return i;
  std::size_t n = 0;
  const auto [ptr, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
  if (ec == std::errc() && ptr == name.data() + name.size() && n >= 1 && n <= order.items.size()) {
    return order.items[n - 1];
  }
  return std::nullopt;
}

std::string expand_pattern(const std::string& pattern, std::size_t n) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find('{', i);
    if (open == std::string::npos) {
      out.append(pattern, i, std::string::npos);
      break;
    }
    out.append(pattern, i, open - i);
    const std::size_t close = pattern.find('}', open);
    const std::string_view inner = std::string_view(pattern).substr(open + 1, close - open - 1);
    std::string digits = std::to_string(n);
    if (inner.size() > 2) {  // "n:0W", checked by check_pattern
      std::size_t width = 0;
      std::from_chars(inner.data() + 3, inner.data() + inner.size(), width);
      if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    }
    out += digits;
    i = close + 1;
  }
  return out;
}

void check_pattern(const std::string& pattern) {
  bool has_n = false;
  std::size_t i = 0;
  while ((i = pattern.find_first_of("{}", i)) != std::string::npos) {
    const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    const std::string_view inner = close == std::string::npos
                                       ? std::string_view()
                                       : std::string_view(pattern).substr(i + 1, close - i - 1);
    bool ok = inner == "n";
    if (!ok && inner.size() >= 4 && inner.substr(0, 3) == "n:0") {
      std::size_t width = 0;
      const auto [ptr, ec] = std::from_chars(inner.data() + 3, inner.data() + inner.size(), width);
      ok = ec == std::errc() && ptr == inner.data() + inner.size() && width >= 1 && width <= 9;
    }
    if (!ok) {
      throw Error(
          ErrorCode::table_mapping, "--columns",
          "pattern " + in_quotes(pattern) + " has " +
              (close == std::string::npos ? "an unmatched brace" : "{" + std::string(inner) + "}") +
              " at character " + std::to_string(i + 1) +
              "; write {n} for the item's position, or {n:02} to pad it to 2 digits");
    }
    has_n = true;
    i = close + 1;
  }
  if (!has_n) {
    throw Error(ErrorCode::table_mapping, "--columns",
                "pattern " + in_quotes(pattern) +
                    " has no {n}, so every item would get the same column; write e.g. "
                    "'ECR_{n}' or 'Q{n:02}'");
  }
}

// Parses "ITEM=COLUMN" entries separated by commas or line ends ('#' starts a comment in a map
// file) into item -> column; every problem is collected.
void apply_map(const Instrument& ins, const ItemOrder& order, const ColumnSpec& spec,
               std::vector<std::string>& columns, std::vector<bool>& mapped,
               std::vector<Diagnostic>& problems) {
  const bool is_file = spec.map_source != "--map" && !spec.map_source.empty();
  const std::string source = spec.map_source.empty() ? "--map" : spec.map_source;
  const std::string& text = spec.map;
  std::size_t line = 1;
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t end = text.find_first_of(",\n", i);
    if (end == std::string::npos) end = text.size();
    std::string_view entry = std::string_view(text).substr(i, end - i);
    if (is_file) {
      const std::size_t hash = entry.find('#');
      if (hash != std::string_view::npos) entry = entry.substr(0, hash);
    }
    const std::string where =
        is_file ? source + ":" + std::to_string(line) + ":" + std::to_string(i - line_start + 1)
                : source;
    const std::string_view trimmed = trim(entry);
    if (!trimmed.empty()) {
      const std::size_t eq = trimmed.find('=');
      if (eq == std::string_view::npos) {
        problems.push_back({ErrorCode::table_mapping, where,
                            "entry " + in_quotes(trimmed) +
                                " has no '='; write ITEM=COLUMN, e.g. i01=Q3_1 or 1=Q3_1"});
      } else {
        const std::string_view item = trim(trimmed.substr(0, eq));
        const std::string_view column = trim(trimmed.substr(eq + 1));
        const auto index = item_of(ins, order, item);
        if (!index) {
          problems.push_back({ErrorCode::table_mapping, where,
                              "item " + in_quotes(item) + " is not an item of " + ins.id +
                                  "; name items by id (e.g. " + ins.items.front().id +
                                  ") or by number (1-" + std::to_string(order.items.size()) + ")"});
        } else if (column.empty()) {
          problems.push_back({ErrorCode::table_mapping, where,
                              "item " + in_quotes(item) + " is mapped to an empty column name"});
        } else if (mapped[*index]) {
          problems.push_back({ErrorCode::table_mapping, where,
                              "item " + ins.items[*index].id + " is mapped twice"});
        } else {
          mapped[*index] = true;
          columns[*index] = std::string(column);
        }
      }
    }
    if (end < text.size() && text[end] == '\n') {
      ++line;
      line_start = end + 1;
    }
    i = end + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Everything a row needs, resolved against the header.

struct RowPlan {
  const Instrument* ins = nullptr;
  const BatchOptions* opt = nullptr;
  std::size_t n_fields = 0;
  std::vector<std::size_t> item_col;   // by item index
  std::vector<std::string> item_name;  // column name by item index
  std::optional<std::size_t> id_col;
  std::vector<std::size_t> keep_cols;
  std::vector<double> numeric_missing;
  std::vector<std::string> text_missing;
  ScoringSteps steps;  // every scale's scoring step (metric, rule, norms) for the run
  double min = 1;
  double max = 7;
  std::array<double, 256> fast_value{};  // value of a one-character answer, or -1: classify it
  char delimiter = ',';
  bool neutralise = true;           // CSV/TSV without raw_text: guard text against formulas
  std::vector<std::string> header;  // the input's header, to spot it repeated as a row
  std::string jsonl_tail;
  std::vector<std::string> out_columns;
  stats::Layout layout;  // with --stats: what the accumulator is laid out over
};

enum class Answer { value, missing, invalid };

struct Classified {
  Answer kind;
  double value;
};

Classified classify(const RowPlan& p, std::string_view raw) {
  const std::string_view f = trim(raw);
  if (f.empty()) return {Answer::missing, 0};
  for (const RecodeEntry& r : p.opt->recode) {
    if (equal_ci(f, r.text)) {
      return std::isnan(r.value) ? Classified{Answer::missing, 0}
                                 : Classified{Answer::value, r.value};
    }
  }
  if (const auto v = parse_number(f)) {
    for (const double code : p.numeric_missing) {
      if (*v == code) return {Answer::missing, 0};
    }
    if (*v >= p.min && *v <= p.max && *v == std::floor(*v)) return {Answer::value, *v};
    return {Answer::invalid, 0};
  }
  if (is_na(f, NaSpelling::any_case)) return {Answer::missing, 0};
  for (const std::string& code : p.text_missing) {
    if (equal_ci(f, code)) return {Answer::missing, 0};
  }
  const auto& labels = p.ins->response_scale.labels;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (equal_ci(f, trim(labels[i]))) return {Answer::value, p.min + static_cast<double>(i)};
  }
  return {Answer::invalid, 0};
}

std::vector<std::string> output_columns(const Instrument& ins, const BatchOptions& opt,
                                        const ScoringSteps& steps) {
  std::vector<std::string> cols{"line"};
  if (!opt.id_column.empty()) cols.push_back(opt.id_column);
  for (const std::string& k : opt.keep) cols.push_back(k);
  for (std::size_t s = 0; s < ins.scales.size(); ++s) {
    const std::string& id = ins.scales[s].id;
    cols.push_back(id);
    cols.push_back(id + "_answered");
    cols.push_back(id + "_missing");
    const bool normed = steps.scales[s].norm != nullptr;
    if (normed) {
      cols.push_back(id + "_z");
      cols.push_back(id + "_t");
      cols.push_back(id + "_percentile");
    }
    if (opt.explain) {
      cols.push_back(id + "_reversed_items");
      cols.push_back(id + "_missing_items");
      cols.push_back(id + "_rule");
      if (normed) cols.push_back(id + "_percentile_bound");
    }
  }
  if (opt.careless) {
    for (const char* c :
         {"longstring", "irv", "mahalanobis_d2", "mahalanobis_p", "even_odd", "careless_flags"}) {
      cols.emplace_back(c);
    }
  }
  cols.push_back("status");
  if (opt.invalid == InvalidPolicy::missing) cols.push_back("invalid_values");
  return cols;
}

// "file:line"; a file without lines (SPSS, Stata: line 0) is named alone.
std::string location(const std::string& name, std::uint64_t line) {
  return line == 0 ? name : name + ":" + std::to_string(line);
}

RowPlan make_plan(const Instrument& ins, const BatchOptions& opt,
                  const std::vector<std::string>& header, const std::string& input_name,
                  std::uint64_t header_line) {
  RowPlan p;
  p.ins = &ins;
  p.opt = &opt;
  p.n_fields = header.size();
  p.min = ins.response_scale.min;
  p.max = ins.response_scale.max;
  p.delimiter = opt.format == BatchFormat::tsv ? '\t' : ',';
  p.neutralise = opt.format != BatchFormat::jsonl && !opt.raw_text;
  p.header = header;
  p.item_name = item_columns(ins, opt.columns);

  // Every column the run needs, with what it is for.
  struct Wanted {
    std::string name;
    std::string role;
  };
  std::vector<Wanted> wanted;
  for (std::size_t i = 0; i < ins.items.size(); ++i) {
    wanted.push_back({p.item_name[i], "item " + ins.items[i].id});
  }
  if (!opt.id_column.empty()) wanted.push_back({opt.id_column, "--id"});
  for (const std::string& k : opt.keep) wanted.push_back({k, "--keep"});

  std::vector<std::string> missing;
  std::vector<std::string> duplicated;
  std::vector<std::size_t> index(wanted.size(), 0);
  for (std::size_t w = 0; w < wanted.size(); ++w) {
    std::vector<std::size_t> at;
    std::string other_case;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string_view h = trim(header[c]);
      if (h == wanted[w].name)
        at.push_back(c);
      else if (other_case.empty() && equal_ci(h, wanted[w].name))
        other_case = std::string(h);
    }
    if (at.empty()) {
      missing.push_back(wanted[w].name + " (" + wanted[w].role +
                        (other_case.empty() ? "" : "; the header has " + in_quotes(other_case)) +
                        ")");
    } else if (at.size() > 1) {
      std::string cols;
      for (const std::size_t c : at) cols += (cols.empty() ? "" : ", ") + std::to_string(c + 1);
      duplicated.push_back(wanted[w].name + " (" + wanted[w].role + ", columns " + cols + ")");
    } else {
      index[w] = at.front();
    }
  }
  const std::string where = location(input_name, header_line);
  std::vector<Diagnostic> problems;
  if (!missing.empty()) {
    problems.push_back(
        {ErrorCode::table_column_missing, where,
         std::to_string(missing.size()) + (missing.size() == 1 ? " column is" : " columns are") +
             " not in the header: " + join(missing, ", ") +
             "; map items to columns with --columns 'PREFIX{n}' or --map ITEM=COLUMN"});
  }
  if (!duplicated.empty()) {
    problems.push_back(
        {ErrorCode::table_column_duplicate, where,
         std::to_string(duplicated.size()) +
             (duplicated.size() == 1 ? " mapped column appears" : " mapped columns appear") +
             " more than once in the header: " + join(duplicated, ", ") +
             "; rename the copies so that each name is unique"});
  }
  if (!problems.empty()) throw Error(std::move(problems));

  p.item_col.assign(index.begin(), index.begin() + static_cast<std::ptrdiff_t>(ins.items.size()));
  std::size_t w = ins.items.size();
  if (!opt.id_column.empty()) p.id_col = index[w++];
  for (std::size_t k = 0; k < opt.keep.size(); ++k) p.keep_cols.push_back(index[w++]);

  for (const std::string& code : opt.missing_codes) {
    const std::string_view t = trim(code);
    if (const auto v = parse_number(t)) {
      p.numeric_missing.push_back(*v);
    } else {
      p.text_missing.emplace_back(t);
    }
  }
  p.fast_value.fill(-1);
  if (p.numeric_missing.empty() && opt.recode.empty()) {
    for (int c = '0'; c <= '9'; ++c) {
      const double v = c - '0';
      if (v >= p.min && v <= p.max) p.fast_value[static_cast<std::size_t>(c)] = v;
    }
  }
  p.steps = scoring_steps(ins, opt.method, opt.norm_set);
  p.out_columns = output_columns(ins, opt, p.steps);
  p.jsonl_tail = ",\"instrument\":";
  append_json_string(p.jsonl_tail, ins.id);
  p.jsonl_tail += ",\"instrument_version\":";
  append_json_string(p.jsonl_tail, ins.version);
  p.jsonl_tail += ",\"key_fingerprint\":";
  append_json_string(p.jsonl_tail, ins.key_fingerprint);
  p.jsonl_tail += ",\"library_version\":";
  append_json_string(p.jsonl_tail, library_version());
  p.jsonl_tail += "}\n";
  if (opt.stats) p.layout = stats::layout_of(ins);
  return p;
}

// ---------------------------------------------------------------------------------------------
// One row.

struct RowScratch {
  std::vector<double> values;
  std::vector<double> scores;               // scale scores of a row, for the statistics
  std::vector<std::uint32_t> slow;          // items of a row whose answer needs classify()
  std::size_t out_used = 0;                 // bytes of the chunk's output written so far
  std::optional<stats::Careless> careless;  // the row's careless-responding indices, if computed
  stats::RowBlock block;                    // rows waiting to be added to the statistics
  std::vector<RawScore> raw;
  std::vector<ScaleOutcome> outcomes;  // the scoring step's result per scale (scored rows)
  std::vector<std::size_t> items;      // item lists of --explain
  std::vector<std::size_t> invalid_items;
  std::string status;
  std::string invalid_text;
  std::vector<std::string_view> fields;
  std::string unescaped;
  NumberCache numbers;
};

// Writes a text field at `w` (room for 2 * size + 2 chars), quoted as append_field would; with
// `neutralise`, text a spreadsheet would read as a formula gets a leading ' (inside the quotes).
// The ' fits in that room: a field that begins with a formula character is not all quotes, so
// at most 2 * size - 1 of it is written between the quotes.
char* write_field(char* w, std::string_view f, char delimiter, bool neutralise = false) noexcept {
  const bool guard = neutralise && formula_like(f);
  if (!needs_quotes(f, delimiter)) {
    if (guard) *w++ = '\'';
    if (!f.empty()) std::memcpy(w, f.data(), f.size());
    return w + f.size();
  }
  *w++ = '"';
  if (guard) *w++ = '\'';
  for (const char c : f) {
    if (c == '"') *w++ = '"';
    *w++ = c;
  }
  *w++ = '"';
  return w;
}

enum class RowKind { ok, incomplete, invalid, parse_error, careless };

// Appends user text as a field, guarded against formulas unless raw_text (or JSONL).
void append_text_field(const RowPlan& p, std::string& out, std::string_view s) {
  const std::size_t old = out.size();
  out.resize(old + 2 * s.size() + 2);
  char* const end = write_field(out.data() + old, s, p.delimiter, p.neutralise);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

// True when a data row repeats the header (files joined with cat): the first item's column
// is compared first, so that a data row costs one short comparison.
bool is_header_copy(const RowPlan& p, std::span<const std::string_view> fields) noexcept {
  if (fields.size() != p.header.size() || p.item_col.empty()) return false;
  const std::size_t c0 = p.item_col.front();
  if (fields[c0] != p.header[c0]) return false;
  for (std::size_t c = 0; c < fields.size(); ++c) {
    if (fields[c] != p.header[c]) return false;
  }
  return true;
}

std::string_view field_or_empty(std::span<const std::string_view> fields, std::size_t i) {
  return i < fields.size() ? fields[i] : std::string_view();
}

// The answered reversed items (or the missing items) of scale s, by id, space-separated.
void item_list(const RowPlan& p, std::size_t s, RowScratch& scratch, bool reversed,
               std::string& out) {
  scratch.items.clear();
  scale_items(*p.ins, s, scratch.values, reversed, scratch.items);
  for (std::size_t k = 0; k < scratch.items.size(); ++k) {
    if (k > 0) out.push_back(' ');
    out += p.ins->items[scratch.items[k]].id;
  }
}

RowKind process_row(const RowPlan& p, std::span<const std::string_view> fields,
                    const SplitRecord& split, std::uint64_t line, std::string& out, RowScratch& s) {
  const Instrument& ins = *p.ins;
  const BatchOptions& opt = *p.opt;
  const std::size_t n_items = ins.items.size();
  const std::size_t n_scales = ins.scales.size();
  s.status.clear();
  s.invalid_text.clear();
  s.invalid_items.clear();
  RowKind kind = RowKind::ok;

  if (split.bad_quote != 0 || split.unterminated || fields.size() != p.n_fields) {
    kind = RowKind::parse_error;
    if (fields.size() != p.n_fields) {
      s.status = "parse_error:found " + std::to_string(fields.size() + split.extra_fields) +
                 " fields; expected " + std::to_string(p.n_fields);
    } else if (split.bad_quote != 0) {
      s.status =
          "parse_error:text after the closing quote of field " + std::to_string(split.bad_quote);
    } else {
      s.status = "parse_error:quote never closed";
    }
  } else if (is_header_copy(p, fields)) {
    // Counted as a parse error under every --invalid policy, never scored as empty answers.
    kind = RowKind::parse_error;
    s.status = "parse_error:header_repeated";
  } else {
    s.values.resize(n_items);
    // Hot loop: a one-character answer is looked up; anything else is classified in full.
    const double* fast = p.fast_value.data();
    const std::size_t* cols = p.item_col.data();
    const std::string_view* fs = fields.data();
    double* values = s.values.data();
    s.slow.resize(n_items);
    std::uint32_t* slow = s.slow.data();
    std::size_t n_slow = 0;
    for (std::size_t i = 0; i < n_items; ++i) {
      const std::string_view f = fs[cols[i]];
      const double v = f.size() == 1 ? fast[static_cast<unsigned char>(f[0])] : -1.0;
      values[i] = v;
      slow[n_slow] = static_cast<std::uint32_t>(i);
      n_slow += v < 0 ? 1 : 0;
    }
    for (std::size_t k = 0; k < n_slow; ++k) {
      const std::size_t i = slow[k];
      const Classified c = classify(p, fs[cols[i]]);
      if (c.kind == Answer::value) {
        values[i] = c.value;
      } else {
        values[i] = missing_answer;
        if (c.kind == Answer::invalid) s.invalid_items.push_back(i);
      }
    }
    for (const std::size_t i : s.invalid_items) {
      if (!s.invalid_text.empty()) s.invalid_text.push_back(';');
      s.invalid_text += p.item_name[i];
      s.invalid_text.push_back('=');
      // Control bytes and bytes that are not UTF-8 are written as \xNN, never copied raw.
      s.invalid_text += detail::printable(trim(fields[p.item_col[i]]), 40);
    }
    if (!s.invalid_items.empty() && opt.invalid == InvalidPolicy::error) {
      kind = RowKind::invalid;
      s.status = "invalid:" + s.invalid_text;
    }
  }

  bool scored = kind == RowKind::ok;
  if (scored) {
    s.raw.resize(n_scales);
    score_raw(ins.plan, s.values, s.raw, opt.method);
    s.outcomes.resize(n_scales);
    for (std::size_t sc = 0; sc < n_scales; ++sc) {
      s.outcomes[sc] = apply_step(ins, p.steps, p.steps.scales[sc], s.raw[sc]);
      if (s.outcomes[sc].scored) continue;
      if (kind == RowKind::ok) {
        kind = RowKind::incomplete;
        s.status = "incomplete:";
      } else {
        s.status.push_back(';');
      }
      s.status += ins.scales[sc].id;
    }
  }
  s.careless.reset();
  if (opt.careless && scored) {
    s.careless = stats::careless(*opt.careless, s.values);
    if (opt.exclude_careless && s.careless->flags.any()) {
      // Excluded rows keep their line, their indices and a status saying why; no scores.
      kind = RowKind::careless;
      scored = false;
      s.status = "careless:" + careless_flag_names(s.careless->flags);
    }
  }
  const std::string_view status = kind == RowKind::ok ? std::string_view("ok") : s.status;

  if (opt.format != BatchFormat::jsonl && !opt.explain && !opt.careless) {
    const char d = p.delimiter;
    // The common row, written through a pointer into room reserved for its longest form.
    std::size_t room = 24 + 3 + 2 * status.size() + 3 + 2 * s.invalid_text.size();
    if (p.id_col) room += 3 + 2 * field_or_empty(fields, *p.id_col).size();
    for (const std::size_t k : p.keep_cols) room += 3 + 2 * field_or_empty(fields, k).size();
    room += n_scales * 180;  // 4 numbers (32 bytes each are copied), 2 counts, 6 delimiters
    // The output keeps its size between rows and chunks (out_used is the end of the text), so
    // the room is zero-filled only when the buffer grows.
    const std::size_t old = s.out_used;
    if (out.size() < old + room) out.resize(std::max(old + room, 2 * out.size()));
    char* const first = out.data();
    char* w = write_count(first + old, line);
    if (p.id_col) {
      *w++ = d;
      w = write_field(w, field_or_empty(fields, *p.id_col), d, p.neutralise);
    }
    for (const std::size_t k : p.keep_cols) {
      *w++ = d;
      w = write_field(w, field_or_empty(fields, k), d, p.neutralise);
    }
    for (std::size_t sc = 0; sc < n_scales; ++sc) {
      const ScaleOutcome& o = s.outcomes[sc];
      const bool has = scored && o.scored;
      *w++ = d;
      if (has) w = s.numbers.write(w, o.value);
      *w++ = d;
      if (scored) w = write_count(w, o.n_answered);
      *w++ = d;
      if (scored) w = write_count(w, o.n_missing);
      if (p.steps.scales[sc].norm != nullptr) {
        if (has) {
          const NormScore& ns = *o.norm;
          *w++ = d;
          w = s.numbers.write(w, ns.z);
          *w++ = d;
          w = s.numbers.write(w, ns.t);
          *w++ = d;
          w = s.numbers.write(w, ns.percentile);
        } else {
          *w++ = d;
          *w++ = d;
          *w++ = d;
        }
      }
    }
    *w++ = d;
    w = write_field(w, status, d);
    if (opt.invalid == InvalidPolicy::missing) {
      *w++ = d;
      w = write_field(w, s.invalid_text, d, p.neutralise);
    }
    *w++ = '\n';
    s.out_used = static_cast<std::size_t>(w - first);
    return kind;
  }
  // Other forms append: the text so far is the output up to out_used.
  out.resize(s.out_used);

  if (opt.format == BatchFormat::jsonl) {
    out += "{\"line\":";
    append_count(out, line);
    if (p.id_col) {
      out += ",\"id\":";
      append_json_string(out, field_or_empty(fields, *p.id_col));
    }
    if (!opt.keep.empty()) {
      out += ",\"keep\":{";
      for (std::size_t k = 0; k < opt.keep.size(); ++k) {
        if (k > 0) out.push_back(',');
        append_json_string(out, opt.keep[k]);
        out.push_back(':');
        append_json_string(out, field_or_empty(fields, p.keep_cols[k]));
      }
      out.push_back('}');
    }
    out += ",\"scales\":{";
    for (std::size_t sc = 0; sc < n_scales; ++sc) {
      if (sc > 0) out.push_back(',');
      append_json_string(out, ins.scales[sc].id);
      out += ":{\"score\":";
      const ScaleOutcome& o = s.outcomes[sc];
      const bool has = scored && o.scored;
      if (has) {
        append_number(out, o.value);
      } else {
        out += "null";
      }
      out += ",\"answered\":";
      if (scored) {
        append_count(out, o.n_answered);
        out += ",\"missing\":";
        append_count(out, o.n_missing);
      } else {
        out += "null,\"missing\":null";
      }
      if (p.steps.scales[sc].norm != nullptr) {
        if (has) {
          const NormScore& ns = *o.norm;
          out += ",\"z\":";
          append_number(out, ns.z);
          out += ",\"t\":";
          append_number(out, ns.t);
          out += ",\"percentile\":";
          append_number(out, ns.percentile);
          if (opt.explain) {
            out += ",\"percentile_bound\":";
            append_json_string(out, ns.bound == PercentileBound::exact     ? "exact"
                                    : ns.bound == PercentileBound::at_most ? "at_most"
                                                                           : "at_least");
          }
        } else {
          out += ",\"z\":null,\"t\":null,\"percentile\":null";
        }
      }
      if (opt.explain && scored) {
        std::string list;
        out += ",\"reversed_items\":";
        item_list(p, sc, s, true, list);
        append_json_string(out, list);
        list.clear();
        out += ",\"missing_items\":";
        item_list(p, sc, s, false, list);
        append_json_string(out, list);
        out += ",\"rule\":";
        append_json_string(out, rule_applied(ins, p.steps.scales[sc], s.raw[sc]));
      }
      out.push_back('}');
    }
    out.push_back('}');
    if (opt.careless) {
      out += ",\"careless\":";
      if (s.careless) {
        const stats::Careless& c = *s.careless;
        out += "{\"longstring\":";
        append_count(out, c.longstring);
        const std::array<double, 4> v = careless_values(c);
        for (std::size_t k = 0; k < v.size(); ++k) {
          out += careless_value_members[k];
          append_json_number(out, v[k]);
        }
        out += ",\"flags\":";
        append_json_string(out, careless_flag_names(c.flags));
        out.push_back('}');
      } else {
        out += "null";
      }
    }
    out += ",\"status\":";
    append_json_string(out, status);
    if (opt.invalid == InvalidPolicy::missing) {
      out += ",\"invalid_values\":";
      append_json_string(out, s.invalid_text);
    }
    out += p.jsonl_tail;
    s.out_used = out.size();
    return kind;
  }

  const char d = p.delimiter;
  append_count(out, line);
  if (p.id_col) {
    out.push_back(d);
    append_text_field(p, out, field_or_empty(fields, *p.id_col));
  }
  for (const std::size_t k : p.keep_cols) {
    out.push_back(d);
    append_text_field(p, out, field_or_empty(fields, k));
  }
  for (std::size_t sc = 0; sc < n_scales; ++sc) {
    const ScaleOutcome& o = s.outcomes[sc];
    const bool has = scored && o.scored;
    out.push_back(d);
    if (has) append_number(out, o.value);
    out.push_back(d);
    if (scored) append_count(out, o.n_answered);
    out.push_back(d);
    if (scored) append_count(out, o.n_missing);
    const bool normed = p.steps.scales[sc].norm != nullptr;
    NormScore ns;
    if (normed) {
      if (has) {
        ns = *o.norm;
        out.push_back(d);
        append_number(out, ns.z);
        out.push_back(d);
        append_number(out, ns.t);
        out.push_back(d);
        append_number(out, ns.percentile);
      } else {
        out.push_back(d);
        out.push_back(d);
        out.push_back(d);
      }
    }
    if (opt.explain) {
      out.push_back(d);
      if (scored) item_list(p, sc, s, true, out);
      out.push_back(d);
      if (scored) item_list(p, sc, s, false, out);
      out.push_back(d);
      if (scored) append_text_field(p, out, rule_applied(ins, p.steps.scales[sc], s.raw[sc]));
      if (normed) {
        out.push_back(d);
        if (has) {
          out += ns.bound == PercentileBound::exact     ? "exact"
                 : ns.bound == PercentileBound::at_most ? "at_most"
                                                        : "at_least";
        }
      }
    }
  }
  if (opt.careless) {
    // longstring, irv, mahalanobis_d2, mahalanobis_p, even_odd, careless_flags
    if (s.careless) {
      const stats::Careless& c = *s.careless;
      out.push_back(d);
      append_count(out, c.longstring);
      for (const double v : careless_values(c)) {
        out.push_back(d);
        if (!std::isnan(v)) append_number(out, v);
      }
      out.push_back(d);
      out += careless_flag_names(c.flags);
    } else {
      out.append(6, d);
    }
  }
  out.push_back(d);
  if (kind == RowKind::ok) {
    out += "ok";
  } else {
    append_text_field(p, out, status);
  }
  if (opt.invalid == InvalidPolicy::missing) {
    out.push_back(d);
    append_text_field(p, out, s.invalid_text);
  }
  out.push_back('\n');
  s.out_used = out.size();
  return kind;
}

void count(BatchSummary& sum, RowKind kind) {
  ++sum.rows;
  switch (kind) {
    case RowKind::ok:
      ++sum.ok;
      break;
    case RowKind::incomplete:
      ++sum.incomplete;
      break;
    case RowKind::invalid:
      ++sum.invalid;
      break;
    case RowKind::parse_error:
      ++sum.parse_errors;
      break;
    case RowKind::careless:
      ++sum.careless_excluded;
      break;
  }
}

void add(BatchSummary& into, const BatchSummary& part) {
  into.rows += part.rows;
  into.ok += part.ok;
  into.incomplete += part.incomplete;
  into.invalid += part.invalid;
  into.parse_errors += part.parse_errors;
  into.treated_missing += part.treated_missing;
  into.careless_flagged += part.careless_flagged;
  into.careless_excluded += part.careless_excluded;
  if (part.stats) into.stats = into.stats ? stats::merge(*into.stats, *part.stats) : *part.stats;
}

// Splits a record of a chunk known to hold no quote: fields end at the delimiter, the record
// at '\n' (the chunk ends with one), and a CR before it is dropped. Sixteen bytes at a time
// where SSE2 is available (every x86-64), a byte at a time for the rest.
SplitRecord split_plain(std::string_view text, std::size_t pos, char delimiter,
                        std::vector<std::string_view>& fields, std::size_t& n_fields,
                        std::size_t max_fields) {
  // Fields are written through a pointer into a vector kept at least as long as any row; past
  // max_fields they are only counted, so that a row of delimiters cannot take memory.
  if (fields.size() < 64) fields.resize(64);
  std::string_view* out = fields.data();
  std::size_t cap = fields.size();
  std::size_t n = 0;
  SplitRecord r;
  const auto push = [&](const char* begin, std::size_t length) {
    if (n == cap) {
      if (n >= max_fields) {
        ++r.extra_fields;
        return;
      }
      fields.resize(std::min(2 * cap, std::max(max_fields, cap + 1)));
      cap = fields.size();
      out = fields.data();
    }
    out[n++] = std::string_view(begin, length);
  };
  const char* base = text.data();
  std::size_t start = pos;
  std::size_t k = pos;
#if defined(__SSE2__)
  const __m128i want_delim = _mm_set1_epi8(delimiter);
  const __m128i want_nl = _mm_set1_epi8('\n');
  while (k + 16 <= text.size()) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + k));
    auto delims = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, want_delim)));
    const auto nls = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, want_nl)));
    if (nls != 0) delims &= (nls & (0U - nls)) - 1;  // only the delimiters before the line end
    while (delims != 0) {
      const std::size_t at = k + static_cast<std::size_t>(__builtin_ctz(delims));
      push(base + start, at - start);
      start = at + 1;
      delims &= delims - 1;
    }
    if (nls != 0) {
      k += static_cast<std::size_t>(__builtin_ctz(nls));
      break;
    }
    k += 16;
  }
#endif
  for (; base[k] != '\n'; ++k) {
    if (base[k] == delimiter) {
      push(base + start, k - start);
      start = k + 1;
    }
  }
  std::size_t end = k;
  if (end > start && base[end - 1] == '\r') --end;
  r.next = k + 1;
  r.newlines = 1;
  if (end == pos) {
    r.blank = true;
    n_fields = 0;
    return r;
  }
  push(base + start, end - start);
  n_fields = n;
  return r;
}

// Adds a processed row to the statistics: scored rows only (ok or incomplete).
void add_to_stats(const RowPlan& p, RowKind kind, RowScratch& s, stats::Accumulator* acc) {
  if (acc == nullptr || (kind != RowKind::ok && kind != RowKind::incomplete)) return;
  const std::size_t n_scales = p.ins->scales.size();
  s.scores.resize(n_scales);
  for (std::size_t sc = 0; sc < n_scales; ++sc) s.scores[sc] = s.raw[sc].value;
  if (s.block.width == 0) s.block = stats::make_block(acc->layout);
  stats::append_row(s.block, s.values, s.scores);
  // Blocks of 4096 rows (1.2 MB for ECR-R): add_rows merges its sums once per call.
  if (s.block.rows() >= 4096) {
    stats::add_rows(*acc, s.block);
    s.block.values.clear();
  }
}

// Adds the rows still waiting in the scratch block to the statistics.
void flush_stats(RowScratch& s, stats::Accumulator* acc) {
  if (acc == nullptr || s.block.values.empty()) return;
  stats::add_rows(*acc, s.block);
  s.block.values.clear();
}

void process_chunk(const RowPlan& p, char delimiter, const TableChunk& chunk, std::string& out,
                   BatchSummary& counts, RowScratch& s) {
  s.out_used = 0;
  counts = BatchSummary{};
  stats::Accumulator* acc = nullptr;
  if (p.opt->stats) {
    counts.stats = stats::make_accumulator(p.layout);
    acc = &*counts.stats;
  }
  const std::string_view text = chunk.text;
  if (chunk.quotes) s.unescaped.reserve(text.size());
  std::size_t pos = chunk.begin;
  std::uint64_t line = chunk.first_line;
  while (pos < text.size()) {
    std::size_t n_fields = 0;
    SplitRecord r;
    if (chunk.quotes) {
      r = split_record(text, pos, delimiter, s.fields, s.unescaped, p.n_fields + 1);
      n_fields = s.fields.size();
    } else {
      r = split_plain(text, pos, delimiter, s.fields, n_fields, p.n_fields + 1);
    }
    if (!r.blank) {
      const RowKind kind = process_row(
          p, std::span<const std::string_view>(s.fields.data(), n_fields), r, line, out, s);
      add_to_stats(p, kind, s, acc);
      count(counts, kind);
      if (s.careless && s.careless->flags.any()) ++counts.careless_flagged;
      if (kind != RowKind::invalid && kind != RowKind::parse_error) {
        counts.treated_missing += s.invalid_items.size();
      }
    }
    line += r.newlines;
    pos = r.next;
  }
  flush_stats(s, acc);
  out.resize(s.out_used);
}

std::string header_text(const RowPlan& p) {
  std::string out;
  if (p.opt->format == BatchFormat::jsonl) return out;
  for (std::size_t i = 0; i < p.out_columns.size(); ++i) {
    if (i > 0) out.push_back(p.delimiter);
    append_text_field(p, out, p.out_columns[i]);
  }
  out.push_back('\n');
  return out;
}

bool is_import_id_row(const std::vector<std::string>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const std::string& f) {
    const std::string_view t = trim(f);
    return t.substr(0, 12) == "{\"ImportId\":";
  });
}

// Chunks in flight between the reader, the workers and the writer.
struct Job {
  TableChunk in;
  std::string out;
  BatchSummary counts;
  std::exception_ptr failure;
  bool done = false;
};

class Pipeline {
 public:
  Pipeline(const RowPlan& plan, char delimiter, unsigned threads)
      : plan_(plan), delimiter_(delimiter) {
    for (unsigned t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
  }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  ~Pipeline() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    queued_cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  void submit(Job* job) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(job);
    }
    queued_cv_.notify_one();
  }

  void wait(Job* job) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_cv_.wait(lock, [job] { return job->done; });
  }

 private:
  void work() {
    RowScratch scratch;
    while (true) {
      Job* job = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        queued_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = queue_.front();
        queue_.pop_front();
      }
      try {
        process_chunk(plan_, delimiter_, job->in, job->out, job->counts, scratch);
      } catch (...) {
        job->failure = std::current_exception();
      }
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        job->done = true;
      }
      done_cv_.notify_all();
    }
  }

  const RowPlan& plan_;
  char delimiter_;
  std::mutex mutex_;
  std::condition_variable queued_cv_;
  std::condition_variable done_cv_;
  std::deque<Job*> queue_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::vector<std::string> item_columns(const Instrument& ins, const ColumnSpec& spec) {
  const ItemOrder& order = order_or_throw(ins, spec.order);
  const std::size_t n = ins.items.size();
  std::vector<std::string> columns(n);
  std::vector<bool> mapped(n, false);
  if (!spec.pattern.empty()) {
    check_pattern(spec.pattern);
    for (std::size_t pos = 0; pos < order.items.size(); ++pos) {
      columns[order.items[pos]] = expand_pattern(spec.pattern, pos + 1);
    }
  } else if (spec.map.empty()) {
    for (std::size_t i = 0; i < n; ++i) columns[i] = ins.items[i].id;
  }
  if (!spec.map.empty()) {
    std::vector<Diagnostic> problems;
    std::vector<bool> from_map(n, false);
    apply_map(ins, order, spec, columns, from_map, problems);
    if (spec.pattern.empty()) {
      std::vector<std::string> unmapped;
      for (std::size_t i = 0; i < n; ++i) {
        if (!from_map[i]) unmapped.push_back(ins.items[i].id);
      }
      if (!unmapped.empty()) {
        problems.push_back(
            {ErrorCode::table_mapping, spec.map_source.empty() ? "--map" : spec.map_source,
             std::to_string(unmapped.size()) + " of " + std::to_string(n) +
                 " items are not mapped to a column: " + join(unmapped, ", ") +
                 "; map every item, or give --columns for the ones the map leaves out"});
      }
    }
    if (!problems.empty()) throw Error(std::move(problems));
  }
  // Two items in one column would count one answer twice.
  std::vector<std::string> clashes;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (columns[i] == columns[j]) {
        clashes.push_back(ins.items[i].id + " and " + ins.items[j].id + " -> " + columns[i]);
      }
    }
  }
  if (!clashes.empty()) {
    throw Error(
        ErrorCode::table_column_duplicate,
        spec.map_source.empty() ? (spec.map.empty() ? "--columns" : "--map") : spec.map_source,
        "two items are mapped to one column: " + join(clashes, ", ") +
            "; give each item its own column");
  }
  return columns;
}

std::vector<RecodeEntry> parse_recode(const Instrument& ins, std::string_view text) {
  std::vector<RecodeEntry> out;
  std::vector<Diagnostic> problems;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t end = text.find(',', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view entry = trim(text.substr(i, end - i));
    i = end + 1;
    if (entry.empty()) continue;
    const std::size_t eq = entry.rfind('=');
    if (eq == std::string_view::npos) {
      problems.push_back(
          {ErrorCode::table_mapping, "--recode",
           "entry " + in_quotes(entry) + " has no '='; write TEXT=VALUE, e.g. 'Strongly agree=7'"});
      continue;
    }
    const std::string_view label = trim(entry.substr(0, eq));
    const std::string_view value = trim(entry.substr(eq + 1));
    const int lo = ins.response_scale.min;
    const int hi = ins.response_scale.max;
    const auto v = parse_number(value);
    if (label.empty()) {
      problems.push_back({ErrorCode::table_mapping, "--recode",
                          "entry " + in_quotes(entry) + " has no text before '='"});
    } else if (equal_ci(value, "NA")) {
      out.push_back({std::string(label), missing_answer});
    } else if (!v || *v != std::floor(*v) || *v < lo || *v > hi) {
      problems.push_back({ErrorCode::table_mapping, "--recode",
                          "entry " + in_quotes(entry) + " gives " + in_quotes(value) +
                              ", but the value must be NA or a whole number from " +
                              std::to_string(lo) + " to " + std::to_string(hi)});
    } else {
      out.push_back({std::string(label), *v});
    }
  }
  if (!problems.empty()) throw Error(std::move(problems));
  return out;
}

std::vector<std::string> batch_output_columns(const Instrument& instrument,
                                              const BatchOptions& options) {
  return output_columns(instrument, options,
                        scoring_steps(instrument, options.method, options.norm_set));
}

BatchSummary run_batch(const Instrument& instrument, const BatchOptions& options,
                       TableReader& input, const BatchWriter& write) {
  const auto start = std::chrono::steady_clock::now();
  BatchSummary summary;
  std::vector<std::string> header;
  const std::uint64_t header_line = input.line();
  if (!input.next_record(header)) {
    throw Error(ErrorCode::table_syntax, input.name(),
                "is empty, but must start with a header line naming the columns");
  }
  summary.delimiter = input.delimiter();
  const RowPlan plan = make_plan(instrument, options, header, input.name(), header_line);
  if (options.stats) summary.stats = stats::make_accumulator(stats::layout_of(instrument));
  summary.careless = options.careless.has_value();

  std::vector<std::string> row;
  if (options.detect_qualtrics) {
    std::vector<std::string> second;
    if (input.peek_record(1, second) && is_import_id_row(second)) {
      summary.qualtrics = true;
      summary.rows_skipped = 2;
    } else if (input.peek_record(0, row) && is_import_id_row(row)) {
      summary.qualtrics = true;
      summary.rows_skipped = 1;
    }
  }
  summary.rows_skipped += options.skip_rows;
  for (std::uint64_t k = 0; k < summary.rows_skipped; ++k) {
    if (!input.next_record(row)) break;
  }

  write(header_text(plan));
  const std::uint64_t total = input.size().value_or(0);
  const char delimiter = summary.delimiter;
  if (options.threads <= 1) {
    RowScratch scratch;
    Job job;
    while (input.next_chunk(job.in)) {
      process_chunk(plan, delimiter, job.in, job.out, job.counts, scratch);
      write(job.out);
      add(summary, job.counts);
      if (options.progress) options.progress(input.bytes_consumed(), total);
    }
  } else {
    // Chunks are parsed and scored on the workers and written here, in input order.
    std::deque<std::unique_ptr<Job>> in_flight;
    std::vector<std::unique_ptr<Job>> spare;
    // Bounded: memory is about (chunks in flight) x (1 MiB in + its output), whatever the rows.
    const std::size_t max_in_flight =
        std::size_t{options.threads} + std::min(options.threads, 8U) + 1;
    Pipeline pipeline(plan, delimiter, options.threads);
    const auto finish_front = [&] {
      Job* job = in_flight.front().get();
      pipeline.wait(job);
      if (job->failure) std::rethrow_exception(job->failure);
      write(job->out);
      add(summary, job->counts);
      if (options.progress) options.progress(input.bytes_consumed(), total);
      spare.push_back(std::move(in_flight.front()));
      in_flight.pop_front();
    };
    while (true) {
      if (in_flight.size() >= max_in_flight) finish_front();
      std::unique_ptr<Job> job;
      if (spare.empty()) {
        job = std::make_unique<Job>();
      } else {
        job = std::move(spare.back());
        spare.pop_back();
      }
      if (!input.next_chunk(job->in)) break;
      job->done = false;
      job->failure = nullptr;
      pipeline.submit(job.get());
      in_flight.push_back(std::move(job));
    }
    while (!in_flight.empty()) finish_front();
  }
  summary.seconds = seconds_since(start);
  return summary;
}

BatchSummary run_batch_stat_file(const Instrument& instrument, const BatchOptions& options,
                                 const std::filesystem::path& path, const BatchWriter& write) {
  const auto start = std::chrono::steady_clock::now();
  BatchSummary summary;
  summary.delimiter = '\0';
  summary.careless = options.careless.has_value();
  if (options.stats) summary.stats = stats::make_accumulator(stats::layout_of(instrument));
  std::optional<RowPlan> plan;
  RowScratch scratch;
  std::string out;
  std::vector<std::string_view> views;
  std::uint64_t case_number = 0;
  const std::string name = path.string();
  SplitRecord whole;
  read_stat_file(
      path,
      [&](std::span<const std::string> header) {
        plan = make_plan(instrument, options,
                         std::vector<std::string>(header.begin(), header.end()), name, 0);
        write(header_text(*plan));
      },
      [&](std::span<const std::string> fields) {
        ++case_number;
        if (case_number <= options.skip_rows) {
          ++summary.rows_skipped;
          return;
        }
        views.assign(fields.begin(), fields.end());
        const RowKind kind = process_row(*plan, views, whole, case_number, out, scratch);
        add_to_stats(*plan, kind, scratch, summary.stats ? &*summary.stats : nullptr);
        count(summary, kind);
        if (scratch.careless && scratch.careless->flags.any()) ++summary.careless_flagged;
        if (kind != RowKind::invalid && kind != RowKind::parse_error) {
          summary.treated_missing += scratch.invalid_items.size();
        }
        if (scratch.out_used >= (std::size_t{1} << 20)) {
          write(std::string_view(out.data(), scratch.out_used));
          scratch.out_used = 0;
        }
      });
  if (!plan) {
    throw Error(ErrorCode::table_format, name, "has no variables, so there is nothing to score");
  }
  flush_stats(scratch, summary.stats ? &*summary.stats : nullptr);
  write(std::string_view(out.data(), scratch.out_used));
  summary.seconds = seconds_since(start);
  return summary;
}

std::string batch_summary_json(const Instrument& ins, const BatchOptions& opt,
                               const BatchSummary& sum, std::string_view output_name) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["format"] = "securebase-batch-summary";
  j["format_version"] = 1;
  j["instrument"] = {{"id", ins.id},
                     {"version", ins.version},
                     {"title", ins.title},
                     {"key_fingerprint", ins.key_fingerprint}};
  j["library_version"] = std::string(library_version());
  j["input"] = opt.input_name;
  j["output"] = std::string(output_name);
  j["input_delimiter"] =
      sum.delimiter == '\0' ? std::string("none (SPSS/Stata)") : delimiter_name(sum.delimiter);
  j["qualtrics_export"] = sum.qualtrics;
  ordered_json o;
  o["columns"] = opt.columns.pattern;
  o["map"] = opt.columns.map_source.empty() ? opt.columns.map : opt.columns.map_source;
  o["order"] = opt.columns.order.empty() ? ins.canonical_order.id : opt.columns.order;
  o["id"] = opt.id_column;
  o["keep"] = opt.keep;
  o["missing_codes"] = opt.missing_codes;
  o["recode"] = ordered_json::array();
  for (const RecodeEntry& r : opt.recode) {
    o["recode"].push_back(
        {{"text", r.text},
         {"value", std::isnan(r.value) ? ordered_json(nullptr) : ordered_json(r.value)}});
  }
  o["invalid"] = opt.invalid == InvalidPolicy::error ? "error" : "missing";
  o["score"] = opt.method ? std::string(to_string(*opt.method)) : std::string("declared");
  o["norms"] = opt.norm_set;
  o["explain"] = opt.explain;
  o["skip_rows"] = opt.skip_rows;
  o["format"] = opt.format == BatchFormat::csv   ? "csv"
                : opt.format == BatchFormat::tsv ? "tsv"
                                                 : "jsonl";
  o["threads"] = opt.threads;
  o["raw_text"] = opt.raw_text;
  j["options"] = o;
  j["rows"] = {{"read", sum.rows},
               {"ok", sum.ok},
               {"incomplete", sum.incomplete},
               {"invalid", sum.invalid},
               {"parse_error", sum.parse_errors},
               {"skipped_after_header", sum.rows_skipped},
               {"values_treated_missing", sum.treated_missing}};
  if (opt.careless) {
    j["rows"]["careless_flagged"] = sum.careless_flagged;
    j["rows"]["careless_excluded"] = sum.careless_excluded;
  }
  j["seconds"] = sum.seconds;
  j["rows_per_second"] = sum.rows_per_second();
  ordered_json scales = ordered_json::array();
  const ScoringSteps steps = scoring_steps(ins, opt.method, "");
  for (const ScaleStep& step : steps.scales) {
    const Scale& sc = ins.scales[step.scale];
    scales.push_back({{"id", sc.id}, {"name", sc.name}, {"rule", rule_summary(ins, step)}});
  }
  j["scales"] = scales;
  return j.dump(2) + "\n";
}

std::string batch_summary_text(const BatchSummary& s) {
  const auto plural = [](std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.3f", s.seconds);
  std::string out = plural(s.rows, "row", "rows") + " read: " + std::to_string(s.ok) + " ok, " +
                    std::to_string(s.incomplete) + " incomplete, " + std::to_string(s.invalid) +
                    " invalid, " + plural(s.parse_errors, "parse error", "parse errors") + "; " +
                    secs + " s";
  if (s.seconds > 0) {
    out += ", " + std::to_string(static_cast<std::uint64_t>(s.rows_per_second())) + " rows/s";
  }
  if (s.qualtrics) out += "; Qualtrics export detected";
  if (s.rows_skipped > 0) {
    out += "; " + plural(s.rows_skipped, "row", "rows") + " after the header skipped";
  }
  if (s.treated_missing > 0) {
    out += "; " + plural(s.treated_missing, "invalid answer", "invalid answers") +
           " counted as missing";
  }
  if (s.careless) {
    out += "; " + plural(s.careless_flagged, "row", "rows") + " flagged as careless, " +
           std::to_string(s.careless_excluded) + " excluded";
  }
  return out;
}

}  // namespace securebase
