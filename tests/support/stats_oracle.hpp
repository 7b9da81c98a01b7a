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

/// Reads tests/data/oracle/stats-NAME.csv with the scales stats_psych.R keys.
inline StatsOracle stats_oracle(const std::string& name) {
  StatsOracle d;
  d.name = name;
  std::ifstream in(std::string(SECUREBASE_TEST_DATA) + "/oracle/stats-" + name + ".csv");
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  d.layout.items = stats_oracle_split(line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells = stats_oracle_split(line);
    cells.resize(d.layout.items.size());
    std::vector<double> row;
    for (const std::string& c : cells) row.push_back(c.empty() ? std::nan("") : std::stod(c));
    d.rows.push_back(std::move(row));
  }
  const auto key = [&](const std::string& id, std::vector<std::string> items) {
    stats::ScaleKey k;
    k.id = id;
    for (std::string item : items) {
      const bool rev = item[0] == '-';
      if (rev) item.erase(0, 1);
      for (std::size_t i = 0; i < d.layout.items.size(); ++i)
        if (d.layout.items[i] == item) k.items.push_back(i);
      k.reversed.push_back(rev ? 1 : 0);
    }
    return k;
  };
  if (name == "bfi") {
    d.layout.min = 1;
    d.layout.max = 6;
    d.layout.scales = {key("agreeableness", {"-A1", "A2", "A3", "A4", "A5"}),
                       key("neuroticism", {"N1", "N2", "N3", "N4", "N5"})};
  } else {
    d.layout.min = 1;
    d.layout.max = 5;
    d.layout.scales = {key("s1", {"x1", "-x2", "x3", "x4"}), key("s2", {"x5", "-x6", "x7"})};
  }
  return d;
}

/// The accumulator over every row, with the oracle's scale score: the mean of the answered
/// keyed items (NaN when none).
inline stats::Accumulator stats_oracle_accumulate(const StatsOracle& d) {
  stats::Accumulator acc = stats::make_accumulator(d.layout);
  for (const std::vector<double>& row : d.rows) {
    std::vector<double> scores;
    for (const stats::ScaleKey& k : d.layout.scales) {
      double sum = 0;
      int n = 0;
      for (std::size_t i = 0; i < k.items.size(); ++i) {
        const double x = row[k.items[i]];
        if (std::isnan(x)) continue;
        sum += k.reversed[i] != 0 ? d.layout.min + d.layout.max - x : x;
        ++n;
      }
      scores.push_back(n == 0 ? std::nan("") : sum / n);
    }
    stats::add_row(acc, row, scores);
  }
  return acc;
}

/// tests/data/oracle/stats-expected.csv: "dataset|scale|item|statistic" -> value (NA = NaN).
inline std::map<std::string, double> stats_oracle_expected() {
  std::map<std::string, double> e;
  std::ifstream in(std::string(SECUREBASE_TEST_DATA) + "/oracle/stats-expected.csv");
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto c = stats_oracle_split(line);
    e[c[0] + "|" + c[1] + "|" + c[2] + "|" + c[3]] = c[4] == "NA" ? std::nan("") : std::stod(c[4]);
  }
  return e;
}

}  // namespace securebase::test
