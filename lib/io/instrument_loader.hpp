// The instrument loader (internal): instrument JSON read and checked, every problem at once with
// its JSON path, then compiled into an Instrument with its scoring plan and key fingerprint. The
// class is defined across three files: instrument_loader.cpp (the header, response scale,
// scales, their minimum answered, the compile step), instrument_loader_items.cpp (items, keys,
// weights, composites, orders) and instrument_loader_profile.cpp (the plane, the secure-base
// facets, norms).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "io/json_checker.hpp"
#include "io/json_reader.hpp"
#include "securebase/core/instrument.hpp"

namespace securebase::detail {

inline constexpr int format_version = 1;
inline constexpr int max_scale_points = 101;  // a response scale may have at most this many points
inline constexpr double proportion_epsilon = 1e-9;
inline constexpr const char* id_rule =
    "1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

// Whether `s` is a valid id: 1-64 letters, digits, '.', '_' or '-', starting with a letter (or,
// when allowed, a digit).
bool valid_id(const std::string& s, bool allow_leading_digit);

// The number of answers a minimum-answered rule requires of a scale of n_items items.
int resolve_required(const MinimumAnswered& rule, std::size_t n_items);

// The parser: reads every part, records every problem, and only then throws.
class Loader {
 public:
  using json = Json;
  Loader(const json& root, std::string source);
  Instrument run();

 private:
  void header();
  void response_scale();
  void scales();
  // The "scales" member: required for a mean_of_scales composite, not allowed otherwise.
  void component_list(const json& s, const std::string& p, std::size_t i, const std::string& id);
  // Composite components name declared item scales (not composites), each once.
  void resolve_components();
  void min_answered(const json& s, const std::string& p, Scale& scale);
  // "items": every item, its keys, then each scale's items (and its weights and composites).
  void items();
  // One item (the i-th of n_items) at JSON path p; by_number holds the numbers taken so far.
  Item item(const json& it, const std::string& p, std::size_t i, std::size_t n_items,
            std::map<std::int64_t, std::size_t>& by_number);
  // One key of an item, or nothing when it is invalid (reported); `seen` holds its scales so far.
  std::optional<ItemKey> item_key(const json& kj, const std::string& ep, const std::string& item_id,
                                  std::set<std::size_t>& seen);
  // Per scale: whether its items and its minimum answered are valid (each problem reported).
  std::vector<bool> scale_items_ok();
  // A composite's components must share one metric (method and number of items), and its
  // min_answered counts components.
  void composites(const std::vector<bool>& scale_ok);
  // A weight other than 1 is allowed only in a sum scale that needs all its items: a weighted
  // (signed) sum cannot be prorated, and a weighted mean is not a score anyone publishes.
  void weights(const std::vector<std::string>& item_paths, const std::vector<bool>& scale_ok);
  std::optional<std::size_t> item_ref(const json& v, const std::string& p);
  void orders();
  // "orders/canonical" (its id and description; the items in file order). `ids` gets its id.
  void canonical_order(const json& cj, std::set<std::string>& ids);
  // One alternative order at JSON path p: an id not in `ids` (then added), every item once.
  ItemOrder alternative_order(const json& o, const std::string& p, std::set<std::string>& ids);
  std::optional<std::size_t> scale_ref(const json& obj, const std::string& p);
  void plane();
  // "secure_base": {"overall": SCALE, "facets": [SCALE, ...]}: which scales the profile shows.
  void secure_base();
  void norm_sets();
  ScaleNorm scale_norm(const json& v, const std::string& sp, std::size_t scale);
  void compile();

  const json& root_;
  JsonChecker c_;
  InstrumentModel out_;
  std::map<std::string, std::size_t> scale_index_;
  std::set<std::string> item_ids_;
  std::set<std::size_t> referable_scales_;  // scales with a valid, unique id
  std::vector<bool> composite_;             // declared "mean_of_scales", by scale index
  // Component ids and their JSON paths, by composite scale index, until all scales are known.
  std::vector<std::vector<std::pair<std::string, std::string>>> pending_components_;
  bool scale_ok_ = false;
  bool items_ok_ = false;
};

}  // namespace securebase::detail
