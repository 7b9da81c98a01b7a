// Tests of securebase/feedback.hpp: blocks for every instrument and region in every language,
// the banned-phrasing scan, language-file parity, number formatting and the unhappy paths.
// The text, JSON and HTML snapshots of every instrument and region are here too.
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "securebase/core/error.hpp"
#include "securebase/core/feedback.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/feedback_text.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/html.hpp"
#include "securebase/render/terminal.hpp"
#include "support/errors.hpp"
#include "support/snapshot.hpp"

using securebase::ErrorCode;
using securebase::Feedback;
using securebase::FeedbackText;
using securebase::Instrument;
using securebase::Region;

namespace {

// How strongly an item pulls a plane axis up: +1 per key on the axis scale (or a component of
// it) weighted by sign, reversed keys pulling down, times the axis direction.
double pull(const Instrument& in, const securebase::Item& item, const securebase::PlaneAxis& axis) {
  double p = 0;
  const auto& axis_scale = in.scales()[axis.scale];
  for (const auto& key : item.keys) {
    const bool on_axis = key.scale == axis.scale ||
                         std::find(axis_scale.components.begin(), axis_scale.components.end(),
                                   key.scale) != axis_scale.components.end();
    if (!on_axis) continue;
    p += (key.weight > 0 ? 1 : -1) * (key.reversed ? -1 : 1);
  }
  return p * axis.direction;
}

// Answers that put the point in `region`: each item at the end of the scale its pulls favour.
securebase::Responses answers_for(const Instrument& in, Region region) {
  const double t_anx = (region == Region::preoccupied || region == Region::fearful) ? 1 : -1;
  const double t_avo = (region == Region::dismissing || region == Region::fearful) ? 1 : -1;
  auto r = securebase::empty_responses(in);
  const double lo = in.response_scale().min;
  const double hi = in.response_scale().max;
  for (std::size_t i = 0; i < in.items().size(); ++i) {
    const double want = pull(in, in.items()[i], in.plane()->anxiety) * t_anx +
                        pull(in, in.items()[i], in.plane()->avoidance) * t_avo;
    // Not quite the ends, so that intervals stay inside the range and texts vary.
    r.values[i] = want > 0 ? hi - 1 : want < 0 ? lo + 1 : std::round((lo + hi) / 2);
  }
  return r;
}

// Phrasings feedback must never use, in any language (case-insensitive).
const std::vector<std::regex>& banned() {
  static const std::vector<std::regex> patterns = [] {
    std::vector<std::regex> out;
    for (const char* p :
         {"disorder", "diagnosis of", "diagnosed with",
          "you are (a |an )?(securely |insecurely )?"
          "(secure|insecure|anxious|avoidant|preoccupied|dismissing|fearful)",
          "your (attachment )?style is",
          "you have an? (anxious|avoidant|insecure|fearful|"
          "dismissing|preoccupied)",
          "trastorno", "diagn[oó]stico de",
          "eres (una persona )?(segur|insegur|ansios|evitativ|evitante|preocupad|desde[nñ]os|"
          "temeros|distante)",
          "tu estilo (de apego )?es", "padeces"}) {
      out.emplace_back(p, std::regex::icase | std::regex::ECMAScript);
    }
    return out;
  }();
  return patterns;
}

// The banned pattern found in `text`, or "".
std::string banned_in(const std::string& text) {
  for (std::size_t i = 0; i < banned().size(); ++i) {
    if (std::regex_search(text, banned()[i])) return text;
  }
  return {};
}

std::multiset<std::string> placeholders(const std::string& s) {
  std::multiset<std::string> out;
  static const std::regex re("\\{([a-z_]+)\\}");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

Feedback feedback_of(const Instrument& in, const securebase::Scores& scores,
                     const FeedbackText& t) {
  const auto profile = securebase::build_profile(in, scores);
  securebase::FeedbackOptions options;
  if (auto text = securebase::embedded_instrument_text(in, t.language)) {
    options.labels = text->labels;
    options.instrument_name = text->display_name;
  }
  return securebase::make_feedback(in, scores, profile, t, options);
}

}  // namespace

TEST_CASE("every shipped phrase is free of banned phrasings", "[feedback]") {
  // The scan itself catches what it should.
  CHECK_FALSE(banned_in("You are anxious in relationships").empty());
  CHECK_FALSE(banned_in("eres ansiosa").empty());
  CHECK_FALSE(banned_in("an attachment disorder").empty());
  CHECK(banned_in("It is not a diagnosis.").empty());
  CHECK(banned_in("If you are in crisis").empty());
  for (const std::string& lang : securebase::embedded_feedback_languages()) {
    const FeedbackText t = securebase::embedded_feedback_text(lang);
    for (const auto& [key, paragraphs] : t.phrases) {
      for (const std::string& p : paragraphs) {
        INFO(lang << " " << key);
        CHECK(banned_in(p).empty());
      }
    }
  }
}

TEST_CASE("every language file has the keys, paragraphs and placeholders of en", "[feedback]") {
  const FeedbackText en = securebase::embedded_feedback_text("en");
  const auto languages = securebase::embedded_feedback_languages();
  CHECK(std::find(languages.begin(), languages.end(), "en") != languages.end());
  for (const std::string& lang : languages) {
    const FeedbackText t = securebase::embedded_feedback_text(lang);
    INFO(lang);
    for (const auto& [key, paragraphs] : en.phrases) {
      INFO(key);
      auto it = t.phrases.find(key);
      REQUIRE(it != t.phrases.end());
      REQUIRE(it->second.size() == paragraphs.size());
      for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        CHECK(placeholders(it->second[i]) == placeholders(paragraphs[i]));
      }
    }
    for (const auto& [key, paragraphs] : t.phrases) {
      INFO(key);
      CHECK(en.phrases.count(key) == 1);  // no key that en lacks
    }
  }
}

TEST_CASE("feedback for every instrument, region and language is complete and kind", "[feedback]") {
  for (const std::string& id : securebase::embedded_instrument_ids()) {
    const Instrument in = securebase::load_embedded_instrument(id);
    std::vector<securebase::Responses> cases;
    std::vector<std::string> labels;
    if (in.plane()) {
      for (Region r : securebase::all_regions) {
        cases.push_back(answers_for(in, r));
        labels.emplace_back(securebase::to_string(r));
      }
    } else {
      auto r = securebase::empty_responses(in);
      for (double& v : r.values) v = in.response_scale().min + 1;
      cases.push_back(r);
      labels.emplace_back("no plane");
    }
    for (std::size_t c = 0; c < cases.size(); ++c) {
      const auto scores = securebase::score(in, cases[c]);
      const auto profile = securebase::build_profile(in, scores);
      if (in.plane()) {
        INFO(id << " " << labels[c]);
        // the construction reaches the region it aims at
        CHECK(securebase::to_string(profile.plane->nearest) == labels[c]);
      }
      for (const std::string& lang : securebase::embedded_feedback_languages()) {
        INFO(id << " " << labels[c] << " " << lang);
        const Feedback f = feedback_of(in, scores, securebase::embedded_feedback_text(lang));
        REQUIRE(f.blocks.size() >= 5);
        CHECK(f.blocks[0].id == "disclaimer");
        CHECK(f.blocks[1].id == "help");
        CHECK(f.blocks[2].id == "summary");
        CHECK(f.blocks.back().id == "about");
        CHECK((f.find("plane") != nullptr) == in.plane().has_value());
        CHECK((f.find("dimension.anxiety") != nullptr) == in.plane().has_value());
        CHECK(f.find("growth") != nullptr);
        CHECK(f.find("change") == nullptr);
        for (const auto& b : f.blocks) {
          CHECK_FALSE(b.title.empty());
          CHECK_FALSE(b.paragraphs.empty());
          for (const std::string& p : b.paragraphs) {
            INFO(b.id << ": " << p);
            CHECK(banned_in(p).empty());
            CHECK(p.find('{') == std::string::npos);  // every placeholder filled
          }
        }
        // the help block names emergency services and the US line
        const auto& help = f.find("help")->paragraphs.front();
        CHECK(help.find("988") != std::string::npos);
      }
    }
  }
}

TEST_CASE("the summary says near the line, not a type, for a point close to a boundary",
          "[feedback]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  auto r = securebase::empty_responses(core);
  // Every anxiety item keyed 4 except... all items 4: the point sits on both lines.
  for (double& v : r.values) v = 4;
  const auto scores = securebase::score(core, r);
  const Feedback f = feedback_of(core, scores, securebase::embedded_feedback_text("en"));
  const std::string summary = f.find("summary")->paragraphs.at(1);
  // source: anxiety = avoidance = 4.00 = the midpoint; each region has probability .25
  CHECK(summary ==
        "Your answers sit near the middle of the plane, where all four patterns meet. None of the "
        "four descriptions fits clearly, and that is useful information too.");
  const auto* plane = f.find("plane");
  CHECK(std::find(plane->paragraphs.begin(), plane->paragraphs.end(),
                  "How likely each region is, given the measurement error of both scores: secure "
                  "(25%), preoccupied (25%), dismissing (25%), fearful (25%).") !=
        plane->paragraphs.end());
}

TEST_CASE("a clear region is named with its probability and only as a resemblance", "[feedback]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  const auto scores = securebase::score(core, answers_for(core, Region::preoccupied));
  const Feedback f = feedback_of(core, scores, securebase::embedded_feedback_text("en"));
  const auto& p = f.find("summary")->paragraphs;
  CHECK(p.at(1) ==
        "Your answers most resemble the pattern researchers call preoccupied: wanting closeness "
        "very much, and worrying about whether it will last.");
  CHECK(p.at(2) ==
        "Allowing for measurement error, the chance that your true scores lie in that region is "
        "more than 99%.");
}

TEST_CASE("growth suggestions follow the profile", "[feedback]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  const FeedbackText en = securebase::embedded_feedback_text("en");
  const auto has = [&](const Feedback& f, const std::string& key) {
    const auto& want = en.phrases.at(key).front();
    const auto& g = f.find("growth")->paragraphs;
    return std::find(g.begin(), g.end(), want) != g.end();
  };
  const Feedback anxious =
      feedback_of(core, securebase::score(core, answers_for(core, Region::preoccupied)), en);
  CHECK(has(anxious, "growth.anxiety"));
  CHECK_FALSE(has(anxious, "growth.avoidance"));
  CHECK_FALSE(has(anxious, "growth.secure"));
  const Feedback distant =
      feedback_of(core, securebase::score(core, answers_for(core, Region::dismissing)), en);
  CHECK(has(distant, "growth.avoidance"));
  CHECK_FALSE(has(distant, "growth.anxiety"));
  const Feedback settled =
      feedback_of(core, securebase::score(core, answers_for(core, Region::secure)), en);
  CHECK(has(settled, "growth.secure"));
  CHECK(has(settled, "growth.notice"));  // always
  CHECK(has(settled, "growth.relationships"));
}

TEST_CASE("the change block reports reliable change and noise in words", "[feedback]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  const auto before = securebase::score(core, answers_for(core, Region::fearful));
  const auto after = securebase::score(core, answers_for(core, Region::secure));
  const auto rc = securebase::reliable_change(before, after);
  const auto profile = securebase::build_profile(core, after);
  securebase::FeedbackOptions options;
  options.change = &rc;
  const Feedback f = securebase::make_feedback(core, after, profile,
                                               securebase::embedded_feedback_text("en"), options);
  const auto* change = f.find("change");
  REQUIRE(change != nullptr);
  // source: answers 6 (or 2 reversed) against 2 (or 6 reversed): anxiety 6.00 -> 2.00
  CHECK(change->paragraphs.at(1).rfind("Attachment anxiety: from 6.00 to 2.00, a fall of 4.00. "
                                       "That is larger than measurement error (RCI ",
                                       0) == 0);
  // the block comes after the secure base and before growth
  std::vector<std::string> ids;
  for (const auto& b : f.blocks) ids.push_back(b.id);
  CHECK(ids == std::vector<std::string>{"disclaimer", "help", "summary", "dimension.anxiety",
                                        "dimension.avoidance", "plane", "secure_base", "change",
                                        "growth", "about"});
}

TEST_CASE("numbers are formatted per language, percentages never read 0 or 100", "[feedback]") {
  const FeedbackText en = securebase::embedded_feedback_text("en");
  FeedbackText comma = en;
  comma.decimal_separator = ',';
  CHECK(securebase::format_number(en, 3.456, 2) == "3.46");
  CHECK(securebase::format_number(comma, 3.456, 2) == "3,46");
  CHECK(securebase::format_number(en, -0.001, 2) == "0.00");  // no "-0.00"
  CHECK(securebase::format_number(en, 2.5, 0) == "3");        // half away from zero
  CHECK(securebase::format_percent(en, 0.001) == "less than 1");
  CHECK(securebase::format_percent(en, 0.999) == "more than 99");
  FeedbackText bare = en;
  bare.phrases.clear();
  CHECK(securebase::format_percent(bare, 0.001) == "<1");
  CHECK(securebase::format_percent(bare, 0.995) == ">99");
  CHECK(securebase::format_percent(en, 0.0) == "0");
  CHECK(securebase::format_percent(en, 1.0) == "100");
  CHECK(securebase::format_percent(en, 0.874) == "87");
}

TEST_CASE("feedback files: unknown language 504, malformed phrases 501", "[feedback]") {
  securebase::test::check_error(
      [] { (void)securebase::embedded_feedback_text("xx"); }, ErrorCode::text_language,
      "[securebase.text.504] --lang xx: there is no feedback text in \"xx\"; available: " +
          [] {
            std::string s;
            for (const auto& l : securebase::embedded_feedback_languages()) {
              s += (s.empty() ? "" : ", ") + l;
            }
            return s;
          }());
  securebase::test::check_error(
      [] {
        (void)securebase::parse_feedback_text(
            R"({"format": "securebase-feedback", "format_version": 1, "language": "xx",
                "validated_translation": false, "decimal_separator": ";",
                "phrases": {"a": 3, "b": []}})",
            "xx.json");
      },
      ErrorCode::text_syntax,
      "[securebase.text.501] xx.json: /decimal_separator: decimal_separator is \";\", but must be "
      "\".\" or \",\" (and 2 more problems)\n"
      "  [securebase.text.501] xx.json: /phrases/a: phrase is 3, but must be a string or a "
      "non-empty array of strings (paragraphs)\n"
      "  [securebase.text.501] xx.json: /phrases/b: phrase is [], but must be a string or a "
      "non-empty array of strings (paragraphs)");
}

TEST_CASE("a feedback file lacking a phrase is an internal error naming the key", "[feedback]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  FeedbackText t = securebase::embedded_feedback_text("en");
  t.phrases.erase("growth.notice");
  const auto scores = securebase::score(core, answers_for(core, Region::secure));
  const auto profile = securebase::build_profile(core, scores);
  securebase::test::check_error(
      [&] { (void)securebase::make_feedback(core, scores, profile, t); }, ErrorCode::internal,
      "[securebase.internal.901] embedded:feedback/en: the feedback text has no phrase "
      "\"growth.notice\"");
}

TEST_CASE("wrap_text wraps at the width, counts characters not bytes, cuts only over-long words",
          "[feedback]") {
  CHECK(securebase::wrap_text("one two three four", 10) == "one two\nthree four\n");
  // "é" is two bytes but one column: "café café" fits 9 columns exactly
  CHECK(securebase::wrap_text("café café x", 10) == "café café\nx\n");
  // a word longer than the line is the one word cut, at the width (wrap_test.cpp has more)
  CHECK(securebase::wrap_text("abcdefghijklmnop q", 10) == "abcdefghij\nklmnop q\n");
  CHECK(securebase::wrap_text("a b", 10, "| ") == "| a b\n");
}

TEST_CASE("text, JSON and HTML snapshots for each instrument and region", "[feedback][snapshot]") {
  const FeedbackText en = securebase::embedded_feedback_text("en");
  // Every embedded instrument in each of the four regions (once, without a plane); the
  // instruments with norm sets are scored against their first set, to show the norm sentences.
  for (const std::string& id : securebase::embedded_instrument_ids()) {
    const Instrument in = securebase::load_embedded_instrument(id);
    std::vector<std::pair<std::string, securebase::Responses>> cases;
    if (in.plane()) {
      for (Region r : securebase::all_regions) {
        cases.emplace_back(std::string(securebase::to_string(r)), answers_for(in, r));
      }
    } else {
      auto r = securebase::empty_responses(in);
      for (std::size_t i = 0; i < r.values.size(); ++i) {
        r.values[i] = in.response_scale().min + static_cast<double>(i % 3);
      }
      cases.emplace_back("no-plane", r);
    }
    for (const auto& [label, answers] : cases) {
      securebase::ScoreOptions so;
      if (!in.norm_sets().empty()) so.norm_set = in.norm_sets().front().id;
      const auto scores = securebase::score(in, answers, so);
      const auto profile = securebase::build_profile(in, scores);
      const Feedback f = feedback_of(in, scores, en);
      const std::string name = id + "-" + label;
      INFO(name);
      // the library version changes with every release: keep snapshots stable across them
      const auto stable = [](std::string text) {
        text = std::regex_replace(text, std::regex("\"library_version\": \"[^\"]*\""),
                                  "\"library_version\": \"X\"");
        return std::regex_replace(text, std::regex("securebase [0-9]+\\.[0-9]+\\.[0-9]+\\."),
                                  "securebase X.");
      };
      securebase::test::check_snapshot(
          "text/" + name + ".txt", stable(securebase::render_text(f, profile, {80, false, false})));
      securebase::test::check_snapshot("json/" + name + ".json",
                                       stable(securebase::to_result_json(scores, profile, f)));
      securebase::test::check_snapshot("html/" + name + ".html",
                                       stable(securebase::render_html(f, profile)));
    }
  }
  // ASCII, narrow and coloured variants of one profile
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  const auto scores = securebase::score(core, answers_for(core, Region::fearful));
  const auto profile = securebase::build_profile(core, scores);
  const Feedback f = feedback_of(core, scores, en);
  securebase::test::check_snapshot("text/securebase-core-fearful-ascii-40.txt",
                                   securebase::render_text(f, profile, {40, false, true}));
  const std::string coloured = securebase::render_text(f, profile, {80, true, false});
  CHECK(coloured.find("\x1b[1m") != std::string::npos);
  const std::string plain = securebase::render_text(f, profile, {80, false, false});
  CHECK(plain.find('\x1b') == std::string::npos);
  const std::string ascii = securebase::render_text(f, profile, {40, false, true});
  // no box drawing or bullets (the feedback's own typographic quotes may remain)
  for (const char* box : {"─", "│", "●", "┊", "┈", "┌", "├"}) {
    CHECK(ascii.find(box) == std::string::npos);
  }
}

TEST_CASE("the therapy claim is hedged as a therapist's view in every language", "[feedback]") {
  // Issue 23, item 15: our framing (docs/feedback.md, "What tends to help") is kept, but said as
  // what many therapists and some people find, with the evidence said to differ.
  const FeedbackText en = securebase::embedded_feedback_text("en");
  const std::string therapy = en.phrases.at("growth.therapy").front();
  CHECK_THAT(therapy, Catch::Contains("Many therapists find") &&
                          Catch::Contains("Some people find") &&
                          Catch::Contains("The evidence differs"));
  const FeedbackText es = securebase::embedded_feedback_text("es");
  CHECK_THAT(es.phrases.at("growth.therapy").front(),
             Catch::Contains("Muchos terapeutas ven") &&
                 Catch::Contains("Algunas personas encuentran") &&
                 Catch::Contains("La evidencia varía"));
  // no language states it as an effect
  for (const std::string& lang : securebase::embedded_feedback_languages()) {
    const FeedbackText t = securebase::embedded_feedback_text(lang);
    for (const auto& [key, paragraphs] : t.phrases) {
      for (const std::string& p : paragraphs) {
        INFO(lang << " " << key);
        CHECK_THAT(p, !Catch::Contains("tends to produce the deepest") &&
                          !Catch::Contains("suele producir los cambios más profundos"));
      }
    }
  }
}
