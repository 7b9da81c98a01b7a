// securebase batch: the row plan (columns, codes, scoring steps, output columns) and how one
// answer cell is read.
#include "batch/plan.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "batch/text.hpp"
#include "core/utf8.hpp"
#include "io/json_text.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/version.hpp"

namespace securebase::batch_detail {

namespace {

// "file:line"; a file without lines (SPSS, Stata: line 0) is named alone.
std::string location(const std::string& name, std::uint64_t line) {
  return line == 0 ? name : name + ":" + std::to_string(line);
}

// Edit distance between two names, ignoring case (Levenshtein: insert, delete, replace).
std::size_t distance_ci(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The header names nearest to `name` (up to three at the smallest distance, which may be at
// most a third of its length, and 2 in any case), written printable: "'ECR_1'"; empty when
// none is that near.
std::string closest_names(std::string_view name, const std::vector<std::string>& header) {
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  std::vector<std::pair<std::size_t, std::size_t>> near;  // (distance, column)
  for (std::size_t c = 0; c < header.size() && c < 100000; ++c) {
    const std::string_view h = trim(header[c]);
    if (h.size() > name.size() + limit || name.size() > h.size() + limit) continue;
    const std::size_t d = distance_ci(name, h);
    if (d <= limit) near.emplace_back(d, c);
  }
  std::stable_sort(near.begin(), near.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::string out;
  for (std::size_t k = 0; k < near.size() && k < 3 && near[k].first == near[0].first; ++k) {
    out += (k == 0 ? "" : ", ") + in_quotes(detail::printable(trim(header[near[k].second]), 40));
  }
  return out;
}

// The header column of every item, then of --id, then of each --keep, in that order. Throws
// 702 (columns missing, each named with what it is for and a same-name-but-case hint) and 703
// (columns repeated), each with every problem listed.
std::vector<std::size_t> find_columns(const Instrument& ins, const BatchOptions& opt,
                                      const std::vector<std::string>& item_name,
                                      const std::vector<std::string>& header,
                                      const std::string& input_name, const std::string& where) {
  // Every column the run needs, with what it is for.
  struct Wanted {
    std::string name;
    std::string role;
  };
  std::vector<Wanted> wanted;
  for (std::size_t i = 0; i < ins.items().size(); ++i) {
    wanted.push_back({item_name[i], "item " + ins.items()[i].id});
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
      std::string hint;
      if (!other_case.empty()) {
        hint = "; the header has " + in_quotes(other_case);
      } else if (const std::string near = closest_names(wanted[w].name, header); !near.empty()) {
        hint = "; closest in the header: " + near;
      }
      missing.push_back(wanted[w].name + " (" + wanted[w].role + hint + ")");
    } else if (at.size() > 1) {
      std::string cols;
      for (const std::size_t c : at) cols += (cols.empty() ? "" : ", ") + std::to_string(c + 1);
      duplicated.push_back(wanted[w].name + " (" + wanted[w].role + ", columns " + cols + ")");
    } else {
      index[w] = at.front();
    }
  }
  std::vector<Diagnostic> problems;
  if (!missing.empty()) {
    problems.push_back(
        {ErrorCode::table_column_missing, where,
         std::to_string(missing.size()) + (missing.size() == 1 ? " column is" : " columns are") +
             " not in the header: " + join(missing, ", ") +
             "; map items to columns with --columns 'PREFIX{n}' or --map ITEM=COLUMN ('securebase "
             "columns " +
             (input_name == "<stdin>" ? std::string("-") : input_name) +
             "' lists every column, with labels for SPSS and Stata)"});
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

  return index;
}

}  // namespace

namespace {

// The number a cell holds: with a decimal comma, "2,5" is 2.5 (and "2.5" is not a number).
std::optional<double> cell_number(const RowPlan& p, std::string_view f) {
  if (!p.decimal_comma || f.find_first_of(",.") == std::string_view::npos) return parse_number(f);
  if (f.find('.') != std::string_view::npos || f.size() > 64) return std::nullopt;
  char buffer[64];
  f.copy(buffer, f.size());
  std::replace(buffer, buffer + f.size(), ',', '.');
  return parse_number(std::string_view(buffer, f.size()));
}

// "d,dd" (with an optional sign): 1 for a decimal comma, 2 for a decimal point, else 0.
int decimal_kind(std::string_view f) {
  f = trim(f);
  if (!f.empty() && (f.front() == '-' || f.front() == '+')) f.remove_prefix(1);
  const std::size_t mark = f.find_first_of(",.");
  if (mark == 0 || mark == std::string_view::npos || mark + 1 == f.size()) return 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (i != mark && (f[i] < '0' || f[i] > '9')) return 0;
  }
  return f[mark] == ',' ? 1 : 2;
}

}  // namespace

bool looks_like_decimal_comma(const RowPlan& p, const std::vector<std::vector<std::string>>& rows) {
  std::size_t commas = 0;
  for (const std::vector<std::string>& row : rows) {
    for (const std::size_t c : p.item_col) {
      if (c >= row.size()) continue;
      const int kind = decimal_kind(row[c]);
      if (kind == 2) return false;
      commas += kind == 1 ? 1 : 0;
    }
  }
  return commas > 0;
}

Classified classify_number(const RowPlan& p, double v) {
  for (const double code : p.numeric_missing) {
    if (v == code) return {Answer::missing, 0};
  }
  if (v >= p.min && v <= p.max && v == std::floor(v)) return {Answer::value, v};
  return {Answer::invalid, 0};
}

Classified classify(const RowPlan& p, std::string_view raw) {
  const std::string_view f = trim(raw);
  if (f.empty()) return {Answer::missing, 0};
  const char last = lower(f.back());
  for (std::size_t i = 0; i < p.opt->recode.size(); ++i) {
    const RecodeEntry& r = p.opt->recode[i];
    // An export spells its labels as the --recode list does, most often: a byte compare first.
    if (f.size() == r.text.size() && last == p.recode_last[i] &&
        (f == r.text || equal_ci(f, r.text))) {
      return std::isnan(r.value) ? Classified{Answer::missing, 0}
                                 : Classified{Answer::value, r.value};
    }
  }
  if (const auto v = cell_number(p, f)) return classify_number(p, *v);
  if (is_na(f, NaSpelling::any_case)) return {Answer::missing, 0};
  for (const std::string& code : p.text_missing) {
    if (equal_ci(f, code)) return {Answer::missing, 0};
  }
  const auto& labels = p.ins->response_scale().labels;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (equal_ci(f, trim(labels[i]))) return {Answer::value, p.min + static_cast<double>(i)};
  }
  return {Answer::invalid, 0};
}

namespace {

// Refuses an output with two columns of one name (a reader such as R's read.csv would
// silently pick one): 703 naming both columns and how to tell them apart. JSONL nests the id
// and the kept columns, so there only the kept columns can clash.
void check_output_names(const BatchOptions& opt, const std::vector<std::string>& cols,
                        const std::vector<std::string>& roles) {
  const std::size_t passed = 1 + (opt.id_column.empty() ? 0 : 1) + opt.keep.size();
  const bool jsonl = opt.format == BatchFormat::jsonl;
  const std::size_t first = jsonl ? passed - opt.keep.size() : 0;
  const std::size_t last = jsonl ? passed : cols.size();
  std::vector<Diagnostic> problems;
  for (std::size_t i = first; i < last; ++i) {
    for (std::size_t j = i + 1; j < last; ++j) {
      if (cols[i] != cols[j]) continue;
      const bool added = i == 0 || j >= passed;  // column 0 is securebase's "line"
      problems.push_back(
          {ErrorCode::table_column_duplicate, added ? "--prefix" : "--keep",
           "the output would have two columns named " + in_quotes(cols[i]) + ": " + roles[i] +
               " and " + roles[j] +
               (added ? "; give --prefix TEXT (e.g. --prefix sb_) to prefix every column "
                        "securebase adds, or leave the input column out"
                      : "; pass each input column through once")});
    }
  }
  if (!problems.empty()) throw Error(std::move(problems));
}

}  // namespace

std::vector<std::string> output_columns(const Instrument& ins, const BatchOptions& opt,
                                        const ScoringSteps& steps) {
  const std::string& pre = opt.prefix;
  std::vector<std::string> cols{pre + "line"};
  std::vector<std::string> roles{"the line number securebase adds"};
  if (!opt.id_column.empty()) {
    cols.push_back(opt.id_column);
    roles.push_back("the --id column");
  }
  for (const std::string& k : opt.keep) {
    cols.push_back(k);
    roles.push_back("the --keep column " + in_quotes(k));
  }
  const auto added = [&](std::string name) {
    roles.push_back("the column " + in_quotes(name) + " securebase adds");
    cols.push_back(std::move(name));
  };
  for (std::size_t s = 0; s < ins.scales().size(); ++s) {
    const std::string id = pre + ins.scales()[s].id;
    added(id);
    added(id + "_answered");
    added(id + "_missing");
    const bool normed = steps.scales[s].norm != nullptr;
    if (normed) {
      added(id + "_z");
      added(id + "_t");
      added(id + "_percentile");
    }
    if (opt.explain) {
      added(id + "_reversed_items");
      added(id + "_missing_items");
      added(id + "_rule");
      if (normed) added(id + "_percentile_bound");
    }
  }
  if (opt.careless) {
    for (const char* c :
         {"longstring", "irv", "mahalanobis_d2", "mahalanobis_p", "even_odd", "careless_flags"}) {
      added(pre + c);
    }
  }
  added(pre + "status");
  if (opt.invalid == InvalidPolicy::missing) added(pre + "invalid_values");
  check_output_names(opt, cols, roles);
  return cols;
}

RowPlan make_plan(const Instrument& ins, const BatchOptions& opt,
                  const std::vector<std::string>& header, const std::string& input_name,
                  std::uint64_t header_line) {
  RowPlan p;
  p.ins = &ins;
  p.opt = &opt;
  p.n_fields = header.size();
  p.min = ins.response_scale().min;
  p.max = ins.response_scale().max;
  p.delimiter = opt.format == BatchFormat::tsv ? '\t' : ',';
  p.decimal_comma = opt.decimal == DecimalMark::comma;
  p.neutralise = opt.format != BatchFormat::jsonl && !opt.raw_text;
  p.header = header;
  p.item_name = item_columns(ins, opt.columns);

  const std::vector<std::size_t> index =
      find_columns(ins, opt, p.item_name, header, input_name, location(input_name, header_line));
  p.item_col.assign(index.begin(), index.begin() + static_cast<std::ptrdiff_t>(ins.items().size()));
  std::size_t w = ins.items().size();
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
  for (const RecodeEntry& r : opt.recode)
    p.recode_last.push_back(r.text.empty() ? '\0' : lower(r.text.back()));
  // The fast path of a one-digit answer: what classify() gives it, looked up. A --recode text
  // may be a digit, so with --recode every cell is classified in full. A digit that is a
  // numeric missing code is missing (missing_answer, as classify makes it); one off the scale
  // stays -1 (classified, to be reported invalid). tests/batch_files_test.cpp checks that this
  // gives the same bytes as classify on every digit.
  p.fast_value.fill(-1);
  if (opt.recode.empty()) {
    for (int c = '0'; c <= '9'; ++c) {
      const double v = c - '0';
      const bool code = std::find(p.numeric_missing.begin(), p.numeric_missing.end(), v) !=
                        p.numeric_missing.end();
      if (code) {
        p.fast_value[static_cast<std::size_t>(c)] = missing_answer;
      } else if (v >= p.min && v <= p.max) {
        p.fast_value[static_cast<std::size_t>(c)] = v;
      }
    }
  }
  p.steps = scoring_steps(ins, opt.method, opt.norm_set);
  p.out_columns = output_columns(ins, opt, p.steps);
  p.jsonl_tail = ",\"instrument\":";
  detail::append_json_string(p.jsonl_tail, ins.id());
  p.jsonl_tail += ",\"instrument_version\":";
  detail::append_json_string(p.jsonl_tail, ins.version());
  p.jsonl_tail += ",\"key_fingerprint\":";
  detail::append_json_string(p.jsonl_tail, ins.key_fingerprint());
  p.jsonl_tail += ",\"library_version\":";
  detail::append_json_string(p.jsonl_tail, library_version());
  p.jsonl_tail += "}\n";
  if (opt.stats) p.layout = stats::layout_of(ins);
  return p;
}

}  // namespace securebase::batch_detail
