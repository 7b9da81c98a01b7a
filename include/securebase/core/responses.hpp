// securebase: one respondent's answers, item by item, and how to read them from text.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The value that marks an unanswered item.
inline constexpr double missing_answer = std::numeric_limits<double>::quiet_NaN();

/// True when a stored answer is missing.
inline bool is_missing(double value) noexcept { return std::isnan(value); }

/// How strictly an answer text is matched against "NA" (not answered).
enum class NaSpelling {
  upper_or_lower,  ///< "NA" or "na": answer lists (io/answers.hpp), where "Na" is an error
  any_case,        ///< "NA", "na", "Na", "nA": research tables (batch), after codes and recodes
};

/// True when an answer text (already trimmed) is the word for a missing answer, "NA".
bool is_na(std::string_view text, NaSpelling spelling) noexcept;

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

}  // namespace securebase

SECUREBASE_API_END
