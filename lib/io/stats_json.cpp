#include "securebase/io/stats_json.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "io/json_reader.hpp"

namespace securebase {

namespace {

using detail::Json;
namespace st = stats;

// nlohmann writes NaN and infinities as null; finite doubles as the shortest text that reads
// back as the same double.
Json interval_json(const st::Interval& i) {
  return Json::object({{"lower", i.lower}, {"upper", i.upper}});
}

Json describe_json(const st::Describe& d) {
  Json j = Json::object();
  j["status"] = std::string(st::to_string(d.status));
  j["n"] = d.n;
  j["mean"] = d.mean;
  j["sd"] = d.sd;
  j["skew"] = d.skew;
  j["kurtosis"] = d.kurtosis;
  j["min"] = d.min;
  j["max"] = d.max;
  j["se"] = d.se;
  return j;
}

Json alpha_json(const st::Alpha& a) {
  Json j = Json::object();
  j["status"] = std::string(st::to_string(a.status));
  j["items"] = a.items;
  j["n"] = a.n;
  j["raw"] = a.raw;
  j["standardised"] = a.standardised;
  j["average_r"] = a.average_r;
  j["ase"] = a.ase;
  j["feldt"] = interval_json(a.feldt);
  j["feldt_exact"] = interval_json(a.feldt_exact);
  j["duhachek"] = interval_json(a.duhachek);
  return j;
}

Json omega_json(const st::Omega& o) {
  Json j = Json::object();
  j["status"] = std::string(st::to_string(o.status));
  j["fit"] = std::string(st::to_string(o.fit));
  j["total"] = o.total;
  j["loadings"] = o.loadings;
  j["uniquenesses"] = o.uniquenesses;
  j["iterations"] = o.iterations;
  return j;
}

Json item_json(const st::ItemStats& it) {
  Json j = Json::object();
  j["id"] = it.id;
  j["reversed"] = it.reversed;
  j["status"] = std::string(st::to_string(it.status));
  j["n"] = it.n;
  j["mean"] = it.mean;
  j["sd"] = it.sd;
  j["item_total_r"] = it.item_total_r;
  j["item_score_r"] = it.item_score_r;
  j["standardised_r"] = it.standardised_r;
  j["corrected_r"] = it.corrected_r;
  j["alpha_if_dropped"] = alpha_json(it.if_dropped);
  j["counts"] = it.counts;
  j["off_scale"] = it.off_scale;
  return j;
}

// Rows of a row-major matrix as arrays.
Json rows_json(std::size_t rows, std::size_t cols, const std::vector<double>& values) {
  Json out = Json::array();
  for (std::size_t r = 0; r < rows; ++r) {
    Json row = Json::array();
    for (std::size_t c = 0; c < cols && r * cols + c < values.size(); ++c)
      row.push_back(values[r * cols + c]);
    out.push_back(std::move(row));
  }
  return out;
}

// The item ids of omega hierarchical's rows: the chosen scales' items in order, as summarise
// lays them out; the layout indices when the scales do not account for every row.
Json hierarchical_items(const st::Summary& s, const st::Hierarchical& h) {
  std::vector<std::string> ids;
  for (const std::string& id : h.scales)
    for (const st::ScaleStats& scale : s.scales)
      if (scale.id == id)
        for (const st::ItemStats& it : scale.items) ids.push_back(it.id);
  if (ids.size() == h.items.size()) return ids;
  return h.items;
}

Json hierarchical_json(const st::Summary& s, const st::Hierarchical& h) {
  Json j = Json::object();
  j["status"] = std::string(st::to_string(h.status));
  j["scales"] = h.scales;
  j["items"] = hierarchical_items(s, h);
  j["factors"] = h.factors;
  j["identified"] = h.identified;
  j["omega_h"] = h.omega_h;
  j["total"] = h.total;
  j["general"] = h.general;
  j["group"] = rows_json(h.group.items, h.group.factors, h.group.values);
  j["communalities"] = h.communalities;
  j["factor_general"] = h.factor_general;
  j["pattern"] = rows_json(h.pattern.items, h.pattern.factors, h.pattern.values);
  j["phi"] = rows_json(h.phi.k, h.phi.k, h.phi.values);
  j["fit_iterations"] = h.fit_iterations;
  j["rotation_iterations"] = h.rotation_iterations;
  return j;
}

Json summary_object(const st::Summary& summary);

Json warning_json(const st::CheckWarning& w) {
  Json j = Json::object();
  j["id"] = w.id;
  j["scale"] = w.scale;
  j["item"] = w.item;
  Json values = Json::object();
  for (const st::WarningValue& v : w.values) values[v.name] = v.value;
  j["values"] = std::move(values);
  j["message"] = w.message;
  return j;
}

Json published_json(const st::PublishedComparison& p) {
  Json j = Json::object();
  j["scale"] = p.scale;
  j["sample"] = Json::object({{"n", p.score.n},
                              {"mean", p.score.mean},
                              {"sd", p.score.sd},
                              {"alpha", p.alpha.raw},
                              {"alpha_status", std::string(st::to_string(p.alpha.status))}});
  if (p.reliability) {
    j["reliability"] = Json::object({{"value", p.reliability->value},
                                     {"source", p.reliability->source},
                                     {"provisional", p.reliability->provisional}});
  } else {
    j["reliability"] = nullptr;
  }
  Json norms = Json::array();
  for (const st::NormComparison& n : p.norms) {
    Json nj = Json::object();
    nj["norm_set"] = n.norm_set;
    nj["citation"] = n.citation;
    nj["n"] = n.n;
    nj["mean"] = n.mean;
    nj["sd"] = n.sd;
    nj["reliability"] = n.reliability ? Json(*n.reliability) : Json(nullptr);
    nj["d"] = n.d;
    nj["sd_ratio"] = n.sd_ratio;
    norms.push_back(std::move(nj));
  }
  j["norms"] = std::move(norms);
  return j;
}

}  // namespace

std::string to_stats_json(const stats::Summary& summary,
                          std::span<const stats::CheckWarning> warnings,
                          std::span<const stats::PublishedComparison> published, int indent) {
  Json j = summary_object(summary);
  Json checks = Json::array();
  for (const st::CheckWarning& w : warnings) checks.push_back(warning_json(w));
  j["checks"] = std::move(checks);
  Json pub = Json::array();
  for (const st::PublishedComparison& p : published) pub.push_back(published_json(p));
  j["published"] = std::move(pub);
  return j.dump(indent) + "\n";
}

std::string to_stats_json(const stats::Summary& summary, int indent) {
  return summary_object(summary).dump(indent) + "\n";
}

namespace {

Json summary_object(const st::Summary& summary) {
  Json j = Json::object();
  j["format"] = std::string(stats_summary_format);
  j["version"] = stats_summary_version;
  j["missing"] = std::string(st::to_string(summary.missing));
  j["rows"] = summary.rows;
  Json scales = Json::array();
  for (const st::ScaleStats& s : summary.scales) {
    Json sj = Json::object();
    sj["id"] = s.id;
    sj["score"] = describe_json(s.score);
    sj["rows"] = s.rows;
    sj["alpha"] = alpha_json(s.alpha);
    sj["omega"] = omega_json(s.omega);
    sj["omega_ml"] = omega_json(s.omega_ml);
    Json items = Json::array();
    for (const st::ItemStats& it : s.items) items.push_back(item_json(it));
    sj["items"] = std::move(items);
    scales.push_back(std::move(sj));
  }
  j["scales"] = std::move(scales);
  Json ids = Json::array();
  for (const st::ScaleStats& s : summary.scales) ids.push_back(s.id);
  const st::SquareMatrix& r = summary.scale_correlations;
  j["scale_correlations"] =
      Json::object({{"scales", std::move(ids)}, {"r", rows_json(r.k, r.k, r.values)}});
  j["hierarchical"] =
      summary.hierarchical ? hierarchical_json(summary, *summary.hierarchical) : Json(nullptr);
  return j;
}

}  // namespace

}  // namespace securebase
