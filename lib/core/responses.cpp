#include "securebase/core/responses.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/answer_checks.hpp"
#include "core/number_format.hpp"
#include "core/utf8.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string item_range(const Instrument& instrument) {
  return instrument.id() + " has items 1-" + std::to_string(instrument.items().size());
}

}  // namespace

namespace detail {

// Index of the item named by id or canonical number; throws 202.
std::size_t resolve_item(const Instrument& instrument, std::string_view item,
                         std::string_view where) {
  if (all_digits(item)) {
    std::size_t n = 0;
    auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
    if (ec == std::errc() && n >= 1 && n <= instrument.items().size()) return n - 1;
    throw Error(
        ErrorCode::answers_unknown_item, std::string(where),
        "item number " + detail::printable(item) + " does not exist; " + item_range(instrument));
  }
  if (auto idx = instrument.find_item(item)) return *idx;
  throw Error(ErrorCode::answers_unknown_item, std::string(where),
              "item \"" + detail::printable(item) + "\" is not an item of " + instrument.id() +
                  "; name items by id (e.g. \"" + instrument.items().front().id +
                  "\") or by number (" + item_range(instrument) + ")");
}

// Throws 203/204 when `value` is not a valid answer for the instrument.
void check_value(const Instrument& instrument, std::size_t index, double value,
                 std::string_view where) {
  if (is_missing(value)) return;
  const ResponseScale& rs = instrument.response_scale();
  const bool in_range = std::isfinite(value) && value >= rs.min && value <= rs.max;
  if (in_range && value == std::floor(value)) return;  // the words below only for a problem
  const std::string subject = "item \"" + instrument.items()[index].id + "\": answer is ";
  const std::string allowed =
      "a whole number from " + std::to_string(rs.min) + " to " + std::to_string(rs.max);
  if (!in_range) {
    throw Error(
        ErrorCode::answers_out_of_range, std::string(where),
        subject + detail::format_number(value) + ", but must be " + allowed + " (or missing)");
  }
  if (value != std::floor(value)) {
    throw Error(ErrorCode::answers_not_integer, std::string(where),
                subject + detail::format_number(value) + ", but must be " + allowed);
  }
}

// Throws 201 when `responses` was not made for this instrument (wrong number of answers).
void check_size(const Responses& responses, const Instrument& instrument, std::string_view where) {
  if (responses.values.size() != instrument.items().size()) {
    throw Error(ErrorCode::answers_syntax, std::string(where),
                "holds " + std::to_string(responses.values.size()) + " answers, but " +
                    instrument.id() + " has " + std::to_string(instrument.items().size()) +
                    " items (make it with empty_responses)");
  }
}

// Throws 205 when an item was already named (by id or number) earlier in the same answers.
void check_once(const Instrument& instrument, std::size_t index, std::string_view name,
                std::vector<std::string>& named_as, std::string_view where) {
  if (!named_as[index].empty()) {
    const std::string how = named_as[index] == name
                                ? "named \"" + detail::printable(named_as[index]) + "\" both times"
                                : "as \"" + detail::printable(named_as[index]) + "\" and as \"" +
                                      detail::printable(name) + "\"";
    throw Error(ErrorCode::answers_duplicate, std::string(where),
                "item \"" + instrument.items()[index].id + "\" is answered twice (" + how +
                    "), but may be answered once");
  }
  named_as[index] = std::string(name);
}

}  // namespace detail

using detail::check_size;
using detail::check_value;
using detail::ProblemCollector;
using detail::resolve_item;

bool is_na(std::string_view text, NaSpelling spelling) noexcept {
  if (text.size() != 2) return false;
  if (text == "NA" || text == "na") return true;
  return spelling == NaSpelling::any_case && (text[0] == 'N' || text[0] == 'n') &&
         (text[1] == 'A' || text[1] == 'a');
}

std::size_t Responses::answered() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(values.begin(), values.end(), [](double v) { return !is_missing(v); }));
}

Responses empty_responses(const Instrument& instrument) {
  return Responses{std::vector<double>(instrument.items().size(), missing_answer)};
}

void set_answer(Responses& responses, const Instrument& instrument, std::string_view item,
                double value, std::string_view where) {
  if (responses.values.empty()) responses.values.resize(instrument.items().size(), missing_answer);
  check_size(responses, instrument, where);
  const std::size_t idx = resolve_item(instrument, item, where);
  if (!is_missing(responses.values[idx])) {
    throw Error(ErrorCode::answers_duplicate, std::string(where),
                "item \"" + instrument.items()[idx].id + "\" (named \"" + detail::printable(item) +
                    "\") already has an answer, but may be answered once");
  }
  check_value(instrument, idx, value, where);
  responses.values[idx] = value;
}

void validate_responses(const Responses& responses, const Instrument& instrument,
                        std::string_view source) {
  ProblemCollector c;
  check_size(responses, instrument, source);
  for (std::size_t i = 0; i < responses.values.size(); ++i) {
    c.attempt([&] { check_value(instrument, i, responses.values[i], source); });
  }
  if (!c.problems.empty()) throw Error(std::move(c.problems));
}

}  // namespace securebase
