// securebase: one respondent's answers, item by item, and how to read them from text.
#pragma once

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <string_view>
#include <vector>

#include "securebase/instrument.hpp"
#include "securebase/limits.hpp"

namespace securebase {

/// The value that marks an unanswered item.
inline constexpr double missing_answer = std::numeric_limits<double>::quiet_NaN();

/// True when a stored answer is missing.
inline bool is_missing(double value) noexcept { return std::isnan(value); }

/// One respondent's answers, dense by item index of its instrument; missing = NaN.
struct Responses {
  std::vector<double> values;  ///< values[i] answers Instrument::items[i]

  /// Number of answered items.
  [[nodiscard]] std::size_t answered() const noexcept;
};

/// All items missing, sized for the instrument.
Responses empty_responses(const Instrument& instrument);

/// Sets one answer, naming the item by id or by its canonical number ("7"). `where` locates it
/// in errors. Empty `responses` are sized for the instrument. Throws 201 (sized for another
/// instrument), 202 (unknown item), 203 (out of range), 204 (not whole), 205 (the item already
/// has a value; setting a missing value is not recorded, so it cannot be caught twice).
void set_answer(Responses& responses, const Instrument& instrument, std::string_view item,
                double value, std::string_view where);

/// Checks the answers fit the instrument (201: wrong number) and every answer is missing or a
/// whole number within the response scale (203, 204, all problems at once). `source` names the
/// answers in errors.
void validate_responses(const Responses& responses, const Instrument& instrument,
                        std::string_view source);

/// Parses answers: a JSON object ({"i01": 5, "2": null}) or an item=value list ("1=5 2=3",
/// separated by spaces, commas or newlines; "NA" or an empty value = missing; '#' starts a
/// comment). Items not named are missing. Throws 201-205 with line:column or JSON path; 201 for
/// text beyond `limits` (max_json_bytes bounds either form) and for a list holding bytes that are
/// not UTF-8 or a control character other than tab, CR and LF.
Responses parse_answers(const Instrument& instrument, std::string_view text,
                        std::string_view source, const Limits& limits = {});

/// Reads and parses an answers file (601 if unreadable, 201 if larger than
/// limits.max_json_bytes, which is checked before reading it; else as parse_answers).
Responses load_answers_file(const Instrument& instrument, const std::filesystem::path& path,
                            const Limits& limits = {});

}  // namespace securebase
