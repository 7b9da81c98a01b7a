// Throughput of the scoring kernel (score_raw) and of the full score() with provenance, on
// synthetic ECR-R respondents (seeded; 10% of answers missing). Prints median rows/s of 7 runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "securebase/io/instrument_json.hpp"
#include "securebase/securebase.hpp"

namespace {

template <typename F>
double median_rows_per_second(std::size_t rows, F&& body) {
  std::vector<double> rates;
  for (int rep = 0; rep < 7; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    body();
    const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    rates.push_back(static_cast<double>(rows) / dt.count());
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

int main() {
  const securebase::Instrument ins = securebase::load_embedded_instrument("ecr-r");
  const std::size_t n_items = ins.items().size();
  const std::size_t rows = 1'000'000;
  std::mt19937 rng(20261128);
  std::uniform_int_distribution<int> answer(1, 7);
  std::bernoulli_distribution miss(0.1);
  std::vector<double> data(rows * n_items);
  for (double& v : data) v = miss(rng) ? securebase::missing_answer : answer(rng);

  std::vector<securebase::RawScore> out(ins.scales().size());
  double checksum = 0;
  const double kernel = median_rows_per_second(rows, [&] {
    for (std::size_t r = 0; r < rows; ++r) {
      securebase::score_raw(ins.plan(), std::span(data).subspan(r * n_items, n_items), out);
      checksum += out[0].value == out[0].value ? out[0].value : 0;
    }
  });

  const std::size_t full_rows = 100'000;
  securebase::Responses resp = securebase::empty_responses(ins);
  const double full = median_rows_per_second(full_rows, [&] {
    for (std::size_t r = 0; r < full_rows; ++r) {
      std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(r * n_items), n_items,
                  resp.values.begin());
      checksum += securebase::score(ins, resp).scales.size();
    }
  });
  std::printf("instrument ecr-r (36 items, 2 scales), 10%% missing\n");
  std::printf("score_raw (kernel): %.3g rows/s (median of 7 runs over %zu rows)\n", kernel, rows);
  std::printf("score() with provenance: %.3g rows/s (median of 7 runs over %zu rows)\n", full,
              full_rows);
  std::printf("checksum %.6g\n", checksum);
  return 0;
}
