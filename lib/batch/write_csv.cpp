// securebase batch: the CSV/TSV writer: the header, the common row written straight into
// reserved room (the fast path), and the row with --explain or --careless columns.
#include <algorithm>
#include <cmath>

#include "batch/writers.hpp"
#include "io/table_fields.hpp"

namespace securebase::batch_detail {

namespace {

// Writes user text as a field at `w`, guarded against formulas unless raw_text.
char* write_text(const RowPlan& p, char* w, std::string_view f) noexcept {
  return write_field(w, f, p.delimiter, p.neutralise && formula_like(f));
}

// The most bytes the common row can take (each field at most 2 * size + 3).
std::size_t fast_room(const RowPlan& p, const Row& row, const RowScratch& s) {
  std::size_t room = 24 + 3 + 2 * row.status.size() + 3 + 2 * s.invalid_text.size();
  if (p.id_col) room += 3 + 2 * field_or_empty(row.fields, *p.id_col).size();
  for (const std::size_t k : p.keep_cols) room += 3 + 2 * field_or_empty(row.fields, k).size();
  // Per scale: 4 numbers (32 bytes each are copied), 2 counts, 6 delimiters.
  return room + p.steps.scales.size() * 180;
}

// The score, answered, missing (and z, T, percentile) cells of every scale, at `w`.
char* write_fast_scales(const RowPlan& p, const Row& row, RowScratch& s, char* w) noexcept {
  const char d = p.delimiter;
  for (std::size_t sc = 0; sc < p.steps.scales.size(); ++sc) {
    const ScaleOutcome& o = s.outcomes[sc];
    const bool has = row.scored && o.scored;
    *w++ = d;
    if (has) w = s.numbers.write(w, o.value);
    *w++ = d;
    if (row.scored) w = write_count(w, o.n_answered);
    *w++ = d;
    if (row.scored) w = write_count(w, o.n_missing);
    if (p.steps.scales[sc].norm == nullptr) continue;
    if (has) {
      const NormScore ns = step_norm_score(p.steps, p.steps.scales[sc], o.value);
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
  return w;
}

// The cells of one scale in the appending writer: score, answered, missing, the norm cells and
// the --explain cells.
void append_scale(const RowPlan& p, const Row& row, RowScratch& s, std::size_t sc,
                  std::string& out) {
  const char d = p.delimiter;
  const ScaleOutcome& o = s.outcomes[sc];
  const bool has = row.scored && o.scored;
  const bool normed = p.steps.scales[sc].norm != nullptr;
  out.push_back(d);
  if (has) append_number(out, o.value);
  out.push_back(d);
  if (row.scored) append_count(out, o.n_answered);
  out.push_back(d);
  if (row.scored) append_count(out, o.n_missing);
  NormScore ns;
  if (normed && has) ns = step_norm_score(p.steps, p.steps.scales[sc], o.value);
  if (normed) {
    out.push_back(d);
    if (has) append_number(out, ns.z);
    out.push_back(d);
    if (has) append_number(out, ns.t);
    out.push_back(d);
    if (has) append_number(out, ns.percentile);
  }
  if (!p.opt->explain) return;
  out.push_back(d);
  if (row.scored) item_list(p, sc, s, true, out);
  out.push_back(d);
  if (row.scored) item_list(p, sc, s, false, out);
  out.push_back(d);
  if (row.scored) append_text_field(p, out, rule_applied(*p.ins, p.steps.scales[sc], s.raw[sc]));
  if (normed) {
    out.push_back(d);
    if (has) out += bound_name(ns.bound);
  }
}

// longstring, irv, mahalanobis_d2, mahalanobis_p, even_odd, careless_flags.
void append_careless(const RowPlan& p, const RowScratch& s, std::string& out) {
  const char d = p.delimiter;
  if (!s.careless) {
    out.append(6, d);
    return;
  }
  const stats::Careless& c = *s.careless;
  out.push_back(d);
  append_count(out, c.longstring);
  for (const double v : careless_values(c)) {
    out.push_back(d);
    if (!std::isnan(v)) append_number(out, v);
  }
  out.push_back(d);
  out += careless_flag_names(c.flags);
}

}  // namespace

void append_text_field(const RowPlan& p, std::string& out, std::string_view s) {
  const std::size_t old = out.size();
  out.resize(old + 2 * s.size() + 3);
  char* const end = write_text(p, out.data() + old, s);
  out.resize(static_cast<std::size_t>(end - out.data()));
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

void write_csv_fast_row(const RowPlan& p, const Row& row, std::string& out, RowScratch& s) {
  const char d = p.delimiter;
  // The output keeps its size between rows and chunks (out_used is the end of the text), so
  // the room is zero-filled only when the buffer grows.
  const std::size_t room = fast_room(p, row, s);
  const std::size_t old = s.out_used;
  if (out.size() < old + room) out.resize(std::max(old + room, 2 * out.size()));
  char* const first = out.data();
  char* w = write_count(first + old, row.line);
  if (p.id_col) {
    *w++ = d;
    w = write_text(p, w, field_or_empty(row.fields, *p.id_col));
  }
  for (const std::size_t k : p.keep_cols) {
    *w++ = d;
    w = write_text(p, w, field_or_empty(row.fields, k));
  }
  w = write_fast_scales(p, row, s, w);
  *w++ = d;
  w = write_field(w, row.status, d);
  if (p.opt->invalid == InvalidPolicy::missing) {
    *w++ = d;
    w = write_text(p, w, s.invalid_text);
  }
  *w++ = '\n';
  s.out_used = static_cast<std::size_t>(w - first);
}

void write_csv_row(const RowPlan& p, const Row& row, std::string& out, RowScratch& s) {
  const char d = p.delimiter;
  append_count(out, row.line);
  if (p.id_col) {
    out.push_back(d);
    append_text_field(p, out, field_or_empty(row.fields, *p.id_col));
  }
  for (const std::size_t k : p.keep_cols) {
    out.push_back(d);
    append_text_field(p, out, field_or_empty(row.fields, k));
  }
  for (std::size_t sc = 0; sc < p.steps.scales.size(); ++sc) append_scale(p, row, s, sc, out);
  if (p.opt->careless) append_careless(p, s, out);
  out.push_back(d);
  if (row.kind == RowKind::ok) {
    out += "ok";
  } else {
    append_text_field(p, out, row.status);
  }
  if (p.opt->invalid == InvalidPolicy::missing) {
    out.push_back(d);
    append_text_field(p, out, s.invalid_text);
  }
  out.push_back('\n');
}

}  // namespace securebase::batch_detail
