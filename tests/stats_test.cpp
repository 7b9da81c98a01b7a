// Tests of include/securebase/stats/: the mergeable accumulator, describe, alpha, item analysis.
// Expected numbers: tests/oracle/stats_psych.R (psych 2.2.9), printed in
// tests/oracle/stats_psych.out and stored in tests/data/oracle/stats-expected.csv.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "securebase/core/instrument.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/stats_partial.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/summary.hpp"
#include "support/errors.hpp"
#include "support/near.hpp"
#include "support/stats_oracle.hpp"

using securebase::ErrorCode;
using securebase::test::near;
namespace st = securebase::stats;

namespace {

using Table = securebase::test::OracleTable;
using securebase::test::oracle_scores;
using securebase::test::read_oracle_table;

// dataset|scale|item|statistic -> value
std::map<std::string, double> expected() { return securebase::test::stats_oracle_expected(); }

struct Dataset {
  std::string name;
  st::Layout layout;
  Table table;
};

st::ScaleKey key(const Table& t, const std::string& id, std::vector<std::string> items) {
  return securebase::test::oracle_key(t.header, id, std::move(items));
}

Dataset bfi() {
  Dataset d{"bfi", {}, read_oracle_table("stats-bfi.csv")};
  d.layout.items = d.table.header;
  d.layout.min = 1;
  d.layout.max = 6;
  d.layout.scales = {key(d.table, "agreeableness", {"-A1", "A2", "A3", "A4", "A5"}),
                     key(d.table, "neuroticism", {"N1", "N2", "N3", "N4", "N5"})};
  return d;
}

Dataset synthetic() {
  Dataset d{"synthetic", {}, read_oracle_table("stats-synthetic.csv")};
  d.layout.items = d.table.header;
  d.layout.min = 1;
  d.layout.max = 5;
  d.layout.scales = {key(d.table, "s1", {"x1", "-x2", "x3", "x4"}),
                     key(d.table, "s2", {"x5", "-x6", "x7"})};
  return d;
}

// Rows [from, to) added as one block, as a batch run adds them.
st::Accumulator accumulate(const Dataset& d, std::size_t from = 0, std::size_t to = SIZE_MAX) {
  st::Accumulator acc = st::make_accumulator(d.layout);
  st::RowBlock block = st::make_block(d.layout);
  for (std::size_t r = from; r < std::min(to, d.table.rows.size()); ++r)
    st::append_row(block, d.table.rows[r], oracle_scores(d.layout, d.table.rows[r]));
  st::add_rows(acc, block);
  return acc;
}

// Centred sums by the textbook two-pass formulas, in long double: the independent reference
// for the one-pass block sums. rows[r] holds a row's variables (NaN = missing).
st::Moments two_pass(const std::vector<std::vector<double>>& rows, std::size_t vars) {
  st::Moments m = st::make_moments(vars);
  m.rows = rows.size();
  for (std::size_t v = 0; v < vars; ++v) {
    long double sum = 0;
    st::Univariate& u = m.univariate[v];
    for (const auto& row : rows)
      if (!std::isnan(row[v])) {
        ++u.n;
        sum += row[v];
        u.min = std::min(u.min, row[v]);
        u.max = std::max(u.max, row[v]);
      }
    if (u.n == 0) continue;
    const long double mean = sum / static_cast<long double>(u.n);
    long double m2 = 0, m3 = 0, m4 = 0;
    for (const auto& row : rows)
      if (!std::isnan(row[v])) {
        const long double d = row[v] - mean;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
      }
    u.mean = static_cast<double>(mean);
    u.m2 = static_cast<double>(m2);
    u.m3 = static_cast<double>(m3);
    u.m4 = static_cast<double>(m4);
  }
  std::size_t k = 0;
  for (std::size_t i = 0; i < vars; ++i)
    for (std::size_t j = i + 1; j < vars; ++j, ++k) {
      st::PairMoments& p = m.pairs[k];
      long double sa = 0, sb = 0;
      for (const auto& row : rows)
        if (!std::isnan(row[i]) && !std::isnan(row[j])) {
          ++p.n;
          sa += row[i];
          sb += row[j];
        }
      if (p.n == 0) continue;
      const long double ma = sa / static_cast<long double>(p.n);
      const long double mb = sb / static_cast<long double>(p.n);
      long double qa = 0, qb = 0, c = 0;
      for (const auto& row : rows)
        if (!std::isnan(row[i]) && !std::isnan(row[j])) {
          qa += (row[i] - ma) * (row[i] - ma);
          qb += (row[j] - mb) * (row[j] - mb);
          c += (row[i] - ma) * (row[j] - mb);
        }
      p.mean_a = static_cast<double>(ma);
      p.mean_b = static_cast<double>(mb);
      p.m2_a = static_cast<double>(qa);
      p.m2_b = static_cast<double>(qb);
      p.c = static_cast<double>(c);
    }
  return m;
}

void check_against_psych(const Dataset& d, st::Missing missing) {
  const auto e = expected();
  const auto want = [&](const std::string& scale, const std::string& item, const std::string& s) {
    const auto it = e.find(d.name + "|" + scale + "|" + item + "|" + s);
    REQUIRE(it != e.end());
    return it->second;
  };
  const st::Summary sum = st::summarise(accumulate(d), missing);
  const std::string p = std::string(st::to_string(missing)) + ".";
  constexpr double tol = 1e-9;  // closed-form statistics, R's and ours in double precision
  for (const st::ScaleStats& s : sum.scales) {
    INFO(d.name << " " << s.id << " " << p);
    // source: psych::describe (type 3), stats_psych.out
    CHECK(static_cast<double>(s.score.n) == want(s.id, "", "n"));
    CHECK_THAT(s.score.mean, near(want(s.id, "", "mean"), tol));
    CHECK_THAT(s.score.sd, near(want(s.id, "", "sd"), tol));
    CHECK_THAT(s.score.skew, near(want(s.id, "", "skew"), tol));
    CHECK_THAT(s.score.kurtosis, near(want(s.id, "", "kurtosis"), tol));
    CHECK_THAT(s.score.min, near(want(s.id, "", "min"), tol));
    CHECK_THAT(s.score.max, near(want(s.id, "", "max"), tol));
    CHECK_THAT(s.score.se, near(want(s.id, "", "se"), tol));
    // source: psych::alpha, stats_psych.out
    REQUIRE(s.alpha.status == st::StatStatus::ok);
    CHECK(static_cast<double>(s.rows) == want(s.id, "", p + "n_rows"));
    CHECK_THAT(s.alpha.raw, near(want(s.id, "", p + "raw_alpha"), tol));
    CHECK_THAT(s.alpha.standardised, near(want(s.id, "", p + "std_alpha"), tol));
    CHECK_THAT(s.alpha.average_r, near(want(s.id, "", p + "average_r"), tol));
    CHECK_THAT(s.alpha.ase, near(want(s.id, "", p + "ase"), tol));
    CHECK_THAT(s.alpha.feldt.lower, near(want(s.id, "", p + "feldt_lower"), tol));
    CHECK_THAT(s.alpha.feldt.upper, near(want(s.id, "", p + "feldt_upper"), tol));
    // N = 2,800: (N - 1)(k - 1) < 4e5, where R's qf is the F quantile itself
    CHECK(s.alpha.feldt_exact.lower == s.alpha.feldt.lower);
    CHECK(s.alpha.feldt_exact.upper == s.alpha.feldt.upper);
    CHECK_THAT(s.alpha.duhachek.lower, near(want(s.id, "", p + "duhachek_lower"), tol));
    CHECK_THAT(s.alpha.duhachek.upper, near(want(s.id, "", p + "duhachek_upper"), tol));
    // source: fa(R, 1, fm = "minres") and psych::omega(nfactors = 1), stats_psych.out; 1e-4
    // because psych's minres stops its optimiser at a looser tolerance than our fixed point
    REQUIRE(s.omega.status == st::StatStatus::ok);
    CHECK_THAT(s.omega.total, near(want(s.id, "", p + "omega_total"), 1e-4));
    for (std::size_t i = 0; i < s.items.size(); ++i)
      CHECK_THAT(s.omega.loadings[i], near(want(s.id, s.items[i].id, p + "loading"), 1e-4));
    for (const st::ItemStats& it : s.items) {
      INFO(it.id);
      CHECK(static_cast<double>(it.n) == want(s.id, it.id, p + "n"));
      CHECK_THAT(it.item_total_r, near(want(s.id, it.id, p + "raw_r"), tol));
      CHECK_THAT(it.standardised_r, near(want(s.id, it.id, p + "std_r"), tol));
      CHECK_THAT(it.corrected_r, near(want(s.id, it.id, p + "r_drop"), tol));
      CHECK_THAT(it.mean, near(want(s.id, it.id, p + "mean"), tol));
      CHECK_THAT(it.sd, near(want(s.id, it.id, p + "sd"), tol));
      CHECK_THAT(it.if_dropped.raw, near(want(s.id, it.id, p + "drop_raw_alpha"), tol));
      CHECK_THAT(it.if_dropped.standardised, near(want(s.id, it.id, p + "drop_std_alpha"), tol));
      CHECK_THAT(it.if_dropped.average_r, near(want(s.id, it.id, p + "drop_average_r"), tol));
      if (missing == st::Missing::pairwise)  // counts are always over every answer
        for (std::size_t v = 0; v < it.counts.size(); ++v)
          CHECK_THAT(static_cast<double>(it.counts[v]) / static_cast<double>(it.n),
                     near(want(s.id, it.id,
                               p + "freq_" + std::to_string(d.layout.min + static_cast<int>(v))),
                          tol));
    }
  }
  // source: cor(use = "pairwise") of the two scale scores, stats_psych.out
  CHECK_THAT(sum.scale_correlations(0, 1),
             near(want(sum.scales[0].id + "~" + sum.scales[1].id, "", "cor"), tol));
}

}  // namespace

TEST_CASE("stats match psych on bfi", "[stats]") {
  const Dataset d = bfi();
  check_against_psych(d, st::Missing::pairwise);
  check_against_psych(d, st::Missing::listwise);
}

TEST_CASE("stats match psych on synthetic data with missing answers", "[stats]") {
  const Dataset d = synthetic();
  check_against_psych(d, st::Missing::pairwise);
  check_against_psych(d, st::Missing::listwise);
}

TEST_CASE("raw.r is psych's when scoring leaves scores out by its minimum-answered rule",
          "[stats]") {
  // The synthetic set (about 12% of answers missing) with the scale scores an instrument would
  // give: the mean of the answered keyed items only where at least 3 of s1's 4 items (2 of s2's
  // 3) are answered. psych's raw.r correlates each item with the mean of the answered items in
  // every row; the item's r with the score leaves the rows without a score out.
  const Dataset d = synthetic();
  const std::size_t needed[] = {3, 2};
  st::Accumulator acc = st::make_accumulator(d.layout);
  st::RowBlock block = st::make_block(d.layout);
  std::vector<std::vector<double>> scored;  // per row: the scores given
  for (const auto& row : d.table.rows) {
    std::vector<double> scores = oracle_scores(d.layout, row);
    for (std::size_t s = 0; s < 2; ++s) {
      std::size_t answered = 0;
      for (std::size_t i : d.layout.scales[s].items) answered += std::isnan(row[i]) ? 0U : 1U;
      if (answered < needed[s]) scores[s] = std::nan("");
    }
    st::append_row(block, row, scores);
    scored.push_back(scores);
  }
  st::add_rows(acc, block);
  const auto e = expected();
  bool differ = false;
  for (const st::Missing missing : {st::Missing::pairwise, st::Missing::listwise}) {
    const st::Summary sum = st::summarise(acc, missing);
    const std::string p = std::string(st::to_string(missing)) + ".";
    for (std::size_t s = 0; s < 2; ++s) {
      const st::ScaleKey& k = d.layout.scales[s];
      for (std::size_t i = 0; i < k.items.size(); ++i) {
        const st::ItemStats& it = sum.scales[s].items[i];
        INFO(p << k.id << " " << it.id);
        // source: psych::alpha's raw.r, stats_psych.out (its scores are the answered means)
        CHECK_THAT(it.item_total_r,
                   near(e.at("synthetic|" + k.id + "|" + it.id + "|" + p + "raw_r"), 1e-9));
        // source: the two-pass Pearson r of the keyed item with the score given, over the rows
        // with both (listwise: the rows answering every item of the scale)
        std::vector<std::vector<double>> pairs;
        for (std::size_t r = 0; r < d.table.rows.size(); ++r) {
          const auto& row = d.table.rows[r];
          const bool complete = std::none_of(k.items.begin(), k.items.end(),
                                             [&](std::size_t j) { return std::isnan(row[j]); });
          const double x = row[k.items[i]];
          if (std::isnan(x) || std::isnan(scored[r][s]) ||
              (missing == st::Missing::listwise && !complete))
            continue;
          pairs.push_back({k.reversed[i] != 0 ? 6 - x : x, scored[r][s]});
        }
        const st::PairMoments pm = two_pass(pairs, 2).pairs[0];
        CHECK_THAT(it.item_score_r, near(pm.c / std::sqrt(pm.m2_a * pm.m2_b), 1e-12));
        differ = differ || std::fabs(it.item_total_r - it.item_score_r) > 1e-3;
      }
    }
  }
  CHECK(differ);
}

namespace {

void check_same(const st::Moments& a, const st::Moments& b) {
  constexpr double rel = 1e-12;  // merge and one pass differ only by rounding
  REQUIRE(a.rows == b.rows);
  for (std::size_t i = 0; i < a.variables; ++i) {
    const st::Univariate& x = a.univariate[i];
    const st::Univariate& y = b.univariate[i];
    CHECK(x.n == y.n);
    CHECK_THAT(x.mean, near(y.mean, rel));
    CHECK_THAT(x.m2, near(y.m2, rel));
    CHECK_THAT(x.m3, near(y.m3, rel, 1e-9 * y.m2));  // m3 can be near 0 by symmetry
    CHECK_THAT(x.m4, near(y.m4, rel));
    CHECK(x.min == y.min);
    CHECK(x.max == y.max);
  }
  for (std::size_t k = 0; k < a.pairs.size(); ++k) {
    CHECK(a.pairs[k].n == b.pairs[k].n);
    CHECK_THAT(a.pairs[k].mean_a, near(b.pairs[k].mean_a, rel));
    CHECK_THAT(a.pairs[k].m2_b, near(b.pairs[k].m2_b, rel));
    CHECK_THAT(a.pairs[k].c,
               near(b.pairs[k].c, rel, 1e-12 * std::sqrt(b.pairs[k].m2_a * b.pairs[k].m2_b)));
  }
}

void check_same(const st::PairMoments& a, const st::PairMoments& b) {
  constexpr double rel = 1e-12;
  CHECK(a.n == b.n);
  CHECK_THAT(a.mean_a, near(b.mean_a, rel));
  CHECK_THAT(a.mean_b, near(b.mean_b, rel));
  CHECK_THAT(a.m2_a, near(b.m2_a, rel));
  CHECK_THAT(a.m2_b, near(b.m2_b, rel));
  CHECK_THAT(a.c, near(b.c, rel, 1e-12 * std::sqrt(b.m2_a * b.m2_b)));
}

void check_same(const std::vector<std::vector<st::PairMoments>>& a,
                const std::vector<std::vector<st::PairMoments>>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t s = 0; s < a.size(); ++s) {
    REQUIRE(a[s].size() == b[s].size());
    for (std::size_t i = 0; i < a[s].size(); ++i) check_same(a[s][i], b[s][i]);
  }
}

// Co-moments of each scale's items with the mean of the row's answered keyed items (psych's
// total), over the rows where the item is answered, by the two-pass formulas in long double.
std::vector<std::vector<st::PairMoments>> two_pass_answered_mean(
    const st::Layout& layout, const std::vector<std::vector<double>>& rows) {
  std::vector<std::vector<st::PairMoments>> out;
  for (const st::ScaleKey& k : layout.scales) {
    std::vector<st::PairMoments> scale;
    for (std::size_t i = 0; i < k.items.size(); ++i) {
      std::vector<std::vector<double>> xt;
      for (const auto& row : rows) {
        if (std::isnan(row[k.items[i]])) continue;
        double sum = 0;
        int n = 0;
        for (std::size_t j = 0; j < k.items.size(); ++j) {
          const double x = row[k.items[j]];
          if (std::isnan(x)) continue;
          sum += k.reversed[j] != 0 ? layout.min + layout.max - x : x;
          ++n;
        }
        xt.push_back({row[k.items[i]], sum / n});
      }
      scale.push_back(xt.empty() ? st::PairMoments{} : two_pass(xt, 2).pairs[0]);
    }
    out.push_back(std::move(scale));
  }
  return out;
}

}  // namespace

TEST_CASE("merging 4 shards equals one pass", "[stats][property]") {
  const Dataset d = GENERATE(bfi(), synthetic());
  const st::Accumulator one = accumulate(d);
  const std::size_t n = d.table.rows.size();
  // Unequal shards, one of them tiny, merged in a tree.
  const std::size_t cut[] = {0, 7, n / 3, n / 2 + 11, n};
  std::vector<st::Accumulator> shards;
  for (int s = 0; s < 4; ++s) shards.push_back(accumulate(d, cut[s], cut[s + 1]));
  const st::Accumulator merged =
      st::merge(st::merge(shards[0], shards[1]), st::merge(shards[2], shards[3]));
  check_same(merged.all, one.all);
  for (std::size_t s = 0; s < one.listwise.size(); ++s)
    check_same(merged.listwise[s], one.listwise[s]);
  check_same(merged.answered_mean, one.answered_mean);
  CHECK(merged.counts == one.counts);
  const st::Summary a = st::summarise(merged);
  const st::Summary b = st::summarise(one);
  for (std::size_t s = 0; s < a.scales.size(); ++s) {
    CHECK_THAT(a.scales[s].alpha.raw, near(b.scales[s].alpha.raw, 1e-12));
    CHECK_THAT(a.scales[s].score.kurtosis, near(b.scales[s].score.kurtosis, 1e-12));
  }

  SECTION("and survives a round trip through its JSON partial") {
    const st::Accumulator back = securebase::parse_stats_partial_json(
        securebase::to_stats_partial_json(merged), "part.json");
    check_same(back.all, merged.all);  // written with round-trip precision
    check_same(back.answered_mean, merged.answered_mean);
    CHECK(securebase::to_stats_partial_json(back) == securebase::to_stats_partial_json(merged));
  }
}

TEST_CASE("blocks of rows add what two-pass formulas give", "[stats][property]") {
  // 1500 generated rows cross two 512-row block boundaries. The variants reach every path:
  // complete data (a whole block complete on each scale), light and heavy missingness (listwise
  // sums by subtraction and summed directly), and answers off the scale (summed as doubles).
  // Answers 1-5 have their counts taken by comparing columns (up to 16 values); 1-40 one by one.
  const double missing_rate = GENERATE(0.0, 0.02, 0.5);
  const bool off_scale = GENERATE(false, true);
  const int top = GENERATE(5, 40);
  const auto values = static_cast<std::size_t>(top);
  INFO("missing " << missing_rate << (off_scale ? ", with answers off the scale" : "")
                  << ", answers 1-" << top);
  const double high = top;
  st::Layout layout{{"a", "b", "c", "d", "e", "f"},
                    1,
                    top,
                    {{"s", {0, 1, 2}, {0, 1, 0}, 1, high}, {"t", {3, 4, 5}, {0, 0, 1}, 1, high}},
                    std::pair<std::size_t, std::size_t>{0, 1}};
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> answer(1, top);
  std::bernoulli_distribution miss(missing_rate);
  std::bernoulli_distribution odd(0.01);
  std::vector<std::vector<double>> all;  // items then scores
  st::Accumulator one_by_one = st::make_accumulator(layout);
  st::RowBlock block = st::make_block(layout);
  for (int r = 0; r < 1500; ++r) {
    std::vector<double> items(6);
    for (double& x : items) {
      x = answer(rng);
      if (off_scale && odd(rng)) x = x + 0.5;
      if (miss(rng)) x = std::nan("");
    }
    std::vector<double> scores;
    for (const st::ScaleKey& k : layout.scales) {
      double sum = 0;
      int n = 0;
      for (std::size_t i = 0; i < k.items.size(); ++i)
        if (!std::isnan(items[k.items[i]])) {
          sum += k.reversed[i] ? 1 + high - items[k.items[i]] : items[k.items[i]];
          ++n;
        }
      scores.push_back(n >= 2 ? sum / n : std::nan(""));
    }
    st::add_row(one_by_one, items, scores);
    st::append_row(block, items, scores);
    std::vector<double> row = items;
    row.insert(row.end(), scores.begin(), scores.end());
    all.push_back(row);
  }
  st::Accumulator blocked = st::make_accumulator(layout);
  st::add_rows(blocked, block);
  // The same rows in two calls (700 and 800 rows): the second call's scores are shifted by the
  // first call's mean, and each call is merged once.
  st::Accumulator two_calls = st::make_accumulator(layout);
  for (const auto& [from, to] : {std::pair<std::size_t, std::size_t>{0, 700}, {700, 1500}}) {
    st::RowBlock part = st::make_block(layout);
    part.values.assign(block.values.begin() + static_cast<std::ptrdiff_t>(from * 8),
                       block.values.begin() + static_cast<std::ptrdiff_t>(to * 8));
    st::add_rows(two_calls, part);
  }

  check_same(blocked.all, two_pass(all, 8));
  check_same(two_calls.all, two_pass(all, 8));
  check_same(one_by_one.all, two_pass(all, 8));
  const auto answered_mean = two_pass_answered_mean(layout, all);
  check_same(blocked.answered_mean, answered_mean);
  check_same(two_calls.answered_mean, answered_mean);
  check_same(one_by_one.answered_mean, answered_mean);
  for (std::size_t s = 0; s < 2; ++s) {
    // Listwise: the rows complete on the scale, its items then its score.
    std::vector<std::vector<double>> complete;
    const st::ScaleKey& k = layout.scales[s];
    for (const auto& row : all) {
      std::vector<double> sub;
      for (std::size_t i : k.items) sub.push_back(row[i]);
      sub.push_back(row[6 + s]);
      if (std::none_of(sub.begin(), sub.end(), [](double x) { return std::isnan(x); }))
        complete.push_back(sub);
    }
    st::Moments want = two_pass(complete, 4);
    CHECK(blocked.listwise[s].rows == complete.size());
    want.rows = complete.size();
    if (!complete.empty()) {
      check_same(blocked.listwise[s], want);
      check_same(two_calls.listwise[s], want);
      check_same(one_by_one.listwise[s], want);
    }
  }
  // Counts, answers off the scale and the score bins are whole numbers: equal, not near.
  CHECK(blocked.counts == one_by_one.counts);
  CHECK(two_calls.counts == blocked.counts);
  CHECK(two_calls.bins.scale == blocked.bins.scale);
  CHECK(blocked.off_scale == one_by_one.off_scale);
  CHECK(blocked.bins.scale == one_by_one.bins.scale);
  CHECK(blocked.bins.plane == one_by_one.bins.plane);
  std::vector<std::uint64_t> counted(6 * values, 0), off(6, 0);
  std::vector<std::uint64_t> bins(2 * st::ScoreBins::bins, 0);
  std::vector<std::uint64_t> plane(st::ScoreBins::bins * st::ScoreBins::bins, 0);
  for (const auto& row : all) {
    for (std::size_t i = 0; i < 6; ++i) {
      if (std::isnan(row[i])) continue;
      if (row[i] == std::floor(row[i]))
        ++counted[i * values + static_cast<std::size_t>(row[i] - 1)];
      else
        ++off[i];
    }
    for (std::size_t s = 0; s < 2; ++s)
      if (!std::isnan(row[6 + s]))
        ++bins[s * st::ScoreBins::bins + st::score_bin(row[6 + s], 1, high)];
    if (!std::isnan(row[6]) && !std::isnan(row[7]))
      ++plane[st::score_bin(row[6], 1, high) * st::ScoreBins::bins +
              st::score_bin(row[7], 1, high)];
  }
  CHECK(blocked.counts == counted);
  CHECK(blocked.off_scale == off);
  CHECK(blocked.bins.scale == bins);
  CHECK(blocked.bins.plane == plane);
}

TEST_CASE("score bins split the score range into equal bins, edges clamped", "[stats]") {
  // 24 bins over [1, 7]: each 0.25 wide. Hand-computed: 1 -> 0, 1.24 -> 0, 1.25 -> 1,
  // 4 -> 12, 6.99 -> 23, 7 -> 23 (the right edge belongs to the last bin), outside -> edges.
  CHECK(st::score_bin(1, 1, 7) == 0);
  CHECK(st::score_bin(1.24, 1, 7) == 0);
  CHECK(st::score_bin(1.25, 1, 7) == 1);
  CHECK(st::score_bin(4, 1, 7) == 12);
  CHECK(st::score_bin(6.99, 1, 7) == 23);
  CHECK(st::score_bin(7, 1, 7) == 23);
  CHECK(st::score_bin(-3, 1, 7) == 0);
  CHECK(st::score_bin(99, 1, 7) == 23);
  CHECK(st::score_bin(std::nan(""), 1, 7) == 0);
  CHECK(st::score_bin(3, 5, 5) == 0);  // an empty range
}

TEST_CASE("the layout of an instrument gives score ranges and its plane", "[stats]") {
  const securebase::Instrument ecr = securebase::load_embedded_instrument("ecr-r");
  const st::Layout l = st::layout_of(ecr);
  REQUIRE(l.plane.has_value());
  CHECK(l.scales[l.plane->first].id == "anxiety");
  CHECK(l.scales[l.plane->second].id == "avoidance");
  for (const st::ScaleKey& k : l.scales) {  // means on the 1-7 answers
    CHECK(k.lo == 1);
    CHECK(k.hi == 7);
  }
}

TEST_CASE("a scale with fewer than 2 items has no alpha", "[stats]") {
  st::Layout layout{
      {"a", "b"}, 1, 5, {{"one", {0}, {0}, 1, 5}, {"two", {0, 1}, {0, 0}, 1, 5}}, std::nullopt};
  st::Accumulator acc = st::make_accumulator(layout);
  const double rows[][2] = {{1, 2}, {3, 3}, {5, 4}, {2, 2}};
  for (const auto& r : rows) {
    const std::vector<double> items{r[0], r[1]};
    st::add_row(acc, items, std::vector<double>{r[0], (r[0] + r[1]) / 2});
  }
  const st::Summary s = st::summarise(acc);
  CHECK(s.scales[0].alpha.status == st::StatStatus::too_few_items);
  CHECK(std::isnan(s.scales[0].alpha.raw));
  // Two items: alpha exists, alpha if an item is dropped does not (psych reports a ratio here).
  CHECK(s.scales[1].alpha.status == st::StatStatus::ok);
  CHECK(s.scales[1].items[0].if_dropped.status == st::StatStatus::too_few_items);
}

TEST_CASE("an all-missing item and a zero-variance item give a status, not a silent NaN",
          "[stats]") {
  const double nan = std::nan("");
  st::Layout layout{{"a", "b", "c"},
                    1,
                    5,
                    {{"missing", {0, 1}, {0, 0}, 1, 5}, {"flat", {0, 2}, {0, 0}, 1, 5}},
                    std::nullopt};
  st::Accumulator acc = st::make_accumulator(layout);
  const double a[] = {1, 2, 4, 5};
  for (double x : a)
    st::add_row(acc, std::vector<double>{x, nan, 3}, std::vector<double>{x, (x + 3) / 2});
  const st::Summary s = st::summarise(acc);
  CHECK(s.scales[0].alpha.status == st::StatStatus::item_all_missing);
  CHECK(s.scales[0].items[1].status == st::StatStatus::too_few_cases);
  CHECK(s.scales[1].alpha.status == st::StatStatus::no_variance);
  CHECK(s.scales[1].items[1].status == st::StatStatus::no_variance);
  CHECK(st::to_string(st::StatStatus::no_variance) == "no_variance");
  // source: hand computation, scale "flat" scores (x + 3) / 2 = 2, 2.5, 3.5, 4: mean 3
  CHECK_THAT(s.scales[1].score.mean, near(3.0));
  const st::Describe empty = st::describe(st::Univariate{});
  CHECK(empty.status == st::StatStatus::too_few_cases);
}

TEST_CASE("F quantiles match R's qf", "[stats]") {
  // source: R 4.x, sprintf("%.17g", qf(0.975, 9, 36)) and qf(0.025, 2799, 11196)
  CHECK_THAT(st::f_quantile(0.975, 9, 36), near(2.4922445088916092, 1e-12));
  CHECK_THAT(st::f_quantile(0.025, 2799, 11196), near(0.94260605207346693, 1e-12));
  CHECK(std::isnan(st::f_quantile(1.5, 9, 36)));
}

TEST_CASE("bad statistics partials are rejected with a code and a location", "[stats]") {
  using securebase::test::check_error;
  const auto e1 =
      securebase::test::thrown([] { (void)securebase::parse_stats_partial_json("{", "p.json"); });
  REQUIRE(e1);
  CHECK(e1->code() == ErrorCode::stats_partial_syntax);
  check_error([] { (void)securebase::parse_stats_partial_json(R"({"format": "x"})", "p.json"); },
              ErrorCode::stats_partial_schema,
              "[securebase.stats.1002] p.json: /format: the value is \"x\", but must be "
              "\"securebase-stats-partial\"; this file is not a statistics partial written by "
              "securebase (--stats-partial), or it was edited");
  check_error(
      [] {
        (void)securebase::parse_stats_partial_json(
            R"({"format": "securebase-stats-partial", "version": 1})", "p.json");
      },
      ErrorCode::stats_partial_version,
      "[securebase.stats.1003] p.json: /version: the partial has version 1, but this "
      "securebase reads version 3; write the partials again with the same securebase "
      "version that merges them");
  // Version 2 partials had no co-moments with the answered-items mean, so psych's raw.r cannot
  // come from them: they are refused, and so is a version 3 partial without them.
  const st::Accumulator small = st::make_accumulator(
      st::Layout{{"a", "b"}, 1, 5, {{"s", {0, 1}, {0, 1}, 1, 5}}, std::nullopt});
  nlohmann::json old = nlohmann::json::parse(securebase::to_stats_partial_json(small));
  old["version"] = 2;
  check_error([&] { (void)securebase::parse_stats_partial_json(old.dump(), "p.json"); },
              ErrorCode::stats_partial_version,
              "[securebase.stats.1003] p.json: /version: the partial has version 2, but this "
              "securebase reads version 3; write the partials again with the same securebase "
              "version that merges them");
  nlohmann::json cut = nlohmann::json::parse(securebase::to_stats_partial_json(small));
  cut.erase("answered_mean");
  check_error([&] { (void)securebase::parse_stats_partial_json(cut.dump(), "p.json"); },
              ErrorCode::stats_partial_schema,
              "[securebase.stats.1002] p.json: /answered_mean: the member is missing; this file is "
              "not a statistics partial written by securebase (--stats-partial), or it was edited");
  st::Accumulator a = st::make_accumulator(st::Layout{{"a", "b"}, 1, 5, {}, std::nullopt});
  st::Accumulator b = st::make_accumulator(st::Layout{{"a", "c"}, 1, 5, {}, std::nullopt});
  check_error([&] { (void)st::merge(a, b); }, ErrorCode::stats_incomparable,
              "[securebase.stats.1004] statistics partials: two partials cannot be merged "
              "because their items differ; merge only partials written for the same instrument "
              "and key");
}

TEST_CASE("omega total of a one-factor matrix and its unhappy paths", "[stats]") {
  // Compound symmetry with r = 0.36 is fitted exactly by loadings of 0.6.
  // source: hand computation, omega = 1 - 4 * (1 - 0.36) / (4 + 12 * 0.36) = 5.76 / 8.32
  st::SquareMatrix r{4, {}};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) r.values.push_back(i == j ? 1 : 0.36);
  const st::Omega o = st::omega_total(r);
  REQUIRE(o.status == st::StatStatus::ok);
  CHECK_THAT(o.total, near(5.76 / 8.32, 1e-10));  // iterative fit stopped at 1e-12 change
  CHECK_THAT(o.loadings[3], near(0.6, 1e-10));
  // One item: no model.
  CHECK(st::omega_total(st::SquareMatrix{1, {1.0}}).status == st::StatStatus::too_few_items);
  // A Heywood case: one factor needs loading^2 = 0.9 * 0.9 / 0.5 = 1.62 > 1 for item 1.
  const st::SquareMatrix heywood{3, {1, 0.9, 0.9, 0.9, 1, 0.5, 0.9, 0.5, 1}};
  const st::Omega h = st::omega_total(heywood);
  CHECK(h.status == st::StatStatus::not_converged);
  CHECK(std::isnan(h.total));
}

TEST_CASE("standardised alpha is Spearman-Brown of the average r", "[stats][property]") {
  const Dataset d = GENERATE(bfi(), synthetic());
  for (const st::ScaleStats& s : st::summarise(accumulate(d)).scales) {
    const double k = static_cast<double>(s.items.size());
    const double r = s.alpha.average_r;
    // source: identity, alpha_std = k r / (1 + (k - 1) r)
    CHECK_THAT(s.alpha.standardised, near(k * r / (1 + (k - 1) * r), 1e-12));
  }
}
