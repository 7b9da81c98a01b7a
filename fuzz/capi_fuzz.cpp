// Fuzz target: the C API as a binding calls it, with (pointer, length) inputs. The first byte
// picks the call (answers text, scores only, the array call over the bytes as doubles, a result
// document rendered, an item-text buffer, an instrument, a statistics partial); the rest is its
// input. Every call must return a named status, and a failure must leave a message and at least
// one problem; the scores-only call must agree with sb_score on the same text.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz_support.hpp"
#include "securebase/securebase.h"

namespace {

void check_status(int status) {
  if (sb_error_name(status) == nullptr) securebase::fuzz::broken("a status with no name");
  if (status != sb_last_error_code()) securebase::fuzz::broken("last error code differs");
  if (status == SB_OK) {
    if (sb_last_error_count() != 0) securebase::fuzz::broken("problems after success");
    return;
  }
  if (sb_last_error_count() == 0) securebase::fuzz::broken("a failure with no problem");
  if (sb_last_error_message()[0] != '[') securebase::fuzz::broken("a message without its code");
}

void scores_agree(const sb_instrument* ins, const char* text, std::size_t size) {
  double values[16];
  const int status = sb_score_values(ins, text, size, values, nullptr, 16);
  check_status(status);
  sb_result* result = nullptr;
  const int full = sb_score_n(ins, text, size, nullptr, 0, &result);
  check_status(full);
  if ((status == SB_OK) != (full == SB_OK)) securebase::fuzz::broken("score calls disagree");
  if (status == SB_OK) {
    double v = 0;
    check_status(sb_result_scale_score(result, sb_instrument_scale_id(ins, 0), &v));
    if (std::memcmp(&v, &values[0], sizeof v) != 0) securebase::fuzz::broken("scores differ");
  }
  sb_result_free(result);
}

void array(const sb_instrument* ins, const std::uint8_t* data, std::size_t size) {
  if (size < 1) return;
  const std::size_t items = sb_instrument_item_count(ins);
  const std::size_t stride = items + data[0] % 3;
  std::vector<double> values((size - 1) / sizeof(double));
  if (!values.empty()) std::memcpy(values.data(), data + 1, values.size() * sizeof(double));
  const std::size_t rows = values.size() / stride;
  std::vector<double> scores(rows * 16);
  std::vector<std::uint32_t> answered(rows * 16);
  std::vector<int> status(rows);
  std::size_t invalid = 0;
  check_status(sb_score_array(ins, values.data(), rows, stride, scores.data(), 16, answered.data(),
                              status.data(), &invalid));
  for (int s : status) {
    if (s != SB_OK && s != 203 && s != 204) securebase::fuzz::broken("row status not 0/203/204");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static sb_instrument* core = [] {
    sb_instrument* i = nullptr;
    if (sb_instrument_load_embedded("securebase-core", &i) != SB_OK) {
      securebase::fuzz::broken("no securebase-core");
    }
    return i;
  }();
  if (size == 0) return 0;
  const char* text = reinterpret_cast<const char*>(data + 1);
  const std::size_t n = size - 1;
  switch (data[0] % 6) {
    case 0:
      scores_agree(core, text, n);
      break;
    case 1:
      array(core, data + 1, n);
      break;
    case 2: {
      sb_result* r = nullptr;
      const int status = sb_result_load_n(text, n, "fuzz.json", &r);
      check_status(status);
      if (status == SB_OK) {
        char* out = nullptr;
        check_status(sb_result_render(core, r, "text", nullptr, &out));
        sb_string_free(out);
      }
      sb_result_free(r);
      break;
    }
    case 3: {
      sb_text* t = nullptr;
      check_status(sb_text_parse_n(core, text, n, "fuzz.json", &t));
      sb_text_free(t);
      break;
    }
    case 4: {
      sb_instrument* i = nullptr;
      check_status(sb_instrument_parse_n(text, n, "fuzz.json", &i));
      sb_instrument_free(i);
      break;
    }
    default: {
      sb_stats* s = nullptr;
      check_status(sb_stats_new(core, &s));
      check_status(sb_stats_merge_partial_n(s, text, n, "fuzz.json"));
      sb_stats_free(s);
      break;
    }
  }
  return 0;
}
