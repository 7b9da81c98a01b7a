// securebase CLI: the result views, built on the library's profile, feedback and renderers.
#include "result_view.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "options.hpp"
#include "securebase/core/change.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/render/explain.hpp"
#include "securebase/render/html.hpp"
#include "securebase/render/terminal.hpp"

namespace securebase::cli {

namespace {

// Everything a view of one result rests on, computed once, in data-flow order.
Explained prepare(const Instrument& instrument, const Scores& scores, const ViewOptions& view,
                  const ReliableChange* change = nullptr) {
  ExplainOptions options;
  options.language = view.language;
  options.profile.boundary_norm_set = view.boundary_norm_set;
  options.change = change;
  return explain_result(instrument, scores, options);
}

TextStyle style_of(const ViewOptions& view) { return {view.width, view.colour, view.ascii}; }

}  // namespace

std::pair<Instrument, Scores> load_result(const std::string& path, std::istream& in,
                                          const std::string& instrument) {
  const std::string source = path == "-" ? "<stdin>" : path;
  Scores scores = parse_result_json(read_input(path, in), source);
  Instrument ins = load_instrument(instrument.empty() ? scores.instrument_id : instrument);
  require_scored_with(ins, scores, source,
                      "pass the instrument file it was scored with as --instrument FILE");
  return {std::move(ins), std::move(scores)};
}

ViewOptions detect_view(const std::ostream& out) {
  ViewOptions view;
  if (&out != &std::cout || ::isatty(STDOUT_FILENO) == 0) return view;
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    view.width = std::clamp(static_cast<int>(ws.ws_col), min_text_width, 200);
  }
  const char* no_colour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  view.colour = (no_colour == nullptr || *no_colour == '\0') &&
                (term == nullptr || std::string_view(term) != "dumb");
  return view;
}

std::string render_result_text(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view) {
  const Explained p = prepare(instrument, scores, view);
  return render_text(p.feedback, p.profile, style_of(view));
}

std::string render_result_html(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view) {
  const Explained p = prepare(instrument, scores, view);
  return render_html(p.feedback, p.profile);
}

std::string render_result_json(const Instrument& instrument, const Scores& scores,
                               const ViewOptions& view) {
  const Explained p = prepare(instrument, scores, view);
  return to_result_json(scores, p.profile, p.feedback);
}

void write_result(const std::string& format, const Instrument& instrument, const Scores& scores,
                  const ViewOptions& view, const std::string& output, std::ostream& out) {
  const std::string rendered = format == "json"   ? render_result_json(instrument, scores, view)
                               : format == "html" ? render_result_html(instrument, scores, view)
                                                  : render_result_text(instrument, scores, view);
  if (output.empty()) {
    out << rendered;
  } else {
    write_file_atomic(output, rendered, FileMode::private_to_owner);
  }
}

std::string render_change_text(const Instrument& instrument, const Scores& before,
                               const Scores& after, const ViewOptions& view,
                               const std::string& before_source, const std::string& after_source) {
  const ReliableChange rc = reliable_change(before, after, before_source, after_source);
  const Explained p = prepare(instrument, after, view, &rc);
  Feedback only_change;
  only_change.language = p.feedback.language;
  only_change.labels = p.feedback.labels;
  if (const FeedbackBlock* b = p.feedback.find("change")) only_change.blocks.push_back(*b);
  return render_text(only_change, p.profile, style_of(view));
}

std::string render_comparison_text(const Instrument& instrument, const Scores& before,
                                   const Scores& after, const ViewOptions& view,
                                   const std::string& before_source,
                                   const std::string& after_source) {
  const ReliableChange rc = reliable_change(before, after, before_source, after_source);
  const Explained p = prepare(instrument, after, view, &rc);
  return render_text(p.feedback, p.profile, style_of(view));
}

}  // namespace securebase::cli
