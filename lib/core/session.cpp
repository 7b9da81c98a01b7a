#include "securebase/core/session.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "core/splitmix64.hpp"
#include "securebase/core/error.hpp"

namespace securebase {

std::vector<std::size_t> shuffled_positions(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> p(n);
  std::iota(p.begin(), p.end(), std::size_t{0});
  std::uint64_t state = seed;
  for (std::size_t i = n; i > 1; --i) {
    const auto j = static_cast<std::size_t>(detail::splitmix64_below(state, i));
    std::swap(p[i - 1], p[j]);
  }
  return p;
}

Session start_session(const Instrument& instrument, std::optional<std::uint64_t> seed) {
  Session s;
  s.instrument_id = instrument.id();
  s.instrument_version = instrument.version();
  s.instrument_source = instrument.source().rfind("embedded:", 0) == 0
                            ? instrument.source().substr(std::string_view("embedded:").size())
                            : instrument.source();
  s.key_fingerprint = instrument.key_fingerprint();
  s.seed = seed;
  std::vector<std::size_t> canonical = instrument.canonical_order().items;
  if (canonical.size() != instrument.items().size()) {
    canonical.resize(instrument.items().size());
    std::iota(canonical.begin(), canonical.end(), std::size_t{0});
  }
  if (seed) {
    const std::vector<std::size_t> p = shuffled_positions(canonical.size(), *seed);
    for (std::size_t k : p) s.order.push_back(instrument.items()[canonical[k]].id);
  } else {
    for (std::size_t k : canonical) s.order.push_back(instrument.items()[k].id);
  }
  return s;
}

std::optional<std::size_t> current_item(const Session& session, const Instrument& instrument) {
  if (session.at_end()) return std::nullopt;
  return instrument.find_item(session.order[session.position]);
}

std::optional<int> current_answer(const Session& session) {
  if (session.at_end()) return std::nullopt;
  auto it = session.answers.find(session.order[session.position]);
  if (it == session.answers.end()) return std::nullopt;
  return it->second;
}

namespace {

// Position of an item id in the presentation order (order.size() when absent).
std::size_t position_of(const Session& s, const std::string& id) {
  return static_cast<std::size_t>(std::find(s.order.begin(), s.order.end(), id) - s.order.begin());
}

// After answering or skipping: the next position, or the next item being revisited.
void advance(Session& s) {
  if (s.revisit.empty()) {
    ++s.position;
    return;
  }
  const std::string& id = s.order[s.position];
  auto it = std::find(s.revisit.begin(), s.revisit.end(), id);
  if (it == s.revisit.end() || it + 1 == s.revisit.end()) {
    s.revisit.clear();
    s.position = s.order.size();
    return;
  }
  s.position = position_of(s, *(it + 1));
}

}  // namespace

void answer_current(Session& session, const Instrument& instrument, int value) {
  if (session.at_end()) return;
  const ResponseScale& rs = instrument.response_scale();
  if (value < rs.min || value > rs.max) {
    throw Error(ErrorCode::answers_out_of_range, session.order[session.position],
                "answer is " + std::to_string(value) + ", but must be an integer in [" +
                    std::to_string(rs.min) + ", " + std::to_string(rs.max) + "]");
  }
  const std::string& id = session.order[session.position];
  session.answers[id] = value;
  session.skipped.erase(id);
  advance(session);
}

void skip_current(Session& session) {
  if (session.at_end()) return;
  const std::string& id = session.order[session.position];
  session.answers.erase(id);
  session.skipped.insert(id);
  advance(session);
}

bool go_back(Session& session) {
  if (!session.revisit.empty() && !session.at_end()) {
    auto it =
        std::find(session.revisit.begin(), session.revisit.end(), session.order[session.position]);
    if (it == session.revisit.begin() || it == session.revisit.end()) return false;
    session.position = position_of(session, *(it - 1));
    return true;
  }
  if (session.position == 0 || session.order.empty()) return false;
  session.position = std::min(session.position, session.order.size()) - 1;
  return true;
}

bool jump_to_next_skipped(Session& session) {
  const std::size_t n = session.order.size();
  if (n == 0 || session.skipped.empty()) return false;
  const std::size_t from = session.at_end() ? 0 : session.position + 1;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t p = (from + k) % n;
    if (session.skipped.count(session.order[p]) != 0) {
      session.position = p;
      return true;
    }
  }
  return false;
}

bool start_revisit(Session& session, const std::vector<std::string>& item_ids) {
  std::vector<std::string> queue;
  for (const std::string& id : session.order) {
    if (std::find(item_ids.begin(), item_ids.end(), id) != item_ids.end()) queue.push_back(id);
  }
  if (queue.empty()) return false;
  session.revisit = std::move(queue);
  session.position = position_of(session, session.revisit.front());
  return true;
}

std::vector<ShortScale> scales_below_minimum(const Session& session, const Instrument& instrument) {
  // Whether each non-composite scale reaches its minimum, first; composites count those.
  const std::size_t n = instrument.scales().size();
  std::vector<int> answered(n, 0);
  std::vector<bool> short_of(n, false);
  for (std::size_t k = 0; k < n; ++k) {
    const Scale& sc = instrument.scales()[k];
    if (sc.is_composite()) continue;
    for (std::size_t i : sc.items) {
      answered[k] += session.answers.count(instrument.items()[i].id) != 0 ? 1 : 0;
    }
    short_of[k] = answered[k] < sc.min_answered.required;
  }
  for (std::size_t k = 0; k < n; ++k) {
    const Scale& sc = instrument.scales()[k];
    if (!sc.is_composite()) continue;
    for (std::size_t c : sc.components) answered[k] += short_of[c] ? 0 : 1;
    short_of[k] = answered[k] < sc.min_answered.required;
  }
  std::vector<ShortScale> out;
  for (std::size_t k = 0; k < n; ++k) {
    if (!short_of[k]) continue;
    const Scale& sc = instrument.scales()[k];
    std::vector<std::size_t> sources;
    if (sc.is_composite()) {
      for (std::size_t c : sc.components) {
        if (short_of[c])
          sources.insert(sources.end(), instrument.scales()[c].items.begin(),
                         instrument.scales()[c].items.end());
      }
    } else {
      sources = sc.items;
    }
    ShortScale s{k, answered[k], sc.min_answered.required, {}};
    for (const std::string& id : session.order) {
      if (session.answers.count(id) != 0) continue;
      const auto idx = instrument.find_item(id);
      if (idx && std::find(sources.begin(), sources.end(), *idx) != sources.end()) {
        s.missing_items.push_back(id);
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

Responses session_responses(const Session& session, const Instrument& instrument) {
  Responses r = empty_responses(instrument);
  for (const auto& [id, value] : session.answers) {
    if (auto idx = instrument.find_item(id)) r.values[*idx] = value;
  }
  return r;
}

void check_session(const Session& s, const Instrument& instrument, std::string_view source) {
  const std::string where(source);
  auto fail = [&](const std::string& message) {
    throw Error(ErrorCode::session_corrupt, where,
                message + "; start over with 'securebase take --fresh'");
  };
  if (s.instrument_id != instrument.id()) {
    fail("the session is for instrument \"" + s.instrument_id + "\", not \"" + instrument.id() +
         "\"");
  }
  if (s.key_fingerprint != instrument.key_fingerprint()) {
    fail("the scoring key of " + instrument.id() +
         " changed since this session began (an update of securebase or of the instrument "
         "file), so its answers cannot be scored with it");
  }
  if (s.order.size() != instrument.items().size()) {
    fail("the session lists " + std::to_string(s.order.size()) + " items, but " + instrument.id() +
         " has " + std::to_string(instrument.items().size()));
  }
  std::set<std::string> seen;
  for (const std::string& id : s.order) {
    if (!instrument.find_item(id)) fail("item \"" + id + "\" is not in " + instrument.id());
    if (!seen.insert(id).second) fail("item \"" + id + "\" appears twice in the order");
  }
  const ResponseScale& rs = instrument.response_scale();
  for (const auto& [id, value] : s.answers) {
    if (seen.count(id) == 0) fail("answer to unknown item \"" + id + "\"");
    if (value < rs.min || value > rs.max) {
      fail("the answer to \"" + id + "\" is " + std::to_string(value) + ", outside " +
           std::to_string(rs.min) + " to " + std::to_string(rs.max));
    }
  }
  for (const std::string& id : s.skipped) {
    if (seen.count(id) == 0) fail("skipped item \"" + id + "\" is unknown");
  }
  for (const std::string& id : s.revisit) {
    if (seen.count(id) == 0) fail("revisited item \"" + id + "\" is unknown");
  }
}

}  // namespace securebase
