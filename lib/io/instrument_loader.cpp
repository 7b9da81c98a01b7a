// securebase: the instrument loader: instrument JSON read, checked (every problem at once,
// with JSON paths) and compiled into an Instrument with its scoring plan and key fingerprint.
// This file: the entry points, the header, the response scale, the scales and the compile step
// (io/instrument_loader.hpp says where the rest is).
#include <algorithm>
#include <cmath>
#include <regex>

#include "core/number_format.hpp"
#include "core/utf8.hpp"
#include "io/instrument_loader.hpp"
#include "io/sha256.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"

namespace securebase {
namespace detail {

bool valid_id(const std::string& s, bool allow_leading_digit) {
  static const std::regex id_re("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  static const std::regex loose_re("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  return std::regex_match(s, allow_leading_digit ? loose_re : id_re);
}

int resolve_required(const MinimumAnswered& rule, std::size_t n_items) {
  if (!rule.is_proportion) return static_cast<int>(rule.declared);
  // Proportions are written in decimal; allow for the binary error of p * k (0.8 * 5 must be 4).
  const double exact = rule.declared * static_cast<double>(n_items);
  double r = 0;
  switch (rule.rounding) {
    case Rounding::ceil:
      r = std::ceil(exact - proportion_epsilon);
      break;
    case Rounding::floor:
      r = std::floor(exact + proportion_epsilon);
      break;
    case Rounding::nearest:
      r = std::floor(exact + 0.5 + proportion_epsilon);
      break;
  }
  return std::max(1, static_cast<int>(r));
}

Loader::Loader(const json& root, std::string source)
    : root_(root),
      c_(source, {ErrorCode::instrument_missing_field, ErrorCode::instrument_wrong_type,
                  ErrorCode::instrument_bad_value, ErrorCode::instrument_unknown_field}) {
  out_.source = std::move(source);
}

Instrument Loader::run() {
  if (!c_.expect_object(root_, "", "the instrument")) c_.throw_if_any();
  c_.only(root_, "",
          {"$schema", "format", "format_version", "id", "version", "title", "short_title",
           "citations", "licence", "notes", "response_scale", "scales", "items", "orders", "plane",
           "secure_base", "norm_sets"});
  header();
  response_scale();
  scales();
  items();
  orders();
  plane();
  secure_base();
  norm_sets();
  c_.throw_if_any();
  compile();
  return detail::make_instrument(std::move(out_));
}

void Loader::header() {
  if (auto f = c_.string(root_, "", "format", true); f && *f != "securebase-instrument") {
    c_.bad_value("/format", "format", *f, "\"securebase-instrument\"");
  }
  if (auto v = c_.integer(root_, "", "format_version", true); v && *v != format_version) {
    c_.bad_value("/format_version", "format_version", *v,
                 "1 (this securebase reads instrument format version 1)");
  }
  if (auto id = c_.string(root_, "", "id", true)) {
    if (!valid_id(*id, true)) c_.bad_value("/id", "id", *id, id_rule);
    out_.id = *id;
  }
  out_.version = c_.string(root_, "", "version", true).value_or("");
  out_.title = c_.string(root_, "", "title", true).value_or("");
  out_.short_title = c_.string(root_, "", "short_title", false).value_or(out_.title);
  out_.licence = c_.string(root_, "", "licence", true).value_or("");
  c_.string(root_, "", "notes", false, false);
  if (const json* cites = c_.member(root_, "", "citations", true)) {
    if (c_.expect_array(*cites, "/citations", "citations")) {
      if (cites->empty()) c_.bad_value("/citations", "citations", *cites, "at least one citation");
      for (std::size_t i = 0; i < cites->size(); ++i) {
        const std::string p = child("/citations", i);
        const json& cj = (*cites)[i];
        if (!c_.expect_object(cj, p, "a citation")) continue;
        c_.only(cj, p, {"text", "doi", "url"});
        Citation cit;
        cit.text = c_.string(cj, p, "text", true).value_or("");
        cit.doi = c_.string(cj, p, "doi", false).value_or("");
        cit.url = c_.string(cj, p, "url", false).value_or("");
        out_.citations.push_back(std::move(cit));
      }
    }
  }
}

void Loader::response_scale() {
  const json* rs = c_.member(root_, "", "response_scale", true);
  if (rs == nullptr || !c_.expect_object(*rs, "/response_scale", "response_scale")) return;
  const std::string p = "/response_scale";
  c_.only(*rs, p, {"min", "max", "labels"});
  auto lo = c_.integer(*rs, p, "min", true);
  auto hi = c_.integer(*rs, p, "max", true);
  if (!lo || !hi) return;
  if (*lo >= *hi) {
    c_.bad_value(p + "/min", "min", *lo, "less than max (" + std::to_string(*hi) + ")");
    return;
  }
  if (*hi - *lo + 1 > max_scale_points) {
    c_.bad_value(p + "/max", "max", *hi,
                 "at most " + std::to_string(max_scale_points - 1) + " above min");
    return;
  }
  out_.response_scale.min = static_cast<int>(*lo);
  out_.response_scale.max = static_cast<int>(*hi);
  scale_ok_ = true;
  if (const json* labels = c_.member(*rs, p, "labels", false)) {
    if (!c_.expect_array(*labels, p + "/labels", "labels")) return;
    const auto points = static_cast<std::size_t>(*hi - *lo + 1);
    if (labels->size() != points) {
      c_.bad_value(p + "/labels", "the number of labels", labels->size(),
                   std::to_string(points) + " (one per answer from min to max)");
    }
    for (std::size_t i = 0; i < labels->size(); ++i) {
      const json& l = (*labels)[i];
      if (!l.is_string() || l.get<std::string>().empty()) {
        c_.add(ErrorCode::instrument_wrong_type, child(p + "/labels", i),
               "label is " + detail::brief(l) + ", but must be a non-empty string");
      } else {
        out_.response_scale.labels.push_back(l.get<std::string>());
      }
    }
  }
}

namespace {

// A scale's "reliability": {"value", "sd", "source", "provisional"}; none when absent or not an
// object (reported).
std::optional<Reliability> read_reliability(JsonChecker& c, const Json& s, const std::string& p) {
  const Json* r = c.member(s, p, "reliability", false);
  if (r == nullptr) return std::nullopt;
  const std::string rp = p + "/reliability";
  if (!c.expect_object(*r, rp, "reliability")) return std::nullopt;
  c.only(*r, rp, {"value", "sd", "source", "provisional"});
  Reliability rel;
  auto v = c.number(*r, rp, "value", true);
  if (v && (*v <= 0 || *v >= 1)) {
    c.bad_value(rp + "/value", "value", *v, "between 0 and 1 (exclusive)");
  }
  rel.value = v.value_or(0);
  if (auto sd = c.number(*r, rp, "sd", false)) {
    if (*sd <= 0) c.bad_value(rp + "/sd", "sd", *sd, "greater than 0");
    rel.sd = *sd;
  }
  rel.source = c.string(*r, rp, "source", true).value_or("");
  rel.provisional = c.boolean(*r, rp, "provisional", false);
  return rel;
}

}  // namespace

void Loader::scales() {
  const json* sj = c_.member(root_, "", "scales", true);
  if (sj == nullptr || !c_.expect_array(*sj, "/scales", "scales")) return;
  if (sj->empty()) c_.bad_value("/scales", "scales", *sj, "at least one scale");
  composite_.assign(sj->size(), false);
  pending_components_.assign(sj->size(), {});
  for (std::size_t i = 0; i < sj->size(); ++i) {
    const std::string p = child("/scales", i);
    const json& s = (*sj)[i];
    Scale scale;
    if (c_.expect_object(s, p, "a scale")) {
      c_.only(s, p, {"id", "name", "method", "scales", "min_answered", "reliability", "note"});
      scale.id = c_.string(s, p, "id", true).value_or("");
      if (!scale.id.empty()) {
        if (!valid_id(scale.id, false)) {
          c_.bad_value(p + "/id", "id", scale.id,
                       "1-64 letters, digits, '.', '_' or '-', starting with a letter");
        } else if (!scale_index_.emplace(scale.id, i).second) {
          c_.add(ErrorCode::instrument_duplicate, p + "/id",
                 "scale id \"" + scale.id + "\" is declared twice, but must be unique");
        } else {
          referable_scales_.insert(i);
        }
      }
      scale.name = c_.string(s, p, "name", true).value_or(scale.id);
      c_.string(s, p, "note", false, false);
      if (auto m = c_.string(s, p, "method", true)) {
        if (*m == "mean") {
          scale.method = ScaleMethod::mean;
        } else if (*m == "sum") {
          scale.method = ScaleMethod::sum;
        } else if (*m == "mean_of_scales") {
          composite_[i] = true;
        } else {
          c_.bad_value(p + "/method", "method", *m, "\"mean\", \"sum\" or \"mean_of_scales\"");
        }
      }
      component_list(s, p, i, scale.id);
      min_answered(s, p, scale);
      scale.reliability = read_reliability(c_, s, p);
    }
    out_.scales.push_back(std::move(scale));
  }
  resolve_components();
}

// The "scales" member: required for a mean_of_scales composite, not allowed otherwise.
void Loader::component_list(const json& s, const std::string& p, std::size_t i,
                            const std::string& id) {
  const json* list = c_.member(s, p, "scales", false);
  if (composite_[i] && list == nullptr) {
    c_.add(ErrorCode::instrument_missing_field, p + "/scales",
           "scale \"" + id +
               "\" has method \"mean_of_scales\", so it must list its component scales in "
               "\"scales\"");
    return;
  }
  if (list == nullptr) return;
  if (!composite_[i]) {
    if (s.contains("method") && s["method"].is_string()) {
      c_.add(ErrorCode::instrument_bad_value, p + "/scales",
             "scale \"" + id +
                 "\" lists component scales, but only a \"mean_of_scales\" scale may; its "
                 "method is " +
                 detail::brief(s["method"]));
    }
    return;
  }
  if (!c_.expect_array(*list, p + "/scales", "scales")) return;
  for (std::size_t k = 0; k < list->size(); ++k) {
    const json& v = (*list)[k];
    const std::string cp = child(p + "/scales", k);
    if (!v.is_string()) {
      c_.add(ErrorCode::instrument_wrong_type, cp,
             "component scale is " + detail::brief(v) + ", but must be a scale id string");
      continue;
    }
    pending_components_[i].emplace_back(v.get<std::string>(), cp);
  }
  if (list->size() < 2) {
    c_.add(ErrorCode::instrument_bad_value, p + "/scales",
           "scale \"" + id + "\" lists " + std::to_string(list->size()) +
               " component scale(s), but a mean_of_scales scale needs at least 2");
  }
}

// Composite components name declared item scales (not composites), each once.
void Loader::resolve_components() {
  for (std::size_t i = 0; i < out_.scales.size(); ++i) {
    Scale& scale = out_.scales[i];
    for (const auto& [cid, cp] : pending_components_[i]) {
      auto found = scale_index_.find(cid);
      if (found == scale_index_.end()) {
        c_.add(ErrorCode::instrument_dangling, cp,
               "scale \"" + detail::printable(cid) + "\" is not declared in /scales");
        continue;
      }
      if (composite_[found->second]) {
        c_.add(ErrorCode::instrument_bad_value, cp,
               "scale \"" + cid +
                   "\" is itself a mean_of_scales composite, but a composite's "
                   "components must be item scales (no composite of composites)");
        continue;
      }
      if (std::find(scale.components.begin(), scale.components.end(), found->second) !=
          scale.components.end()) {
        c_.add(ErrorCode::instrument_duplicate, cp,
               "scale \"" + cid + "\" is listed twice in the components of \"" + scale.id +
                   "\", but may be listed once");
        continue;
      }
      scale.components.push_back(found->second);
    }
  }
}

void Loader::min_answered(const json& s, const std::string& p, Scale& scale) {
  const json* m = c_.member(s, p, "min_answered", true);
  if (m == nullptr) return;
  const std::string mp = p + "/min_answered";
  if (!c_.expect_object(*m, mp, "min_answered")) return;
  c_.only(*m, mp, {"count", "proportion", "rounding", "note"});
  c_.string(*m, mp, "note", false, false);
  const bool has_count = m->contains("count");
  const bool has_prop = m->contains("proportion");
  if (has_count == has_prop) {
    c_.add(ErrorCode::instrument_bad_value, mp,
           "min_answered must have exactly one of \"count\" or \"proportion\"");
    return;
  }
  if (has_count) {
    if (m->contains("rounding")) {
      c_.add(ErrorCode::instrument_bad_value, mp + "/rounding",
             "rounding applies only to a proportion, but min_answered gives a count");
    }
    if (auto n = c_.integer(*m, mp, "count", true)) {
      if (*n < 1) c_.bad_value(mp + "/count", "count", *n, "at least 1");
      scale.min_answered.declared = static_cast<double>(*n);
    }
    return;
  }
  scale.min_answered.is_proportion = true;
  if (auto v = c_.number(*m, mp, "proportion", true)) {
    if (*v <= 0 || *v > 1) c_.bad_value(mp + "/proportion", "proportion", *v, "in (0, 1]");
    scale.min_answered.declared = *v;
  }
  if (auto r = c_.string(*m, mp, "rounding", true)) {
    if (*r == "ceil") {
      scale.min_answered.rounding = Rounding::ceil;
    } else if (*r == "floor") {
      scale.min_answered.rounding = Rounding::floor;
    } else if (*r == "nearest") {
      scale.min_answered.rounding = Rounding::nearest;
    } else {
      c_.bad_value(mp + "/rounding", "rounding", *r, "\"ceil\", \"floor\" or \"nearest\"");
    }
  }
}

void Loader::compile() {
  ScoringPlan& plan = out_.plan;
  plan.min = out_.response_scale.min;
  plan.max = out_.response_scale.max;
  plan.reverse_sum = plan.min + plan.max;
  plan.scale_begin.push_back(0);
  plan.component_begin.push_back(0);
  for (std::size_t s = 0; s < out_.scales.size(); ++s) {
    const Scale& scale = out_.scales[s];
    for (std::size_t c : scale.components) {
      plan.component_scale.push_back(static_cast<std::uint32_t>(c));
    }
    plan.component_begin.push_back(static_cast<std::uint32_t>(plan.component_scale.size()));
    for (std::size_t item : scale.items) {
      plan.entry_item.push_back(static_cast<std::uint32_t>(item));
      const bool reversed = std::binary_search(scale.reversed.begin(), scale.reversed.end(), item);
      plan.entry_reversed.push_back(reversed ? 1 : 0);
    }
    plan.entry_weight.insert(plan.entry_weight.end(), scale.weights.begin(), scale.weights.end());
    plan.scale_begin.push_back(static_cast<std::uint32_t>(plan.entry_item.size()));
    plan.scale_min_answered.push_back(static_cast<std::uint32_t>(scale.min_answered.required));
    plan.scale_is_sum.push_back(scale.method == ScaleMethod::sum ? 1 : 0);
  }
  out_.key_fingerprint = detail::sha256_hex(to_canonical_key_json(out_));
}

}  // namespace detail

Instrument parse_instrument(std::string_view json_text, std::string_view source,
                            const Limits& limits) {
  const detail::Json root = detail::parse_json_strict(
      json_text, source, ErrorCode::instrument_syntax, ErrorCode::instrument_duplicate, limits);
  return detail::Loader(root, std::string(source)).run();
}

Instrument load_instrument_file(const std::filesystem::path& path, const Limits& limits) {
  return parse_instrument(read_document(path, limits.max_json_bytes, ErrorCode::instrument_syntax),
                          path.string(), limits);
}

}  // namespace securebase
