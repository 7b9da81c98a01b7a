// securebase C API: scores without a result document. One respondent from answer text, many
// from an array of doubles, and the statistics accumulator fed from such arrays. All of it goes
// through the engine every front end uses: the answer checks (detail::check_value), the kernel
// (score_raw) and the per-scale step (apply_step).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "capi/capi_support.hpp"
#include "core/answer_checks.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/stats_json.hpp"
#include "securebase/io/stats_partial.hpp"
#include "securebase/stats/summary.hpp"

namespace securebase::capi {

RowScorer::RowScorer(const sb_instrument& handle)
    : instrument_(handle.instrument),
      steps_(handle.steps),
      key_(handle.dense),
      row_(handle.dense),
      raw_(handle.instrument.scales().size()) {}

int RowScorer::score(const double* values, double* scores, std::uint32_t* answered) {
  const std::size_t n_items = instrument_.items().size();
  // A row read_dense_row rejects goes to check_value itself, answer by answer, so that the code
  // is the one every other front end gives.
  const bool read = key_.readable && read_dense_row(key_, values, row_);
  if (!read) {
    for (std::size_t i = 0; i < n_items; ++i) {
      try {
        detail::check_value(instrument_, i, values[i], "row");
      } catch (const Error& e) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (std::size_t s = 0; s < raw_.size(); ++s) {
          scores[s] = nan;
          if (answered != nullptr) answered[s] = 0;
        }
        return static_cast<int>(e.code());
      }
    }
  }
  if (read && key_.usable) {
    dense_raw_scores(instrument_, key_, row_, raw_);
  } else {
    score_raw(instrument_.plan(), std::span<const double>(values, n_items), raw_);
  }
  for (std::size_t s = 0; s < raw_.size(); ++s) {
    const ScaleOutcome o = apply_step(steps_.scales[s], raw_[s]);
    scores[s] = o.value;
    if (answered != nullptr) answered[s] = o.n_answered;
  }
  return SB_OK;
}

}  // namespace securebase::capi

namespace {

using securebase::capi::CApiError;
using securebase::capi::guarded;
using securebase::capi::instrument_of;
using securebase::capi::require;
using securebase::capi::text_arg;

// Throws SB_ERROR_BAD_ARGUMENT when a stride or capacity is below what it must hold.
void require_at_least(std::size_t value, std::size_t needed, const char* name, const char* what) {
  if (value < needed) {
    throw CApiError{SB_ERROR_BAD_ARGUMENT, std::string(name) + " is " + std::to_string(value) +
                                               ", but must be at least " + std::to_string(needed) +
                                               " (" + what + ")"};
  }
}

// Scores `rows` rows into the caller's buffers; returns the number of rows not SB_OK.
std::size_t score_rows(const sb_instrument& ins, const double* values, std::size_t rows,
                       std::size_t row_stride, double* scores, std::size_t score_stride,
                       std::uint32_t* answered, int* row_status) {
  securebase::capi::RowScorer scorer(ins);
  std::size_t invalid = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const int status = scorer.score(values + r * row_stride, scores + r * score_stride,
                                    answered == nullptr ? nullptr : answered + r * score_stride);
    if (row_status != nullptr) row_status[r] = status;
    if (status != SB_OK) ++invalid;
  }
  return invalid;
}

// The checks shared by the array calls: pointers and strides that fit the instrument.
void check_array(const securebase::Instrument& ins, const double* values, std::size_t rows,
                 std::size_t row_stride) {
  if (rows == 0) return;
  require(values, "values");
  require_at_least(row_stride, ins.items().size(), "row_stride", "the instrument's items");
  if (row_stride > std::numeric_limits<std::size_t>::max() / sizeof(double) / rows) {
    throw CApiError{SB_ERROR_BAD_ARGUMENT, "rows * row_stride does not fit in memory"};
  }
}

}  // namespace

extern "C" {

int sb_score_values(const sb_instrument* instrument, const char* answers, size_t answers_len,
                    double* scores, uint32_t* answered, size_t capacity) {
  return guarded("sb_score_values", [&] {
    const securebase::Instrument& ins = instrument_of(instrument);
    require(scores, "scores");
    require_at_least(capacity, ins.scales().size(), "capacity", "the instrument's scales");
    const std::string_view text = text_arg(answers, answers_len, "answers");  // NULL, 0: empty
    const securebase::Responses responses = securebase::parse_answers(ins, text, "answers");
    securebase::capi::RowScorer scorer(*instrument);
    scorer.score(responses.values.data(), scores, answered);  // parse_answers checked them
  });
}

int sb_score_array(const sb_instrument* instrument, const double* values, size_t rows,
                   size_t row_stride, double* scores, size_t score_stride, uint32_t* answered,
                   int* row_status, size_t* rows_invalid) {
  return guarded("sb_score_array", [&] {
    if (rows_invalid != nullptr) *rows_invalid = 0;
    const securebase::Instrument& ins = instrument_of(instrument);
    check_array(ins, values, rows, row_stride);
    if (rows == 0) return;
    require(scores, "scores");
    require_at_least(score_stride, ins.scales().size(), "score_stride", "the instrument's scales");
    const std::size_t invalid = score_rows(*instrument, values, rows, row_stride, scores,
                                           score_stride, answered, row_status);
    if (rows_invalid != nullptr) *rows_invalid = invalid;
  });
}

int sb_stats_new(const sb_instrument* instrument, sb_stats** out) {
  return guarded("sb_stats_new", [&] {
    require(out, "out");
    *out = nullptr;
    const securebase::Instrument& ins = instrument_of(instrument);
    *out = new sb_stats{*instrument,
                        securebase::stats::make_accumulator(securebase::stats::layout_of(ins))};
  });
}

int sb_stats_add_array(sb_stats* stats, const double* values, size_t rows, size_t row_stride,
                       size_t* rows_added) {
  return guarded("sb_stats_add_array", [&] {
    if (rows_added != nullptr) *rows_added = 0;
    require(stats, "stats");
    const securebase::Instrument& ins = stats->handle.instrument;
    check_array(ins, values, rows, row_stride);
    const std::size_t n_items = ins.items().size();
    securebase::capi::RowScorer scorer(stats->handle);
    securebase::stats::RowBlock block = securebase::stats::make_block(stats->acc.layout);
    std::vector<double> scores(scorer.scales());
    std::size_t added = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const double* row = values + r * row_stride;
      if (scorer.score(row, scores.data(), nullptr) != SB_OK) continue;
      securebase::stats::append_row(block, std::span<const double>(row, n_items), scores);
      ++added;
      if (block.rows() == 4096) {
        securebase::stats::add_rows(stats->acc, block);
        block.values.clear();
      }
    }
    if (block.rows() > 0) securebase::stats::add_rows(stats->acc, block);
    if (rows_added != nullptr) *rows_added = added;
  });
}

int sb_stats_partial_json(const sb_stats* stats, char** out_json) {
  return guarded("sb_stats_partial_json", [&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    require(stats, "stats");
    *out_json = securebase::capi::copy_string(securebase::to_stats_partial_json(stats->acc));
  });
}

int sb_stats_merge_partial_n(sb_stats* stats, const char* json, size_t json_len,
                             const char* source) {
  return guarded("sb_stats_merge_partial_n", [&] {
    require(stats, "stats");
    const std::string_view text = text_arg(json, json_len, "json");
    require(text.data(), "json");
    const securebase::stats::Accumulator other =
        securebase::parse_stats_partial_json(text, source == nullptr ? "partial" : source);
    stats->acc = securebase::stats::merge(stats->acc, other);
  });
}

int sb_stats_summary_json(const sb_stats* stats, char** out_json) {
  return guarded("sb_stats_summary_json", [&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    require(stats, "stats");
    const securebase::stats::Summary summary = securebase::stats::summarise(stats->acc);
    *out_json = securebase::capi::copy_string(securebase::to_stats_json(summary));
  });
}

void sb_stats_free(sb_stats* stats) { delete stats; }

}  // extern "C"
