// Tests of securebase/profile.hpp: plane position, region probabilities under measurement error,
// boundaries, secure-base facets and the distance to the secure corner.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/errors.hpp"
#include "support/plane_instrument.hpp"

using nlohmann::json;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::Profile;
using securebase::Region;

namespace {

using securebase::test::plane_doc;

Instrument load(const json& doc) { return securebase::parse_instrument(doc.dump(), "test.json"); }

Profile profile_of(const Instrument& in, const std::string& answers,
                   const securebase::ProfileOptions& options = {}) {
  const auto scores = securebase::score(in, securebase::parse_answers(in, answers, "answers"));
  return securebase::build_profile(in, scores, options);
}

// |actual - expected| <= tolerance.
bool near(double actual, double expected, double tolerance) {
  return std::abs(actual - expected) <= tolerance;
}

}  // namespace

TEST_CASE("region probabilities are products of normal probabilities per dimension", "[profile]") {
  const Instrument in = load(plane_doc(2));
  // anxiety (4 + 3) / 2 = 3.5, avoidance (2 + 3) / 2 = 2.5; boundaries at the midpoint 3
  const Profile p = profile_of(in, "a1=4 a2=3 v1=2 v2=3");
  REQUIRE(p.plane.has_value());
  const auto& plane = *p.plane;
  CHECK(plane.anxiety.boundary == 3);
  CHECK(plane.anxiety.distance == 0.5);
  CHECK(plane.avoidance.distance == -0.5);
  // SEM = 1 * sqrt(1 - 0.75) = 0.5, so the distances are +1 and -1 SEM
  CHECK(*plane.anxiety.distance_sem == 1);
  CHECK(*plane.avoidance.distance_sem == -1);
  // source: standard normal table, Phi(1) = 0.8413447460685429, Phi(-1) = 0.15865525393145707
  CHECK(near(*plane.anxiety.probability_high, 0.8413447460685429, 1e-12));
  CHECK(near(*plane.avoidance.probability_high, 0.15865525393145707, 1e-12));
  // source: hand products of those, e.g. secure = (1 - .8413447) x (1 - .1586553) = .1334838
  CHECK(near(plane.probability(Region::secure), 0.13348376433140194, 1e-12));
  CHECK(near(plane.probability(Region::preoccupied), 0.707860981737141, 1e-12));
  CHECK(near(plane.probability(Region::dismissing), 0.025171489600055125, 1e-12));
  CHECK(near(plane.probability(Region::fearful), 0.13348376433140194, 1e-12));
  CHECK(plane.nearest == Region::preoccupied);
  // 1 SEM from each boundary: the 95% interval (+-1.96 SEM) crosses both lines
  CHECK(plane.near_line);
}

TEST_CASE("a point 0.1 from a boundary reads as near the line, not as a type", "[profile]") {
  const Instrument in = load(plane_doc(10));
  // anxiety: nine 3s and one 4 = 31 / 10 = 3.1, avoidance 1 (far below 3)
  const Profile p = profile_of(in, "a1=3 a2=3 a3=3 a4=3 a5=3 a6=3 a7=3 a8=3 a9=3 a10=4 v1=1 v2=1");
  const auto& plane = *p.plane;
  CHECK(near(plane.anxiety.distance, 0.1, 1e-12));
  CHECK(plane.anxiety.near_boundary);
  CHECK_FALSE(plane.avoidance.near_boundary);  // -2 / 0.5 = -4 SEM
  CHECK(plane.near_line);
  // source: Phi(0.1 / 0.5) = Phi(0.2) = 0.579259709439103 (standard normal table)
  CHECK(near(*plane.anxiety.probability_high, 0.579259709439103, 1e-12));
  // the point itself is on the higher-anxiety side, but only just
  CHECK(plane.nearest == Region::preoccupied);
  CHECK(plane.probability(Region::preoccupied) < 0.6);
}

TEST_CASE("a point exactly on a boundary counts as the lower side", "[profile]") {
  const Instrument in = load(plane_doc(2));
  const Profile p = profile_of(in, "a1=3 a2=3 v1=3 v2=3");
  CHECK(p.plane->nearest == Region::secure);
  // source: Phi(0) = 0.5, so each region has 0.25
  for (Region r : securebase::all_regions) CHECK(near(p.plane->probability(r), 0.25, 1e-15));
}

TEST_CASE("without an SEM there are no probabilities and 'near' is 1/12 of the range",
          "[profile]") {
  json doc = plane_doc(2);
  for (auto& s : doc["scales"]) s.erase("reliability");
  const Instrument in = load(doc);
  // range 1..5 is 4 wide: near means |distance| < 4 / 12 = 0.333
  const Profile a = profile_of(in, "a1=3 a2=4 v1=1 v2=1");  // anxiety 3.5: 0.5 away
  CHECK_FALSE(a.plane->probabilities.has_value());
  CHECK_FALSE(a.plane->anxiety.distance_sem.has_value());
  CHECK_FALSE(a.plane->anxiety.near_boundary);
  CHECK_FALSE(a.corner.has_value());
  json ten = plane_doc(10);
  for (auto& s : ten["scales"]) s.erase("reliability");
  const Profile b = profile_of(load(ten), "a1=3 a2=3 a3=3 a4=3 a5=3 a6=3 a7=3 a8=3 a9=3 a10=4");
  CHECK(b.plane->anxiety.near_boundary);  // 0.1 away
  CHECK_FALSE(b.plane->scored());         // avoidance unanswered
  CHECK_FALSE(b.plane->probabilities.has_value());
}

TEST_CASE("the secure corner distance is in SEM units from the low end of each dimension",
          "[profile]") {
  const Instrument in = load(plane_doc(2));
  const Profile p = profile_of(in, "a1=4 a2=3 v1=2 v2=3");
  REQUIRE(p.corner.has_value());
  // source: hand computation, (3.5 - 1) / 0.5 = 5, (2.5 - 1) / 0.5 = 3, sqrt(25 + 9) = 5.8309519
  CHECK(p.corner->anxiety_sem == 5);
  CHECK(p.corner->avoidance_sem == 3);
  CHECK(near(p.corner->combined, 5.830951894845301, 1e-12));
  CHECK_FALSE(p.secure_base.has_value());
}

TEST_CASE("a reversed axis (direction -1) puts high scores on the lower side", "[profile]") {
  json doc = plane_doc(2);
  doc["plane"]["avoidance"]["direction"] = -1;
  const Profile p = profile_of(load(doc), "a1=4 a2=3 v1=2 v2=3");
  // avoidance score 2.5 with direction -1: distance -(2.5 - 3) = +0.5, the higher side
  CHECK(p.plane->avoidance.distance == 0.5);
  CHECK(p.plane->nearest == Region::fearful);
  // the low end of a reversed axis is its top: -(2.5 - 5) / 0.5 = 5
  CHECK(p.corner->avoidance_sem == 5);
}

TEST_CASE("norm medians as boundaries: the table's 50th percentile, else the mean", "[profile]") {
  json doc = plane_doc(2);
  doc["norm_sets"] = {
      {{"id", "ns"},
       {"name", "Test norms"},
       {"sample", "Invented."},
       {"citation", "Invented."},
       {"n", 100},
       {"scales",
        {{"anx",
          {{"mean", 3.2},
           {"sd", 1},
           {"percentiles",
            {{{"percentile", 40}, {"score", 2.8}}, {{"percentile", 60}, {"score", 3.4}}}}}},
         {"avo", {{"mean", 2.2}, {"sd", 1}}}}}}};
  const Instrument in = load(doc);
  const Profile p = profile_of(in, "a1=4 a2=3 v1=2 v2=3", {"ns"});
  // source: linear interpolation, 2.8 + (50 - 40) / (60 - 40) x (3.4 - 2.8) = 3.1
  CHECK(near(p.plane->anxiety.boundary, 3.1, 1e-12));
  CHECK(p.plane->avoidance.boundary == 2.2);  // no table: the mean
  CHECK(p.plane->rule == securebase::BoundaryRule::norm_median);
  CHECK(p.plane->rule_norm_set == "ns");
  CHECK(p.plane->nearest == Region::fearful);  // 3.5 > 3.1 and 2.5 > 2.2
  securebase::test::check_error(
      [&] { (void)profile_of(in, "a1=4", {"nope"}); }, ErrorCode::norms_unknown_set,
      "[securebase.norms.301] plane-test: norm set \"nope\" does not exist; available: ns");
  doc["norm_sets"][0]["scales"].erase("avo");
  const Instrument partial = load(doc);
  securebase::test::check_error(
      [&] { (void)profile_of(partial, "a1=4", {"ns"}); }, ErrorCode::norms_scale_absent,
      "[securebase.norms.302] plane-test: norm set ns: has no values for scale \"avo\", so its "
      "median cannot be the boundary on that axis");
}

TEST_CASE("secure-base facets: strengths first, one or two growth edges", "[profile]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  auto answers = securebase::empty_responses(core);
  // Answer each facet's two items so that the facet scores are, in file order:
  // conflict 6, support 2, closeness 5, distress 2.5, repair 7, ambivalence 4.
  const std::map<std::string, double> target = {{"sb_conflict", 6},  {"sb_support", 2},
                                                {"sb_closeness", 5}, {"sb_distress", 2.5},
                                                {"sb_repair", 7},    {"sb_ambivalence", 4}};
  for (const auto& [facet, value] : target) {
    const auto& scale = core.scales()[*core.find_scale(facet)];
    for (std::size_t k = 0; k < scale.items.size(); ++k) {
      const std::size_t item = scale.items[k];
      const bool rev =
          std::find(scale.reversed.begin(), scale.reversed.end(), item) != scale.reversed.end();
      // 2.5 = (2 + 3) / 2: the second item one point higher
      double v = value == 2.5 ? (k == 0 ? 2 : 3) : value;
      answers.values[item] = rev ? 8 - v : v;
    }
  }
  const auto scores = securebase::score(core, answers);
  const Profile p = securebase::build_profile(core, scores);
  REQUIRE(p.secure_base.has_value());
  const auto& sb = *p.secure_base;
  REQUIRE(sb.facets.size() == 6);
  CHECK(sb.facets.front().scale_id == "sb_repair");
  CHECK(sb.facets.back().scale_id == "sb_support");
  // lowest 2 (support); next lowest 2.5 is within half a point: both are growth edges
  CHECK(sb.growth_edges == std::vector<std::string>{"sb_support", "sb_distress"});
  // at or above the midpoint 4, up to three: repair 7, conflict 6, closeness 5
  CHECK(sb.strengths == std::vector<std::string>{"sb_repair", "sb_conflict", "sb_closeness"});
  CHECK_FALSE(sb.even);
  CHECK(sb.midpoint == 4);
  CHECK(p.provisional);               // the inventory's reliabilities are provisional
  CHECK_FALSE(p.corner.has_value());  // facets replace the corner distance
}

TEST_CASE("secure-base facets within half a point of each other read as even", "[profile]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  auto answers = securebase::empty_responses(core);
  for (double& v : answers.values) v = 4;
  const Profile p = securebase::build_profile(core, securebase::score(core, answers));
  CHECK(p.secure_base->even);
  CHECK(p.secure_base->strengths.empty());
  CHECK(p.secure_base->growth_edges.empty());
  CHECK(p.secure_base->overall == 4);
}

TEST_CASE("unscored facets are listed apart", "[profile]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  auto answers = securebase::empty_responses(core);
  for (double& v : answers.values) v = 5;
  const auto& conflict = core.scales()[*core.find_scale("sb_conflict")];
  answers.values[conflict.items[0]] = securebase::missing_answer;
  const Profile p = securebase::build_profile(core, securebase::score(core, answers));
  CHECK(p.secure_base->unscored == std::vector<std::string>{"sb_conflict"});
  CHECK(p.secure_base->facets.size() == 5);
}

TEST_CASE("scores of another instrument are refused", "[profile]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  const Instrument ecr = securebase::load_embedded_instrument("ecr-r");
  const auto scores = securebase::score(ecr, securebase::empty_responses(ecr));
  CHECK(securebase::test::thrown([&] { (void)securebase::build_profile(core, scores); })->code() ==
        ErrorCode::internal);
}

TEST_CASE("with no facet at the midpoint the strength is relative", "[profile]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  auto answers = securebase::empty_responses(core);
  // every facet item keyed 2, except one facet keyed 3.5 (3 and 4): all below the midpoint 4
  for (std::size_t f : core.secure_base()->facets) {
    const auto& scale = core.scales()[f];
    for (std::size_t k = 0; k < scale.items.size(); ++k) {
      const std::size_t item = scale.items[k];
      const bool rev =
          std::find(scale.reversed.begin(), scale.reversed.end(), item) != scale.reversed.end();
      const double v = scale.id == "sb_repair" ? (k == 0 ? 3 : 4) : 2;
      answers.values[item] = rev ? 8 - v : v;
    }
  }
  const Profile p = securebase::build_profile(core, securebase::score(core, answers));
  CHECK(p.secure_base->strengths == std::vector<std::string>{"sb_repair"});
  CHECK(p.secure_base->relative_strength);
  CHECK(p.secure_base->growth_edges.size() == 2);  // five facets tie at 2: the lowest two
}
