// The instrument loader's parts the profile reads: the anxiety-avoidance plane, the secure-base
// facets and the norm sets (io/instrument_loader.hpp).
#include <algorithm>
#include <cmath>

#include "core/number_format.hpp"
#include "core/utf8.hpp"
#include "io/instrument_loader.hpp"
#include "securebase/core/error.hpp"

namespace securebase::detail {

void Loader::plane() {
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
void Loader::secure_base() {
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

void Loader::norm_sets() {
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
      if (sj->empty()) c_.bad_value(p + "/scales", "scales", *sj, "values for at least one scale");
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

namespace {

// A scale's score range as norms check it; unknown (nothing checked) when its scale or items are
// invalid.
struct NormRange {
  bool known;
  double lo;
  double hi;
  std::string text;  // "[lo, hi]", for messages
  bool excludes(double x) const { return known && (x < lo || x > hi); }
};

// "percentiles": at least 2 points, percentiles rising within (0, 100), scores not falling and
// within the range; a bad point is reported and left out.
void read_percentiles(JsonChecker& c, const Json& pj, const std::string& sp, const NormRange& range,
                      ScaleNorm& sn) {
  if (pj.size() < 2) {
    c.bad_value(sp + "/percentiles", "the number of points", pj.size(), "at least 2");
  }
  for (std::size_t k = 0; k < pj.size(); ++k) {
    const std::string pp = child(sp + "/percentiles", k);
    const Json& pt = pj[k];
    if (!c.expect_object(pt, pp, "a percentile point")) continue;
    c.only(pt, pp, {"percentile", "score"});
    auto pc = c.number(pt, pp, "percentile", true);
    auto sc = c.number(pt, pp, "score", true);
    if (!pc || !sc) continue;
    if (*pc <= 0 || *pc >= 100) {
      c.bad_value(pp + "/percentile", "percentile", *pc, "between 0 and 100 (exclusive)");
      continue;
    }
    if (range.excludes(*sc)) {
      c.bad_value(pp + "/score", "score", *sc, "within the scale's score range " + range.text);
      continue;
    }
    if (!sn.percentiles.empty()) {
      const PercentilePoint& prev = sn.percentiles.back();
      if (*pc <= prev.percentile) {
        c.bad_value(pp + "/percentile", "percentile", *pc,
                    "greater than the previous point's " + detail::brief(prev.percentile));
        continue;
      }
      if (*sc < prev.score) {
        c.bad_value(pp + "/score", "score", *sc,
                    "at least the previous point's " + detail::brief(prev.score) +
                        " (scores must not decrease as percentiles rise)");
        continue;
      }
    }
    sn.percentiles.push_back({*pc, *sc});
  }
}

}  // namespace

ScaleNorm Loader::scale_norm(const json& v, const std::string& sp, std::size_t scale) {
  c_.only(v, sp, {"mean", "sd", "reliability", "percentiles"});
  ScaleNorm sn;
  sn.scale = scale;
  const bool range_known = scale_ok_ && items_ok_;
  const auto [lo, hi] =
      range_known ? score_range(out_, scale, out_.scales[scale].method) : std::pair{0.0, 0.0};
  const NormRange range{range_known, lo, hi,
                        "[" + detail::format_number(lo) + ", " + detail::format_number(hi) + "]"};
  if (auto m = c_.number(v, sp, "mean", true)) {
    if (range.excludes(*m)) {
      c_.bad_value(sp + "/mean", "mean", *m, "within the scale's score range " + range.text);
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
  read_percentiles(c_, *pj, sp, range, sn);
  return sn;
}

}  // namespace securebase::detail
