// Tests of include/securebase/render/stats_html.hpp: the statistics page is one self-contained
// document (no script, no URL), escapes every text, marks every item a warning names, replaces a
// figure without data by a sentence, and matches its snapshot byte for byte
// (tests/data/snapshots/stats_html/*.html). After a deliberate change of the page, rewrite the
// snapshots with
//   SECUREBASE_UPDATE_SNAPSHOTS=1 ./securebase_tests "[render_stats_html]"
// and review `git diff tests/data/snapshots/stats_html` before committing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "securebase/render/stats_html.hpp"
#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/checks.hpp"
#include "securebase/stats/summary.hpp"
#include "support/snapshot.hpp"

namespace st = securebase::stats;
using securebase::render_stats_html;
using securebase::StatsPage;

namespace {

// Two 3-item scales on a 1..7 answer range, the first two read as the plane (anxiety first).
st::Layout two_scales() {
  st::Layout l;
  l.items = {"a1", "a2", "a3", "v1", "v2", "v3"};
  l.min = 1;
  l.max = 7;
  l.scales.push_back({"anxiety", {0, 1, 2}, {0, 0, 1}, 1, 7});
  l.scales.push_back({"avoidance", {3, 4, 5}, {0, 1, 0}, 1, 7});
  l.plane = std::make_pair(std::size_t{0}, std::size_t{1});
  return l;
}

// 60 respondents from a fixed integer recipe (no random numbers).
st::Accumulator sample() {
  st::Accumulator acc = st::make_accumulator(two_scales());
  for (int r = 0; r < 60; ++r) {
    const double a = 1 + (r * 5 + r / 4) % 7;
    const double b = 1 + (r * 3 + r / 7) % 7;
    const std::vector<double> items{
        a,     std::min(7.0, a + (r % 4)), std::clamp(8 - a + (r % 5) - 2, 1.0, 7.0), b,
        8 - b, std::max(1.0, b - (r % 3))};
    const double anx = (items[0] + items[1] + (8 - items[2])) / 3;
    const double avo = (items[3] + (8 - items[4]) + items[5]) / 3;
    const std::vector<double> scores{anx, avo};
    st::add_row(acc, items, scores);
  }
  // Bins set by hand: the renderer draws whatever the accumulator holds.
  acc.bins.scale.assign(2 * st::ScoreBins::bins, 0);
  acc.bins.plane.assign(st::ScoreBins::bins * st::ScoreBins::bins, 0);
  for (std::size_t b = 0; b < st::ScoreBins::bins; ++b) {
    acc.bins.scale[b] = b % 5;
    acc.bins.scale[st::ScoreBins::bins + b] = (b * 3) % 7;
    acc.bins.plane[b * st::ScoreBins::bins + (23 - b)] = b + 1;
  }
  return acc;
}

st::CheckWarning item_warning(const std::string& scale, const std::string& item) {
  return {"negative_item_total",
          scale,
          item,
          {{"corrected_r", -0.25}},
          "item " + item + " correlates -0.250 with the rest; check its key"};
}

StatsPage page_of(const st::Accumulator& acc) {
  StatsPage page;
  page.instrument = "two";
  page.title = "Two scales";
  page.summary = st::summarise(acc);
  page.layout = acc.layout;
  page.bins = acc.bins;
  page.checked = true;
  page.warnings = {item_warning("anxiety", "a3"),
                   item_warning("avoidance", "v2"),
                   {"alpha_below_published",
                    "avoidance",
                    "",
                    {{"upper", 0.5}, {"published", 0.9}},
                    "alpha of avoidance is far below the published 0.90"}};
  st::PublishedComparison p;
  p.scale = "anxiety";
  p.score = page.summary.scales[0].score;
  p.alpha = page.summary.scales[0].alpha;
  p.reliability = securebase::Reliability{0.9, std::nullopt, "Author (2000)", false};
  p.norms.push_back({"set-1", "Author (2000)", 400, 3.5, 1.1, 0.91, 0.25, 0.9});
  page.published = {p};
  return page;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the statistics page matches its snapshot", "[render_stats_html][snapshot]") {
  const st::Accumulator acc = sample();
  securebase::test::check_snapshot("stats_html/two-scales.html", render_stats_html(page_of(acc)));
  StatsPage bare = page_of(acc);
  bare.bins = {};
  bare.checked = false;
  bare.warnings.clear();
  bare.published.clear();
  bare.instrument.clear();
  bare.title.clear();
  securebase::test::check_snapshot("stats_html/no-bins-no-checks.html", render_stats_html(bare));
}

TEST_CASE("the statistics page is self-contained", "[render_stats_html]") {
  const std::string h = render_stats_html(page_of(sample()));
  CHECK(h.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", 0) == 0);
  CHECK(h.substr(h.size() - 8) == "</html>\n");
  CHECK_FALSE(has(h, "<script"));
  CHECK_FALSE(has(h, "http"));
  CHECK_FALSE(has(h, "url("));
  CHECK_FALSE(has(h, "<img"));
  CHECK_FALSE(has(h, "<link"));
  // A histogram per scale and the binned scatter, as inline SVG.
  CHECK(occurrences(h, "<svg class=\"hist\"") == 2);
  CHECK(occurrences(h, "<svg class=\"grid\"") == 1);
  // The sections in order, and the footer.
  const std::size_t scales = h.find("<h2>Scales</h2>");
  const std::size_t plane = h.find("<h2>anxiety by avoidance</h2>");
  const std::size_t detail = h.find("<h2>Scales in detail</h2>");
  const std::size_t checks = h.find("<h2>Checks</h2>");
  const std::size_t published = h.find("<h2>Sample beside published values</h2>");
  CHECK(scales < plane);
  CHECK(plane < detail);
  CHECK(detail < checks);
  CHECK(checks < published);
  CHECK(published != std::string::npos);
  CHECK(has(h, "not feedback about any person and not a diagnosis"));
}

TEST_CASE("every item a warning names is marked in its item table", "[render_stats_html]") {
  const std::string h = render_stats_html(page_of(sample()));
  // Exactly the two warned items have the row class and a visible marker beside their id.
  CHECK(occurrences(h, "<tr class=\"warn\">") == 2);
  CHECK(has(h, "<tr class=\"warn\"><td>a3</td>"));
  CHECK(has(h, "<tr class=\"warn\"><td>v2</td>"));
  CHECK(occurrences(h, "<span class=\"marker\">&#9888; negative_item_total</span></td></tr>") == 2);
  CHECK_FALSE(has(h, "<tr class=\"warn\"><td>a1</td>"));
  // The scale-level warning is shown in its scale's section and in the list.
  CHECK(has(h, "<p class=\"warn\"><span class=\"marker\">&#9888; alpha_below_published:</span>"));
  CHECK(occurrences(h, "<li class=\"warn\">") == 3);
}

TEST_CASE("the statistics page escapes every text", "[render_stats_html]") {
  StatsPage page = page_of(sample());
  page.title = "<b>\"Q&A\"</b>";
  page.instrument = "x'y";
  page.warnings.front().message = "<script>alert(1)</script>";
  page.published.front().norms.front().citation = "A & B <2001>";
  const std::string h = render_stats_html(page);
  CHECK(has(h, "<h1>Sample statistics of &lt;b&gt;&quot;Q&amp;A&quot;&lt;/b&gt;</h1>"));
  CHECK(has(h, "<code>x&#39;y</code>"));
  CHECK(has(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(has(h, "norms set-1: A &amp; B &lt;2001&gt;"));
  CHECK_FALSE(has(h, "<script"));
  CHECK_FALSE(has(h, "<b>"));
}

TEST_CASE("the statistics page says why a figure or a section is missing", "[render_stats_html]") {
  StatsPage page = page_of(sample());
  page.bins = {};
  page.checked = false;
  std::string h = render_stats_html(page);
  CHECK_FALSE(has(h, "<svg"));
  CHECK(occurrences(h, "No score distribution was recorded for this scale") == 2);
  CHECK(has(h, "No joint distribution of the two scores was recorded"));
  CHECK(has(h, "The checks did not run: they need the instrument"));
  CHECK(has(h, "<dt>checks</dt><dd>not run</dd>"));
  // Without a plane there is no binned-scatter section at all.
  page.layout.plane.reset();
  h = render_stats_html(page);
  CHECK_FALSE(has(h, "by avoidance</h2>"));
  // Checked with no warning.
  page.checked = true;
  page.warnings.clear();
  page.published.clear();
  h = render_stats_html(page);
  CHECK(has(h, "<p>No check found a problem.</p>"));
  CHECK(has(h, "<p>No scale has published values.</p>"));
  CHECK(has(h, "<dt>checks</dt><dd>no warning</dd>"));
  CHECK_FALSE(has(h, "class=\"warn\""));
}
