// securebase C API: saved results read back, rendered (text, HTML, JSON feedback) and compared,
// through the same explain_result and renderers as the CLI's report and compare.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "capi/capi_support.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/change.hpp"
#include "securebase/io/change_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/explain.hpp"
#include "securebase/render/html.hpp"
#include "securebase/render/terminal.hpp"

namespace {

using securebase::capi::CApiError;
using securebase::capi::guarded;
using securebase::capi::instrument_of;
using securebase::capi::require;
using securebase::capi::text_arg;

struct RenderOptions {
  securebase::ExplainOptions explain;
  securebase::TextStyle style;
};

[[noreturn]] void bad_option(const std::string& message) {
  throw CApiError{SB_ERROR_BAD_OPTIONS, "options: " + message};
}

RenderOptions parse_render_options(std::optional<std::string_view> options_json) {
  RenderOptions o;
  if (!options_json) return o;
  const securebase::detail::Json json = securebase::capi::options_json(*options_json);
  if (!json.is_object()) bad_option("must be a JSON object such as {\"language\": \"es\"}");
  for (const auto& [key, value] : json.items()) {
    const std::string type(securebase::detail::json_type_name(value));
    if (key == "language" || key == "boundary_norm_set") {
      if (!value.is_string()) bad_option("\"" + key + "\" must be a string, not " + type);
      (key == "language" ? o.explain.language : o.explain.profile.boundary_norm_set) =
          value.get<std::string>();
    } else if (key == "width") {
      if (!value.is_number_integer()) bad_option("\"width\" must be a whole number, not " + type);
      o.style.width = static_cast<int>(std::clamp<long long>(value.get<long long>(), 0, 1000));
    } else if (key == "ascii") {
      if (!value.is_boolean()) bad_option("\"ascii\" must be true or false, not " + type);
      o.style.ascii = value.get<bool>();
    } else {
      bad_option("unknown member \"" + key +
                 "\"; the members are language, boundary_norm_set, width and ascii");
    }
  }
  return o;
}

}  // namespace

namespace {

// A result scored with `ins` rendered as `format` ("text", "html" or "json") with its options;
// the handles are checked by the caller.
std::string render_result(const securebase::Instrument& ins, const sb_result& result,
                          std::string_view f, std::optional<std::string_view> options_json,
                          const char* function) {
  if (f != "text" && f != "html" && f != "json") {
    throw CApiError{SB_ERROR_BAD_ARGUMENT,
                    "format is \"" + std::string(f) + "\"; it must be text, html or json"};
  }
  const RenderOptions o = parse_render_options(options_json);
  securebase::require_scored_with(ins, result.scores, function,
                                  "render it with the instrument it was scored with");
  const securebase::Explained e = securebase::explain_result(ins, result.scores, o.explain);
  return f == "json"   ? securebase::to_result_json(result.scores, e.profile, e.feedback)
         : f == "html" ? securebase::render_html(e.feedback, e.profile)
                       : securebase::render_text(e.feedback, e.profile, o.style);
}

}  // namespace

extern "C" {

int sb_result_load_n(const char* json, size_t json_len, const char* source, sb_result** out) {
  return guarded("sb_result_load_n", [&] {
    require(out, "out");
    *out = nullptr;
    const std::string_view text = text_arg(json, json_len, "json");
    require(text.data(), "json");
    auto result = std::make_unique<sb_result>();
    result->scores = securebase::parse_result_json(text, source == nullptr ? "result" : source);
    result->json = securebase::to_result_json(result->scores);
    *out = result.release();
  });
}

int sb_result_render(const sb_instrument* instrument, const sb_result* result, const char* format,
                     const char* options_json, char** out) {
  return guarded("sb_result_render", [&] {
    require(out, "out");
    *out = nullptr;
    const securebase::Instrument& ins = instrument_of(instrument);
    require(result, "result");
    const std::string_view f = text_arg(format, "format");
    const std::optional<std::string_view> options =
        options_json == nullptr ? std::nullopt : std::optional<std::string_view>(options_json);
    *out =
        securebase::capi::copy_string(render_result(ins, *result, f, options, "sb_result_render"));
  });
}

int sb_result_render_n(const sb_instrument* instrument, const sb_result* result, const char* format,
                       size_t format_len, const char* options_json, size_t options_len,
                       char** out) {
  return guarded("sb_result_render_n", [&] {
    require(out, "out");
    *out = nullptr;
    const securebase::Instrument& ins = instrument_of(instrument);
    require(result, "result");
    const std::string_view f = text_arg(format, format_len, "format");
    std::optional<std::string_view> options;
    if (options_json != nullptr || options_len != 0) {
      options = text_arg(options_json, options_len, "options_json");
    }
    *out = securebase::capi::copy_string(
        render_result(ins, *result, f, options, "sb_result_render_n"));
  });
}

int sb_result_compare(const sb_result* before, const sb_result* after, char** out_json) {
  return guarded("sb_result_compare", [&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    require(before, "before");
    require(after, "after");
    const securebase::ReliableChange rc =
        securebase::reliable_change(before->scores, after->scores);
    *out_json = securebase::capi::copy_string(securebase::to_change_json(rc));
  });
}

}  // extern "C"
