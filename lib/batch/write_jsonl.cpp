// securebase batch: the JSONL writer, one JSON object per row, written piece by piece with
// io/json_text.hpp (the same text nlohmann::json would write for these strings and numbers).
#include <array>

#include "batch/writers.hpp"
#include "io/json_text.hpp"

namespace securebase::batch_detail {

namespace {

using detail::append_json_number;
using detail::append_json_string;

// The JSON member names before each of careless_values.
constexpr std::array<const char*, 4> careless_value_members = {
    ",\"irv\":", ",\"mahalanobis_d2\":", ",\"mahalanobis_p\":", ",\"even_odd\":"};

// "id" and "keep" of a row.
void append_passed_through(const RowPlan& p, const Row& row, std::string& out) {
  if (p.id_col) {
    out += ",\"id\":";
    append_json_string(out, field_or_empty(row.fields, *p.id_col));
  }
  const std::vector<std::string>& keep = p.opt->keep;
  if (keep.empty()) return;
  out += ",\"keep\":{";
  for (std::size_t k = 0; k < keep.size(); ++k) {
    if (k > 0) out.push_back(',');
    append_json_string(out, keep[k]);
    out.push_back(':');
    append_json_string(out, field_or_empty(row.fields, p.keep_cols[k]));
  }
  out.push_back('}');
}

// The object of one scale: score, answered, missing, the norm members and the --explain ones.
void append_scale(const RowPlan& p, const Row& row, RowScratch& s, std::size_t sc,
                  std::string& out) {
  const bool explain = p.opt->explain;
  append_json_string(out, p.ins->scales()[sc].id);
  out += ":{\"score\":";
  const ScaleOutcome& o = s.outcomes[sc];
  const bool has = row.scored && o.scored;
  if (has) {
    append_number(out, o.value);
  } else {
    out += "null";
  }
  out += ",\"answered\":";
  if (row.scored) {
    append_count(out, o.n_answered);
    out += ",\"missing\":";
    append_count(out, o.n_missing);
  } else {
    out += "null,\"missing\":null";
  }
  if (p.steps.scales[sc].norm != nullptr) {
    if (has) {
      const NormScore ns = step_norm_score(p.steps, p.steps.scales[sc], o.value);
      out += ",\"z\":";
      append_number(out, ns.z);
      out += ",\"t\":";
      append_number(out, ns.t);
      out += ",\"percentile\":";
      append_number(out, ns.percentile);
      if (explain) {
        out += ",\"percentile_bound\":";
        append_json_string(out, bound_name(ns.bound));
      }
    } else {
      out += ",\"z\":null,\"t\":null,\"percentile\":null";
    }
  }
  if (explain && row.scored) {
    std::string list;
    out += ",\"reversed_items\":";
    item_list(p, sc, s, true, list);
    append_json_string(out, list);
    list.clear();
    out += ",\"missing_items\":";
    item_list(p, sc, s, false, list);
    append_json_string(out, list);
    out += ",\"rule\":";
    append_json_string(out, rule_applied(*p.ins, p.steps.scales[sc], s.raw[sc]));
  }
  out.push_back('}');
}

// "careless": the indices and flags of the row, or null when they were not computed.
void append_careless(const RowScratch& s, std::string& out) {
  out += ",\"careless\":";
  if (!s.careless) {
    out += "null";
    return;
  }
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
}

}  // namespace

void write_jsonl_row(const RowPlan& p, const Row& row, std::string& out, RowScratch& s) {
  out += "{\"line\":";
  append_count(out, row.line);
  append_passed_through(p, row, out);
  out += ",\"scales\":{";
  for (std::size_t sc = 0; sc < p.steps.scales.size(); ++sc) {
    if (sc > 0) out.push_back(',');
    append_scale(p, row, s, sc, out);
  }
  out.push_back('}');
  if (p.opt->careless) append_careless(s, out);
  out += ",\"status\":";
  append_json_string(out, row.status);
  if (p.opt->invalid == InvalidPolicy::missing) {
    out += ",\"invalid_values\":";
    append_json_string(out, s.invalid_text);
  }
  out += p.jsonl_tail;
}

}  // namespace securebase::batch_detail
