// securebase: a result explained (render/explain.hpp).
#include "securebase/render/explain.hpp"

#include "securebase/io/feedback_text.hpp"
#include "securebase/io/item_text_json.hpp"

namespace securebase {

Explained explain_result(const Instrument& instrument, const Scores& scores,
                         const FeedbackText& text, const ExplainOptions& options) {
  FeedbackOptions feedback_options;
  feedback_options.change = options.change;
  if (auto item_text = embedded_instrument_text(instrument, options.language)) {
    feedback_options.labels = item_text->labels;
    feedback_options.instrument_name = item_text->display_name;
  }
  Explained e;
  e.profile = build_profile(instrument, scores, options.profile);
  e.feedback = make_feedback(instrument, scores, e.profile, text, feedback_options);
  return e;
}

Explained explain_result(const Instrument& instrument, const Scores& scores,
                         const ExplainOptions& options) {
  return explain_result(instrument, scores, embedded_feedback_text(options.language), options);
}

}  // namespace securebase
