// securebase: explained, non-diagnostic feedback as structured blocks an app can render itself.
// All wording comes from per-language feedback text files (instruments/feedback/LANG.json).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/core/change.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/scoring.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// A number a block rests on, by stable id (e.g. "anxiety.score", "p_secure").
struct FeedbackNumber {
  std::string id;     ///< stable id within its block
  double value = 0;   ///< unrounded value (probabilities in [0, 1])
  std::string label;  ///< what it is, for a person, in the feedback language ("Score")
  std::string shown;  ///< the value as the paragraphs give it ("4.58", "more than 99%")
};

/// One block of feedback: a stable id, a title, paragraphs and the numbers behind them.
struct FeedbackBlock {
  std::string id;                       ///< "summary", "dimension.anxiety", "plane", ...
  std::string title;                    ///< heading in the feedback language
  std::vector<std::string> paragraphs;  ///< plain text paragraphs, in reading order
  std::vector<FeedbackNumber> numbers;  ///< the numbers the paragraphs rest on
};

/// All feedback for one result, disclaimer and help first.
struct Feedback {
  std::string language;               ///< e.g. "en"
  bool validated_translation = true;  ///< false for an unvalidated translation
  std::vector<FeedbackBlock> blocks;  ///< in reading order
  /// Lines under a report's title: the questionnaire and its version, and when the answers
  /// were completed (when the result records it).
  std::vector<std::string> subtitle;
  /// Short labels for drawings and headings, in the feedback language: every "label.*" phrase
  /// under its key without the prefix ("report_title", "axis.low", ...), plus
  /// "region.<region>" and "axis.anxiety" / "axis.avoidance".
  std::map<std::string, std::string> labels;
  /// The block with this id, or nullptr.
  [[nodiscard]] const FeedbackBlock* find(std::string_view id) const noexcept;
};

/// A feedback text file: phrases by key, each one or more paragraphs with {placeholders}.
struct FeedbackText {
  std::string language;                                     ///< e.g. "es"
  bool validated_translation = true;                        ///< false: shown with a note
  char decimal_separator = '.';                             ///< "." or ","
  std::string source;                                       ///< "embedded:es" or a path, for errors
  std::map<std::string, std::vector<std::string>> phrases;  ///< key -> paragraphs
};

/// What make_feedback adds beyond the profile.
struct FeedbackOptions {
  const ReliableChange* change = nullptr;  ///< adds the "change" block when set
  std::vector<std::string> labels;         ///< response labels in the feedback language (min..max);
                                           ///< empty: the instrument's own labels
  std::string instrument_name;  ///< the questionnaire's display name in the feedback language
                                ///< (InstrumentText::display_name); empty: its short title
};

/// Builds the feedback blocks for one result: disclaimer, help, summary, dimension.anxiety,
/// dimension.avoidance, plane, secure_base, change (with a change), growth, about. Blocks that
/// do not apply to the instrument are left out. `profile` must come from `scores`.
Feedback make_feedback(const Instrument& instrument, const Scores& scores, const Profile& profile,
                       const FeedbackText& text, const FeedbackOptions& options = {});

/// Formats a number with `decimals` places and the text's decimal separator.
std::string format_number(const FeedbackText& text, double value, int decimals);

/// A probability as a whole percentage for reading: the text's "percent.less_than_1" and
/// "percent.more_than_99" phrases (else "<1", ">99") instead of a rounded 0 or 100.
std::string format_percent(const FeedbackText& text, double probability);

}  // namespace securebase

SECUREBASE_API_END
