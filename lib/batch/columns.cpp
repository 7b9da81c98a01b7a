// securebase batch: which column holds each item (--columns, --map, --order) and --recode.
#include <charconv>
#include <cmath>

#include "batch/text.hpp"
#include "securebase/batch/batch.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/responses.hpp"

namespace securebase {

using namespace batch_detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

const ItemOrder& order_or_throw(const Instrument& ins, const std::string& id) {
  if (id.empty()) return ins.canonical_order();
  if (const ItemOrder* o = ins.find_order(id)) return *o;
  std::vector<std::string> ids{ins.canonical_order().id};
  for (const ItemOrder& o : ins.alternative_orders()) ids.push_back(o.id);
  throw Error(ErrorCode::table_mapping, "--order",
              "order " + in_quotes(id) + " is not an order of " + ins.id() +
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
                              "item " + in_quotes(item) + " is not an item of " + ins.id() +
                                  "; name items by id (e.g. " + ins.items().front().id +
                                  ") or by number (1-" + std::to_string(order.items.size()) + ")"});
        } else if (column.empty()) {
          problems.push_back({ErrorCode::table_mapping, where,
                              "item " + in_quotes(item) + " is mapped to an empty column name"});
        } else if (mapped[*index]) {
          problems.push_back({ErrorCode::table_mapping, where,
                              "item " + ins.items()[*index].id + " is mapped twice"});
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

}  // namespace

std::vector<std::string> item_columns(const Instrument& ins, const ColumnSpec& spec) {
  const ItemOrder& order = order_or_throw(ins, spec.order);
  const std::size_t n = ins.items().size();
  std::vector<std::string> columns(n);
  std::vector<bool> mapped(n, false);
  if (!spec.pattern.empty()) {
    check_pattern(spec.pattern);
    for (std::size_t pos = 0; pos < order.items.size(); ++pos) {
      columns[order.items[pos]] = expand_pattern(spec.pattern, pos + 1);
    }
  } else if (spec.map.empty()) {
    for (std::size_t i = 0; i < n; ++i) columns[i] = ins.items()[i].id;
  }
  if (!spec.map.empty()) {
    std::vector<Diagnostic> problems;
    std::vector<bool> from_map(n, false);
    apply_map(ins, order, spec, columns, from_map, problems);
    if (spec.pattern.empty()) {
      std::vector<std::string> unmapped;
      for (std::size_t i = 0; i < n; ++i) {
        if (!from_map[i]) unmapped.push_back(ins.items()[i].id);
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
        clashes.push_back(ins.items()[i].id + " and " + ins.items()[j].id + " -> " + columns[i]);
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
  // Entries are separated by ';' when there is one (so that a text may hold a comma, as
  // "1,00" in a decimal-comma export does), else by ','.
  const char separator = text.find(';') != std::string_view::npos ? ';' : ',';
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t end = text.find(separator, i);
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
    const int lo = ins.response_scale().min;
    const int hi = ins.response_scale().max;
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

}  // namespace securebase
