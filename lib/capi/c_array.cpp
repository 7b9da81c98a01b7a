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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "capi/capi_support.hpp"
#include "core/answer_checks.hpp"
#include "core/raw_score.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/stats_json.hpp"
#include "securebase/io/stats_partial.hpp"
#include "securebase/stats/summary.hpp"

namespace securebase::capi {

RowScorer::RowScorer(const Instrument& instrument, const ScoringSteps& steps)
    : instrument_(instrument),
      steps_(steps),
      raw_(instrument.scales().size()),
      min_(instrument.plan().min),
      max_(instrument.plan().max) {
  const ScoringPlan& plan = instrument.plan();
  const std::size_t n_scales = raw_.size();
  const bool composites =
      !plan.component_begin.empty() && plan.component_begin.front() != plan.component_begin.back();
  dense_ = !composites && std::all_of(plan.entry_weight.begin(), plan.entry_weight.end(),
                                      [](double w) { return w == 1.0; });
  if (!dense_) return;
  padded_ = (instrument.items().size() + 1) / 2 * 2;
  sign_.assign(n_scales * padded_, 0.0);
  offset_.assign(n_scales * padded_, 0.0);
  keyed_.assign(n_scales * padded_, 0.0);
  for (std::size_t s = 0; s < n_scales; ++s) {
    for (std::uint32_t e = plan.scale_begin[s]; e < plan.scale_begin[s + 1]; ++e) {
      const std::size_t at = s * padded_ + plan.entry_item[e];
      const bool reversed = plan.entry_reversed[e] != 0;
      sign_[at] += reversed ? -1.0 : 1.0;
      offset_[at] += reversed ? plan.reverse_sum : 0.0;
      keyed_[at] += 1.0;
    }
  }
}

void RowScorer::dense_raw(const double* values) {
  const std::size_t n_items = instrument_.items().size();
  for (std::size_t s = 0; s < raw_.size(); ++s) {
    const double* sign = sign_.data() + s * padded_;
    const double* offset = offset_.data() + s * padded_;
    const double* keyed = keyed_.data() + s * padded_;
    double sum = 0;
    double n = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    __m128d sum2 = _mm_setzero_pd();
    __m128d n2 = _mm_setzero_pd();
    for (; i + 2 <= n_items; i += 2) {
      const __m128d x = _mm_loadu_pd(values + i);
      const __m128d answered = _mm_cmpord_pd(x, x);  // all ones unless NaN
      const __m128d term =
          _mm_add_pd(_mm_mul_pd(_mm_loadu_pd(sign + i), x), _mm_loadu_pd(offset + i));
      sum2 = _mm_add_pd(sum2, _mm_and_pd(answered, term));
      n2 = _mm_add_pd(n2, _mm_and_pd(answered, _mm_loadu_pd(keyed + i)));
    }
    double lanes[2];
    _mm_storeu_pd(lanes, sum2);
    sum = lanes[0] + lanes[1];
    _mm_storeu_pd(lanes, n2);
    n = lanes[0] + lanes[1];
#endif
    for (; i < n_items; ++i) {
      const double x = values[i];
      const bool answered = !std::isnan(x);
      sum += answered ? sign[i] * x + offset[i] : 0.0;
      n += answered ? keyed[i] : 0.0;
    }
    raw_[s] = detail::raw_from_sum(instrument_.plan(), s, sum, static_cast<std::uint32_t>(n),
                                   std::nullopt);
  }
}

namespace {

// True when some answer is neither missing (NaN) nor a whole number in [lo, hi]: exactly what
// check_value rejects (tests/c_api_v1_test.cpp proves it on every kind of double). No branch
// per answer; with SSE2, two answers at a time: a NaN lane is unordered, and an in-range
// lane is whole when truncating it to a 32-bit integer and back gives it again (lo and hi are
// response-scale bounds, far inside the int32 range).
bool any_bad_answer(const double* values, std::size_t n, double lo, double hi) noexcept {
  std::size_t i = 0;
  unsigned bad = 0;
#if defined(__SSE2__)
  const __m128d vlo = _mm_set1_pd(lo);
  const __m128d vhi = _mm_set1_pd(hi);
  __m128d bad_lanes = _mm_setzero_pd();
  for (; i + 2 <= n; i += 2) {
    const __m128d v = _mm_loadu_pd(values + i);
    const __m128d in_range = _mm_and_pd(_mm_cmpge_pd(v, vlo), _mm_cmple_pd(v, vhi));
    // Out-of-range lanes become lo before the round trip, so no conversion overflows.
    const __m128d clamped = _mm_or_pd(_mm_and_pd(in_range, v), _mm_andnot_pd(in_range, vlo));
    const __m128d back = _mm_cvtepi32_pd(_mm_cvttpd_epi32(clamped));
    const __m128d good =
        _mm_or_pd(_mm_and_pd(in_range, _mm_cmpeq_pd(back, v)), _mm_cmpunord_pd(v, v));
    bad_lanes = _mm_or_pd(bad_lanes, _mm_xor_pd(good, _mm_castsi128_pd(_mm_set1_epi32(-1))));
  }
  bad = static_cast<unsigned>(_mm_movemask_pd(bad_lanes));
#endif
  for (; i < n; ++i) {
    const double v = values[i];
    const double in_range = (v >= lo && v <= hi) ? v : lo;  // NaN and +-inf give lo
    const bool whole = in_range == static_cast<double>(static_cast<int>(in_range));
    bad |= static_cast<unsigned>(!((in_range == v) & whole) & (v == v));  // NOLINT: NaN test
  }
  return bad != 0;
}

}  // namespace

int RowScorer::score(const double* values, double* scores, std::uint32_t* answered) {
  const std::size_t n_items = instrument_.items().size();
  // A row any_bad_answer rejects goes to check_value itself, answer by answer, so that the code
  // is the one every other front end gives.
  if (any_bad_answer(values, n_items, min_, max_)) {
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
  if (dense_) {
    dense_raw(values);
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
  securebase::capi::RowScorer scorer(ins.instrument, ins.steps);
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
    securebase::capi::RowScorer scorer(ins, instrument->steps);
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
    *out = new sb_stats{ins, instrument->steps,
                        securebase::stats::make_accumulator(securebase::stats::layout_of(ins))};
  });
}

int sb_stats_add_array(sb_stats* stats, const double* values, size_t rows, size_t row_stride,
                       size_t* rows_added) {
  return guarded("sb_stats_add_array", [&] {
    if (rows_added != nullptr) *rows_added = 0;
    require(stats, "stats");
    const securebase::Instrument& ins = stats->instrument;
    check_array(ins, values, rows, row_stride);
    const std::size_t n_items = ins.items().size();
    securebase::capi::RowScorer scorer(ins, stats->steps);
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
