// `securebase take`, its start: the questionnaire prepared, the session resumed or begun.
#include "take_start.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <ostream>
#include <random>
#include <utility>

#include "app.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/placeholders.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "take_words.hpp"
#include "terminal.hpp"

namespace securebase::cli {

namespace fs = std::filesystem;

namespace {

std::string title_of(const Instrument& ins) {
  return ins.short_title().empty() ? ins.title() : ins.short_title();
}

// The wording, or error 802 before the first statement is shown.
InstrumentText text_for(const Instrument& ins, const std::string& language,
                        const std::string& text_file) {
  InstrumentText text;
  if (!text_file.empty()) {
    text = load_instrument_text_file(text_file, ins);
  } else if (auto embedded = embedded_instrument_text(ins, language)) {
    text = *embedded;
  } else {
    const std::vector<std::string> langs = embedded_text_languages(ins);
    std::string have;
    for (const std::string& l : langs) have += (have.empty() ? "" : ", ") + l;
    throw Error(ErrorCode::session_no_text, ins.id(),
                "has no statement text in language \"" + language + "\"" +
                    (have.empty() ? std::string(" (securebase ships no wording for it)")
                                  : " (it has: " + have + ")") +
                    "; supply the wording in a file with --text FILE ('securebase instruments "
                    "template " +
                    ins.id() + " --lang " + language +
                    " > text.json' writes a skeleton to fill in)");
  }
  std::vector<std::string> missing;
  for (const Item& item : ins.items()) {
    const std::string* w = text.item(item.id);
    if (w == nullptr || w->empty()) missing.push_back(item.id);
  }
  if (!missing.empty()) {
    throw Error(ErrorCode::session_no_text, text_file.empty() ? ins.id() : text_file,
                "gives no wording for " + std::to_string(missing.size()) + " of " +
                    std::to_string(ins.items().size()) + " statements (the first is \"" +
                    missing.front() + "\"); fill them in, then run again");
  }
  return text;
}

// The instrument of a saved session, or error 503 naming the session file when it cannot be
// loaded any more.
Instrument session_instrument(const Session& old, const std::string& source) {
  try {
    return load_instrument(old.instrument_source);
  } catch (const Error& e) {
    throw Error(ErrorCode::session_corrupt, source,
                "its instrument \"" + old.instrument_source + "\" cannot be loaded any more (" +
                    e.message() + "); start over with 'securebase take --fresh'");
  }
}

// --fresh: the unfinished session deleted (or, when unreadable, set aside).
void discard_session(const StorePaths& paths) {
  std::optional<Session> old;
  try {
    old = load_session(paths);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::session_corrupt) throw;
    set_aside_session(paths);
  }
  if (old) delete_session(paths);
}

// The unfinished session `old`, resumed when the person says so (or gave --resume); else
// deleted, and `started` left without a session. Returns false when the person answered neither.
bool offer_resume(Console& c, const TakeOptions& o, const StorePaths& paths, Session old,
                  Started& started) {
  std::ostream& out = *c.out;
  const std::string source = session_path(paths).string();
  Instrument ins = session_instrument(old, source);
  check_session(old, ins, source);
  bool resume = o.resume;
  if (!resume) {
    out << wrap_hanging(fill_placeholders(words::unfinished,
                                          {{"title", display_name(ins, old.language)},
                                           {"answered", std::to_string(old.answers.size())},
                                           {"n", std::to_string(old.order.size())},
                                           {"date", old.started.substr(0, 10)}}),
                        std::min(c.width, 100) - 2)
        << "\n";
    RawMode raw(c.keys ? STDIN_FILENO : -1);
    c.raw = &raw;
    const auto yes = ask_yes_no(c, words::resume_question, true);
    c.raw = nullptr;
    if (!yes) return false;
    resume = *yes;
    if (!resume) {
      delete_session(paths);
      out << words::started_over << "\n";
      return true;
    }
  }
  if (o.brief || !o.instrument.empty() || o.shuffle || !o.text_file.empty()) {
    out << wrap_hanging(fill_placeholders(words::resume_other_options,
                                          {{"title", display_name(ins, old.language)}}),
                        std::min(c.width, 100) - 2)
        << "\n";
  }
  started.questionnaire = prepare(ins, old.language, old.text_file);
  if (!old.language.empty()) words::set_language(old.language);
  started.resume_note = fill_placeholders(
      words::welcome_back,
      {{"answered", std::to_string(old.answers.size())}, {"n", std::to_string(old.order.size())}});
  started.session = std::move(old);
  return true;
}

// A new session for the instrument the options name.
void begin_session(const TakeOptions& o, Started& started) {
  Instrument ins = o.instrument.empty()
                       ? load_embedded_instrument(o.brief ? "securebase-brief" : "securebase-core")
                       : load_instrument(o.instrument);
  std::string text_file;
  if (!o.text_file.empty()) text_file = fs::absolute(o.text_file).string();
  started.questionnaire = prepare(ins, o.language, text_file);  // 802 before anything
  const Questionnaire& q = *started.questionnaire;
  std::optional<std::uint64_t> seed;
  if (o.shuffle) {
    std::random_device device;
    seed = o.seed ? *o.seed : (std::uint64_t{device()} << 32) ^ std::uint64_t{device()};
  }
  Session s = start_session(q.instrument, seed);
  if (q.instrument.source().rfind("embedded:", 0) != 0) {
    s.instrument_source = fs::absolute(q.instrument.source()).string();
  }
  s.language = o.language;
  s.text_file = text_file;
  s.started = iso_utc(now());
  started.session = std::move(s);
}

}  // namespace

std::string display_name(const Instrument& ins, const std::string& language) {
  if (auto text = embedded_instrument_text(ins, language.empty() ? "en" : language)) {
    if (!text->display_name.empty()) return text->display_name;
  }
  return title_of(ins);
}

Questionnaire prepare(const Instrument& ins, const std::string& language,
                      const std::string& text_file) {
  Questionnaire q{ins, {}, {}, {}, {}};  // a handle: the copy shares the instrument's data
  q.text = text_for(q.instrument, language, text_file);
  q.name = q.text.display_name.empty() ? title_of(q.instrument) : q.text.display_name;
  const ResponseScale& rs = q.instrument.response_scale();
  const std::vector<std::string>& labels = q.text.labels.empty() ? rs.labels : q.text.labels;
  for (int v = rs.min; v <= rs.max; ++v) {
    const auto i = static_cast<std::size_t>(v - rs.min);
    q.labels.push_back(i < labels.size() ? labels[i] : "");
  }
  q.range = std::to_string(rs.min) + "-" + std::to_string(rs.max);
  return q;
}

long long now() { return static_cast<long long>(std::time(nullptr)); }

Started start_or_resume(Console& c, const TakeOptions& o, const StorePaths& paths) {
  Started started;
  if (o.fresh) {
    discard_session(paths);
  } else if (auto old = load_session(paths)) {
    if (!offer_resume(c, o, paths, std::move(*old), started)) return started;
  } else if (o.resume) {
    *c.out << words::no_session_to_resume << "\n";
  }
  if (!started.session) begin_session(o, started);
  return started;
}
}  // namespace securebase::cli
