// Per-call times of the C API on ECR-R (36 items), as a binding sees them: sb_score (profile,
// feedback and the result document), sb_score_values (scores only, answer text parsed) and
// sb_score_array (rows x items doubles, NaN missing; 10% of answers missing, seeded). Prints the
// median and the best of 7 runs (this VM's timing noise is up to 1.5x; the best is steadier).
// Targets (issue 18): sb_score_values <= 5 us, sb_score_array >= 10M rows/s.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "securebase/securebase.h"

namespace {

struct Times {
  double median;
  double best;
};

template <typename F>
Times median_seconds(F&& body) {
  std::vector<double> times;
  for (int rep = 0; rep < 7; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    body();
    const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    times.push_back(dt.count());
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times.front()};
}

int check(int status) {
  if (status != SB_OK) {
    std::fprintf(stderr, "%s\n", sb_last_error_message());
    std::exit(1);
  }
  return status;
}

}  // namespace

int main() {
  sb_instrument* ins = nullptr;
  check(sb_instrument_load_embedded("ecr-r", &ins));
  const std::size_t items = sb_instrument_item_count(ins);
  const std::size_t scales = sb_instrument_scale_count(ins);
  std::mt19937 rng(20261207);
  std::uniform_int_distribution<int> answer(1, 7);
  std::bernoulli_distribution miss(0.1);

  // One respondent as item=value text, every item answered.
  std::string text;
  for (std::size_t i = 0; i < items; ++i) {
    text += std::to_string(i + 1) + "=" + std::to_string(answer(rng)) + " ";
  }

  const int score_calls = 300;
  const Times t_score = median_seconds([&] {
    for (int c = 0; c < score_calls; ++c) {
      sb_result* r = nullptr;
      check(sb_score(ins, text.c_str(), nullptr, &r));
      sb_result_free(r);
    }
  });
  std::vector<double> scores(scales);
  const int value_calls = 100'000;
  const Times t_values = median_seconds([&] {
    for (int c = 0; c < value_calls; ++c) {
      check(sb_score_values(ins, text.data(), text.size(), scores.data(), nullptr, scales));
    }
  });

  const std::size_t rows = 2'000'000;
  std::vector<double> data(rows * items);
  for (double& v : data) v = miss(rng) ? std::numeric_limits<double>::quiet_NaN() : answer(rng);
  std::vector<double> out(rows * scales);
  std::vector<std::uint32_t> answered(rows * scales);
  std::vector<int> status(rows);
  const Times t_array = median_seconds([&] {
    check(sb_score_array(ins, data.data(), rows, items, out.data(), scales, answered.data(),
                         status.data(), nullptr));
  });

  std::printf("sb_score          %8.1f us/call (best %.1f)\n", 1e6 * t_score.median / score_calls,
              1e6 * t_score.best / score_calls);
  std::printf("sb_score_values   %8.2f us/call (best %.2f; %zu bytes of answer text)\n",
              1e6 * t_values.median / value_calls, 1e6 * t_values.best / value_calls, text.size());
  std::printf("sb_score_array    %8.2f M rows/s (best %.2f; %.1f ns/row)\n",
              1e-6 * rows / t_array.median, 1e-6 * rows / t_array.best,
              1e9 * t_array.median / rows);
  sb_instrument_free(ins);
  return 0;
}
