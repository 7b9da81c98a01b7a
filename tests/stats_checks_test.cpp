// Tests of the mis-keying and layout checks and of the sample-versus-published comparison
// (include/securebase/stats/checks.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/norms.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/stats/checks.hpp"
#include "support/errors.hpp"
#include "support/near.hpp"

namespace st = securebase::stats;
using securebase::ErrorCode;
using securebase::Instrument;
using securebase::test::check_error;
using securebase::test::near;

namespace {

const double na = std::numeric_limits<double>::quiet_NaN();

// A roughly normal deviate from the sum of 12 uniforms (portable: only mt19937's raw output).
double deviate(std::mt19937& rng) {
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += static_cast<double>(rng()) / 4294967296.0;
  return sum - 6;
}

// Mean of the keyed answered items of each scale, as scoring gives it.
std::vector<double> scores(const st::Layout& layout, const std::vector<double>& row) {
  std::vector<double> out;
  for (const st::ScaleKey& k : layout.scales) {
    double sum = 0;
    double n = 0;
    for (std::size_t i = 0; i < k.items.size(); ++i) {
      const double x = row[k.items[i]];
      if (std::isnan(x)) continue;
      sum += k.reversed[i] != 0 ? layout.min + layout.max - x : x;
      n += 1;
    }
    out.push_back(n > 0 ? sum / n : na);
  }
  return out;
}

// Respondents of `instrument` answering from one latent trait per scale (correlated `rho`),
// shown the items in order `shown` and read by a batch run in order `read`: the answer at
// position p goes to the column of item read.items[p] (`read` null: read as shown).
st::Accumulator simulate(const Instrument& instrument, const securebase::ItemOrder& shown, int n,
                         double rho, std::uint32_t seed, double noise = 1.0,
                         const securebase::ItemOrder* read = nullptr) {
  if (read == nullptr) read = &shown;
  st::Accumulator acc = st::make_accumulator(st::layout_of(instrument));
  std::mt19937 rng(seed);
  const double lo = instrument.response_scale().min;
  const double hi = instrument.response_scale().max;
  for (int r = 0; r < n; ++r) {
    const double common = deviate(rng);
    std::vector<double> trait;
    for (std::size_t s = 0; s < instrument.scales().size(); ++s)
      trait.push_back(std::sqrt(rho) * common + std::sqrt(1 - rho) * deviate(rng));
    std::vector<double> row(instrument.items().size());
    for (std::size_t pos = 0; pos < shown.items.size(); ++pos) {
      const securebase::Item& item = instrument.items()[shown.items[pos]];
      const securebase::ItemKey& key = item.keys.front();
      const double sign = key.reversed ? -1.0 : 1.0;
      const double x = (lo + hi) / 2 + 1.2 * sign * trait[key.scale] + noise * deviate(rng);
      row[read->items[pos]] = std::clamp(std::round(x), lo, hi);
    }
    st::add_row(acc, row, scores(acc.layout, row));
  }
  return acc;
}

}  // namespace

TEST_CASE("a negative corrected item-total correlation is a warning", "[checks]") {
  st::Accumulator acc = st::make_accumulator(st::Layout{{"a", "b", "c"}, 1, 5, {}, std::nullopt});
  acc.layout.scales = {st::ScaleKey{"s", {0, 1, 2}, {0, 0, 0}, 1, 5}};
  acc = st::make_accumulator(acc.layout);
  const std::vector<std::vector<double>> rows = {{1, 1, 4}, {2, 3, 5}, {3, 2, 2},
                                                 {4, 5, 3}, {5, 4, 1}, {4, 2, 5}};
  for (const auto& row : rows) st::add_row(acc, row, scores(acc.layout, row));
  const auto warnings = st::negative_item_totals(st::summarise(acc));
  REQUIRE(warnings.size() == 1);
  const st::CheckWarning& w = warnings[0];
  CHECK(w.id == "negative_item_total");
  CHECK(w.scale == "s");
  CHECK(w.item == "c");
  REQUIRE(w.values.size() == 3);
  CHECK(w.values[0].name == "corrected_r");
  // source: R 4.2.2, cor(c, a + b) = -0.5020790110464024
  CHECK_THAT(w.values[0].value, near(-0.5020790110464024, 1e-9));
  // source: R, 3/2 * (1 - sum(diag(C)) / sum(C)) with C = cov(cbind(a, b, c))
  CHECK_THAT(w.values[1].value, near(-0.42073170731707321, 1e-9));
  // source: R, the same on cov(cbind(a, b))
  CHECK(w.values[2].name == "alpha_if_dropped");
  CHECK_THAT(w.values[2].value, near(0.79629629629629628, 1e-9));
  CHECK(w.message ==
        "item \"c\" correlates negatively with the rest of scale \"s\" (corrected item-total r "
        "= -0.50); it is not reverse-keyed, so check that it was not reversed before export, "
        "and that the columns follow the instrument's item order (--order)");
}

TEST_CASE("ECR-R data shown in the interleaved order suggest that order", "[checks]") {
  const Instrument ecrr = securebase::load_embedded_instrument("ecr-r");
  const securebase::ItemOrder* interleaved = ecrr.find_order("dependlab-interleaved");
  REQUIRE(interleaved != nullptr);
  // shown interleaved but read in Fraley's order; and the same answers read right
  const st::Accumulator wrong =
      simulate(ecrr, *interleaved, 300, 0.1, 7, 1.0, &ecrr.canonical_order());
  const st::Accumulator right = simulate(ecrr, *interleaved, 300, 0.1, 7);
  const st::OrderComparison c = st::compare_orders(wrong, ecrr, "", 0.10);
  CHECK(c.used == "fraley");
  REQUIRE(c.fits.size() == 2);
  CHECK(c.fits[0].order == "fraley");
  CHECK(c.fits[1].order == "dependlab-interleaved");
  CHECK_FALSE(c.fits[1].verified);
  REQUIRE(c.better);
  CHECK(*c.better == 1);
  // Re-keyed under the interleaved order, the alphas are those of the answers read right.
  // source: summarise() on the accumulator of the same answers in their own columns
  const st::Summary s = st::summarise(right);
  for (std::size_t k = 0; k < 2; ++k) {
    INFO(k);
    CHECK_THAT(c.fits[1].alphas[k].raw, near(s.scales[k].alpha.raw, 1e-12));
    CHECK(c.fits[1].alphas[k].raw > c.fits[0].alphas[k].raw + 0.10);
  }
  const auto warnings = st::run_checks(wrong, ecrr, st::CheckOptions{});
  // Given the summary it would make, run_checks says the same, word for word.
  const auto given = st::run_checks(wrong, st::summarise(wrong), ecrr, st::CheckOptions{});
  REQUIRE(given.size() == warnings.size());
  for (std::size_t w = 0; w < given.size(); ++w) {
    CHECK(given[w].id == warnings[w].id);
    CHECK(given[w].message == warnings[w].message);
  }
  const auto better = std::find_if(warnings.begin(), warnings.end(), [](const st::CheckWarning& w) {
    return w.id == "better_order";
  });
  REQUIRE(better != warnings.end());
  CHECK(better->values[0].name == "mean_alpha_used");
  CHECK(better->values[0].value == c.fits[0].mean_alpha);
  CHECK(better->values[1].value == c.fits[1].mean_alpha);
  CHECK_THAT(better->message,
             Catch::StartsWith("the answers fit item order "
                               "\"dependlab-interleaved\" better than \"fraley\""));
  CHECK_THAT(better->message, Catch::EndsWith("score again with --order dependlab-interleaved "
                                              "(its item mapping is not verified at source: "
                                              "scale scores are exact, item-level results are "
                                              "not)"));
  // the mis-ordered columns also give negative item-total correlations
  CHECK(std::count_if(warnings.begin(), warnings.end(),
                      [](const st::CheckWarning& w) { return w.id == "negative_item_total"; }) > 0);
  // read in the order shown, there is nothing to suggest, and "fraley" fits worse
  const st::OrderComparison same = st::compare_orders(right, ecrr, "dependlab-interleaved", 0.10);
  CHECK(same.used == "dependlab-interleaved");
  CHECK_FALSE(same.better);
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK_THAT(same.fits[1].alphas[k].raw, near(s.scales[k].alpha.raw, 1e-12));
    CHECK(same.fits[0].alphas[k].raw < same.fits[1].alphas[k].raw);
  }
  // a gain higher than any found suggests nothing
  CHECK_FALSE(st::compare_orders(wrong, ecrr, "", 1.0).better);
}

TEST_CASE("re-keyed alphas equal the summary's alphas of the right columns", "[checks]") {
  const Instrument ecrr = securebase::load_embedded_instrument("ecr-r");
  // shown and read in Fraley's order: the fit of "fraley" is the summary's alpha
  const st::Accumulator acc = simulate(ecrr, ecrr.canonical_order(), 200, 0.2, 11);
  const st::OrderComparison c = st::compare_orders(acc, ecrr, "fraley", 0.10);
  const st::Summary s = st::summarise(acc);
  for (std::size_t k = 0; k < 2; ++k) {
    // source: summarise(), pairwise alpha of the same accumulator
    CHECK_THAT(c.fits[0].alphas[k].raw, near(s.scales[k].alpha.raw, 1e-12));
    CHECK(c.fits[0].alphas[k].raw > c.fits[1].alphas[k].raw);
  }
  CHECK_FALSE(c.better);
  const auto warnings = st::run_checks(acc, ecrr, st::CheckOptions{});
  CHECK(warnings.empty());
}

TEST_CASE("alpha far below the published value is a warning", "[checks]") {
  const Instrument ecr = securebase::load_embedded_instrument("ecr");
  // pure noise: alpha near 0 against the published .91 and .94
  const st::Accumulator acc = simulate(ecr, ecr.canonical_order(), 200, 0.0, 3, 30.0);
  const st::Summary s = st::summarise(acc);
  const auto warnings = st::alpha_below_published(s, ecr, 0.10);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].id == "alpha_below_published");
  const std::size_t anxiety = *ecr.find_scale("anxiety");
  CHECK(warnings[anxiety].scale == "anxiety");
  // source: instruments/ecr.json, anxiety reliability 0.91
  CHECK(warnings[anxiety].values[3].name == "published");
  CHECK(warnings[anxiety].values[3].value == 0.91);
  CHECK(warnings[anxiety].values[2].value == s.scales[anxiety].alpha.feldt.upper);
  CHECK_THAT(warnings[anxiety].message,
             Catch::Contains("far below the published 0.91 (Brennan, Clark & Shaver (1998)"));
  // a margin of 1 never warns
  CHECK(st::alpha_below_published(s, ecr, 1.0).empty());
}

TEST_CASE("the published reliability falls back on a norm set", "[checks]") {
  const Instrument ecr5 = securebase::load_embedded_instrument("ecr-5");
  const auto r = st::published_reliability(ecr5, *ecr5.find_scale("anxiety"));
  REQUIRE(r);
  // source: instruments/ecr-5.json, norm set osp-2018, anxiety reliability 0.916
  CHECK(r->value == 0.916);
  CHECK(r->source == ecr5.norm_sets().front().citation);
  // provisional reliabilities are not published values
  const Instrument brief = securebase::load_embedded_instrument("securebase-brief");
  CHECK_FALSE(st::published_reliability(brief, 0));
}

TEST_CASE("an anxiety-avoidance correlation far from the published one is a warning", "[checks]") {
  const Instrument ecrr = securebase::load_embedded_instrument("ecr-r");
  const st::Accumulator acc = simulate(ecrr, ecrr.canonical_order(), 200, 0.8, 5);
  const std::size_t p = acc.layout.items.size();
  const double r = st::correlation(acc.all, p, p + 1);
  REQUIRE(r > 0.5);
  // source: Fisher's z interval, tanh(atanh(r) -/+ 1.959964 / sqrt(n - 3)), n = 200
  const double lower = std::tanh(std::atanh(r) - 1.959963984540054 / std::sqrt(197.0));
  const double upper = std::tanh(std::atanh(r) + 1.959963984540054 / std::sqrt(197.0));
  const auto w = st::correlation_far_from_published(acc, ecrr, 0.0, 0.2, "a source");
  REQUIRE(w);
  CHECK(w->id == "correlation_far_from_published");
  CHECK(w->scale == "anxiety,avoidance");
  CHECK_THAT(w->values[0].value, near(r));
  CHECK(w->values[1].value == 200);
  CHECK_THAT(w->values[2].value, near(lower));
  CHECK_THAT(w->values[3].value, near(upper));
  CHECK_THAT(w->message, Catch::Contains("far from the published 0.00 (a source)"));
  // a published value inside the interval, or within the margin of it: no warning
  CHECK_FALSE(st::correlation_far_from_published(acc, ecrr, r, 0.2, ""));
  CHECK_FALSE(st::correlation_far_from_published(acc, ecrr, lower - 0.19, 0.2, ""));
  CHECK(st::correlation_far_from_published(acc, ecrr, lower - 0.21, 0.2, ""));
  // too few common scores, or an instrument without a plane (RAAS): no check
  const st::Accumulator three = simulate(ecrr, ecrr.canonical_order(), 3, 0.8, 5);
  CHECK_FALSE(st::correlation_far_from_published(three, ecrr, -1.0, 0.0, ""));
  const Instrument raas = securebase::load_embedded_instrument("raas");
  const st::Accumulator r_acc = simulate(raas, raas.canonical_order(), 50, 0.8, 5);
  CHECK_FALSE(st::correlation_far_from_published(r_acc, raas, -1.0, 0.0, ""));
  // run_checks includes it only with a published value
  st::CheckOptions options;
  CHECK(st::run_checks(acc, ecrr, options).empty());
  options.published_correlation = 0.0;
  const auto warnings = st::run_checks(acc, ecrr, options);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].id == "correlation_far_from_published");
}

TEST_CASE("the sample beside the published values", "[checks]") {
  const Instrument ecr5 = securebase::load_embedded_instrument("ecr-5");
  const st::Accumulator acc = simulate(ecr5, ecr5.canonical_order(), 100, 0.0, 9);
  const st::Summary s = st::summarise(acc);
  const auto all = st::compare_with_published(s, ecr5);
  REQUIRE(all.size() == s.scales.size());
  const std::size_t anxiety = *ecr5.find_scale("anxiety");
  const st::PublishedComparison& a = all[anxiety];
  CHECK(a.scale == "anxiety");
  CHECK(a.score.mean == s.scales[anxiety].score.mean);
  CHECK(a.alpha.raw == s.scales[anxiety].alpha.raw);
  REQUIRE(a.reliability);
  CHECK(a.reliability->value == 0.916);
  CHECK(a.norms.size() == ecr5.norm_sets().size());
  const auto one = st::compare_with_published(s, ecr5, "osp-2018");
  REQUIRE(one[anxiety].norms.size() == 1);
  const st::NormComparison& n = one[anxiety].norms[0];
  // source: instruments/ecr-5.json, osp-2018 anxiety mean 3.1, SD 0.8, n 46610
  CHECK(n.norm_set == "osp-2018");
  CHECK(n.n == 46610);
  CHECK(n.mean == 3.1);
  CHECK(n.sd == 0.8);
  CHECK_THAT(n.d, near((s.scales[anxiety].score.mean - 3.1) / 0.8));
  CHECK_THAT(n.sd_ratio, near(s.scales[anxiety].score.sd / 0.8));
  const auto e =
      securebase::test::thrown([&] { (void)st::compare_with_published(s, ecr5, "no-such-set"); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::norms_unknown_set);
}

TEST_CASE("checks reject a partial of another instrument and bad options", "[checks]") {
  const Instrument ecrr = securebase::load_embedded_instrument("ecr-r");
  const Instrument ecr = securebase::load_embedded_instrument("ecr");
  const st::Accumulator acc = simulate(ecrr, ecrr.canonical_order(), 20, 0.1, 1);
  check_error([&] { (void)st::run_checks(acc, ecr, st::CheckOptions{}); },
              ErrorCode::stats_incomparable,
              "[securebase.stats.1004] statistics partial: the partial was not accumulated for "
              "instrument ecr because the key of scale \"anxiety\" differs; check it with the "
              "instrument the partial was written for");
  st::CheckOptions bad;
  bad.alpha_margin = 1.5;
  check_error([&] { (void)st::run_checks(acc, ecrr, bad); }, ErrorCode::stats_parameter,
              "[securebase.stats.1006] check options: the alpha margin is 1.50, but must be "
              "between 0 and 1");
  bad = st::CheckOptions{};
  bad.published_correlation = -1.2;
  check_error([&] { (void)st::run_checks(acc, ecrr, bad); }, ErrorCode::stats_parameter,
              "[securebase.stats.1006] check options: the published correlation is -1.20, but "
              "must be between -1 and 1");
  bad = st::CheckOptions{};
  bad.used_order = "brennan";
  check_error([&] { (void)st::run_checks(acc, ecrr, bad); }, ErrorCode::stats_parameter,
              "[securebase.stats.1006] check options: the order \"brennan\" is not an order of "
              "ecr-r, but must be one of \"fraley\", \"dependlab-interleaved\"");
}
