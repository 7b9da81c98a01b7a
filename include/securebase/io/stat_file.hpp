// securebase: SPSS (.sav, .zsav, .por) and Stata (.dta) data files read as a table of text
// fields, through ReadStat, so batch scoring sees them exactly like a CSV.
#pragma once

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <utility>
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
/// `encoding` (an iconv name such as "UTF-8" or "windows-1252") overrides the text encoding
/// the file declares or implies (Stata before 118 is read as Windows-1252 otherwise).
void read_stat_file(const std::filesystem::path& path,
                    const std::function<void(std::span<const std::string>)>& on_header,
                    const std::function<void(std::span<const std::string>)>& on_row,
                    const std::string& encoding = {});

/// As read_stat_file, but a user-missing value (an SPSS missing code or range, a Stata .a to
/// .z) is passed as its code ("-99", "n/a", ".a") with its flag set in `user_missing` (one per
/// field; nonzero = user-missing); system-missing values are "", unflagged. Numbers with a date
/// or date-time display format (SPSS DATE, ADATE, DATETIME, ...; Stata %td, %tc) are written
/// as ISO 8601 ("2024-03-01", "2024-03-01T13:45:00"), in both functions.
void read_stat_file_coded(
    const std::filesystem::path& path,
    const std::function<void(std::span<const std::string>)>& on_header,
    const std::function<void(std::span<const std::string>, std::span<const unsigned char>)>& on_row,
    const std::string& encoding = {});

/// One value label of a variable: the coded value, as read_stat_file prints it, and its label.
struct StatValueLabel {
  std::string variable;  ///< variable name
  std::string value;     ///< the coded value as text ("1", "2.5", or a string code)
  std::string label;     ///< the label text
};

/// Every value label of every labelled variable, variables in file order, values in the
/// order stored. Same errors as read_stat_file.
std::vector<StatValueLabel> read_stat_value_labels(const std::filesystem::path& path);

/// A variable of an SPSS or Stata file, as `securebase columns` lists it.
struct StatVariable {
  std::string name;    ///< the variable name (the column name batch matches)
  std::string label;   ///< its label, "" when none
  std::string type;    ///< "numeric" or "string"
  std::string format;  ///< its display format as stored ("F8.2", "%td", "DATE11", ...)
  std::vector<std::pair<std::string, std::string>> value_labels;  ///< (value, label), stored order
  std::vector<std::string> missing;  ///< user-missing codes and ranges: "-99", "90 to 99"
};

/// Every variable of the file, in file order, without reading its cases. Same errors as
/// read_stat_file.
std::vector<StatVariable> read_stat_variables(const std::filesystem::path& path);

}  // namespace securebase

SECUREBASE_API_END
