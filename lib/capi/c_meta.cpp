// securebase C API: what a user interface needs to present an instrument, its metadata and its
// item text in a language (embedded, or a user's own file or buffer).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "capi/capi_support.hpp"
#include "io/json_reader.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"

namespace {

using securebase::capi::guarded;
using securebase::capi::instrument_of;
using securebase::capi::require;
using securebase::capi::text_arg;

// The key description of instruments show --format json, with the items listed one by one
// (id, number, and each scale key) so that a presenter needs nothing else.
std::string info_json(const securebase::Instrument& ins) {
  using securebase::detail::Json;
  Json j = Json::parse(securebase::to_key_json(ins, -1));
  Json items = Json::array();
  for (const securebase::Item& item : ins.items()) {
    Json keys = Json::array();
    for (const securebase::ItemKey& k : item.keys) {
      keys.push_back(
          {{"scale", ins.scales()[k.scale].id}, {"reversed", k.reversed}, {"weight", k.weight}});
    }
    items.push_back({{"id", item.id}, {"number", item.number}, {"keys", std::move(keys)}});
  }
  j["items"] = std::move(items);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// A text handle with every item's wording looked up once and the labels resolved.
std::unique_ptr<sb_text> make_text(const securebase::Instrument& ins,
                                   securebase::InstrumentText text) {
  auto t = std::make_unique<sb_text>();
  t->text = std::move(text);
  for (const securebase::Item& item : ins.items()) {
    const std::string* wording = t->text.item(item.id);
    t->items.push_back(wording != nullptr && !wording->empty() ? wording : nullptr);
  }
  t->labels = t->text.labels.empty() ? ins.response_scale().labels : t->text.labels;
  t->min = ins.response_scale().min;
  return t;
}

template <typename Reader>
int load_text(const char* function, const sb_instrument* instrument, sb_text** out,
              Reader&& reader) noexcept {
  return guarded(function, [&] {
    require(out, "out");
    *out = nullptr;
    const securebase::Instrument& ins = instrument_of(instrument);
    *out = make_text(ins, reader(ins)).release();
  });
}

}  // namespace

namespace {

// The library's text of the instrument in `lang`; 504 naming the languages it has.
securebase::InstrumentText embedded_text(const securebase::Instrument& i, std::string_view lang,
                                         const char* function) {
  std::optional<securebase::InstrumentText> text = securebase::embedded_instrument_text(i, lang);
  if (!text) {
    std::string known;
    for (const std::string& l : securebase::embedded_text_languages(i)) {
      known += (known.empty() ? "" : ", ") + l;
    }
    throw securebase::Error(
        securebase::ErrorCode::text_language, function,
        "the library has no " + std::string(lang) + " text for " + i.id() + " (it has " +
            (known.empty() ? std::string("none") : known) +
            "); pass your own licensed text with sb_text_load_file or sb_text_parse_n");
  }
  return std::move(*text);
}

}  // namespace

extern "C" {

size_t sb_instrument_item_count(const sb_instrument* instrument) {
  return instrument == nullptr ? 0 : instrument->instrument.items().size();
}

size_t sb_instrument_scale_count(const sb_instrument* instrument) {
  return instrument == nullptr ? 0 : instrument->instrument.scales().size();
}

const char* sb_instrument_item_id(const sb_instrument* instrument, size_t index) {
  if (instrument == nullptr || index >= instrument->instrument.items().size()) return nullptr;
  return instrument->instrument.items()[index].id.c_str();
}

const char* sb_instrument_scale_id(const sb_instrument* instrument, size_t index) {
  if (instrument == nullptr || index >= instrument->instrument.scales().size()) return nullptr;
  return instrument->instrument.scales()[index].id.c_str();
}

int sb_instrument_response_range(const sb_instrument* instrument, int* min, int* max) {
  return guarded("sb_instrument_response_range", [&] {
    require(min, "min");
    require(max, "max");
    const securebase::ResponseScale& rs = instrument_of(instrument).response_scale();
    *min = rs.min;
    *max = rs.max;
  });
}

int sb_instrument_info_json(const sb_instrument* instrument, char** out_json) {
  return guarded("sb_instrument_info_json", [&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = securebase::capi::copy_string(info_json(instrument_of(instrument)));
  });
}

int sb_text_languages(const sb_instrument* instrument, char** out_json) {
  return guarded("sb_text_languages", [&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    const securebase::detail::Json languages =
        securebase::embedded_text_languages(instrument_of(instrument));
    *out_json = securebase::capi::copy_string(languages.dump());
  });
}

int sb_text_load_embedded(const sb_instrument* instrument, const char* language, sb_text** out) {
  return load_text("sb_text_load_embedded", instrument, out, [&](const securebase::Instrument& i) {
    return embedded_text(i, text_arg(language, "language"), "sb_text_load_embedded");
  });
}

int sb_text_load_embedded_n(const sb_instrument* instrument, const char* language,
                            size_t language_len, sb_text** out) {
  return load_text("sb_text_load_embedded_n", instrument, out,
                   [&](const securebase::Instrument& i) {
                     return embedded_text(i, text_arg(language, language_len, "language"),
                                          "sb_text_load_embedded_n");
                   });
}

int sb_text_load_file(const sb_instrument* instrument, const char* path, sb_text** out) {
  return load_text("sb_text_load_file", instrument, out, [&](const securebase::Instrument& i) {
    return securebase::load_instrument_text_file(text_arg(path, "path"), i);
  });
}

int sb_text_load_file_n(const sb_instrument* instrument, const char* path, size_t path_len,
                        sb_text** out) {
  return load_text("sb_text_load_file_n", instrument, out, [&](const securebase::Instrument& i) {
    return securebase::load_instrument_text_file(text_arg(path, path_len, "path"), i);
  });
}

int sb_text_parse_n(const sb_instrument* instrument, const char* json, size_t json_len,
                    const char* source, sb_text** out) {
  return load_text("sb_text_parse_n", instrument, out, [&](const securebase::Instrument& i) {
    return securebase::parse_instrument_text(text_arg(json, json_len, "json"),
                                             source == nullptr ? "text" : source, i);
  });
}

const char* sb_text_language(const sb_text* text) {
  return text == nullptr ? nullptr : text->text.language.c_str();
}

const char* sb_text_item(const sb_text* text, size_t index) {
  if (text == nullptr || index >= text->items.size() || text->items[index] == nullptr) {
    return nullptr;
  }
  return text->items[index]->c_str();
}

const char* sb_text_label(const sb_text* text, int value) {
  if (text == nullptr || value < text->min) return nullptr;
  const auto i = static_cast<std::size_t>(value - text->min);
  return i < text->labels.size() ? text->labels[i].c_str() : nullptr;
}

void sb_text_free(sb_text* text) { delete text; }

}  // extern "C"
