// Tests of securebase/change.hpp: the Jacobson-Truax reliable change index between two results.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "securebase/core/change.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/errors.hpp"
#include "support/plane_instrument.hpp"

using securebase::ChangeVerdict;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::Scores;

namespace {

bool near(double actual, double expected, double tolerance) {
  return std::abs(actual - expected) <= tolerance;
}

Scores scored(const Instrument& in, const std::string& answers) {
  return securebase::score(in, securebase::parse_answers(in, answers, "answers"));
}

// Answers every item of the instrument so that each scale keyed by it scores `value` (reversed
// items get min + max - value).
Scores uniform(const Instrument& in, double value) {
  auto r = securebase::empty_responses(in);
  for (std::size_t i = 0; i < in.items().size(); ++i) {
    const bool rev = !in.items()[i].keys.empty() && in.items()[i].keys.front().reversed;
    r.values[i] = rev ? in.response_scale().min + in.response_scale().max - value : value;
  }
  return securebase::score(in, r);
}

}  // namespace

TEST_CASE("RCI = difference / (sqrt 2 x SEM) when both SEMs are equal", "[change]") {
  const Instrument in = securebase::parse_instrument(securebase::test::plane_doc(2).dump(), "t");
  // before: anxiety 3.5, avoidance 2.5; after: anxiety 2, avoidance 3.5 (SEM 0.5 on both)
  const Scores before = scored(in, "a1=4 a2=3 v1=2 v2=3");
  const Scores after = scored(in, "a1=2 a2=2 v1=3 v2=4");
  const auto rc = securebase::reliable_change(before, after);
  REQUIRE(rc.scales.size() == 2);
  const auto& anx = rc.scales[0];
  CHECK(anx.scale_id == "anx");
  CHECK(anx.difference == -1.5);
  // source: hand computation, S_diff = sqrt(0.5^2 + 0.5^2) = 0.7071068,
  // RCI = -1.5 / 0.7071068 = -2.1213203 (Jacobson & Truax, 1991, formula 2)
  CHECK(near(*anx.se_difference, 0.7071067811865476, 1e-15));
  CHECK(near(*anx.rci, -2.1213203435596424, 1e-12));
  CHECK(anx.verdict == ChangeVerdict::reliable_decrease);
  const auto& avo = rc.scales[1];
  // 1.0 / 0.7071068 = 1.4142136: within measurement error
  CHECK(near(*avo.rci, 1.414213562373095, 1e-12));
  CHECK(avo.verdict == ChangeVerdict::within_noise);
  CHECK_FALSE(avo.provisional);
}

TEST_CASE("the core and brief forms compare, each with its own SEM", "[change]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  const Instrument brief = securebase::load_embedded_instrument("securebase-brief");
  const Scores before = uniform(core, 5);
  const Scores after = uniform(brief, 3);
  CHECK(securebase::comparable(before, after));
  const auto rc = securebase::reliable_change(before, after);
  const auto* anx = &rc.scales.at(0);
  REQUIRE(anx->scale_id == "anxiety");
  CHECK(anx->difference == -2);
  // source: hand computation from the instrument files' provisional reliabilities:
  // SEM core = 1.2 sqrt(1 - .8708) = 0.4313328, SEM brief = 1.2 sqrt(1 - .692) = 0.6659730,
  // S_diff = sqrt(0.4313328^2 + 0.6659730^2) = 0.7934532, RCI = -2 / 0.7934532 = -2.5206275
  CHECK(near(*anx->se_difference, 0.7934532122311939, 1e-12));
  CHECK(near(*anx->rci, -2.5206275167454315, 1e-12));
  CHECK(anx->verdict == ChangeVerdict::reliable_decrease);
  CHECK(anx->provisional);
  // the brief form has no facets: they are not compared
  CHECK(rc.scales.size() == 3);  // anxiety, avoidance, secure_base
}

TEST_CASE("a scale without an SEM gives a difference but no verdict", "[change]") {
  const Instrument ecr = securebase::load_embedded_instrument("ecr-r");
  const auto rc = securebase::reliable_change(uniform(ecr, 3), uniform(ecr, 4));
  REQUIRE_FALSE(rc.scales.empty());
  CHECK(rc.scales[0].difference == 1);
  CHECK_FALSE(rc.scales[0].rci.has_value());
  CHECK(rc.scales[0].verdict == ChangeVerdict::unknown);
}

TEST_CASE("a scale unscored in either result is listed as not compared", "[change]") {
  const Instrument in = securebase::parse_instrument(securebase::test::plane_doc(2).dump(), "t");
  const auto rc = securebase::reliable_change(scored(in, "a1=4 v1=2 v2=3"), scored(in, "a1=2"));
  CHECK(rc.scales.size() == 1);
  CHECK(rc.not_compared == std::vector<std::string>{"avo"});
}

TEST_CASE("results on different keys are error 404", "[change]") {
  const Instrument ecr = securebase::load_embedded_instrument("ecr-r");
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  const Scores a = uniform(core, 4);
  const Scores b = uniform(ecr, 4);
  CHECK_FALSE(securebase::comparable(a, b));
  securebase::test::check_error(
      [&] { (void)securebase::reliable_change(a, b, "old.json", "new.json"); },
      ErrorCode::result_incomparable,
      "[securebase.result.404] new.json: scored with ecr-r (key sha256:" +
          b.key_fingerprint.substr(0, 12) + "...), but old.json was scored with securebase-core " +
          "(key sha256:" + a.key_fingerprint.substr(0, 12) +
          "...); reliable change needs both on the same metric");
}
