// The feedback builder's blocks: summary, each dimension, the plane, the secure base, change,
// growth and "about" (core/feedback_builder.hpp).
#include <algorithm>
#include <cmath>

#include "core/feedback_builder.hpp"
#include "core/number_format.hpp"
#include "securebase/core/error.hpp"
#include "securebase/version.hpp"

namespace securebase::detail {

// ---- blocks ----
FeedbackBlock Builder::summary() const {
  FeedbackBlock b = block("summary", "summary.title");
  b.paragraphs.push_back(
      say("summary.answered",
          {{"answered", std::to_string(scores_.answered())},
           {"items", std::to_string(in_.items().size())},
           {"instrument", !options_.instrument_name.empty() ? options_.instrument_name
                          : in_.short_title().empty()       ? in_.title()
                                                            : in_.short_title()}}));
  b.numbers.push_back(numbered("answered", static_cast<double>(scores_.answered())));
  b.numbers.push_back(numbered("items", static_cast<double>(in_.items().size())));
  if (profile_.plane) {
    const PlanePosition& pl = *profile_.plane;
    if (!pl.scored()) {
      add(b, "summary.unscored");
    } else {
      summary_region(b, pl);
    }
  } else {
    add(b, "summary.no_plane");
    for (std::size_t s = 0; s < in_.scales().size(); ++s) {
      const ScaleScore* sc = scale_score(s);
      if (sc == nullptr) continue;
      const auto [lo, hi] = score_range(in_, s, sc->method);
      if (sc->status == ScoreStatus::ok) {
        add(b, "summary.scale",
            {{"scale", in_.scales()[s].name},
             {"score", num(sc->value)},
             {"low", num(lo, 0)},
             {"high", num(hi, 0)}});
        b.numbers.push_back(numbered(in_.scales()[s].id + ".score", sc->value));
      } else {
        add(b, "summary.scale.unscored", {{"scale", in_.scales()[s].name}});
      }
    }
  }
  if (profile_.secure_base) {
    const SecureBaseProfile& sb = *profile_.secure_base;
    if (sb.even) {
      add(b, "summary.even");
    } else if (!sb.strengths.empty()) {
      std::vector<std::string> names;
      for (const std::string& id : sb.strengths) names.push_back(facet_name(id));
      add(b, sb.relative_strength ? "summary.strengths.relative" : "summary.strengths",
          {{"list", list(names)}});
    }
  }
  if (profile_.provisional) add(b, "summary.provisional");
  return b;
}

// The region sentence of the summary, following the plane's one reading (profile.hpp,
// PlaneReading): clear, leaning, a blend of two, or the middle.
void Builder::summary_region(FeedbackBlock& b, const PlanePosition& pl) const {
  const PlaneReading& r = *pl.reading;
  const std::string id(to_string(r.region));
  const Values named = {{"region", region_name(r.region)}, {"gist", say("region." + id + ".gist")}};
  if (r.clarity == Clarity::clear) {
    add(b, "summary.region", named);
    add(b, "summary.region.probability",
        {{"probability", format_percent(text_, pl.probability(r.region))}});
  } else if (r.clarity == Clarity::leaning) {
    add(b, "summary.leaning", named);
    if (pl.probabilities && r.other) {
      add(b, "summary.leaning.probability",
          {{"probability", format_percent(text_, pl.probability(r.region))},
           {"other", region_name(*r.other)},
           {"probability_other", format_percent(text_, pl.probability(*r.other))}});
    } else {
      add(b, "summary.leaning.no_probability");
    }
  } else if (r.other) {
    add(b, "summary.near.one",
        {{"region_a", region_name(r.region)}, {"region_b", region_name(*r.other)}});
  } else {
    add(b, "summary.near.both");
  }
  if (pl.probabilities) {
    b.numbers.push_back(numbered("p_" + id, pl.probability(r.region)));
    if (r.other) {
      b.numbers.push_back(
          numbered("p_" + std::string(to_string(*r.other)), pl.probability(*r.other)));
    }
  }
}

// The plane block's closing sentence, from the same reading as the summary.
void Builder::plane_reading(FeedbackBlock& b, const PlanePosition& pl) const {
  const PlaneReading& r = *pl.reading;
  if (r.clarity == Clarity::clear) {
    add(b, "plane.reading.clear", {{"region", region_name(r.region)}});
  } else if (r.clarity == Clarity::leaning) {
    if (r.other) {
      add(b, "plane.reading.leaning",
          {{"region", region_name(r.region)}, {"other", region_name(*r.other)}});
    } else {
      add(b, "plane.reading.leaning.no_error", {{"region", region_name(r.region)}});
    }
  } else if (r.other) {
    add(b, "plane.near");
  } else {
    add(b, "plane.near.both");
  }
}

// Which third of its range a dimension's score lies in, read in the dimension's direction.
std::string Builder::band(const DimensionPosition& d) {
  double f = (d.score - d.range_low) / (d.range_high - d.range_low);
  if (d.direction < 0) f = 1 - f;
  return f < 1.0 / 3 ? "low" : f > 2.0 / 3 ? "high" : "middle";
}

std::string Builder::nearest_label(double score) const {
  const std::vector<std::string>& labels =
      options_.labels.empty() ? in_.response_scale().labels : options_.labels;
  if (labels.empty()) return {};
  const double lo = in_.response_scale().min;
  long idx = std::lround(score - lo);
  idx = std::clamp(idx, 0L, static_cast<long>(labels.size()) - 1);
  return labels[static_cast<std::size_t>(idx)];
}

FeedbackBlock Builder::dimension(const std::string& dim, const DimensionPosition& d) const {
  const std::string k = "dimension." + dim;
  FeedbackBlock b = block(k, k + ".title");
  add(b, k + ".what");
  const std::size_t s = *in_.find_scale(d.scale_id);
  const ScaleScore* sc = scale_score(s);
  if (!d.scored()) {
    add(b, "dimension.unscored",
        {{"answered", std::to_string(sc->n_answered)},
         {"items", std::to_string(sc->n_items)},
         {"required", std::to_string(sc->min_required)}});
    add(b, k + ".not");
    return b;
  }
  const std::string method = sc->method == ScaleMethod::mean ? "method.mean"
                             : sc->prorated                  ? "method.sum_prorated"
                                                             : "method.sum";
  std::string position = say("dimension.position", {{"score", num(d.score)},
                                                    {"low", num(d.range_low, 0)},
                                                    {"high", num(d.range_high, 0)},
                                                    {"method", say(method)},
                                                    {"answered", std::to_string(sc->n_answered)},
                                                    {"items", std::to_string(sc->n_items)}});
  // A mean of a labelled scale reads as the label nearest to it.
  if (sc->method == ScaleMethod::mean && !in_.scales()[s].is_composite()) {
    const std::string label = nearest_label(d.score);
    if (!label.empty()) position += " " + say("dimension.position.label", {{"label", label}});
  }
  b.paragraphs.push_back(position);
  b.numbers.push_back(numbered("score", d.score));
  b.numbers.push_back(numbered("range_low", d.range_low));
  b.numbers.push_back(numbered("range_high", d.range_high));
  if (d.error) {
    std::string interval =
        say("dimension.interval", {{"lower", num(d.error->lower)}, {"upper", num(d.error->upper)}});
    if (d.error->provisional) interval += " " + say("dimension.interval.provisional");
    b.paragraphs.push_back(interval);
    b.numbers.push_back(numbered("sem", d.error->sem));
    b.numbers.push_back(numbered("lower", d.error->lower));
    b.numbers.push_back(numbered("upper", d.error->upper));
  } else {
    add(b, "dimension.no_interval");
  }
  if (d.norm) {
    const NormSet* set = in_.find_norm_set(d.norm->norm_set);
    const std::string norm_key =
        d.norm->bound == PercentileBound::at_most    ? "dimension.norm.at_most"
        : d.norm->bound == PercentileBound::at_least ? "dimension.norm.at_least"
                                                     : "dimension.norm";
    add(b, norm_key,
        {{"norm", set != nullptr ? set->name : d.norm->norm_set},
         {"percentile", format_number(text_, d.norm->percentile, 0)},
         {"z", num(d.norm->z)}});
    b.numbers.push_back(numbered("z", d.norm->z));
    b.numbers.push_back(numbered("percentile", d.norm->percentile));
  }
  add(b, k + ".band." + band(d));
  add(b, k + ".not");
  return b;
}

void Builder::distance_sentence(FeedbackBlock& b, const std::string& dim,
                                const DimensionPosition& d) const {
  const std::string name = say("dimension." + dim + ".title");
  std::string sentence;
  if (d.distance == 0) {
    sentence = say("plane.distance.on", {{"dimension", name}});
  } else {
    sentence = say(d.distance > 0 ? "plane.distance.above" : "plane.distance.below",
                   {{"dimension", name}, {"distance", num(std::abs(d.distance))}});
  }
  if (d.distance_sem && d.distance != 0) {
    sentence += " " + say("plane.distance.sem", {{"sem", num(std::abs(*d.distance_sem), 1)}});
  }
  b.paragraphs.push_back(sentence);
  b.numbers.push_back(numbered(dim + ".distance", d.distance));
  b.numbers.push_back(numbered(dim + ".boundary", d.boundary));
  if (d.distance_sem) b.numbers.push_back(numbered(dim + ".distance_sem", *d.distance_sem));
}

FeedbackBlock Builder::plane() const {
  const PlanePosition& pl = *profile_.plane;
  FeedbackBlock b = block("plane", "plane.title");
  add(b, "plane.intro");
  const Values bounds = {{"anxiety_boundary", num(pl.anxiety.boundary)},
                         {"avoidance_boundary", num(pl.avoidance.boundary)},
                         {"norm", norm_name(pl.rule_norm_set)}};
  add(b, pl.rule == BoundaryRule::norm_median ? "plane.rule.norm" : "plane.rule.midpoint", bounds);
  if (!pl.scored()) {
    add(b, "plane.unscored");
    return b;
  }
  distance_sentence(b, "anxiety", pl.anxiety);
  distance_sentence(b, "avoidance", pl.avoidance);
  if (pl.probabilities) {
    Values v;
    for (Region r : all_regions) {
      const std::string id(to_string(r));
      v[id] = region_name(r);
      v["p_" + id] = format_percent(text_, pl.probability(r));
      b.numbers.push_back(numbered("p_" + id, pl.probability(r)));
    }
    add(b, "plane.probabilities", v);
  } else {
    add(b, "plane.no_probabilities");
  }
  plane_reading(b, pl);
  return b;
}

std::string Builder::norm_name(const std::string& id) const {
  const NormSet* set = in_.find_norm_set(id);
  return set != nullptr ? set->name : id;
}

FeedbackBlock Builder::secure_base() const {
  FeedbackBlock b = block("secure_base", "secure_base.title");
  add(b, "secure_base.intro");
  if (!profile_.secure_base) {
    add(b, "secure_base.corner.intro");
    if (profile_.corner) {
      const SecureCorner& c = *profile_.corner;
      add(b, "secure_base.corner.distance",
          {{"anxiety_sem", num(c.anxiety_sem, 1)},
           {"avoidance_sem", num(c.avoidance_sem, 1)},
           {"combined", num(c.combined, 1)}});
      b.numbers.push_back(numbered("anxiety_sem", c.anxiety_sem));
      b.numbers.push_back(numbered("avoidance_sem", c.avoidance_sem));
      b.numbers.push_back(numbered("combined_sem", c.combined));
    } else {
      add(b, "secure_base.corner.no_error");
    }
    return b;
  }
  const SecureBaseProfile& sb = *profile_.secure_base;
  if (!std::isnan(sb.overall)) {
    add(b, "secure_base.overall",
        {{"score", num(sb.overall)},
         {"low", std::to_string(in_.response_scale().min)},
         {"high", std::to_string(in_.response_scale().max)}});
    b.numbers.push_back(numbered("overall", sb.overall));
  }
  b.numbers.push_back(numbered("range_low", static_cast<double>(in_.response_scale().min)));
  b.numbers.push_back(numbered("range_high", static_cast<double>(in_.response_scale().max)));
  const auto facet_line = [&](const std::string& id, const std::string& kind) {
    const FacetScore* f = nullptr;
    for (const FacetScore& fs : sb.facets) {
      if (fs.scale_id == id) f = &fs;
    }
    if (f == nullptr) {
      throw Error(ErrorCode::internal, text_.source,
                  "facet \"" + id + "\" has no score in the profile; please report this bug");
    }
    std::string line = say("secure_base.facet_score",
                           {{"facet", capitalised(facet_name(id))}, {"score", num(f->score)}});
    return line + " " + say("facet." + id + "." + kind);
  };
  if (in_.secure_base()->facets.empty()) {
    add(b, "secure_base.no_facets");
  } else if (sb.even) {
    add(b, "secure_base.even");
  } else {
    add(b, sb.relative_strength ? "secure_base.strengths.relative" : "secure_base.strengths");
    for (const std::string& id : sb.strengths) b.paragraphs.push_back(facet_line(id, "strength"));
    add(b, "secure_base.growth");
    for (const std::string& id : sb.growth_edges) b.paragraphs.push_back(facet_line(id, "growth"));
  }
  for (const FacetScore& f : sb.facets) b.numbers.push_back(numbered(f.scale_id, f.score));
  if (!sb.unscored.empty()) {
    std::vector<std::string> names;
    for (const std::string& id : sb.unscored) names.push_back(facet_name(id));
    add(b, "secure_base.unscored", {{"list", list(names)}});
  }
  return b;
}

std::string Builder::capitalised(std::string s) const {
  // Only ASCII letters are changed; other scripts keep their case.
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Builder::dimension_title(const std::string& scale_id) const {
  if (profile_.plane) {
    if (scale_id == profile_.plane->anxiety.scale_id) return say("dimension.anxiety.title");
    if (scale_id == profile_.plane->avoidance.scale_id) return say("dimension.avoidance.title");
  }
  if (in_.secure_base() && in_.scales()[in_.secure_base()->overall].id == scale_id) {
    return say("secure_base.title");
  }
  if (auto s = in_.find_scale(scale_id)) return in_.scales()[*s].name;
  return scale_id;
}

FeedbackBlock Builder::change(const ReliableChange& rc) const {
  FeedbackBlock b = block("change", "change.title");
  add(b, "change.intro");
  bool provisional = false;
  for (const ScaleChange& c : rc.scales) {
    // Facets have no SEM: their change is not interpretable, so only SEM-backed scales and
    // the plane's scales are described.
    const bool on_plane = profile_.plane && (c.scale_id == profile_.plane->anxiety.scale_id ||
                                             c.scale_id == profile_.plane->avoidance.scale_id);
    if (!c.rci && !on_plane) continue;
    Values v = {{"scale", dimension_title(c.scale_id)},
                {"before", num(c.before)},
                {"after", num(c.after)},
                {"difference", num(std::abs(c.difference))},
                {"rci", c.rci ? num(*c.rci) : std::string("-")}};
    const std::string key = c.verdict == ChangeVerdict::reliable_increase   ? "change.increase"
                            : c.verdict == ChangeVerdict::reliable_decrease ? "change.decrease"
                            : c.verdict == ChangeVerdict::within_noise      ? "change.within_noise"
                                                                            : "change.unknown";
    add(b, key, v);
    b.numbers.push_back(numbered(c.scale_id + ".difference", c.difference));
    if (c.rci) b.numbers.push_back(numbered(c.scale_id + ".rci", *c.rci));
    provisional = provisional || c.provisional;
  }
  if (provisional) add(b, "change.provisional");
  if (!rc.not_compared.empty()) {
    std::vector<std::string> names;
    for (const std::string& id : rc.not_compared) {
      const auto s = in_.find_scale(id);
      const bool facet =
          s && in_.secure_base() &&
          std::find(in_.secure_base()->facets.begin(), in_.secure_base()->facets.end(), *s) !=
              in_.secure_base()->facets.end();
      names.push_back(facet ? facet_name(id) : dimension_title(id));
    }
    add(b, "change.not_compared", {{"list", list(names)}});
  }
  return b;
}

FeedbackBlock Builder::growth() const {
  FeedbackBlock b = block("growth", "growth.title");
  add(b, "growth.intro");
  add(b, "growth.notice");
  bool anx_high = false;
  bool avo_high = false;
  if (profile_.plane && profile_.plane->scored()) {
    // Higher side, or a real chance (one in five) of it given measurement error.
    const auto leans_high = [](const DimensionPosition& d) {
      return d.distance > 0 || (d.probability_high ? *d.probability_high >= 0.2 : d.near_boundary);
    };
    anx_high = leans_high(profile_.plane->anxiety);
    avo_high = leans_high(profile_.plane->avoidance);
  }
  if (anx_high) add(b, "growth.anxiety");
  if (avo_high) add(b, "growth.avoidance");
  if (profile_.plane && profile_.plane->scored() && !anx_high && !avo_high) {
    add(b, "growth.secure");
  }
  if (profile_.secure_base) {
    for (const std::string& id : profile_.secure_base->growth_edges) {
      add(b, "growth.facet",
          {{"facet", facet_name(id)}, {"practice", say("facet." + id + ".practice")}});
    }
  }
  add(b, "growth.relationships");
  add(b, "growth.therapy");
  return b;
}

FeedbackBlock Builder::about() const {
  FeedbackBlock b = block("about", "about.title");
  // The questionnaire's name in the feedback language when its text gives one.
  add(b, "about.instrument",
      {{"title", options_.instrument_name.empty() ? in_.title() : display_name()},
       {"short_title", in_.short_title().empty() ? in_.id() : in_.short_title()},
       {"version", in_.version()}});
  for (const Citation& c : in_.citations()) add(b, "about.citation", {{"citation", c.text}});
  if (!scores_.norm_set.empty()) {
    if (const NormSet* set = in_.find_norm_set(scores_.norm_set)) {
      add(b, "about.norms",
          {{"norm", set->name}, {"sample", set->sample}, {"n", std::to_string(set->n)}});
    }
  } else if (in_.norm_sets().empty()) {
    add(b, "about.no_norms");
  }
  if (profile_.provisional) add(b, "about.provisional");
  add(b, "about.change");
  if (!text_.validated_translation) add(b, "about.translation");
  add(b, "about.key",
      {{"fingerprint", scores_.key_fingerprint},
       {"library_version", std::string(library_version())}});
  return b;
}

}  // namespace securebase::detail
