#include "securebase/core/error.hpp"

#include <utility>

namespace securebase {

namespace {

std::string render(const std::vector<Diagnostic>& problems) {
  std::string text = format_diagnostic(problems.front());
  if (problems.size() > 1) {
    text += " (and " + std::to_string(problems.size() - 1) + " more problem" +
            (problems.size() > 2 ? "s" : "") + ")";
    for (std::size_t i = 1; i < problems.size(); ++i)
      text += "\n  " + format_diagnostic(problems[i]);
  }
  return text;
}

std::vector<Diagnostic> non_empty(std::vector<Diagnostic> problems) {
  if (problems.empty()) {
    problems.push_back({ErrorCode::internal, "securebase", "an error was raised with no problem"});
  }
  return problems;
}

}  // namespace

Error::Error(ErrorCode code, std::string where, std::string message)
    : Error(std::vector<Diagnostic>{{code, std::move(where), std::move(message)}}) {}

Error::Error(std::vector<Diagnostic> problems)
    : std::runtime_error(render(non_empty(problems))), problems_(non_empty(std::move(problems))) {}

std::string_view error_family(ErrorCode code) noexcept {
  switch (static_cast<int>(code) / 100) {
    case 1:
      return "instrument";
    case 2:
      return "answers";
    case 3:
      return "norms";
    case 4:
      return "result";
    case 5:
      return "text";
    case 6:
      return "io";
    case 7:
      return "table";
    case 8:
      return "session";
    case 10:
      return "stats";
    default:
      return "internal";
  }
}

std::string error_id(ErrorCode code) {
  return "securebase." + std::string(error_family(code)) + "." +
         std::to_string(static_cast<int>(code));
}

std::string format_diagnostic(const Diagnostic& d) {
  // Appending (rather than chaining operator+) also avoids a GCC 12 -Wrestrict false positive.
  std::string text;
  text.reserve(d.where.size() + d.message.size() + 40);
  text.append("[").append(error_id(d.code)).append("] ").append(d.where).append(": ");
  text.append(d.message);
  return text;
}

const std::vector<ErrorCode>& all_error_codes() {
  static const std::vector<ErrorCode> codes = {
      ErrorCode::instrument_syntax,
      ErrorCode::instrument_missing_field,
      ErrorCode::instrument_wrong_type,
      ErrorCode::instrument_bad_value,
      ErrorCode::instrument_duplicate,
      ErrorCode::instrument_dangling,
      ErrorCode::instrument_unknown,
      ErrorCode::instrument_unknown_field,
      ErrorCode::answers_syntax,
      ErrorCode::answers_unknown_item,
      ErrorCode::answers_out_of_range,
      ErrorCode::answers_not_integer,
      ErrorCode::answers_duplicate,
      ErrorCode::norms_unknown_set,
      ErrorCode::norms_scale_absent,
      ErrorCode::result_syntax,
      ErrorCode::result_schema,
      ErrorCode::result_version,
      ErrorCode::result_incomparable,
      ErrorCode::text_syntax,
      ErrorCode::text_unknown_item,
      ErrorCode::text_mismatch,
      ErrorCode::text_language,
      ErrorCode::io_read,
      ErrorCode::io_write,
      ErrorCode::io_limit,
      ErrorCode::table_syntax,
      ErrorCode::table_column_missing,
      ErrorCode::table_column_duplicate,
      ErrorCode::table_mapping,
      ErrorCode::table_output,
      ErrorCode::table_format,
      ErrorCode::session_corrupt,
      ErrorCode::session_no_text,
      ErrorCode::session_state,
      ErrorCode::internal,
      ErrorCode::stats_partial_syntax,
      ErrorCode::stats_partial_schema,
      ErrorCode::stats_partial_version,
      ErrorCode::stats_incomparable,
      ErrorCode::stats_covariance,
      ErrorCode::stats_parameter,
  };
  return codes;
}

}  // namespace securebase
