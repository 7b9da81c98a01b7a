// `securebase take`: the questionnaire in the terminal. The session (lib/session.cpp) holds the
// state; this file only shows it, reads keys and saves after every step.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <istream>
#include <ostream>
#include <utility>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "result_view.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/core/placeholders.hpp"
#include "securebase/core/scoring.hpp"
#include "securebase/core/session.hpp"
#include "securebase/render/terminal.hpp"
#include "store.hpp"
#include "take_result.hpp"
#include "take_start.hpp"
#include "take_ui.hpp"
#include "take_words.hpp"
#include "terminal.hpp"

namespace securebase::cli {

namespace {

std::string keys_line(const Console& c, const Questionnaire& q) {
  return fill_placeholders(c.ascii ? words::keys_ascii : words::keys_unicode, {{"range", q.range}});
}

// The conversation: one screen or prompt per step, the session saved after every change.
class Take {
 public:
  Take(Console& console, Questionnaire& q, Session& s, const StorePaths& paths)
      : c_(console), q_(q), s_(s), paths_(paths) {}

  // Shows the welcome; false when the person leaves before starting.
  bool welcome() {
    std::ostream& out = *c_.out;
    clear_screen(c_);
    const std::size_t n = q_.instrument.items().size();
    const std::size_t minutes = std::max<std::size_t>(1, (n * 10 + 59) / 60);
    std::string text =
        styled(c_, "1", words::welcome_title) + "\n\n" +
        wrap_hanging(
            fill_placeholders(words::welcome_body,
                              {{"n", std::to_string(n)},
                               {"min", fill_placeholders(words::plural(minutes, words::minute_one,
                                                                       words::minute_many),
                                                         {{"min", std::to_string(minutes)}})}}),
            text_width()) +
        "\n\n" + wrap_hanging(keys_line(c_, q_), text_width(), 6) + "\n\n";
    if (s_.seed) {
      text += wrap_hanging(
                  fill_placeholders(words::shuffled_note, {{"seed", std::to_string(*s_.seed)}}),
                  text_width()) +
              "\n\n";
    }
    page(c_, text);  // a narrow or short terminal gets it a screenful at a time
    out << (c_.keys ? words::press_to_begin : words::press_to_begin_lines) << "\n" << std::flush;
    for (;;) {
      const Key k = next_input(c_);
      if (k.kind == Key::resize) continue;
      if (k.kind == Key::eof || (k.kind == Key::character && (k.text == "q" || k.text == "Q"))) {
        out << words::left_before_start << "\n";
        return false;
      }
      if (k.kind == Key::enter || (k.kind == Key::character && k.text == " ")) return true;
      if (!c_.keys) {
        // Without a terminal every line is input: one that is not Enter is the first answer.
        replay_ = k;
        return true;
      }
    }
  }

  // Runs the statements and the finish check; false when the person stopped (answers saved).
  bool statements() {
    for (;;) {
      while (!s_.at_end()) {
        if (!step()) return false;
      }
      const auto check = finish_check();
      if (!check) return false;
      if (!*check) return true;
    }
  }

  void set_hint(std::string hint) { hint_ = std::move(hint); }

 private:
  int text_width() const { return std::min(c_.width, 100) - 2; }

  void save() { save_session(paths_, s_); }

  // One statement's screen: level 0 in full; 1 without the title and blank lines, the labels
  // on one wrapped line and the keys shortened; 2 with only the two end labels; 3 with the
  // earlier answer and the keys in a few words.
  [[nodiscard]] std::string screen_text(int level, const std::string& wording,
                                        const std::string& progress, std::size_t done,
                                        std::optional<int> earlier, bool was_skipped) const {
    const int w = text_width();
    const std::size_t n = s_.order.size();
    const int cells = std::clamp(w - static_cast<int>(text_columns(progress)) - 4, 10, 40);
    const std::string gap = level == 0 ? "\n" : "";
    std::string out;
    if (level == 0) out += styled(c_, "2", q_.name) + "\n";
    out += progress + "  " + styled(c_, "36", progress_bar(c_.ascii, done, n, cells)) + "\n" + gap;
    out += styled(c_, "1", wrap_hanging(wording, w, 0)) + "\n" + gap;
    const int lo = q_.instrument.response_scale().min;
    const std::string marker = c_.ascii ? "> " : "\u203a ";
    const std::string keep = std::string(words::earlier_answer) + "; " +
                             (c_.ascii ? words::keep_earlier_ascii : words::keep_earlier);
    if (level == 0) {
      for (std::size_t i = 0; i < q_.labels.size(); ++i) {
        const int v = lo + static_cast<int>(i);
        const bool mark = earlier && *earlier == v;
        std::string line = (mark ? marker : "  ") + std::to_string(v) + "  " + q_.labels[i];
        if (mark) line += "   (" + keep + ")";
        out +=
            (mark ? styled(c_, "36;1", wrap_hanging(line, w, 5)) : wrap_hanging(line, w, 5)) + "\n";
      }
    } else {
      std::string labels;
      const std::size_t last = q_.labels.size() - 1;
      const auto label = [&](std::size_t i) {
        return std::to_string(lo + static_cast<int>(i)) + "\u00a0" + q_.labels[i];
      };
      if (level == 2) {
        labels = label(0) + (c_.ascii ? " ... " : " \u2026 ") + label(last);
      } else {
        for (std::size_t i = 0; i <= last; ++i) {
          labels += (i == 0 ? "" : c_.ascii ? ", " : " \u00b7 ") + label(i);
        }
      }
      out += wrap_hanging(labels, w, 0) + "\n";
      if (earlier) {
        out += styled(c_, "36;1",
                      wrap_hanging(fill_placeholders(
                                       level == 3 ? words::earlier_tiny : words::keep_earlier_plain,
                                       {{"value", std::to_string(*earlier)}}),
                                   w, 0)) +
               "\n";
      }
    }
    out += gap;
    if (was_skipped) out += styled(c_, "2", wrap_hanging(words::skipped_before, w)) + "\n";
    const std::string keys = level == 0 ? keys_line(c_, q_)
                             : level == 3
                                 ? std::string(words::keys_tiny)
                                 : fill_placeholders(words::answer_prompt, {{"range", q_.range}});
    out += styled(c_, "2", wrap_hanging(keys, w, level == 0 ? 6 : 0)) + "\n";
    if (!hint_.empty()) out += gap + styled(c_, "33", wrap_hanging(hint_, w)) + "\n";
    return out;
  }

  void draw() {
    std::ostream& out = *c_.out;
    const std::size_t n = s_.order.size();
    const std::size_t pos = s_.position + 1;
    const std::size_t item = *current_item(s_, q_.instrument);
    const std::string& wording = *q_.text.item(q_.instrument.items()[item].id);
    const std::optional<int> earlier = current_answer(s_);
    const bool was_skipped = s_.skipped.count(s_.order[s_.position]) != 0;
    const std::string progress = fill_placeholders(
        words::progress, {{"pos", std::to_string(pos)}, {"n", std::to_string(n)}});
    // The bar shows how much is answered, so going back (or revisiting a skipped statement at
    // the end) never sends it backwards.
    const std::size_t done = s_.answers.size();
    const int w = text_width();
    if (c_.screen) {
      clear_screen(c_);
      // The fullest layout that fits the terminal's rows, so the statement never scrolls off:
      // a short terminal gets the labels on one wrapped line, a very short one only the ends.
      std::string screen;
      for (int level = 0; level <= 3; ++level) {
        screen = screen_text(level, wording, progress, done, earlier, was_skipped);
        screen.pop_back();  // the cursor stays on the last line: no row is spent on it
        if (std::count(screen.begin(), screen.end(), '\n') < c_.height) break;
      }
      out << screen;
    } else {
      // One line per prompt: for screen readers and logs.
      out << "\n"
          << wrap_hanging(
                 fill_placeholders(words::progress_plain, {{"pos", std::to_string(pos)},
                                                           {"n", std::to_string(n)},
                                                           {"answered", std::to_string(done)}}) +
                     ": " + wording,
                 w, 2)
          << "\n";
      std::string labels;
      const int lo = q_.instrument.response_scale().min;
      for (std::size_t i = 0; i < q_.labels.size(); ++i) {
        labels +=
            (i == 0 ? "" : ", ") + std::to_string(lo + static_cast<int>(i)) + " " + q_.labels[i];
      }
      out << "  " << wrap_hanging(labels, w - 2, 2) << "\n";
      if (earlier) {
        out << "  "
            << fill_placeholders(words::keep_earlier_plain, {{"value", std::to_string(*earlier)}})
            << "\n";
      } else if (was_skipped) {
        out << "  " << words::skipped_before << "\n";
      }
      if (!hint_.empty()) out << "  " << wrap_hanging(hint_, w - 2, 2) << "\n";
      out << fill_placeholders(words::answer_prompt, {{"range", q_.range}}) << " ";
    }
    out << std::flush;
    hint_.clear();
  }

  void help() {
    std::ostream& out = *c_.out;
    clear_screen(c_);
    // Paged: on a short terminal the title must not scroll off.
    page(c_, (c_.screen ? "" : "\n") + styled(c_, "1", words::help_title) + "\n\n" +
                 wrap_hanging(fill_placeholders(words::help_body, {{"range", q_.range}}),
                              text_width()) +
                 "\n\n");
    if (c_.keys) {
      out << wrap_hanging(words::help_return, text_width()) << std::flush;
      Key k = next_input(c_);
      while (k.kind == Key::resize) k = next_input(c_);
      out << "\n";
    }
  }

  // One statement: false when the person stops.
  bool step() {
    draw();
    for (;;) {
      const Key k = replay_ ? *std::exchange(replay_, std::nullopt) : next_input(c_);
      if (!c_.screen && k.kind != Key::resize) {
        // One line per prompt: the key pressed (or line typed) ends the prompt's line.
        *c_.out << (k.kind == Key::character ? k.text : k.kind == Key::left ? "b" : "") << "\n";
      }
      switch (k.kind) {
        case Key::resize:
          c_.width = terminal_columns(STDOUT_FILENO, c_.width);
          c_.height = terminal_rows(STDOUT_FILENO, c_.height);
          draw();
          continue;
        case Key::eof:
          return stop(true);
        case Key::left:
          back();
          return true;
        case Key::character:
          break;
        case Key::enter:
        case Key::right:
          if (k.kind == Key::enter && !pending_.empty()) break;
          // Enter or the right arrow on a statement answered before keeps that answer.
          if (const std::optional<int> earlier = current_answer(s_)) {
            answer_current(s_, q_.instrument, *earlier);
            save();
            return true;
          }
          [[fallthrough]];
        default:
          hint_ = fill_placeholders(words::bad_key, {{"range", q_.range}});
          draw();
          continue;
      }
      if (const std::optional<bool> done = typed(k)) return *done;
    }
  }

  // What a typed answer or command does (a character, or Enter after gathered digits): what
  // step() returns, or nothing when the screen is drawn again for the next key.
  std::optional<bool> typed(const Key& k) {
    const ResponseScale& rs = q_.instrument.response_scale();
    std::string t = k.kind == Key::enter ? std::exchange(pending_, {}) : k.text;
    // A range beyond one digit (e.g. 0-10) on single keys: digits gather until Enter.
    if (c_.keys && rs.max > 9 && k.kind == Key::character && t.size() == 1 && t[0] >= '0' &&
        t[0] <= '9') {
      pending_ += t;
      hint_ = fill_placeholders(words::pending_digits, {{"typed", pending_}});
      draw();
      return std::nullopt;
    }
    pending_.clear();
    int value = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec == std::errc() && ptr == t.data() + t.size() && value >= rs.min && value <= rs.max) {
      answer_current(s_, q_.instrument, value);
      save();
      return true;
    }
    const std::string key =
        t.size() == 1
            ? std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(t[0]))))
            : t;
    if (key == "b") {
      back();
      return true;
    }
    if (key == "s") {
      skip_current(s_);
      save();
      return true;
    }
    if (key == "q") return stop();
    if (key == "?" || key == "h") {
      help();
      draw();
      return std::nullopt;
    }
    hint_ = fill_placeholders(words::bad_key, {{"range", q_.range}});
    draw();
    return std::nullopt;
  }

  void back() {
    if (go_back(s_)) {
      save();
    } else {
      hint_ = words::first_item;
    }
  }

  // Stops (q, or the end of input when `input_ended`): says where, and what is kept. A session
  // with no answer is not kept: there is nothing to continue.
  bool stop(bool input_ended = false) {
    std::ostream& out = *c_.out;
    if (c_.screen) clear_screen(c_);
    const std::size_t answered = s_.answers.size();
    std::string text =
        fill_placeholders(input_ended ? words::input_ended : words::stopped,
                          {{"pos", std::to_string(std::min(s_.position + 1, s_.order.size()))},
                           {"n", std::to_string(s_.order.size())}});
    if (answered == 0) {
      delete_session(paths_);
      text += std::string(" ") + words::nothing_kept;
    } else {
      save();
      text += " " +
              fill_placeholders(words::plural(answered, words::saved_one, words::saved_many),
                                {{"answered", std::to_string(answered)}}) +
              " " + words::continue_later;
    }
    out << "\n" << wrap_hanging(text, text_width()) << "\n" << std::flush;
    return false;
  }

  // nullopt: stopped; true: revisiting; false: go on to the result.
  std::optional<bool> finish_check() {
    const std::vector<ShortScale> short_scales = scales_below_minimum(s_, q_.instrument);
    if (short_scales.empty()) return false;
    std::vector<std::string> items;
    for (const ShortScale& sc : short_scales) {
      for (const std::string& id : sc.missing_items) {
        if (std::find(items.begin(), items.end(), id) == items.end()) items.push_back(id);
      }
    }
    std::ostream& out = *c_.out;
    clear_screen(c_);
    out << "\n" << wrap_hanging(words::short_intro, text_width()) << "\n";
    for (const ShortScale& sc : short_scales) {
      const Scale& scale = q_.instrument.scales()[sc.scale];
      const std::size_t total = scale.is_composite() ? scale.components.size() : scale.items.size();
      out << "  "
          << wrap_hanging(fill_placeholders(scale.is_composite() ? words::short_line_composite
                                                                 : words::short_line,
                                            {{"name", scale.name},
                                             {"answered", std::to_string(sc.answered)},
                                             {"total", std::to_string(total)},
                                             {"required", std::to_string(sc.required)}}),
                          text_width() - 2, 4)
          << "\n";
    }
    out << "\n";
    if (items.empty()) return false;
    const auto yes = ask_yes_no(
        c_,
        fill_placeholders(
            words::plural(items.size(), words::revisit_question_one, words::revisit_question),
            {{"k", std::to_string(items.size())}}),
        true);
    if (!yes) return stop() ? std::optional<bool>(false) : std::nullopt;
    if (!*yes) {
      out << wrap_hanging(words::not_scored_note, text_width()) << "\n";
      return false;
    }
    start_revisit(s_, items);
    save();
    hint_ = fill_placeholders(words::plural(items.size(), words::revisiting_one, words::revisiting),
                              {{"m", std::to_string(items.size())}});
    return true;
  }

  Console& c_;
  Questionnaire& q_;
  Session& s_;
  const StorePaths& paths_;
  std::string hint_;
  std::string pending_;        // digits typed so far when answers need more than one
  std::optional<Key> replay_;  // a line read by the welcome that is the first answer
};

std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    throw UsageError("take", "option '--seed' is '" + text +
                                 "', but must be a whole number from 0 to 18446744073709551615");
  }
  return v;
}

// After the statements: score, show, and offer to save and to write a report.
// Returns false when the person wanted the result saved and it could not be: the session is
// then kept.
bool result(Console& c, const Questionnaire& q, const Session& s, const StorePaths& paths) {
  std::ostream& out = *c.out;
  // The result document records how the statements were shown and when they were finished.
  Scores scores = score(q.instrument, session_responses(s, q.instrument));
  scores.administration = Administration{s.seed, s.order, iso_utc(now())};
  ViewOptions view;
  view.width = std::clamp(c.width, min_text_width, 200);
  view.colour = c.colour;
  view.ascii = c.ascii;
  view.language = s.language.empty() ? "en" : s.language;
  clear_screen(c);
  if (!c.screen) out << "\n";
  std::string text = render_result_text(q.instrument, scores, view);
  if (!text.empty() && text.back() != '\n') text += "\n";
  page(c, text);
  out << "\n";
  const int w = std::min(c.width, 100) - 2;
  // The result document with its profile and feedback, as `score --format json` writes it.
  const bool kept = offer_save(c, paths, scores.instrument_id,
                               render_result_json(q.instrument, scores, view), now());
  offer_report(c, render_result_html(q.instrument, scores, view));
  out << "\n" << wrap_hanging(words::goodbye, w) << "\n" << std::flush;
  return kept;
}

}  // namespace

namespace {

// The options of `take`, checked; nothing when --help was answered.
std::optional<TakeOptions> take_options(std::span<const std::string> args, std::ostream& out) {
  po::options_description desc(words::text("help.options"));
  TakeOptions o;
  std::string seed_text;
  desc.add_options()("help,h", words::text("help.show_help").c_str())(
      "brief", po::bool_switch(&o.brief), words::text("help.take.brief").c_str())(
      "instrument,i", po::value(&o.instrument), words::text("help.take.instrument").c_str())(
      "text", po::value(&o.text_file), words::text("help.take.text").c_str())(
      "lang", po::value(&o.language), words::text("help.take.lang").c_str())(
      "shuffle", po::bool_switch(&o.shuffle), words::text("help.take.shuffle").c_str())(
      "seed", po::value(&seed_text), words::text("help.take.seed").c_str())(
      "plain", po::bool_switch(&o.plain), words::text("help.take.plain").c_str())(
      "ascii", po::bool_switch(&o.ascii), words::text("help.ascii_only").c_str())(
      "resume", po::bool_switch(&o.resume), words::text("help.take.resume").c_str())(
      "fresh", po::bool_switch(&o.fresh), words::text("help.take.fresh").c_str());
  po::positional_options_description pos;
  auto vm = parse_options("take", args, desc, pos);
  if (vm.count("help")) {
    out << words::text("help.take.usage") << desc << "\n" << words::text("help.exit_codes");
    return std::nullopt;
  }
  o.language = choose_language("take", o.language);
  if (o.brief && !o.instrument.empty()) {
    throw UsageError("take", "options '--brief' and '--instrument' cannot be used together");
  }
  if (o.resume && o.fresh) {
    throw UsageError("take", "options '--resume' and '--fresh' cannot be used together");
  }
  if (!seed_text.empty()) {
    if (!o.shuffle) throw UsageError("take", "option '--seed' needs '--shuffle'");
    o.seed = parse_seed(seed_text);
  }
  return o;
}

// The console: keys and screens on a terminal, lines otherwise.
Console console_for(std::istream& in, std::ostream& out, const TakeOptions& o) {
  Console c;
  c.in = &in;
  c.out = &out;
  const bool terminal = &in == &std::cin && is_tty(STDIN_FILENO);
  const bool terminal_out = &out == &std::cout && is_tty(STDOUT_FILENO);
  c.keys = terminal;
  c.screen = terminal && terminal_out && !o.plain;
  c.colour = terminal_out && !o.plain && colour_allowed(STDOUT_FILENO);
  c.ascii = o.ascii;
  if (terminal_out) {
    c.width = std::clamp(terminal_columns(STDOUT_FILENO, 80), min_text_width, 200);
    c.height = terminal_rows(STDOUT_FILENO, 24);
  }
  return c;
}

}  // namespace

int take_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                 std::ostream& /*err*/) {
  words::set_language(words::language_from_args(args));
  const std::optional<TakeOptions> o = take_options(args, out);
  if (!o) return exit_ok;
  Console c = console_for(in, out, *o);
  const StorePaths paths = store_paths();
  ensure_private_dir(paths.state_dir);

  // An unfinished session first: resume it, or start over.
  Started started = start_or_resume(c, *o, paths);
  if (!started.session) return exit_ok;  // the person chose neither
  Session& session = *started.session;
  Questionnaire& q = *started.questionnaire;

  RawMode raw(c.keys ? STDIN_FILENO : -1);
  c.raw = &raw;
  if (raw.active()) install_terminal_signal_handlers();
  Take take(c, q, session, paths);
  if (started.resume_note.empty()) {
    if (!take.welcome()) return exit_ok;
  } else {
    take.set_hint(started.resume_note);
  }
  if (!take.statements()) return exit_ok;
  if (result(c, q, session, paths)) delete_session(paths);
  return exit_ok;
}

}  // namespace securebase::cli
