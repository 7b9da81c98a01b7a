// The checks one answer goes through, shared by set_answer, validate_responses and the answer
// readers of io/answers.cpp, so that every way in reports the same codes and words.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"

namespace securebase::detail {

/// Index of the item named by id or canonical number; throws 202.
std::size_t resolve_item(const Instrument& instrument, std::string_view item,
                         std::string_view where);

/// Throws 203/204 when `value` is not a valid answer (missing or a whole number in range).
void check_value(const Instrument& instrument, std::size_t index, double value,
                 std::string_view where);

/// Throws 201 when `responses` was not made for this instrument (wrong number of answers).
void check_size(const Responses& responses, const Instrument& instrument, std::string_view where);

/// Throws 205 when an item was already named (by id or number) earlier in the same answers.
void check_once(const Instrument& instrument, std::size_t index, std::string_view name,
                std::vector<std::string>& named_as, std::string_view where);

/// Collects the problems of several checks, so that one Error reports them all.
struct ProblemCollector {
  std::vector<Diagnostic> problems;  ///< in the order they were found
  template <typename F>
  void attempt(F&& f) {
    try {
      f();
    } catch (const Error& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
};

}  // namespace securebase::detail
