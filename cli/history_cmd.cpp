// `securebase history`: saved results over time, a trend line per dimension, the reliable change
// between the latest two comparable results, and deleting results.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <ostream>

#include "app.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "result_view.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/placeholders.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/render/terminal.hpp"
#include "store.hpp"
#include "take_ui.hpp"
#include "take_words.hpp"
#include "terminal.hpp"

namespace securebase::cli {

namespace {

std::string two_decimals(double v) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string pad(std::string s, std::size_t width) {
  const std::size_t w = text_columns(s);
  if (w < width) s.append(width - w, ' ');
  return s;
}

// The instrument a result was scored with, when it is embedded.
std::optional<Instrument> instrument_of(const Scores& s) {
  try {
    return load_embedded_instrument(s.instrument_id);
  } catch (const Error&) {
    return std::nullopt;
  }
}

// The scale ids of the two dimensions: the instrument's plane, else "anxiety" / "avoidance".
std::pair<std::string, std::string> dimension_ids(const std::optional<Instrument>& ins) {
  if (ins && ins->plane()) {
    return {ins->scales()[ins->plane()->anxiety.scale].id,
            ins->scales()[ins->plane()->avoidance.scale].id};
  }
  return {"anxiety", "avoidance"};
}

double value_of(const Scores& s, const std::string& scale_id) {
  const ScaleScore* sc = s.find(scale_id);
  return sc == nullptr || sc->status != ScoreStatus::ok ? missing_answer : sc->value;
}

int delete_results(const StorePaths& paths, const std::vector<SavedResult>& results,
                   const std::string& id, bool all, bool yes, Console& c) {
  std::ostream& out = *c.out;
  std::vector<std::string> ids;
  if (all) {
    for (const SavedResult& r : results) ids.push_back(r.id);
  } else {
    const bool known = std::any_of(results.begin(), results.end(),
                                   [&](const SavedResult& r) { return r.id == id; });
    if (!known) {
      throw UsageError("history", "there is no saved result '" + id +
                                      "'; run 'securebase history' to see their ids");
    }
    ids.push_back(id);
  }
  if (ids.empty()) {
    out << words::history_empty << "\n";
    return exit_ok;
  }
  if (!yes) {
    const std::string what =
        all && ids.size() != 1
            ? fill_placeholders(words::delete_all, {{"count", std::to_string(ids.size())}})
            : fill_placeholders(words::delete_one, {{"id", ids.front()}});
    const auto ok =
        ask_yes_no(c, fill_placeholders(words::delete_question, {{"what", what}}), false);
    if (!ok || !*ok) {
      out << words::not_deleted << "\n";
      return exit_ok;
    }
  }
  int count = 0;
  for (const std::string& i : ids) count += delete_result(paths, i) ? 1 : 0;
  out << fill_placeholders(
             words::plural(static_cast<unsigned>(count), words::deleted_one, words::deleted_many),
             {{"count", std::to_string(count)}})
      << "\n";
  return exit_ok;
}

using Groups = std::map<std::string, std::vector<const SavedResult*>>;  // by instrument + key

// The table of saved results, oldest first; fills `groups` and returns the newest readable one.
const SavedResult* write_table(std::ostream& out, const std::vector<SavedResult>& results,
                               const StorePaths& paths, Groups& groups) {
  std::size_t id_width = 2;
  for (const SavedResult& r : results) id_width = std::max(id_width, r.id.size());
  out << fill_placeholders(words::history_header, {{"dir", paths.results_dir.string()}}) << "\n\n"
      << "  " << pad(words::col_id, id_width) << "  " << pad(words::col_date, 16) << "  "
      << pad(words::col_instrument, 16) << "  " << pad(words::col_anxiety, 8) << "  "
      << words::col_avoidance << "\n";
  const SavedResult* newest = nullptr;
  for (const SavedResult& r : results) {
    out << "  " << pad(r.id, id_width) << "  " << pad(r.taken, 16) << "  ";
    if (!r.scores) {
      out << fill_placeholders(words::history_unreadable, {{"problem", r.problem}}) << "\n";
      continue;
    }
    const auto ins = instrument_of(*r.scores);
    const auto [anx, avo] = dimension_ids(ins);
    out << pad(r.scores->instrument_id, 16) << "  "
        << pad(two_decimals(value_of(*r.scores, anx)), 8) << "  "
        << two_decimals(value_of(*r.scores, avo)) << "\n";
    groups[r.scores->instrument_id + " " + r.scores->key_fingerprint].push_back(&r);
    newest = &r;
  }
  return newest;
}

// A trend line per dimension for each questionnaire with more than one result.
void write_trends(std::ostream& out, const Console& c, const Groups& groups) {
  for (const auto& [key, list] : groups) {
    if (list.size() < 2) continue;
    const Scores& first = *list.front()->scores;
    const auto ins = instrument_of(first);
    const auto [anx, avo] = dimension_ids(ins);
    const int lo = ins ? ins->response_scale().min : 1;
    const int hi = ins ? ins->response_scale().max : 7;
    out << "\n"
        << first.instrument_id << ": "
        << fill_placeholders(words::history_trend, {{"count", std::to_string(list.size())},
                                                    {"lo", std::to_string(lo)},
                                                    {"hi", std::to_string(hi)}})
        << "\n";
    for (const std::string& dim : {anx, avo}) {
      std::vector<double> values;
      for (const SavedResult* r : list) values.push_back(value_of(*r->scores, dim));
      const std::string name = dim == anx ? words::col_anxiety.str() : words::col_avoidance.str();
      out << "  " << pad(name, 10) << "  " << sparkline(c.ascii, values, lo, hi) << "  "
          << two_decimals(values.front()) << (c.ascii ? " -> " : " \u2192 ")
          << two_decimals(values.back()) << "\n";
    }
  }
}

// The latest two comparable results: those of the newest result's questionnaire, else of the
// questionnaire whose latest pair is newest; nullptr when no questionnaire has two.
const std::vector<const SavedResult*>* latest_pair(Groups& groups, const SavedResult* newest) {
  const std::vector<const SavedResult*>* pair_group = nullptr;
  if (newest != nullptr) {
    const auto& g = groups[newest->scores->instrument_id + " " + newest->scores->key_fingerprint];
    if (g.size() >= 2) pair_group = &g;
  }
  if (pair_group == nullptr) {
    for (const auto& [key, list] : groups) {
      if (list.size() >= 2 && (pair_group == nullptr || list.back()->id > pair_group->back()->id)) {
        pair_group = &list;
      }
    }
  }
  return pair_group;
}

// The reliable change between the last two results of a group.
void write_change(std::ostream& out, const Console& c,
                  const std::vector<const SavedResult*>& group) {
  const SavedResult& earlier = *group[group.size() - 2];
  const SavedResult& later = *group.back();
  const Scores& before = *earlier.scores;
  const Scores& after = *later.scores;
  out << "\n"
      << fill_placeholders(
             words::history_change_title,
             {{"title", after.instrument_id}, {"from", earlier.taken}, {"to", later.taken}})
      << "\n\n";
  const auto ins = instrument_of(after);
  if (!ins) {
    out << "  (" << after.instrument_id
        << " is not built into securebase; use 'securebase compare' with its file)\n";
    return;
  }
  ViewOptions view;
  view.width = c.width;
  view.colour = c.colour;
  view.ascii = c.ascii;
  view.language = words::language();
  try {
    out << render_change_text(*ins, before, after, view, earlier.id, later.id);
  } catch (const Error& e) {
    out << "  " << words::error_sentence(e) << "\n";
  }
}

// What `history` was asked to do.
struct HistoryOptions {
  std::string delete_id;
  bool all = false;
  bool yes = false;
  bool ascii = false;
  std::string lang;
};

// The options of `history`, checked; nothing when --help was answered.
std::optional<HistoryOptions> history_options(std::span<const std::string> args,
                                              std::ostream& out) {
  po::options_description desc(words::text("help.options"));
  HistoryOptions o;
  desc.add_options()("help,h", words::text("help.show_help").c_str())(
      "delete", po::value(&o.delete_id), words::text("help.history.delete").c_str())(
      "all", po::bool_switch(&o.all), words::text("help.history.all").c_str())(
      "yes,y", po::bool_switch(&o.yes), words::text("help.history.yes").c_str())(
      "ascii", po::bool_switch(&o.ascii), words::text("help.ascii_only").c_str())(
      "lang,l", po::value(&o.lang), words::text("help.lang").c_str());
  po::positional_options_description pos;
  auto vm = parse_options("history", args, desc, pos);
  if (vm.count("help")) {
    out << words::text("help.history.usage") << desc << "\n" << words::text("help.exit_codes");
    return std::nullopt;
  }
  o.lang = choose_language("history", o.lang);
  if (o.all && !o.delete_id.empty()) {
    throw UsageError("history", "options '--delete' and '--all' cannot be used together");
  }
  if (o.yes && !o.all && o.delete_id.empty()) {
    throw UsageError("history", "option '--yes' goes with '--delete ID' or '--all'");
  }
  return o;
}

}  // namespace

int history_command(std::span<const std::string> args, std::istream& in, std::ostream& out,
                    std::ostream& /*err*/) {
  words::set_language(words::language_from_args(args));
  const std::optional<HistoryOptions> o = history_options(args, out);
  if (!o) return exit_ok;
  Console c;
  c.in = &in;
  c.out = &out;
  c.ascii = o->ascii;
  const bool terminal_out = &out == &std::cout && is_tty(STDOUT_FILENO);
  if (terminal_out) c.width = std::clamp(terminal_columns(STDOUT_FILENO, 80), min_text_width, 200);
  c.colour = terminal_out && colour_allowed(STDOUT_FILENO);

  const StorePaths paths = store_paths();
  const std::vector<SavedResult> results = list_results(paths);
  if (o->all || !o->delete_id.empty()) {
    return delete_results(paths, results, o->delete_id, o->all, o->yes, c);
  }
  if (results.empty()) {
    out << wrap_hanging(words::history_empty, c.width - 2) << "\n";
    return exit_ok;
  }
  Groups groups;
  const SavedResult* newest = write_table(out, results, paths, groups);
  write_trends(out, c, groups);
  if (const auto* pair = latest_pair(groups, newest)) write_change(out, c, *pair);
  return exit_ok;
}

}  // namespace securebase::cli
