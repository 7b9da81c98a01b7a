// The HTML renderer: one self-contained page (inline CSS and SVG, no script, no external
// request). Every word comes from the Feedback; the only arithmetic here is layout.
//
// The plane: avoidance runs along the horizontal axis (less on the left, more on the right) and
// anxiety along the vertical axis (less at the bottom, more at the top), the same as the
// terminal drawing. A dimension with direction -1 (a higher score means less of it) is flipped,
// so "more" is always right and up and the four regions keep their corners: secure bottom left,
// preoccupied top left, dismissing bottom right, fearful top right.
#include "securebase/render/html.hpp"
#include "securebase/render/wrap.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/number_format.hpp"
#include "render/html_escape.hpp"
namespace securebase {

namespace {

// Text for element content and attribute values alike.
void escape_into(std::string& out, std::string_view s) { detail::escape_html_into(out, s); }

std::string escape(std::string_view s) { return detail::escape_html(s); }

// A number with a fixed count of decimals and a '.' (machine-readable, locale-free); "-" for
// NaN and no "-0".
std::string fixed(double value, int decimals) {
  return detail::fixed_decimals(value, decimals, "-");
}

// A coordinate in the drawing's user units.
std::string coord(double v) { return fixed(v, 2); }

std::string label(const Feedback& f, const std::string& key) {
  auto it = f.labels.find(key);
  return it == f.labels.end() ? key : it->second;
}

const FeedbackNumber* number(const FeedbackBlock* b, std::string_view id) {
  if (b == nullptr) return nullptr;
  for (const FeedbackNumber& n : b->numbers) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

// Colours are CSS variables so that the drawing follows the colour scheme and print.
constexpr std::string_view style_sheet = R"css(
:root {
  color-scheme: light dark;
  --bg: #f8f7f3; --fg: #1f292e; --muted: #56646b; --line: #d5d9d3; --accent: #2b6e68;
  --accent-soft: #cfe3df; --note-bg: #eef3ef; --note-line: #8fb3a7; --plot: #ffffff;
  --grid: #e6e9e4; --tag-bg: #f3ead6; --tag-fg: #6b4e12;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14191b; --fg: #e3e7e4; --muted: #a2afb3; --line: #3a4549; --accent: #79c1b6;
    --accent-soft: #2a4743; --note-bg: #1b2427; --note-line: #4c7168; --plot: #192023;
    --grid: #263034; --tag-bg: #3a3220; --tag-fg: #ecd9a8;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
    Arial, sans-serif;
  font-size: 1.0625rem; line-height: 1.6;
}
main { max-width: 42rem; margin: 0 auto; padding: 2.5rem 1.25rem 3rem; }
header { margin: 0 0 1.75rem; }
h1 { font-size: 1.65rem; line-height: 1.25; font-weight: 600; margin: 0; letter-spacing: -0.01em; }
h2 { font-size: 1.2rem; line-height: 1.35; font-weight: 600; margin: 0 0 0.6rem; }
p { margin: 0 0 0.8rem; }
p, li, th, td, figcaption, h1, h2 { overflow-wrap: anywhere; }
.meta { margin: 0.5rem 0 0; color: var(--muted); font-size: 0.95rem; line-height: 1.45; }
.meta span { display: block; }
.lead figure.plane { margin: 0 0 2.25rem; }
@media (min-width: 70rem) {
  .lead {
    display: grid; grid-template-columns: minmax(0, 1fr) 25rem; gap: 0 2.5rem; align-items: start;
    width: 66rem; margin-left: -13.25rem;
  }
  .lead figure.plane { margin: 0.2rem 0 2.25rem; }
}
.tag {
  display: inline-block; margin-top: 0.6rem; padding: 0.1rem 0.6rem; border-radius: 1rem;
  background: var(--tag-bg); color: var(--tag-fg); font-size: 0.85rem;
}
.block { margin: 0 0 2.25rem; }
.block.note {
  margin: 0 0 1rem; padding: 1rem 1.25rem 0.4rem; border: 1px solid var(--note-line);
  border-left-width: 0.3rem; border-radius: 0.5rem; background: var(--note-bg);
}
.block.note h2 { font-size: 1.05rem; }
.block.note p { font-size: 0.98rem; }
.block.note + .block:not(.note) { margin-top: 2.25rem; }
details { margin: 0.4rem 0 0; color: var(--muted); font-size: 0.9rem; }
summary { cursor: pointer; width: fit-content; }
table { border-collapse: collapse; margin: 0.5rem 0 0; font-variant-numeric: tabular-nums; }
th, td { padding: 0.2rem 1.5rem 0.2rem 0; border-bottom: 1px solid var(--line); }
th { text-align: left; font-weight: 400; }
td { text-align: right; padding-right: 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85em; }
figure { margin: 1.5rem 0 1rem; }
figcaption { color: var(--muted); font-size: 0.92rem; margin-top: 0.6rem; text-align: center; }
svg.plane { display: block; width: 100%; max-width: 27rem; height: auto; margin: 0 auto; }
svg text { fill: var(--fg); font-size: 13px; }
.plot { fill: var(--plot); stroke: var(--line); }
.tick { stroke: var(--muted); }
.tick-label { fill: var(--muted); font-size: 11px; }
.axis-end { fill: var(--muted); font-size: 11.5px; }
.axis-title { font-weight: 600; }
.region {
  fill: var(--muted); font-size: 12.5px; font-style: italic;
  stroke: var(--plot); stroke-width: 3px; stroke-linejoin: round; paint-order: stroke;
}
.boundary { stroke: var(--muted); stroke-width: 1.25; stroke-dasharray: 5 4; fill: none; }
.whisker { stroke: var(--accent); stroke-width: 2.25; stroke-linecap: round; }
.point { fill: var(--accent); stroke: var(--plot); stroke-width: 2.5; }
ul.legend {
  list-style: none; padding: 0; margin: 0.8rem 0 0; display: flex; flex-wrap: wrap;
  justify-content: center; gap: 0.4rem 1.4rem; color: var(--muted); font-size: 0.9rem;
}
ul.legend li { display: flex; align-items: center; gap: 0.45rem; }
ul.legend svg { width: 1.6rem; height: 1rem; flex: none; }
ul.facets { list-style: none; padding: 0; margin: 1rem 0 0.5rem; }
ul.facets li { margin: 0 0 0.65rem; }
.facet-name { display: block; font-size: 0.95rem; }
svg.bar { display: block; width: 100%; height: auto; margin-top: 0.2rem; }
.bar-track { fill: var(--grid); }
.bar-fill { fill: var(--accent); }
.bar-mid { stroke: var(--fg); stroke-width: 1.5; opacity: 0.55; }
@media (max-width: 30rem) {
  main { padding: 1.5rem 1rem 2rem; }
  body { font-size: 1rem; }
}
@media print {
  :root {
    --bg: #fff; --fg: #000; --muted: #333; --line: #999; --accent: #1d4f4a; --plot: #fff;
    --grid: #ddd; --note-bg: #fff; --note-line: #555; --tag-bg: #fff; --tag-fg: #000;
  }
  body { background: none; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .block, .block.note, figure, ul.facets li, table { break-inside: avoid; page-break-inside: avoid; }
  h1, h2 { break-after: avoid; page-break-after: avoid; }
  .tag { border: 1px solid #000; }
  summary { list-style: none; }
}
)css";

// Layout of the plane drawing, in SVG user units.
struct Frame {
  double left = 74;   // room for the anxiety tick labels, end labels and title
  double top = 14;    // a little air above the plot
  double size = 300;  // the square plot
  double right = 14;
  double bottom = 74;  // tick labels, end labels and the avoidance title
  [[nodiscard]] double width() const { return left + size + right; }
  [[nodiscard]] double height() const { return top + size + bottom; }
};

// Where a value lies along a dimension, 0 = least of the dimension and 1 = most, clamped.
double oriented(const DimensionPosition& d, double value) {
  const double span = d.range_high - d.range_low;
  double f = span > 0 ? (value - d.range_low) / span : 0.5;
  if (d.direction < 0) f = 1 - f;
  return std::clamp(f, 0.0, 1.0);
}

double x_of(const Frame& fr, const DimensionPosition& avoidance, double value) {
  return fr.left + oriented(avoidance, value) * fr.size;
}

double y_of(const Frame& fr, const DimensionPosition& anxiety, double value) {
  return fr.top + (1 - oriented(anxiety, value)) * fr.size;
}

// Whole-number tick values across a dimension's range, about ten at most; none when the range
// has no whole numbers.
std::vector<long> ticks(const DimensionPosition& d) {
  const double lo = std::min(d.range_low, d.range_high);
  const double hi = std::max(d.range_low, d.range_high);
  std::vector<long> out;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return out;
  long step = 1;
  for (long s : {1L, 2L, 5L, 10L, 20L, 25L, 50L, 100L}) {
    step = s;
    if ((hi - lo) / static_cast<double>(s) <= 10) break;
  }
  const auto first = static_cast<long>(std::ceil(lo / static_cast<double>(step))) * step;
  for (long v = first; static_cast<double>(v) <= hi + 1e-9; v += step) out.push_back(v);
  return out;
}

void line(std::string& out, const char* cls, double x1, double y1, double x2, double y2) {
  out += "<line class=\"";
  out += cls;
  out += "\" x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" +
         coord(y2) + "\"/>";
  out += '\n';
}

void text(std::string& out, const char* cls, double x, double y, const char* anchor,
          std::string_view words, std::string_view extra = "") {
  out += "<text class=\"";
  out += cls;
  out += "\" x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" text-anchor=\"";
  out += anchor;
  out += "\"";
  out += extra;
  out += ">";
  escape_into(out, words);
  out += "</text>\n";
}

// An axis-aligned rectangle in SVG user units, for keeping labels off the marks.
struct Box {
  double x0;
  double y0;
  double x1;
  double y1;
};

bool overlaps(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

// Ticks and their values along both axes, the axis ends (which say which way is more, whatever
// the scale's direction) and the axis titles.
void svg_axes(std::string& s, const Feedback& f, const Frame& fr, const DimensionPosition& anx,
              const DimensionPosition& avo) {
  const double x0 = fr.left;
  const double x1 = fr.left + fr.size;
  const double y0 = fr.top;
  const double y1 = fr.top + fr.size;
  for (long v : ticks(avo)) {
    const double x = x_of(fr, avo, static_cast<double>(v));
    line(s, "tick", x, y1, x, y1 + 5);
    text(s, "tick-label", x, y1 + 18, "middle", std::to_string(v));
  }
  for (long v : ticks(anx)) {
    const double y = y_of(fr, anx, static_cast<double>(v));
    line(s, "tick", x0 - 5, y, x0, y);
    text(s, "tick-label", x0 - 9, y + 4, "end", std::to_string(v));
  }
  const std::string low = label(f, "axis.low");
  const std::string high = label(f, "axis.high");
  text(s, "axis-end", x0, y1 + 38, "start", low);
  text(s, "axis-end", x1, y1 + 38, "end", high);
  text(s, "axis-title", (x0 + x1) / 2, y1 + 62, "middle", label(f, "axis.avoidance"));
  const auto rotated = [](double x, double y) {
    return " transform=\"rotate(-90 " + coord(x) + " " + coord(y) + ")\"";
  };
  text(s, "axis-end", x0 - 40, y1, "start", low, rotated(x0 - 40, y1));
  text(s, "axis-end", x0 - 40, y0, "end", high, rotated(x0 - 40, y0));
  const double ym = (y0 + y1) / 2;
  text(s, "axis-title", x0 - 58, ym, "middle", label(f, "axis.anxiety"), rotated(x0 - 58, ym));
}

// The point and its 95% intervals (whiskers with end caps), with their boxes for the labels.
struct PointMarks {
  static constexpr double cap = 5;
  double px = 0;
  double py = 0;
  std::optional<std::pair<double, double>> h_whisker;
  std::optional<std::pair<double, double>> v_whisker;
  std::vector<Box> boxes;
};

PointMarks point_marks(const Frame& fr, const DimensionPosition& anx,
                       const DimensionPosition& avo) {
  constexpr double cap = PointMarks::cap;
  PointMarks m;
  m.px = x_of(fr, avo, avo.score);
  m.py = y_of(fr, anx, anx.score);
  const double px = m.px;
  const double py = m.py;
  m.boxes = {{px - 9, py - 9, px + 9, py + 9}};
  if (avo.error) {
    m.h_whisker = {x_of(fr, avo, avo.error->lower), x_of(fr, avo, avo.error->upper)};
    m.boxes.push_back({std::min(m.h_whisker->first, m.h_whisker->second) - 2, py - cap - 2,
                       std::max(m.h_whisker->first, m.h_whisker->second) + 2, py + cap + 2});
  }
  if (anx.error) {
    m.v_whisker = {y_of(fr, anx, anx.error->lower), y_of(fr, anx, anx.error->upper)};
    m.boxes.push_back({px - cap - 2, std::min(m.v_whisker->first, m.v_whisker->second) - 2,
                       px + cap + 2, std::max(m.v_whisker->first, m.v_whisker->second) + 2});
  }
  return m;
}

// The region names, each in its quadrant's outer corner unless the point or its whiskers are
// there: then in another corner of the same quadrant. (bx, by): where the boundaries cross.
void region_labels(std::string& s, const Feedback& f, const Frame& fr, double bx, double by,
                   const std::vector<Box>& marks) {
  const double x0 = fr.left;
  const double x1 = fr.left + fr.size;
  const double y0 = fr.top;
  const double y1 = fr.top + fr.size;
  for (Region r : all_regions) {
    const bool up = r == Region::preoccupied || r == Region::fearful;
    const bool right = r == Region::dismissing || r == Region::fearful;
    const std::string name = label(f, "region." + std::string(to_string(r)));
    const double w = static_cast<double>(text_columns(name)) * 7.2;
    struct Spot {
      double x;
      double y;
      bool start;  // text-anchor start (else end)
    };
    const double outer_x = right ? x1 - 10 : x0 + 10;
    const double inner_x = right ? bx + 10 : bx - 10;
    const double outer_y = up ? y0 + 20 : y1 - 12;
    const double inner_y = up ? by - 10 : by + 22;
    const Spot spots[] = {{outer_x, outer_y, !right},
                          {outer_x, inner_y, !right},
                          {inner_x, outer_y, right},
                          {inner_x, inner_y, right}};
    const Spot* chosen = &spots[0];
    // The quadrant: a label stays inside it and off the marks.
    const Box quadrant = {right ? bx : x0, up ? y0 : by, right ? x1 : bx, up ? by : y1};
    for (const Spot& spot : spots) {
      const Box box = {spot.start ? spot.x : spot.x - w, spot.y - 13,
                       spot.start ? spot.x + w : spot.x, spot.y + 4};
      const bool inside = box.x0 >= quadrant.x0 && box.x1 <= quadrant.x1 && box.y0 >= quadrant.y0 &&
                          box.y1 <= quadrant.y1;
      const bool clear =
          std::none_of(marks.begin(), marks.end(), [&](const Box& m) { return overlaps(box, m); });
      if (inside && clear) {
        chosen = &spot;
        break;
      }
    }
    text(s, "region", chosen->x, chosen->y, chosen->start ? "start" : "end", name);
  }
}

// The whiskers, then the point over them.
void draw_point(std::string& s, const PointMarks& m) {
  constexpr double cap = PointMarks::cap;
  if (m.h_whisker) {
    const auto [a, b] = *m.h_whisker;
    line(s, "whisker", a, m.py, b, m.py);
    line(s, "whisker", a, m.py - cap, a, m.py + cap);
    line(s, "whisker", b, m.py - cap, b, m.py + cap);
  }
  if (m.v_whisker) {
    const auto [a, b] = *m.v_whisker;
    line(s, "whisker", m.px, a, m.px, b);
    line(s, "whisker", m.px - cap, a, m.px + cap, a);
    line(s, "whisker", m.px - cap, b, m.px + cap, b);
  }
  s += "<circle class=\"point\" cx=\"" + coord(m.px) + "\" cy=\"" + coord(m.py) + "\" r=\"7\"/>\n";
}

std::string plane_svg(const Feedback& f, const PlanePosition& pl) {
  const Frame fr;
  const DimensionPosition& anx = pl.anxiety;
  const DimensionPosition& avo = pl.avoidance;
  const std::string caption = label(f, "plane_caption");
  std::string s;
  s += "<svg class=\"plane\" viewBox=\"0 0 " + coord(fr.width()) + " " + coord(fr.height()) +
       "\" role=\"img\" aria-label=\"" + escape(caption) + "\">\n<title>" + escape(caption) +
       "</title>\n";
  s += "<rect class=\"plot\" x=\"" + coord(fr.left) + "\" y=\"" + coord(fr.top) + "\" width=\"" +
       coord(fr.size) + "\" height=\"" + coord(fr.size) + "\"/>\n";
  svg_axes(s, f, fr, anx, avo);
  const PointMarks marks = point_marks(fr, anx, avo);
  // Boundary lines, then the region names around the marks.
  const double bx = x_of(fr, avo, avo.boundary);
  const double by = y_of(fr, anx, anx.boundary);
  line(s, "boundary", bx, fr.top, bx, fr.top + fr.size);
  line(s, "boundary", fr.left, by, fr.left + fr.size, by);
  region_labels(s, f, fr, bx, by, marks.boxes);
  draw_point(s, marks);
  s += "</svg>\n";
  return s;
}

// The legend under the drawing: each symbol as a small inline SVG beside its label.
std::string legend(const Feedback& f, bool with_interval) {
  std::string s = "<ul class=\"legend\">\n";
  s += "<li><svg viewBox=\"0 0 26 16\" aria-hidden=\"true\"><circle class=\"point\" cx=\"13\" "
       "cy=\"8\" r=\"5.5\"/></svg>" +
       escape(label(f, "legend.point")) + "</li>\n";
  if (with_interval) {
    s += "<li><svg viewBox=\"0 0 26 16\" aria-hidden=\"true\"><line class=\"whisker\" x1=\"3\" "
         "y1=\"8\" x2=\"23\" y2=\"8\"/><line class=\"whisker\" x1=\"3\" y1=\"4\" x2=\"3\" "
         "y2=\"12\"/><line class=\"whisker\" x1=\"23\" y1=\"4\" x2=\"23\" y2=\"12\"/></svg>" +
         escape(label(f, "legend.interval")) + "</li>\n";
  }
  s += "<li><svg viewBox=\"0 0 26 16\" aria-hidden=\"true\"><line class=\"boundary\" x1=\"1\" "
       "y1=\"8\" x2=\"25\" y2=\"8\"/></svg>" +
       escape(label(f, "legend.boundary")) + "</li>\n";
  s += "</ul>\n";
  return s;
}

std::string plane_figure(const Feedback& f, const PlanePosition& pl) {
  std::string s = "<figure class=\"plane\">\n";
  s += plane_svg(f, pl);
  s += legend(f, pl.anxiety.error.has_value() || pl.avoidance.error.has_value());
  s += "<figcaption>" + escape(label(f, "plane_caption")) + "</figcaption>\n</figure>\n";
  return s;
}

// The facets' score range: the secure_base block's range numbers when it has them, else the
// range of the plane's dimensions when it is centred on the facets' midpoint (mean-scored
// scales on the same response scale), else none: no bars are drawn without a known range.
std::optional<std::pair<double, double>> facet_range(const FeedbackBlock& b,
                                                     const Profile& profile) {
  const FeedbackNumber* lo = number(&b, "range_low");
  const FeedbackNumber* hi = number(&b, "range_high");
  if (lo != nullptr && hi != nullptr && hi->value > lo->value) {
    return std::pair{lo->value, hi->value};
  }
  if (profile.plane && profile.secure_base) {
    const DimensionPosition& d = profile.plane->anxiety;
    if (d.range_high > d.range_low &&
        std::abs((d.range_low + d.range_high) / 2 - profile.secure_base->midpoint) < 1e-9) {
      return std::pair{d.range_low, d.range_high};
    }
  }
  return std::nullopt;
}

// The facets' display names: the feedback's "facet.<id>" labels when it has them, else the
// instrument's names without the prefix they all share up to a ": " (the block's title already
// names the whole).
std::map<std::string, std::string> facet_names(const Feedback& f, const SecureBaseProfile& sb) {
  std::map<std::string, std::string> out;
  std::size_t shared = std::string::npos;
  for (const FacetScore& facet : sb.facets) {
    const std::size_t colon = facet.name.rfind(": ");
    const std::size_t cut = colon == std::string::npos ? 0 : colon + 2;
    if (shared == std::string::npos) {
      shared = cut;
    } else if (cut != shared ||
               facet.name.compare(0, cut, sb.facets.front().name, 0, shared) != 0) {
      shared = 0;
    }
  }
  for (const FacetScore& facet : sb.facets) {
    auto it = f.labels.find("facet." + facet.scale_id);
    if (it != f.labels.end()) {
      out[facet.scale_id] = it->second;
    } else {
      const std::size_t cut = shared == std::string::npos ? 0 : shared;
      std::string name = facet.name.size() > cut ? facet.name.substr(cut) : facet.name;
      // Only ASCII letters are changed; other scripts keep their case.
      if (cut > 0 && !name.empty() && name[0] >= 'a' && name[0] <= 'z') {
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
      }
      out[facet.scale_id] = name;
    }
  }
  return out;
}

// One bar per scored facet (highest first, as in the profile), with the middle of the range
// marked; the values are those of the block's numbers.
std::string facet_bars(const Feedback& f, const FeedbackBlock& b, const Profile& profile) {
  if (!profile.secure_base || profile.secure_base->facets.empty()) return {};
  const auto range = facet_range(b, profile);
  if (!range) return {};
  const auto [lo, hi] = *range;
  const std::map<std::string, std::string> names = facet_names(f, *profile.secure_base);
  constexpr double bar_width = 400;
  const double mid = ((lo + hi) / 2 - lo) / (hi - lo) * bar_width;
  std::string s = "<ul class=\"facets\">\n";
  bool any = false;
  for (const FacetScore& facet : profile.secure_base->facets) {
    const FeedbackNumber* n = number(&b, facet.scale_id);
    if (n == nullptr || std::isnan(n->value)) continue;
    any = true;
    const double share = std::clamp((n->value - lo) / (hi - lo), 0.0, 1.0) * bar_width;
    s += "<li id=\"facet-" + escape(facet.scale_id) + "\"><span class=\"facet-name\">" +
         escape(names.at(facet.scale_id)) + "</span>";
    s += "<svg class=\"bar\" viewBox=\"0 0 400 12\" aria-hidden=\"true\"><rect class=\"bar-track\" "
         "x=\"0\" y=\"2\" width=\"400\" height=\"8\" rx=\"4\"/><rect class=\"bar-fill\" x=\"0\" "
         "y=\"2\" width=\"" +
         coord(std::max(share, 8.0)) + "\" height=\"8\" rx=\"4\"/><line class=\"bar-mid\" x1=\"" +
         coord(mid) + "\" y1=\"0\" x2=\"" + coord(mid) + "\" y2=\"12\"/></svg></li>\n";
  }
  s += "</ul>\n";
  return any ? s : std::string();
}

std::string numbers_table(const Feedback& f, const FeedbackBlock& b) {
  if (b.numbers.empty()) return {};
  std::string s = "<details>\n<summary>" + escape(label(f, "numbers")) + "</summary>\n<table>\n";
  // Each number with its label and as the paragraphs give it (make_feedback fills both); a
  // hand-built Feedback without them shows the id and four decimals.
  for (const FeedbackNumber& n : b.numbers) {
    s += "<tr><th scope=\"row\">" +
         (n.label.empty() ? "<code>" + escape(n.id) + "</code>" : escape(n.label)) + "</th><td>" +
         (n.shown.empty() ? fixed(n.value, 4) : escape(n.shown)) + "</td></tr>\n";
  }
  s += "</table>\n</details>\n";
  return s;
}

}  // namespace

std::string render_html(const Feedback& feedback, const Profile& profile) {
  const std::string title = label(feedback, "report_title");
  std::string out;
  out.reserve(32768);
  out += "<!DOCTYPE html>\n<html lang=\"" + escape(feedback.language) + "\">\n<head>\n";
  out += "<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  out += "<title>" + escape(title) + "</title>\n<style>";
  out += style_sheet;
  out += "</style>\n</head>\n<body>\n<main>\n<header>\n<h1>" + escape(title) + "</h1>\n";
  if (!feedback.subtitle.empty()) {
    out += "<p class=\"meta\">";
    for (const std::string& line : feedback.subtitle) out += "<span>" + escape(line) + "</span>";
    out += "</p>\n";
  }
  if (profile.provisional) {
    out += "<p class=\"tag\">" + escape(label(feedback, "provisional")) + "</p>\n";
  }
  out += "</header>\n";

  // The picture goes next to the summary (beside it on a wide screen, under it on a narrow one),
  // not after the long explanations: it is the result at a glance.
  const bool draw_plane = profile.plane && profile.plane->scored();
  for (const FeedbackBlock& b : feedback.blocks) {
    if (draw_plane && b.id == "summary") out += "<div class=\"lead\">\n";
    const bool note = b.id == "disclaimer" || b.id == "help";
    const std::string id = escape(b.id);
    out += "<section class=\"block" + std::string(note ? " note" : "") + "\" id=\"block-" + id +
           "\"" + (note ? " role=\"note\"" : "") + " aria-labelledby=\"title-" + id + "\">\n";
    out += "<h2 id=\"title-" + id + "\">" + escape(b.title) + "</h2>\n";
    for (const std::string& p : b.paragraphs) out += "<p>" + escape(p) + "</p>\n";
    if (b.id == "secure_base") out += facet_bars(feedback, b, profile);
    out += numbers_table(feedback, b);
    out += "</section>\n";
    if (draw_plane && b.id == "summary") {
      out += plane_figure(feedback, *profile.plane) + "</div>\n";
    }
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace securebase
