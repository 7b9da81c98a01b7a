#include "securebase/io/instrument_json.hpp"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/embedded.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

namespace {

using ojson = nlohmann::ordered_json;

ojson citations_json(const Instrument& instrument) {
  ojson cites = ojson::array();
  for (const Citation& c : instrument.citations()) {
    cites.push_back({{"text", c.text}, {"doi", c.doi}, {"url", c.url}});
  }
  return cites;
}

ojson scale_json(const Instrument& instrument, const Scale& s) {
  ojson items = ojson::array();
  ojson reversed = ojson::array();
  ojson ids = ojson::array();
  for (std::size_t idx : s.items) {
    items.push_back(instrument.items()[idx].number);
    ids.push_back(instrument.items()[idx].id);
  }
  for (std::size_t idx : s.reversed) reversed.push_back(instrument.items()[idx].number);
  ojson sj = {{"id", s.id},
              {"name", s.name},
              {"method",
               s.is_composite() ? std::string("mean_of_scales") : std::string(to_string(s.method))},
              {"items", std::move(items)},
              {"item_ids", std::move(ids)},
              {"reversed", std::move(reversed)},
              {"min_answered", s.min_answered.required},
              {"min_answered_rule", describe_min_answered(s)}};
  if (s.is_composite()) {
    ojson components = ojson::array();
    for (std::size_t c : s.components) components.push_back(instrument.scales()[c].id);
    sj["scales"] = std::move(components);
    sj["metric"] = std::string(to_string(s.method));  // the components' shared method
  }
  // Weights parallel to "items", only when some weight is not 1 (older output is unchanged).
  if (std::any_of(s.weights.begin(), s.weights.end(), [](double w) { return w != 1; })) {
    sj["weights"] = s.weights;
  }
  if (s.reliability) {
    sj["reliability"] = {{"value", s.reliability->value},
                         {"sd", s.reliability->sd ? ojson(*s.reliability->sd) : ojson(nullptr)},
                         {"source", s.reliability->source},
                         {"provisional", s.reliability->provisional}};
  }
  return sj;
}

ojson plane_json(const Instrument& instrument) {
  if (!instrument.plane()) return nullptr;
  const auto axis = [&](const PlaneAxis& a) {
    return ojson{{"scale", instrument.scales()[a.scale].id}, {"direction", a.direction}};
  };
  return {{"anxiety", axis(instrument.plane()->anxiety)},
          {"avoidance", axis(instrument.plane()->avoidance)}};
}

ojson order_json(const Instrument& instrument, const ItemOrder& o, bool canonical) {
  ojson ids = ojson::array();
  for (std::size_t idx : o.items) ids.push_back(instrument.items()[idx].id);
  return ojson{{"id", o.id},
               {"canonical", canonical},
               {"description", o.description},
               {"verified", o.verified},
               {"items", std::move(ids)}};
}

ojson norm_set_json(const Instrument& instrument, const NormSet& n) {
  ojson per_scale = ojson::object();
  for (const ScaleNorm& sn : n.scales) {
    ojson table = ojson::array();
    for (const PercentilePoint& p : sn.percentiles) {
      table.push_back({{"percentile", p.percentile}, {"score", p.score}});
    }
    per_scale[instrument.scales()[sn.scale].id] = {
        {"mean", sn.mean},
        {"sd", sn.sd},
        {"reliability", sn.reliability ? ojson(*sn.reliability) : ojson(nullptr)},
        {"percentiles", std::move(table)}};
  }
  return {{"id", n.id},         {"name", n.name},
          {"sample", n.sample}, {"citation", n.citation},
          {"n", n.n},           {"scales", std::move(per_scale)}};
}

}  // namespace

std::string to_key_json(const Instrument& instrument, int indent) {
  ojson j;
  j["id"] = instrument.id();
  j["version"] = instrument.version();
  j["title"] = instrument.title();
  j["short_title"] = instrument.short_title();
  j["key_fingerprint"] = instrument.key_fingerprint();
  j["source"] = instrument.source();
  j["citations"] = citations_json(instrument);
  j["licence"] = instrument.licence();
  j["response_scale"] = {{"min", instrument.response_scale().min},
                         {"max", instrument.response_scale().max},
                         {"labels", instrument.response_scale().labels}};
  ojson scales = ojson::array();
  for (const Scale& s : instrument.scales()) scales.push_back(scale_json(instrument, s));
  j["scales"] = std::move(scales);
  j["plane"] = plane_json(instrument);
  ojson orders = ojson::array();
  orders.push_back(order_json(instrument, instrument.canonical_order(), true));
  for (const ItemOrder& o : instrument.alternative_orders())
    orders.push_back(order_json(instrument, o, false));
  j["orders"] = std::move(orders);
  ojson norms = ojson::array();
  for (const NormSet& n : instrument.norm_sets()) norms.push_back(norm_set_json(instrument, n));
  j["norm_sets"] = std::move(norms);
  // Invalid UTF-8 (say, in a file path) is replaced, never thrown as a nlohmann exception.
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace) + (indent >= 0 ? "\n" : "");
}

std::optional<std::string_view> embedded_instrument_json(std::string_view id) {
  for (const detail::EmbeddedFile& f : detail::embedded_instrument_files()) {
    if (f.name == id) return f.text;
  }
  return std::nullopt;
}

std::vector<std::string> embedded_instrument_ids() {
  std::vector<std::string> ids;
  for (const detail::EmbeddedFile& f : detail::embedded_instrument_files()) {
    ids.emplace_back(f.name);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Instrument load_embedded_instrument(std::string_view id) {
  auto text = embedded_instrument_json(id);
  if (!text) {
    std::string known;
    for (const std::string& k : embedded_instrument_ids()) known += (known.empty() ? "" : ", ") + k;
    throw Error(ErrorCode::instrument_unknown, std::string(id),
                "no embedded instrument has this id; embedded instruments: " + known);
  }
  Instrument ins = parse_instrument(*text, "embedded:" + std::string(id));
  if (ins.id() != id) {
    throw Error(ErrorCode::internal, "embedded:" + std::string(id),
                "the embedded file declares id \"" + ins.id() +
                    "\"; an instrument file's name must equal its id");
  }
  return ins;
}

Instrument load_instrument(std::string_view id_or_path, const Limits& limits) {
  if (embedded_instrument_json(id_or_path)) return load_embedded_instrument(id_or_path);
  std::error_code ec;
  const std::filesystem::path path{std::string(id_or_path)};
  if (std::filesystem::exists(path, ec)) return load_instrument_file(path, limits);
  std::string known;
  for (const std::string& k : embedded_instrument_ids()) known += (known.empty() ? "" : ", ") + k;
  throw Error(
      ErrorCode::instrument_unknown, std::string(id_or_path),
      "is neither an embedded instrument id nor an existing file; embedded instruments: " + known);
}

std::string to_canonical_key_json(const Instrument& instrument) {
  return to_canonical_key_json(instrument.model());
}

std::string to_canonical_key_json(const InstrumentModel& instrument) {
  // nlohmann::json (not ordered_json) sorts object members: the canonical form depends on it.
  using sorted_json = nlohmann::json;
  sorted_json key;
  key["format"] = "securebase-key";
  key["format_version"] = 1;
  key["response_scale"] = {{"min", instrument.response_scale.min},
                           {"max", instrument.response_scale.max}};
  // Declaration order of scales, and of an item's keys, does not change scoring, so the
  // canonical form lists both sorted by scale id.
  std::vector<const Scale*> by_id;
  for (const Scale& s : instrument.scales) by_id.push_back(&s);
  std::sort(by_id.begin(), by_id.end(),
            [](const Scale* a, const Scale* b) { return a->id < b->id; });
  sorted_json scales = sorted_json::array();
  for (const Scale* sp : by_id) {
    const Scale& s = *sp;
    sorted_json sj = {{"id", s.id},
                      {"method", std::string(to_string(s.method))},
                      {"min_answered", s.min_answered.required}};
    // Only composites carry components (item scales' canonical form, and so the fingerprints of
    // instruments without composites, are as before composites existed).
    if (s.is_composite()) {
      sj["method"] = "mean_of_scales";
      std::vector<std::string> ids;
      for (std::size_t c : s.components) ids.push_back(instrument.scales[c].id);
      std::sort(ids.begin(), ids.end());
      sj["scales"] = ids;
    }
    scales.push_back(std::move(sj));
  }
  key["scales"] = std::move(scales);
  sorted_json items = sorted_json::array();
  for (const Item& item : instrument.items) {
    std::vector<ItemKey> item_keys = item.keys;
    std::sort(item_keys.begin(), item_keys.end(), [&](const ItemKey& a, const ItemKey& b) {
      return instrument.scales[a.scale].id < instrument.scales[b.scale].id;
    });
    sorted_json keys = sorted_json::array();
    for (const ItemKey& k : item_keys) {
      sorted_json kj = {{"scale", instrument.scales[k.scale].id}, {"reversed", k.reversed}};
      // Only a weight other than the default: the fingerprints of unweighted keys stay as they
      // were before weights existed.
      if (k.weight != 1) kj["weight"] = k.weight;
      keys.push_back(std::move(kj));
    }
    items.push_back({{"id", item.id}, {"number", item.number}, {"keys", std::move(keys)}});
  }
  key["items"] = std::move(items);
  return key.dump(-1, ' ', false, sorted_json::error_handler_t::replace);
}
}  // namespace securebase
