// The statistics page: one self-contained HTML document (inline CSS and SVG, no script, no
// external request). Every number comes from the StatsPage; the only arithmetic here is layout
// (bar heights and shades are counts divided by the largest count).
#include "securebase/render/stats_html.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/number_format.hpp"
#include "render/html_escape.hpp"
namespace securebase {

namespace {

namespace st = stats;

std::string escape(std::string_view s) { return detail::escape_html(s); }

// A number with `decimals` decimals and a '.' (locale-free); "NA" when it does not exist.
std::string fixed(double value, int decimals = 3) {
  return detail::fixed_decimals(value, decimals, "NA");
}

std::string coord(double v) { return fixed(v, 2); }

std::string count(std::uint64_t n) { return std::to_string(n); }

std::string interval(const st::Interval& i) {
  return "[" + fixed(i.lower) + ", " + fixed(i.upper) + "]";
}

std::string cell(std::string_view text) { return "<td>" + escape(text) + "</td>"; }

constexpr std::string_view style_sheet = R"css(
:root {
  color-scheme: light dark;
  --bg: #f8f7f3; --fg: #1f292e; --muted: #56646b; --line: #d5d9d3; --accent: #2b6e68;
  --plot: #ffffff; --warn-bg: #fbeccb; --warn-fg: #6b4210; --warn-line: #b7802a;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14191b; --fg: #e3e7e4; --muted: #a2afb3; --line: #3a4549; --accent: #79c1b6;
    --plot: #192023; --warn-bg: #3a2f1a; --warn-fg: #f0d9a6; --warn-line: #b7802a;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  font-size: 1rem; line-height: 1.5;
}
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; font-weight: 600; margin: 0 0 0.5rem; }
h2 { font-size: 1.25rem; font-weight: 600; margin: 2rem 0 0.6rem; }
h3 { font-size: 1.05rem; font-weight: 600; margin: 1.5rem 0 0.4rem; }
p { margin: 0 0 0.7rem; }
.muted { color: var(--muted); font-size: 0.92rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: 0.4rem 0 0.6rem; font-variant-numeric: tabular-nums; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child { text-align: left; padding-left: 0; }
th { font-weight: 600; font-size: 0.9rem; }
tr.warn td { background: var(--warn-bg); color: var(--warn-fg); }
.marker { font-weight: 700; white-space: nowrap; }
p.warn { border-left: 0.25rem solid var(--warn-line); padding-left: 0.5rem; }
ul.checks { padding-left: 1.2rem; }
ul.checks li { margin: 0 0 0.4rem; }
ul.checks li.warn { border-left: 0.25rem solid var(--warn-line); padding-left: 0.5rem; list-style: none; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88em; }
figure { margin: 0.8rem 0 1rem; }
figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.3rem; }
svg { display: block; width: 100%; height: auto; }
svg.hist { max-width: 30rem; }
svg.grid { max-width: 24rem; }
svg text { fill: var(--fg); font-size: 11px; }
.plot { fill: var(--plot); stroke: var(--line); }
.bar { fill: var(--accent); }
.cell { fill: var(--accent); }
.tick { stroke: var(--muted); }
footer { margin-top: 2.5rem; padding-top: 0.8rem; border-top: 1px solid var(--line); }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --line: #999; --accent: #1d4f4a; --plot: #fff; }
  body { background: none; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  figure, table { break-inside: avoid; page-break-inside: avoid; }
}
)css";

// Whether the bins hold scale s's histogram with at least one score.
bool has_histogram(const st::ScoreBins& bins, std::size_t s) {
  const std::size_t k = st::ScoreBins::bins;
  if (bins.scale.size() < (s + 1) * k) return false;
  for (std::size_t b = 0; b < k; ++b)
    if (bins.scale[s * k + b] > 0) return true;
  return false;
}

// The histogram of scale s: 24 bars over [lo, hi], the tallest the plot's height.
std::string histogram(const StatsPage& page, std::size_t s, const std::string& id) {
  if (!has_histogram(page.bins, s) || s >= page.layout.scales.size())
    return "<p class=\"muted\">No score distribution was recorded for this scale, so there is "
           "no histogram.</p>\n";
  const std::size_t k = st::ScoreBins::bins;
  const double left = 44, top = 8, width = 432, height = 140, bottom = 34;
  std::uint64_t most = 0;
  for (std::size_t b = 0; b < k; ++b) most = std::max(most, page.bins.scale[s * k + b]);
  const double lo = page.layout.scales[s].lo;
  const double hi = page.layout.scales[s].hi;
  std::string out = "<figure>\n<svg class=\"hist\" viewBox=\"0 0 " + coord(left + width + 20) +
                    " " + coord(top + height + bottom) + "\" role=\"img\" aria-labelledby=\"hist-" +
                    std::to_string(s) + "\">\n";
  out += "<title id=\"hist-" + std::to_string(s) + "\">Histogram of the " + escape(id) +
         " scores</title>\n";
  out += "<rect class=\"plot\" x=\"" + coord(left) + "\" y=\"" + coord(top) + "\" width=\"" +
         coord(width) + "\" height=\"" + coord(height) + "\"/>\n";
  const double bar = width / static_cast<double>(k);
  for (std::size_t b = 0; b < k; ++b) {
    const std::uint64_t c = page.bins.scale[s * k + b];
    if (c == 0) continue;
    const double h = height * static_cast<double>(c) / static_cast<double>(most);
    out += "<rect class=\"bar\" x=\"" + coord(left + bar * static_cast<double>(b) + 0.5) +
           "\" y=\"" + coord(top + height - h) + "\" width=\"" + coord(bar - 1) + "\" height=\"" +
           coord(h) + "\"><title>" + count(c) + "</title></rect>\n";
  }
  // Axis: the range's ends and middle; the count of the tallest bar on the left.
  const double base = top + height;
  for (int t = 0; t <= 2; ++t) {
    const double x = left + width * t / 2.0;
    out += "<line class=\"tick\" x1=\"" + coord(x) + "\" y1=\"" + coord(base) + "\" x2=\"" +
           coord(x) + "\" y2=\"" + coord(base + 5) + "\"/>\n";
    out += "<text x=\"" + coord(x) + "\" y=\"" + coord(base + 17) + "\" text-anchor=\"middle\">" +
           fixed(lo + (hi - lo) * t / 2.0, 2) + "</text>\n";
  }
  out += "<text x=\"" + coord(left - 4) + "\" y=\"" + coord(top + 9) + "\" text-anchor=\"end\">" +
         count(most) + "</text>\n";
  out += "<text x=\"" + coord(left - 4) + "\" y=\"" + coord(base) +
         "\" text-anchor=\"end\">0</text>\n";
  out += "<text x=\"" + coord(left + width / 2) + "\" y=\"" + coord(base + 31) +
         "\" text-anchor=\"middle\">" + escape(id) + " score</text>\n";
  out += "</svg>\n<figcaption>Scores of " + escape(id) + " in " + std::to_string(k) +
         " equal bins from " + fixed(lo, 2) + " to " + fixed(hi, 2) + "; the tallest bar holds " +
         count(most) + " respondents.</figcaption>\n</figure>\n";
  return out;
}

// The joint grid of the plane's scales as shaded squares: avoidance across, anxiety up.
std::string binned_scatter(const StatsPage& page) {
  if (!page.layout.plane) return "";
  const auto [a, v] = *page.layout.plane;
  if (a >= page.layout.scales.size() || v >= page.layout.scales.size()) return "";
  const std::string& anx = page.layout.scales[a].id;
  const std::string& avo = page.layout.scales[v].id;
  std::string out = "<h2>" + escape(anx) + " by " + escape(avo) + "</h2>\n";
  const std::size_t k = st::ScoreBins::bins;
  std::uint64_t most = 0;
  std::uint64_t total = 0;
  if (page.bins.plane.size() == k * k) {
    for (std::uint64_t c : page.bins.plane) {
      most = std::max(most, c);
      total += c;
    }
  }
  if (most == 0)
    return out +
           "<p class=\"muted\">No joint distribution of the two scores was recorded, so "
           "there is no binned scatter.</p>\n";
  const double left = 52, top = 8, size = 288, bottom = 40;
  const double step = size / static_cast<double>(k);
  out += "<figure>\n<svg class=\"grid\" viewBox=\"0 0 " + coord(left + size + 20) + " " +
         coord(top + size + bottom) + "\" role=\"img\" aria-labelledby=\"plane-title\">\n";
  out += "<title id=\"plane-title\">Binned scatter of " + escape(anx) + " by " + escape(avo) +
         "</title>\n";
  out += "<rect class=\"plot\" x=\"" + coord(left) + "\" y=\"" + coord(top) + "\" width=\"" +
         coord(size) + "\" height=\"" + coord(size) + "\"/>\n";
  for (std::size_t ab = 0; ab < k; ++ab) {
    for (std::size_t vb = 0; vb < k; ++vb) {
      const std::uint64_t c = page.bins.plane[ab * k + vb];
      if (c == 0) continue;
      // A cell's shade: at least 0.12 so one respondent shows, 1 for the fullest cell.
      const double shade = 0.12 + 0.88 * static_cast<double>(c) / static_cast<double>(most);
      out += "<rect class=\"cell\" x=\"" + coord(left + step * static_cast<double>(vb)) +
             "\" y=\"" + coord(top + size - step * static_cast<double>(ab + 1)) + "\" width=\"" +
             coord(step) + "\" height=\"" + coord(step) + "\" fill-opacity=\"" + fixed(shade, 2) +
             "\"><title>" + count(c) + "</title></rect>\n";
    }
  }
  const st::ScaleKey& ka = page.layout.scales[a];
  const st::ScaleKey& kv = page.layout.scales[v];
  const double base = top + size;
  out += "<text x=\"" + coord(left) + "\" y=\"" + coord(base + 14) + "\" text-anchor=\"start\">" +
         fixed(kv.lo, 2) + "</text>\n";
  out += "<text x=\"" + coord(left + size) + "\" y=\"" + coord(base + 14) +
         "\" text-anchor=\"end\">" + fixed(kv.hi, 2) + "</text>\n";
  out += "<text x=\"" + coord(left + size / 2) + "\" y=\"" + coord(base + 30) +
         "\" text-anchor=\"middle\">" + escape(avo) + " (across)</text>\n";
  out += "<text x=\"" + coord(left - 4) + "\" y=\"" + coord(base) + "\" text-anchor=\"end\">" +
         fixed(ka.lo, 2) + "</text>\n";
  out += "<text x=\"" + coord(left - 4) + "\" y=\"" + coord(top + 9) + "\" text-anchor=\"end\">" +
         fixed(ka.hi, 2) + "</text>\n";
  out += "<text x=\"" + coord(left - 8) + "\" y=\"" + coord(top + size / 2) +
         "\" text-anchor=\"end\">" + escape(anx) + "</text>\n";
  out += "</svg>\n<figcaption>" + count(total) + " respondents with both scores in " +
         std::to_string(k) + " by " + std::to_string(k) +
         " cells; a darker cell holds more respondents (the darkest " + count(most) +
         ").</figcaption>\n</figure>\n";
  return out;
}

std::string alpha_cells(const st::Alpha& a) {
  if (a.status != st::StatStatus::ok)
    return cell("NA (" + std::string(st::to_string(a.status)) + ")") + cell("") + cell("");
  return cell(fixed(a.raw)) + cell(interval(a.feldt)) + cell(interval(a.duhachek));
}

std::string omega_text(const st::Omega& o) {
  return o.status == st::StatStatus::ok ? fixed(o.total)
                                        : "NA (" + std::string(st::to_string(o.status)) + ")";
}

std::string summary_table(const st::Summary& summary) {
  std::string out =
      "<table class=\"summary\">\n<thead><tr><th>scale</th><th>n</th><th>mean</th><th>SD</th>"
      "<th>alpha</th><th>Feldt 95%</th><th>Duhachek 95%</th><th>omega total</th></tr></thead>\n"
      "<tbody>\n";
  for (const st::ScaleStats& s : summary.scales) {
    out += "<tr>" + cell(s.id) + cell(count(s.score.n)) + cell(fixed(s.score.mean)) +
           cell(fixed(s.score.sd));
    if (s.items.empty())
      out += cell("composite") + cell("") + cell("") + cell("");
    else
      out += alpha_cells(s.alpha) + cell(omega_text(s.omega));
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// The warnings that name `item` of `scale` (or any scale when the warning names none).
std::vector<const st::CheckWarning*> item_warnings(const StatsPage& page, const std::string& scale,
                                                   const std::string& item) {
  std::vector<const st::CheckWarning*> out;
  for (const st::CheckWarning& w : page.warnings)
    if (w.item == item && (w.scale.empty() || w.scale == scale)) out.push_back(&w);
  return out;
}

std::string item_table(const StatsPage& page, const st::ScaleStats& s) {
  std::string out =
      "<table class=\"items\">\n<thead><tr><th>item</th><th>keyed</th><th>mean</th><th>SD</th>"
      "<th>r.drop</th><th>raw.r</th><th>score r</th><th>alpha if dropped</th><th>check</th></tr>"
      "</thead>\n<tbody>\n";
  for (const st::ItemStats& it : s.items) {
    const auto ws = item_warnings(page, s.id, it.id);
    std::string mark;
    for (const st::CheckWarning* w : ws)
      mark += std::string(mark.empty() ? "" : " ") + "&#9888; " + escape(w->id);
    out += ws.empty() ? "<tr>" : "<tr class=\"warn\">";
    out += cell(it.id) + cell(it.reversed ? "reversed" : "") + cell(fixed(it.mean)) +
           cell(fixed(it.sd)) + cell(fixed(it.corrected_r)) + cell(fixed(it.item_total_r)) +
           cell(fixed(it.item_score_r)) + cell(fixed(it.if_dropped.raw)) + "<td>" +
           (mark.empty() ? std::string() : "<span class=\"marker\">" + mark + "</span>") +
           "</td></tr>\n";
  }
  out +=
      "</tbody>\n</table>\n<p class=\"muted\">r.drop: the item against the sum of the other "
      "items; raw.r: the item against the mean of the scale's answered items (psych's raw.r); "
      "score r: the item against the scale score. A marked row is named by a check "
      "below.</p>\n";
  return out;
}

std::string scale_section(const StatsPage& page, std::size_t index) {
  const st::ScaleStats& s = page.summary.scales[index];
  std::string out = "<section class=\"scale\">\n<h3>" + escape(s.id) + "</h3>\n";
  for (const st::CheckWarning& w : page.warnings)
    if (w.scale == s.id && w.item.empty())
      out += "<p class=\"warn\"><span class=\"marker\">&#9888; " + escape(w.id) + ":</span> " +
             escape(w.message) + "</p>\n";
  out += histogram(page, index, s.id);
  if (s.items.empty())
    return out + "<p class=\"muted\">A composite of other scales: no items.</p>\n</section>\n";
  return out + item_table(page, s) + "</section>\n";
}

std::string checks_section(const StatsPage& page) {
  std::string out = "<h2>Checks</h2>\n";
  if (!page.checked)
    return out + "<p>The checks did not run: they need the instrument (give --instrument).</p>\n";
  out +=
      "<p class=\"muted\">Signs of mis-keying or a wrong column layout. The checks warn; they "
      "never change scores.</p>\n";
  if (page.warnings.empty()) return out + "<p>No check found a problem.</p>\n";
  out += "<ul class=\"checks\">\n";
  for (const st::CheckWarning& w : page.warnings) {
    std::string place;
    if (!w.scale.empty()) place = "scale " + w.scale;
    if (!w.item.empty()) place += (place.empty() ? "item " : ", item ") + w.item;
    out += "<li class=\"warn\"><span class=\"marker\">&#9888; " + escape(w.id) + "</span>" +
           (place.empty() ? "" : " (" + escape(place) + ")") + ": " + escape(w.message) + "</li>\n";
  }
  return out + "</ul>\n";
}

std::string published_section(const StatsPage& page) {
  std::string out = "<h2>Sample beside published values</h2>\n";
  if (!page.checked) return out + "<p>Not shown: this needs the instrument.</p>\n";
  if (page.published.empty()) return out + "<p>No scale has published values.</p>\n";
  out +=
      "<table class=\"published\">\n<thead><tr><th>scale</th><th>source</th><th>n</th>"
      "<th>mean</th><th>SD</th><th>reliability</th><th>d</th><th>SD ratio</th></tr></thead>\n"
      "<tbody>\n";
  std::vector<std::string> citations;
  for (const st::PublishedComparison& p : page.published) {
    out += "<tr>" + cell(p.scale) + cell("sample") + cell(count(p.score.n)) +
           cell(fixed(p.score.mean)) + cell(fixed(p.score.sd)) +
           cell(p.alpha.status == st::StatStatus::ok ? fixed(p.alpha.raw) : "NA") + cell("") +
           cell("") + "</tr>\n";
    if (p.reliability) {
      out += "<tr>" + cell("") + cell("published reliability") + cell("") + cell("") + cell("") +
             cell(fixed(p.reliability->value)) + cell("") + cell("") + "</tr>\n";
      if (!p.reliability->source.empty())
        citations.push_back(p.scale + " reliability: " + p.reliability->source);
    }
    for (const st::NormComparison& n : p.norms) {
      out += "<tr>" + cell("") + cell("norms " + n.norm_set) + cell(std::to_string(n.n)) +
             cell(fixed(n.mean)) + cell(fixed(n.sd)) +
             cell(n.reliability ? fixed(*n.reliability) : "") + cell(fixed(n.d)) +
             cell(fixed(n.sd_ratio)) + "</tr>\n";
      const std::string cite = "norms " + n.norm_set + ": " + n.citation;
      if (!n.citation.empty() &&
          std::find(citations.begin(), citations.end(), cite) == citations.end())
        citations.push_back(cite);
    }
  }
  out +=
      "</tbody>\n</table>\n<p class=\"muted\">d = (sample mean - norm mean) / norm SD. Sample "
      "reliability is alpha raw.</p>\n";
  if (!citations.empty()) {
    out += "<ul class=\"muted\">\n";
    for (const std::string& c : citations) out += "<li>" + escape(c) + "</li>\n";
    out += "</ul>\n";
  }
  return out;
}

}  // namespace

std::string render_stats_html(const StatsPage& page) {
  const st::Summary& sum = page.summary;
  const std::string name = page.title.empty() ? page.instrument : page.title;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Sample statistics";
  if (!name.empty()) out += " of " + escape(name);
  out += "</title>\n<style>" + std::string(style_sheet) + "</style>\n</head>\n<body>\n<main>\n";
  out += "<h1>Sample statistics";
  if (!name.empty()) out += " of " + escape(name);
  out += "</h1>\n<dl class=\"facts\">\n";
  if (!page.instrument.empty())
    out += "<dt>instrument</dt><dd><code>" + escape(page.instrument) + "</code></dd>\n";
  out += "<dt>respondents</dt><dd>" + count(sum.rows) + " (scored rows: ok or incomplete)</dd>\n";
  out += "<dt>missing data</dt><dd>" + escape(st::to_string(sum.missing)) +
         (sum.missing == st::Missing::pairwise
              ? " (each covariance over the rows answering both items)"
              : " (only rows answering every item of the scale)") +
         "</dd>\n";
  std::size_t warned = page.warnings.size();
  out += "<dt>checks</dt><dd>" +
         (page.checked
              ? (warned == 0 ? std::string("no warning")
                             : std::to_string(warned) + (warned == 1 ? " warning" : " warnings"))
              : std::string("not run")) +
         "</dd>\n</dl>\n";
  out += "<h2>Scales</h2>\n" + summary_table(sum);
  out +=
      "<p class=\"muted\">Alpha is Cronbach's alpha (raw) with 95% intervals; omega total "
      "is from a one-factor minres fit.</p>\n";
  out += binned_scatter(page);
  out += "<h2>Scales in detail</h2>\n";
  for (std::size_t s = 0; s < sum.scales.size(); ++s) out += scale_section(page, s);
  out += checks_section(page);
  out += published_section(page);
  out +=
      "<footer>\n<p class=\"muted\">These are statistics of a sample of respondents, for "
      "research. They are not feedback about any person and not a diagnosis.</p>\n"
      "</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace securebase
