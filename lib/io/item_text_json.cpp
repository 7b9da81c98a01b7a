// securebase: item and label wording files read and checked against their instrument.
#include "securebase/io/item_text_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "io/embedded.hpp"
#include "io/json_checker.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/limits.hpp"

namespace securebase {

namespace {

// "labels": one non-empty string per answer of the instrument's response scale.
void read_labels(detail::JsonChecker& c, const detail::Json& root, const Instrument& instrument,
                 InstrumentText& t) {
  const detail::Json* labels = c.member(root, "", "labels", false);
  if (labels == nullptr) return;
  const auto points = static_cast<std::size_t>(instrument.response_scale().max) -
                      static_cast<std::size_t>(instrument.response_scale().min) + 1;
  if (!c.expect_array(*labels, "/labels", "labels")) return;
  if (labels->size() != points) {
    c.add(ErrorCode::text_mismatch, "/labels",
          "the number of labels is " + std::to_string(labels->size()) + ", but must be " +
              std::to_string(points) + " (one per answer of " + instrument.id() + ")");
  }
  for (std::size_t i = 0; i < labels->size(); ++i) {
    const detail::Json& l = (*labels)[i];
    if (!l.is_string() || l.get<std::string>().empty()) {
      c.add(ErrorCode::text_syntax, detail::child("/labels", i),
            "label is " + detail::brief(l) + ", but must be a non-empty string");
    } else {
      t.labels.push_back(l.get<std::string>());
    }
  }
}

// "items": item id -> wording, each id an item of the instrument ("" = not written yet).
void read_items(detail::JsonChecker& c, const detail::Json& root, const Instrument& instrument,
                InstrumentText& t) {
  const detail::Json* items = c.member(root, "", "items", true);
  if (items == nullptr || !c.expect_object(*items, "/items", "items")) return;
  for (const auto& [id, text] : items->items()) {
    const std::string p = detail::child("/items", id);
    if (!instrument.find_item(id)) {
      c.add(ErrorCode::text_unknown_item, p,
            "item \"" + id + "\" is not an item of " + instrument.id());
    } else if (!text.is_string()) {
      c.add(ErrorCode::text_syntax, p,
            "text is " + detail::brief(text) + ", but must be a string (\"\" = not written yet)");
    } else if (!text.get_ref<const std::string&>().empty()) {
      t.items.emplace(id, text.get<std::string>());  // "" in a template: no wording yet
    }
  }
}

// "constructs" (written by text_template) only helps whoever fills in the wording.
void check_constructs(detail::JsonChecker& c, const detail::Json& root,
                      const Instrument& instrument) {
  const detail::Json* constructs = c.member(root, "", "constructs", false);
  if (constructs == nullptr || !c.expect_object(*constructs, "/constructs", "constructs")) return;
  for (const auto& [id, hint] : constructs->items()) {
    const std::string p = detail::child("/constructs", id);
    if (!instrument.find_item(id)) {
      c.add(ErrorCode::text_unknown_item, p,
            "item \"" + id + "\" is not an item of " + instrument.id());
    } else if (!hint.is_string()) {
      c.add(ErrorCode::text_syntax, p,
            "construct is " + detail::brief(hint) + ", but must be a string");
    }
  }
}

}  // namespace

InstrumentText parse_instrument_text(std::string_view json_text, std::string_view source,
                                     const Instrument& instrument) {
  const detail::Json root =
      detail::parse_json_strict(json_text, source, ErrorCode::text_syntax, ErrorCode::text_syntax);
  // Form problems are 501; a file that does not fit its instrument (other id, label count) 503.
  detail::JsonChecker c(std::string(source), {ErrorCode::text_syntax, ErrorCode::text_syntax,
                                              ErrorCode::text_syntax, ErrorCode::text_syntax});
  if (!c.expect_object(root, "", "the text file")) c.throw_if_any();
  c.only(root, "",
         {"$schema", "format", "instrument", "language", "validated_translation", "note",
          "display_name", "labels", "items", "constructs"});
  InstrumentText t;
  if (auto f = c.string(root, "", "format", true); f && *f != "securebase-text") {
    c.bad_value("/format", "format", *f, "\"securebase-text\"");
  }
  t.instrument_id = c.string(root, "", "instrument", true).value_or("");
  if (!t.instrument_id.empty() && t.instrument_id != instrument.id()) {
    c.add(ErrorCode::text_mismatch, "/instrument",
          "instrument is \"" + t.instrument_id + "\", but must be \"" + instrument.id() +
              "\" (the instrument being used)");
  }
  t.language = c.string(root, "", "language", true).value_or("");
  t.validated_translation = c.boolean(root, "", "validated_translation", true);
  t.note = c.string(root, "", "note", false, false).value_or("");
  t.display_name = c.string(root, "", "display_name", false).value_or("");
  read_labels(c, root, instrument, t);
  read_items(c, root, instrument, t);
  check_constructs(c, root, instrument);
  c.throw_if_any();
  return t;
}

InstrumentText load_instrument_text_file(const std::filesystem::path& path,
                                         const Instrument& instrument) {
  return parse_instrument_text(read_document(path, Limits{}.max_json_bytes, ErrorCode::text_syntax),
                               path.string(), instrument);
}

std::optional<InstrumentText> embedded_instrument_text(const Instrument& instrument,
                                                       std::string_view language) {
  const std::string name = instrument.id() + "." + std::string(language);
  for (const detail::EmbeddedFile& f : detail::embedded_text_files()) {
    if (f.name != name) continue;
    InstrumentText text = parse_instrument_text(f.text, "embedded:" + name, instrument);
    if (text.language != language) {
      throw Error(ErrorCode::internal, "embedded:" + name,
                  "the embedded text declares language \"" + text.language +
                      "\"; a text file's name must be <instrument>.<language>.json");
    }
    return text;
  }
  return std::nullopt;
}

std::vector<std::string> embedded_text_languages(const Instrument& instrument) {
  std::vector<std::string> languages;
  const std::string prefix = instrument.id() + ".";
  for (const detail::EmbeddedFile& f : detail::embedded_text_files()) {
    if (f.name.size() > prefix.size() && f.name.substr(0, prefix.size()) == prefix) {
      languages.emplace_back(f.name.substr(prefix.size()));
    }
  }
  std::sort(languages.begin(), languages.end());
  return languages;
}

std::string text_template(const Instrument& instrument, std::string_view language) {
  using ojson = nlohmann::ordered_json;
  ojson j;
  j["format"] = "securebase-text";
  j["instrument"] = instrument.id();
  j["language"] = std::string(language);
  j["validated_translation"] = false;
  j["note"] = "Fill in the wording you are licensed to use; leave \"\" where you have none.";
  if (!instrument.response_scale().labels.empty()) j["labels"] = instrument.response_scale().labels;
  ojson items = ojson::object();
  ojson constructs = ojson::object();
  for (const Item& item : instrument.items()) {
    items[item.id] = "";
    std::string hint = "item " + std::to_string(item.number) + ": ";
    if (item.keys.empty()) hint += "not scored";
    for (std::size_t k = 0; k < item.keys.size(); ++k) {
      hint += (k > 0 ? ", " : "") + instrument.scales()[item.keys[k].scale].id +
              (item.keys[k].reversed ? " (reversed)" : "");
    }
    constructs[item.id] = hint;
  }
  j["items"] = std::move(items);
  j["constructs"] = std::move(constructs);
  return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace securebase
