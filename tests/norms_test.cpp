// Tests of standard scores: the normal CDF, percentiles from a table, standardise, norm_score
// and its errors, and the measurement error with its clamped 95% interval.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/errors.hpp"
#include "support/near.hpp"

using securebase::Error;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::MeasurementError;
using securebase::NormScore;
using securebase::PercentileBound;
using securebase::PercentilePoint;
using securebase::PercentileSource;
using securebase::ScaleNorm;
using securebase::test::near;
using securebase::test::thrown;

namespace {

// Percentile and bound of `score` in `table`.
std::pair<double, PercentileBound> lookup(const std::vector<PercentilePoint>& table, double score) {
  PercentileBound bound = PercentileBound::at_least;  // must be overwritten
  const double p = securebase::percentile_from_table(table, score, bound);
  return {p, bound};
}

// Two scales; norm set "only-a" covers a only, "both" covers both.
constexpr const char* two_scale_json = R"({
  "format": "securebase-instrument",
  "format_version": 1,
  "id": "two-scale",
  "version": "0.0.1",
  "title": "Norm coverage fixture",
  "licence": "test fixture",
  "citations": [{"text": "securebase test fixture"}],
  "response_scale": {"min": 1, "max": 7},
  "scales": [
    {"id": "a", "name": "A", "method": "mean", "min_answered": {"count": 1}},
    {"id": "b", "name": "B", "method": "mean", "min_answered": {"count": 1}}
  ],
  "items": [
    {"id": "x1", "number": 1, "keys": [{"scale": "a"}]},
    {"id": "x2", "number": 2, "keys": [{"scale": "b"}]}
  ],
  "orders": {"canonical": {"id": "fixture", "description": "as listed"}},
  "norm_sets": [
    {"id": "only-a", "name": "Only A", "sample": "invented", "citation": "test fixture", "n": 50,
     "scales": {"a": {"mean": 4, "sd": 2}}},
    {"id": "both", "name": "Both", "sample": "invented", "citation": "test fixture", "n": 50,
     "scales": {"a": {"mean": 3, "sd": 1},
                "b": {"mean": 2, "sd": 0.5,
                      "percentiles": [{"percentile": 25, "score": 1.5},
                                      {"percentile": 75, "score": 2.5}]}}}
  ]
})";

}  // namespace

TEST_CASE("normal_cdf at 0, +-1 and +-z_975", "[norms]") {
  // source: erfc(0) = 1, so 0.5 * 1 = 0.5 exactly
  CHECK(securebase::normal_cdf(0.0) == 0.5);
  // source: Rscript -e 'print(pnorm(1), digits=17)' -> 0.84134474606854293
  CHECK_THAT(securebase::normal_cdf(1.0), near(0.84134474606854293));
  // source: Rscript -e 'print(pnorm(-1), digits=17)' -> 0.15865525393145705
  CHECK_THAT(securebase::normal_cdf(-1.0), near(0.15865525393145705));
  // source: Rscript -e 'print(pnorm(1.959963984540054), digits=17)' -> 0.97499999999999998
  CHECK_THAT(securebase::normal_cdf(1.959963984540054), near(0.975));
  // source: Rscript -e 'print(pnorm(-1.959963984540054), digits=17)' -> 0.025000000000000012
  CHECK_THAT(securebase::normal_cdf(-1.959963984540054), near(0.025000000000000012));
  // source: Rscript -e 'print(qnorm(0.975), digits=17)' -> 1.9599639845400536, which rounds to
  // the 16 digits of z_975
  CHECK_THAT(securebase::z_975, near(1.9599639845400536));
  // Far tails saturate without overflow.
  CHECK(securebase::normal_cdf(-40.0) >= 0.0);
  CHECK(securebase::normal_cdf(40.0) == 1.0);  // source: 1 - 3.7e-350 rounds to 1
}

TEST_CASE("percentile_from_table: exact points, interpolation and the ends", "[norms]") {
  const std::vector<PercentilePoint> table = {{10.0, 1.0}, {50.0, 2.0}, {90.0, 4.0}};

  auto [at_point, b1] = lookup(table, 2.0);
  CHECK_THAT(at_point, near(50.0));  // source: the point (50, 2.0)
  CHECK(b1 == PercentileBound::exact);

  auto [between, b2] = lookup(table, 3.0);
  // source: between (50, 2) and (90, 4): 50 + (3 - 2) / (4 - 2) * (90 - 50) = 50 + 20 = 70
  CHECK_THAT(between, near(70.0));
  CHECK(b2 == PercentileBound::exact);
  auto [lower_half, b3] = lookup(table, 1.25);
  // source: between (10, 1) and (50, 2): 10 + 0.25 / 1 * 40 = 20
  CHECK_THAT(lower_half, near(20.0));
  CHECK(b3 == PercentileBound::exact);

  auto [first, b4] = lookup(table, 1.0);
  CHECK_THAT(first, near(10.0));  // source: the first point (10, 1.0), still exact
  CHECK(b4 == PercentileBound::exact);
  auto [last, b5] = lookup(table, 4.0);
  CHECK_THAT(last, near(90.0));  // source: the last point (90, 4.0), still exact
  CHECK(b5 == PercentileBound::exact);

  auto [below, b6] = lookup(table, 0.5);
  CHECK_THAT(below, near(10.0));  // source: below the first point: its percentile, at most
  CHECK(b6 == PercentileBound::at_most);
  auto [above, b7] = lookup(table, 4.5);
  CHECK_THAT(above, near(90.0));  // source: above the last point: its percentile, at least
  CHECK(b7 == PercentileBound::at_least);

  // The bound is reset on every call.
  PercentileBound bound = PercentileBound::at_most;
  (void)securebase::percentile_from_table(table, 2.0, bound);
  CHECK(bound == PercentileBound::exact);

  // An empty table has no percentile.
  auto [none, b8] = lookup({}, 2.0);
  CHECK(std::isnan(none));
  CHECK(b8 == PercentileBound::exact);
}

TEST_CASE("percentile_from_table: tied scores take the middle of their percentiles", "[norms]") {
  const std::vector<PercentilePoint> table = {
      {10.0, 1.0}, {30.0, 2.0}, {50.0, 2.0}, {70.0, 2.0}, {90.0, 3.0}};
  auto [tied, b1] = lookup(table, 2.0);
  CHECK_THAT(tied, near(50.0));  // source: (30 + 70) / 2, the first and last tied points
  CHECK(b1 == PercentileBound::exact);
  auto [before, b2] = lookup(table, 1.5);
  // source: between (10, 1) and the first tied point (30, 2): 10 + 0.5 * 20 = 20
  CHECK_THAT(before, near(20.0));
  auto [after, b3] = lookup(table, 2.5);
  // source: between the last tied point (70, 2) and (90, 3): 70 + 0.5 * 20 = 80
  CHECK_THAT(after, near(80.0));
  CHECK(b3 == PercentileBound::exact);

  // Ties at the top end: a score equal to them is exact, the middle of the tie.
  const std::vector<PercentilePoint> top = {{20.0, 1.0}, {80.0, 5.0}, {95.0, 5.0}};
  auto [top_tie, b4] = lookup(top, 5.0);
  CHECK_THAT(top_tie, near(87.5));  // source: (80 + 95) / 2
  CHECK(b4 == PercentileBound::exact);
}

TEST_CASE("standardise with and without a percentile table", "[norms]") {
  SECTION("with a table: the ecr-5 osp-2018 anxiety norms") {
    const Instrument inst = securebase::load_embedded_instrument("ecr-5");
    const ScaleNorm* norm = inst.find_norm_set("osp-2018")->find(*inst.find_scale("anxiety"));
    REQUIRE(norm != nullptr);
    const NormScore s = securebase::standardise(*norm, "osp-2018", 3.0);
    CHECK(s.norm_set == "osp-2018");
    CHECK_THAT(s.z, near(-0.125));  // source: (3 - 3.10) / 0.80
    CHECK_THAT(s.t, near(48.75));   // source: 50 + 10 * (-0.125)
    // source: instruments/ecr-5.json table: 40 + (3 - 2.89) / (3.11 - 2.89) * 10 = 45
    CHECK_THAT(s.percentile, near(45.0));
    CHECK(s.source == PercentileSource::table);
    CHECK(s.bound == PercentileBound::exact);
  }
  SECTION("without a table: the normal percentile") {
    ScaleNorm norm;
    norm.mean = 10.0;
    norm.sd = 2.0;
    const NormScore s = securebase::standardise(norm, "invented", 12.0);
    CHECK(s.norm_set == "invented");
    CHECK_THAT(s.z, near(1.0));   // source: (12 - 10) / 2
    CHECK_THAT(s.t, near(60.0));  // source: 50 + 10 * 1
    // source: Rscript -e 'print(100*pnorm(1), digits=17)' -> 84.134474606854297
    CHECK_THAT(s.percentile, near(84.134474606854297));
    CHECK(s.source == PercentileSource::normal);
    CHECK(s.bound == PercentileBound::exact);
    const NormScore low = securebase::standardise(norm, "invented", 7.0);
    CHECK_THAT(low.z, near(-1.5));  // source: (7 - 10) / 2
    CHECK_THAT(low.t, near(35.0));  // source: 50 + 10 * (-1.5)
  }
}

TEST_CASE("norm_score looks up the set and the scale", "[norms]") {
  const Instrument inst = securebase::parse_instrument(two_scale_json, "inline");
  const NormScore a = securebase::norm_score(inst, "only-a", 0, 5.0);
  CHECK(a.norm_set == "only-a");
  CHECK_THAT(a.z, near(0.5));  // source: only-a, a: (5 - 4) / 2
  CHECK(a.source == PercentileSource::normal);
  const NormScore b = securebase::norm_score(inst, "both", 1, 2.0);
  CHECK_THAT(b.z, near(0.0));  // source: both, b: (2 - 2) / 0.5
  // source: both, b: 2.0 between (25, 1.5) and (75, 2.5): 25 + 0.5 / 1 * 50 = 50
  CHECK_THAT(b.percentile, near(50.0));
  CHECK(b.source == PercentileSource::table);
}

TEST_CASE("norm_score errors: 301 unknown set, 302 scale not covered", "[norms]") {
  const Instrument inst = securebase::parse_instrument(two_scale_json, "inline");

  const auto unknown = thrown([&] { (void)securebase::norm_score(inst, "all", 0, 4.0); });
  REQUIRE(unknown.has_value());
  CHECK(unknown->code() == ErrorCode::norms_unknown_set);
  CHECK(unknown->where() == "two-scale");
  CHECK(std::string(unknown->what()) ==
        "[securebase.norms.301] two-scale: norm set \"all\" does not exist; available: only-a, "
        "both");

  const auto absent = thrown([&] { (void)securebase::norm_score(inst, "only-a", 1, 4.0); });
  REQUIRE(absent.has_value());
  CHECK(absent->code() == ErrorCode::norms_scale_absent);
  CHECK(absent->where() == "two-scale: norm set only-a");
  CHECK(std::string(absent->what()) ==
        "[securebase.norms.302] two-scale: norm set only-a: has no values for scale \"b\"");

  const Instrument ecrr = securebase::load_embedded_instrument("ecr-r");
  const auto none = thrown([&] { (void)securebase::norm_score(ecrr, "osp-2018", 0, 4.0); });
  REQUIRE(none.has_value());
  CHECK(none->code() == ErrorCode::norms_unknown_set);
  CHECK(std::string(none->what()) ==
        "[securebase.norms.301] ecr-r: norm set \"osp-2018\" does not exist; this instrument has "
        "no norm sets");
}

TEST_CASE("measurement_error: SEM and a 95% interval clamped at both ends", "[norms]") {
  // source: 1 * sqrt(1 - 0.75) = 0.5; half-width 1.959963984540054 * 0.5 = 0.979981992270027
  const double half = 1.959963984540054 * 0.5;

  const MeasurementError mid = securebase::measurement_error(4.0, 1.0, 0.75, 1.0, 7.0);
  CHECK_THAT(mid.sem, near(0.5));           // source: as above
  CHECK_THAT(mid.lower, near(4.0 - half));  // source: 3.020018007729973
  CHECK_THAT(mid.upper, near(4.0 + half));  // source: 4.979981992270027
  CHECK_THAT(mid.sd, near(1.0));            // source: the SD passed in
  CHECK_THAT(mid.reliability, near(0.75));  // source: the reliability passed in
  CHECK_FALSE(mid.provisional);
  CHECK(mid.basis.empty());

  const MeasurementError low = securebase::measurement_error(1.2, 1.0, 0.75, 1.0, 7.0);
  CHECK_THAT(low.lower, near(1.0));         // source: 1.2 - 0.98 = 0.22, clamped to 1
  CHECK_THAT(low.upper, near(1.2 + half));  // source: 2.179981992270027

  const MeasurementError high = securebase::measurement_error(6.8, 1.0, 0.75, 1.0, 7.0);
  CHECK_THAT(high.lower, near(6.8 - half));  // source: 5.820018007729973
  CHECK_THAT(high.upper, near(7.0));         // source: 6.8 + 0.98 = 7.78, clamped to 7

  // Both ends at once: a wide interval on a narrow range.
  const MeasurementError both = securebase::measurement_error(3.0, 4.0, 0.19, 1.0, 5.0);
  CHECK_THAT(both.sem, near(3.6));    // source: 4 * sqrt(1 - 0.19) = 4 * 0.9
  CHECK_THAT(both.lower, near(1.0));  // source: 3 - 7.06 clamped to 1
  CHECK_THAT(both.upper, near(5.0));  // source: 3 + 7.06 clamped to 5

  // The ecr-5 osp-2018 anxiety SEM.
  const MeasurementError ecr5 = securebase::measurement_error(3.0, 0.8, 0.916, 1.0, 5.0);
  // source: 0.80 * sqrt(1 - 0.916) = 0.8 * 0.28982753492378877 = 0.23186202793903102
  CHECK_THAT(ecr5.sem, near(0.8 * 0.28982753492378877));
}

TEST_CASE("norm_score with a scale index that does not exist is error 302", "[norms]") {
  const securebase::Instrument ecr5 = securebase::load_embedded_instrument("ecr-5");
  try {
    (void)securebase::norm_score(ecr5, "osp-2018", 2, 3.0);
    FAIL("accepted scale index 2");
  } catch (const securebase::Error& e) {
    CHECK(e.code() == securebase::ErrorCode::norms_scale_absent);
    CHECK(std::string(e.what()) ==
          "[securebase.norms.302] ecr-5: scale index 2 does not exist; ecr-5 has 2 scales");
  }
}
