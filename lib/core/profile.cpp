#include "securebase/core/profile.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "securebase/core/error.hpp"

namespace securebase {

std::string_view to_string(Region region) noexcept {
  switch (region) {
    case Region::secure:
      return "secure";
    case Region::preoccupied:
      return "preoccupied";
    case Region::dismissing:
      return "dismissing";
    case Region::fearful:
      return "fearful";
  }
  return "secure";
}

std::string_view to_string(Clarity clarity) noexcept {
  switch (clarity) {
    case Clarity::clear:
      return "clear";
    case Clarity::leaning:
      return "leaning";
    case Clarity::blend:
      return "blend";
  }
  return "blend";
}

double PlanePosition::probability(Region region) const {
  if (!probabilities) {
    throw Error(ErrorCode::internal, "profile",
                "region probabilities were asked for, but the plane has no SEMs");
  }
  return (*probabilities)[static_cast<std::size_t>(region)];
}

double norm_median(const ScaleNorm& norm) {
  const auto& t = norm.percentiles;
  if (t.empty()) return norm.mean;
  if (t.front().percentile >= 50) {
    return t.front().percentile == 50 ? t.front().score : norm.mean;
  }
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (t[i].percentile >= 50) {
      const double f = (50 - t[i - 1].percentile) / (t[i].percentile - t[i - 1].percentile);
      return t[i - 1].score + f * (t[i].score - t[i - 1].score);
    }
  }
  return norm.mean;  // the table ends below the median
}

namespace {

const ScaleScore& score_of(const Scores& scores, const Instrument& instrument, std::size_t s) {
  const ScaleScore* sc = scores.find(instrument.scales()[s].id);
  if (sc == nullptr) {
    throw Error(ErrorCode::internal, "profile",
                "the scores have no scale \"" + instrument.scales()[s].id + "\" of instrument \"" +
                    instrument.id() + "\"");
  }
  return *sc;
}

DimensionPosition dimension(const Instrument& instrument, const Scores& scores,
                            const PlaneAxis& axis, const ProfileOptions& options) {
  const Scale& scale = instrument.scales()[axis.scale];
  const ScaleScore& sc = score_of(scores, instrument, axis.scale);
  DimensionPosition d;
  d.scale_id = scale.id;
  d.scale_name = scale.name;
  d.direction = axis.direction;
  d.score = sc.status == ScoreStatus::ok ? sc.value : missing_answer;
  std::tie(d.range_low, d.range_high) = score_range(instrument, axis.scale, sc.method);
  d.boundary = (d.range_low + d.range_high) / 2;
  if (!options.boundary_norm_set.empty()) {
    const NormSet& set = find_norm_set_or_throw(instrument, options.boundary_norm_set);
    const ScaleNorm* norm = set.find(axis.scale);
    if (norm == nullptr) {
      throw Error(ErrorCode::norms_scale_absent, instrument.id() + ": norm set " + set.id,
                  "has no values for scale \"" + scale.id +
                      "\", so its median cannot be the boundary on that axis");
    }
    d.boundary = norm_median(*norm);
  }
  d.error = sc.error;
  d.norm = sc.norm;
  if (!d.scored()) return d;
  d.distance = axis.direction * (d.score - d.boundary);
  if (d.error && d.error->sem > 0) {
    d.distance_sem = d.distance / d.error->sem;
    d.probability_high = normal_cdf(*d.distance_sem);
    d.near_boundary = std::abs(*d.distance_sem) < z_975;
  } else {
    d.near_boundary = std::abs(d.distance) < (d.range_high - d.range_low) / 12;
  }
  return d;
}

bool high_anxiety(Region r) { return r == Region::preoccupied || r == Region::fearful; }
bool high_avoidance(Region r) { return r == Region::dismissing || r == Region::fearful; }

// Two regions share a line when they differ on exactly one dimension.
bool adjacent(Region a, Region b) {
  return (high_anxiety(a) != high_anxiety(b)) != (high_avoidance(a) != high_avoidance(b));
}

// The region across the anxiety line (or the avoidance line) from `r`.
Region across(Region r, bool anxiety_line) {
  const bool anx = high_anxiety(r) != anxiety_line;
  const bool avo = high_avoidance(r) != !anxiety_line;
  return anx ? (avo ? Region::fearful : Region::preoccupied)
             : (avo ? Region::dismissing : Region::secure);
}

// The one clear / leaning / blend rule (docs/feedback.md, "One reading of the plane").
PlaneReading read_plane(const PlanePosition& pl) {
  PlaneReading r;
  r.region = pl.nearest;
  if (pl.probabilities) {
    std::array<Region, 4> order = all_regions;
    std::stable_sort(order.begin(), order.end(),
                     [&](Region x, Region y) { return pl.probability(x) > pl.probability(y); });
    const double p1 = pl.probability(order[0]);
    const double p2 = pl.probability(order[1]);
    r.region = order[0];
    if (p1 >= clear_probability) {
      r.clarity = Clarity::clear;
    } else if (p1 > 0.5) {
      r.clarity = Clarity::leaning;
      r.other = order[1];
    } else if (p1 + p2 >= clear_probability && adjacent(order[0], order[1])) {
      r.other = order[1];  // a blend of two
    }
    return r;
  }
  // Without an SEM nothing is "clear": the point leans toward its region unless it is within
  // 1/12 of the range of a line (a blend of two) or of both lines (the middle).
  const bool near_anx = pl.anxiety.near_boundary;
  const bool near_avo = pl.avoidance.near_boundary;
  if (!near_anx && !near_avo) {
    r.clarity = Clarity::leaning;
  } else if (near_anx != near_avo) {
    r.other = across(pl.nearest, near_anx);
  }
  return r;
}

SecureBaseProfile secure_base_profile(const Instrument& instrument, const Scores& scores,
                                      const SecureBaseScales& sb) {
  SecureBaseProfile p;
  const ScaleScore& overall = score_of(scores, instrument, sb.overall);
  p.overall_scale = overall.scale_id;
  if (overall.status == ScoreStatus::ok) {
    p.overall = overall.value;
    p.error = overall.error;
  }
  p.midpoint = (instrument.response_scale().min + instrument.response_scale().max) / 2.0;
  for (std::size_t f : sb.facets) {
    const ScaleScore& sc = score_of(scores, instrument, f);
    if (sc.status == ScoreStatus::ok) {
      p.facets.push_back({sc.scale_id, instrument.scales()[f].name, sc.value});
    } else {
      p.unscored.push_back(sc.scale_id);
    }
  }
  std::stable_sort(p.facets.begin(), p.facets.end(),
                   [](const FacetScore& a, const FacetScore& b) { return a.score > b.score; });
  if (p.facets.empty()) return p;
  const double highest = p.facets.front().score;
  const double lowest = p.facets.back().score;
  if (highest - lowest < 0.5) {
    p.even = true;
    return p;
  }
  // Growth edges: the lowest facet, and the next lowest when it is within half a point of it.
  const std::size_t n = p.facets.size();
  p.growth_edges.push_back(p.facets[n - 1].scale_id);
  if (n >= 4 && p.facets[n - 2].score - lowest <= 0.5) {
    p.growth_edges.push_back(p.facets[n - 2].scale_id);
  }
  // Strengths: up to three of the highest facets at or above the midpoint, else the highest.
  const std::size_t candidates = n - p.growth_edges.size();
  for (std::size_t i = 0; i < candidates && p.strengths.size() < 3; ++i) {
    if (p.facets[i].score >= p.midpoint) p.strengths.push_back(p.facets[i].scale_id);
  }
  if (p.strengths.empty()) {
    p.strengths.push_back(p.facets.front().scale_id);
    p.relative_strength = true;
  }
  return p;
}

}  // namespace

Profile build_profile(const Instrument& instrument, const Scores& scores,
                      const ProfileOptions& options) {
  if (scores.instrument_id != instrument.id() ||
      scores.key_fingerprint != instrument.key_fingerprint()) {
    throw Error(ErrorCode::internal, "profile",
                "scores of \"" + scores.instrument_id + "\" were given with instrument \"" +
                    instrument.id() + "\" (or another version of its key)");
  }
  Profile profile;
  profile.instrument_id = instrument.id();
  for (const ScaleScore& sc : scores.scales) {
    if (sc.error && sc.error->provisional) profile.provisional = true;
  }
  if (instrument.plane()) {
    PlanePosition plane;
    plane.anxiety = dimension(instrument, scores, instrument.plane()->anxiety, options);
    plane.avoidance = dimension(instrument, scores, instrument.plane()->avoidance, options);
    if (!options.boundary_norm_set.empty()) {
      plane.rule = BoundaryRule::norm_median;
      plane.rule_norm_set = options.boundary_norm_set;
    }
    if (plane.scored()) {
      const bool anx_high = plane.anxiety.distance > 0;
      const bool avo_high = plane.avoidance.distance > 0;
      plane.nearest = anx_high ? (avo_high ? Region::fearful : Region::preoccupied)
                               : (avo_high ? Region::dismissing : Region::secure);
      plane.near_line = plane.anxiety.near_boundary || plane.avoidance.near_boundary;
      if (plane.anxiety.probability_high && plane.avoidance.probability_high) {
        const double a = *plane.anxiety.probability_high;
        const double v = *plane.avoidance.probability_high;
        plane.probabilities =
            std::array<double, 4>{(1 - a) * (1 - v), a * (1 - v), (1 - a) * v, a * v};
      }
      plane.reading = read_plane(plane);
      if (!instrument.secure_base() && plane.anxiety.distance_sem && plane.avoidance.distance_sem) {
        const auto from_low_end = [](const DimensionPosition& d) {
          const double low_end = d.direction > 0 ? d.range_low : d.range_high;
          return d.direction * (d.score - low_end) / d.error->sem;
        };
        SecureCorner c;
        c.anxiety_sem = from_low_end(plane.anxiety);
        c.avoidance_sem = from_low_end(plane.avoidance);
        c.combined = std::hypot(c.anxiety_sem, c.avoidance_sem);
        profile.corner = c;
      }
    }
    profile.plane = std::move(plane);
  }
  if (instrument.secure_base()) {
    profile.secure_base = secure_base_profile(instrument, scores, *instrument.secure_base());
  }
  return profile;
}

}  // namespace securebase
