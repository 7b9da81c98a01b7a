// The psych oracle data sets of tests/oracle/stats_psych.R (bfi and synthetic) accumulated as a
// batch would, for tests of what is built on stats::Summary (JSON, terminal text).
#pragma once

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "securebase/stats/accumulator.hpp"
#include "securebase/stats/summary.hpp"
#include "support/paths.hpp"

namespace securebase::test {

/// One oracle data set: its layout and rows (NaN = missing).
struct StatsOracle {
  std::string name;                       ///< "bfi" or "synthetic"
  stats::Layout layout;                   ///< items in column order, the two scales
  std::vector<std::vector<double>> rows;  ///< answers
};

/// Cells of a plain CSV line (no quoting in oracle files).
inline std::vector<std::string> stats_oracle_split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  std::string cell;
  while (std::getline(s, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

/// A plain CSV table of numbers from tests/data/oracle/: its header and rows (empty = NaN).
struct OracleTable {
  std::vector<std::string> header;        ///< column names
  std::vector<std::vector<double>> rows;  ///< values, one per column
};

/// Reads tests/data/oracle/FILE.
inline OracleTable read_oracle_table(const std::string& file) {
  std::ifstream in(std::string(SECUREBASE_TEST_DATA) + "/oracle/" + file);
  REQUIRE(in);
  OracleTable t;
  std::string line;
  std::getline(in, line);
  t.header = stats_oracle_split(line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells = stats_oracle_split(line);
    cells.resize(t.header.size());
    std::vector<double> row;
    for (const std::string& c : cells) row.push_back(c.empty() ? std::nan("") : std::stod(c));
    t.rows.push_back(std::move(row));
  }
  return t;
}

/// A scale key over `header`: items named as columns, "-" before a reversed one.
inline stats::ScaleKey oracle_key(const std::vector<std::string>& header, const std::string& id,
                                  std::vector<std::string> items) {
  stats::ScaleKey k;
  k.id = id;
  for (std::string item : items) {
    const bool rev = item[0] == '-';
    if (rev) item.erase(0, 1);
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == item) k.items.push_back(i);
    k.reversed.push_back(rev ? 1 : 0);
  }
  return k;
}

/// The scale scores the oracles use: per scale the mean of the answered keyed items (NaN when
/// none).
inline std::vector<double> oracle_scores(const stats::Layout& layout,
                                         const std::vector<double>& row) {
  std::vector<double> out;
  for (const stats::ScaleKey& k : layout.scales) {
    double sum = 0;
    int n = 0;
    for (std::size_t i = 0; i < k.items.size(); ++i) {
      const double x = row[k.items[i]];
      if (std::isnan(x)) continue;
      sum += k.reversed[i] != 0 ? layout.min + layout.max - x : x;
      ++n;
    }
    out.push_back(n == 0 ? std::nan("") : sum / n);
  }
  return out;
}

/// tests/data/oracle/FILE with columns dataset, scope, item, statistic, value:
/// "dataset|scope|item|statistic" -> value (NA = NaN).
inline std::map<std::string, double> read_oracle_expected(const std::string& file) {
  std::map<std::string, double> e;
  std::ifstream in(std::string(SECUREBASE_TEST_DATA) + "/oracle/" + file);
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto c = stats_oracle_split(line);
    e[c[0] + "|" + c[1] + "|" + c[2] + "|" + c[3]] = c[4] == "NA" ? std::nan("") : std::stod(c[4]);
  }
  return e;
}

/// Reads tests/data/oracle/stats-NAME.csv with the scales stats_psych.R keys.
inline StatsOracle stats_oracle(const std::string& name) {
  StatsOracle d;
  d.name = name;
  OracleTable t = read_oracle_table("stats-" + name + ".csv");
  d.layout.items = t.header;
  d.rows = std::move(t.rows);
  const std::vector<std::string>& h = d.layout.items;
  if (name == "bfi") {
    d.layout.min = 1;
    d.layout.max = 6;
    d.layout.scales = {oracle_key(h, "agreeableness", {"-A1", "A2", "A3", "A4", "A5"}),
                       oracle_key(h, "neuroticism", {"N1", "N2", "N3", "N4", "N5"})};
  } else {
    d.layout.min = 1;
    d.layout.max = 5;
    d.layout.scales = {oracle_key(h, "s1", {"x1", "-x2", "x3", "x4"}),
                       oracle_key(h, "s2", {"x5", "-x6", "x7"})};
  }
  return d;
}

/// The accumulator over every row, with the oracle's scale scores (oracle_scores), added as
/// one block (as a batch run adds them).
inline stats::Accumulator stats_oracle_accumulate(const StatsOracle& d) {
  stats::Accumulator acc = stats::make_accumulator(d.layout);
  stats::RowBlock block = stats::make_block(d.layout);
  for (const std::vector<double>& row : d.rows)
    stats::append_row(block, row, oracle_scores(d.layout, row));
  stats::add_rows(acc, block);
  return acc;
}

/// tests/data/oracle/stats-expected.csv: "dataset|scale|item|statistic" -> value (NA = NaN).
inline std::map<std::string, double> stats_oracle_expected() {
  return read_oracle_expected("stats-expected.csv");
}

}  // namespace securebase::test
