// securebase: the instrument loader: instrument JSON read, checked (every problem at once,
// with JSON paths) and compiled into an Instrument with its scoring plan and key fingerprint.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

#include "core/number_format.hpp"
#include "core/utf8.hpp"
#include "io/json_checker.hpp"
#include "io/json_reader.hpp"
#include "io/sha256.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"

namespace securebase {

using detail::child;
using detail::JsonChecker;
using json = detail::Json;

namespace {

constexpr int format_version = 1;
constexpr int max_scale_points = 101;  // a response scale may have at most this many points
constexpr double proportion_epsilon = 1e-9;
constexpr const char* id_rule =
    "1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

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

// The parser: reads every part, records every problem, and only then throws.
class Loader {
 public:
  Loader(const json& root, std::string source)
      : root_(root),
        c_(source, {ErrorCode::instrument_missing_field, ErrorCode::instrument_wrong_type,
                    ErrorCode::instrument_bad_value, ErrorCode::instrument_unknown_field}) {
    out_.source = std::move(source);
  }

  Instrument run() {
    if (!c_.expect_object(root_, "", "the instrument")) c_.throw_if_any();
    c_.only(root_, "",
            {"$schema", "format", "format_version", "id", "version", "title", "short_title",
             "citations", "licence", "notes", "response_scale", "scales", "items", "orders",
             "plane", "secure_base", "norm_sets"});
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

 private:
  void header() {
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
        if (cites->empty())
          c_.bad_value("/citations", "citations", *cites, "at least one citation");
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

  void response_scale() {
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

  void scales() {
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
        if (const json* r = c_.member(s, p, "reliability", false)) {
          const std::string rp = p + "/reliability";
          if (c_.expect_object(*r, rp, "reliability")) {
            c_.only(*r, rp, {"value", "sd", "source", "provisional"});
            Reliability rel;
            auto v = c_.number(*r, rp, "value", true);
            if (v && (*v <= 0 || *v >= 1)) {
              c_.bad_value(rp + "/value", "value", *v, "between 0 and 1 (exclusive)");
            }
            rel.value = v.value_or(0);
            if (auto sd = c_.number(*r, rp, "sd", false)) {
              if (*sd <= 0) c_.bad_value(rp + "/sd", "sd", *sd, "greater than 0");
              rel.sd = *sd;
            }
            rel.source = c_.string(*r, rp, "source", true).value_or("");
            rel.provisional = c_.boolean(*r, rp, "provisional", false);
            scale.reliability = rel;
          }
        }
      }
      out_.scales.push_back(std::move(scale));
    }
    resolve_components();
  }

  // The "scales" member: required for a mean_of_scales composite, not allowed otherwise.
  void component_list(const json& s, const std::string& p, std::size_t i, const std::string& id) {
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
  void resolve_components() {
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

  void min_answered(const json& s, const std::string& p, Scale& scale) {
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

  void items() {
    // Later checks need a consistent item list; problems elsewhere in the file do not stop them.
    const std::size_t problems_before = c_.problems().size();
    const json* ij = c_.member(root_, "", "items", true);
    if (ij == nullptr || !c_.expect_array(*ij, "/items", "items")) return;
    if (ij->empty()) c_.bad_value("/items", "items", *ij, "at least one item");
    std::map<std::int64_t, std::size_t> by_number;
    std::vector<std::pair<Item, std::string>> parsed;  // item and its JSON path
    for (std::size_t i = 0; i < ij->size(); ++i) {
      const std::string p = child("/items", i);
      const json& it = (*ij)[i];
      if (!c_.expect_object(it, p, "an item")) continue;
      c_.only(it, p, {"id", "number", "keys", "note"});
      Item item;
      item.id = c_.string(it, p, "id", true).value_or("");
      if (!item.id.empty()) {
        if (!valid_id(item.id, false)) {
          c_.bad_value(p + "/id", "id", item.id,
                       "1-64 letters, digits, '.', '_' or '-', starting with a letter (so that it "
                       "cannot be mistaken for an item number)");
        } else if (!item_ids_.insert(item.id).second) {
          c_.add(ErrorCode::instrument_duplicate, p + "/id",
                 "item id \"" + item.id + "\" is declared twice, but must be unique");
        }
      }
      item.note = c_.string(it, p, "note", false, false).value_or("");
      if (auto n = c_.integer(it, p, "number", true)) {
        if (*n < 1 || *n > static_cast<std::int64_t>(ij->size())) {
          c_.bad_value(p + "/number", "number", *n,
                       "between 1 and " + std::to_string(ij->size()) + " (the number of items)");
        } else if (!by_number.emplace(*n, i).second) {
          c_.add(ErrorCode::instrument_duplicate, p + "/number",
                 "item number " + std::to_string(*n) + " is used twice, but must be unique");
        } else {
          item.number = static_cast<int>(*n);
        }
      }
      if (const json* keys = c_.member(it, p, "keys", true)) {
        const std::string kp = p + "/keys";
        if (c_.expect_array(*keys, kp, "keys")) {
          std::set<std::size_t> seen;
          for (std::size_t k = 0; k < keys->size(); ++k) {
            const std::string ep = child(kp, k);
            const json& kj = (*keys)[k];
            if (!c_.expect_object(kj, ep, "a key")) continue;
            c_.only(kj, ep, {"scale", "reversed", "weight"});
            ItemKey key;
            key.reversed = c_.boolean(kj, ep, "reversed", false);
            // A reversed key with a weight counts weight * (min + max - x): reverse, then weight.
            // Whether the scale allows a weight is checked once min_answered is resolved.
            if (auto w = c_.number(kj, ep, "weight", false)) {
              if (*w == 0)
                c_.bad_value(ep + "/weight", "weight", kj["weight"], "a non-zero number");
              key.weight = *w;
            }
            auto sid = c_.string(kj, ep, "scale", true);
            if (!sid) continue;
            auto found = scale_index_.find(*sid);
            if (found == scale_index_.end()) {
              c_.add(ErrorCode::instrument_dangling, ep + "/scale",
                     "scale \"" + detail::printable(*sid) + "\" is not declared in /scales");
              continue;
            }
            if (composite_[found->second]) {
              c_.add(ErrorCode::instrument_bad_value, ep + "/scale",
                     "scale \"" + *sid +
                         "\" is a mean_of_scales composite, so no item may count in it; key the "
                         "item to one of its component scales");
              continue;
            }
            if (!seen.insert(found->second).second) {
              c_.add(ErrorCode::instrument_duplicate, ep + "/scale",
                     "item \"" + item.id + "\" counts towards scale \"" + *sid +
                         "\" twice, but may count in a scale once");
              continue;
            }
            key.scale = found->second;
            item.keys.push_back(key);
          }
        }
      }
      parsed.emplace_back(std::move(item), p);
    }
    if (c_.problems().size() != problems_before) return;
    out_.items.resize(parsed.size());
    std::vector<std::string> item_paths(parsed.size());  // JSON path of each item, by index
    for (auto& [item, p] : parsed) {
      const auto index = static_cast<std::size_t>(item.number - 1);
      item_paths[index] = p;
      out_.items[index] = std::move(item);
    }
    for (std::size_t i = 0; i < out_.items.size(); ++i) {
      for (const ItemKey& k : out_.items[i].keys) {
        out_.scales[k.scale].items.push_back(i);
        out_.scales[k.scale].weights.push_back(k.weight);
        if (k.reversed) out_.scales[k.scale].reversed.push_back(i);
      }
    }
    std::vector<bool> scale_ok(out_.scales.size(), false);  // items and min_answered valid
    for (std::size_t s = 0; s < out_.scales.size(); ++s) {
      Scale& scale = out_.scales[s];
      const std::string p = child("/scales", s);
      if (referable_scales_.count(s) == 0) continue;  // its id is already reported
      if (composite_[s]) continue;                    // checked below, once its parts are
      if (scale.items.empty()) {
        c_.add(ErrorCode::instrument_bad_value, p,
               "scale \"" + scale.id +
                   "\" has no items, but must have at least one (no item's "
                   "keys name it)");
        continue;
      }
      scale.min_answered.required = resolve_required(scale.min_answered, scale.items.size());
      if (!scale.min_answered.is_proportion &&
          scale.min_answered.required > static_cast<int>(scale.items.size())) {
        c_.bad_value(
            p + "/min_answered/count", "count", scale.min_answered.required,
            "at most " + std::to_string(scale.items.size()) + " (the scale's number of items)");
        continue;
      }
      scale_ok[s] = true;
    }
    weights(item_paths, scale_ok);
    composites(scale_ok);
    items_ok_ = c_.problems().size() == problems_before;
  }

  // A composite's components must share one metric (method and number of items), and its
  // min_answered counts components.
  void composites(const std::vector<bool>& scale_ok) {
    for (std::size_t s = 0; s < out_.scales.size(); ++s) {
      Scale& scale = out_.scales[s];
      if (!composite_[s] || referable_scales_.count(s) == 0 || scale.components.size() < 2 ||
          scale.components.size() != pending_components_[s].size()) {
        continue;  // its component list is already reported
      }
      const std::string p = child("/scales", s);
      const Scale& first = out_.scales[scale.components.front()];
      bool ok = true;
      for (std::size_t c : scale.components) {
        if (!scale_ok[c]) ok = false;
      }
      if (!ok) continue;
      for (std::size_t c : scale.components) {
        const Scale& other = out_.scales[c];
        if (other.method != first.method || other.items.size() != first.items.size()) {
          c_.add(ErrorCode::instrument_bad_value, p + "/scales",
                 "the components of \"" + scale.id +
                     "\" must share one metric (method and number of items), but \"" + first.id +
                     "\" is a " + std::string(to_string(first.method)) + " of " +
                     std::to_string(first.items.size()) + " items and \"" + other.id + "\" a " +
                     std::string(to_string(other.method)) + " of " +
                     std::to_string(other.items.size()) + " items");
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      scale.method = first.method;
      scale.min_answered.required = resolve_required(scale.min_answered, scale.components.size());
      if (!scale.min_answered.is_proportion &&
          scale.min_answered.required > static_cast<int>(scale.components.size())) {
        c_.bad_value(p + "/min_answered/count", "count", scale.min_answered.required,
                     "at most " + std::to_string(scale.components.size()) +
                         " (the scale's number of component scales)");
      }
    }
  }

  // A weight other than 1 is allowed only in a sum scale that needs all its items: a weighted
  // (signed) sum cannot be prorated, and a weighted mean is not a score anyone publishes.
  void weights(const std::vector<std::string>& item_paths, const std::vector<bool>& scale_ok) {
    const std::string rule =
        "a weight other than 1 is allowed only in a sum scale that needs all its items answered "
        "(a weighted sum cannot be prorated)";
    for (std::size_t i = 0; i < out_.items.size(); ++i) {
      const std::vector<ItemKey>& keys = out_.items[i].keys;
      for (std::size_t k = 0; k < keys.size(); ++k) {
        const ItemKey& key = keys[k];
        if (key.weight == 1 || !scale_ok[key.scale]) continue;
        const Scale& scale = out_.scales[key.scale];
        const std::string where = child(child(item_paths[i] + "/keys", k), "weight");
        const std::string head = "weight is " + detail::format_number(key.weight) +
                                 ", but must be 1, because scale \"" + scale.id + "\" ";
        if (scale.method != ScaleMethod::sum) {
          c_.add(ErrorCode::instrument_bad_value, where, head + "is a mean scale: " + rule);
        } else if (scale.min_answered.required != static_cast<int>(scale.items.size())) {
          c_.add(ErrorCode::instrument_bad_value, where,
                 head + "needs only " + std::to_string(scale.min_answered.required) + " of its " +
                     std::to_string(scale.items.size()) + " items answered: " + rule);
        }
      }
    }
  }

  std::optional<std::size_t> item_ref(const json& v, const std::string& p) {
    if (!v.is_string()) {
      c_.add(ErrorCode::instrument_wrong_type, p,
             "item reference is " + detail::brief(v) + ", but must be an item id string");
      return std::nullopt;
    }
    const std::string id = v.get<std::string>();
    for (std::size_t i = 0; i < out_.items.size(); ++i) {
      if (out_.items[i].id == id) return i;
    }
    c_.add(ErrorCode::instrument_dangling, p,
           "item \"" + detail::printable(id) + "\" is not declared in /items");
    return std::nullopt;
  }

  void orders() {
    const json* oj = c_.member(root_, "", "orders", true);
    if (oj == nullptr || !c_.expect_object(*oj, "/orders", "orders")) return;
    c_.only(*oj, "/orders", {"canonical", "alternatives"});
    std::set<std::string> ids;
    if (const json* cj = c_.member(*oj, "/orders", "canonical", true)) {
      const std::string p = "/orders/canonical";
      if (c_.expect_object(*cj, p, "the canonical order")) {
        c_.only(*cj, p, {"id", "description"});
        out_.canonical_order.id = c_.string(*cj, p, "id", true).value_or("canonical");
        if (!valid_id(out_.canonical_order.id, true)) {
          c_.bad_value(p + "/id", "id", out_.canonical_order.id, id_rule);
        }
        out_.canonical_order.description = c_.string(*cj, p, "description", true).value_or("");
        ids.insert(out_.canonical_order.id);
        for (std::size_t i = 0; i < out_.items.size(); ++i) out_.canonical_order.items.push_back(i);
      }
    }
    const json* aj = c_.member(*oj, "/orders", "alternatives", false);
    if (aj == nullptr || !c_.expect_array(*aj, "/orders/alternatives", "alternatives")) return;
    for (std::size_t a = 0; a < aj->size(); ++a) {
      const std::string p = child("/orders/alternatives", a);
      const json& o = (*aj)[a];
      if (!c_.expect_object(o, p, "an order")) continue;
      c_.only(o, p, {"id", "description", "verified", "items"});
      ItemOrder order;
      order.id = c_.string(o, p, "id", true).value_or("");
      if (!order.id.empty() && !valid_id(order.id, true)) {
        c_.bad_value(p + "/id", "id", order.id, id_rule);
      } else if (!order.id.empty() && !ids.insert(order.id).second) {
        c_.add(ErrorCode::instrument_duplicate, p + "/id",
               "order id \"" + order.id + "\" is declared twice, but must be unique");
      }
      order.description = c_.string(o, p, "description", true).value_or("");
      order.verified = c_.boolean(o, p, "verified", true);
      const json* list = c_.member(o, p, "items", true);
      if (list != nullptr && c_.expect_array(*list, p + "/items", "items") && items_ok_) {
        std::vector<bool> used(out_.items.size(), false);
        for (std::size_t k = 0; k < list->size(); ++k) {
          auto idx = item_ref((*list)[k], child(p + "/items", k));
          if (!idx) continue;
          if (used[*idx]) {
            c_.add(ErrorCode::instrument_duplicate, child(p + "/items", k),
                   "item \"" + out_.items[*idx].id + "\" appears twice in order \"" + order.id +
                       "\", but each item must appear once");
            continue;
          }
          used[*idx] = true;
          order.items.push_back(*idx);
        }
        for (std::size_t i = 0; i < used.size(); ++i) {
          if (!used[i]) {
            c_.add(ErrorCode::instrument_bad_value, p + "/items",
                   "order \"" + order.id + "\" leaves out item \"" + out_.items[i].id +
                       "\", but must list every item once");
          }
        }
      }
      out_.alternative_orders.push_back(std::move(order));
    }
  }

  std::optional<std::size_t> scale_ref(const json& obj, const std::string& p) {
    auto sid = c_.string(obj, p, "scale", true);
    if (!sid) return std::nullopt;
    auto found = scale_index_.find(*sid);
    if (found == scale_index_.end()) {
      c_.add(ErrorCode::instrument_dangling, p + "/scale",
             "scale \"" + detail::printable(*sid) + "\" is not declared in /scales");
      return std::nullopt;
    }
    return found->second;
  }

  void plane() {
    const json* pj = c_.member(root_, "", "plane", false);
    if (pj == nullptr || !c_.expect_object(*pj, "/plane", "plane")) return;
    c_.only(*pj, "/plane", {"anxiety", "avoidance"});
    Plane plane;
    bool ok = true;
    for (const char* axis : {"anxiety", "avoidance"}) {
      const json* aj = c_.member(*pj, "/plane", axis, true);
      const std::string p = child("/plane", axis);
      if (aj == nullptr || !c_.expect_object(*aj, p, axis)) {
        ok = false;
        continue;
      }
      c_.only(*aj, p, {"scale", "direction"});
      PlaneAxis pa;
      auto s = scale_ref(*aj, p);
      auto d = c_.integer(*aj, p, "direction", true);
      if (d && *d != 1 && *d != -1) {
        c_.bad_value(p + "/direction", "direction", *d,
                     "1 (high score = more) or -1 (high score = less)");
        d.reset();
      }
      if (!s || !d) {
        ok = false;
        continue;
      }
      pa.scale = *s;
      pa.direction = static_cast<int>(*d);
      (std::string_view(axis) == "anxiety" ? plane.anxiety : plane.avoidance) = pa;
    }
    if (ok && plane.anxiety.scale == plane.avoidance.scale) {
      c_.add(ErrorCode::instrument_bad_value, "/plane",
             "anxiety and avoidance use the same scale, but must use two different scales");
      ok = false;
    }
    if (ok) out_.plane = plane;
  }

  // "secure_base": {"overall": SCALE, "facets": [SCALE, ...]}: which scales the profile shows.
  void secure_base() {
    const json* sj = c_.member(root_, "", "secure_base", false);
    if (sj == nullptr || !c_.expect_object(*sj, "/secure_base", "secure_base")) return;
    c_.only(*sj, "/secure_base", {"overall", "facets"});
    SecureBaseScales sb;
    bool ok = true;
    const auto resolve = [&](const json& v, const std::string& p) -> std::optional<std::size_t> {
      if (!v.is_string()) {
        c_.add(ErrorCode::instrument_wrong_type, p, "must be a scale id (a string)");
        return std::nullopt;
      }
      auto found = scale_index_.find(v.get<std::string>());
      if (found == scale_index_.end()) {
        c_.add(
            ErrorCode::instrument_dangling, p,
            "scale \"" + detail::printable(v.get<std::string>()) + "\" is not declared in /scales");
        return std::nullopt;
      }
      return found->second;
    };
    if (const json* oj = c_.member(*sj, "/secure_base", "overall", true)) {
      if (auto s = resolve(*oj, "/secure_base/overall"))
        sb.overall = *s;
      else
        ok = false;
    } else {
      ok = false;
    }
    const json* fj = c_.member(*sj, "/secure_base", "facets", false);
    if (fj == nullptr) {
      if (ok) out_.secure_base = std::move(sb);
      return;
    }
    if (!c_.expect_array(*fj, "/secure_base/facets", "facets")) return;
    for (std::size_t i = 0; i < fj->size(); ++i) {
      const std::string p = "/secure_base/facets/" + std::to_string(i);
      auto s = resolve((*fj)[i], p);
      if (!s) {
        ok = false;
        continue;
      }
      if (std::find(sb.facets.begin(), sb.facets.end(), *s) != sb.facets.end()) {
        c_.add(ErrorCode::instrument_duplicate, p,
               "scale \"" + out_.scales[*s].id + "\" is listed twice, but must be listed once");
        ok = false;
        continue;
      }
      sb.facets.push_back(*s);
    }
    if (ok) out_.secure_base = std::move(sb);
  }

  void norm_sets() {
    const json* nj = c_.member(root_, "", "norm_sets", false);
    if (nj == nullptr || !c_.expect_array(*nj, "/norm_sets", "norm_sets")) return;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < nj->size(); ++i) {
      const std::string p = child("/norm_sets", i);
      const json& n = (*nj)[i];
      if (!c_.expect_object(n, p, "a norm set")) continue;
      c_.only(n, p, {"id", "name", "sample", "citation", "n", "scales"});
      NormSet set;
      set.id = c_.string(n, p, "id", true).value_or("");
      if (!set.id.empty() && !valid_id(set.id, true)) {
        c_.bad_value(p + "/id", "id", set.id, id_rule);
      } else if (!set.id.empty() && !ids.insert(set.id).second) {
        c_.add(ErrorCode::instrument_duplicate, p + "/id",
               "norm set id \"" + set.id + "\" is declared twice, but must be unique");
      }
      set.name = c_.string(n, p, "name", true).value_or(set.id);
      set.sample = c_.string(n, p, "sample", true).value_or("");
      set.citation = c_.string(n, p, "citation", true).value_or("");
      if (auto size = c_.integer(n, p, "n", true)) {
        if (*size < 2) c_.bad_value(p + "/n", "n", *size, "at least 2");
        set.n = static_cast<long>(*size);
      }
      const json* sj = c_.member(n, p, "scales", true);
      if (sj != nullptr && c_.expect_object(*sj, p + "/scales", "scales")) {
        if (sj->empty())
          c_.bad_value(p + "/scales", "scales", *sj, "values for at least one scale");
        for (const auto& [sid, v] : sj->items()) {
          const std::string sp = child(p + "/scales", sid);
          auto found = scale_index_.find(sid);
          if (found == scale_index_.end()) {
            c_.add(ErrorCode::instrument_dangling, sp,
                   "scale \"" + detail::printable(sid) + "\" is not declared in /scales");
            continue;
          }
          if (!c_.expect_object(v, sp, "scale norms")) continue;
          set.scales.push_back(scale_norm(v, sp, found->second));
        }
      }
      out_.norm_sets.push_back(std::move(set));
    }
  }

  ScaleNorm scale_norm(const json& v, const std::string& sp, std::size_t scale) {
    c_.only(v, sp, {"mean", "sd", "reliability", "percentiles"});
    ScaleNorm sn;
    sn.scale = scale;
    const bool range_known = scale_ok_ && items_ok_;
    const auto [lo, hi] =
        range_known ? score_range(out_, scale, out_.scales[scale].method) : std::pair{0.0, 0.0};
    const std::string range =
        "[" + detail::format_number(lo) + ", " + detail::format_number(hi) + "]";
    if (auto m = c_.number(v, sp, "mean", true)) {
      if (range_known && (*m < lo || *m > hi)) {
        c_.bad_value(sp + "/mean", "mean", *m, "within the scale's score range " + range);
      }
      sn.mean = *m;
    }
    if (auto sd = c_.number(v, sp, "sd", true)) {
      if (*sd <= 0) c_.bad_value(sp + "/sd", "sd", *sd, "greater than 0");
      sn.sd = *sd;
    }
    if (auto r = c_.number(v, sp, "reliability", false)) {
      if (*r <= 0 || *r >= 1) {
        c_.bad_value(sp + "/reliability", "reliability", *r, "between 0 and 1 (exclusive)");
      }
      sn.reliability = *r;
    }
    const json* pj = c_.member(v, sp, "percentiles", false);
    if (pj == nullptr || !c_.expect_array(*pj, sp + "/percentiles", "percentiles")) return sn;
    if (pj->size() < 2) {
      c_.bad_value(sp + "/percentiles", "the number of points", pj->size(), "at least 2");
    }
    for (std::size_t k = 0; k < pj->size(); ++k) {
      const std::string pp = child(sp + "/percentiles", k);
      const json& pt = (*pj)[k];
      if (!c_.expect_object(pt, pp, "a percentile point")) continue;
      c_.only(pt, pp, {"percentile", "score"});
      auto pc = c_.number(pt, pp, "percentile", true);
      auto sc = c_.number(pt, pp, "score", true);
      if (!pc || !sc) continue;
      if (*pc <= 0 || *pc >= 100) {
        c_.bad_value(pp + "/percentile", "percentile", *pc, "between 0 and 100 (exclusive)");
        continue;
      }
      if (range_known && (*sc < lo || *sc > hi)) {
        c_.bad_value(pp + "/score", "score", *sc, "within the scale's score range " + range);
        continue;
      }
      if (!sn.percentiles.empty()) {
        const PercentilePoint& prev = sn.percentiles.back();
        if (*pc <= prev.percentile) {
          c_.bad_value(pp + "/percentile", "percentile", *pc,
                       "greater than the previous point's " + detail::brief(prev.percentile));
          continue;
        }
        if (*sc < prev.score) {
          c_.bad_value(pp + "/score", "score", *sc,
                       "at least the previous point's " + detail::brief(prev.score) +
                           " (scores must not decrease as percentiles rise)");
          continue;
        }
      }
      sn.percentiles.push_back({*pc, *sc});
    }
    return sn;
  }

  void compile() {
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
        const bool reversed =
            std::binary_search(scale.reversed.begin(), scale.reversed.end(), item);
        plan.entry_reversed.push_back(reversed ? 1 : 0);
      }
      plan.entry_weight.insert(plan.entry_weight.end(), scale.weights.begin(), scale.weights.end());
      plan.scale_begin.push_back(static_cast<std::uint32_t>(plan.entry_item.size()));
      plan.scale_min_answered.push_back(static_cast<std::uint32_t>(scale.min_answered.required));
      plan.scale_is_sum.push_back(scale.method == ScaleMethod::sum ? 1 : 0);
    }
    out_.key_fingerprint = detail::sha256_hex(to_canonical_key_json(out_));
  }

  const json& root_;
  JsonChecker c_;
  InstrumentModel out_;
  std::map<std::string, std::size_t> scale_index_;
  std::set<std::string> item_ids_;
  std::set<std::size_t> referable_scales_;  // scales with a valid, unique id
  std::vector<bool> composite_;             // declared "mean_of_scales", by scale index
  // Component ids and their JSON paths, by composite scale index, until all scales are known.
  std::vector<std::vector<std::pair<std::string, std::string>>> pending_components_;
  bool scale_ok_ = false;
  bool items_ok_ = false;
};

}  // namespace

Instrument parse_instrument(std::string_view json_text, std::string_view source,
                            const Limits& limits) {
  const json root = detail::parse_json_strict(json_text, source, ErrorCode::instrument_syntax,
                                              ErrorCode::instrument_duplicate, limits);
  return Loader(root, std::string(source)).run();
}

Instrument load_instrument_file(const std::filesystem::path& path, const Limits& limits) {
  return parse_instrument(read_document(path, limits.max_json_bytes, ErrorCode::instrument_syntax),
                          path.string(), limits);
}

}  // namespace securebase
