#include "securebase/core/feedback.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/feedback_builder.hpp"
#include "core/number_format.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/placeholders.hpp"
#include "securebase/version.hpp"

namespace securebase {

const FeedbackBlock* Feedback::find(std::string_view id) const noexcept {
  for (const FeedbackBlock& b : blocks) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

std::string format_number(const FeedbackText& text, double value, int decimals) {
  // Rounded half away from zero on the decimal value, printed without locale machinery.
  std::string out = detail::fixed_decimals(value, decimals, "-");
  if (text.decimal_separator != '.') {
    for (char& ch : out) {
      if (ch == '.') ch = text.decimal_separator;
    }
  }
  return out;
}

std::string format_percent(const FeedbackText& text, double probability) {
  const double pct = probability * 100;
  const auto phrase = [&](const char* key, const char* fallback) {
    auto it = text.phrases.find(key);
    return it == text.phrases.end() || it->second.empty() ? std::string(fallback)
                                                          : it->second.front();
  };
  if (pct > 0 && pct < 0.5) return phrase("percent.less_than_1", "<1");
  if (pct < 100 && pct >= 99.5) return phrase("percent.more_than_99", ">99");
  return format_number(text, pct, 0);
}

namespace detail {

Builder::Builder(const Instrument& in, const Scores& s, const Profile& p, const FeedbackText& t,
                 const FeedbackOptions& o)
    : in_(in), scores_(s), profile_(p), text_(t), options_(o) {}

Feedback Builder::run() {
  Feedback f;
  f.language = text_.language;
  f.validated_translation = text_.validated_translation;
  for (const auto& [key, paras] : text_.phrases) {
    if (key.rfind("label.", 0) == 0) f.labels[key.substr(6)] = say(key);
  }
  for (Region r : all_regions) f.labels["region." + std::string(to_string(r))] = region_name(r);
  f.labels["axis.anxiety"] = say("dimension.anxiety.title");
  f.labels["axis.avoidance"] = say("dimension.avoidance.title");
  if (in_.secure_base()) {
    for (std::size_t facet : in_.secure_base()->facets) {
      const std::string& id = in_.scales()[facet].id;
      f.labels["facet." + id] = capitalised(facet_name(id));
    }
  }
  f.blocks.push_back(simple("disclaimer"));
  f.blocks.push_back(simple("help"));
  f.blocks.push_back(summary());
  if (profile_.plane) {
    f.blocks.push_back(dimension("anxiety", profile_.plane->anxiety));
    f.blocks.push_back(dimension("avoidance", profile_.plane->avoidance));
    f.blocks.push_back(plane());
  }
  if (profile_.secure_base || profile_.plane) f.blocks.push_back(secure_base());
  if (options_.change != nullptr) f.blocks.push_back(change(*options_.change));
  f.blocks.push_back(growth());
  f.blocks.push_back(about());
  for (FeedbackBlock& b : f.blocks) {
    for (FeedbackNumber& n : b.numbers) describe(n);
  }
  f.subtitle.push_back(
      say("header.instrument", {{"instrument", display_name()}, {"version", in_.version()}}));
  if (scores_.administration && scores_.administration->completed.size() >= 16) {
    // "2026-12-07T05:20:47Z" -> "2026-12-07 05:20": the same in every language.
    const std::string& c = scores_.administration->completed;
    f.subtitle.push_back(
        say("header.completed", {{"date", c.substr(0, 10) + " " + c.substr(11, 5)}}));
  }
  return f;
}

[[nodiscard]] std::string Builder::display_name() const {
  if (!options_.instrument_name.empty()) return capitalised(options_.instrument_name);
  return in_.short_title().empty() ? in_.title() : in_.short_title();
}

// A number's label and its value as the paragraphs give it (feedback.md, "Numbers").
void Builder::describe(FeedbackNumber& n) const {
  const std::string& id = n.id;
  const std::size_t dot = id.rfind('.');
  const std::string head = dot == std::string::npos ? id : id.substr(0, dot);
  const std::string tail = dot == std::string::npos ? id : id.substr(dot + 1);
  int decimals = 2;
  if (id.rfind("p_", 0) == 0) {
    n.label = say("number.probability", {{"region", region_name(region_of(id.substr(2)))}});
    n.shown = say("number.percent", {{"value", format_percent(text_, n.value)}});
    return;
  }
  if (id == "answered" || id == "items" || id == "percentile" || id == "range_low" ||
      id == "range_high") {
    decimals = 0;
    n.label = say("number." + id);
  } else if (id == "score" || id == "sem" || id == "lower" || id == "upper" || id == "z" ||
             id == "overall") {
    n.label = say("number." + id);
  } else if (id == "anxiety_sem" || id == "avoidance_sem") {
    decimals = 1;
    n.label = say("number.corner",
                  {{"dimension", say("dimension." + id.substr(0, id.find('_')) + ".title")}});
  } else if (id == "combined_sem") {
    decimals = 1;
    n.label = say("number.corner_combined");
  } else if ((head == "anxiety" || head == "avoidance") &&
             (tail == "distance" || tail == "boundary" || tail == "distance_sem")) {
    decimals = tail == "distance_sem" ? 1 : 2;
    n.label = say("number." + tail, {{"dimension", say("dimension." + head + ".title")}});
  } else if (dot != std::string::npos && (tail == "difference" || tail == "rci")) {
    n.label = say("number." + tail, {{"scale", dimension_title(head)}});
  } else if (dot != std::string::npos && tail == "score") {
    n.label = say("number.scale_score", {{"scale", dimension_title(head)}});
  } else if (text_.phrases.contains("facet." + id + ".name")) {
    n.label = capitalised(facet_name(id));
  } else {
    n.label = id;
  }
  n.shown = num(n.value, decimals);
}

[[nodiscard]] Region Builder::region_of(const std::string& name) {
  for (Region r : all_regions) {
    if (to_string(r) == name) return r;
  }
  return Region::secure;
}

// ---- phrases ----
const std::vector<std::string>& Builder::paragraphs(const std::string& key) const {
  auto it = text_.phrases.find(key);
  if (it == text_.phrases.end()) {
    throw Error(ErrorCode::internal, text_.source,
                "the feedback text has no phrase \"" + key + "\"");
  }
  return it->second;
}

std::string Builder::fill(const std::string& key, const std::string& tmpl, const Values& v) const {
  std::optional<UnfilledPlaceholder> unfilled;
  std::string out = fill_placeholders(tmpl, v, &unfilled);
  if (unfilled && unfilled->unclosed) {
    throw Error(ErrorCode::internal, text_.source,
                "phrase \"" + key + "\" opens a placeholder it never closes");
  }
  if (unfilled) {
    throw Error(
        ErrorCode::internal, text_.source,
        "phrase \"" + key + "\" uses {" + unfilled->name + "}, which is not filled in there");
  }
  return out;
}

// The phrase as one string (its paragraphs joined by a space).
std::string Builder::say(const std::string& key, const Values& v) const {
  std::string out;
  for (const std::string& p : paragraphs(key)) {
    if (!out.empty()) out += ' ';
    out += fill(key, p, v);
  }
  return out;
}

// Adds each paragraph of a phrase to a block.
void Builder::add(FeedbackBlock& b, const std::string& key, const Values& v) const {
  for (const std::string& p : paragraphs(key)) b.paragraphs.push_back(fill(key, p, v));
}

std::string Builder::num(double x, int decimals) const { return format_number(text_, x, decimals); }

std::string Builder::list(const std::vector<std::string>& items) const {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += say(i + 1 == items.size() ? "list.last_separator" : "list.separator");
    out += items[i];
  }
  return out;
}

std::string Builder::region_name(Region r) const {
  return say("region." + std::string(to_string(r)) + ".name");
}

std::string Builder::facet_name(const std::string& id) const {
  return say("facet." + id + ".name");
}

FeedbackBlock Builder::block(const std::string& id, const std::string& title_key) const {
  FeedbackBlock b;
  b.id = id;
  b.title = say(title_key);
  return b;
}

FeedbackBlock Builder::simple(const std::string& id) const {
  FeedbackBlock b = block(id, id + ".title");
  add(b, id + ".body");
  return b;
}

const ScaleScore* Builder::scale_score(std::size_t s) const {
  return scores_.find(in_.scales()[s].id);
}

}  // namespace detail

Feedback make_feedback(const Instrument& instrument, const Scores& scores, const Profile& profile,
                       const FeedbackText& text, const FeedbackOptions& options) {
  return detail::Builder(instrument, scores, profile, text, options).run();
}

}  // namespace securebase
