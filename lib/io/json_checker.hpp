// A collector of validation problems for a JSON document: typed member access that records
// every problem with its JSON path instead of stopping at the first.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/json_reader.hpp"

#include "securebase/core/error.hpp"

namespace securebase::detail {

/// Error codes a checker uses for its generic problems.
struct CheckerCodes {
  ErrorCode missing;  ///< required member absent
  ErrorCode type;     ///< wrong JSON type
  ErrorCode value;    ///< value out of its allowed set
  ErrorCode unknown;  ///< member not defined by the format
};

/// Validates members of JSON objects, collecting Diagnostics located by JSON pointer.
class JsonChecker {
 public:
  JsonChecker(std::string source, CheckerCodes codes) : source_(std::move(source)), codes_(codes) {}

  /// Records a problem at `pointer`.
  void add(ErrorCode code, std::string_view pointer, std::string message);
  /// Records a bad-value problem: "<subject> is <value>, but must be <constraint>".
  void bad_value(std::string_view pointer, std::string_view subject, const detail::Json& value,
                 std::string_view constraint);
  /// True when `value` is an object; records a type problem otherwise.
  bool expect_object(const detail::Json& value, std::string_view pointer, std::string_view what);
  /// True when `value` is an array; records a type problem otherwise.
  bool expect_array(const detail::Json& value, std::string_view pointer, std::string_view what);
  /// Records every member of `object` not in `allowed` as unknown (a likely typo).
  void only(const detail::Json& object, std::string_view pointer,
            std::initializer_list<std::string_view> allowed);
  /// The member, or nullptr (recording "missing" when required).
  const detail::Json* member(const detail::Json& object, std::string_view pointer,
                             std::string_view key, bool required);
  /// A string member (optionally non-empty), or nullopt.
  std::optional<std::string> string(const detail::Json& object, std::string_view pointer,
                                    std::string_view key, bool required, bool non_empty = true);
  /// A whole-number member, or nullopt.
  std::optional<std::int64_t> integer(const detail::Json& object, std::string_view pointer,
                                      std::string_view key, bool required);
  /// A finite number member, or nullopt.
  std::optional<double> number(const detail::Json& object, std::string_view pointer,
                               std::string_view key, bool required);
  /// A boolean member, or `fallback` when absent.
  bool boolean(const detail::Json& object, std::string_view pointer, std::string_view key,
               bool fallback);

  /// Throws every recorded problem as one Error, if any.
  void throw_if_any() const;
  /// Problems so far.
  [[nodiscard]] const std::vector<Diagnostic>& problems() const noexcept { return problems_; }
  /// "source: pointer".
  [[nodiscard]] std::string where(std::string_view pointer) const;

 private:
  std::string source_;
  CheckerCodes codes_;
  std::vector<Diagnostic> problems_;
};

/// pointer + "/" + escaped key.
std::string child(std::string_view pointer, std::string_view key);
/// pointer + "/" + index.
std::string child(std::string_view pointer, std::size_t index);

}  // namespace securebase::detail
