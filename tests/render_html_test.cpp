// Tests of securebase/render/html.hpp: one self-contained page, blocks in order with the
// disclaimer first, escaping, the plane drawing's geometry, and snapshots of whole reports.
//
// Snapshots: the reports of four answer sets (examples/answers/settled.txt, worried.txt,
// torn.txt on securebase-core; examples/answers/ecr-5-example.json on ecr-5 with the osp-2018
// norms) are compared byte for byte with tests/data/snapshots/html/*.html, with the library
// version in "securebase X.Y.Z" replaced by @VERSION@ so that a release alone does not change
// them (instrument versions, which may be equal to it, are kept). After an
// intended change to the renderer, the feedback wording or those answers, rewrite them with
//   SECUREBASE_UPDATE_SNAPSHOTS=1 ./securebase_tests "[snapshot]"
// then look at the diff (and at the page in a browser) before committing.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/feedback.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/feedback_text.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "securebase/render/html.hpp"
#include "securebase/version.hpp"
#include "support/paths.hpp"
#include "support/plane_instrument.hpp"

using securebase::Feedback;
using securebase::Instrument;
using securebase::Profile;

namespace {

struct Report {
  Profile profile;
  Feedback feedback;
  std::string html;
};

// The report of one answer set, built the way `securebase score --format html` builds it:
// English feedback with the instrument's English response labels.
Report report_of(const Instrument& in, std::string_view answers,
                 const securebase::ScoreOptions& options = {}) {
  const auto scores =
      securebase::score(in, securebase::parse_answers(in, answers, "answers"), options);
  Report r;
  r.profile = securebase::build_profile(in, scores);
  securebase::FeedbackOptions fo;
  if (auto text = securebase::embedded_instrument_text(in, "en")) {
    fo.labels = text->labels;
    fo.instrument_name = text->display_name;
  }
  r.feedback = securebase::make_feedback(in, scores, r.profile,
                                         securebase::embedded_feedback_text("en"), fo);
  r.html = securebase::render_html(r.feedback, r.profile);
  return r;
}

std::string example_answers(const std::string& name) {
  return securebase::read_file(std::filesystem::path(SECUREBASE_SOURCE_DIR) / "examples" /
                               "answers" / name);
}

Report core_report(const std::string& answers_file) {
  return report_of(securebase::load_embedded_instrument("securebase-core"),
                   example_answers(answers_file));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

Instrument plane_instrument(int anxiety_direction = 1) {
  nlohmann::json doc = securebase::test::plane_doc(2);
  doc["plane"]["anxiety"]["direction"] = anxiety_direction;
  return securebase::parse_instrument(doc.dump(), "test.json");
}

}  // namespace

TEST_CASE("an HTML report is one self-contained HTML5 document", "[render_html]") {
  const Report r = core_report("settled.txt");
  const std::string& h = r.html;
  CHECK(h.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n", 0) == 0);
  CHECK(contains(h, "<meta charset=\"utf-8\">"));
  CHECK(contains(h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
  CHECK(contains(h, "<title>" + r.feedback.labels.at("report_title") + "</title>"));
  CHECK(contains(h, "<style>"));
  CHECK(contains(h, "@media print"));
  CHECK(h.size() >= 8);
  CHECK(h.substr(h.size() - 8) == "</html>\n");
  // Nothing runs and nothing is fetched: no script, no address, no external resource.
  const std::string l = lower(h);
  for (const char* banned :
       {"<script", "http://", "https://", "src=", "@import", "url(", "<link", "<img", "<iframe",
        "<object", "<embed", "onload=", "onclick=", "javascript:", "href="}) {
    INFO(banned);
    CHECK_FALSE(contains(l, banned));
  }
}

TEST_CASE("the page language is the feedback's", "[render_html]") {
  Feedback f;
  f.language = "es";
  CHECK(securebase::render_html(f, Profile{}).rfind("<!DOCTYPE html>\n<html lang=\"es\">", 0) == 0);
}

TEST_CASE("every block is a section with its id and title, in the feedback's order",
          "[render_html]") {
  const Report r = core_report("worried.txt");
  std::size_t previous = 0;
  for (const auto& b : r.feedback.blocks) {
    INFO(b.id);
    const std::size_t at = r.html.find("id=\"block-" + b.id + "\"");
    REQUIRE(at != std::string::npos);
    CHECK(at > previous);
    previous = at;
    CHECK(contains(r.html, "<h2 id=\"title-" + b.id + "\">"));
    // every paragraph is there (these contain no character that needs escaping but ' and ")
    for (const std::string& p : b.paragraphs) {
      if (p.find_first_of("'\"<>&") == std::string::npos) CHECK(contains(r.html, "<p>" + p));
    }
  }
  // securebase-core has all of these blocks (make_feedback's order)
  for (const char* id : {"disclaimer", "help", "summary", "dimension.anxiety",
                         "dimension.avoidance", "plane", "secure_base", "growth", "about"}) {
    CHECK(contains(r.html, "id=\"block-" + std::string(id) + "\""));
  }
}

TEST_CASE("the disclaimer and help come first, set apart, before any score", "[render_html]") {
  const Report r = core_report("torn.txt");
  const std::string& h = r.html;
  const std::size_t disclaimer = h.find("<section class=\"block note\" id=\"block-disclaimer\"");
  const std::size_t help = h.find("<section class=\"block note\" id=\"block-help\"");
  REQUIRE(disclaimer != std::string::npos);
  REQUIRE(help != std::string::npos);
  CHECK(disclaimer < help);
  const std::size_t first_section = h.find("<section");
  CHECK(first_section == disclaimer);
  // the first score is in the summary, the first numbers table or the drawing
  CHECK(help < h.find("id=\"block-summary\""));
  CHECK(help < h.find("<details>"));
  CHECK(help < h.find("<svg class=\"plane\""));
  CHECK(help < h.find("<ul class=\"facets\">"));
}

TEST_CASE("each block's numbers are in a details table, labelled, as the text gives them",
          "[render_html]") {
  const Report r = core_report("settled.txt");
  const std::string summary = "<summary>" + r.feedback.labels.at("numbers") + "</summary>";
  CHECK(contains(r.html, "<details>\n" + summary + "\n<table>\n"));
  // source: hand computation, settled.txt's anxiety items scored (reverse-keyed ones as 8 - x)
  // 2+2+3+1+2+2+3+2+1+2+2+3 = 25, 25 / 12 = 2.083333 -> 2.08, as the paragraph says it
  CHECK(contains(r.html, "<tr><th scope=\"row\">Score</th><td>2.08</td></tr>"));
  CHECK(contains(r.html, "Your score is 2.08 on a scale"));
  // the scale's range, 1 to 7, as whole numbers (as in "runs from 1 to 7")
  CHECK(contains(r.html, "<tr><th scope=\"row\">Highest possible score</th><td>7</td></tr>"));
  CHECK(contains(r.html, "<tr><th scope=\"row\">Statements answered</th><td>36</td></tr>"));
  // no internal key is shown as a label
  CHECK_FALSE(contains(r.html, "<code>"));
  // the summary's chance is the table's: the same words for the same number
  const auto* s = r.feedback.find("summary");
  REQUIRE(s != nullptr);
  for (const auto& n : s->numbers) {
    if (n.id.rfind("p_", 0) != 0) continue;
    INFO(n.id << " " << n.shown);
    const std::string pct = n.shown.substr(0, n.shown.size() - 1);  // without the "%"
    bool in_text = false;
    for (const auto& p : s->paragraphs) in_text = in_text || contains(p, pct + "%");
    CHECK(in_text);
  }
  // one table per block with numbers, none for the others
  std::size_t with_numbers = 0;
  for (const auto& b : r.feedback.blocks)
    if (!b.numbers.empty()) ++with_numbers;
  std::size_t tables = 0;
  for (std::size_t at = r.html.find("<details>"); at != std::string::npos;
       at = r.html.find("<details>", at + 1)) {
    ++tables;
  }
  CHECK(tables == with_numbers);
}

TEST_CASE("all text is HTML-escaped", "[render_html]") {
  Feedback f;
  f.language = "en\"><x";
  f.labels["report_title"] = "R&D <report>";
  f.labels["numbers"] = "n<u>m";
  f.blocks.push_back({"odd\"id",
                      "<b>Tom & \"Jerry\"</b>",
                      {"a < b > c & 'd'"},
                      {{"x<y>", 0.5, "l<a>bel", "0<5"}, {"u&v", 0.25, "", ""}}});
  const std::string h = securebase::render_html(f, Profile{});
  CHECK(contains(h, "<html lang=\"en&quot;&gt;&lt;x\">"));
  CHECK(contains(h, "<title>R&amp;D &lt;report&gt;</title>"));
  CHECK(contains(h, "<h1>R&amp;D &lt;report&gt;</h1>"));
  CHECK(contains(h, "id=\"block-odd&quot;id\""));
  CHECK(contains(h, ">&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</h2>"));
  CHECK(contains(h, "<p>a &lt; b &gt; c &amp; &#39;d&#39;</p>"));
  CHECK(contains(h, "<summary>n&lt;u&gt;m</summary>"));
  CHECK(contains(h, "<th scope=\"row\">l&lt;a&gt;bel</th><td>0&lt;5</td>"));
  // without a label and a shown text: the id and four decimals
  CHECK(contains(h, "<th scope=\"row\"><code>u&amp;v</code></th><td>0.2500</td>"));
  CHECK_FALSE(contains(h, "<b>"));
  CHECK_FALSE(contains(h, "<x"));
  CHECK_FALSE(contains(h, "<u>"));
}

TEST_CASE("the point and its whiskers lie at the hand-computed coordinates", "[render_html]") {
  // Geometry (lib/render/html.cpp, Frame): the plot is a 300-unit square whose top left corner
  // is at (74, 14); x = 74 + 300 f(avoidance), y = 14 + 300 (1 - f(anxiety)), where f is the
  // fraction of the range (here 1 to 5) below the value.
  // Answers: anxiety (4 + 3) / 2 = 3.5, f = 2.5 / 4 = 0.625, y = 14 + 300 x 0.375 = 126.5;
  // avoidance (2 + 3) / 2 = 2.5, f = 1.5 / 4 = 0.375, x = 74 + 112.5 = 186.5.
  const Report r = report_of(plane_instrument(), "a1=4 a2=3 v1=2 v2=3");
  CHECK(contains(r.html, "<circle class=\"point\" cx=\"186.50\" cy=\"126.50\" r=\"7\"/>"));
  // boundaries at the midpoint 3, f = 0.5: x = 74 + 150 = 224, y = 14 + 150 = 164
  CHECK(contains(
      r.html, "<line class=\"boundary\" x1=\"224.00\" y1=\"14.00\" x2=\"224.00\" y2=\"314.00\"/>"));
  CHECK(contains(
      r.html, "<line class=\"boundary\" x1=\"74.00\" y1=\"164.00\" x2=\"374.00\" y2=\"164.00\"/>"));
  // SEM = 1 x sqrt(1 - .75) = 0.5, half-width 1.959964 x 0.5 = 0.979982.
  // avoidance 2.5 +- 0.979982 = [1.520018, 3.479982]: f = 0.1300045 and 0.6199955,
  // x = 74 + 39.00135 = 113.00 and 74 + 185.99865 = 260.00, at the point's y
  CHECK(contains(
      r.html, "<line class=\"whisker\" x1=\"113.00\" y1=\"126.50\" x2=\"260.00\" y2=\"126.50\"/>"));
  // anxiety 3.5 +- 0.979982 = [2.520018, 4.479982]: f = 0.3800045 and 0.8699955,
  // y = 14 + 185.99865 = 200.00 and 14 + 39.00135 = 53.00, at the point's x
  CHECK(contains(
      r.html, "<line class=\"whisker\" x1=\"186.50\" y1=\"200.00\" x2=\"186.50\" y2=\"53.00\"/>"));
  // the drawing has its caption as title and label, and a text caption
  const std::string caption = r.feedback.labels.at("plane_caption");
  CHECK(contains(r.html, "aria-label=\"" + caption + "\">\n<title>" + caption + "</title>"));
  CHECK(contains(r.html, "<figcaption>" + caption + "</figcaption>"));
}

TEST_CASE("a direction -1 axis is flipped so that more is still up", "[render_html]") {
  // As above, but a high anxiety score means less anxiety: f = 1 - 0.625 = 0.375,
  // y = 14 + 300 x 0.625 = 201.5; avoidance unchanged, x = 186.5.
  const Report r = report_of(plane_instrument(-1), "a1=4 a2=3 v1=2 v2=3");
  CHECK(r.profile.plane->anxiety.direction == -1);
  CHECK(contains(r.html, "<circle class=\"point\" cx=\"186.50\" cy=\"201.50\" r=\"7\"/>"));
  // the interval [2.520018, 4.479982] flips too: f = 0.6199955 and 0.1300045,
  // y = 14 + 300 x 0.3800045 = 128.00 and 14 + 300 x 0.8699955 = 275.00
  CHECK(contains(
      r.html, "<line class=\"whisker\" x1=\"186.50\" y1=\"128.00\" x2=\"186.50\" y2=\"275.00\"/>"));
  // the score ticks run downwards: 5 (least anxiety) at the bottom, 1 at the top
  CHECK(contains(
      r.html, "<text class=\"tick-label\" x=\"65.00\" y=\"318.00\" text-anchor=\"end\">5</text>"));
  CHECK(contains(
      r.html, "<text class=\"tick-label\" x=\"65.00\" y=\"18.00\" text-anchor=\"end\">1</text>"));
  // the regions keep their corners: preoccupied (more anxiety, less avoidance) top left
  CHECK(contains(r.html, "<text class=\"region\" x=\"84.00\" y=\"34.00\" text-anchor=\"start\">" +
                             r.feedback.labels.at("region.preoccupied") + "</text>"));
  CHECK(contains(r.html, "<text class=\"region\" x=\"84.00\" y=\"302.00\" text-anchor=\"start\">" +
                             r.feedback.labels.at("region.secure") + "</text>"));
}

TEST_CASE("region names move off the point and its whiskers", "[render_html]") {
  // worried.txt: anxiety 71 / 12 = 5.92 and avoidance 28 / 12 = 2.33 on 1 to 7 (hand sums of the
  // scored items) put the point and its whiskers in the top left corner, where "preoccupied"
  // would go (x 84, y 34). It moves down its quadrant to just above the anxiety line at 4:
  // y = 14 + 300 x 0.5 - 10 = 154.
  const Report r = core_report("worried.txt");
  const std::string name = r.feedback.labels.at("region.preoccupied");
  CHECK_FALSE(contains(r.html, "y=\"34.00\" text-anchor=\"start\">" + name + "<"));
  CHECK(contains(r.html, "<text class=\"region\" x=\"84.00\" y=\"154.00\" text-anchor=\"start\">" +
                             name + "</text>"));
  // the other three keep their outer corners
  CHECK(contains(r.html, "<text class=\"region\" x=\"364.00\" y=\"34.00\" text-anchor=\"end\">" +
                             r.feedback.labels.at("region.fearful") + "</text>"));
}

TEST_CASE("no drawing when the person could not be placed on the plane", "[render_html]") {
  // avoidance needs both of its items: with one it is not scored
  const Report r = report_of(plane_instrument(), "a1=4 a2=3 v1=2");
  REQUIRE(r.profile.plane.has_value());
  CHECK_FALSE(r.profile.plane->scored());
  CHECK(contains(r.html, "id=\"block-plane\""));
  CHECK_FALSE(contains(r.html, "<svg class=\"plane\""));
  CHECK_FALSE(contains(r.html, "<figure"));
}

TEST_CASE("the secure-base facets are drawn as bars from the block's numbers", "[render_html]") {
  const Report r = core_report("settled.txt");
  // source: hand computation from settled.txt, repair items 6 and 7 -> 6.5 on 1 to 7:
  // (6.5 - 1) / 6 x 400 = 366.67 of the 400-unit bar; the middle, 4, at 200
  CHECK(contains(r.html, "<li id=\"facet-sb_repair\">"));
  CHECK(contains(r.html, "<rect class=\"bar-fill\" x=\"0\" y=\"2\" width=\"366.67\""));
  CHECK(contains(r.html, "<line class=\"bar-mid\" x1=\"200.00\""));
  // highest first, as in the profile: repair (6.5) before distress (5.0)
  CHECK(r.html.find("facet-sb_repair") < r.html.find("facet-sb_distress"));
  // the provisional inventory is tagged under the title
  CHECK(r.profile.provisional);
  CHECK(contains(r.html, "<p class=\"tag\">" + r.feedback.labels.at("provisional") + "</p>"));
}

TEST_CASE("reports match their snapshots", "[render_html][snapshot]") {
  struct Case {
    const char* snapshot;
    const char* instrument;
    const char* answers;
    const char* norms;
  };
  const std::vector<Case> cases = {
      {"securebase-core-settled", "securebase-core", "settled.txt", ""},
      {"securebase-core-worried", "securebase-core", "worried.txt", ""},
      {"securebase-core-torn", "securebase-core", "torn.txt", ""},
      {"ecr-5-osp-2018", "ecr-5", "ecr-5-example.json", "osp-2018"},
  };
  const char* update_env = std::getenv("SECUREBASE_UPDATE_SNAPSHOTS");
  const bool update = update_env != nullptr && std::string_view(update_env) == "1";
  const std::filesystem::path dir =
      std::filesystem::path(SECUREBASE_TEST_DATA) / "snapshots" / "html";
  const std::string version = "securebase " + std::string(securebase::library_version());
  for (const Case& c : cases) {
    INFO(c.snapshot);
    securebase::ScoreOptions options;
    options.norm_set = c.norms;
    std::string html = report_of(securebase::load_embedded_instrument(c.instrument),
                                 example_answers(c.answers), options)
                           .html;
    for (std::size_t at = html.find(version); at != std::string::npos;
         at = html.find(version, at)) {
      html.replace(at, version.size(), "securebase @VERSION@");
    }
    const std::filesystem::path file = dir / (std::string(c.snapshot) + ".html");
    if (update) {
      std::filesystem::create_directories(dir);
      securebase::write_file_atomic(file, html);
      WARN("rewrote " << file.string());
      continue;
    }
    const std::string expected = securebase::read_file(file);
    if (expected == html) {
      SUCCEED();
      continue;
    }
    // Name the first line that differs rather than printing two whole pages.
    std::size_t line = 1;
    std::size_t i = 0;
    while (i < expected.size() && i < html.size() && expected[i] == html[i]) {
      if (expected[i] == '\n') ++line;
      ++i;
    }
    const auto line_at = [i](const std::string& s) {
      const std::size_t start = s.rfind('\n', i == 0 ? 0 : i - 1);
      const std::size_t from = start == std::string::npos ? 0 : start + 1;
      return s.substr(from, s.find('\n', from) - from);
    };
    FAIL_CHECK(file.string() << " differs at line " << line << "\n  expected: " << line_at(expected)
                             << "\n  actual:   " << line_at(html)
                             << "\n(SECUREBASE_UPDATE_SNAPSHOTS=1 rewrites the snapshots)");
  }
}
