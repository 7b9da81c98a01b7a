// securebase: SPSS (.sav, .zsav, .por) and Stata (.dta) data files read as a table of text
// fields, through ReadStat, so batch scoring sees them exactly like a CSV.
#pragma once

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// True for the file name endings read_stat_file reads (.sav, .zsav, .por, .dta; any case).
[[nodiscard]] bool is_stat_file_path(const std::filesystem::path& path);

/// True when this build can read SPSS/Stata files (it was built with ReadStat).
[[nodiscard]] bool stat_file_support() noexcept;

/// Reads an SPSS or Stata file (format chosen by the file name ending). Calls on_header once
/// with the variable names, then on_row once per case with every field as text: numbers in
/// shortest round-trip form, strings as stored, and system-missing or user-defined missing
/// values (SPSS missing codes and ranges, Stata .a to .z) as "". The spans are valid only
/// during the call; memory does not grow with the number of cases. Throws Error 601 when the
/// file cannot be opened, 706 when it is not a valid file of its format (or the build has no
/// ReadStat); a file damaged part way fails after the rows before the damage were delivered.
/// Exceptions from the callbacks propagate unchanged.
void read_stat_file(const std::filesystem::path& path,
                    const std::function<void(std::span<const std::string>)>& on_header,
                    const std::function<void(std::span<const std::string>)>& on_row);

/// One value label of a variable: the coded value, as read_stat_file prints it, and its label.
struct StatValueLabel {
  std::string variable;  ///< variable name
  std::string value;     ///< the coded value as text ("1", "2.5", or a string code)
  std::string label;     ///< the label text
};

/// Every value label of every labelled variable, variables in file order, values in the
/// order stored. Same errors as read_stat_file.
std::vector<StatValueLabel> read_stat_value_labels(const std::filesystem::path& path);

}  // namespace securebase

SECUREBASE_API_END
