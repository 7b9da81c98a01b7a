// securebase: where a person stands on the attachment plane, how sure we can be, and their
// secure-base profile. Computed from scores; rendering never recomputes any of it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/core/scoring.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The four prototype regions of the anxiety x avoidance plane (resemblance, never a verdict).
enum class Region {
  secure,       ///< lower anxiety, lower avoidance
  preoccupied,  ///< higher anxiety, lower avoidance
  dismissing,   ///< lower anxiety, higher avoidance
  fearful,      ///< higher anxiety, higher avoidance
};

/// The four regions in a fixed order (the index used by PlanePosition::probabilities).
inline constexpr std::array<Region, 4> all_regions = {Region::secure, Region::preoccupied,
                                                      Region::dismissing, Region::fearful};

/// "secure", "preoccupied", "dismissing", "fearful".
std::string_view to_string(Region region) noexcept;

/// Where the line between lower and higher is drawn on each dimension.
enum class BoundaryRule {
  scale_midpoint,  ///< the middle of the scale's score range (the default)
  norm_median,     ///< the median of a norm set (50th table point, else its mean)
};

/// How clearly a point on the plane resembles one region: the one rule behind every sentence
/// of feedback that names a region (docs/feedback.md, "One reading of the plane").
enum class Clarity {
  clear,    ///< one region holds at least .80 of the probability
  leaning,  ///< one region is more likely than all others together, but below .80 (or no SEM)
  blend,    ///< no region is more likely than not: a blend of two, or the middle (all four)
};

/// "clear", "leaning", "blend".
std::string_view to_string(Clarity clarity) noexcept;

/// The probability at or above which one region is "clear" (and two regions sharing a line
/// make a blend of two rather than the middle).
inline constexpr double clear_probability = 0.80;

/// The reading of a scored plane position.
struct PlaneReading {
  Clarity clarity = Clarity::blend;  ///< how clearly
  Region region = Region::secure;    ///< clear or leaning: the region; blend: the more likely one
  /// leaning: the next most likely region (absent without probabilities); blend: the other
  /// region across the line; absent for a blend of all four (the middle of the plane).
  std::optional<Region> other;
  /// Whether the point is in the middle of the plane (a blend of all four regions).
  [[nodiscard]] bool middle() const noexcept { return clarity == Clarity::blend && !other; }
};

/// One dimension of the plane for one person.
struct DimensionPosition {
  std::string scale_id;           ///< the scale on this axis
  std::string scale_name;         ///< its display name
  int direction = 1;              ///< +1: a higher score means more of the dimension; -1: less
  double score = missing_answer;  ///< on the scale's metric; NaN when it could not be scored
  double range_low = 0;           ///< lowest possible score
  double range_high = 0;          ///< highest possible score
  double boundary = 0;            ///< the cut between lower and higher, on the scale's metric
  std::optional<MeasurementError> error;  ///< SEM and 95% interval, when known
  std::optional<NormScore> norm;          ///< against the chosen norm set, when one was chosen
  /// direction * (score - boundary): above 0 = on the higher side of the dimension.
  double distance = missing_answer;
  std::optional<double> distance_sem;      ///< distance / SEM, when the SEM is known
  std::optional<double> probability_high;  ///< P(true score on the higher side), normal error
  bool near_boundary = false;  ///< the 95% interval reaches the boundary (or, without an SEM,
                               ///< the score lies within 1/12 of the range from it)
  /// True when the dimension has a score.
  [[nodiscard]] bool scored() const noexcept { return !is_missing(score); }
};

/// The person's point on the plane and how sure the region is.
struct PlanePosition {
  DimensionPosition anxiety;                         ///< the anxiety axis
  DimensionPosition avoidance;                       ///< the avoidance axis
  BoundaryRule rule = BoundaryRule::scale_midpoint;  ///< how boundaries were set
  std::string rule_norm_set;        ///< the norm set whose medians were used, else empty
  Region nearest = Region::secure;  ///< the region of the point itself (on a boundary = lower)
  /// P(region | measurement error), indexed like all_regions; absent without both SEMs.
  /// Assumes independent normal errors on the two dimensions.
  std::optional<std::array<double, 4>> probabilities;
  bool near_line = false;  ///< either dimension is near its boundary
  /// How clearly the point resembles a region; absent when the plane is not scored. Every
  /// sentence that names a region follows it (never near_line or near_boundary on their own).
  std::optional<PlaneReading> reading;
  /// True when both dimensions have a score.
  [[nodiscard]] bool scored() const noexcept { return anxiety.scored() && avoidance.scored(); }
  /// The probability of one region (requires probabilities).
  [[nodiscard]] double probability(Region region) const;
};

/// One facet's score in a secure-base profile.
struct FacetScore {
  std::string scale_id;           ///< the facet scale
  std::string name;               ///< its display name
  double score = missing_answer;  ///< NaN when not scored
};

/// Facets of the secure-base profile: strengths first, then one or two growth edges.
struct SecureBaseProfile {
  std::string overall_scale;              ///< the overall scale's id
  double overall = missing_answer;        ///< its score; NaN when not scored
  std::optional<MeasurementError> error;  ///< its SEM and interval, when known
  double midpoint = 0;                    ///< the middle of the facets' response range
  std::vector<FacetScore> facets;         ///< scored facets, highest first (ties: file order)
  std::vector<std::string> strengths;     ///< facet ids read as strengths (up to three)
  std::vector<std::string> growth_edges;  ///< facet ids read as growth edges (one or two)
  std::vector<std::string> unscored;      ///< facet ids with too few answers
  bool even = false;               ///< all scored facets within half a point: no facet stands out
  bool relative_strength = false;  ///< no facet reaches the midpoint: the strength is the
                                   ///< highest facet, relative to the others
};

/// For instruments without facets: how far the point lies from the secure corner (the low end
/// of both dimensions), in units of each dimension's SEM.
struct SecureCorner {
  double anxiety_sem = 0;    ///< (anxiety - its low end) / SEM, oriented
  double avoidance_sem = 0;  ///< (avoidance - its low end) / SEM, oriented
  double combined = 0;       ///< Euclidean length of the two, in SEM units
};

/// Everything the feedback rests on, for one result.
struct Profile {
  std::string instrument_id;                     ///< the instrument scored
  std::optional<PlanePosition> plane;            ///< when the instrument has a plane
  std::optional<SecureBaseProfile> secure_base;  ///< when it has secure-base scales
  std::optional<SecureCorner> corner;            ///< when it has a plane but no secure-base scales
  bool provisional = false;                      ///< some reliability behind it is an assumption
};

/// Options of build_profile.
struct ProfileOptions {
  /// Empty: boundaries at the scale midpoints. Otherwise a norm set id: its medians
  /// (throws 301 when the instrument has no such set, 302 when it does not cover a plane scale).
  std::string boundary_norm_set;
};

/// The profile of one scored result. `scores` must come from `instrument`.
Profile build_profile(const Instrument& instrument, const Scores& scores,
                      const ProfileOptions& options = {});

/// The median of a scale in a norm set: the table's 50th percentile score (interpolated) when
/// the set has a table, else its mean.
double norm_median(const ScaleNorm& norm);

}  // namespace securebase

SECUREBASE_API_END
