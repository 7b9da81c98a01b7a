#include "securebase/render/terminal.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>
#include <vector>

namespace securebase {

namespace {

// A SHA-256 fingerprint ("sha256:" and 64 hex digits) cut to its first 12 digits and an
// ellipsis: in a terminal it is a detail, which the HTML report and the JSON give whole.
std::string short_fingerprints(std::string p, bool ascii) {
  const std::string tag = "sha256:";
  for (std::size_t at = p.find(tag); at != std::string::npos; at = p.find(tag, at + 1)) {
    const std::size_t start = at + tag.size();
    std::size_t end = start;
    while (end < p.size() && std::isxdigit(static_cast<unsigned char>(p[end])) != 0) ++end;
    if (end - start == 64) p.replace(start + 12, 52, ascii ? "..." : "…");
  }
  return p;
}

const char* bold(bool colour) { return colour ? "\x1b[1m" : ""; }
const char* accent(bool colour) { return colour ? "\x1b[1;36m" : ""; }
const char* reset(bool colour) { return colour ? "\x1b[0m" : ""; }

std::string label(const Feedback& f, const std::string& key) {
  auto it = f.labels.find(key);
  return it == f.labels.end() ? key : it->second;
}

// A grid of cells, each one UTF-8 character (possibly several bytes).
struct Canvas {
  int w;
  int h;
  std::vector<std::string> cells;
  Canvas(int width, int height)
      : w(width), h(height), cells(static_cast<std::size_t>(width * height), " ") {}
  void put(int x, int y, std::string_view ch) {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    cells[static_cast<std::size_t>(y * w + x)] = std::string(ch);
  }
  // Writes text starting at (x, y), one code point per cell, clipped to the row.
  void text(int x, int y, std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && x < w) {
      std::size_t len = 1;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0xF0)
        len = 4;
      else if (c >= 0xE0)
        len = 3;
      else if (c >= 0xC0)
        len = 2;
      put(x++, y, s.substr(i, len));
      i += len;
    }
  }
  [[nodiscard]] const std::string& at(int x, int y) const {
    return cells[static_cast<std::size_t>(y * w + x)];
  }
};

// Position of a score along an axis of `cells` cells, in the dimension's direction (0 = less).
int cell_of(const DimensionPosition& d, double value, int cells) {
  double f = (value - d.range_low) / (d.range_high - d.range_low);
  if (d.direction < 0) f = 1 - f;
  f = std::clamp(f, 0.0, 1.0);
  return static_cast<int>(std::lround(f * (cells - 1)));
}

// The frame of an iw x ih plot (inside a one-cell border) and its boundary lines.
void draw_frame(Canvas& c, const PlanePosition& plane, int iw, int ih, bool ascii) {
  const std::string_view h_line = ascii ? "-" : "─";
  const std::string_view v_line = ascii ? "|" : "│";
  for (int x = 1; x <= iw; ++x) {
    c.put(x, 0, h_line);
    c.put(x, ih + 1, h_line);
  }
  for (int y = 1; y <= ih; ++y) {
    c.put(0, y, v_line);
    c.put(iw + 1, y, v_line);
  }
  c.put(0, 0, ascii ? "+" : "┌");
  c.put(iw + 1, 0, ascii ? "+" : "┐");
  c.put(0, ih + 1, ascii ? "+" : "└");
  c.put(iw + 1, ih + 1, ascii ? "+" : "┘");
  const int bx = 1 + cell_of(plane.avoidance, plane.avoidance.boundary, iw);
  const int by = ih - cell_of(plane.anxiety, plane.anxiety.boundary, ih);
  const std::string_view dot_v = ascii ? ":" : "┊";
  const std::string_view dot_h = ascii ? "." : "┈";
  for (int y = 1; y <= ih; ++y) c.put(bx, y, dot_v);
  for (int x = 1; x <= iw; ++x) c.put(x, by, x == bx ? (ascii ? "+" : "┼") : dot_h);
}

// The interval whiskers, then the point on top; returns the point's cell.
std::pair<int, int> draw_point(Canvas& c, const PlanePosition& plane, int iw, int ih, bool ascii) {
  const int px = 1 + cell_of(plane.avoidance, plane.avoidance.score, iw);
  const int py = ih - cell_of(plane.anxiety, plane.anxiety.score, ih);
  if (plane.avoidance.error) {
    int x0 = 1 + cell_of(plane.avoidance, plane.avoidance.error->lower, iw);
    int x1 = 1 + cell_of(plane.avoidance, plane.avoidance.error->upper, iw);
    if (x0 > x1) std::swap(x0, x1);
    for (int x = x0; x <= x1; ++x) c.put(x, py, ascii ? "-" : "─");
    c.put(x0, py, ascii ? "[" : "├");
    c.put(x1, py, ascii ? "]" : "┤");
  }
  if (plane.anxiety.error) {
    int y0 = ih - cell_of(plane.anxiety, plane.anxiety.error->upper, ih);
    int y1 = ih - cell_of(plane.anxiety, plane.anxiety.error->lower, ih);
    if (y0 > y1) std::swap(y0, y1);
    for (int y = y0; y <= y1; ++y) c.put(px, y, ascii ? "|" : "│");
    c.put(px, y0, ascii ? "^" : "┬");
    c.put(px, y1, ascii ? "v" : "┴");
  }
  c.put(px, py, ascii ? "*" : "●");
  return {px, py};
}

// The legend under the drawing: on one line when it fits in `cols`, else one item a line.
std::string plane_legend(const Feedback& feedback, int cols, bool ascii) {
  const std::string items[] = {
      std::string(ascii ? "*" : "●") + " " + label(feedback, "legend.point"),
      std::string(ascii ? "[-]" : "├─┤") + " " + label(feedback, "legend.interval"),
      std::string(ascii ? ":" : "┊") + " " + label(feedback, "legend.boundary")};
  std::size_t legend_cols = 2;
  for (const std::string& item : items) legend_cols += text_columns(item) + 3;
  if (legend_cols <= static_cast<std::size_t>(cols)) {
    return "  " + items[0] + "   " + items[1] + "   " + items[2] + "\n";
  }
  std::string out;
  for (const std::string& item : items) out += wrap_text(item, cols + 2, "  ");
  return out;
}

}  // namespace

std::string draw_plane(const Feedback& feedback, const PlanePosition& plane, int cols, bool ascii,
                       bool colour) {
  if (!plane.scored()) return {};
  // Inner plot: avoidance left (less) to right (more), anxiety bottom (less) to top (more).
  const int iw = std::clamp(cols - 4, 21, 61) | 1;  // odd, so a middle column exists
  const int ih = std::max(9, (iw / 4) | 1);         // cells are about twice as tall as wide
  Canvas c(iw + 2, ih + 2);
  draw_frame(c, plane, iw, ih, ascii);
  const auto [px, py] = draw_point(c, plane, iw, ih, ascii);
  // Assemble: the anxiety label, the two upper region names above the frame, the frame, the
  // two lower region names below it, then the avoidance label and the legend.
  const auto name = [&](Region r) {
    return label(feedback, "region." + std::string(to_string(r)));
  };
  const auto corners = [&](const std::string& left, const std::string& right) {
    const auto gap = static_cast<std::size_t>(c.w) -
                     std::min<std::size_t>(static_cast<std::size_t>(c.w) - 1,
                                           text_columns(left) + text_columns(right));
    return "  " + left + std::string(gap, ' ') + right + "\n";
  };
  std::string out;
  out += wrap_text(label(feedback, "axis.anxiety") + " (" + label(feedback, "axis.high") + " " +
                       (ascii ? "^" : "↑") + ")",
                   cols + 2, "  ");
  out += corners(name(Region::preoccupied), name(Region::fearful));
  for (int y = 0; y < c.h; ++y) {
    out += "  ";
    for (int x = 0; x < c.w; ++x) {
      const std::string& cell = c.at(x, y);
      out += x == px && y == py && colour ? accent(colour) + cell + reset(colour) : cell;
    }
    out += "\n";
  }
  out += corners(name(Region::secure), name(Region::dismissing));
  out += wrap_text(label(feedback, "axis.avoidance") + " (" + label(feedback, "axis.high") + " " +
                       (ascii ? ">" : "→") + ")",
                   cols + 2, "  ");
  return out + plane_legend(feedback, cols, ascii);
}

std::string render_text(const Feedback& feedback, const Profile& profile, const TextStyle& style) {
  const int width = std::clamp(style.width, min_text_width, 200);
  std::string out;
  for (const FeedbackBlock& b : feedback.blocks) {
    const bool note = b.id == "disclaimer" || b.id == "help";
    // A long title wraps like a paragraph; the rule under it is as wide as its widest line.
    const std::string title = wrap_text(b.title, width);
    std::size_t title_cols = 0;
    for (std::size_t at = 0; at < title.size();) {
      const std::size_t nl = title.find('\n', at);
      title_cols = std::max(title_cols, text_columns(std::string_view(title).substr(at, nl - at)));
      at = nl + 1;
    }
    for (std::size_t at = 0; at < title.size();) {
      const std::size_t nl = title.find('\n', at);
      out += bold(style.colour) + title.substr(at, nl - at) + reset(style.colour) + "\n";
      at = nl + 1;
    }
    std::string rule;
    for (std::size_t i = 0; i < title_cols; ++i) rule += style.ascii ? "-" : "─";
    out += rule + "\n";
    for (const std::string& p : b.paragraphs) {
      out += wrap_text(b.id == "about" ? short_fingerprints(p, style.ascii) : p, width,
                       note ? (style.ascii ? "| " : "│ ") : "");
      if (!note) out += "\n";
    }
    if (note) out += "\n";
    if (b.id == "plane" && profile.plane) {
      const std::string drawing =
          draw_plane(feedback, *profile.plane, width - 2, style.ascii, style.colour);
      if (!drawing.empty()) out += drawing + "\n";
    }
  }
  return out;
}

}  // namespace securebase
