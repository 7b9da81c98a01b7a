// securebase: one respondent's answers read from text (a JSON object or an item=value list).
#pragma once

#include <filesystem>
#include <string_view>

#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"
#include "securebase/io/limits.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

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

SECUREBASE_API_END
