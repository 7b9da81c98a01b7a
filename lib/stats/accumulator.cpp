// The batch accumulator: one Moments over items and scale scores, one per scale over complete
// rows (for listwise statistics), and answer counts; with its JSON partial format.
#include "securebase/stats/accumulator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "json_reader.hpp"
#include "securebase/error.hpp"

namespace securebase::stats {
namespace {

constexpr std::string_view partial_format = "securebase-stats-partial";
constexpr int partial_version = 1;

std::size_t width(const Layout& layout) {
  return static_cast<std::size_t>(layout.max - layout.min + 1);
}

[[noreturn]] void internal(std::string_view where, const std::string& message) {
  throw Error(ErrorCode::internal, std::string(where), message + "; please report this bug");
}

// Doubles that JSON cannot hold (the +/-inf of an empty min/max) are written as null.
detail::Json number(double x) { return std::isfinite(x) ? detail::Json(x) : detail::Json(nullptr); }

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
  for (const PairMoments& p : m.pairs)
    pairs.push_back(detail::Json::array(
        {p.n, number(p.mean_a), number(p.mean_b), number(p.m2_a), number(p.m2_b), number(p.c)}));
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
    for (std::size_t k = 0; k < m.pairs.size(); ++k) {
      const std::string q = p + "/pairs/" + std::to_string(k);
      const auto& a = array(pairs[k], q, 6);
      PairMoments& pm = m.pairs[k];
      pm.n = count(a[0], q + "/0");
      pm.mean_a = real(a[1], q + "/1", 0);
      pm.mean_b = real(a[2], q + "/2", 0);
      pm.m2_a = real(a[3], q + "/3", 0);
      pm.m2_b = real(a[4], q + "/4", 0);
      pm.c = real(a[5], q + "/5", 0);
    }
    return m;
  }
};

std::string first_difference(const Layout& a, const Layout& b) {
  if (a.items != b.items) return "their items differ";
  if (a.min != b.min || a.max != b.max) return "their response ranges differ";
  if (a.scales.size() != b.scales.size()) return "their numbers of scales differ";
  for (std::size_t s = 0; s < a.scales.size(); ++s)
    if (a.scales[s].id != b.scales[s].id || a.scales[s].items != b.scales[s].items ||
        a.scales[s].reversed != b.scales[s].reversed)
      return "the key of scale '" + a.scales[s].id + "' differs";
  return "";
}

}  // namespace

Layout layout_of(const Instrument& instrument) {
  Layout layout;
  layout.min = instrument.response_scale.min;
  layout.max = instrument.response_scale.max;
  for (const Item& item : instrument.items) layout.items.push_back(item.id);
  for (const Scale& scale : instrument.scales) {
    ScaleKey key;
    key.id = scale.id;
    key.items = scale.items;
    for (std::size_t item : scale.items)
      key.reversed.push_back(std::find(scale.reversed.begin(), scale.reversed.end(), item) !=
                                     scale.reversed.end()
                                 ? 1
                                 : 0);
    layout.scales.push_back(std::move(key));
  }
  return layout;
}

Accumulator make_accumulator(Layout layout) {
  if (layout.max < layout.min) internal("stats::make_accumulator", "the response range is empty");
  for (const ScaleKey& s : layout.scales) {
    if (s.reversed.size() != s.items.size())
      internal("stats::make_accumulator", "scale '" + s.id + "' has keys of two lengths");
    for (std::size_t i : s.items)
      if (i >= layout.items.size())
        internal("stats::make_accumulator", "scale '" + s.id + "' names an item out of range");
  }
  Accumulator acc;
  acc.all = make_moments(layout.items.size() + layout.scales.size());
  for (const ScaleKey& s : layout.scales) acc.listwise.push_back(make_moments(s.items.size() + 1));
  acc.counts.assign(layout.items.size() * width(layout), 0);
  acc.off_scale.assign(layout.items.size(), 0);
  acc.layout = std::move(layout);
  return acc;
}

void add_row(Accumulator& acc, std::span<const double> items, std::span<const double> scores) {
  const Layout& layout = acc.layout;
  if (items.size() != layout.items.size() || scores.size() != layout.scales.size())
    internal("stats::add_row", "a row does not match the accumulator's layout");
  std::vector<double> row(items.begin(), items.end());
  row.insert(row.end(), scores.begin(), scores.end());
  add_row(acc.all, row);
  const std::size_t w = width(layout);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double x = items[i];
    if (std::isnan(x)) continue;
    const double offset = x - layout.min;
    if (offset >= 0 && offset < static_cast<double>(w) && offset == std::floor(offset))
      ++acc.counts[i * w + static_cast<std::size_t>(offset)];
    else
      ++acc.off_scale[i];
  }
  std::vector<double> complete;
  for (std::size_t s = 0; s < layout.scales.size(); ++s) {
    const ScaleKey& key = layout.scales[s];
    complete.clear();
    bool all = !std::isnan(scores[s]);
    for (std::size_t i : key.items) {
      if (std::isnan(items[i])) {
        all = false;
        break;
      }
      complete.push_back(items[i]);
    }
    if (!all) continue;
    complete.push_back(scores[s]);
    add_row(acc.listwise[s], complete);
  }
}

Accumulator merge(const Accumulator& a, const Accumulator& b) {
  const std::string difference = first_difference(a.layout, b.layout);
  if (!difference.empty())
    throw Error(ErrorCode::stats_incomparable, "statistics partials",
                "two partials cannot be merged because " + difference +
                    "; merge only partials written for the same instrument and key");
  Accumulator m;
  m.layout = a.layout;
  m.all = merge(a.all, b.all);
  for (std::size_t s = 0; s < a.listwise.size(); ++s)
    m.listwise.push_back(merge(a.listwise[s], b.listwise[s]));
  m.counts = a.counts;
  for (std::size_t i = 0; i < m.counts.size(); ++i) m.counts[i] += b.counts[i];
  m.off_scale = a.off_scale;
  for (std::size_t i = 0; i < m.off_scale.size(); ++i) m.off_scale[i] += b.off_scale[i];
  return m;
}

std::string to_json(const Accumulator& acc) {
  detail::Json j = detail::Json::object();
  j["format"] = partial_format;
  j["version"] = partial_version;
  detail::Json layout = detail::Json::object();
  layout["items"] = acc.layout.items;
  layout["min"] = acc.layout.min;
  layout["max"] = acc.layout.max;
  detail::Json scales = detail::Json::array();
  for (const ScaleKey& s : acc.layout.scales) {
    detail::Json items = detail::Json::array();
    for (std::size_t i = 0; i < s.items.size(); ++i)
      items.push_back(detail::Json::array({s.items[i], s.reversed[i] != 0}));
    scales.push_back(detail::Json::object({{"id", s.id}, {"items", std::move(items)}}));
  }
  layout["scales"] = std::move(scales);
  j["layout"] = std::move(layout);
  j["all"] = moments_json(acc.all);
  detail::Json listwise = detail::Json::array();
  for (const Moments& m : acc.listwise) listwise.push_back(moments_json(m));
  j["listwise"] = std::move(listwise);
  j["counts"] = acc.counts;
  j["off_scale"] = acc.off_scale;
  return j.dump() + "\n";
}

Accumulator accumulator_from_json(std::string_view text, std::string_view source) {
  const detail::Json j = detail::parse_json_strict(text, source, ErrorCode::stats_partial_syntax,
                                                   ErrorCode::stats_partial_schema);
  const Reader r{source};
  const detail::Json& format = r.member(j, "", "format");
  if (!format.is_string() || format.get<std::string>() != partial_format)
    r.fail("/format", "the value is " + detail::brief(format) + ", but must be \"" +
                          std::string(partial_format) + "\"");
  const detail::Json& version = r.member(j, "", "version");
  if (!version.is_number_integer() || version.get<long long>() != partial_version)
    throw Error(ErrorCode::stats_partial_version, detail::json_where(source, "/version"),
                "the partial has version " + detail::brief(version) +
                    ", but this securebase reads version " + std::to_string(partial_version) +
                    "; write the partials again with the same securebase version that merges them");
  Layout layout;
  const detail::Json& lj = r.member(j, "", "layout");
  const detail::Json& items = r.member(lj, "/layout", "items");
  if (!items.is_array()) r.fail("/layout/items", "the value must be an array of item ids");
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string())
      r.fail("/layout/items/" + std::to_string(i), "the value must be a string");
    layout.items.push_back(items[i].get<std::string>());
  }
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
  const detail::Json& scales = r.member(lj, "/layout", "scales");
  if (!scales.is_array()) r.fail("/layout/scales", "the value must be an array");
  for (std::size_t s = 0; s < scales.size(); ++s) {
    const std::string p = "/layout/scales/" + std::to_string(s);
    ScaleKey key;
    const detail::Json& id = r.member(scales[s], p, "id");
    if (!id.is_string()) r.fail(p + "/id", "the value must be a string");
    key.id = id.get<std::string>();
    const detail::Json& si = r.member(scales[s], p, "items");
    if (!si.is_array()) r.fail(p + "/items", "the value must be an array");
    for (std::size_t i = 0; i < si.size(); ++i) {
      const std::string q = p + "/items/" + std::to_string(i);
      const auto& a = r.array(si[i], q, 2);
      const std::uint64_t index = r.count(a[0], q + "/0");
      if (index >= layout.items.size()) r.fail(q + "/0", "the item index is out of range");
      if (!a[1].is_boolean()) r.fail(q + "/1", "the value must be true or false");
      key.items.push_back(static_cast<std::size_t>(index));
      key.reversed.push_back(a[1].get<bool>() ? 1 : 0);
    }
    layout.scales.push_back(std::move(key));
  }
  Accumulator acc = make_accumulator(std::move(layout));
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
  const auto& counts = r.array(r.member(j, "", "counts"), "/counts", acc.counts.size());
  for (std::size_t i = 0; i < acc.counts.size(); ++i)
    acc.counts[i] = r.count(counts[i], "/counts/" + std::to_string(i));
  const auto& off = r.array(r.member(j, "", "off_scale"), "/off_scale", acc.off_scale.size());
  for (std::size_t i = 0; i < acc.off_scale.size(); ++i)
    acc.off_scale[i] = r.count(off[i], "/off_scale/" + std::to_string(i));
  return acc;
}

}  // namespace securebase::stats
