// Test helpers for the batch tests of issue 24 (tests/batch_files_test.cpp and
// tests/batch_sources_test.cpp): the fixture instrument, a run over text, the output's lines.
#pragma once

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/batch/batch.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/table.hpp"
#include "support/paths.hpp"

namespace securebase::test {

/// tests/data/batch/batch.json: answers 1-5; anx = mean of a1, a2 (reversed), a3; avo = sum of
/// b1, b2 (reversed), b3, b4, prorated.
inline const Instrument& batch_fixture() {
  static const Instrument ins =
      load_instrument_file(std::string(SECUREBASE_TEST_DATA) + "/batch/batch.json");
  return ins;
}

/// Items in columns Q1..Q7, id in pid.
inline BatchOptions q_options() {
  BatchOptions o;
  o.columns.pattern = "Q{n}";
  o.id_column = "pid";
  return o;
}

/// A run's output text and summary.
struct Ran {
  std::string text;
  BatchSummary summary;
};

/// A run of the fixture over `input` read as a stream named <stdin>.
inline Ran run_text(const std::string& input, const BatchOptions& options) {
  std::istringstream in(input);
  TableReader reader(in, "<stdin>");
  Ran r;
  r.summary = run_batch(batch_fixture(), options, reader, [&](std::string_view b) { r.text += b; });
  return r;
}

/// The output's lines, without their line ends.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

/// The header of the tables made in these tests.
inline const std::string batch_header = "pid,Q1,Q2,Q3,Q4,Q5,Q6,Q7";

}  // namespace securebase::test
