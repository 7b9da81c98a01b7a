// securebase._native: the module, its one error translation, and instruments.
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "native.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "securebase/version.hpp"

namespace securebase::python {

py::array_t<double> to_numpy(std::vector<double>&& values) {
  auto* owned = new std::vector<double>(std::move(values));
  py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>(static_cast<py::ssize_t>(owned->size()), owned->data(), owner);
}

namespace {

// The one place a securebase::Error becomes a Python exception: securebase._errors picks the
// class of the code's family and fills in code, location and every problem.
void raise_error(const Error& e) {
  try {
    py::list problems;
    for (const Diagnostic& d : e.problems()) {
      problems.append(py::make_tuple(static_cast<int>(d.code), d.where, d.message));
    }
    py::object make = py::module_::import("securebase._errors").attr("_from_native");
    py::object exc = make(std::string(e.what()), problems);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
  } catch (py::error_already_set& failed) {
    failed.restore();
  }
}

py::dict text_dict(const InstrumentText& t) {
  py::dict d;
  d["instrument_id"] = t.instrument_id;
  d["language"] = t.language;
  d["validated_translation"] = t.validated_translation;
  d["note"] = t.note;
  d["display_name"] = t.display_name;
  d["labels"] = t.labels;
  d["items"] = t.items;
  return d;
}

// Per item: id, canonical number, note and keys (scale id, reversed, weight).
py::list items_list(const Instrument& ins) {
  py::list out;
  for (const Item& item : ins.items()) {
    py::list keys;
    for (const ItemKey& k : item.keys) {
      py::dict key;
      key["scale"] = ins.scales()[k.scale].id;
      key["reversed"] = k.reversed;
      key["weight"] = k.weight;
      keys.append(std::move(key));
    }
    py::dict d;
    d["id"] = item.id;
    d["number"] = item.number;
    d["note"] = item.note;
    d["keys"] = std::move(keys);
    out.append(std::move(d));
  }
  return out;
}

void bind_instruments(py::module_& m) {
  py::class_<Instrument>(m, "Instrument", "A loaded, validated instrument (immutable, shareable)")
      .def_property_readonly("id", &Instrument::id)
      .def_property_readonly("version", &Instrument::version)
      .def_property_readonly("title", &Instrument::title)
      .def_property_readonly("short_title", &Instrument::short_title)
      .def_property_readonly("key_fingerprint", &Instrument::key_fingerprint)
      .def_property_readonly("source", &Instrument::source)
      .def_property_readonly("item_ids",
                             [](const Instrument& ins) {
                               std::vector<std::string> ids;
                               for (const Item& i : ins.items()) ids.push_back(i.id);
                               return ids;
                             })
      .def("key_json", [](const Instrument& ins) { return to_key_json(ins, -1); })
      .def("items", &items_list)
      .def("languages", [](const Instrument& ins) { return embedded_text_languages(ins); })
      .def("text",
           [](const Instrument& ins, const std::string& lang) -> py::object {
             auto t = embedded_instrument_text(ins, lang);
             if (!t) return py::none();
             return text_dict(*t);
           })
      .def("load_text",
           [](const Instrument& ins, const std::string& path) {
             return text_dict(load_instrument_text_file(path, ins));
           })
      .def("parse_text",
           [](const Instrument& ins, const std::string& json, const std::string& source) {
             return text_dict(parse_instrument_text(json, source, ins));
           })
      .def("text_template",
           [](const Instrument& ins, const std::string& lang) { return text_template(ins, lang); });
  m.def("load_instrument",
        [](const std::string& id_or_path) { return load_instrument(id_or_path); });
  m.def("parse_instrument", [](const std::string& json, const std::string& source) {
    return parse_instrument(json, source);
  });
  m.def("instrument_ids", &embedded_instrument_ids);
}

}  // namespace

}  // namespace securebase::python

namespace py = pybind11;

PYBIND11_MODULE(_native, m) {
  namespace sp = securebase::python;
  m.doc() = "securebase's engine (C++), bound with pybind11; use the securebase package instead";
  m.attr("version") = std::string(securebase::library_version());
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const securebase::Error& e) {
      sp::raise_error(e);
    }
  });
  sp::bind_instruments(m);
  sp::bind_results(m);
  sp::bind_batch(m);
  sp::bind_stats(m);
}
