// securebase: statistics partials: an accumulator as JSON and back, so that shards of one data
// set can be merged on other machines ("format": "securebase-stats-partial").
#include "securebase/io/stats_partial.hpp"

#include <cmath>
#include <limits>
#include <utility>

#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

using namespace stats;  // NOLINT(google-build-using-namespace): the partial is all stats types

namespace {

// Doubles that JSON cannot hold (the +/-inf of an empty min/max) are written as null.
detail::Json number(double x) { return std::isfinite(x) ? detail::Json(x) : detail::Json(nullptr); }

detail::Json pair_json(const PairMoments& p) {
  return detail::Json::array(
      {p.n, number(p.mean_a), number(p.mean_b), number(p.m2_a), number(p.m2_b), number(p.c)});
}

detail::Json moments_json(const Moments& m) {
  detail::Json j = detail::Json::object();
  j["variables"] = m.variables;
  j["rows"] = m.rows;
  detail::Json uni = detail::Json::array();
  for (const Univariate& u : m.univariate)
    uni.push_back(detail::Json::array({u.n, number(u.mean), number(u.m2), number(u.m3),
                                       number(u.m4), number(u.min), number(u.max)}));
  j["univariate"] = std::move(uni);
  detail::Json pairs = detail::Json::array();
  for (const PairMoments& p : m.pairs) pairs.push_back(pair_json(p));
  j["pairs"] = std::move(pairs);
  return j;
}

// Reading: every shape problem is a 1002 with the JSON path of the member.
struct Reader {
  std::string_view source;
  [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
    throw Error(ErrorCode::stats_partial_schema, detail::json_where(source, pointer),
                what +
                    "; this file is not a statistics partial written by securebase "
                    "(--stats-partial), or it was edited");
  }
  const detail::Json& member(const detail::Json& j, const std::string& pointer,
                             const char* key) const {
    if (!j.is_object())
      fail(pointer, "the value is " + detail::brief(j) + ", but must be an object");
    const auto it = j.find(key);
    if (it == j.end()) fail(pointer + "/" + key, "the member is missing");
    return *it;
  }
  std::uint64_t count(const detail::Json& j, const std::string& pointer) const {
    if (!j.is_number_unsigned())
      fail(pointer, "the value is " + detail::brief(j) + ", but must be a whole number >= 0");
    return j.get<std::uint64_t>();
  }
  double real(const detail::Json& j, const std::string& pointer, double if_null) const {
    if (j.is_null()) return if_null;
    if (!j.is_number())
      fail(pointer, "the value is " + detail::brief(j) + ", but must be a number");
    return j.get<double>();
  }
  const detail::Json& array(const detail::Json& j, const std::string& pointer,
                            std::size_t size) const {
    if (!j.is_array() || j.size() != size)
      fail(pointer, "the value is " + detail::brief(j) + ", but must be an array of " +
                        std::to_string(size) + " values");
    return j;
  }
  Moments moments(const detail::Json& j, const std::string& p) const {
    const std::uint64_t variables = count(member(j, p, "variables"), p + "/variables");
    if (variables > 1'000'000) fail(p + "/variables", "the value is too large");
    Moments m = make_moments(static_cast<std::size_t>(variables));
    m.rows = count(member(j, p, "rows"), p + "/rows");
    const auto& uni = array(member(j, p, "univariate"), p + "/univariate", m.variables);
    const double inf = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < m.variables; ++i) {
      const std::string q = p + "/univariate/" + std::to_string(i);
      const auto& a = array(uni[i], q, 7);
      Univariate& u = m.univariate[i];
      u.n = count(a[0], q + "/0");
      u.mean = real(a[1], q + "/1", 0);
      u.m2 = real(a[2], q + "/2", 0);
      u.m3 = real(a[3], q + "/3", 0);
      u.m4 = real(a[4], q + "/4", 0);
      u.min = real(a[5], q + "/5", inf);
      u.max = real(a[6], q + "/6", -inf);
    }
    const auto& pairs = array(member(j, p, "pairs"), p + "/pairs", m.pairs.size());
    for (std::size_t k = 0; k < m.pairs.size(); ++k)
      m.pairs[k] = pair(pairs[k], p + "/pairs/" + std::to_string(k));
    return m;
  }
  PairMoments pair(const detail::Json& j, const std::string& q) const {
    const auto& a = array(j, q, 6);
    PairMoments pm;
    pm.n = count(a[0], q + "/0");
    pm.mean_a = real(a[1], q + "/1", 0);
    pm.mean_b = real(a[2], q + "/2", 0);
    pm.m2_a = real(a[3], q + "/3", 0);
    pm.m2_b = real(a[4], q + "/4", 0);
    pm.c = real(a[5], q + "/5", 0);
    return pm;
  }
};

}  // namespace

std::string to_stats_partial_json(const stats::Accumulator& acc) {
  detail::Json j = detail::Json::object();
  j["format"] = stats_partial_format_id;
  j["version"] = stats_partial_format_version;
  detail::Json layout = detail::Json::object();
  layout["items"] = acc.layout.items;
  layout["min"] = acc.layout.min;
  layout["max"] = acc.layout.max;
  detail::Json scales = detail::Json::array();
  for (const ScaleKey& s : acc.layout.scales) {
    detail::Json items = detail::Json::array();
    for (std::size_t i = 0; i < s.items.size(); ++i)
      items.push_back(detail::Json::array({s.items[i], s.reversed[i] != 0}));
    scales.push_back(detail::Json::object(
        {{"id", s.id}, {"items", std::move(items)}, {"lo", s.lo}, {"hi", s.hi}}));
  }
  layout["scales"] = std::move(scales);
  if (acc.layout.plane)
    layout["plane"] = detail::Json::array({acc.layout.plane->first, acc.layout.plane->second});
  else
    layout["plane"] = nullptr;
  j["layout"] = std::move(layout);
  j["all"] = moments_json(acc.all);
  detail::Json listwise = detail::Json::array();
  for (const Moments& m : acc.listwise) listwise.push_back(moments_json(m));
  j["listwise"] = std::move(listwise);
  detail::Json answered = detail::Json::array();
  for (const std::vector<PairMoments>& scale : acc.answered_mean) {
    detail::Json pairs = detail::Json::array();
    for (const PairMoments& p : scale) pairs.push_back(pair_json(p));
    answered.push_back(std::move(pairs));
  }
  j["answered_mean"] = std::move(answered);
  j["counts"] = acc.counts;
  j["off_scale"] = acc.off_scale;
  j["bins"] = detail::Json::object({{"scale", acc.bins.scale}, {"plane", acc.bins.plane}});
  return j.dump() + "\n";
}

namespace {

void check_header(const detail::Json& j, const Reader& r, std::string_view source) {
  const detail::Json& format = r.member(j, "", "format");
  if (!format.is_string() || format.get<std::string>() != stats_partial_format_id)
    r.fail("/format", "the value is " + detail::brief(format) + ", but must be \"" +
                          std::string(stats_partial_format_id) + "\"");
  const detail::Json& version = r.member(j, "", "version");
  if (!version.is_number_integer() || version.get<long long>() != stats_partial_format_version)
    throw Error(ErrorCode::stats_partial_version, detail::json_where(source, "/version"),
                "the partial has version " + detail::brief(version) +
                    ", but this securebase reads version " +
                    std::to_string(stats_partial_format_version) +
                    "; write the partials again with the same securebase version that merges them");
}

ScaleKey read_scale_key(const detail::Json& scale, const Reader& r, const std::string& p,
                        std::size_t item_count) {
  ScaleKey key;
  const detail::Json& id = r.member(scale, p, "id");
  if (!id.is_string()) r.fail(p + "/id", "the value must be a string");
  key.id = id.get<std::string>();
  const detail::Json& si = r.member(scale, p, "items");
  if (!si.is_array()) r.fail(p + "/items", "the value must be an array");
  for (std::size_t i = 0; i < si.size(); ++i) {
    const std::string q = p + "/items/" + std::to_string(i);
    const auto& a = r.array(si[i], q, 2);
    const std::uint64_t index = r.count(a[0], q + "/0");
    if (index >= item_count) r.fail(q + "/0", "the item index is out of range");
    if (!a[1].is_boolean()) r.fail(q + "/1", "the value must be true or false");
    key.items.push_back(static_cast<std::size_t>(index));
    key.reversed.push_back(a[1].get<bool>() ? 1 : 0);
  }
  key.lo = r.real(r.member(scale, p, "lo"), p + "/lo", std::nan(""));
  key.hi = r.real(r.member(scale, p, "hi"), p + "/hi", std::nan(""));
  if (!(key.lo <= key.hi)) r.fail(p + "/hi", "the score range must run upwards from lo");
  return key;
}

void read_layout_items(const detail::Json& lj, const Reader& r, Layout& layout) {
  const detail::Json& items = r.member(lj, "/layout", "items");
  if (!items.is_array()) r.fail("/layout/items", "the value must be an array of item ids");
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string())
      r.fail("/layout/items/" + std::to_string(i), "the value must be a string");
    layout.items.push_back(items[i].get<std::string>());
  }
}

void read_layout_range(const detail::Json& lj, const Reader& r, Layout& layout) {
  const auto whole = [&](const char* key) {
    const detail::Json& v = r.member(lj, "/layout", key);
    if (!v.is_number_integer())
      r.fail(std::string("/layout/") + key, "the value must be a whole number");
    return static_cast<int>(v.get<long long>());
  };
  layout.min = whole("min");
  layout.max = whole("max");
  if (layout.max < layout.min || layout.max - layout.min > 1000)
    r.fail("/layout/max", "the response range must run upwards from min, over at most 1001 values");
}

Layout read_layout(const detail::Json& lj, const Reader& r) {
  Layout layout;
  read_layout_items(lj, r, layout);
  read_layout_range(lj, r, layout);
  const detail::Json& scales = r.member(lj, "/layout", "scales");
  if (!scales.is_array()) r.fail("/layout/scales", "the value must be an array");
  for (std::size_t s = 0; s < scales.size(); ++s)
    layout.scales.push_back(
        read_scale_key(scales[s], r, "/layout/scales/" + std::to_string(s), layout.items.size()));
  const detail::Json& plane = r.member(lj, "/layout", "plane");
  if (!plane.is_null()) {
    const auto& a = r.array(plane, "/layout/plane", 2);
    const std::uint64_t x = r.count(a[0], "/layout/plane/0");
    const std::uint64_t y = r.count(a[1], "/layout/plane/1");
    if (x >= layout.scales.size() || y >= layout.scales.size())
      r.fail("/layout/plane", "the scale index is out of range");
    layout.plane = std::pair{static_cast<std::size_t>(x), static_cast<std::size_t>(y)};
  }
  return layout;
}

// The moments: over all variables, per scale listwise, and per scale answered-mean pairs.
void read_moments(const detail::Json& j, const Reader& r, Accumulator& acc) {
  const Moments all = r.moments(r.member(j, "", "all"), "/all");
  if (all.variables != acc.all.variables)
    r.fail("/all/variables", "the value does not match the layout");
  acc.all = all;
  const auto& listwise = r.array(r.member(j, "", "listwise"), "/listwise", acc.listwise.size());
  for (std::size_t s = 0; s < acc.listwise.size(); ++s) {
    const std::string p = "/listwise/" + std::to_string(s);
    Moments m = r.moments(listwise[s], p);
    if (m.variables != acc.listwise[s].variables)
      r.fail(p + "/variables", "the value does not match the layout");
    acc.listwise[s] = std::move(m);
  }
  const auto& answered =
      r.array(r.member(j, "", "answered_mean"), "/answered_mean", acc.answered_mean.size());
  for (std::size_t s = 0; s < acc.answered_mean.size(); ++s) {
    const std::string p = "/answered_mean/" + std::to_string(s);
    const auto& pairs = r.array(answered[s], p, acc.answered_mean[s].size());
    for (std::size_t i = 0; i < acc.answered_mean[s].size(); ++i)
      acc.answered_mean[s][i] = r.pair(pairs[i], p + "/" + std::to_string(i));
  }
}

// The array of counts at PARENT/MEMBER, whose size the layout fixed, into OUT.
void read_counts(const detail::Json& j, const Reader& r, const std::string& parent,
                 const char* member, std::vector<std::uint64_t>& out) {
  const std::string path = parent + "/" + member;
  const auto& a = r.array(r.member(j, parent, member), path, out.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = r.count(a[i], path + "/" + std::to_string(i));
}

}  // namespace

stats::Accumulator parse_stats_partial_json(std::string_view text, std::string_view source) {
  const detail::Json j = detail::parse_json_strict(text, source, ErrorCode::stats_partial_syntax,
                                                   ErrorCode::stats_partial_schema);
  const Reader r{source};
  check_header(j, r, source);
  Accumulator acc = make_accumulator(read_layout(r.member(j, "", "layout"), r));
  read_moments(j, r, acc);
  read_counts(j, r, "", "counts", acc.counts);
  read_counts(j, r, "", "off_scale", acc.off_scale);
  const detail::Json& bins = r.member(j, "", "bins");
  read_counts(bins, r, "/bins", "scale", acc.bins.scale);
  read_counts(bins, r, "/bins", "plane", acc.bins.plane);
  return acc;
}

}  // namespace securebase
