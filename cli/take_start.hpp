// `securebase take`, its start: the questionnaire prepared in a language, and the session
// resumed or begun (take_cmd.cpp runs the conversation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/core/session.hpp"
#include "store.hpp"
#include "take_ui.hpp"

namespace securebase::cli {

// Everything the screens need about the questionnaire being taken.
struct Questionnaire {
  Instrument instrument;
  InstrumentText text;
  std::string name;                 // display name, for the header of every statement
  std::vector<std::string> labels;  // labels[v - min]
  std::string range;                // "1-7"
};

// What the person asked for on the command line.
struct TakeOptions {
  bool brief = false;
  std::string instrument;
  std::string text_file;
  std::string language;
  bool shuffle = false;
  std::optional<std::uint64_t> seed;
  bool plain = false;
  bool ascii = false;
  bool resume = false;
  bool fresh = false;
};

// The questionnaire's name for a person: its text's display name, else its short title.
std::string display_name(const Instrument& ins, const std::string& language);

// The questionnaire in a language (or with the wording of `text_file`); error 802 when a
// statement has no wording, before anything is shown.
Questionnaire prepare(const Instrument& ins, const std::string& language,
                      const std::string& text_file);

// Seconds since the epoch, now.
long long now();

// The session to go on with, and what to say first when it is resumed.
struct Started {
  std::optional<Session> session;  ///< empty: the person answered neither resume nor start over
  std::optional<Questionnaire> questionnaire;
  std::string resume_note;  ///< "welcome back" when resumed, else empty
};

// An unfinished session resumed (asking first unless --resume) or set aside (--fresh), else a
// new session for the instrument the options name.
Started start_or_resume(Console& c, const TakeOptions& o, const StorePaths& paths);

}  // namespace securebase::cli
