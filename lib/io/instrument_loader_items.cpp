// The instrument loader's items: each item, its keys and weights, the scales' items and
// composites, and the item orders (io/instrument_loader.hpp).
#include <algorithm>
#include <cmath>

#include "core/number_format.hpp"
#include "core/utf8.hpp"
#include "io/instrument_loader.hpp"
#include "securebase/core/error.hpp"

namespace securebase::detail {

void Loader::items() {
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
    parsed.emplace_back(item(it, p, i, ij->size(), by_number), p);
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
  const std::vector<bool> scale_ok = scale_items_ok();
  weights(item_paths, scale_ok);
  composites(scale_ok);
  items_ok_ = c_.problems().size() == problems_before;
}

Item Loader::item(const json& it, const std::string& p, std::size_t i, std::size_t n_items,
                  std::map<std::int64_t, std::size_t>& by_number) {
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
    if (*n < 1 || *n > static_cast<std::int64_t>(n_items)) {
      c_.bad_value(p + "/number", "number", *n,
                   "between 1 and " + std::to_string(n_items) + " (the number of items)");
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
        if (auto key = item_key((*keys)[k], child(kp, k), item.id, seen)) item.keys.push_back(*key);
      }
    }
  }
  return item;
}

std::optional<ItemKey> Loader::item_key(const json& kj, const std::string& ep,
                                        const std::string& item_id, std::set<std::size_t>& seen) {
  if (!c_.expect_object(kj, ep, "a key")) return std::nullopt;
  c_.only(kj, ep, {"scale", "reversed", "weight"});
  ItemKey key;
  key.reversed = c_.boolean(kj, ep, "reversed", false);
  // A reversed key with a weight counts weight * (min + max - x): reverse, then weight.
  // Whether the scale allows a weight is checked once min_answered is resolved.
  if (auto w = c_.number(kj, ep, "weight", false)) {
    if (*w == 0) c_.bad_value(ep + "/weight", "weight", kj["weight"], "a non-zero number");
    key.weight = *w;
  }
  auto sid = c_.string(kj, ep, "scale", true);
  if (!sid) return std::nullopt;
  auto found = scale_index_.find(*sid);
  if (found == scale_index_.end()) {
    c_.add(ErrorCode::instrument_dangling, ep + "/scale",
           "scale \"" + detail::printable(*sid) + "\" is not declared in /scales");
    return std::nullopt;
  }
  if (composite_[found->second]) {
    c_.add(ErrorCode::instrument_bad_value, ep + "/scale",
           "scale \"" + *sid +
               "\" is a mean_of_scales composite, so no item may count in it; key the "
               "item to one of its component scales");
    return std::nullopt;
  }
  if (!seen.insert(found->second).second) {
    c_.add(ErrorCode::instrument_duplicate, ep + "/scale",
           "item \"" + item_id + "\" counts towards scale \"" + *sid +
               "\" twice, but may count in a scale once");
    return std::nullopt;
  }
  key.scale = found->second;
  return key;
}

std::vector<bool> Loader::scale_items_ok() {
  std::vector<bool> scale_ok(out_.scales.size(), false);  // items and min_answered valid
  for (std::size_t s = 0; s < out_.scales.size(); ++s) {
    Scale& scale = out_.scales[s];
    const std::string p = child("/scales", s);
    if (referable_scales_.count(s) == 0) continue;  // its id is already reported
    if (composite_[s]) continue;                    // checked by composites, once its parts are
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
  return scale_ok;
}

// A composite's components must share one metric (method and number of items), and its
// min_answered counts components.
void Loader::composites(const std::vector<bool>& scale_ok) {
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
void Loader::weights(const std::vector<std::string>& item_paths,
                     const std::vector<bool>& scale_ok) {
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

std::optional<std::size_t> Loader::item_ref(const json& v, const std::string& p) {
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

void Loader::orders() {
  const json* oj = c_.member(root_, "", "orders", true);
  if (oj == nullptr || !c_.expect_object(*oj, "/orders", "orders")) return;
  c_.only(*oj, "/orders", {"canonical", "alternatives"});
  std::set<std::string> ids;
  if (const json* cj = c_.member(*oj, "/orders", "canonical", true)) canonical_order(*cj, ids);
  const json* aj = c_.member(*oj, "/orders", "alternatives", false);
  if (aj == nullptr || !c_.expect_array(*aj, "/orders/alternatives", "alternatives")) return;
  for (std::size_t a = 0; a < aj->size(); ++a) {
    const std::string p = child("/orders/alternatives", a);
    const json& o = (*aj)[a];
    if (!c_.expect_object(o, p, "an order")) continue;
    out_.alternative_orders.push_back(alternative_order(o, p, ids));
  }
}

void Loader::canonical_order(const json& cj, std::set<std::string>& ids) {
  const std::string p = "/orders/canonical";
  if (!c_.expect_object(cj, p, "the canonical order")) return;
  c_.only(cj, p, {"id", "description"});
  out_.canonical_order.id = c_.string(cj, p, "id", true).value_or("canonical");
  if (!valid_id(out_.canonical_order.id, true)) {
    c_.bad_value(p + "/id", "id", out_.canonical_order.id, id_rule);
  }
  out_.canonical_order.description = c_.string(cj, p, "description", true).value_or("");
  ids.insert(out_.canonical_order.id);
  for (std::size_t i = 0; i < out_.items.size(); ++i) out_.canonical_order.items.push_back(i);
}

ItemOrder Loader::alternative_order(const json& o, const std::string& p,
                                    std::set<std::string>& ids) {
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
  if (list == nullptr || !c_.expect_array(*list, p + "/items", "items") || !items_ok_) return order;
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
  return order;
}

std::optional<std::size_t> Loader::scale_ref(const json& obj, const std::string& p) {
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

}  // namespace securebase::detail
