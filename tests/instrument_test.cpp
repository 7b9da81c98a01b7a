// Tests of instrument loading and validation: the embedded instruments against their published
// keys, the compiled scoring plan, the key fingerprint, and every error a user can cause in an
// instrument file, each with its code and its full message.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "io/sha256.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/io/instrument_json.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

using nlohmann::json;
using securebase::Error;
using securebase::ErrorCode;
using securebase::Instrument;

namespace {

const std::string data_dir = SECUREBASE_TEST_DATA;

// A small valid instrument: two scales (a mean and a sum), four items (one in both scales),
// an alternative order, a plane and a norm set. tests/data/instruments/tiny.json holds the same.
constexpr std::string_view kTiny = R"json({
  "format": "securebase-instrument",
  "format_version": 1,
  "id": "tiny",
  "version": "0.1.0",
  "title": "Tiny test instrument",
  "citations": [{"text": "Invented for the securebase tests."}],
  "licence": "Test fixture.",
  "response_scale": {"min": 1, "max": 5, "labels": ["one", "two", "three", "four", "five"]},
  "scales": [
    {"id": "anx", "name": "Anxiety", "method": "mean", "min_answered": {"count": 2}},
    {"id": "avo", "name": "Avoidance", "method": "sum",
     "min_answered": {"proportion": 0.5, "rounding": "ceil"}}
  ],
  "items": [
    {"id": "a1", "number": 1, "keys": [{"scale": "anx"}]},
    {"id": "a2", "number": 2, "keys": [{"scale": "anx", "reversed": true}, {"scale": "avo"}]},
    {"id": "b1", "number": 3, "keys": [{"scale": "avo", "reversed": true}]},
    {"id": "b2", "number": 4, "keys": [{"scale": "avo"}]}
  ],
  "orders": {
    "canonical": {"id": "std", "description": "Standard order."},
    "alternatives": [
      {"id": "back", "description": "Backwards.", "verified": false, "items": ["b2", "b1", "a2", "a1"]}
    ]
  },
  "plane": {
    "anxiety": {"scale": "anx", "direction": 1},
    "avoidance": {"scale": "avo", "direction": -1}
  },
  "norm_sets": [
    {"id": "ns", "name": "Test norms", "sample": "Invented.", "citation": "Invented.", "n": 100,
     "scales": {"anx": {"mean": 3, "sd": 1, "reliability": 0.8,
                        "percentiles": [{"percentile": 10, "score": 1.5}, {"percentile": 90, "score": 4.5}]}}}
  ]
}
)json";

json tiny() { return json::parse(kTiny); }

Instrument load(const json& doc) { return securebase::parse_instrument(doc.dump(2), "tiny.json"); }

// Parses `text` and checks it is rejected with `code` and exactly the message `what`.
void expect_error_text(std::string_view text, ErrorCode code, const std::string& what,
                       std::string_view source = "tiny.json") {
  securebase::test::check_error([&] { (void)securebase::parse_instrument(text, source); }, code,
                                what);
}

// Mutates the tiny instrument and checks the result is rejected with `code` and `what`.
void expect_error(const std::function<void(json&)>& mutate, ErrorCode code,
                  const std::string& what) {
  json doc = tiny();
  mutate(doc);
  expect_error_text(doc.dump(2), code, what);
}

// An instrument with one mean scale "s" of `n` items (i1..in) and the given min_answered.
json one_scale(std::size_t n, const json& min_answered) {
  json doc = tiny();
  doc.erase("plane");
  doc.erase("norm_sets");
  doc["orders"].erase("alternatives");
  doc["scales"] = json::array(
      {{{"id", "s"}, {"name", "S"}, {"method", "mean"}, {"min_answered", min_answered}}});
  doc["items"] = json::array();
  for (std::size_t i = 1; i <= n; ++i) {
    doc["items"].push_back({{"id", "i" + std::to_string(i)},
                            {"number", i},
                            {"keys", json::array({{{"scale", "s"}}})}});
  }
  return doc;
}

int required_for(std::size_t n, const json& min_answered) {
  return load(one_scale(n, min_answered)).scales().at(0).min_answered.required;
}

// Item numbers of a scale, and of its reverse-keyed items, read from the loaded items' keys.
struct ScaleKey {
  std::vector<int> items;
  std::vector<int> reversed;
};

ScaleKey key_of(const Instrument& in, std::string_view scale_id) {
  const auto s = in.find_scale(scale_id);
  REQUIRE(s.has_value());
  ScaleKey key;
  for (const securebase::Item& item : in.items()) {
    for (const securebase::ItemKey& k : item.keys) {
      if (k.scale != *s) continue;
      key.items.push_back(item.number);
      if (k.reversed) key.reversed.push_back(item.number);
    }
  }
  return key;
}

std::vector<int> range(int from, int to, int step = 1) {
  std::vector<int> v;
  for (int i = from; i <= to; i += step) v.push_back(i);
  return v;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Embedded instruments and their published keys

TEST_CASE("the embedded instruments are listed and load", "[instrument]") {
  // The 36-item ECR family, the catalogue instruments (tests/catalogue_test.cpp), the RQ
  // (tests/rq_test.cpp), the ECR-RS (tests/composite_test.cpp) and securebase's own inventory
  // (tests/inventory_test.cpp), sorted by id.
  CHECK(securebase::embedded_instrument_ids() ==
        std::vector<std::string>{"ecr", "ecr-12", "ecr-5", "ecr-r", "ecr-rs", "ecr-s", "raas", "rq",
                                 "rsq", "securebase-brief", "securebase-core"});
  const std::set<std::string> ecr_family = {"ecr", "ecr-5", "ecr-r"};
  for (const std::string& id : securebase::embedded_instrument_ids()) {
    INFO(id);
    const Instrument in = securebase::load_embedded_instrument(id);
    CHECK(in.id() == id);
    CHECK(in.source() == "embedded:" + id);
    if (ecr_family.count(id) != 0) {
      // source: the ECR and ECR-R have 36 items on two 18-item scales (instruments.md §1, §2)
      CHECK(in.items().size() == 36);
      CHECK(in.scales().size() == 2);
    }
    for (std::size_t i = 0; i < in.items().size(); ++i) CHECK(in.items()[i].number == int(i) + 1);
    CHECK(securebase::embedded_instrument_json(id).has_value());
    CHECK(in.key_fingerprint().size() == 64);
  }
  CHECK_FALSE(securebase::embedded_instrument_json("nope").has_value());
}

TEST_CASE("the ECR-R key is Fraley's published key exactly", "[instrument]") {
  const Instrument in = securebase::load_embedded_instrument("ecr-r");
  // source: ../shared/reference/instruments.md §1 (Fraley, Waller & Brennan, 2000): anxiety =
  // items 1-18 reversed {9, 11}; avoidance = items 19-36 reversed {20, 22, 26-31, 33-36}.
  const ScaleKey anx = key_of(in, "anxiety");
  const ScaleKey avo = key_of(in, "avoidance");
  CHECK(anx.items == range(1, 18));
  CHECK(anx.reversed == std::vector<int>{9, 11});
  CHECK(avo.items == range(19, 36));
  CHECK(avo.reversed == std::vector<int>{20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36});
  // source: instruments.md §1, "item 21 is NOT reversed"
  const std::size_t i21 = 20;
  REQUIRE(in.items()[i21].number == 21);
  REQUIRE(in.items()[i21].keys.size() == 1);
  CHECK_FALSE(in.items()[i21].keys[0].reversed);
  for (const securebase::Item& item : in.items()) CHECK(item.keys.size() == 1);
  // response range 1-7 (instruments.md §1 "each rated 1-7"); reversed = 8 - x
  CHECK(in.response_scale().min == 1);
  CHECK(in.response_scale().max == 7);
  CHECK(in.plan().reverse_sum == 8.0);
  CHECK(in.canonical_order().id == "fraley");
  REQUIRE(in.plane().has_value());
  CHECK(in.scales()[in.plane()->anxiety.scale].id == "anxiety");
  CHECK(in.scales()[in.plane()->avoidance.scale].id == "avoidance");
}

TEST_CASE("the ECR and ECR-5 keys are Brennan's published key exactly", "[instrument]") {
  for (const char* id : {"ecr", "ecr-5"}) {
    INFO(id);
    const Instrument in = securebase::load_embedded_instrument(id);
    // source: instruments.md §2 (Brennan, Clark & Shaver, 1998): odd items avoidance reversed
    // {3, 15, 19, 25, 27, 29, 31, 33, 35}; even items anxiety reversed {22}.
    const ScaleKey avo = key_of(in, "avoidance");
    const ScaleKey anx = key_of(in, "anxiety");
    CHECK(avo.items == range(1, 35, 2));
    CHECK(avo.reversed == std::vector<int>{3, 15, 19, 25, 27, 29, 31, 33, 35});
    CHECK(anx.items == range(2, 36, 2));
    CHECK(anx.reversed == std::vector<int>{22});
    CHECK(in.canonical_order().id == "brennan");
  }
  // source: instruments.md §2: 7-point original; the OSP online version uses 1-5
  CHECK(securebase::load_embedded_instrument("ecr").response_scale().max == 7);
  CHECK(securebase::load_embedded_instrument("ecr-5").response_scale().max == 5);
}

TEST_CASE("every ECR and ECR-R scale needs 15 of its 18 items", "[instrument]") {
  // The catalogue instruments' rules are checked in tests/catalogue_test.cpp.
  for (const std::string id : {"ecr", "ecr-5", "ecr-r"}) {
    const Instrument in = securebase::load_embedded_instrument(id);
    for (const securebase::Scale& s : in.scales()) {
      INFO(id << " " << s.id);
      CHECK(s.items.size() == 18);
      CHECK(s.min_answered.is_proportion);
      CHECK(s.min_answered.declared == 0.8);
      CHECK(s.min_answered.rounding == securebase::Rounding::ceil);
      // source: hand computation, ceil(0.8 * 18) = ceil(14.4) = 15
      CHECK(s.min_answered.required == 15);
      CHECK(securebase::describe_min_answered(s) ==
            "at least 15 of 18 items answered (80% of items, rounded up)");
    }
    for (std::uint32_t m : in.plan().scale_min_answered) CHECK(m == 15);
  }
}

// ---------------------------------------------------------------------------------------------
// The parsed model and the compiled plan

TEST_CASE("the tiny instrument parses into the documented model", "[instrument]") {
  const Instrument in = load(tiny());
  CHECK(in.id() == "tiny");
  CHECK(in.version() == "0.1.0");
  CHECK(in.title() == "Tiny test instrument");
  CHECK(in.short_title() == "Tiny test instrument");  // defaults to the title
  REQUIRE(in.citations().size() == 1);
  CHECK(in.citations()[0].text == "Invented for the securebase tests.");
  CHECK(in.citations()[0].doi.empty());
  CHECK(in.licence() == "Test fixture.");
  CHECK(in.source() == "tiny.json");
  CHECK(in.response_scale().labels ==
        std::vector<std::string>{"one", "two", "three", "four", "five"});
  REQUIRE(in.scales().size() == 2);
  CHECK(in.scales()[0].method == securebase::ScaleMethod::mean);
  CHECK(in.scales()[1].method == securebase::ScaleMethod::sum);
  CHECK(in.scales()[0].items == std::vector<std::size_t>{0, 1});
  CHECK(in.scales()[1].items == std::vector<std::size_t>{1, 2, 3});
  CHECK_FALSE(in.scales()[0].min_answered.is_proportion);
  CHECK(in.scales()[0].min_answered.required == 2);
  // source: hand computation, ceil(0.5 * 3) = 2
  CHECK(in.scales()[1].min_answered.required == 2);
  CHECK(in.canonical_order().items == std::vector<std::size_t>{0, 1, 2, 3});
  REQUIRE(in.alternative_orders().size() == 1);
  CHECK(in.alternative_orders()[0].items == std::vector<std::size_t>{3, 2, 1, 0});
  CHECK_FALSE(in.alternative_orders()[0].verified);
  REQUIRE(in.plane().has_value());
  CHECK(in.plane()->anxiety.scale == 0);
  CHECK(in.plane()->anxiety.direction == 1);
  CHECK(in.plane()->avoidance.scale == 1);
  CHECK(in.plane()->avoidance.direction == -1);
  REQUIRE(in.norm_sets().size() == 1);
  const securebase::NormSet& ns = in.norm_sets()[0];
  CHECK(ns.n == 100);
  REQUIRE(ns.find(0) != nullptr);
  CHECK(ns.find(1) == nullptr);
  CHECK(ns.find(0)->mean == 3.0);
  CHECK(ns.find(0)->sd == 1.0);
  CHECK(ns.find(0)->reliability == 0.8);
  REQUIRE(ns.find(0)->percentiles.size() == 2);
  CHECK(ns.find(0)->percentiles[1].percentile == 90.0);
  CHECK(ns.find(0)->percentiles[1].score == 4.5);
}

TEST_CASE("items are stored by number whatever their order in the file", "[instrument]") {
  json doc = tiny();
  std::swap(doc["items"][0], doc["items"][3]);
  const Instrument in = load(doc);
  CHECK(in.items()[0].id == "a1");
  CHECK(in.items()[3].id == "b2");
  CHECK(in.key_fingerprint() == load(tiny()).key_fingerprint());
}

TEST_CASE("the compiled scoring plan of the tiny instrument", "[instrument]") {
  const securebase::ScoringPlan plan = load(tiny()).plan();
  // source: hand compilation of kTiny: anx = {a1, a2 reversed}; avo = {a2, b1 reversed, b2}
  CHECK(plan.min == 1.0);
  CHECK(plan.max == 5.0);
  CHECK(plan.reverse_sum == 6.0);
  CHECK(plan.scale_begin == std::vector<std::uint32_t>{0, 2, 5});
  CHECK(plan.entry_item == std::vector<std::uint32_t>{0, 1, 1, 2, 3});
  CHECK(plan.entry_reversed == std::vector<std::uint8_t>{0, 1, 0, 1, 0});
  CHECK(plan.scale_min_answered == std::vector<std::uint32_t>{2, 2});
  CHECK(plan.scale_is_sum == std::vector<std::uint8_t>{0, 1});
}

TEST_CASE("the ECR-R plan matches the published key", "[instrument]") {
  const securebase::ScoringPlan plan = securebase::load_embedded_instrument("ecr-r").plan();
  REQUIRE(plan.scale_begin == std::vector<std::uint32_t>{0, 18, 36});
  std::vector<std::uint32_t> items;
  for (std::uint32_t i = 0; i < 36; ++i) items.push_back(i);
  CHECK(plan.entry_item == items);
  // source: instruments.md §1 reversed items {9, 11} and {20, 22, 26-31, 33-36}
  const std::set<std::uint32_t> reversed = {9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36};
  for (std::uint32_t e = 0; e < 36; ++e) {
    INFO("item " << e + 1);
    CHECK(plan.entry_reversed[e] == (reversed.count(e + 1) != 0 ? 1 : 0));
  }
  CHECK(plan.scale_is_sum == std::vector<std::uint8_t>{0, 0});
}

TEST_CASE("find_item, find_scale, find_norm_set and find_order", "[instrument]") {
  const Instrument in = load(tiny());
  CHECK(in.find_item("a1") == std::optional<std::size_t>{0});
  CHECK(in.find_item("b2") == std::optional<std::size_t>{3});
  CHECK_FALSE(in.find_item("zz").has_value());
  CHECK_FALSE(in.find_item("1").has_value());  // ids, not numbers
  CHECK(in.find_scale("avo") == std::optional<std::size_t>{1});
  CHECK_FALSE(in.find_scale("Avo").has_value());
  REQUIRE(in.find_norm_set("ns") != nullptr);
  CHECK(in.find_norm_set("ns")->name == "Test norms");
  CHECK(in.find_norm_set("zz") == nullptr);
  CHECK(in.find_order("std") == &in.canonical_order());
  REQUIRE(in.find_order("back") != nullptr);
  CHECK(in.find_order("back")->description == "Backwards.");
  CHECK(in.find_order("zz") == nullptr);
}

TEST_CASE("enums print as their format words", "[instrument]") {
  using securebase::Rounding;
  using securebase::ScaleMethod;
  CHECK(securebase::to_string(ScaleMethod::mean) == "mean");
  CHECK(securebase::to_string(ScaleMethod::sum) == "sum");
  CHECK(securebase::to_string(Rounding::ceil) == "ceil");
  CHECK(securebase::to_string(Rounding::floor) == "floor");
  CHECK(securebase::to_string(Rounding::nearest) == "nearest");
}

TEST_CASE("describe_min_answered says the rule in words", "[instrument]") {
  const Instrument in = load(tiny());
  CHECK(securebase::describe_min_answered(in.scales()[0]) == "at least 2 of 2 items answered");
  CHECK(securebase::describe_min_answered(in.scales()[1]) ==
        "at least 2 of 3 items answered (50% of items, rounded up)");
  const Instrument floor5 = load(one_scale(5, {{"proportion", 0.5}, {"rounding", "floor"}}));
  CHECK(securebase::describe_min_answered(floor5.scales()[0]) ==
        "at least 2 of 5 items answered (50% of items, rounded down)");
  const Instrument near5 = load(one_scale(5, {{"proportion", 0.5}, {"rounding", "nearest"}}));
  CHECK(securebase::describe_min_answered(near5.scales()[0]) ==
        "at least 3 of 5 items answered (50% of items, rounded to nearest)");
}

TEST_CASE("a proportion becomes a whole number of items by its rounding", "[instrument]") {
  // source: hand computation for each line (p * k, then the rounding named)
  CHECK(required_for(5, {{"proportion", 0.8}, {"rounding", "ceil"}}) == 4);      // 4.0
  CHECK(required_for(5, {{"proportion", 0.8}, {"rounding", "floor"}}) == 4);     // 4.0
  CHECK(required_for(5, {{"proportion", 0.5}, {"rounding", "ceil"}}) == 3);      // 2.5 up
  CHECK(required_for(5, {{"proportion", 0.5}, {"rounding", "floor"}}) == 2);     // 2.5 down
  CHECK(required_for(5, {{"proportion", 0.5}, {"rounding", "nearest"}}) == 3);   // 2.5 half up
  CHECK(required_for(5, {{"proportion", 0.3}, {"rounding", "nearest"}}) == 2);   // 1.5 half up
  CHECK(required_for(5, {{"proportion", 0.25}, {"rounding", "nearest"}}) == 1);  // 1.25
  CHECK(required_for(5, {{"proportion", 1}, {"rounding", "floor"}}) == 5);       // all
  // 0.28 * 25 is 7.000000000000001 in binary floating point: a naive ceil would give 8
  CHECK(required_for(25, {{"proportion", 0.28}, {"rounding", "ceil"}}) == 7);
  // 0.58 * 50 is 28.999999999999996: a naive floor would give 28
  CHECK(required_for(50, {{"proportion", 0.58}, {"rounding", "floor"}}) == 29);
  // a tiny proportion still needs one answered item: floor(0.1 * 5) = 0, raised to 1
  CHECK(required_for(5, {{"proportion", 0.1}, {"rounding", "floor"}}) == 1);
  CHECK(required_for(5, {{"count", 5}}) == 5);
}

// ---------------------------------------------------------------------------------------------
// Key fingerprint

TEST_CASE("the canonical key JSON of the tiny instrument", "[instrument]") {
  const Instrument in = load(tiny());
  // source: hand-written from kTiny following to_canonical_key_json's documented form (compact,
  // sorted keys, resolved min_answered)
  const std::string expected =
      R"({"format":"securebase-key","format_version":1,"items":[)"
      R"({"id":"a1","keys":[{"reversed":false,"scale":"anx"}],"number":1},)"
      R"({"id":"a2","keys":[{"reversed":true,"scale":"anx"},{"reversed":false,"scale":"avo"}],"number":2},)"
      R"({"id":"b1","keys":[{"reversed":true,"scale":"avo"}],"number":3},)"
      R"({"id":"b2","keys":[{"reversed":false,"scale":"avo"}],"number":4}],)"
      R"("response_scale":{"max":5,"min":1},)"
      R"("scales":[{"id":"anx","method":"mean","min_answered":2},)"
      R"({"id":"avo","method":"sum","min_answered":2}]})";
  CHECK(securebase::to_canonical_key_json(in) == expected);
  CHECK(in.key_fingerprint() == securebase::detail::sha256_hex(expected));
  // source: `printf '%s' "<expected above>" | sha256sum` (GNU coreutils 9.1)
  CHECK(in.key_fingerprint() == "1e9c4d7e9ea44c0fa783f03f26c7fcca8a2e4e2b31a8da09f4e25e2e3d29e855");
}

TEST_CASE("every embedded fingerprint is the SHA-256 of its canonical key", "[instrument]") {
  for (const std::string& id : securebase::embedded_instrument_ids()) {
    INFO(id);
    const Instrument in = securebase::load_embedded_instrument(id);
    CHECK(in.key_fingerprint() ==
          securebase::detail::sha256_hex(securebase::to_canonical_key_json(in)));
  }
  // the ECR and the ECR-5 share the Brennan key but not the response range
  CHECK(securebase::load_embedded_instrument("ecr").key_fingerprint() !=
        securebase::load_embedded_instrument("ecr-5").key_fingerprint());
}

TEST_CASE("the fingerprint ignores what does not change scoring", "[instrument]") {
  const std::string base = load(tiny()).key_fingerprint();
  const std::vector<std::pair<const char*, std::function<void(json&)>>> edits = {
      {"title", [](json& d) { d["title"] = "Another title"; }},
      {"short_title", [](json& d) { d["short_title"] = "T"; }},
      {"version", [](json& d) { d["version"] = "9.9.9"; }},
      {"citation", [](json& d) { d["citations"][0]["text"] = "Another citation."; }},
      {"added citation",
       [](json& d) {
         d["citations"].push_back({{"text", "More."}, {"doi", "10.1/x"}});
       }},
      {"licence", [](json& d) { d["licence"] = "Another licence."; }},
      {"notes", [](json& d) { d["notes"] = "Some notes."; }},
      {"labels", [](json& d) { d["response_scale"]["labels"][0] = "uno"; }},
      {"no labels", [](json& d) { d["response_scale"].erase("labels"); }},
      {"scale name", [](json& d) { d["scales"][0]["name"] = "Worry"; }},
      {"scale note", [](json& d) { d["scales"][0]["note"] = "A note."; }},
      {"item note", [](json& d) { d["items"][0]["note"] = "A note."; }},
      {"min_answered note", [](json& d) { d["scales"][0]["min_answered"]["note"] = "Why."; }},
      {"norm mean", [](json& d) { d["norm_sets"][0]["scales"]["anx"]["mean"] = 2.5; }},
      {"norm set removed", [](json& d) { d.erase("norm_sets"); }},
      {"plane removed", [](json& d) { d.erase("plane"); }},
      {"alternative order", [](json& d) { d["orders"].erase("alternatives"); }},
      {"canonical order id", [](json& d) { d["orders"]["canonical"]["id"] = "other"; }},
      {"reliability added",
       [](json& d) {
         d["scales"][0]["reliability"] = {{"value", 0.9}, {"source", "Invented."}};
       }},
      {"same required count, other rule",
       [](json& d) {
         d["scales"][1]["min_answered"] = {{"count", 2}};
       }},
      // declaration order does not change scoring (scores are by scale id)
      {"scales declared in the other order",
       [](json& d) { std::swap(d["scales"][0], d["scales"][1]); }},
      {"an item's keys in the other order",
       [](json& d) { std::swap(d["items"][1]["keys"][0], d["items"][1]["keys"][1]); }},
  };
  for (const auto& [name, edit] : edits) {
    INFO(name);
    json doc = tiny();
    edit(doc);
    CHECK(load(doc).key_fingerprint() == base);
  }
}

TEST_CASE("the fingerprint changes with anything that changes scoring", "[instrument]") {
  const std::string base = load(tiny()).key_fingerprint();
  const std::vector<std::pair<const char*, std::function<void(json&)>>> edits = {
      {"a reversal added", [](json& d) { d["items"][0]["keys"][0]["reversed"] = true; }},
      {"a reversal removed", [](json& d) { d["items"][2]["keys"][0]["reversed"] = false; }},
      {"an item moved to another scale",
       [](json& d) { d["items"][3]["keys"][0]["scale"] = "anx"; }},
      {"an item added to a scale",
       [](json& d) {
         d["items"][0]["keys"].push_back({{"scale", "avo"}});
       }},
      {"an item removed from a scale", [](json& d) { d["items"][1]["keys"].erase(1); }},
      {"min_answered count", [](json& d) { d["scales"][0]["min_answered"]["count"] = 1; }},
      {"min_answered proportion",
       [](json& d) { d["scales"][1]["min_answered"]["proportion"] = 1; }},
      {"min_answered rounding",
       [](json& d) { d["scales"][1]["min_answered"]["rounding"] = "floor"; }},
      {"response max",
       [](json& d) {
         d["response_scale"]["max"] = 7;
         d["response_scale"].erase("labels");
         d.erase("norm_sets");
       }},
      {"response min",
       [](json& d) {
         d["response_scale"]["min"] = 0;
         d["response_scale"].erase("labels");
         d.erase("norm_sets");
       }},
      {"method",
       [](json& d) {
         d["scales"][0]["method"] = "sum";
         d.erase("norm_sets");
       }},
      {"item id",
       [](json& d) {
         d["items"][0]["id"] = "a0";
         d["orders"]["alternatives"][0]["items"][3] = "a0";
       }},
      {"item numbers swapped",
       [](json& d) {
         d["items"][0]["number"] = 2;
         d["items"][1]["number"] = 1;
       }},
  };
  std::set<std::string> seen = {base};
  for (const auto& [name, edit] : edits) {
    INFO(name);
    json doc = tiny();
    edit(doc);
    const std::string fp = load(doc).key_fingerprint();
    CHECK(fp != base);
    CHECK(seen.insert(fp).second);  // and differently from every other edit
  }
}

TEST_CASE("to_key_json describes the compiled ECR-R key", "[instrument]") {
  const Instrument in = securebase::load_embedded_instrument("ecr-r");
  const std::string text = securebase::to_key_json(in);
  CHECK(text.back() == '\n');
  const json j = json::parse(text);
  CHECK(j["id"] == "ecr-r");
  CHECK(j["source"] == "embedded:ecr-r");
  CHECK(j["key_fingerprint"] == in.key_fingerprint());
  CHECK(j["response_scale"]["min"] == 1);
  CHECK(j["response_scale"]["max"] == 7);
  CHECK(j["response_scale"]["labels"].size() == 7);
  REQUIRE(j["scales"].size() == 2);
  const json& anx = j["scales"][0];
  const json& avo = j["scales"][1];
  CHECK(anx["id"] == "anxiety");
  CHECK(anx["method"] == "mean");
  // source: instruments.md §1 (Fraley et al., 2000)
  CHECK(anx["items"].get<std::vector<int>>() == range(1, 18));
  CHECK(anx["reversed"].get<std::vector<int>>() == std::vector<int>{9, 11});
  CHECK(avo["id"] == "avoidance");
  CHECK(avo["items"].get<std::vector<int>>() == range(19, 36));
  CHECK(avo["reversed"].get<std::vector<int>>() ==
        std::vector<int>{20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36});
  CHECK(anx["item_ids"][0] == "i01");
  // source: ceil(0.8 * 18) = 15
  CHECK(anx["min_answered"] == 15);
  CHECK(anx["min_answered_rule"] == "at least 15 of 18 items answered (80% of items, rounded up)");
  CHECK_FALSE(anx.contains("reliability"));
  CHECK(j["plane"]["anxiety"]["scale"] == "anxiety");
  CHECK(j["plane"]["avoidance"]["direction"] == 1);
  // source: instruments/ecr-r.json, the canonical Fraley order and the dependlab alternative
  REQUIRE(j["orders"].size() == 2);
  CHECK(j["orders"][0]["id"] == "fraley");
  CHECK(j["orders"][0]["canonical"] == true);
  CHECK(j["orders"][0]["items"].size() == 36);
  CHECK(j["orders"][1]["id"] == "dependlab-interleaved");
  CHECK(j["orders"][1]["verified"] == false);
  CHECK(j["norm_sets"].empty());
  const std::string compact = securebase::to_key_json(in, -1);
  CHECK(compact.find('\n') == std::string::npos);
  CHECK(json::parse(compact) == j);
}

TEST_CASE("to_key_json of the tiny instrument lists norms, orders and the plane", "[instrument]") {
  const json j = json::parse(securebase::to_key_json(load(tiny())));
  CHECK(j["short_title"] == "Tiny test instrument");
  CHECK(j["citations"][0]["doi"] == "");
  CHECK(j["scales"][1]["items"].get<std::vector<int>>() == std::vector<int>{2, 3, 4});
  CHECK(j["scales"][1]["reversed"].get<std::vector<int>>() == std::vector<int>{3});
  CHECK(j["scales"][0]["reversed"].get<std::vector<int>>() == std::vector<int>{2});
  CHECK(j["plane"]["avoidance"]["direction"] == -1);
  REQUIRE(j["orders"].size() == 2);
  CHECK(j["orders"][1]["canonical"] == false);
  CHECK(j["orders"][1]["verified"] == false);
  CHECK(j["orders"][1]["items"] == json({"b2", "b1", "a2", "a1"}));
  REQUIRE(j["norm_sets"].size() == 1);
  CHECK(j["norm_sets"][0]["n"] == 100);
  CHECK(j["norm_sets"][0]["scales"]["anx"]["reliability"] == 0.8);
  CHECK(j["norm_sets"][0]["scales"]["anx"]["percentiles"][1]["score"] == 4.5);
  json no_plane = tiny();
  no_plane.erase("plane");
  CHECK(json::parse(securebase::to_key_json(load(no_plane)))["plane"].is_null());
}

// ---------------------------------------------------------------------------------------------
// Loading by id and by path

TEST_CASE("load_instrument takes an embedded id or a file path", "[instrument]") {
  const Instrument by_id = securebase::load_instrument("ecr-r");
  CHECK(by_id.source() == "embedded:ecr-r");
  CHECK(by_id.key_fingerprint() == securebase::load_embedded_instrument("ecr-r").key_fingerprint());
  const std::string path = data_dir + "/instruments/tiny.json";
  const Instrument by_path = securebase::load_instrument(path);
  CHECK(by_path.id() == "tiny");
  CHECK(by_path.source() == path);
  CHECK(by_path.key_fingerprint() == load(tiny()).key_fingerprint());
  const Instrument by_file = securebase::load_instrument_file(path);
  CHECK(by_file.source() == path);
  CHECK(by_file.key_fingerprint() == by_path.key_fingerprint());
}

TEST_CASE("an unreadable instrument file is error 601", "[instrument]") {
  const std::string missing = data_dir + "/instruments/does-not-exist.json";
  try {
    (void)securebase::load_instrument_file(missing);
    FAIL("a missing file was loaded");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::io_read);
    CHECK(std::string(e.what()) ==
          "[securebase.io.601] " + missing +
              ": cannot be opened for reading (No such file or directory)");
  }
  const std::string dir = data_dir + "/instruments";
  try {
    (void)securebase::load_instrument_file(dir);
    FAIL("a directory was loaded");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::io_read);
    CHECK(std::string(e.what()) ==
          "[securebase.io.601] " + dir + ": is a directory, but must be a file");
  }
  // load_instrument finds the directory exists and so reads it as a file
  try {
    (void)securebase::load_instrument(dir);
    FAIL("a directory was loaded");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "[securebase.io.601] " + dir + ": is a directory, but must be a file");
  }
}

TEST_CASE("an unknown instrument id is error 107 listing the embedded ids", "[instrument]") {
  try {
    (void)securebase::load_embedded_instrument("nope");
    FAIL("an unknown id was loaded");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::instrument_unknown);
    CHECK(std::string(e.what()) ==
          "[securebase.instrument.107] nope: no embedded instrument has this id; embedded "
          "instruments: ecr, ecr-12, ecr-5, ecr-r, ecr-rs, ecr-s, raas, rq, rsq, securebase-brief, "
          "securebase-core");
  }
  try {
    (void)securebase::load_instrument("nope");
    FAIL("an unknown id was loaded");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::instrument_unknown);
    CHECK(std::string(e.what()) ==
          "[securebase.instrument.107] nope: is neither an embedded instrument id nor an existing "
          "file; embedded instruments: ecr, ecr-12, ecr-5, ecr-r, ecr-rs, ecr-s, raas, rq, rsq, "
          "securebase-brief, securebase-core");
  }
}

// ---------------------------------------------------------------------------------------------
// JSON syntax (101) and duplicate keys (105)

TEST_CASE("malformed JSON is error 101 located by file:line:column", "[instrument]") {
  const std::string path = data_dir + "/instruments/syntax-error.json";
  try {
    (void)securebase::load_instrument_file(path);
    FAIL("a malformed file was loaded");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::instrument_syntax);
    // line 4 lacks its comma, so the parser stops at the "version" key on line 5 (columns
    // 3-11); the column given is that of the token's last character
    CHECK(std::string(e.what()) ==
          "[securebase.instrument.101] " + path +
              ":5:11: the text is not valid JSON (syntax error while parsing object - unexpected "
              "string literal; expected '}')");
  }
  expect_error_text("", ErrorCode::instrument_syntax,
                    "[securebase.instrument.101] tiny.json:1:1: the text is not valid JSON (syntax "
                    "error while parsing value - unexpected end of input; expected '[', '{', or a "
                    "literal)");
  expect_error_text("{} x", ErrorCode::instrument_syntax,
                    "[securebase.instrument.101] tiny.json:1:4: the text is not valid JSON (syntax "
                    "error while parsing value - invalid literal; last read: '{} x'; expected end "
                    "of input)");
  // columns count characters, not bytes: "é" is two bytes but one column
  expect_error_text(
      "{\"é\": tru}", ErrorCode::instrument_syntax,
      "[securebase.instrument.101] tiny.json:1:10: the text is not valid JSON (syntax "
      "error while parsing value - invalid literal; last read: '\"é\": tru}')");
}

TEST_CASE("a duplicate key is error 105 located by its JSON path", "[instrument]") {
  std::string text(kTiny);
  const std::string from = R"("id": "b2", "number": 4,)";
  text.replace(text.find(from), from.size(), R"("id": "b2", "number": 4, "id": "b3",)");
  expect_error_text(text, ErrorCode::instrument_duplicate,
                    "[securebase.instrument.105] tiny.json: /items/3/id: key \"id\" appears twice "
                    "in the same object, but must be unique");
  expect_error_text(R"({"a": {"b/c": 1, "b/c": 2}})", ErrorCode::instrument_duplicate,
                    "[securebase.instrument.105] tiny.json: /a/b~1c: key \"b/c\" appears twice in "
                    "the same object, but must be unique");
}

TEST_CASE("nesting deeper than 256 levels is error 101", "[instrument]") {
  const auto nested = [](std::size_t levels) {
    return std::string(levels, '[') + "1" + std::string(levels, ']');
  };
  // 256 levels pass the depth limit and fail only as "not an object"
  expect_error_text(nested(256), ErrorCode::instrument_wrong_type,
                    "[securebase.instrument.103] tiny.json: /: the instrument is an array, but "
                    "must be an object");
  std::string path;
  for (int i = 0; i < 256; ++i) path += "/0";
  expect_error_text(
      nested(257), ErrorCode::instrument_syntax,
      "[securebase.instrument.101] tiny.json: " + path +
          ": JSON is nested more than 256 levels deep, but must be at most that deep");
  // far deeper input is stopped at the same place, without exhausting the stack
  expect_error_text(
      nested(100000), ErrorCode::instrument_syntax,
      "[securebase.instrument.101] tiny.json: " + path +
          ": JSON is nested more than 256 levels deep, but must be at most that deep");
}

TEST_CASE("257 levels whose innermost container is empty are also too deep", "[instrument]") {
  // Regression: the depth limit once counted the innermost empty container one level short.
  const std::string text = std::string(257, '[') + std::string(257, ']');
  try {
    (void)securebase::parse_instrument(text, "tiny.json");
    FAIL("not rejected");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::instrument_syntax);
  }
}

TEST_CASE("a number too large for a double is a clear instrument error", "[instrument]") {
  // Regression: nlohmann rejects 1e999 with out_of_range.406, which once escaped as a
  // nlohmann exception instead of Error 101.
  std::string text(kTiny);
  const std::string from = R"("sd": 1,)";
  text.replace(text.find(from), from.size(), R"("sd": 1e999,)");
  try {
    (void)securebase::parse_instrument(text, "tiny.json");
    FAIL("1e999 was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::instrument_syntax);
    CHECK_THAT(std::string(e.what()), Catch::StartsWith("[securebase.instrument.101] tiny.json") &&
                                          Catch::Contains("1e999"));
  } catch (const std::exception& e) {
    FAIL("a non-securebase exception escaped: " << e.what());
  }
}

TEST_CASE("whole numbers beyond the accepted range are error 104", "[instrument]") {
  expect_error([](json& d) { d["norm_sets"][0]["n"] = 2000000000; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /norm_sets/0/n: n is 2000000000, but must "
               "be at most 1000000000");
  expect_error([](json& d) { d["response_scale"]["min"] = -2000000000; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /response_scale/min: min is -2000000000, "
               "but must be between -1000000000 and 1000000000");
  // 2^64 does not fit an integer, so it arrives as a double: whole, but out of range
  std::string text(kTiny);
  const std::string from = R"("n": 100,)";
  text.replace(text.find(from), from.size(), R"("n": 18446744073709551616,)");
  expect_error_text(text, ErrorCode::instrument_bad_value,
                    "[securebase.instrument.104] tiny.json: /norm_sets/0/n: n is "
                    "1.8446744073709552e+19, but must be between -1000000000 and 1000000000");
}

// ---------------------------------------------------------------------------------------------
// Missing members (102), wrong types (103), unknown members (108)

TEST_CASE("a missing required member is error 102 at its object's path", "[instrument]") {
  expect_error([](json& d) { d.erase("id"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /: required member \"id\" is missing");
  expect_error([](json& d) { d.erase("format"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /: required member \"format\" is missing");
  expect_error([](json& d) { d.erase("citations"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /: required member \"citations\" is "
               "missing");
  expect_error([](json& d) { d["citations"][0].erase("text"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /citations/0: required member \"text\" is "
               "missing");
  expect_error([](json& d) { d["response_scale"].erase("max"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /response_scale: required member \"max\" "
               "is missing");
  expect_error([](json& d) { d["scales"][0].erase("method"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /scales/0: required member \"method\" is "
               "missing");
  expect_error([](json& d) { d["scales"][1].erase("min_answered"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /scales/1: required member "
               "\"min_answered\" is missing");
  expect_error([](json& d) { d["scales"][1]["min_answered"].erase("rounding"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /scales/1/min_answered: required member "
               "\"rounding\" is missing");
  expect_error([](json& d) { d["items"][2].erase("number"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /items/2: required member \"number\" is "
               "missing");
  expect_error([](json& d) { d["items"][0].erase("keys"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /items/0: required member \"keys\" is "
               "missing");
  expect_error([](json& d) { d["items"][1]["keys"][1].erase("scale"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /items/1/keys/1: required member "
               "\"scale\" is missing");
  expect_error([](json& d) { d["orders"].erase("canonical"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /orders: required member \"canonical\" is "
               "missing");
  expect_error([](json& d) { d["orders"]["alternatives"][0].erase("description"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /orders/alternatives/0: required member "
               "\"description\" is missing");
  expect_error([](json& d) { d["plane"].erase("avoidance"); }, ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /plane: required member \"avoidance\" is "
               "missing");
  expect_error([](json& d) { d["norm_sets"][0].erase("citation"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /norm_sets/0: required member "
               "\"citation\" is missing");
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"].erase("sd"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /norm_sets/0/scales/anx: required member "
               "\"sd\" is missing");
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"]["percentiles"][0].erase("score"); },
               ErrorCode::instrument_missing_field,
               "[securebase.instrument.102] tiny.json: /norm_sets/0/scales/anx/percentiles/0: "
               "required member \"score\" is missing");
}

TEST_CASE("a member of the wrong JSON type is error 103", "[instrument]") {
  expect_error_text("[]", ErrorCode::instrument_wrong_type,
                    "[securebase.instrument.103] tiny.json: /: the instrument is an array, but "
                    "must be an object");
  expect_error([](json& d) { d["format_version"] = "1"; }, ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /format_version: format_version is a "
               "string, but must be a whole number");
  expect_error([](json& d) { d["title"] = 5; }, ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /title: title is a number, but must be a "
               "string");
  expect_error([](json& d) { d["citations"] = "Someone (2000)."; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /citations: citations is a string, but "
               "must be an array");
  expect_error(
      [](json& d) {
        d["response_scale"] = json::array({1, 5});
      },
      ErrorCode::instrument_wrong_type,
      "[securebase.instrument.103] tiny.json: /response_scale: response_scale is an "
      "array, but must be an object");
  expect_error([](json& d) { d["response_scale"]["labels"][2] = 3; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /response_scale/labels/2: label is 3, but "
               "must be a non-empty string");
  expect_error([](json& d) { d["response_scale"]["labels"][2] = ""; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /response_scale/labels/2: label is \"\", "
               "but must be a non-empty string");
  expect_error([](json& d) { d["scales"][0]["min_answered"] = 2; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /scales/0/min_answered: min_answered is a "
               "number, but must be an object");
  expect_error([](json& d) { d["items"][0] = "a1"; }, ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /items/0: an item is a string, but must be "
               "an object");
  expect_error([](json& d) { d["items"][0]["keys"] = "anx"; }, ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /items/0/keys: keys is a string, but must "
               "be an array");
  expect_error([](json& d) { d["items"][1]["keys"][0]["reversed"] = "yes"; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /items/1/keys/0/reversed: reversed is a "
               "string, but must be true or false");
  expect_error([](json& d) { d["items"][0]["number"] = "1"; }, ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /items/0/number: number is a string, but "
               "must be a whole number");
  expect_error([](json& d) { d["orders"]["alternatives"][0]["verified"] = 0; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /orders/alternatives/0/verified: verified "
               "is a number, but must be true or false");
  expect_error(
      [](json& d) {
        d["orders"]["alternatives"][0]["items"] = {4, 3, 2, 1, "a1"};
      },
      ErrorCode::instrument_wrong_type,
      "[securebase.instrument.103] tiny.json: /orders/alternatives/0/items/0: item "
      "reference is 4, but must be an item id string (and 6 more problems)\n"
      "  [securebase.instrument.103] tiny.json: /orders/alternatives/0/items/1: item "
      "reference is 3, but must be an item id string\n"
      "  [securebase.instrument.103] tiny.json: /orders/alternatives/0/items/2: item "
      "reference is 2, but must be an item id string\n"
      "  [securebase.instrument.103] tiny.json: /orders/alternatives/0/items/3: item "
      "reference is 1, but must be an item id string\n"
      "  [securebase.instrument.104] tiny.json: /orders/alternatives/0/items: order "
      "\"back\" leaves out item \"a2\", but must list every item once\n"
      "  [securebase.instrument.104] tiny.json: /orders/alternatives/0/items: order "
      "\"back\" leaves out item \"b1\", but must list every item once\n"
      "  [securebase.instrument.104] tiny.json: /orders/alternatives/0/items: order "
      "\"back\" leaves out item \"b2\", but must list every item once");
  expect_error([](json& d) { d["plane"]["anxiety"] = "anx"; }, ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /plane/anxiety: anxiety is a string, but "
               "must be an object");
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"]["mean"] = "3"; },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /norm_sets/0/scales/anx/mean: mean is a "
               "string, but must be a number");
  expect_error([](json& d) { d["norm_sets"][0]["scales"] = json::array(); },
               ErrorCode::instrument_wrong_type,
               "[securebase.instrument.103] tiny.json: /norm_sets/0/scales: scales is an array, "
               "but must be an object");
}

TEST_CASE("a member the format does not define is error 108 (a likely typo)", "[instrument]") {
  expect_error([](json& d) { d["titel"] = "Typo"; }, ErrorCode::instrument_unknown_field,
               "[securebase.instrument.108] tiny.json: /titel: member \"titel\" is not part of "
               "the format (a typo?); allowed here: $schema, format, format_version, id, version, "
               "title, short_title, citations, licence, notes, response_scale, scales, items, "
               "orders, plane, secure_base, norm_sets");
  expect_error(
      [](json& d) { d["items"][1]["keys"][0]["reversd"] = true; },
      ErrorCode::instrument_unknown_field,
      "[securebase.instrument.108] tiny.json: /items/1/keys/0/reversd: member "
      "\"reversd\" is not part of the format (a typo?); allowed here: scale, reversed, weight");
  expect_error([](json& d) { d["scales"][0]["min_answered"]["minimum"] = 1; },
               ErrorCode::instrument_unknown_field,
               "[securebase.instrument.108] tiny.json: /scales/0/min_answered/minimum: member "
               "\"minimum\" is not part of the format (a typo?); allowed here: count, proportion, "
               "rounding, note");
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"]["SD"] = 1; },
               ErrorCode::instrument_unknown_field,
               "[securebase.instrument.108] tiny.json: /norm_sets/0/scales/anx/SD: member \"SD\" "
               "is not part of the format (a typo?); allowed here: mean, sd, reliability, "
               "percentiles");
  // "$schema" is allowed at the root (for editors)
  json doc = tiny();
  doc["$schema"] = "https://example.invalid/instrument.schema.json";
  CHECK(load(doc).id() == "tiny");
}

// ---------------------------------------------------------------------------------------------
// Values (104), duplicates (105), dangling references (106)

TEST_CASE("a wrong format or format version is error 104", "[instrument]") {
  expect_error([](json& d) { d["format"] = "securebase-instrumnet"; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /format: format is "
               "\"securebase-instrumnet\", but must be \"securebase-instrument\"");
  expect_error([](json& d) { d["format_version"] = 2; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /format_version: format_version is 2, but "
               "must be 1 (this securebase reads instrument format version 1)");
}

TEST_CASE("bad ids and empty strings are error 104", "[instrument]") {
  expect_error([](json& d) { d["id"] = "bad id!"; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /id: id is \"bad id!\", but must be 1-64 "
               "characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
  // long strings are cut to 34 characters and "..." inside their quotes in messages
  expect_error([](json& d) { d["id"] = std::string(65, 'x'); }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /id: id is \"" + std::string(34, 'x') +
                   "...\", but must be 1-64 characters: letters, digits, '.', '_' or '-', starting "
                   "with a letter or digit");
  expect_error([](json& d) { d["id"] = ""; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /id: id is \"\", but must be a non-empty "
               "string");
  expect_error([](json& d) { d["items"][0]["id"] = "1x"; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /items/0/id: id is \"1x\", but must be "
               "1-64 letters, digits, '.', '_' or '-', starting with a letter (so that it cannot "
               "be mistaken for an item number)");
  // scale ids must start with a letter
  expect_error(
      [](json& d) {
        d["scales"].push_back(
            {{"id", "9s"}, {"name", "N"}, {"method", "mean"}, {"min_answered", {{"count", 1}}}});
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] tiny.json: /scales/2/id: id is \"9s\", but must be 1-64 "
      "letters, digits, '.', '_' or '-', starting with a letter");
  // a leading digit is fine for the instrument id
  json doc = tiny();
  doc["id"] = "9-item.v2_b";
  CHECK(load(doc).id() == "9-item.v2_b");
}

TEST_CASE("a response scale with min >= max, too many points or wrong labels is error 104",
          "[instrument]") {
  expect_error([](json& d) { d["response_scale"]["min"] = 5; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /response_scale/min: min is 5, but must be "
               "less than max (5)");
  expect_error([](json& d) { d["response_scale"]["min"] = 6; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /response_scale/min: min is 6, but must be "
               "less than max (5)");
  expect_error([](json& d) { d["response_scale"]["max"] = 102; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /response_scale/max: max is 102, but must "
               "be at most 100 above min");
  json widest = tiny();
  widest["response_scale"] = {{"min", 0}, {"max", 100}};
  widest.erase("norm_sets");
  CHECK(load(widest).response_scale().max == 100);  // 101 points is the most allowed
  expect_error([](json& d) { d["response_scale"]["labels"].erase(4); },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /response_scale/labels: the number of "
               "labels is 4, but must be 5 (one per answer from min to max)");
  expect_error([](json& d) { d["response_scale"]["min"] = 1.5; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /response_scale/min: min is 1.5, but must "
               "be a whole number");
}

TEST_CASE("empty lists are error 104", "[instrument]") {
  expect_error(
      [](json& d) {
        d["scales"] = json::array();
        for (json& item : d["items"]) item["keys"] = json::array();
        d.erase("plane");
        d.erase("norm_sets");
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] tiny.json: /scales: scales is [], but must be at least one "
      "scale");
  expect_error([](json& d) { d["items"] = json::array(); }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /items: items is [], but must be at least "
               "one item");
  expect_error([](json& d) { d["citations"] = json::array(); }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /citations: citations is [], but must be "
               "at least one citation");
  expect_error([](json& d) { d["norm_sets"][0]["scales"] = json::object(); },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /norm_sets/0/scales: scales is {}, but "
               "must be values for at least one scale");
}

TEST_CASE("a declared id or number used twice is error 105", "[instrument]") {
  expect_error(
      [](json& d) {
        d["scales"].push_back({{"id", "anx"},
                               {"name", "Again"},
                               {"method", "mean"},
                               {"min_answered", {{"count", 1}}}});
      },
      ErrorCode::instrument_duplicate,
      "[securebase.instrument.105] tiny.json: /scales/2/id: scale id \"anx\" is declared twice, "
      "but must be unique");
  expect_error([](json& d) { d["items"][3]["id"] = "b1"; }, ErrorCode::instrument_duplicate,
               "[securebase.instrument.105] tiny.json: /items/3/id: item id \"b1\" is declared "
               "twice, but must be unique");
  expect_error([](json& d) { d["items"][3]["number"] = 3; }, ErrorCode::instrument_duplicate,
               "[securebase.instrument.105] tiny.json: /items/3/number: item number 3 is used "
               "twice, but must be unique");
  expect_error([](json& d) { d["orders"]["alternatives"][0]["id"] = "std"; },
               ErrorCode::instrument_duplicate,
               "[securebase.instrument.105] tiny.json: /orders/alternatives/0/id: order id "
               "\"std\" is declared twice, but must be unique");
  expect_error([](json& d) { d["norm_sets"].push_back(d["norm_sets"][0]); },
               ErrorCode::instrument_duplicate,
               "[securebase.instrument.105] tiny.json: /norm_sets/1/id: norm set id \"ns\" is "
               "declared twice, but must be unique");
  expect_error(
      [](json& d) {
        d["items"][0]["keys"].push_back({{"scale", "anx"}, {"reversed", true}});
      },
      ErrorCode::instrument_duplicate,
      "[securebase.instrument.105] tiny.json: /items/0/keys/1/scale: item \"a1\" counts "
      "towards scale \"anx\" twice, but may count in a scale once");
}

TEST_CASE("item numbers outside 1..N are error 104", "[instrument]") {
  expect_error([](json& d) { d["items"][3]["number"] = 5; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /items/3/number: number is 5, but must be "
               "between 1 and 4 (the number of items)");
  expect_error([](json& d) { d["items"][0]["number"] = 0; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /items/0/number: number is 0, but must be "
               "between 1 and 4 (the number of items)");
}

TEST_CASE("a reference to an undeclared scale or item is error 106", "[instrument]") {
  expect_error([](json& d) { d["items"][0]["keys"][0]["scale"] = "anxx"; },
               ErrorCode::instrument_dangling,
               "[securebase.instrument.106] tiny.json: /items/0/keys/0/scale: scale \"anxx\" is "
               "not declared in /scales");
  expect_error([](json& d) { d["plane"]["avoidance"]["scale"] = "sec"; },
               ErrorCode::instrument_dangling,
               "[securebase.instrument.106] tiny.json: /plane/avoidance/scale: scale \"sec\" is "
               "not declared in /scales");
  expect_error(
      [](json& d) {
        d["norm_sets"][0]["scales"]["sec"] = {{"mean", 3}, {"sd", 1}};
      },
      ErrorCode::instrument_dangling,
      "[securebase.instrument.106] tiny.json: /norm_sets/0/scales/sec: scale \"sec\" is "
      "not declared in /scales");
  expect_error([](json& d) { d["orders"]["alternatives"][0]["items"].push_back("zz"); },
               ErrorCode::instrument_dangling,
               "[securebase.instrument.106] tiny.json: /orders/alternatives/0/items/4: item "
               "\"zz\" is not declared in /items");
}

TEST_CASE("a scale no item counts towards is error 104", "[instrument]") {
  expect_error(
      [](json& d) {
        d["scales"].push_back({{"id", "sec"},
                               {"name", "Security"},
                               {"method", "mean"},
                               {"min_answered", {{"count", 1}}}});
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] tiny.json: /scales/2: scale \"sec\" has no items, but must have "
      "at least one (no item's keys name it)");
  // an item that counts towards no scale is allowed (an unscored item)
  json doc = tiny();
  doc["items"].push_back({{"id", "x"}, {"number", 5}, {"keys", json::array()}});
  doc["orders"]["alternatives"][0]["items"].push_back("x");
  const Instrument in = load(doc);
  CHECK(in.items().size() == 5);
  CHECK(in.plan().entry_item.size() == 5);
}

TEST_CASE("min_answered rules that cannot be applied are error 104", "[instrument]") {
  expect_error(
      [](json& d) {
        d["scales"][0]["min_answered"] = {{"count", 2}, {"proportion", 1}};
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] tiny.json: /scales/0/min_answered: min_answered must "
      "have exactly one of \"count\" or \"proportion\"");
  expect_error([](json& d) { d["scales"][0]["min_answered"] = json::object(); },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /scales/0/min_answered: min_answered must "
               "have exactly one of \"count\" or \"proportion\"");
  expect_error([](json& d) { d["scales"][0]["min_answered"]["count"] = 3; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /scales/0/min_answered/count: count is 3, "
               "but must be at most 2 (the scale's number of items)");
  expect_error([](json& d) { d["scales"][0]["min_answered"]["count"] = 0; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /scales/0/min_answered/count: count is 0, "
               "but must be at least 1");
  expect_error([](json& d) { d["scales"][1]["min_answered"]["proportion"] = 0; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /scales/1/min_answered/proportion: "
               "proportion is 0.0, but must be in (0, 1]");
  expect_error([](json& d) { d["scales"][1]["min_answered"]["proportion"] = 1.5; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /scales/1/min_answered/proportion: "
               "proportion is 1.5, but must be in (0, 1]");
  expect_error([](json& d) { d["scales"][1]["min_answered"]["rounding"] = "up"; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /scales/1/min_answered/rounding: rounding "
               "is \"up\", but must be \"ceil\", \"floor\" or \"nearest\"");
  expect_error([](json& d) { d["scales"][0]["min_answered"]["rounding"] = "ceil"; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /scales/0/min_answered/rounding: rounding "
               "applies only to a proportion, but min_answered gives a count");
  expect_error([](json& d) { d["scales"][0]["method"] = "median"; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /scales/0/method: method is \"median\", "
               "but must be \"mean\", \"sum\" or \"mean_of_scales\"");
  expect_error(
      [](json& d) {
        d["scales"][0]["reliability"] = {{"value", 1}, {"source", "X."}};
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] tiny.json: /scales/0/reliability/value: value is 1.0, "
      "but must be between 0 and 1 (exclusive)");
}

TEST_CASE("an alternative order must list every item once", "[instrument]") {
  expect_error([](json& d) { d["orders"]["alternatives"][0]["items"].erase(3); },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /orders/alternatives/0/items: order "
               "\"back\" leaves out item \"a1\", but must list every item once");
  expect_error([](json& d) { d["orders"]["alternatives"][0]["items"].push_back("a2"); },
               ErrorCode::instrument_duplicate,
               "[securebase.instrument.105] tiny.json: /orders/alternatives/0/items/4: item "
               "\"a2\" appears twice in order \"back\", but each item must appear once");
  // a repeat in place of an item reports both the repeat and the item left out
  expect_error([](json& d) { d["orders"]["alternatives"][0]["items"][3] = "b2"; },
               ErrorCode::instrument_duplicate,
               "[securebase.instrument.105] tiny.json: /orders/alternatives/0/items/3: item "
               "\"b2\" appears twice in order \"back\", but each item must appear once (and 1 "
               "more problem)\n"
               "  [securebase.instrument.104] tiny.json: /orders/alternatives/0/items: order "
               "\"back\" leaves out item \"a1\", but must list every item once");
}

TEST_CASE("a plane needs two different declared scales and a direction of 1 or -1",
          "[instrument]") {
  expect_error([](json& d) { d["plane"]["avoidance"]["scale"] = "anx"; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /plane: anxiety and avoidance use the same "
               "scale, but must use two different scales");
  expect_error([](json& d) { d["plane"]["anxiety"]["direction"] = 2; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /plane/anxiety/direction: direction is 2, "
               "but must be 1 (high score = more) or -1 (high score = less)");
  expect_error([](json& d) { d["plane"]["anxiety"]["direction"] = 0; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /plane/anxiety/direction: direction is 0, "
               "but must be 1 (high score = more) or -1 (high score = less)");
}

TEST_CASE("norm values must be possible", "[instrument]") {
  const std::string anx = "[securebase.instrument.104] tiny.json: /norm_sets/0/scales/anx";
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"]["sd"] = 0; },
               ErrorCode::instrument_bad_value, anx + "/sd: sd is 0.0, but must be greater than 0");
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"]["sd"] = -0.5; },
               ErrorCode::instrument_bad_value,
               anx + "/sd: sd is -0.5, but must be greater than 0");
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"]["reliability"] = 1; },
               ErrorCode::instrument_bad_value,
               anx + "/reliability: reliability is 1.0, but must be between 0 and 1 (exclusive)");
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"]["reliability"] = 0; },
               ErrorCode::instrument_bad_value,
               anx + "/reliability: reliability is 0.0, but must be between 0 and 1 (exclusive)");
  expect_error([](json& d) { d["norm_sets"][0]["scales"]["anx"]["mean"] = 5.5; },
               ErrorCode::instrument_bad_value,
               anx + "/mean: mean is 5.5, but must be within the scale's score range [1, 5]");
  // source: a sum of 3 items on 1-5 ranges over [3, 15]
  expect_error(
      [](json& d) {
        d["norm_sets"][0]["scales"]["avo"] = {{"mean", 2}, {"sd", 2}};
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] tiny.json: /norm_sets/0/scales/avo/mean: mean is 2.0, "
      "but must be within the scale's score range [3, 15]");
  json sum_norm = tiny();
  sum_norm["norm_sets"][0]["scales"]["avo"] = {{"mean", 9}, {"sd", 2}};
  CHECK(load(sum_norm).norm_sets()[0].find(1) != nullptr);
  expect_error([](json& d) { d["norm_sets"][0]["n"] = 1; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /norm_sets/0/n: n is 1, but must be at "
               "least 2");
}

TEST_CASE("percentile tables must rise and stay inside their ranges", "[instrument]") {
  const std::string at =
      "[securebase.instrument.104] tiny.json: /norm_sets/0/scales/anx/percentiles";
  const auto table = [](json points) {
    return [points](json& d) { d["norm_sets"][0]["scales"]["anx"]["percentiles"] = points; };
  };
  expect_error(table({{{"percentile", 10}, {"score", 1.5}}, {{"percentile", 10}, {"score", 2}}}),
               ErrorCode::instrument_bad_value,
               at + "/1/percentile: percentile is 10.0, but must be greater than the previous "
                    "point's 10.0");
  expect_error(table({{{"percentile", 50}, {"score", 1.5}}, {{"percentile", 20}, {"score", 2}}}),
               ErrorCode::instrument_bad_value,
               at + "/1/percentile: percentile is 20.0, but must be greater than the previous "
                    "point's 50.0");
  expect_error(table({{{"percentile", 10}, {"score", 2}}, {{"percentile", 90}, {"score", 1.5}}}),
               ErrorCode::instrument_bad_value,
               at + "/1/score: score is 1.5, but must be at least the previous point's 2.0 "
                    "(scores must not decrease as percentiles rise)");
  expect_error(table({{{"percentile", 10}, {"score", 2}}, {{"percentile", 100}, {"score", 4}}}),
               ErrorCode::instrument_bad_value,
               at + "/1/percentile: percentile is 100.0, but must be between 0 and 100 "
                    "(exclusive)");
  expect_error(table({{{"percentile", 0}, {"score", 2}}, {{"percentile", 50}, {"score", 4}}}),
               ErrorCode::instrument_bad_value,
               at + "/0/percentile: percentile is 0.0, but must be between 0 and 100 "
                    "(exclusive)");
  expect_error(table({{{"percentile", 10}, {"score", 0.5}}, {{"percentile", 50}, {"score", 4}}}),
               ErrorCode::instrument_bad_value,
               at + "/0/score: score is 0.5, but must be within the scale's score range [1, 5]");
  expect_error(table({{{"percentile", 10}, {"score", 2}}}), ErrorCode::instrument_bad_value,
               at + ": the number of points is 1, but must be at least 2");
  // equal scores at rising percentiles are allowed (a flat stretch of the distribution)
  json flat = tiny();
  table({{{"percentile", 10}, {"score", 2}}, {{"percentile", 20}, {"score", 2}}})(flat);
  CHECK(load(flat).norm_sets()[0].scales[0].percentiles.size() == 2);
}

// ---------------------------------------------------------------------------------------------
// Several problems at once

TEST_CASE("every problem is reported at once, the first one leading", "[instrument]") {
  json doc = tiny();
  doc["format"] = "other";
  doc["titel"] = "Typo";
  doc["response_scale"]["min"] = 9;
  doc["scales"][0]["method"] = "median";
  doc["items"][3]["number"] = 7;
  try {
    (void)load(doc);
    FAIL("accepted");
  } catch (const Error& e) {
    REQUIRE(e.problems().size() == 5);
    CHECK(e.code() == ErrorCode::instrument_unknown_field);
    CHECK(e.where() == "tiny.json: /titel");
    CHECK(e.problems()[1].code == ErrorCode::instrument_bad_value);
    CHECK(std::string(e.what()) ==
          "[securebase.instrument.108] tiny.json: /titel: member \"titel\" is not part of the "
          "format (a typo?); allowed here: $schema, format, format_version, id, version, title, "
          "short_title, citations, licence, notes, response_scale, scales, items, orders, plane, "
          "secure_base, "
          "norm_sets (and 4 more problems)\n"
          "  [securebase.instrument.104] tiny.json: /format: format is \"other\", but must be "
          "\"securebase-instrument\"\n"
          "  [securebase.instrument.104] tiny.json: /response_scale/min: min is 9, but must be "
          "less than max (5)\n"
          "  [securebase.instrument.104] tiny.json: /scales/0/method: method is \"median\", but "
          "must be \"mean\", \"sum\" or \"mean_of_scales\"\n"
          "  [securebase.instrument.104] tiny.json: /items/3/number: number is 7, but must be "
          "between 1 and 4 (the number of items)");
  }
}

TEST_CASE("problems in separate parts of one item are all reported", "[instrument]") {
  expect_error(
      [](json& d) {
        d["items"][0] = {{"id", "1"}, {"number", "one"}, {"keys", {{{"scale", "zz"}}}}};
      },
      ErrorCode::instrument_bad_value,
      "[securebase.instrument.104] tiny.json: /items/0/id: id is \"1\", but must be 1-64 letters, "
      "digits, '.', '_' or '-', starting with a letter (so that it cannot be mistaken for an item "
      "number) (and 2 more problems)\n"
      "  [securebase.instrument.103] tiny.json: /items/0/number: number is a string, but must be "
      "a whole number\n"
      "  [securebase.instrument.106] tiny.json: /items/0/keys/0/scale: scale \"zz\" is not "
      "declared in /scales");
}

TEST_CASE("an order left incomplete is reported even when the header has a problem",
          "[instrument]") {
  // Regression: a problem in the header once hid every order, "scale has no items" and
  // norm-range problem; orders are checked whenever /items itself has no problems.
  json doc = tiny();
  doc["format"] = "other";
  doc["orders"]["alternatives"][0]["items"].erase(3);
  try {
    (void)load(doc);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.problems().size() == 2);
  }
}

TEST_CASE("order and norm set ids follow the id rule", "[instrument]") {
  const std::string rule =
      "1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";
  expect_error([](json& d) { d["norm_sets"][0]["id"] = "#x y"; }, ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /norm_sets/0/id: id is \"#x y\", but must "
               "be " +
                   rule);
  expect_error([](json& d) { d["orders"]["alternatives"][0]["id"] = "two words"; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /orders/alternatives/0/id: id is \"two "
               "words\", but must be " +
                   rule);
  expect_error([](json& d) { d["orders"]["canonical"]["id"] = ""; },
               ErrorCode::instrument_bad_value,
               "[securebase.instrument.104] tiny.json: /orders/canonical/id: id is \"\", but must "
               "be a non-empty string");
}

TEST_CASE("a too-large number is located where it stands as a value, not inside a string",
          "[instrument]") {
  std::string text(kTiny);
  // the same digits appear earlier inside a string (the licence), then as a value
  text.replace(text.find("Test fixture."), 13, "Test fixture, see 1e999.");
  const std::string from = R"("sd": 1,)";
  text.replace(text.find(from), from.size(), R"("sd": 1e999,)");
  // source: kTiny's norm line ("scales": {"anx": {"mean": 3, "sd": ...) is its line 33, and
  // the number starts at character 42 of it
  const auto e =
      securebase::test::thrown([&] { (void)securebase::parse_instrument(text, "t.json"); });
  REQUIRE(e.has_value());
  CHECK(e->code() == ErrorCode::instrument_syntax);
  CHECK(e->where() == "t.json:33:42");
}

TEST_CASE("secure_base names an overall scale and its facets in order", "[instrument]") {
  json doc = tiny();
  doc["secure_base"] = {{"overall", "avo"}, {"facets", {"anx", "avo"}}};
  const Instrument in = load(doc);
  REQUIRE(in.secure_base().has_value());
  CHECK(in.secure_base()->overall == 1);
  CHECK(in.secure_base()->facets == std::vector<std::size_t>{0, 1});
  // it says how to show scores, not how to compute them: the fingerprint does not change
  CHECK(in.key_fingerprint() == load(tiny()).key_fingerprint());
  doc["secure_base"].erase("facets");
  CHECK(load(doc).secure_base()->facets.empty());
  CHECK_FALSE(load(tiny()).secure_base().has_value());
}

TEST_CASE("secure_base: unknown, repeated and non-string scales are errors", "[instrument]") {
  expect_error(
      [](json& d) {
        d["secure_base"] = {{"overall", "nope"}};
      },
      ErrorCode::instrument_dangling,
      "[securebase.instrument.106] tiny.json: /secure_base/overall: scale \"nope\" is not "
      "declared in /scales");
  expect_error(
      [](json& d) {
        d["secure_base"] = {{"overall", "anx"}, {"facets", {"avo", "avo"}}};
      },
      ErrorCode::instrument_duplicate,
      "[securebase.instrument.105] tiny.json: /secure_base/facets/1: scale \"avo\" is "
      "listed twice, but must be listed once");
  expect_error(
      [](json& d) {
        d["secure_base"] = {{"overall", "anx"}, {"facets", {3}}};
      },
      ErrorCode::instrument_wrong_type,
      "[securebase.instrument.103] tiny.json: /secure_base/facets/0: must be a scale id "
      "(a string)");
}

TEST_CASE("the inventory's secure-base profile lists its six facets", "[instrument]") {
  const Instrument core = securebase::load_embedded_instrument("securebase-core");
  REQUIRE(core.secure_base().has_value());
  CHECK(core.scales()[core.secure_base()->overall].id == "secure_base");
  std::vector<std::string> ids;
  for (std::size_t f : core.secure_base()->facets) ids.push_back(core.scales()[f].id);
  // source: instruments/securebase-core.json, "secure_base"
  CHECK(ids == std::vector<std::string>{"sb_conflict", "sb_support", "sb_closeness", "sb_distress",
                                        "sb_repair", "sb_ambivalence"});
  const Instrument brief = securebase::load_embedded_instrument("securebase-brief");
  REQUIRE(brief.secure_base().has_value());
  CHECK(brief.secure_base()->facets.empty());
}
