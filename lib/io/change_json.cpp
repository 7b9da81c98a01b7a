#include "securebase/io/change_json.hpp"

#include <nlohmann/json.hpp>

namespace securebase {

std::string to_change_json(const ReliableChange& change, int indent) {
  using ojson = nlohmann::ordered_json;
  const auto optional = [](const std::optional<double>& v) { return v ? ojson(*v) : ojson(); };
  ojson scales = ojson::array();
  for (const ScaleChange& s : change.scales) {
    scales.push_back({{"scale", s.scale_id},
                      {"before", s.before},
                      {"after", s.after},
                      {"difference", s.difference},
                      {"se_difference", optional(s.se_difference)},
                      {"rci", optional(s.rci)},
                      {"verdict", std::string(to_string(s.verdict))},
                      {"provisional", s.provisional}});
  }
  const ojson j = {{"format", "securebase-change"},
                   {"before_instrument", change.before_instrument},
                   {"after_instrument", change.after_instrument},
                   {"scales", std::move(scales)},
                   {"not_compared", change.not_compared}};
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace securebase
