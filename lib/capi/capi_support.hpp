// securebase C API internals: the handle types behind the opaque C structs, the per-thread last
// error, and the guard every entry point runs its body in (no exception crosses into C).
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capi/dense_rows.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/core/scale_step.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/securebase.h"
#include "securebase/stats/accumulator.hpp"

struct sb_instrument {
  securebase::Instrument instrument;
  securebase::ScoringSteps steps;    ///< the declared methods, no norm set: the array calls' run
  securebase::capi::DenseKey dense;  ///< the array calls' fast form of the key
};

struct sb_result {
  securebase::Scores scores;
  std::string json;
};

struct sb_text {
  securebase::InstrumentText text;
  std::vector<const std::string*> items;  ///< wording by item index, nullptr for none
  std::vector<std::string> labels;        ///< resolved labels, min..max (may be empty)
  int min = 1;                            ///< the answer labels[0] names
};

struct sb_stats {
  sb_instrument handle;  ///< a copy of the instrument handle it was made from
  securebase::stats::Accumulator acc;
};

namespace securebase::capi {

/// A failure of the C layer itself, with one of the C-API codes (1-99).
struct CApiError {
  int code;
  std::string message;
};

/// Records a success on this thread.
void clear_last_error() noexcept;
/// Records a securebase Error (every problem) on this thread; returns its code.
int record_error(const Error& error) noexcept;
/// Records a C-layer failure of `function` on this thread; returns `code`.
int record_capi_error(int code, std::string_view function, std::string_view message) noexcept;
/// Records an unexpected exception (a bug) of `function`; returns SB_ERROR_INTERNAL.
int record_internal(std::string_view function, std::string_view what) noexcept;

/// Runs `body`, turning every exception into a status and recording its message.
template <typename Body>
int guarded(const char* function, Body&& body) noexcept {
  try {
    std::forward<Body>(body)();
    clear_last_error();
    return SB_OK;
  } catch (const Error& error) {
    return record_error(error);
  } catch (const CApiError& error) {
    return record_capi_error(error.code, function, error.message);
  } catch (const std::bad_alloc&) {
    return record_capi_error(SB_ERROR_OUT_OF_MEMORY, function, "out of memory");
  } catch (const std::exception& error) {
    return record_internal(function, error.what());
  } catch (...) {
    return record_internal(function, "an exception of unknown type");
  }
}

/// Throws SB_ERROR_NULL_ARGUMENT naming `name` when `pointer` is NULL.
void require(const void* pointer, const char* name);

/// A (pointer, length) text argument as a view: NULL with a non-zero length is
/// SB_ERROR_NULL_ARGUMENT; a NUL byte inside the length is SB_ERROR_BAD_ARGUMENT.
std::string_view text_arg(const char* text, std::size_t length, const char* name);

/// A NUL-terminated text argument (NULL is SB_ERROR_NULL_ARGUMENT).
std::string_view text_arg(const char* text, const char* name);

/// An options argument parsed as strict JSON (an options object follows); a syntax error is
/// SB_ERROR_BAD_OPTIONS with its location.
detail::Json options_json(std::string_view text);

/// A copy the caller frees with sb_string_free (std::bad_alloc when memory runs out).
char* copy_string(std::string_view text);

/// A new handle for an instrument, with its steps resolved once.
sb_instrument* new_handle(const Instrument& instrument);

/// The instrument inside a handle (NULL is SB_ERROR_NULL_ARGUMENT).
const Instrument& instrument_of(const sb_instrument* instrument);

/// Scores rows of answers (NaN = missing) through the one engine: the answer checks of
/// detail::check_value, the kernel score_raw (or its dense form, lib/capi/dense_rows.hpp) and
/// the per-scale step apply_step.
class RowScorer {
 public:
  /// The handle's instrument, steps and dense key, which must outlive the scorer.
  explicit RowScorer(const sb_instrument& handle);
  /// One row: SB_OK, or the code of its first answer off the response scale (203/204), which
  /// leaves the scores NaN and the counts 0. `answered` may be null.
  int score(const double* values, double* scores, std::uint32_t* answered);
  /// Scale count.
  [[nodiscard]] std::size_t scales() const noexcept { return steps_.scales.size(); }

 private:
  const Instrument& instrument_;
  const ScoringSteps& steps_;
  const DenseKey& key_;
  DenseRow row_;
  std::vector<RawScore> raw_;
};

}  // namespace securebase::capi
