#include "securebase/io/instrument_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace securebase {

std::string to_key_json(const Instrument& instrument, int indent) {
  using ojson = nlohmann::ordered_json;
  ojson j;
  j["id"] = instrument.id;
  j["version"] = instrument.version;
  j["title"] = instrument.title;
  j["short_title"] = instrument.short_title;
  j["key_fingerprint"] = instrument.key_fingerprint;
  j["source"] = instrument.source;
  ojson cites = ojson::array();
  for (const Citation& c : instrument.citations) {
    cites.push_back({{"text", c.text}, {"doi", c.doi}, {"url", c.url}});
  }
  j["citations"] = std::move(cites);
  j["licence"] = instrument.licence;
  j["response_scale"] = {{"min", instrument.response_scale.min},
                         {"max", instrument.response_scale.max},
                         {"labels", instrument.response_scale.labels}};
  ojson scales = ojson::array();
  for (const Scale& s : instrument.scales) {
    ojson items = ojson::array();
    ojson reversed = ojson::array();
    ojson ids = ojson::array();
    for (std::size_t idx : s.items) {
      items.push_back(instrument.items[idx].number);
      ids.push_back(instrument.items[idx].id);
    }
    for (std::size_t idx : s.reversed) reversed.push_back(instrument.items[idx].number);
    ojson sj = {{"id", s.id},
                {"name", s.name},
                {"method", s.is_composite() ? std::string("mean_of_scales")
                                            : std::string(to_string(s.method))},
                {"items", std::move(items)},
                {"item_ids", std::move(ids)},
                {"reversed", std::move(reversed)},
                {"min_answered", s.min_answered.required},
                {"min_answered_rule", describe_min_answered(s)}};
    if (s.is_composite()) {
      ojson components = ojson::array();
      for (std::size_t c : s.components) components.push_back(instrument.scales[c].id);
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
    scales.push_back(std::move(sj));
  }
  j["scales"] = std::move(scales);
  if (instrument.plane) {
    const auto axis = [&](const PlaneAxis& a) {
      return ojson{{"scale", instrument.scales[a.scale].id}, {"direction", a.direction}};
    };
    j["plane"] = {{"anxiety", axis(instrument.plane->anxiety)},
                  {"avoidance", axis(instrument.plane->avoidance)}};
  } else {
    j["plane"] = nullptr;
  }
  ojson orders = ojson::array();
  const auto order_json = [&](const ItemOrder& o, bool canonical) {
    ojson ids = ojson::array();
    for (std::size_t idx : o.items) ids.push_back(instrument.items[idx].id);
    return ojson{{"id", o.id},
                 {"canonical", canonical},
                 {"description", o.description},
                 {"verified", o.verified},
                 {"items", std::move(ids)}};
  };
  orders.push_back(order_json(instrument.canonical_order, true));
  for (const ItemOrder& o : instrument.alternative_orders) orders.push_back(order_json(o, false));
  j["orders"] = std::move(orders);
  ojson norms = ojson::array();
  for (const NormSet& n : instrument.norm_sets) {
    ojson per_scale = ojson::object();
    for (const ScaleNorm& sn : n.scales) {
      ojson table = ojson::array();
      for (const PercentilePoint& p : sn.percentiles) {
        table.push_back({{"percentile", p.percentile}, {"score", p.score}});
      }
      per_scale[instrument.scales[sn.scale].id] = {
          {"mean", sn.mean},
          {"sd", sn.sd},
          {"reliability", sn.reliability ? ojson(*sn.reliability) : ojson(nullptr)},
          {"percentiles", std::move(table)}};
    }
    norms.push_back({{"id", n.id},
                     {"name", n.name},
                     {"sample", n.sample},
                     {"citation", n.citation},
                     {"n", n.n},
                     {"scales", std::move(per_scale)}});
  }
  j["norm_sets"] = std::move(norms);
  // Invalid UTF-8 (say, in a file path) is replaced, never thrown as a nlohmann exception.
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace) + (indent >= 0 ? "\n" : "");
}

}  // namespace securebase
