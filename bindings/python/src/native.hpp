// securebase._native: what the binding's source files share. The binding converts Python values
// to the public C++ API's types and back; every rule stays in the library.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "securebase/core/error.hpp"

namespace securebase::python {

namespace py = pybind11;

/// Instruments, scoring one respondent, results and their rendering, comparison.
void bind_results(py::module_& m);
/// Answers in memory (score_columns) and research files (run_batch).
void bind_batch(py::module_& m);
/// Statistics accumulators, partials and their reports.
void bind_stats(py::module_& m);

/// A vector of doubles handed to numpy without a copy (the array owns it).
py::array_t<double> to_numpy(std::vector<double>&& values);

}  // namespace securebase::python
