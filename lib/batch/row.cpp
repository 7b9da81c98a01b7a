// securebase batch: one row: read (parse errors, a repeated header, every answer cell), scored
// through the per-scale step (core/scale_step.hpp), checked for careless responding, and handed
// to the writer of the run's format.
#include "batch/row.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "batch/writers.hpp"
#include "core/utf8.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scale_step.hpp"

namespace securebase::batch_detail {

namespace {

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

// The status of a row the table splitter could not read as one record of the header's width.
std::string parse_error_status(const RowPlan& p, std::span<const std::string_view> fields,
                               const SplitRecord& split) {
  if (fields.size() != p.n_fields) {
    return "parse_error:found " + std::to_string(fields.size() + split.extra_fields) +
           " fields; expected " + std::to_string(p.n_fields);
  }
  if (split.bad_quote != 0) {
    return "parse_error:text after the closing quote of field " + std::to_string(split.bad_quote);
  }
  return "parse_error:quote never closed";
}

// Reads every answer cell into s.values (NaN = missing) and lists the invalid ones.
void read_answers(const RowPlan& p, std::span<const std::string_view> fields, RowScratch& s) {
  const std::size_t n_items = p.item_col.size();
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
    // An empty cell is missing, as classify makes it; NaN is not < 0, so it is not slow.
    const double v = f.size() == 1 ? fast[static_cast<unsigned char>(f[0])]
                     : f.empty()   ? missing_answer
                                   : -1.0;
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
  for (const std::size_t i : s.invalid_items) add_invalid(p, i, fields[p.item_col[i]], s);
}

// True when every field of a row is blank (a spreadsheet's delimiter-only trailing row).
bool all_blank(std::span<const std::string_view> fields) noexcept {
  for (const std::string_view f : fields) {
    if (!trim(f).empty()) return false;
  }
  return true;
}

// Reads a row: a parse error, a repeated header, an empty row, invalid answers (--invalid
// error) or ok; s.any_answer tells whether any item was answered.
RowKind read_row(const RowPlan& p, std::span<const std::string_view> fields,
                 const SplitRecord& split, RowScratch& s) {
  s.any_answer = false;
  if (split.bad_quote != 0 || split.unterminated || fields.size() != p.n_fields) {
    if (split.bad_quote == 0 && !split.unterminated && split.extra_fields == 0 &&
        all_blank(fields)) {
      s.status = "empty";
      return RowKind::empty;
    }
    s.status = parse_error_status(p, fields, split);
    return RowKind::parse_error;
  }
  if (is_header_copy(p, fields)) {
    // Counted as a parse error under every --invalid policy, never scored as empty answers.
    s.status = "parse_error:header_repeated";
    return RowKind::parse_error;
  }
  read_answers(p, fields, s);
  s.any_answer =
      std::any_of(s.values.begin(), s.values.end(), [](double v) { return !std::isnan(v); });
  if (!s.any_answer && s.invalid_items.empty() && all_blank(fields)) {
    s.status = "empty";
    return RowKind::empty;
  }
  if (!s.invalid_items.empty() && p.opt->invalid == InvalidPolicy::error) {
    s.status = "invalid:" + s.invalid_text;
    return RowKind::invalid;
  }
  return RowKind::ok;
}

// Scores a row that was read: the kernel, then every scale's step; incomplete when a scale
// has too few answers for a score.
RowKind score_row(const RowPlan& p, RowScratch& s) {
  const Instrument& ins = *p.ins;
  const std::size_t n_scales = ins.scales().size();
  RowKind kind = RowKind::ok;
  s.raw.resize(n_scales);
  score_raw(ins.plan(), s.values, s.raw, p.opt->method);
  for (std::size_t sc = 0; sc < n_scales; ++sc) {
    s.outcomes[sc] = apply_step(p.steps.scales[sc], s.raw[sc]);
    if (s.outcomes[sc].scored) continue;
    if (kind == RowKind::ok) {
      kind = RowKind::incomplete;
      s.status = "incomplete:";
    } else {
      s.status.push_back(';');
    }
    s.status += ins.scales()[sc].id;
  }
  return kind;
}

}  // namespace

void add_invalid(const RowPlan& p, std::size_t item, std::string_view value, RowScratch& s) {
  if (!s.invalid_text.empty()) s.invalid_text.push_back(';');
  s.invalid_text += p.item_name[item];
  s.invalid_text.push_back('=');
  // Control bytes and bytes that are not UTF-8 are written as \xNN, never copied raw.
  s.invalid_text += detail::printable(trim(value), 40);
}

void start_row(const RowPlan& p, RowScratch& s) {
  s.status.clear();
  s.invalid_text.clear();
  s.invalid_items.clear();
  // The writers look at every scale's outcome, also of rows that were not scored (and then
  // use none of it): the vector always has one per scale.
  s.outcomes.resize(p.steps.scales.size());
}

RowKind finish_row(const RowPlan& p, RowKind read, RowScratch& s, bool& scored) {
  const BatchOptions& opt = *p.opt;
  RowKind kind = read;
  scored = kind == RowKind::ok;
  if (scored) kind = score_row(p, s);
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
  return kind;
}

RowKind process_row(const RowPlan& p, std::span<const std::string_view> fields,
                    const SplitRecord& split, std::uint64_t line, std::string& out, RowScratch& s) {
  const BatchOptions& opt = *p.opt;
  start_row(p, s);
  bool scored = false;
  const RowKind kind = finish_row(p, read_row(p, fields, split, s), s, scored);
  const Row row{fields, line, kind, scored,
                kind == RowKind::ok ? std::string_view("ok") : std::string_view(s.status)};
  if (opt.format != BatchFormat::jsonl && !opt.explain && !opt.careless) {
    write_csv_fast_row(p, row, out, s);
    return kind;
  }
  // Other forms append: the text so far is the output up to out_used.
  out.resize(s.out_used);
  if (opt.format == BatchFormat::jsonl) {
    write_jsonl_row(p, row, out, s);
  } else {
    write_csv_row(p, row, out, s);
  }
  s.out_used = out.size();
  return kind;
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

void item_list(const RowPlan& p, std::size_t scale, RowScratch& s, bool reversed,
               std::string& out) {
  s.items.clear();
  scale_items(*p.ins, scale, s.values, reversed, s.items);
  for (std::size_t k = 0; k < s.items.size(); ++k) {
    if (k > 0) out.push_back(' ');
    out += p.ins->items()[s.items[k]].id;
  }
}

const char* bound_name(PercentileBound bound) noexcept {
  return bound == PercentileBound::exact     ? "exact"
         : bound == PercentileBound::at_most ? "at_most"
                                             : "at_least";
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
    case RowKind::empty:
      ++sum.empty;
      break;
  }
}

namespace {

// The lowest and highest of n values and how many are not NaN, NaN (missing) changing neither
// end nor the count. Branch-free and in independent lanes (one running minimum is a chain the
// processor waits on: with it this took 15% of a run on a 36-item file); min and max do not
// depend on the order, so the lanes give the one loop's result. SSE2's minpd(x, lo) is exactly
// `x < lo ? x : lo`.
void answer_ends(const double* v, std::size_t size, double& lowest, double& highest,
                 std::uint64_t& count) noexcept {
  double lo[4] = {HUGE_VAL, HUGE_VAL, HUGE_VAL, HUGE_VAL};
  double hi[4] = {-HUGE_VAL, -HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
  std::uint64_t n = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  __m128d lo_a = _mm_set1_pd(HUGE_VAL), lo_b = lo_a;
  __m128d hi_a = _mm_set1_pd(-HUGE_VAL), hi_b = hi_a;
  __m128i n_a = _mm_setzero_si128(), n_b = n_a;
  for (; i + 4 <= size; i += 4) {
    const __m128d a = _mm_loadu_pd(v + i);
    const __m128d b = _mm_loadu_pd(v + i + 2);
    lo_a = _mm_min_pd(a, lo_a);
    lo_b = _mm_min_pd(b, lo_b);
    hi_a = _mm_max_pd(a, hi_a);
    hi_b = _mm_max_pd(b, hi_b);
    // An ordered lane's mask is all ones, -1 as an integer: subtracting it counts the lane.
    n_a = _mm_sub_epi64(n_a, _mm_castpd_si128(_mm_cmpord_pd(a, a)));
    n_b = _mm_sub_epi64(n_b, _mm_castpd_si128(_mm_cmpord_pd(b, b)));
  }
  _mm_storeu_pd(lo, lo_a);
  _mm_storeu_pd(lo + 2, lo_b);
  _mm_storeu_pd(hi, hi_a);
  _mm_storeu_pd(hi + 2, hi_b);
  std::uint64_t lanes[2];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes), _mm_add_epi64(n_a, n_b));
  n = lanes[0] + lanes[1];
#endif
  for (; i < size; ++i) {
    const double x = v[i];
    lo[0] = x < lo[0] ? x : lo[0];
    hi[0] = x > hi[0] ? x : hi[0];
    n += std::isnan(x) ? 0U : 1U;
  }
  lowest = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
  highest = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
  count = n;
}

}  // namespace

void note_answers(RowKind kind, const RowScratch& s, BatchSummary& sum) {
  if ((kind != RowKind::ok && kind != RowKind::incomplete) || !s.any_answer) return;
  double lo = 0;
  double hi = 0;
  std::uint64_t n = 0;
  answer_ends(s.values.data(), s.values.size(), lo, hi, n);
  stats::AnswerRange& a = sum.answers;
  a.lowest = a.answers == 0 ? lo : std::min(a.lowest, lo);
  a.highest = a.answers == 0 ? hi : std::max(a.highest, hi);
  a.answers += n;
}

void add(BatchSummary& into, const BatchSummary& part) {
  if (part.answers.answers > 0) {
    stats::AnswerRange& a = into.answers;
    a.lowest = a.answers == 0 ? part.answers.lowest : std::min(a.lowest, part.answers.lowest);
    a.highest = a.answers == 0 ? part.answers.highest : std::max(a.highest, part.answers.highest);
    a.answers += part.answers.answers;
  }
  into.rows += part.rows;
  into.ok += part.ok;
  into.incomplete += part.incomplete;
  into.invalid += part.invalid;
  into.parse_errors += part.parse_errors;
  into.empty += part.empty;
  into.treated_missing += part.treated_missing;
  into.careless_flagged += part.careless_flagged;
  into.careless_excluded += part.careless_excluded;
  if (part.stats) into.stats = into.stats ? stats::merge(*into.stats, *part.stats) : *part.stats;
}

// Adds a processed row to the statistics: scored rows (ok or incomplete) with an answer.
void add_to_stats(const RowPlan& p, RowKind kind, RowScratch& s, stats::Accumulator* acc) {
  if (acc == nullptr || (kind != RowKind::ok && kind != RowKind::incomplete)) return;
  if (!s.any_answer) return;  // nothing answered: not a respondent of the statistics
  const std::size_t n_scales = p.ins->scales().size();
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

}  // namespace securebase::batch_detail
