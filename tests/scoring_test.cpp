// Tests of scale scoring: the R oracle, reversal, the minimum-answered rule, the provenance
// trace, norms and measurement error inside score(), the raw kernel, and seeded properties.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "io/sha256.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/version.hpp"
#include "support/errors.hpp"
#include "support/near.hpp"
#include "support/oracle_csv.hpp"

using securebase::empty_responses;
using securebase::Error;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::is_missing;
using securebase::load_embedded_instrument;
using securebase::missing_answer;
using securebase::PercentileBound;
using securebase::PercentileSource;
using securebase::RawScore;
using securebase::Responses;
using securebase::ScaleMethod;
using securebase::ScaleScore;
using securebase::ScoreOptions;
using securebase::Scores;
using securebase::ScoreStatus;
using securebase::ScoringPlan;
using securebase::test::Csv;
using securebase::test::near;
using securebase::test::oracle_dir;
using securebase::test::read_csv;
using securebase::test::thrown;

namespace {

// The oracle names the 5-point ECR "ecr5"; its embedded id is "ecr-5".
std::string embedded_id(const std::string& oracle_name) {
  return oracle_name == "ecr5" ? "ecr-5" : oracle_name;
}

// One answer vector of tests/data/oracle/answer_vectors.csv.
struct Vector {
  std::string id;
  std::string instrument;  // embedded id
  Responses responses;
};

std::vector<Vector> load_vectors() {
  const Csv csv = read_csv(oracle_dir + "/answer_vectors.csv");
  // source: tests/oracle/scale_scores.R: columns vector_id, instrument, min, max, i01..i36
  REQUIRE(csv.header.size() == 4 + 36);
  std::map<std::string, Instrument> instruments;
  std::vector<Vector> out;
  for (const auto& row : csv.rows) {
    const std::string inst_id = embedded_id(row[1]);
    if (instruments.count(inst_id) == 0) {
      instruments.emplace(inst_id, load_embedded_instrument(inst_id));
    }
    const Instrument& inst = instruments.at(inst_id);
    INFO(row[0]);
    // The declared range of the row is the instrument's response scale.
    CHECK(std::stoi(row[2]) == inst.response_scale().min);
    CHECK(std::stoi(row[3]) == inst.response_scale().max);
    Responses r = empty_responses(inst);
    for (std::size_t i = 0; i < 36; ++i) {
      REQUIRE(csv.header[4 + i] == inst.items()[i].id);
      const std::string& cell = row[4 + i];
      if (cell.empty()) continue;
      securebase::set_answer(r, inst, csv.header[4 + i], std::stod(cell),
                             "answer_vectors.csv " + row[0]);
    }
    out.push_back({row[0], inst_id, std::move(r)});
  }
  return out;
}

const Vector& find_vector(const std::vector<Vector>& vectors, const std::string& id) {
  const auto it =
      std::find_if(vectors.begin(), vectors.end(), [&](const Vector& v) { return v.id == id; });
  REQUIRE(it != vectors.end());
  return *it;
}

// Every item answered with `value`.
Responses all_answered(const Instrument& inst, double value) {
  Responses r = empty_responses(inst);
  std::fill(r.values.begin(), r.values.end(), value);
  return r;
}

const ScaleScore& scale_of(const Scores& scores, const std::string& id) {
  const ScaleScore* s = scores.find(id);
  INFO(id);
  REQUIRE(s != nullptr);
  return *s;
}
// From a temporary Scores, a copy: a reference into it would dangle.
ScaleScore scale_of(Scores&& scores, const std::string& id) {
  return scale_of(static_cast<const Scores&>(scores), id);
}

// An instrument with one item keyed forward in scale a and reversed in scale b (like RSQ
// item 6), on a 1-5 response scale.
constexpr const char* two_key_json = R"({
  "format": "securebase-instrument",
  "format_version": 1,
  "id": "two-key",
  "version": "0.0.1",
  "title": "Item in two scales with different keying",
  "licence": "test fixture",
  "citations": [{"text": "securebase test fixture"}],
  "response_scale": {"min": 1, "max": 5},
  "scales": [
    {"id": "a", "name": "A", "method": "mean", "min_answered": {"count": 1}},
    {"id": "b", "name": "B", "method": "mean", "min_answered": {"count": 1}}
  ],
  "items": [
    {"id": "x1", "number": 1, "keys": [{"scale": "a"}]},
    {"id": "x2", "number": 2, "keys": [{"scale": "a"}, {"scale": "b", "reversed": true}]},
    {"id": "x3", "number": 3, "keys": [{"scale": "b"}]}
  ],
  "orders": {"canonical": {"id": "fixture", "description": "as listed"}}
})";

// A sum scale with a reversed item, a mean scale with a provisional reliability of its own, and
// two norm sets: one covering only the sum scale, one covering both (the mean scale without a
// reliability in it).
constexpr const char* sum_fixture_json = R"({
  "format": "securebase-instrument",
  "format_version": 1,
  "id": "sum-fixture",
  "version": "0.0.1",
  "title": "Sum-scale fixture",
  "licence": "test fixture",
  "citations": [{"text": "securebase test fixture"}],
  "response_scale": {"min": 1, "max": 5},
  "scales": [
    {"id": "total", "name": "Total", "method": "sum", "min_answered": {"count": 2}},
    {"id": "other", "name": "Other", "method": "mean", "min_answered": {"count": 1},
     "reliability": {"value": 0.75, "source": "assumed for the test", "provisional": true}}
  ],
  "items": [
    {"id": "s1", "number": 1, "keys": [{"scale": "total"}]},
    {"id": "s2", "number": 2, "keys": [{"scale": "total"}]},
    {"id": "s3", "number": 3, "keys": [{"scale": "total"}]},
    {"id": "s4", "number": 4, "keys": [{"scale": "total", "reversed": true}]},
    {"id": "o1", "number": 5, "keys": [{"scale": "other"}]}
  ],
  "orders": {"canonical": {"id": "fixture", "description": "as listed"}},
  "norm_sets": [
    {"id": "total-only", "name": "Totals", "sample": "invented", "citation": "test fixture",
     "n": 100, "scales": {"total": {"mean": 12, "sd": 3, "reliability": 0.84}}},
    {"id": "both", "name": "Both", "sample": "invented", "citation": "test fixture", "n": 100,
     "scales": {"total": {"mean": 10, "sd": 4, "reliability": 0.91},
                "other": {"mean": 3, "sd": 1}}}
  ]
})";

// s1=2, s2=4, s3 missing, s4=1 (reversed: 6 - 1 = 5), o1=4.
Responses sum_fixture_answers(const Instrument& inst) {
  Responses r = empty_responses(inst);
  r.values = {2.0, 4.0, missing_answer, 1.0, 4.0};
  return r;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The R oracle
// ---------------------------------------------------------------------------------------------

TEST_CASE("scale scores match the R oracle for every answer vector and scale", "[scoring]") {
  const std::vector<Vector> vectors = load_vectors();
  const Csv expected = read_csv(oracle_dir + "/scale_scores_expected.csv");
  REQUIRE(expected.header == std::vector<std::string>{"vector_id", "instrument", "scale",
                                                      "n_answered", "n_missing", "mean", "sum",
                                                      "prorated_sum"});
  // source: tests/oracle/scale_scores.out: 14 answer vectors, 28 scale scores (2 per vector)
  REQUIRE(vectors.size() == 14);
  REQUIRE(expected.rows.size() == 28);

  std::map<std::string, Instrument> instruments;
  int n_insufficient = 0;
  for (const auto& row : expected.rows) {
    const std::string inst_id = embedded_id(row[1]);
    if (instruments.count(inst_id) == 0) {
      instruments.emplace(inst_id, load_embedded_instrument(inst_id));
    }
    const Instrument& inst = instruments.at(inst_id);
    const Vector& v = find_vector(vectors, row[0]);
    REQUIRE(v.instrument == inst_id);
    INFO(row[0] << " " << row[2]);

    const Scores by_mean = securebase::score(inst, v.responses);
    const Scores by_sum = securebase::score(
        inst, v.responses, ScoreOptions{.norm_set = "", .method = ScaleMethod::sum});
    const ScaleScore& m = scale_of(by_mean, row[2]);
    const ScaleScore& s = scale_of(by_sum, row[2]);

    // source: tests/data/oracle/scale_scores_expected.csv, columns n_answered and n_missing
    const int n_answered = std::stoi(row[3]);
    const int n_missing = std::stoi(row[4]);
    CHECK(m.n_items == 18);  // source: instruments/*.json, 18 items keyed to each scale
    CHECK(m.n_answered == n_answered);
    CHECK(m.n_missing == n_missing);
    CHECK(s.n_answered == n_answered);
    CHECK(s.n_missing == n_missing);
    CHECK(m.min_required == 15);  // source: proportion 0.8 rounded up: ceil(0.8 * 18) = ceil(14.4)
    CHECK(m.method == ScaleMethod::mean);
    CHECK(s.method == ScaleMethod::sum);

    if (n_answered >= 15) {
      CHECK(m.status == ScoreStatus::ok);
      CHECK(s.status == ScoreStatus::ok);
      // source: tests/data/oracle/scale_scores_expected.csv column mean (base R and psych agree)
      CHECK_THAT(m.value, near(std::stod(row[5])));
      CHECK_FALSE(m.prorated);
      // source: scale_scores_expected.csv column prorated_sum (= mean * 18 in R). The library
      // computes sum * 18 / n, R computes (sum / n) * 18: the two roundings may differ in the
      // last ulp (e.g. 49.2 vs 49.200000000000003), so 1e-14 relative instead of 1e-12 is
      // still far tighter than any real error.
      CHECK_THAT(s.value, near(std::stod(row[7]), 1e-14));
      CHECK(s.prorated == (n_answered < 18));
      if (n_answered == 18) {
        // source: scale_scores_expected.csv column sum: with nothing missing, no proration
        CHECK_THAT(s.value, near(std::stod(row[6])));
      }
    } else {
      ++n_insufficient;
      CHECK(m.status == ScoreStatus::insufficient);
      CHECK(s.status == ScoreStatus::insufficient);
      CHECK(std::isnan(m.value));
      CHECK(std::isnan(s.value));
      CHECK_FALSE(s.prorated);
      CHECK_FALSE(m.error.has_value());
    }
  }
  // source: scale_scores_expected.csv rows with n_answered < 15: ecrr_partial avoidance (14),
  // ecrr_sparse anxiety (8), ecr_partial avoidance (14), ecr_sparse avoidance (8)
  CHECK(n_insufficient == 4);

  // The sparse ECR-R anxiety scale explicitly: 8 of 18 answered, so no score.
  const Instrument& ecrr = instruments.at("ecr-r");
  const Scores sparse = securebase::score(ecrr, find_vector(vectors, "ecrr_sparse").responses);
  const ScaleScore& anx = scale_of(sparse, "anxiety");
  CHECK(anx.n_answered == 8);  // source: scale_scores_expected.csv row ecrr_sparse anxiety
  CHECK(anx.status == ScoreStatus::insufficient);
  CHECK(std::isnan(anx.value));
  // source: 8 answered < 15 required; rule_text() in lib/scoring.cpp appends the count
  CHECK(anx.rule ==
        "mean of 18 items, 2 reverse-keyed (8 - answer); needs at least 15 of 18 items answered "
        "(80% of items, rounded up); only 8 answered, so no score");
}

// ---------------------------------------------------------------------------------------------
// Reversal
// ---------------------------------------------------------------------------------------------

TEST_CASE("a reverse-keyed answer counts as min + max - answer", "[scoring]") {
  SECTION("1-5 scale (ecr-5): avoidance item i03 is reversed, i01 is not") {
    const Instrument inst = load_embedded_instrument("ecr-5");
    // All answers 3, the midpoint of 1-5, which reversal leaves at 6 - 3 = 3.
    Responses r = all_answered(inst, 3.0);
    r.values[2] = 1.0;  // i03 = 1, reversed to 6 - 1 = 5
    const Scores with_i03 = securebase::score(inst, r);
    // source: (17 * 3 + (6 - 1)) / 18 = 56 / 18
    CHECK_THAT(scale_of(with_i03, "avoidance").value, near(56.0 / 18.0));
    // source: every anxiety item at 3: 54 / 18 = 3
    CHECK_THAT(scale_of(with_i03, "anxiety").value, near(3.0));

    r.values[2] = 3.0;
    r.values[0] = 1.0;  // i01 = 1, forward
    // source: (17 * 3 + 1) / 18 = 52 / 18
    CHECK_THAT(scale_of(securebase::score(inst, r), "avoidance").value, near(52.0 / 18.0));
  }
  SECTION("1-7 scale (ecr-r): anxiety item i09 is reversed, i01 is not") {
    const Instrument inst = load_embedded_instrument("ecr-r");
    Responses r = all_answered(inst, 4.0);  // 4 is the midpoint of 1-7: 8 - 4 = 4
    r.values[8] = 2.0;                      // i09 = 2, reversed to 8 - 2 = 6
    // source: (17 * 4 + (8 - 2)) / 18 = 74 / 18
    CHECK_THAT(scale_of(securebase::score(inst, r), "anxiety").value, near(74.0 / 18.0));
    r.values[8] = 4.0;
    r.values[0] = 2.0;  // i01 = 2, forward
    // source: (17 * 4 + 2) / 18 = 70 / 18
    CHECK_THAT(scale_of(securebase::score(inst, r), "anxiety").value, near(70.0 / 18.0));
  }
  SECTION("1-7 scale (ecr): the one reversed anxiety item, i22") {
    const Instrument inst = load_embedded_instrument("ecr");
    Responses r = all_answered(inst, 4.0);
    r.values[21] = 7.0;  // i22 = 7, reversed to 8 - 7 = 1
    // source: (17 * 4 + (8 - 7)) / 18 = 69 / 18
    CHECK_THAT(scale_of(securebase::score(inst, r), "anxiety").value, near(69.0 / 18.0));
  }
  SECTION("a single answered item through the kernel with the minimum lowered to 1") {
    const Instrument inst = load_embedded_instrument("ecr-5");
    ScoringPlan plan = inst.plan();
    std::fill(plan.scale_min_answered.begin(), plan.scale_min_answered.end(), 1u);
    Responses r = empty_responses(inst);
    r.values[2] = 2.0;  // i03 only (avoidance, reversed)
    std::vector<RawScore> out(2);
    securebase::score_raw(plan, r.values, out);
    // source: ecr-5 declares scales anxiety (index 0), avoidance (index 1)
    CHECK(out[1].n_answered == 1u);
    CHECK_THAT(out[1].value, near(4.0));  // source: 6 - 2 = 4
    CHECK(out[0].n_answered == 0u);
    CHECK(std::isnan(out[0].value));  // source: nothing answered, so no score even at minimum 1
    r.values[2] = missing_answer;
    r.values[1] = 2.0;  // i02 only (anxiety, forward)
    securebase::score_raw(plan, r.values, out);
    CHECK_THAT(out[0].value, near(2.0));  // source: forward item: the answer itself
  }
}

// ---------------------------------------------------------------------------------------------
// Minimum answered, provenance and metadata
// ---------------------------------------------------------------------------------------------

TEST_CASE("ecr-r scores a scale at exactly 15 answered items and not at 14", "[scoring]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  Responses r = all_answered(inst, 5.0);
  r.values[0] = r.values[1] = r.values[2] = missing_answer;  // i01-i03 missing: 15 answered

  const Scores at15 = securebase::score(inst, r);
  const ScaleScore& ok = scale_of(at15, "anxiety");
  CHECK(ok.status == ScoreStatus::ok);
  CHECK(ok.n_answered == 15);  // source: 18 - 3 missing
  CHECK(ok.n_missing == 3);    // source: i01, i02, i03
  // source: i04-i18 answered 5, of which i09 and i11 reversed to 8 - 5 = 3:
  // (13 * 5 + 2 * 3) / 15 = 71 / 15
  CHECK_THAT(ok.value, near(71.0 / 15.0));
  CHECK(ok.missing_items == std::vector<std::string>{"i01", "i02", "i03"});
  CHECK(ok.reversed_items == std::vector<std::string>{"i09", "i11"});

  const Scores sum15 =
      securebase::score(inst, r, ScoreOptions{.norm_set = "", .method = ScaleMethod::sum});
  // source: prorated sum 71 * 18 / 15 = 85.2
  CHECK_THAT(scale_of(sum15, "anxiety").value, near(71.0 * 18.0 / 15.0));
  CHECK(scale_of(sum15, "anxiety").prorated);

  r.values[3] = missing_answer;  // i04 too: 14 answered
  const Scores at14 = securebase::score(inst, r);
  const ScaleScore& no = scale_of(at14, "anxiety");
  CHECK(no.status == ScoreStatus::insufficient);
  CHECK(no.n_answered == 14);  // source: 18 - 4 missing
  CHECK(no.n_missing == 4);    // source: i01-i04
  CHECK(std::isnan(no.value));
  CHECK_FALSE(no.norm.has_value());
  CHECK_FALSE(no.error.has_value());
  // source: 14 < ceil(0.8 * 18) = 15; wording from rule_text() in lib/scoring.cpp
  CHECK(no.rule ==
        "mean of 18 items, 2 reverse-keyed (8 - answer); needs at least 15 of 18 items answered "
        "(80% of items, rounded up); only 14 answered, so no score");
  const Scores sum14 =
      securebase::score(inst, r, ScoreOptions{.norm_set = "", .method = ScaleMethod::sum});
  CHECK(scale_of(sum14, "anxiety").status == ScoreStatus::insufficient);
  CHECK(std::isnan(scale_of(sum14, "anxiety").value));
  // The other scale is untouched: all 18 avoidance items answered 5, 12 of them reversed to 3.
  // source: (6 * 5 + 12 * 3) / 18 = 66 / 18
  CHECK_THAT(scale_of(at14, "avoidance").value, near(66.0 / 18.0));
}

TEST_CASE("the rule text of ecr-r states method, reversal and the minimum", "[scoring]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Responses r = all_answered(inst, 4.0);
  const Scores mean = securebase::score(inst, r);
  // source: instruments/ecr-r.json: 18 anxiety items, 9 and 11 reversed on 1-7 (1 + 7 = 8),
  // min_answered proportion 0.8 rounded up: ceil(14.4) = 15
  CHECK(scale_of(mean, "anxiety").rule ==
        "mean of 18 items, 2 reverse-keyed (8 - answer); needs at least 15 of 18 items answered "
        "(80% of items, rounded up)");
  // source: instruments/ecr-r.json: avoidance reversed 20, 22, 26-31, 33-36 = 12 items
  CHECK(scale_of(mean, "avoidance").rule ==
        "mean of 18 items, 12 reverse-keyed (8 - answer); needs at least 15 of 18 items answered "
        "(80% of items, rounded up)");
  const Scores sum =
      securebase::score(inst, r, ScoreOptions{.norm_set = "", .method = ScaleMethod::sum});
  // source: as above, with the method overridden to sum
  CHECK(scale_of(sum, "anxiety").rule ==
        "sum of 18 items, 2 reverse-keyed (8 - answer), prorated when items are missing; needs "
        "at least 15 of 18 items answered (80% of items, rounded up)");
}

TEST_CASE("reversed_items lists answered reversed items, missing_items unanswered ones",
          "[scoring]") {
  const std::vector<Vector> vectors = load_vectors();
  const Instrument inst = load_embedded_instrument("ecr-r");
  const Scores s = securebase::score(inst, find_vector(vectors, "ecrr_partial").responses);
  const ScaleScore& anx = scale_of(s, "anxiety");
  // source: tests/data/oracle/answer_vectors.csv row ecrr_partial: i02, i09, i17 empty;
  // anxiety reverses i09 (missing) and i11 (answered 3)
  CHECK(anx.missing_items == std::vector<std::string>{"i02", "i09", "i17"});
  CHECK(anx.reversed_items == std::vector<std::string>{"i11"});
  // source: tests/data/oracle/scale_scores_expected.csv row ecrr_partial anxiety: 41 / 15
  CHECK_THAT(anx.value, near(41.0 / 15.0));
  const ScaleScore& avo = scale_of(s, "avoidance");
  // source: answer_vectors.csv row ecrr_partial: i20, i23, i31, i36 empty; avoidance reverses
  // 20, 22, 26-31, 33-36, of which 20, 31, 36 are missing
  CHECK(avo.missing_items == std::vector<std::string>{"i20", "i23", "i31", "i36"});
  CHECK(avo.reversed_items ==
        std::vector<std::string>{"i22", "i26", "i27", "i28", "i29", "i30", "i33", "i34", "i35"});
  CHECK(avo.status == ScoreStatus::insufficient);  // source: 14 answered < 15

  // Nothing missing: every reversed item is listed, no missing item.
  const Scores full = securebase::score(inst, all_answered(inst, 1.0));
  CHECK(scale_of(full, "anxiety").missing_items.empty());
  // source: instruments/ecr-r.json, anxiety items 9 and 11 reversed
  CHECK(scale_of(full, "anxiety").reversed_items == std::vector<std::string>{"i09", "i11"});
}

TEST_CASE("scores carry the instrument, its key fingerprint, the library version and answers",
          "[scoring]") {
  const Instrument inst = load_embedded_instrument("ecr-r");
  Responses r = all_answered(inst, 2.0);
  r.values[8] = missing_answer;  // i09
  const Scores s = securebase::score(inst, r);
  CHECK(s.instrument_id == "ecr-r");       // source: instruments/ecr-r.json "id"
  CHECK(s.instrument_version == "1.0.0");  // source: instruments/ecr-r.json "version"
  CHECK(s.instrument_title == inst.title());
  CHECK(s.key_fingerprint == inst.key_fingerprint());
  CHECK(s.key_fingerprint.size() == 64);  // source: SHA-256 = 32 bytes = 64 hex digits
  CHECK(std::all_of(s.key_fingerprint.begin(), s.key_fingerprint.end(),
                    [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
  CHECK(s.key_fingerprint ==
        securebase::detail::sha256_hex(securebase::to_canonical_key_json(inst)));
  CHECK_FALSE(s.library_version.empty());
  // source: project(securebase VERSION ...) in CMakeLists.txt, via the generated version.hpp
  CHECK(s.library_version == SECUREBASE_VERSION_STRING);
  CHECK(s.norm_set.empty());
  REQUIRE(s.answers.size() == 36);  // source: ecr-r has 36 items
  CHECK(s.answers[0].item_id == "i01");
  CHECK(s.answers[0].number == 1);
  CHECK(s.answers[0].value == 2.0);  // source: answered 2 above
  CHECK(s.answers[8].item_id == "i09");
  CHECK(s.answers[8].number == 9);
  CHECK(is_missing(s.answers[8].value));
  REQUIRE(s.scales.size() == 2);
  CHECK(s.scales[0].scale_id == "anxiety");  // source: declared order in instruments/ecr-r.json
  CHECK(s.scales[1].scale_id == "avoidance");
  CHECK(s.find("attachment") == nullptr);
}

// ---------------------------------------------------------------------------------------------
// Norms and measurement error inside score()
// ---------------------------------------------------------------------------------------------

TEST_CASE("ecr-5 against osp-2018: z, T, table percentile, SEM and interval", "[scoring]") {
  const std::vector<Vector> vectors = load_vectors();
  const Instrument inst = load_embedded_instrument("ecr-5");
  const Responses& r = find_vector(vectors, "ecr5_full").responses;
  const Scores s =
      securebase::score(inst, r, ScoreOptions{.norm_set = "osp-2018", .method = std::nullopt});
  CHECK(s.norm_set == "osp-2018");

  const ScaleScore& anx = scale_of(s, "anxiety");
  // source: tests/data/oracle/scale_scores_expected.csv row ecr5_full anxiety: 54 / 18 = 3
  CHECK_THAT(anx.value, near(3.0));
  REQUIRE(anx.norm.has_value());
  CHECK(anx.norm->norm_set == "osp-2018");
  // source: instruments/ecr-5.json osp-2018 anxiety mean 3.1, sd 0.8: (3 - 3.10) / 0.80 = -0.125
  CHECK_THAT(anx.norm->z, near(-0.125));
  CHECK_THAT(anx.norm->t, near(48.75));  // source: 50 + 10 * (-0.125)
  // source: osp-2018 anxiety table, 3 lies between (40, 2.89) and (50, 3.11):
  // 40 + (3 - 2.89) / (3.11 - 2.89) * 10 = 40 + 0.11 / 0.22 * 10 = 45
  CHECK_THAT(anx.norm->percentile, near(45.0));
  CHECK(anx.norm->source == PercentileSource::table);
  CHECK(anx.norm->bound == PercentileBound::exact);
  REQUIRE(anx.error.has_value());
  // source: 0.80 * sqrt(1 - 0.916) = 0.8 * sqrt(0.084) = 0.23186202793...
  const double anx_sem = 0.80 * std::sqrt(1.0 - 0.916);
  CHECK_THAT(anx.error->sem, near(anx_sem));
  CHECK_THAT(anx.error->lower, near(3.0 - 1.959963984540054 * anx_sem));  // source: 2.5455...
  CHECK_THAT(anx.error->upper, near(3.0 + 1.959963984540054 * anx_sem));  // source: 3.4544...
  CHECK_THAT(anx.error->sd, near(0.8));             // source: osp-2018 anxiety sd
  CHECK_THAT(anx.error->reliability, near(0.916));  // source: osp-2018 anxiety reliability
  CHECK_FALSE(anx.error->provisional);
  CHECK(anx.error->basis ==
        "SD 0.8 of norm set osp-2018 and reliability of norm set osp-2018 0.916");

  const ScaleScore& avo = scale_of(s, "avoidance");
  // source: scale_scores_expected.csv row ecr5_full avoidance: 58 / 18
  CHECK_THAT(avo.value, near(58.0 / 18.0));
  REQUIRE(avo.norm.has_value());
  // source: osp-2018 avoidance mean 2.56, sd 0.84: (58/18 - 2.56) / 0.84 = 0.7804232804...
  const double avo_z = (58.0 / 18.0 - 2.56) / 0.84;
  CHECK_THAT(avo.norm->z, near(avo_z));
  CHECK_THAT(avo.norm->t, near(50.0 + 10.0 * avo_z));  // source: 57.804232804...
  // source: osp-2018 avoidance table, 58/18 = 3.222 lies between (70, 3.0) and (80, 3.33):
  // 70 + (58/18 - 3) / (3.33 - 3.0) * 10 = 70 + (4/18) / 0.33 * 10 = 76.734006734...
  CHECK_THAT(avo.norm->percentile, near(70.0 + (4.0 / 18.0) / 0.33 * 10.0));
  CHECK(avo.norm->bound == PercentileBound::exact);
  REQUIRE(avo.error.has_value());
  // source: 0.84 * sqrt(1 - 0.938) = 0.84 * sqrt(0.062)
  const double avo_sem = 0.84 * std::sqrt(1.0 - 0.938);
  CHECK_THAT(avo.error->sem, near(avo_sem));
  CHECK_THAT(avo.error->lower, near(58.0 / 18.0 - 1.959963984540054 * avo_sem));  // source: above
  CHECK_THAT(avo.error->upper, near(58.0 / 18.0 + 1.959963984540054 * avo_sem));  // source: above
}

TEST_CASE("scores past the ends of the ecr-5 table are bounds, and intervals clamp to 1-5",
          "[scoring]") {
  const Instrument inst = load_embedded_instrument("ecr-5");
  // Every item at its keyed maximum for anxiety and keyed minimum for avoidance:
  // anxiety items (even) answer 5, except reversed i22 = 1; avoidance items (odd) answer 1,
  // except the reversed ones (3, 15, 19, 25, 27, 29, 31, 33, 35) = 5.
  Responses r = empty_responses(inst);
  for (int n = 1; n <= 36; ++n) {
    const bool anxiety = n % 2 == 0;
    const bool reversed = n == 22 || n == 3 || n == 15 || n == 19 || n == 25 || n == 27 ||
                          n == 29 || n == 31 || n == 33 || n == 35;
    const double keyed_high = anxiety ? 5.0 : 1.0;
    r.values[static_cast<std::size_t>(n - 1)] = reversed ? 6.0 - keyed_high : keyed_high;
  }
  const Scores s =
      securebase::score(inst, r, ScoreOptions{.norm_set = "osp-2018", .method = std::nullopt});
  const ScaleScore& anx = scale_of(s, "anxiety");
  CHECK_THAT(anx.value, near(5.0));  // source: 18 keyed answers of 5: 90 / 18
  // source: 5 > 4.39, the last point (95, 4.39) of the osp-2018 anxiety table
  CHECK_THAT(anx.norm->percentile, near(95.0));
  CHECK(anx.norm->bound == PercentileBound::at_least);
  CHECK(anx.norm->source == PercentileSource::table);
  const double anx_sem = 0.80 * std::sqrt(1.0 - 0.916);  // source: as in the case above
  CHECK_THAT(anx.error->upper, near(5.0));  // source: 5 + 1.96 * 0.232 clamped to the maximum 5
  CHECK_THAT(anx.error->lower, near(5.0 - 1.959963984540054 * anx_sem));  // source: unclamped

  const ScaleScore& avo = scale_of(s, "avoidance");
  CHECK_THAT(avo.value, near(1.0));  // source: 18 keyed answers of 1: 18 / 18
  // source: 1 < 1.28, the first point (5, 1.28) of the osp-2018 avoidance table
  CHECK_THAT(avo.norm->percentile, near(5.0));
  CHECK(avo.norm->bound == PercentileBound::at_most);
  const double avo_sem = 0.84 * std::sqrt(1.0 - 0.938);  // source: as in the case above
  CHECK_THAT(avo.error->lower, near(1.0));  // source: 1 - 1.96 * 0.209 clamped to the minimum 1
  CHECK_THAT(avo.error->upper, near(1.0 + 1.959963984540054 * avo_sem));  // source: unclamped
}

TEST_CASE("the SEM without a chosen norm set, with another set, and for instruments without norms",
          "[scoring]") {
  const std::vector<Vector> vectors = load_vectors();
  const Instrument ecr5 = load_embedded_instrument("ecr-5");
  const Responses& full = find_vector(vectors, "ecr5_full").responses;

  SECTION("ecr-5 without a norm set: SEM from its first norm set (osp-2018), no norm score") {
    const Scores s = securebase::score(ecr5, full);
    CHECK(s.norm_set.empty());
    const ScaleScore& anx = scale_of(s, "anxiety");
    CHECK_FALSE(anx.norm.has_value());
    REQUIRE(anx.error.has_value());
    // source: osp-2018 anxiety, 0.80 * sqrt(1 - 0.916)
    CHECK_THAT(anx.error->sem, near(0.80 * std::sqrt(1.0 - 0.916)));
    CHECK(anx.error->basis ==
          "SD 0.8 of norm set osp-2018 and reliability of norm set osp-2018 0.916");
  }
  SECTION("ecr-5 against osp-2018-male: its own SD, normal percentile (no table)") {
    const Scores s = securebase::score(
        ecr5, full, ScoreOptions{.norm_set = "osp-2018-male", .method = std::nullopt});
    const ScaleScore& anx = scale_of(s, "anxiety");
    REQUIRE(anx.norm.has_value());
    // source: instruments/ecr-5.json osp-2018-male anxiety mean 3.05, sd 0.84:
    // (3 - 3.05) / 0.84 = -0.0595238095...
    CHECK_THAT(anx.norm->z, near((3.0 - 3.05) / 0.84));
    CHECK(anx.norm->source == PercentileSource::normal);
    // source: Rscript -e 'print(100*pnorm((3-3.05)/0.84), digits=17)' -> 47.626745091928633
    CHECK_THAT(anx.norm->percentile, near(47.626745091928633));
    REQUIRE(anx.error.has_value());
    // source: 0.84 * sqrt(1 - 0.916)
    CHECK_THAT(anx.error->sem, near(0.84 * std::sqrt(1.0 - 0.916)));
    CHECK(anx.error->basis ==
          "SD 0.84 of norm set osp-2018-male and reliability of norm set osp-2018-male 0.916");
  }
  SECTION("ecr-r has neither a norm set nor a reliability: no SEM") {
    const Instrument ecrr = load_embedded_instrument("ecr-r");
    const Scores s = securebase::score(ecrr, find_vector(vectors, "ecrr_random").responses);
    for (const ScaleScore& sc : s.scales) {
      INFO(sc.scale_id);
      CHECK(sc.status == ScoreStatus::ok);
      CHECK_FALSE(sc.error.has_value());
      CHECK_FALSE(sc.norm.has_value());
    }
  }
  SECTION("ecr has reliabilities but no norm set, hence no SD: no SEM") {
    const Instrument ecr = load_embedded_instrument("ecr");
    const Scores s = securebase::score(ecr, find_vector(vectors, "ecr_random").responses);
    for (const ScaleScore& sc : s.scales) {
      INFO(sc.scale_id);
      CHECK_FALSE(sc.error.has_value());
    }
  }
}

TEST_CASE("the sum method applies ecr-5 norms on the declared mean metric", "[scoring]") {
  const std::vector<Vector> vectors = load_vectors();
  const Instrument inst = load_embedded_instrument("ecr-5");
  const Scores s =
      securebase::score(inst, find_vector(vectors, "ecr5_full").responses,
                        ScoreOptions{.norm_set = "osp-2018", .method = ScaleMethod::sum});
  const ScaleScore& anx = scale_of(s, "anxiety");
  CHECK_THAT(anx.value, near(54.0));  // source: scale_scores_expected.csv ecr5_full anxiety sum
  REQUIRE(anx.norm.has_value());
  CHECK_THAT(anx.norm->z, near(-0.125));         // source: the mean 54 / 18 = 3: (3 - 3.1) / 0.8
  CHECK_THAT(anx.norm->percentile, near(45.0));  // source: as for the mean, 45
  REQUIRE(anx.error.has_value());
  // source: the SD on the sum metric is 18 * 0.8: 18 * 0.8 * sqrt(1 - 0.916)
  const double sem = 18.0 * 0.8 * std::sqrt(1.0 - 0.916);
  CHECK_THAT(anx.error->sem, near(sem));
  CHECK_THAT(anx.error->sd, near(18.0 * 0.8));                         // source: as above
  CHECK_THAT(anx.error->lower, near(54.0 - 1.959963984540054 * sem));  // source: 54 - 8.18
  CHECK_THAT(anx.error->upper, near(54.0 + 1.959963984540054 * sem));  // source: 54 + 8.18
  // the basis names the SD actually used (18 * 0.8 = 14.4), on the shown metric
  CHECK(anx.error->basis ==
        "SD 14.4 of norm set osp-2018 (converted to the sum metric) and reliability of norm set "
        "osp-2018 0.916");
}

TEST_CASE("an unknown norm set is error 301 naming the available sets", "[scoring]") {
  const Instrument ecr5 = load_embedded_instrument("ecr-5");
  const auto e = thrown([&] {
    (void)securebase::score(ecr5, all_answered(ecr5, 3.0),
                            ScoreOptions{.norm_set = "osp-2019", .method = std::nullopt});
  });
  REQUIRE(e.has_value());
  CHECK(e->code() == ErrorCode::norms_unknown_set);
  CHECK(e->where() == "ecr-5");
  // source: instruments/ecr-5.json norm_sets ids, in declared order
  CHECK(std::string(e->what()) ==
        "[securebase.norms.301] ecr-5: norm set \"osp-2019\" does not exist; available: osp-2018, "
        "osp-2018-male, osp-2018-female, osp-2018-other-gender, osp-2018-age-18-24, "
        "osp-2018-age-25-34, osp-2018-age-35-44, osp-2018-age-45-54, osp-2018-age-55-64, "
        "osp-2018-age-65-plus");

  const Instrument ecrr = load_embedded_instrument("ecr-r");
  const auto none = thrown([&] {
    (void)securebase::score(ecrr, all_answered(ecrr, 3.0),
                            ScoreOptions{.norm_set = "osp-2018", .method = std::nullopt});
  });
  REQUIRE(none.has_value());
  CHECK(none->code() == ErrorCode::norms_unknown_set);
  CHECK(std::string(none->what()) ==
        "[securebase.norms.301] ecr-r: norm set \"osp-2018\" does not exist; this instrument has "
        "no norm sets");
}

// ---------------------------------------------------------------------------------------------
// Inline instruments: two keyings of one item, sum scales, SEM fallbacks
// ---------------------------------------------------------------------------------------------

TEST_CASE("an item keyed forward in one scale and reversed in another counts both ways",
          "[scoring]") {
  const Instrument inst = securebase::parse_instrument(two_key_json, "inline");
  Responses r = empty_responses(inst);
  r.values = {2.0, 5.0, 4.0};  // x1 = 2, x2 = 5, x3 = 4
  const Scores s = securebase::score(inst, r);
  const ScaleScore& a = scale_of(s, "a");
  const ScaleScore& b = scale_of(s, "b");
  CHECK_THAT(a.value, near(3.5));  // source: a = (x1 + x2) / 2 = (2 + 5) / 2 = 7 / 2
  CHECK_THAT(b.value, near(2.5));  // source: b = ((6 - x2) + x3) / 2 = (1 + 4) / 2 = 5 / 2
  CHECK(a.reversed_items.empty());
  CHECK(b.reversed_items == std::vector<std::string>{"x2"});
  // source: two_key_json: scale b has x2 (reversed) and x3 on 1-5 (1 + 5 = 6), count 1
  CHECK(b.rule ==
        "mean of 2 items, 1 reverse-keyed (6 - answer); needs at least 1 of 2 items answered");
  CHECK(a.rule == "mean of 2 items; needs at least 1 of 2 items answered");

  r.values = {missing_answer, 1.0, missing_answer};  // only the shared item, x2 = 1
  const Scores only_x2 = securebase::score(inst, r);
  CHECK_THAT(scale_of(only_x2, "a").value, near(1.0));  // source: x2 forward: 1
  CHECK_THAT(scale_of(only_x2, "b").value, near(5.0));  // source: x2 reversed: 6 - 1 = 5
}

TEST_CASE("a sum scale with missing items is prorated and flagged", "[scoring]") {
  const Instrument inst = securebase::parse_instrument(sum_fixture_json, "inline");
  const Scores s = securebase::score(inst, sum_fixture_answers(inst));
  const ScaleScore& total = scale_of(s, "total");
  CHECK(total.method == ScaleMethod::sum);
  CHECK(total.status == ScoreStatus::ok);
  CHECK(total.n_answered == 3);  // source: s1, s2, s4
  CHECK(total.n_missing == 1);   // source: s3
  // source: 2 + 4 + (6 - 1) = 11 over 3 of 4 items, prorated: 11 * 4 / 3 = 44 / 3
  CHECK_THAT(total.value, near(44.0 / 3.0));
  CHECK(total.prorated);
  CHECK(total.missing_items == std::vector<std::string>{"s3"});
  CHECK(total.reversed_items == std::vector<std::string>{"s4"});
  // source: sum_fixture_json: 4 items, s4 reversed on 1-5, count 2
  CHECK(total.rule ==
        "sum of 4 items, 1 reverse-keyed (6 - answer), prorated when items are missing; needs at "
        "least 2 of 4 items answered");

  Responses all = sum_fixture_answers(inst);
  all.values[2] = 3.0;  // s3 = 3: nothing missing
  const ScaleScore full = scale_of(securebase::score(inst, all), "total");
  CHECK_THAT(full.value, near(14.0));  // source: 2 + 4 + 3 + 5 = 14, not prorated
  CHECK_FALSE(full.prorated);

  Responses one = empty_responses(inst);
  one.values[0] = 5.0;  // only s1: 1 < count 2
  const ScaleScore none = scale_of(securebase::score(inst, one), "total");
  CHECK(none.status == ScoreStatus::insufficient);
  CHECK(std::isnan(none.value));
  CHECK_FALSE(none.prorated);
}

TEST_CASE("ScoreOptions.method = mean on a sum scale gives the mean", "[scoring]") {
  const Instrument inst = securebase::parse_instrument(sum_fixture_json, "inline");
  const Scores s = securebase::score(inst, sum_fixture_answers(inst),
                                     ScoreOptions{.norm_set = "both", .method = ScaleMethod::mean});
  const ScaleScore& total = scale_of(s, "total");
  CHECK(total.method == ScaleMethod::mean);
  // source: mean of the answered items (2 + 4 + 5) / 3 = 11 / 3 (the prorated sum 44/3 over 4)
  CHECK_THAT(total.value, near(11.0 / 3.0));
  CHECK_FALSE(total.prorated);
  // source: sum_fixture_json, as a mean scale
  CHECK(total.rule ==
        "mean of 4 items, 1 reverse-keyed (6 - answer); needs at least 2 of 4 items answered");
  // Norms are on the declared (sum) metric: 11/3 * 4 = 44/3 against mean 10, sd 4.
  REQUIRE(total.norm.has_value());
  // source: (44/3 - 10) / 4 = (14/3) / 4 = 7/6
  CHECK_THAT(total.norm->z, near(7.0 / 6.0));
  CHECK_THAT(total.norm->t, near(50.0 + 70.0 / 6.0));  // source: 50 + 10 * 7/6
  CHECK(total.norm->source == PercentileSource::normal);
  // source: Rscript -e 'print(100*pnorm(7/6), digits=17)' -> 87.832749542561885
  CHECK_THAT(total.norm->percentile, near(87.832749542561885));
  REQUIRE(total.error.has_value());
  // source: the SD on the mean metric is 4 / 4 = 1: 1 * sqrt(1 - 0.91) = sqrt(0.09) = 0.3
  CHECK_THAT(total.error->sd, near(1.0));
  CHECK_THAT(total.error->sem, near(0.3));
  CHECK_THAT(total.error->lower, near(11.0 / 3.0 - 1.959963984540054 * 0.3));  // source: above
  CHECK_THAT(total.error->upper, near(11.0 / 3.0 + 1.959963984540054 * 0.3));  // source: above
}

TEST_CASE("SEM falls back to the first norm set covering a scale and to the scale's reliability",
          "[scoring]") {
  const Instrument inst = securebase::parse_instrument(sum_fixture_json, "inline");
  const Responses r = sum_fixture_answers(inst);

  SECTION("no norm set chosen") {
    const Scores s = securebase::score(inst, r);
    const ScaleScore& total = scale_of(s, "total");
    REQUIRE(total.error.has_value());
    // source: first set covering total is total-only: sd 3, reliability 0.84:
    // 3 * sqrt(1 - 0.84) = 3 * 0.4 = 1.2
    CHECK_THAT(total.error->sem, near(1.2));
    // source: 44/3 -/+ 1.959963984540054 * 1.2 within the sum range [4, 20]
    CHECK_THAT(total.error->lower, near(44.0 / 3.0 - 1.959963984540054 * 1.2));
    CHECK_THAT(total.error->upper, near(44.0 / 3.0 + 1.959963984540054 * 1.2));
    CHECK_FALSE(total.error->provisional);
    CHECK(total.error->basis ==
          "SD 3 of norm set total-only and reliability of norm set total-only 0.84");

    const ScaleScore& other = scale_of(s, "other");
    CHECK_THAT(other.value, near(4.0));  // source: o1 = 4
    REQUIRE(other.error.has_value());
    // source: first set covering other is both: sd 1 and no reliability there, so the scale's
    // own provisional 0.75: 1 * sqrt(1 - 0.75) = 0.5
    CHECK_THAT(other.error->sem, near(0.5));
    CHECK_THAT(other.error->reliability, near(0.75));  // source: sum_fixture_json scale other
    CHECK(other.error->provisional);
    CHECK(other.error->basis ==
          "SD 1 of norm set both and scale reliability (assumed for the test) 0.75");
    CHECK_THAT(other.error->lower, near(4.0 - 1.959963984540054 * 0.5));  // source: 3.02
    CHECK_THAT(other.error->upper, near(4.0 + 1.959963984540054 * 0.5));  // source: 4.98
  }
  SECTION("a chosen set that covers only one scale") {
    const Scores s =
        securebase::score(inst, r, ScoreOptions{.norm_set = "total-only", .method = std::nullopt});
    const ScaleScore& total = scale_of(s, "total");
    REQUIRE(total.norm.has_value());
    // source: (44/3 - 12) / 3 = (8/3) / 3 = 8/9
    CHECK_THAT(total.norm->z, near(8.0 / 9.0));
    // source: Rscript -e 'print(100*pnorm(8/9), digits=17)' -> 81.296860125455879
    CHECK_THAT(total.norm->percentile, near(81.296860125455879));
    const ScaleScore& other = scale_of(s, "other");
    CHECK_FALSE(other.norm.has_value());  // total-only has no values for other
    REQUIRE(other.error.has_value());
    CHECK_THAT(other.error->sem, near(0.5));  // source: from set both, as above
  }
}

// ---------------------------------------------------------------------------------------------
// The raw kernel
// ---------------------------------------------------------------------------------------------

TEST_CASE("score_raw scores validated answers straight from the plan", "[scoring]") {
  const std::vector<Vector> vectors = load_vectors();
  const Instrument inst = load_embedded_instrument("ecr-r");
  std::vector<RawScore> out(inst.scales().size());

  const Responses& random = find_vector(vectors, "ecrr_random").responses;
  securebase::score_raw(inst.plan(), random.values, out);
  // source: tests/data/oracle/scale_scores_expected.csv row ecrr_random: sums 75 and 68 of 18
  CHECK_THAT(out[0].value, near(75.0 / 18.0));
  CHECK_THAT(out[1].value, near(68.0 / 18.0));
  CHECK(out[0].n_answered == 18u);
  CHECK(out[1].n_answered == 18u);
  securebase::score_raw(inst.plan(), random.values, out, securebase::ScaleMethod::sum);
  CHECK_THAT(out[0].value, near(75.0));  // source: as above, sum column
  CHECK_THAT(out[1].value, near(68.0));

  const Responses& sparse = find_vector(vectors, "ecrr_sparse").responses;
  securebase::score_raw(inst.plan(), sparse.values, out);
  CHECK(std::isnan(out[0].value));
  CHECK(out[0].n_answered == 8u);  // source: scale_scores_expected.csv row ecrr_sparse anxiety
  // source: scale_scores_expected.csv row ecrr_sparse avoidance: 86 / 18
  CHECK_THAT(out[1].value, near(86.0 / 18.0));

  const Instrument fixture = securebase::parse_instrument(sum_fixture_json, "inline");
  std::vector<RawScore> fixture_out(2);
  securebase::score_raw(fixture.plan(), sum_fixture_answers(fixture).values, fixture_out);
  CHECK_THAT(fixture_out[0].value, near(44.0 / 3.0));  // source: (2 + 4 + 5) * 4 / 3
  CHECK(fixture_out[0].n_answered == 3u);
  CHECK_THAT(fixture_out[1].value, near(4.0));  // source: o1 = 4
}

// ---------------------------------------------------------------------------------------------
// Invalid answers reaching score()
// ---------------------------------------------------------------------------------------------

TEST_CASE("score() rejects out-of-range, non-integer and wrongly sized answers", "[scoring]") {
  const Instrument inst = load_embedded_instrument("ecr-r");

  SECTION("9 on 1-7 is 203") {
    Responses r = all_answered(inst, 4.0);
    r.values[0] = 9.0;
    const auto e = thrown([&] { (void)securebase::score(inst, r); });
    REQUIRE(e.has_value());
    CHECK(e->code() == ErrorCode::answers_out_of_range);
    CHECK(e->where() == "answers");
    CHECK(std::string(e->what()) ==
          "[securebase.answers.203] answers: item \"i01\": answer is 9, but must be a "
          "whole number from 1 to 7 (or missing)");
  }
  SECTION("4.5 is 204") {
    Responses r = all_answered(inst, 4.0);
    r.values[35] = 4.5;
    const auto e = thrown([&] { (void)securebase::score(inst, r); });
    REQUIRE(e.has_value());
    CHECK(e->code() == ErrorCode::answers_not_integer);
    CHECK(std::string(e->what()) ==
          "[securebase.answers.204] answers: item \"i36\": answer is 4.5, but must be a "
          "whole number from 1 to 7");
  }
  SECTION("infinity is 203") {
    Responses r = all_answered(inst, 4.0);
    r.values[1] = std::numeric_limits<double>::infinity();
    const auto e = thrown([&] { (void)securebase::score(inst, r); });
    REQUIRE(e.has_value());
    CHECK(e->code() == ErrorCode::answers_out_of_range);
    CHECK(e->message() ==
          "item \"i02\": answer is inf, but must be a whole number from 1 to 7 "
          "(or missing)");
  }
  SECTION("6 on the 1-5 ecr-5 is 203") {
    const Instrument ecr5 = load_embedded_instrument("ecr-5");
    Responses r = all_answered(ecr5, 3.0);
    r.values[4] = 6.0;
    const auto e = thrown([&] { (void)securebase::score(ecr5, r); });
    REQUIRE(e.has_value());
    CHECK(e->code() == ErrorCode::answers_out_of_range);
    CHECK(std::string(e->what()) ==
          "[securebase.answers.203] answers: item \"i05\": answer is 6, but must be a "
          "whole number from 1 to 5 (or missing)");
  }
  SECTION("validate_responses reports every problem at once") {
    Responses r = all_answered(inst, 4.0);
    r.values[0] = 0.0;
    r.values[9] = 4.5;
    const auto e = thrown([&] { securebase::validate_responses(r, inst, "row 3"); });
    REQUIRE(e.has_value());
    REQUIRE(e->problems().size() == 2);  // source: i01 = 0 and i10 = 4.5
    CHECK(e->problems()[0].code == ErrorCode::answers_out_of_range);
    CHECK(e->problems()[1].code == ErrorCode::answers_not_integer);
    CHECK(e->problems()[1].where == "row 3");
    CHECK(std::string(e->what()) ==
          "[securebase.answers.203] row 3: item \"i01\": answer is 0, but must be a "
          "whole number from 1 to 7 (or missing) (and 1 more problem)\n"
          "  [securebase.answers.204] row 3: item \"i10\": answer is 4.5, but must be a "
          "whole number from 1 to 7");
    // source: 7 is the maximum of 1-7, so valid
    CHECK_NOTHROW(securebase::validate_responses(all_answered(inst, 7.0), inst, "row 4"));
    CHECK_NOTHROW(securebase::validate_responses(empty_responses(inst), inst, "row 5"));
  }
  SECTION("answers sized for another instrument are 201") {
    const Responses r{{1.0, 2.0, 3.0}};
    const auto e = thrown([&] { (void)securebase::score(inst, r); });
    REQUIRE(e.has_value());
    CHECK(e->code() == ErrorCode::answers_syntax);
    // source: 3 values given, ecr-r has 36 items
    CHECK(std::string(e->what()) ==
          "[securebase.answers.201] answers: holds 3 answers, but ecr-r has 36 items (make it with "
          "empty_responses)");
  }
}

// ---------------------------------------------------------------------------------------------
// Properties (fixed seeds)
// ---------------------------------------------------------------------------------------------

namespace {

// A random answer vector: each item missing with probability p_missing, else uniform in range.
Responses random_responses(const Instrument& inst, std::mt19937& rng, double p_missing) {
  std::uniform_int_distribution<int> value(inst.response_scale().min, inst.response_scale().max);
  std::bernoulli_distribution missing(p_missing);
  Responses r = empty_responses(inst);
  for (double& v : r.values) {
    if (!missing(rng)) v = static_cast<double>(value(rng));
  }
  return r;
}

const std::vector<std::string> embedded_ids = {"ecr", "ecr-5", "ecr-r"};

}  // namespace

TEST_CASE("reversing twice is the identity", "[scoring][property]") {
  std::mt19937 rng(20240611);
  for (const std::string& id : embedded_ids) {
    const Instrument inst = load_embedded_instrument(id);
    const ScoringPlan& plan = inst.plan();
    INFO(id);
    // On the answer itself: (min + max) - ((min + max) - x) == x, e.g. 8 - (8 - x) on 1-7.
    for (int x = inst.response_scale().min; x <= inst.response_scale().max; ++x) {
      const double once = plan.reverse_sum - x;
      CHECK(once >= plan.min);
      CHECK(once <= plan.max);
      CHECK(plan.reverse_sum - once == static_cast<double>(x));
    }
    // On scores: flipping every key and reversing every answer scores the same.
    ScoringPlan flipped = plan;
    for (std::uint8_t& rev : flipped.entry_reversed) rev = rev != 0 ? 0 : 1;
    for (int trial = 0; trial < 200; ++trial) {
      const Responses r = random_responses(inst, rng, 0.1);
      std::vector<double> reversed = r.values;
      for (double& v : reversed) v = plan.reverse_sum - v;  // NaN stays NaN
      std::vector<RawScore> a(inst.scales().size());
      std::vector<RawScore> b(inst.scales().size());
      for (const ScaleMethod method : {ScaleMethod::mean, ScaleMethod::sum}) {
        securebase::score_raw(plan, r.values, a, method);
        securebase::score_raw(flipped, reversed, b, method);
        for (std::size_t s = 0; s < a.size(); ++s) {
          CHECK(a[s].n_answered == b[s].n_answered);
          // source: the same integer terms summed in the same order, so identical
          CHECK_THAT(b[s].value, near(a[s].value));
        }
      }
    }
  }
}

TEST_CASE("all-minimum answers give the scale minimum, all-maximum the maximum",
          "[scoring][property]") {
  std::mt19937 rng(7031);
  for (const std::string& id : embedded_ids) {
    const Instrument inst = load_embedded_instrument(id);
    INFO(id);
    // The instruments' scales made forward-only.
    ScoringPlan forward = inst.plan();
    std::fill(forward.entry_reversed.begin(), forward.entry_reversed.end(), std::uint8_t{0});
    for (int trial = 0; trial < 100; ++trial) {
      const Responses pattern = random_responses(inst, rng, 0.15);
      for (const double level : {forward.min, forward.max}) {
        std::vector<double> values = pattern.values;
        for (double& v : values) {
          if (!is_missing(v)) v = level;
        }
        std::vector<RawScore> out(inst.scales().size());
        std::vector<RawScore> sums(inst.scales().size());
        securebase::score_raw(forward, values, out);
        securebase::score_raw(forward, values, sums, ScaleMethod::sum);
        for (std::size_t s = 0; s < out.size(); ++s) {
          if (out[s].n_answered >= forward.scale_min_answered[s]) {
            CHECK_THAT(out[s].value, near(level));  // source: mean of equal answers
            // source: prorated sum of equal answers: level * n * 18 / n = 18 * level
            CHECK_THAT(sums[s].value, near(18.0 * level));
          } else {
            CHECK(std::isnan(out[s].value));
          }
        }
      }
      // With the real keys: every answer at its keyed minimum gives the minimum too.
      Responses keyed = empty_responses(inst);
      for (std::size_t s = 0; s < inst.scales().size(); ++s) {
        for (auto e = inst.plan().scale_begin[s]; e < inst.plan().scale_begin[s + 1]; ++e) {
          const std::size_t item = inst.plan().entry_item[e];
          if (is_missing(pattern.values[item])) continue;
          keyed.values[item] =
              inst.plan().entry_reversed[e] != 0 ? inst.plan().max : inst.plan().min;
        }
      }
      const Scores scored = securebase::score(inst, keyed);
      for (const ScaleScore& sc : scored.scales) {
        if (sc.status == ScoreStatus::ok) CHECK_THAT(sc.value, near(inst.plan().min));
      }
    }
  }
}

TEST_CASE("scores do not depend on naming items by id or by number", "[scoring][property]") {
  std::mt19937 rng(424242);
  for (const std::string& id : embedded_ids) {
    const Instrument inst = load_embedded_instrument(id);
    INFO(id);
    for (int trial = 0; trial < 50; ++trial) {
      const Responses r = random_responses(inst, rng, 0.2);
      std::vector<std::size_t> order(inst.items().size());
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::shuffle(order.begin(), order.end(), rng);

      Responses by_id = empty_responses(inst);
      Responses by_number = empty_responses(inst);
      std::string list_by_id;
      std::string list_by_number;
      std::string json_mixed = "{";
      for (const std::size_t i : order) {
        const std::string number = std::to_string(inst.items()[i].number);
        const std::string value =
            is_missing(r.values[i]) ? "NA" : std::to_string(static_cast<int>(r.values[i]));
        list_by_id += inst.items()[i].id + "=" + value + "\n";
        list_by_number += number + "=" + value + ", ";
        if (json_mixed.size() > 1) json_mixed += ", ";
        json_mixed += "\"" + (i % 2 == 0 ? inst.items()[i].id : number) +
                      "\": " + (is_missing(r.values[i]) ? "null" : value);
        if (is_missing(r.values[i])) continue;
        securebase::set_answer(by_id, inst, inst.items()[i].id, r.values[i], "by id");
        securebase::set_answer(by_number, inst, number, r.values[i], "by number");
      }
      json_mixed += "}";
      const Responses parsed_id = securebase::parse_answers(inst, list_by_id, "list");
      const Responses parsed_number = securebase::parse_answers(inst, list_by_number, "list");
      const Responses parsed_json = securebase::parse_answers(inst, json_mixed, "json");

      const Scores expected = securebase::score(inst, r);
      const std::vector<const Responses*> others = {&by_id, &by_number, &parsed_id, &parsed_number,
                                                    &parsed_json};
      for (const Responses* other : others) {
        REQUIRE(other->values.size() == r.values.size());
        for (std::size_t i = 0; i < r.values.size(); ++i) {
          CHECK(is_missing(other->values[i]) == is_missing(r.values[i]));
          if (!is_missing(r.values[i])) CHECK(other->values[i] == r.values[i]);
        }
        const Scores got = securebase::score(inst, *other);
        for (std::size_t s = 0; s < got.scales.size(); ++s) {
          CHECK(got.scales[s].status == expected.scales[s].status);
          // source: the same answers scored twice
          CHECK_THAT(got.scales[s].value, near(expected.scales[s].value));
        }
      }
    }
  }
}

TEST_CASE("adding answers never makes a scorable scale insufficient", "[scoring][property]") {
  std::mt19937 rng(1998);
  for (const std::string& id : embedded_ids) {
    const Instrument inst = load_embedded_instrument(id);
    INFO(id);
    for (int trial = 0; trial < 30; ++trial) {
      const Responses full = random_responses(inst, rng, 0.0);
      std::vector<std::size_t> order(inst.items().size());
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::shuffle(order.begin(), order.end(), rng);
      Responses r = empty_responses(inst);
      std::vector<int> last_answered(inst.scales().size(), 0);
      std::vector<bool> was_ok(inst.scales().size(), false);
      for (const std::size_t i : order) {
        r.values[i] = full.values[i];
        const Scores s = securebase::score(inst, r);
        for (std::size_t k = 0; k < s.scales.size(); ++k) {
          const ScaleScore& sc = s.scales[k];
          CHECK(sc.n_answered >= last_answered[k]);
          last_answered[k] = sc.n_answered;
          const bool ok = sc.status == ScoreStatus::ok;
          if (was_ok[k]) CHECK(ok);
          // source: ceil(0.8 * 18) = 15 for every scale of the embedded instruments
          CHECK(ok == (sc.n_answered >= 15));
          CHECK(ok == !std::isnan(sc.value));
          was_ok[k] = ok;
        }
      }
      for (const bool ok : was_ok) CHECK(ok);  // all 36 answered in the end
    }
  }
}

TEST_CASE("a scale's own reliability with a declared SD gives a provisional SEM", "[scoring]") {
  const Instrument inst = securebase::parse_instrument(R"({
    "format": "securebase-instrument", "format_version": 1, "id": "prov", "version": "0.0.1",
    "title": "Provisional SEM fixture", "licence": "test fixture",
    "citations": [{"text": "securebase test fixture"}],
    "response_scale": {"min": 1, "max": 7},
    "scales": [{"id": "s", "name": "S", "method": "mean", "min_answered": {"count": 1},
                "reliability": {"value": 0.84, "sd": 1.2, "provisional": true,
                                "source": "assumed for the test"}}],
    "items": [{"id": "x1", "number": 1, "keys": [{"scale": "s"}]},
              {"id": "x2", "number": 2, "keys": [{"scale": "s"}]}],
    "orders": {"canonical": {"id": "fixture", "description": "as listed"}}
  })",
                                                       "prov.json");
  Responses r = empty_responses(inst);
  r.values = {4.0, 5.0};
  const Scores scores = securebase::score(inst, r);
  const ScaleScore& s = scale_of(scores, "s");
  REQUIRE(s.error.has_value());
  // source: hand computation: SEM = 1.2 * sqrt(1 - 0.84) = 1.2 * 0.4 = 0.48; score 4.5
  CHECK_THAT(s.error->sem, near(0.48));
  CHECK_THAT(s.error->lower, near(4.5 - 1.959963984540054 * 0.48));
  CHECK_THAT(s.error->upper, near(4.5 + 1.959963984540054 * 0.48));
  CHECK(s.error->provisional);
  CHECK(s.error->basis ==
        "SD 1.2 declared by the scale and scale reliability (assumed for the test) 0.84");
}
