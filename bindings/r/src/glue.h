// securebase R package: what every glue file shares. The glue converts R values to the library's
// types and back and calls the public C++ API; it holds no scoring or statistics rule.
#pragma once

#include <Rcpp.h>

#include <string>
#include <utility>

#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"

namespace sbr {

/// A securebase::Error as the value the R side turns into a `securebase_error` condition
/// (R/errors.R): a list of class "sb_error_value" with code, id, location, message and text.
Rcpp::List error_value(const securebase::Error& e);

/// Any other exception as the same value, with code 901 (internal).
Rcpp::List internal_error_value(const std::string& what);

/// Runs `f`, returning its value, or the error value of any exception it throws: no C++
/// exception ever unwinds through R. Every exported glue function is one call of guarded.
template <class F>
SEXP guarded(F&& f) {
  try {
    return Rcpp::wrap(std::forward<F>(f)());
  } catch (const securebase::Error& e) {
    return error_value(e);
  } catch (const std::exception& e) {
    return internal_error_value(e.what());
  } catch (...) {
    return internal_error_value("unknown exception");
  }
}

/// The instrument an R value names: an embedded id or a file path (R/instruments.R resolves
/// sb_instrument objects to their reference before calling).
securebase::Instrument load(const std::string& ref);

/// The element `name` of an R list, or R_NilValue.
SEXP element(const Rcpp::List& list, const char* name);

/// A string option (empty when absent or NULL).
std::string string_option(const Rcpp::List& list, const char* name);

}  // namespace sbr
