// securebase: the C API (include/securebase/securebase.h), a thin layer over the C++ API.
// Every entry point catches everything: no exception crosses into C.
#include "securebase/securebase.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/io/answers.hpp"
#include "securebase/io/feedback_text.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/explain.hpp"
#include "securebase/version.hpp"

struct sb_instrument {
  securebase::Instrument instrument;
};

struct sb_result {
  securebase::Scores scores;
  std::string json;
};

namespace {

// The message of the last call, one per thread (like errno): an instrument is shared read-only
// between threads, so a failed call cannot record its message on the instrument.
struct LastError {
  int code = SB_OK;
  std::string message;
};

LastError& last_error() noexcept {
  thread_local LastError error;
  return error;
}

// A failure of the C layer itself, with one of the C-API codes.
struct CApiError {
  int code;
  std::string message;
};

int fail(int code, const char* message) noexcept {
  LastError& e = last_error();
  e.code = code;
  try {
    e.message = message;
  } catch (...) {
    e.message.clear();  // out of memory: the code still tells what happened
  }
  return code;
}

// Runs `body`, turning every exception into a status and recording its message.
template <typename Body>
int guarded(const char* function, Body&& body) noexcept {
  try {
    std::forward<Body>(body)();
    LastError& e = last_error();
    e.code = SB_OK;
    e.message.clear();
    return SB_OK;
  } catch (const securebase::Error& error) {
    return fail(static_cast<int>(error.code()), error.what());
  } catch (const CApiError& error) {
    return fail(error.code, (std::string(function) + ": " + error.message).c_str());
  } catch (const std::bad_alloc&) {
    return fail(SB_ERROR_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& error) {
    try {
      return fail(SB_ERROR_INTERNAL, (std::string(function) +
                                      ": unexpected failure, please report it as a bug in "
                                      "securebase: " +
                                      error.what())
                                         .c_str());
    } catch (...) {
      return fail(SB_ERROR_INTERNAL, "unexpected failure, please report it as a bug");
    }
  } catch (...) {
    return fail(SB_ERROR_INTERNAL, "unexpected failure, please report it as a bug in securebase");
  }
}

void require(const void* pointer, const char* name) {
  if (pointer == nullptr) {
    throw CApiError{SB_ERROR_NULL_ARGUMENT, std::string(name) + " must not be NULL"};
  }
}

char* copy_string(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

struct Options {
  securebase::ScoreOptions score;
  securebase::ProfileOptions profile;
  std::string language = "en";
};

Options parse_options(const char* options_json) {
  Options options;
  if (options_json == nullptr) return options;
  securebase::detail::Json json;
  try {
    json = securebase::detail::parse_json_strict(options_json, "options",
                                                 securebase::ErrorCode::answers_syntax,
                                                 securebase::ErrorCode::answers_duplicate);
  } catch (const securebase::Error& e) {
    throw CApiError{SB_ERROR_BAD_OPTIONS, e.where() + ": " + e.message()};
  }
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

int load(sb_instrument** out, const char* function,
         securebase::Instrument (*loader)(const char*, const char*), const char* argument,
         const char* argument_name, const char* source) noexcept {
  return guarded(function, [&] {
    require(out, "out");
    *out = nullptr;
    require(argument, argument_name);
    *out = new sb_instrument{loader(argument, source)};
  });
}

}  // namespace

extern "C" {

const char* sb_version(void) { return SECUREBASE_VERSION_STRING; }

const char* sb_last_error_message(void) { return last_error().message.c_str(); }

int sb_last_error_code(void) { return last_error().code; }

int sb_embedded_instrument_ids(char** out_json) {
  return guarded("sb_embedded_instrument_ids", [&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    const securebase::detail::Json ids = securebase::embedded_instrument_ids();
    *out_json = copy_string(ids.dump());
  });
}

int sb_instrument_load_embedded(const char* id, sb_instrument** out) {
  return load(
      out, "sb_instrument_load_embedded",
      [](const char* i, const char*) { return securebase::load_embedded_instrument(i); }, id, "id",
      nullptr);
}

int sb_instrument_load_file(const char* path, sb_instrument** out) {
  return load(
      out, "sb_instrument_load_file",
      [](const char* p, const char*) { return securebase::load_instrument_file(p); }, path, "path",
      nullptr);
}

int sb_instrument_parse(const char* json, const char* source, sb_instrument** out) {
  return load(
      out, "sb_instrument_parse",
      [](const char* j, const char* s) {
        return securebase::parse_instrument(j, s == nullptr ? "instrument" : s);
      },
      json, "json", source);
}

const char* sb_instrument_id(const sb_instrument* instrument) {
  return instrument == nullptr ? nullptr : instrument->instrument.id().c_str();
}

void sb_instrument_free(sb_instrument* instrument) { delete instrument; }

int sb_score(const sb_instrument* instrument, const char* answers, const char* options_json,
             sb_result** out) {
  return guarded("sb_score", [&] {
    require(out, "out");
    *out = nullptr;
    require(instrument, "instrument");
    require(answers, "answers");
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

const char* sb_result_json(const sb_result* result) {
  return result == nullptr ? nullptr : result->json.c_str();
}

int sb_result_scale_score(const sb_result* result, const char* scale_id, double* value) {
  return guarded("sb_result_scale_score", [&] {
    require(value, "value");
    *value = std::numeric_limits<double>::quiet_NaN();
    require(result, "result");
    require(scale_id, "scale_id");
    const securebase::ScaleScore* s = result->scores.find(scale_id);
    if (s == nullptr) {
      std::string known;
      for (const securebase::ScaleScore& scale : result->scores.scales) {
        known += (known.empty() ? "" : ", ") + scale.scale_id;
      }
      throw CApiError{SB_ERROR_NO_SUCH_SCALE, "the instrument " + result->scores.instrument_id +
                                                  " has no scale \"" + scale_id +
                                                  "\"; its scales are " + known};
    }
    *value = s->value;
  });
}

void sb_result_free(sb_result* result) { delete result; }

void sb_string_free(char* text) { std::free(text); }

}  // extern "C"
