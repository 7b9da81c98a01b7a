// securebase._native: answers in memory scored by score_columns (numpy columns handed over
// without a copy, the GIL released), and research files scored by run_batch. The options are
// those of the CLI's `batch` (cli/batch_input.cpp, cli/batch_cmd.cpp), by the same names.
#include <cmath>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "native.hpp"
#include "securebase/batch/batch.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/io/stat_file.hpp"
#include "securebase/io/table.hpp"
#include "securebase/stats/accumulator.hpp"

namespace securebase::python {

namespace {

template <class T>
T option(const py::dict& d, const char* key, T fallback) {
  if (!d.contains(key) || d[key].is_none()) return fallback;
  return d[key].cast<T>();
}

// BatchOptions from the keyword arguments securebase/_batch.py collects (unknown names are
// never passed: the Python layer spells out every argument).
BatchOptions batch_options(const Instrument& ins, const py::dict& d) {
  BatchOptions o;
  o.columns.pattern = option<std::string>(d, "columns", "");
  o.columns.map = option<std::string>(d, "map", "");
  o.columns.map_source = option<std::string>(d, "map_source", "map");
  o.columns.order = option<std::string>(d, "order", "");
  o.id_column = option<std::string>(d, "id", "");
  o.keep = option<std::vector<std::string>>(d, "keep", {});
  o.prefix = option<std::string>(d, "prefix", "");
  o.missing_codes = option<std::vector<std::string>>(d, "missing_codes", {});
  const std::string recode = option<std::string>(d, "recode", "");
  if (!recode.empty()) o.recode = parse_recode(ins, recode);
  const std::string decimal = option<std::string>(d, "decimal", "detect");
  o.decimal = decimal == "comma"   ? DecimalMark::comma
              : decimal == "point" ? DecimalMark::point
                                   : DecimalMark::detect;
  o.invalid = option<std::string>(d, "invalid", "error") == "missing" ? InvalidPolicy::missing
                                                                      : InvalidPolicy::error;
  const std::string method = option<std::string>(d, "method", "");
  if (method == "sum") o.method = ScaleMethod::sum;
  if (method == "mean") o.method = ScaleMethod::mean;
  o.norm_set = option<std::string>(d, "norms", "");
  o.explain = option<bool>(d, "explain", false);
  o.stats = option<bool>(d, "stats", false);
  o.raw_text = option<bool>(d, "raw_text", false);
  o.threads = option<unsigned>(d, "threads", 1U);
  o.skip_rows = option<std::size_t>(d, "skip_rows", 0);
  o.detect_qualtrics = option<bool>(d, "qualtrics", true);
  o.input_name = option<std::string>(d, "input_name", "");
  o.encoding = option<std::string>(d, "encoding", "");
  return o;
}

py::dict summary_dict(const Instrument& ins, const BatchOptions& options, const BatchSummary& s) {
  py::dict d;
  d["rows"] = s.rows;
  d["ok"] = s.ok;
  d["incomplete"] = s.incomplete;
  d["invalid"] = s.invalid;
  d["parse_errors"] = s.parse_errors;
  d["empty"] = s.empty;
  d["treated_missing"] = s.treated_missing;
  d["rows_skipped"] = s.rows_skipped;
  d["qualtrics"] = s.qualtrics;
  d["decimal_comma"] = s.decimal_comma;
  d["encoding"] = s.encoding;
  d["seconds"] = s.seconds;
  d["warnings"] = s.warnings;
  d["text"] = render_batch_summary_text(s);
  d["json"] = to_batch_summary_json(ins, options, s, "<memory>");
  return d;
}

// Texts of one object column: views into the Python strings (alive as long as the array),
// other objects written as str() into `owned`; None and NaN are blank cells.
struct TextColumn {
  std::vector<std::string_view> views;
  std::deque<std::string> owned;
};

void read_texts(const py::array& column, TextColumn& out) {
  const auto rows = static_cast<std::size_t>(column.shape(0));
  const auto step = column.strides(0) / static_cast<py::ssize_t>(sizeof(PyObject*));
  const auto* cells = static_cast<PyObject* const*>(column.data());
  out.views.resize(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    PyObject* cell = cells[static_cast<py::ssize_t>(r) * step];
    if (cell == nullptr || cell == Py_None) continue;
    if (PyUnicode_Check(cell)) {
      Py_ssize_t size = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(cell, &size);
      if (utf8 == nullptr) throw py::error_already_set();
      out.views[r] = std::string_view(utf8, static_cast<std::size_t>(size));
      continue;
    }
    if (PyFloat_Check(cell) && std::isnan(PyFloat_AsDouble(cell))) continue;
    out.views[r] = out.owned.emplace_back(py::str(cell).cast<std::string>());
  }
}

// The AnswerColumn of one numpy array: float64, int32, int64 without a copy, object as text.
AnswerColumn answer_column(const py::array& a, std::deque<TextColumn>& texts) {
  if (a.ndim() != 1) throw py::value_error("an item column must be one-dimensional");
  const char kind = a.dtype().kind();
  const auto size = a.dtype().itemsize();
  if (kind == 'O') {
    read_texts(a, texts.emplace_back());
    return {texts.back().views.data(), AnswerColumn::Type::text, 1};
  }
  if (!a.dtype().attr("isnative").cast<bool>()) {
    throw py::type_error("an item column must be in the machine's byte order");
  }
  AnswerColumn c;
  if (kind == 'f' && size == 8) {
    c.type = AnswerColumn::Type::f64;
  } else if (kind == 'i' && size == 4) {
    c.type = AnswerColumn::Type::i32;
  } else if (kind == 'i' && size == 8) {
    c.type = AnswerColumn::Type::i64;
  } else {
    throw py::type_error("an item column must be float64, int32, int64 or object, not " +
                         py::str(a.dtype()).cast<std::string>());
  }
  const py::ssize_t stride = a.shape(0) > 1 ? a.strides(0) : size;
  if (stride <= 0 || stride % size != 0) {
    throw py::value_error("an item column's stride must be a positive multiple of its cells");
  }
  c.data = a.data();
  c.stride = static_cast<std::size_t>(stride / size);
  return c;
}

// Per-row strings as a numpy object array; equal strings share one Python object.
py::array object_array(const std::vector<std::string>& values) {
  py::array out = py::module_::import("numpy").attr("empty")(values.size(), py::dtype("O"));
  auto** cells = static_cast<PyObject**>(out.mutable_data());
  std::unordered_map<std::string_view, py::str> seen;
  PyObject* last = nullptr;  // runs of one status ("ok" after "ok") skip the lookup
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (last == nullptr || i == 0 || values[i] != values[i - 1]) {
      auto it = seen.find(values[i]);
      if (it == seen.end()) it = seen.emplace(values[i], py::str(values[i])).first;
      last = it->second.ptr();
    }
    PyObject* cell = last;
    Py_INCREF(cell);
    Py_XDECREF(cells[i]);
    cells[i] = cell;
  }
  return out;
}

py::object optional_numpy(std::vector<double>& values) {
  if (values.empty()) return py::none();
  return to_numpy(std::move(values));
}

py::dict columns_result(const Instrument& ins, const BatchOptions& options, ColumnScores& r) {
  py::list scales;
  for (ColumnScores::Scale& s : r.scales) {
    py::dict d;
    d["score"] = to_numpy(std::move(s.score));
    d["answered"] = to_numpy(std::move(s.answered));
    d["missing"] = to_numpy(std::move(s.missing));
    d["z"] = optional_numpy(s.z);
    d["t"] = optional_numpy(s.t);
    d["percentile"] = optional_numpy(s.percentile);
    scales.append(std::move(d));
  }
  py::dict out;
  out["columns"] = r.columns;
  out["scales"] = std::move(scales);
  out["status"] = object_array(r.status);
  out["invalid_values"] = options.invalid == InvalidPolicy::missing
                              ? py::object(object_array(r.invalid_values))
                              : py::object(py::none());
  out["summary"] = summary_dict(ins, options, r.summary);
  out["stats"] = r.summary.stats ? py::cast(std::move(*r.summary.stats)) : py::none();
  return out;
}

py::dict score_columns_py(const Instrument& ins, const py::dict& opts, const py::list& columns,
                          std::size_t rows, const py::object& rest_blank) {
  const BatchOptions options = batch_options(ins, opts);
  std::vector<py::array> arrays;
  std::deque<TextColumn> texts;
  std::vector<AnswerColumn> items;
  for (const py::handle& h : columns) {
    arrays.push_back(py::reinterpret_borrow<py::array>(h));
    if (static_cast<std::size_t>(arrays.back().shape(0)) != rows) {
      throw py::value_error("every item column must have one cell per row");
    }
    items.push_back(answer_column(arrays.back(), texts));
  }
  std::span<const std::uint8_t> blank;
  py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> blank_array;
  if (!rest_blank.is_none()) {
    blank_array = rest_blank;
    if (static_cast<std::size_t>(blank_array.size()) != rows) {
      throw py::value_error("rest_blank must have one flag per row");
    }
    blank = {blank_array.data(), rows};
  }
  ColumnScores result;
  {
    py::gil_scoped_release release;
    result = score_columns(ins, options, items, rows, blank);
  }
  return columns_result(ins, options, result);
}

// A CSV/TSV (delimiter 0 = detected) or an SPSS/Stata file scored into CSV bytes in memory.
py::tuple run_file(const Instrument& ins, const py::dict& opts, const std::string& path,
                   const std::string& delimiter) {
  BatchOptions options = batch_options(ins, opts);
  options.format = BatchFormat::csv;
  if (options.input_name.empty()) options.input_name = path;
  std::string output;
  BatchSummary summary;
  {
    py::gil_scoped_release release;
    const BatchWriter write = [&output](std::string_view bytes) { output.append(bytes); };
    if (is_stat_file_path(path)) {
      summary = run_batch_stat_file(ins, options, path, write);
    } else {
      TableReader reader(std::filesystem::path(path), delimiter.empty() ? '\0' : delimiter[0]);
      reader.set_encoding(options.encoding);
      summary = run_batch(ins, options, reader, write);
    }
  }
  py::object stats = summary.stats ? py::cast(std::move(*summary.stats)) : py::none();
  return py::make_tuple(py::bytes(output), summary_dict(ins, options, summary), stats);
}

}  // namespace

void bind_batch(py::module_& m) {
  m.def("score_columns", &score_columns_py, py::arg("instrument"), py::arg("options"),
        py::arg("columns"), py::arg("rows"), py::arg("rest_blank") = py::none());
  m.def("run_file", &run_file, py::arg("instrument"), py::arg("options"), py::arg("path"),
        py::arg("delimiter") = "");
  m.def(
      "item_columns",
      [](const Instrument& ins, const py::dict& opts) {
        return item_columns(ins, batch_options(ins, opts).columns);
      },
      py::arg("instrument"), py::arg("options"));
  m.def(
      "output_columns",
      [](const Instrument& ins, const py::dict& opts) {
        return batch_output_columns(ins, batch_options(ins, opts));
      },
      py::arg("instrument"), py::arg("options"));
}

}  // namespace securebase::python
