// Reading an instrument's key back in tests: which items a scale counts, and which reversed.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "securebase/core/instrument.hpp"

namespace securebase::test {

/// The items a scale counts and the reversed ones, by canonical number and by id.
struct ScaleKey {
  std::vector<int> numbers;            ///< canonical numbers, in order
  std::vector<int> reversed_numbers;   ///< the reverse-keyed ones
  std::set<std::string> ids;           ///< item ids
  std::set<std::string> reversed_ids;  ///< reverse-keyed item ids
};

/// The key of scale `scale_id`, read from the item keys (not from the derived Scale lists).
inline ScaleKey key_of(const Instrument& in, std::string_view scale_id) {
  const auto s = in.find_scale(scale_id);
  INFO(scale_id);
  REQUIRE(s.has_value());
  ScaleKey key;
  for (const Item& item : in.items()) {
    for (const ItemKey& k : item.keys) {
      if (k.scale != *s) continue;
      key.numbers.push_back(item.number);
      key.ids.insert(item.id);
      if (k.reversed) {
        key.reversed_numbers.push_back(item.number);
        key.reversed_ids.insert(item.id);
      }
    }
  }
  return key;
}

/// The scale with this id (fails the test when there is none).
inline const Scale& scale_def(const Instrument& in, std::string_view scale_id) {
  const auto s = in.find_scale(scale_id);
  INFO(scale_id);
  REQUIRE(s.has_value());
  return in.scales()[*s];
}

/// Ids of all scales, in declared order.
inline std::vector<std::string> scale_ids(const Instrument& in) {
  std::vector<std::string> ids;
  for (const Scale& s : in.scales()) ids.push_back(s.id);
  return ids;
}

}  // namespace securebase::test
