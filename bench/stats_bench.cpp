// Throughput of the statistics accumulator (stats::add_rows) on synthetic ECR-R respondents:
// answers 1-7 with 1% (as gen_csv's default) or 10% missing, scale scores as scoring gives them.
// Rows are added in blocks of 4096, as batch adds them. Prints the median rows/s of 7 runs for
// each missing rate (or the one given as argument).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "securebase/io/instrument_json.hpp"
#include "securebase/securebase.hpp"
#include "securebase/stats/accumulator.hpp"

namespace {

double median_rows_per_second(std::size_t rows, const securebase::Instrument& ins,
                              const std::vector<securebase::stats::RowBlock>& blocks) {
  std::vector<double> rates;
  for (int rep = 0; rep < 7; ++rep) {
    securebase::stats::Accumulator acc =
        securebase::stats::make_accumulator(securebase::stats::layout_of(ins));
    const auto t0 = std::chrono::steady_clock::now();
    for (const securebase::stats::RowBlock& b : blocks) securebase::stats::add_rows(acc, b);
    const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    rates.push_back(static_cast<double>(rows) / dt.count());
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const securebase::Instrument ins = securebase::load_embedded_instrument("ecr-r");
  const std::size_t n_items = ins.items().size();
  const std::size_t rows = 1'000'000;
  std::vector<double> rates = {0.01, 0.10};
  if (argc > 1) rates = {std::atof(argv[1])};  // one missing rate, e.g. for a profiler
  for (const double rate : rates) {
    std::mt19937 rng(20261128);
    std::uniform_int_distribution<int> answer(1, 7);
    std::bernoulli_distribution miss(rate);
    std::vector<securebase::stats::RowBlock> blocks;
    std::vector<double> items(n_items);
    std::vector<securebase::RawScore> raw(ins.scales().size());
    std::vector<double> scores(ins.scales().size());
    const securebase::stats::Layout layout = securebase::stats::layout_of(ins);
    for (std::size_t r = 0; r < rows; ++r) {
      if (r % 4096 == 0) blocks.push_back(securebase::stats::make_block(layout));
      for (double& v : items) v = miss(rng) ? securebase::missing_answer : answer(rng);
      securebase::score_raw(ins.plan(), items, raw);
      for (std::size_t s = 0; s < raw.size(); ++s) scores[s] = raw[s].value;
      securebase::stats::append_row(blocks.back(), items, scores);
    }
    std::printf("stats::add_rows, ECR-R, %.0f%% missing: %.3g rows/s\n", rate * 100,
                median_rows_per_second(rows, ins, blocks));
  }
}
