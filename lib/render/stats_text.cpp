#include "securebase/render/stats_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace securebase {

namespace {

namespace st = stats;

// A number with 3 decimals; "NA" when it does not exist.
std::string fixed(double x) {
  if (!std::isfinite(x)) return "NA";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  std::string s = buf;
  if (s == "-0.000") s = "0.000";
  return s;
}

std::string count(std::uint64_t n) { return std::to_string(n); }

// Why a value is missing, in words.
std::string_view reason(st::StatStatus status) {
  switch (status) {
    case st::StatStatus::ok:
      return "computed";
    case st::StatStatus::too_few_cases:
      return "too few respondents";
    case st::StatStatus::too_few_items:
      return "fewer than 2 items";
    case st::StatStatus::item_all_missing:
      return "an item has fewer than 2 answers";
    case st::StatStatus::no_variance:
      return "no variance";
    case st::StatStatus::no_pairs:
      return "two items are never answered together";
    case st::StatStatus::not_converged:
      return "the factor fit did not converge or is a Heywood case";
  }
  return "unknown";
}

// "NA (reason: too_few_items)" style note for a block whose status is not ok.
std::string na(st::StatStatus status) {
  return "NA (" + std::string(st::to_string(status)) + ": " + std::string(reason(status)) + ")";
}

// Rows of cells laid out in columns: the first `left` columns left-aligned, the others right.
std::string table(const std::vector<std::vector<std::string>>& rows, std::size_t left,
                  std::string_view indent) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line(indent);
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      const std::string pad(width[c] - row[c].size(), ' ');
      line += c < left ? row[c] + pad : pad + row[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string interval(const st::Interval& i) {
  return "[" + fixed(i.lower) + ", " + fixed(i.upper) + "]";
}

std::string alpha_lines(const st::ScaleStats& s) {
  const st::Alpha& a = s.alpha;
  if (a.status != st::StatStatus::ok) return "  alpha: " + na(a.status) + "\n";
  std::string out = "  alpha " + fixed(a.raw) + " raw, " + fixed(a.standardised) +
                    " standardised; average r " + fixed(a.average_r) + "; N = " + count(s.rows) +
                    "\n";
  out +=
      "    95% interval: Feldt " + interval(a.feldt) + ", Duhachek " + interval(a.duhachek) + "\n";
  return out;
}

// "omega total: minres 0.723, ML 0.722", or one NA with its reason when neither fit has a value
// for the same reason.
std::string omega_line(const st::ScaleStats& s) {
  const auto part = [](const st::Omega& o) {
    return o.status == st::StatStatus::ok ? fixed(o.total) : na(o.status);
  };
  if (s.omega.status != st::StatStatus::ok && s.omega.status == s.omega_ml.status)
    return "  omega total: " + na(s.omega.status) + "\n";
  return "  omega total: minres " + part(s.omega) + ", ML " + part(s.omega_ml) + "\n";
}

std::string scale_block(const st::ScaleStats& s) {
  std::string out = "Scale " + s.id + " (" + count(s.items.size()) +
                    (s.items.size() == 1 ? " item)\n" : " items)\n");
  const st::Describe& d = s.score;
  out += table({{"", "n", "mean", "SD", "skew", "kurtosis", "min", "max"},
                {"score", count(d.n), fixed(d.mean), fixed(d.sd), fixed(d.skew), fixed(d.kurtosis),
                 fixed(d.min), fixed(d.max)}},
               1, "  ");
  if (d.status != st::StatStatus::ok) out += "  score statistics: " + na(d.status) + "\n";
  if (s.items.empty()) return out + "  (no items: a composite of other scales)\n";
  out += alpha_lines(s);
  out += omega_line(s);
  std::vector<std::vector<std::string>> rows{
      {"item", "keyed", "mean", "SD", "r.drop", "raw.r", "score r", "alpha if dropped"}};
  std::vector<std::string> notes;
  for (const st::ItemStats& it : s.items) {
    rows.push_back({it.id, it.reversed ? "reversed" : "", fixed(it.mean), fixed(it.sd),
                    fixed(it.corrected_r), fixed(it.item_total_r), fixed(it.item_score_r),
                    fixed(it.if_dropped.raw)});
    if (it.status != st::StatStatus::ok) notes.push_back(it.id + ": " + na(it.status));
  }
  out += "\n" + table(rows, 2, "  ");
  out +=
      "  (r.drop: item vs the sum of the other items; raw.r: item vs the mean of the scale's "
      "answered items (psych); score r: item vs the scale score)\n";
  for (const std::string& n : notes) out += "  " + n + "\n";
  if (!s.items.empty() && s.items.front().if_dropped.status != st::StatStatus::ok &&
      s.alpha.status == st::StatStatus::ok)
    out += "  alpha if dropped: " + na(s.items.front().if_dropped.status) + "\n";
  return out;
}

std::string correlations(const st::Summary& sum) {
  const st::SquareMatrix& r = sum.scale_correlations;
  if (r.k < 2) return "";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{""};
  for (const st::ScaleStats& s : sum.scales) head.push_back(s.id);
  rows.push_back(head);
  for (std::size_t a = 0; a < r.k && a < sum.scales.size(); ++a) {
    std::vector<std::string> row{sum.scales[a].id};
    for (std::size_t b = 0; b <= a; ++b) row.push_back(fixed(r(a, b)));
    rows.push_back(row);
  }
  return "Correlations between scale scores (pairwise complete; NA: fewer than 2 common "
         "scores)\n" +
         table(rows, 1, "  ");
}

std::string hierarchical(const st::Hierarchical& h) {
  std::string scales;
  for (const std::string& s : h.scales) scales += (scales.empty() ? "" : ", ") + s;
  std::string out = "Omega hierarchical (Schmid-Leiman, " + count(h.factors) +
                    " group factors: " + scales + ")\n";
  if (h.status != st::StatStatus::ok) return out + "  " + na(h.status) + "\n";
  out += "  omega hierarchical " + fixed(h.omega_h) + ", omega total " + fixed(h.total) + "\n";
  if (!h.identified)
    out += "  with 2 group factors the general loadings are set equal (not identified)\n";
  return out;
}

// Where a warning points: "scale anxiety, item i03", or "" when it concerns the whole run.
std::string warning_place(const st::CheckWarning& w) {
  std::string out;
  if (!w.scale.empty()) out = "scale " + w.scale;
  if (!w.item.empty()) out += (out.empty() ? "item " : ", item ") + w.item;
  return out;
}

}  // namespace

std::string render_stats_checks_text(std::span<const stats::CheckWarning> warnings,
                                     std::span<const stats::PublishedComparison> published) {
  std::string out = "Checks (signs of mis-keying or a wrong layout; docs/checks.md)\n";
  if (warnings.empty()) out += "  none: no check found a problem\n";
  for (const st::CheckWarning& w : warnings) {
    const std::string place = warning_place(w);
    out += "  ! " + w.id + (place.empty() ? "" : " (" + place + ")") + ": " + w.message + "\n";
  }
  out += "\nSample beside published values (d = (sample mean - norm mean) / norm SD)\n";
  if (published.empty()) return out + "  no scale has published values\n";
  std::vector<std::vector<std::string>> rows{
      {"scale", "source", "n", "mean", "SD", "reliability", "d", "SD ratio"}};
  std::vector<std::string> citations;
  for (const st::PublishedComparison& p : published) {
    const std::string alpha =
        p.alpha.status == st::StatStatus::ok ? fixed(p.alpha.raw) : std::string("NA");
    rows.push_back({p.scale, "sample", count(p.score.n), fixed(p.score.mean), fixed(p.score.sd),
                    alpha, "", ""});
    if (p.reliability) {
      rows.push_back(
          {"", "published reliability", "", "", "", fixed(p.reliability->value), "", ""});
      if (!p.reliability->source.empty())
        citations.push_back(p.scale + " reliability: " + p.reliability->source);
    }
    for (const st::NormComparison& n : p.norms) {
      rows.push_back({"", "norms " + n.norm_set, std::to_string(n.n), fixed(n.mean), fixed(n.sd),
                      n.reliability ? fixed(*n.reliability) : std::string(""), fixed(n.d),
                      fixed(n.sd_ratio)});
      const std::string cite = "norms " + n.norm_set + ": " + n.citation;
      if (!n.citation.empty() &&
          std::find(citations.begin(), citations.end(), cite) == citations.end())
        citations.push_back(cite);
    }
  }
  out += table(rows, 2, "  ");
  out += "  (sample reliability: alpha raw; published: as the source reports it)\n";
  for (const std::string& c : citations) out += "  " + c + "\n";
  return out;
}

std::string render_stats_text(const stats::Summary& summary) {
  std::string out = "Statistics of " + count(summary.rows) +
                    (summary.rows == 1 ? " respondent" : " respondents") +
                    " (scored rows: ok or incomplete)\nmissing data: " +
                    std::string(st::to_string(summary.missing)) +
                    (summary.missing == st::Missing::pairwise
                         ? " (each covariance over the rows answering both items)\n"
                         : " (only rows answering every item of the scale)\n");
  for (const st::ScaleStats& s : summary.scales) out += "\n" + scale_block(s);
  const std::string corr = correlations(summary);
  if (!corr.empty()) out += "\n" + corr;
  if (summary.hierarchical) out += "\n" + hierarchical(*summary.hierarchical);
  return out;
}

}  // namespace securebase
