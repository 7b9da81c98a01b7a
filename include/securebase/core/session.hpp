// securebase: one person taking a questionnaire, as a state machine with no input or output, so
// that the CLI and any app drive it the same way and save it after every step.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/responses.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// The state of one questionnaire being taken. Answers are kept by item id, never by position,
/// so a shuffled order is scored exactly like the canonical one.
struct Session {
  std::string instrument_id;           ///< the instrument being taken
  std::string instrument_version;      ///< its file version when the session began
  std::string instrument_source;       ///< how to load it again: an embedded id or a file path
  std::string key_fingerprint;         ///< its key fingerprint; a resumed session must match it
  std::string language;                ///< language of the item text ("en", "es")
  std::string text_file;               ///< a user-supplied text file, empty for the embedded text
  std::optional<std::uint64_t> seed;   ///< the shuffle seed; none = canonical order
  std::vector<std::string> order;      ///< item ids in presentation order
  std::size_t position = 0;            ///< index into order; order.size() = at the end
  std::map<std::string, int> answers;  ///< item id -> answer
  std::set<std::string> skipped;       ///< item ids passed over ("prefer not to answer")
  std::vector<std::string> revisit;    ///< items being revisited, in order; empty = none
  std::string started;                 ///< when it began (ISO 8601 UTC), set by the caller

  /// True once every position has been passed (the finish check comes next).
  [[nodiscard]] bool at_end() const noexcept { return position >= order.size(); }
};

/// The permutation of 0..n-1 given by Fisher-Yates (Durstenfeld): for i = n-1 down to 1, swap
/// position i with position j, a SplitMix64 draw (Steele, Lea and Flood 2014) in [0, i + 1)
/// without modulo bias, state starting at `seed`: fully specified, so a seed gives the same
/// order everywhere.
std::vector<std::size_t> shuffled_positions(std::size_t n, std::uint64_t seed);

/// A new session at the first item: canonical order, or shuffled by `seed`.
Session start_session(const Instrument& instrument, std::optional<std::uint64_t> seed = {});

/// Index (into Instrument::items) of the item at the current position, or nullopt at the end.
std::optional<std::size_t> current_item(const Session& session, const Instrument& instrument);

/// The earlier answer to the current item, if it has one (shown when going back).
std::optional<int> current_answer(const Session& session);

/// Answers the current item and moves on (to the next position, or while revisiting to the next
/// item being revisited). Throws 203 for a value outside the response scale; does nothing at
/// the end.
void answer_current(Session& session, const Instrument& instrument, int value);

/// Skips the current item ("prefer not to answer"), clearing any earlier answer, and moves on as
/// answer_current does. Does nothing at the end.
void skip_current(Session& session);

/// Moves one position back; false (and no move) at the first position. While revisiting, moves
/// to the previous item being revisited.
bool go_back(Session& session);

/// Moves to the next skipped item after the current position, wrapping round; false when no
/// item is skipped.
bool jump_to_next_skipped(Session& session);

/// Starts revisiting `item_ids` (kept in presentation order): the position goes to the first
/// of them and answering or skipping moves through them only, then to the end. Unknown ids are
/// ignored; false when none is left.
bool start_revisit(Session& session, const std::vector<std::string>& item_ids);

/// A scale that has too few answers to be scored, and the items that could fix it.
struct ShortScale {
  std::size_t scale = 0;                   ///< index into Instrument::scales
  int answered = 0;                        ///< answered items (composite: scored components)
  int required = 0;                        ///< Scale::min_answered.required
  std::vector<std::string> missing_items;  ///< its unanswered items, in presentation order
};

/// The finish check: every scale below its minimum (in declared order), with the unanswered
/// items of it (a composite: of its short components). Empty when everything can be scored.
std::vector<ShortScale> scales_below_minimum(const Session& session, const Instrument& instrument);

/// The answers as Responses for score(); skipped and unvisited items are missing.
Responses session_responses(const Session& session, const Instrument& instrument);

/// Checks a read session against the instrument it names: same key fingerprint, every item id
/// known and each item once in the order, answers within the response scale, position in
/// range. Throws 801 naming `source`.
void check_session(const Session& session, const Instrument& instrument, std::string_view source);

}  // namespace securebase

SECUREBASE_API_END
