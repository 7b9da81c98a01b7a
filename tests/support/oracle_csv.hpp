// Reading the R oracles' CSV files (tests/data/oracle/) in tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include "support/paths.hpp"

namespace securebase::test {

/// Where the oracle scripts write their vectors and expected values.
inline const std::string oracle_dir = std::string(SECUREBASE_TEST_DATA) + "/oracle";

/// A CSV file as its header and rows of cells (plain cells: no quoting in oracle files).
struct Csv {
  std::vector<std::string> header;             ///< first line
  std::vector<std::vector<std::string>> rows;  ///< the other non-empty lines
};

/// Cells of one line split at commas; a trailing comma gives a trailing empty cell.
inline std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

/// Reads a whole oracle CSV, requiring every row to have as many cells as the header.
inline Csv read_csv(const std::string& path) {
  std::ifstream in(path);
  INFO(path);
  REQUIRE(in.good());
  Csv csv;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (csv.header.empty()) {
      csv.header = split_commas(line);
    } else {
      csv.rows.push_back(split_commas(line));
      REQUIRE(csv.rows.back().size() == csv.header.size());
    }
  }
  return csv;
}

}  // namespace securebase::test
