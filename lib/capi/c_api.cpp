// securebase: the C API (include/securebase/securebase.h), a thin layer over the C++ API: the
// version, the per-thread last error, instruments and sb_score. Metadata and item text are in
// c_meta.cpp, the scores-only and array calls and statistics in c_array.cpp, saved results,
// rendering and comparison in c_result.cpp. Every entry point catches everything.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "capi/capi_support.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/feedback_text.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/explain.hpp"
#include "securebase/version.hpp"

namespace securebase::capi {

namespace {

// One problem of the last call, in the parts a binding may want apart.
struct Problem {
  int code = SB_OK;
  std::string where;
  std::string text;
  std::string line;  // "[securebase.FAMILY.CODE] where: text"
};

// The problems of the last call, one list per thread (like errno): an instrument is shared
// read-only between threads, so a failed call cannot record them on the instrument.
struct LastError {
  int code = SB_OK;
  std::string message;  // what the call's Error printed (the first problem, then the others)
  std::vector<Problem> problems;
};

LastError& last_error() noexcept {
  thread_local LastError error;
  return error;
}

const Problem* problem_at(std::size_t index) noexcept {
  const LastError& e = last_error();
  return index < e.problems.size() ? &e.problems[index] : nullptr;
}

// "securebase.capi.N": the identifier of a C-layer code, in the form of error_id.
std::string capi_id(int code) { return "securebase.capi." + std::to_string(code); }

}  // namespace

void clear_last_error() noexcept {
  LastError& e = last_error();
  e.code = SB_OK;
  e.message.clear();
  e.problems.clear();
}

int record_error(const Error& error) noexcept {
  LastError& e = last_error();
  e.code = static_cast<int>(error.code());
  try {
    e.message = error.what();
    e.problems.clear();
    for (const Diagnostic& d : error.problems()) {
      e.problems.push_back({static_cast<int>(d.code), d.where, d.message, format_diagnostic(d)});
    }
  } catch (...) {
    e.message.clear();  // out of memory: the code still tells what happened
    e.problems.clear();
  }
  return e.code;
}

int record_capi_error(int code, std::string_view function, std::string_view message) noexcept {
  LastError& e = last_error();
  e.code = code;
  try {
    e.problems.clear();
    Problem p{code, std::string(function), std::string(message), ""};
    p.line = "[" + capi_id(code) + "] " + p.where + ": " + p.text;
    e.message = p.line;
    e.problems.push_back(std::move(p));
  } catch (...) {
    e.message.clear();
    e.problems.clear();
  }
  return code;
}

int record_internal(std::string_view function, std::string_view what) noexcept {
  try {
    const Error error(
        ErrorCode::internal, std::string(function),
        "unexpected failure, please report it as a bug in securebase: " + std::string(what));
    return record_error(error);
  } catch (...) {
    return record_capi_error(SB_ERROR_INTERNAL, function, "unexpected failure");
  }
}

void require(const void* pointer, const char* name) {
  if (pointer == nullptr) {
    throw CApiError{SB_ERROR_NULL_ARGUMENT, std::string(name) + " must not be NULL"};
  }
}

std::string_view text_arg(const char* text, std::size_t length, const char* name) {
  if (text == nullptr && length == 0) return {};
  require(text, name);
  const void* nul = std::memchr(text, '\0', length);
  if (nul != nullptr) {
    const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - text);
    throw CApiError{SB_ERROR_BAD_ARGUMENT,
                    std::string(name) + " holds a NUL byte at offset " + std::to_string(at) +
                        " of " + std::to_string(length) +
                        "; pass the text without NUL bytes (or its length up to the first)"};
  }
  return {text, length};
}

std::string_view text_arg(const char* text, const char* name) {
  require(text, name);
  return {text, std::strlen(text)};
}

detail::Json options_json(std::string_view text) {
  try {
    return detail::parse_json_strict(text, "options", ErrorCode::answers_syntax,
                                     ErrorCode::answers_duplicate);
  } catch (const Error& e) {
    throw CApiError{SB_ERROR_BAD_OPTIONS, e.where() + ": " + e.message()};
  }
}

char* copy_string(std::string_view text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

sb_instrument* new_handle(const Instrument& instrument) {
  ScoringSteps steps = scoring_steps(instrument, std::nullopt, "");
  return new sb_instrument{instrument, std::move(steps), make_dense_key(instrument)};
}

const Instrument& instrument_of(const sb_instrument* instrument) {
  require(instrument, "instrument");
  return instrument->instrument;
}

}  // namespace securebase::capi

namespace {

using securebase::capi::CApiError;
using securebase::capi::guarded;
using securebase::capi::require;
using securebase::capi::text_arg;

struct Options {
  securebase::ScoreOptions score;
  securebase::ProfileOptions profile;
  std::string language = "en";
};

Options parse_options(std::string_view options_json) {
  Options options;
  if (options_json.data() == nullptr) return options;
  const securebase::detail::Json json = securebase::capi::options_json(options_json);
  if (!json.is_object()) {
    throw CApiError{SB_ERROR_BAD_OPTIONS,
                    "options must be a JSON object such as {\"norm_set\": \"osp-2018\"}, not " +
                        std::string(securebase::detail::json_type_name(json))};
  }
  for (const auto& [key, value] : json.items()) {
    std::string* target = key == "norm_set"            ? &options.score.norm_set
                          : key == "language"          ? &options.language
                          : key == "boundary_norm_set" ? &options.profile.boundary_norm_set
                                                       : nullptr;
    if (target == nullptr) {
      throw CApiError{SB_ERROR_BAD_OPTIONS,
                      "options: unknown member \"" + key +
                          "\"; the members are norm_set, language and boundary_norm_set"};
    }
    if (!value.is_string()) {
      throw CApiError{SB_ERROR_BAD_OPTIONS,
                      "options: \"" + key + "\" must be a string, not " +
                          std::string(securebase::detail::json_type_name(value))};
    }
    *target = value.get<std::string>();
  }
  return options;
}

template <typename Loader>
int load(sb_instrument** out, const char* function, Loader&& loader) noexcept {
  return guarded(function, [&] {
    require(out, "out");
    *out = nullptr;
    *out = securebase::capi::new_handle(loader());
  });
}

int score_text(const char* function, const sb_instrument* instrument, std::string_view answers,
               std::string_view options_json, sb_result** out) {
  return guarded(function, [&] {
    const Options options = parse_options(options_json);
    const securebase::Instrument& ins = instrument->instrument;
    const securebase::FeedbackText text = securebase::embedded_feedback_text(options.language);
    const securebase::Responses responses = securebase::parse_answers(ins, answers, "answers");
    auto result = std::make_unique<sb_result>();
    result->scores = securebase::score(ins, responses, options.score);
    securebase::ExplainOptions explain;
    explain.language = options.language;
    explain.profile = options.profile;
    const securebase::Explained e = securebase::explain_result(ins, result->scores, text, explain);
    result->json = securebase::to_result_json(result->scores, e.profile, e.feedback);
    *out = result.release();
  });
}

// The name table of sb_error_name: every C-layer code and every code of the catalogue.
const std::vector<std::pair<int, std::string>>& error_names() {
  static const std::vector<std::pair<int, std::string>> names = [] {
    std::vector<std::pair<int, std::string>> n{{SB_OK, "securebase.ok"}};
    for (int c = SB_ERROR_NULL_ARGUMENT; c <= SB_ERROR_BAD_ARGUMENT; ++c) {
      n.emplace_back(c, "securebase.capi." + std::to_string(c));
    }
    for (securebase::ErrorCode c : securebase::all_error_codes()) {
      n.emplace_back(static_cast<int>(c), securebase::error_id(c));
    }
    return n;
  }();
  return names;
}

}  // namespace

namespace {

// One scale's score of a result; SB_ERROR_NO_SUCH_SCALE naming the scales it has.
double scale_score_of(const sb_result* result, std::string_view scale_id) {
  const securebase::ScaleScore* s = result->scores.find(scale_id);
  if (s == nullptr) {
    std::string known;
    for (const securebase::ScaleScore& scale : result->scores.scales) {
      known += (known.empty() ? "" : ", ") + scale.scale_id;
    }
    throw CApiError{SB_ERROR_NO_SUCH_SCALE, "the instrument " + result->scores.instrument_id +
                                                " has no scale \"" + std::string(scale_id) +
                                                "\"; its scales are " + known};
  }
  return s->value;
}

}  // namespace

extern "C" {

const char* sb_version(void) { return SECUREBASE_VERSION_STRING; }

int sb_version_number(void) {
  return SECUREBASE_VERSION_MAJOR * 10000 + SECUREBASE_VERSION_MINOR * 100 +
         SECUREBASE_VERSION_PATCH;
}

const char* sb_error_name(int code) {
  try {
    for (const auto& [c, name] : error_names()) {
      if (c == code) return name.c_str();
    }
  } catch (...) {  // out of memory building the table
  }
  return nullptr;
}

const char* sb_last_error_message(void) { return securebase::capi::last_error().message.c_str(); }

int sb_last_error_code(void) { return securebase::capi::last_error().code; }

size_t sb_last_error_count(void) { return securebase::capi::last_error().problems.size(); }

int sb_last_error_code_at(size_t index) {
  const auto* p = securebase::capi::problem_at(index);
  return p == nullptr ? SB_OK : p->code;
}

const char* sb_last_error_where_at(size_t index) {
  const auto* p = securebase::capi::problem_at(index);
  return p == nullptr ? "" : p->where.c_str();
}

const char* sb_last_error_text_at(size_t index) {
  const auto* p = securebase::capi::problem_at(index);
  return p == nullptr ? "" : p->text.c_str();
}

const char* sb_last_error_message_at(size_t index) {
  const auto* p = securebase::capi::problem_at(index);
  return p == nullptr ? "" : p->line.c_str();
}

void sb_string_free(char* text) { std::free(text); }

int sb_embedded_instrument_ids(char** out_json) {
  return guarded("sb_embedded_instrument_ids", [&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    const securebase::detail::Json ids = securebase::embedded_instrument_ids();
    *out_json = securebase::capi::copy_string(ids.dump());
  });
}

int sb_instrument_load_embedded(const char* id, sb_instrument** out) {
  return load(out, "sb_instrument_load_embedded",
              [&] { return securebase::load_embedded_instrument(text_arg(id, "id")); });
}

int sb_instrument_load_embedded_n(const char* id, size_t id_len, sb_instrument** out) {
  return load(out, "sb_instrument_load_embedded_n",
              [&] { return securebase::load_embedded_instrument(text_arg(id, id_len, "id")); });
}

int sb_instrument_load_file(const char* path, sb_instrument** out) {
  return load(out, "sb_instrument_load_file",
              [&] { return securebase::load_instrument_file(text_arg(path, "path")); });
}

int sb_instrument_load_file_n(const char* path, size_t path_len, sb_instrument** out) {
  return load(out, "sb_instrument_load_file_n",
              [&] { return securebase::load_instrument_file(text_arg(path, path_len, "path")); });
}

int sb_instrument_parse(const char* json, const char* source, sb_instrument** out) {
  return load(out, "sb_instrument_parse", [&] {
    return securebase::parse_instrument(text_arg(json, "json"),
                                        source == nullptr ? "instrument" : source);
  });
}

int sb_instrument_parse_n(const char* json, size_t json_len, const char* source,
                          sb_instrument** out) {
  return load(out, "sb_instrument_parse_n", [&] {
    return securebase::parse_instrument(text_arg(json, json_len, "json"),
                                        source == nullptr ? "instrument" : source);
  });
}

const char* sb_instrument_id(const sb_instrument* instrument) {
  return instrument == nullptr ? nullptr : instrument->instrument.id().c_str();
}

void sb_instrument_free(sb_instrument* instrument) { delete instrument; }

int sb_score(const sb_instrument* instrument, const char* answers, const char* options_json,
             sb_result** out) {
  const int status = guarded("sb_score", [&] {
    require(out, "out");
    *out = nullptr;
    require(instrument, "instrument");
    require(answers, "answers");
  });
  if (status != SB_OK) return status;
  return score_text("sb_score", instrument, answers,
                    options_json == nullptr ? std::string_view() : std::string_view(options_json),
                    out);
}

int sb_score_n(const sb_instrument* instrument, const char* answers, size_t answers_len,
               const char* options_json, size_t options_len, sb_result** out) {
  std::string_view a;
  std::string_view o;
  const int status = guarded("sb_score_n", [&] {
    require(out, "out");
    *out = nullptr;
    require(instrument, "instrument");
    a = text_arg(answers, answers_len, "answers");
    o = text_arg(options_json, options_len, "options_json");
  });
  if (status != SB_OK) return status;
  return score_text("sb_score_n", instrument, a, o, out);
}

const char* sb_result_json(const sb_result* result) {
  return result == nullptr ? nullptr : result->json.c_str();
}

int sb_result_scale_score(const sb_result* result, const char* scale_id, double* value) {
  return guarded("sb_result_scale_score", [&] {
    require(value, "value");
    *value = std::numeric_limits<double>::quiet_NaN();
    require(result, "result");
    require(scale_id, "scale_id");
    *value = scale_score_of(result, scale_id);
  });
}

int sb_result_scale_score_n(const sb_result* result, const char* scale_id, size_t scale_id_len,
                            double* value) {
  return guarded("sb_result_scale_score_n", [&] {
    require(value, "value");
    *value = std::numeric_limits<double>::quiet_NaN();
    require(result, "result");
    *value = scale_score_of(result, text_arg(scale_id, scale_id_len, "scale_id"));
  });
}

void sb_result_free(sb_result* result) { delete result; }

}  // extern "C"
