// securebase: the one way from a scored result to what a person reads: its profile, then its
// feedback; every front end (the CLI, the C API, the examples) goes through explain_result and
// renders what it returns (render_text, render_html, to_result_json).
#pragma once

#include <string>

#include "securebase/core/change.hpp"
#include "securebase/core/feedback.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/profile.hpp"
#include "securebase/core/scoring.hpp"

#include "securebase/export.h"
SECUREBASE_API_BEGIN

namespace securebase {

/// How a result is explained.
struct ExplainOptions {
  std::string language = "en";             ///< feedback text and response labels
  ProfileOptions profile;                  ///< plane boundaries: midpoints or a norm set's medians
  const ReliableChange* change = nullptr;  ///< adds the "change" block against an earlier result
};

/// A result explained: its profile and the feedback built on it.
struct Explained {
  Profile profile;    ///< where the scores place the person
  Feedback feedback;  ///< the blocks to show, disclaimer and help first
};

/// build_profile, then make_feedback with `text` and the response labels of the instrument's
/// embedded text in options.language (its own labels when it has none). Throws 301/302 for a
/// boundary norm set the instrument lacks or that misses a plane scale.
Explained explain_result(const Instrument& instrument, const Scores& scores,
                         const FeedbackText& text, const ExplainOptions& options = {});

/// The same with the embedded feedback text of options.language (504 when there is none).
Explained explain_result(const Instrument& instrument, const Scores& scores,
                         const ExplainOptions& options = {});

}  // namespace securebase

SECUREBASE_API_END
