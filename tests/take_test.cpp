// Tests of `securebase take` and `securebase history`, run in-process through cli::run with the
// answers as lines on a string stream (no terminal), and the XDG folders in a temporary folder.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "securebase/core/session.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/result_json.hpp"
#include "securebase/io/session_json.hpp"
#include "store.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run run(std::vector<std::string> args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  const int code = securebase::cli::run(args, in, out, err);
  return {code, out.str(), err.str()};
}

// A private temporary home for one test: XDG_STATE_HOME and XDG_DATA_HOME point into it.
struct TempHome {
  fs::path root;
  TempHome() {
    std::string pattern = (fs::temp_directory_path() / "securebase-take-XXXXXX").string();
    root = ::mkdtemp(pattern.data());
    ::setenv("XDG_STATE_HOME", (root / "state").c_str(), 1);
    ::setenv("XDG_DATA_HOME", (root / "data").c_str(), 1);
  }
  ~TempHome() {
    ::unsetenv("XDG_STATE_HOME");
    ::unsetenv("XDG_DATA_HOME");
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  [[nodiscard]] fs::path session() const { return root / "state/securebase/session.json"; }
  [[nodiscard]] fs::path results() const { return root / "data/securebase/results"; }
  [[nodiscard]] std::vector<fs::path> result_files() const {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(results(), ec)) return out;
    for (const auto& e : fs::directory_iterator(results())) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
};

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return static_cast<unsigned>(st.st_mode & 0777);
}

// Output with each line break (and the indent after it) read as one space: wrapped sentences
// match as written.
std::string flat(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    out += ' ';
    while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
  }
  return out;
}

// n answer lines: 1, 2, ..., 7, 1, ... (so each position's answer is known).
std::string answers(int n, int first = 1) {
  std::string s;
  for (int k = 0; k < n; ++k) s += std::to_string((first - 1 + k) % 7 + 1) + "\n";
  return s;
}

securebase::Session read_session(const fs::path& p) {
  return securebase::parse_session_json(securebase::read_file(p), p.string());
}

securebase::Scores read_result(const fs::path& p) {
  return securebase::parse_result_json(securebase::read_file(p), p.string());
}

// The answer to an item in a result.
double answer_of(const securebase::Scores& s, const std::string& id) {
  for (const auto& a : s.answers) {
    if (a.item_id == id) return a.value;
  }
  FAIL("no item " << id);
  return 0;
}

}  // namespace

TEST_CASE("take runs the whole questionnaire from lines and saves the result privately", "[take]") {
  TempHome home;
  // Enter to begin, 36 answers, save: yes, HTML report: no.
  const Run r = run({"take"}, "\n" + answers(36) + "y\nn\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Catch::Contains("It is not a diagnosis") &&
                        Catch::Contains("Nothing leaves this computer") &&
                        Catch::Contains("It takes about 6 minutes") &&
                        Catch::Contains("statement 1 of 36 (0 answered): ") &&
                        Catch::Contains("statement 36 of 36 (35 answered): ") &&
                        Catch::Contains("Save this result on this computer to compare later? "
                                        "[y/N] yes") &&
                        Catch::Contains("Write an HTML report? [y/N] no"));
  // A finished session leaves no session file; the result is one file, owner-only.
  CHECK_FALSE(fs::exists(home.session()));
  CHECK(mode_of(home.root / "state/securebase") == 0700);
  const auto files = home.result_files();
  REQUIRE(files.size() == 1);
  CHECK(mode_of(files[0]) == 0600);
  CHECK(mode_of(home.results()) == 0700);
  CHECK(mode_of(home.results().parent_path()) == 0700);
  const securebase::Scores s = read_result(files[0]);
  CHECK(s.instrument_id == "securebase-core");
  CHECK(s.answered() == 36);
  // source: answers() gives position p (0-based) the value p % 7 + 1; canonical order.
  CHECK(answer_of(s, "anx01") == 1);
  CHECK(answer_of(s, "sb_repair2") == 1);  // position 35: 35 % 7 + 1
  // the administration is recorded: canonical order, no seed
  REQUIRE(s.administration.has_value());
  CHECK_FALSE(s.administration->seed.has_value());
  CHECK(s.administration->order.size() == 36);
  CHECK(s.administration->order.front() == "anx01");
}

TEST_CASE("a finished shuffled take records its seed and order in the saved result", "[take]") {
  TempHome home;
  const Run r =
      run({"take", "--brief", "--shuffle", "--seed", "42"}, "\n" + answers(12) + "y\nn\n");
  CHECK(r.code == 0);
  const auto files = home.result_files();
  REQUIRE(files.size() == 1);
  const securebase::Scores s = read_result(files[0]);
  REQUIRE(s.administration.has_value());
  CHECK(s.administration->seed == std::optional<std::uint64_t>{42});
  // source: session_test's hand-run, seed 42 puts anx08 first.
  CHECK(s.administration->order.front() == "anx08");
  CHECK(s.administration->order.size() == 12);
}

TEST_CASE("take writes an HTML report where asked", "[take]") {
  TempHome home;
  const fs::path report = home.root / "report.html";
  const Run r = run({"take", "--brief"}, "\n" + answers(12) + "n\ny\n" + report.string() + "\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  REQUIRE(fs::exists(report));
  CHECK(mode_of(report) == 0600);
  CHECK_THAT(r.out, Catch::Contains("Report written to " + report.string()));
  CHECK(home.result_files().empty());
}

TEST_CASE("quitting keeps every answer, and take resumes where it stopped", "[take]") {
  TempHome home;
  const Run first = run({"take"}, "\n" + answers(10) + "q\n");
  INFO(first.out << first.err);
  CHECK(first.code == 0);
  CHECK_THAT(first.out, Catch::Contains("Stopped at statement 11 of 36. Your 10 answers are saved "
                                        "on this computer."));
  REQUIRE(fs::exists(home.session()));
  CHECK(mode_of(home.session()) == 0600);
  CHECK(mode_of(home.session().parent_path()) == 0700);
  const securebase::Session saved = read_session(home.session());
  CHECK(saved.answers.size() == 10);
  CHECK(saved.position == 10);
  // source: canonical position 9 (0-based) holds anx04, and answers(10) gives it 9 % 7 + 1 = 3.
  CHECK(saved.answers.at("anx04") == 3);

  // Resume (Enter takes the default, yes), go back once: the earlier answer is shown.
  const Run second = run({"take"}, "\nb\n3\n" + answers(26) + "y\nn\n");
  INFO(second.out << second.err);
  CHECK(second.code == 0);
  CHECK_THAT(
      flat(second.out),
      Catch::Contains("You have an unfinished questionnaire (securebase questionnaire, 10 of 36 "
                      "answered,") &&
          Catch::Contains("Welcome back: 10 of 36 answered.") &&
          Catch::Contains("statement 11 of 36") &&
          Catch::Contains("Your earlier answer: 3 (Enter keeps it)."));
  CHECK_FALSE(fs::exists(home.session()));
  const auto files = home.result_files();
  REQUIRE(files.size() == 1);
  const securebase::Scores s = read_result(files[0]);
  CHECK(s.answered() == 36);
  CHECK(answer_of(s, "anx01") == 1);
  CHECK(answer_of(s, "avo01") == 2);
  CHECK(answer_of(s, "anx04") == 3);
}

TEST_CASE("skipped items of a scale below its minimum are offered again", "[take]") {
  TempHome home;
  // Brief form: anx02 (position 1) and anx03 (position 4) skipped, the rest answered 4.
  const std::string lines = "\ns\n4\n4\ns\n4\n4\n4\n4\n4\n4\n4\n4\n";
  const Run r = run({"take", "--brief"}, lines + "y\n6\n5\ny\nn\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK_THAT(r.out,
             Catch::Contains("Before your result: some parts have too few answers to be scored "
                             "yet.") &&
                 Catch::Contains("Attachment anxiety: 2 of 4 answered; a score needs 3.") &&
                 Catch::Contains("Go back to the 2 skipped statements that would help? You can "
                                 "skip them again. [Y/n] yes") &&
                 Catch::Contains("You skipped this one before."));
  const auto files = home.result_files();
  REQUIRE(files.size() == 1);
  const securebase::Scores s = read_result(files[0]);
  CHECK(s.answered() == 12);
  CHECK(answer_of(s, "anx02") == 6);
  CHECK(answer_of(s, "anx03") == 5);
}

TEST_CASE("declining the revisit scores what there is", "[take]") {
  TempHome home;
  const std::string lines = "\ns\n4\n4\ns\n4\n4\n4\n4\n4\n4\n4\n4\n";
  const Run r = run({"take", "--brief"}, lines + "n\ny\nn\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("Those parts will show no score"));
  const auto files = home.result_files();
  REQUIRE(files.size() == 1);
  const securebase::Scores s = read_result(files[0]);
  CHECK(s.find("anxiety")->status == securebase::ScoreStatus::insufficient);
}

TEST_CASE("bad keys are ignored with a hint, and help explains the keys", "[take]") {
  TempHome home;
  const Run r = run({"take", "--brief"}, "\nx\n9\n?\nb\n" + answers(12) + "n\nn\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK_THAT(
      r.out,
      Catch::Contains("Use 1-7 to answer (b\u00a0back, s\u00a0skip, q\u00a0stop, ?\u00a0help).") &&
          Catch::Contains("Help") &&
          Catch::Contains("This is the first statement; there is nothing before "
                          "it."));
}

TEST_CASE("an instrument without text fails before the first statement with 802", "[take]") {
  TempHome home;
  const Run r = run({"take", "--instrument", "ecr-r"}, "\n4\n");
  CHECK(r.code == 2);
  CHECK(r.err ==
        "securebase: [securebase.session.802] ecr-r: has no statement text in language \"en\" "
        "(securebase ships no wording for it); supply the wording in a file with --text FILE "
        "('securebase instruments template ecr-r --lang en > text.json' writes a skeleton to fill "
        "in)\n");
  CHECK(r.out.empty());
  CHECK_FALSE(fs::exists(home.session()));
  // A skeleton with empty wording is still no text.
  const fs::path skeleton = home.root / "ecr-r.en.json";
  const Run t = run({"instruments", "template", "ecr-r"});
  REQUIRE(t.code == 0);
  securebase::write_file_atomic(skeleton, t.out);
  const Run r2 = run({"take", "--instrument", "ecr-r", "--text", skeleton.string()}, "\n");
  CHECK(r2.code == 2);
  CHECK(r2.err == "securebase: [securebase.session.802] " + skeleton.string() +
                      ": gives no wording for 36 of 36 statements (the first is \"i01\"); fill "
                      "them in, then run again\n");
}

TEST_CASE("take decides with --fresh or --resume without asking", "[take]") {
  TempHome home;
  REQUIRE(run({"take", "--brief"}, "\n" + answers(3) + "q\n").code == 0);
  const Run resumed = run({"take", "--resume"}, "b\nq\n");
  CHECK(resumed.code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("Welcome back: 3 of 12 answered.") &&
                              !Catch::Contains("Continue it?"));
  CHECK(read_session(home.session()).position == 2);
  const Run fresh = run({"take", "--fresh", "--brief"}, "\nq\n");
  CHECK(fresh.code == 0);
  // stopped before any answer: the new, empty session is not kept, and that is said
  CHECK_THAT(flat(fresh.out),
             Catch::Contains("Stopped at statement 1 of 12. No statement was answered "
                             "yet, so nothing was kept."));
  CHECK_FALSE(fs::exists(home.session()));
  // Saying n to "Continue it?" starts over.
  REQUIRE(run({"take", "--brief"}, "\n" + answers(2) + "q\n").code == 0);
  const Run over = run({"take"}, "n\n\nq\n");
  CHECK_THAT(over.out, Catch::Contains("Starting over; the earlier answers were deleted."));
  CHECK_THAT(over.out, Catch::Contains("statement 1 of 36"));
  CHECK_FALSE(fs::exists(home.session()));
}

TEST_CASE("a shuffled take records its seed and order", "[take]") {
  TempHome home;
  const Run r = run({"take", "--brief", "--shuffle", "--seed", "42"}, "\n5\nq\n");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("shuffled order (seed 42)"));
  const securebase::Session s = read_session(home.session());
  REQUIRE(s.seed);
  CHECK(*s.seed == 42);
  // source: session_test's hand-run, seed 42 puts anx08 first.
  CHECK(s.order.front() == "anx08");
  CHECK(s.answers == std::map<std::string, int>{{"anx08", 5}});
}

TEST_CASE("a damaged session is 801 until --fresh sets it aside", "[take]") {
  TempHome home;
  fs::create_directories(home.session().parent_path());
  fs::permissions(home.session().parent_path(), fs::perms::owner_all);
  securebase::write_file_atomic(home.session(), "{\"format\": \"securebase-session\"}",
                                securebase::FileMode::private_to_owner);
  const Run r = run({"take"}, "\n");
  CHECK(r.code == 2);
  CHECK(r.err == "securebase: [securebase.session.801] " + home.session().string() +
                     ": /: member \"format_version\" is missing; start over with 'securebase take "
                     "--fresh'\n");
  const Run fresh = run({"take", "--fresh"}, "q\n");
  CHECK(fresh.code == 0);
  CHECK(fs::exists(home.root / "state/securebase/session.json.bad"));
}

TEST_CASE("a state folder other users can read is refused with 803", "[take]") {
  TempHome home;
  const fs::path dir = home.root / "state/securebase";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  const Run r = run({"take"}, "\n");
  CHECK(r.code == 2);
  CHECK(r.err == "securebase: [securebase.session.803] " + dir.string() +
                     ": can be read by other users (mode 0755), but must be private to you; run "
                     "'chmod 700 " +
                     dir.string() + "' and try again\n");
}

TEST_CASE("take rejects contradictory options", "[take]") {
  TempHome home;
  CHECK(run({"take", "--seed", "3"}).code == 1);
  CHECK(run({"take", "--brief", "--instrument", "ecr-r"}).code == 1);
  CHECK(run({"take", "--resume", "--fresh"}).code == 1);
  CHECK(run({"take", "--lang", "de"}).code == 1);
  const Run bad_seed = run({"take", "--shuffle", "--seed", "x1"});
  CHECK(bad_seed.code == 1);
  CHECK_THAT(bad_seed.err, Catch::Contains("option '--seed' is 'x1', but must be a whole number"));
  CHECK(run({"take", "--help"}).code == 0);
  CHECK(run({"history", "--help"}).code == 0);
}

TEST_CASE("history lists saved results with trends and deletes with confirmation", "[take]") {
  TempHome home;
  const Run empty = run({"history"});
  CHECK(empty.code == 0);
  CHECK_THAT(empty.out, Catch::Contains("No saved results yet."));

  REQUIRE(run({"take", "--brief"}, "\n" + answers(12) + "y\nn\n").code == 0);
  REQUIRE(run({"take", "--brief"}, "\n" + answers(12, 4) + "y\nn\n").code == 0);
  auto files = home.result_files();
  REQUIRE(files.size() == 2);
  // Two saves within one second get distinct ids.
  const std::string id0 = files[0].stem().string();
  const std::string id1 = files[1].stem().string();
  CHECK(id0 != id1);

  const Run list = run({"history", "--ascii"});
  INFO(list.out << list.err);
  CHECK(list.code == 0);
  CHECK_THAT(list.out, Catch::Contains(id0) && Catch::Contains(id1) &&
                           Catch::Contains("securebase-brief") && Catch::Contains("anxiety") &&
                           Catch::Contains("securebase-brief: Trend (2 results, oldest to newest, "
                                           "on the 1 to 7 scale):") &&
                           Catch::Contains("Change between your latest two securebase-brief "
                                           "results"));

  const Run keep = run({"history", "--delete", id0}, "n\n");
  CHECK(keep.code == 0);
  CHECK_THAT(keep.out, Catch::Contains("Nothing was deleted."));
  CHECK(home.result_files().size() == 2);
  const Run del = run({"history", "--delete", id0, "--yes"});
  CHECK(del.code == 0);
  CHECK_THAT(del.out, Catch::Contains("Deleted 1 saved result."));
  CHECK(home.result_files().size() == 1);
  CHECK(run({"history", "--delete", "nope"}).code == 1);
  const Run all = run({"history", "--all"}, "y\n");
  CHECK(all.code == 0);
  CHECK(home.result_files().empty());
  CHECK(run({"history", "--yes"}).code == 1);
}

TEST_CASE("compare and report take the ids history prints, latest, previous and a date prefix",
          "[take]") {
  TempHome home;
  CHECK_THAT(run({"report", "latest"}).err,
             Catch::Contains("[securebase.io.601] latest: there are no saved results yet"));
  REQUIRE(run({"take", "--brief"}, "\n" + answers(12) + "y\nn\n").code == 0);
  CHECK_THAT(run({"compare", "previous", "latest"}).err,
             Catch::Contains("there is only one saved result"));
  // A second result; ids are named by the second, so write it one second later by renaming.
  REQUIRE(run({"take", "--brief"}, "\n" + answers(12, 4) + "y\nn\n").code == 0);
  auto files = home.result_files();
  REQUIRE(files.size() == 2);
  // Give them fixed ids, as history prints them: two on one day, and the later one first in
  // time order by its stamp.
  const fs::path dir = home.results();
  fs::rename(files[0], dir / "20261207-052047-securebase-brief.json");
  fs::rename(files[1], dir / "20261207-052105-securebase-brief.json");
  const std::string id0 = "20261207-052047-securebase-brief";
  const std::string id1 = "20261207-052105-securebase-brief";

  const Run by_id = run({"compare", id0, id1, "--ascii"});
  INFO(by_id.out << by_id.err);
  REQUIRE(by_id.code == 0);
  CHECK_THAT(by_id.out,
             Catch::StartsWith("Earlier result  " + id0 +
                               "\n                completed 2026-12-07 05:20:47 UTC\n"
                               "Later result    " +
                               id1 + "\n                completed 2026-12-07 05:21:05 UTC\n"));
  CHECK_THAT(by_id.out, Catch::Contains("Since last time"));
  // latest / previous, with ".json", and by the start of the id or a typed date and time
  CHECK(run({"compare", "previous", "latest", "--ascii"}).out == by_id.out);
  CHECK(run({"compare", id0 + ".json", "2026-12-07 05:21", "--ascii"}).out == by_id.out);
  CHECK(run({"compare", "20261207-0520", "20261207-052105", "--ascii"}).out == by_id.out);
  // the newer first: swapped, and said so
  const Run swapped = run({"compare", "latest", "previous", "--ascii"});
  CHECK_THAT(swapped.out, Catch::StartsWith("'latest' is the newer of the two"));
  CHECK_THAT(swapped.out, Catch::EndsWith(by_id.out));
  // a date that matches both is ambiguous and lists them; nothing matching is 601
  const Run both = run({"compare", "2026-12-07", "latest"});
  CHECK(both.code == 1);
  CHECK_THAT(both.err, Catch::Contains("'2026-12-07' matches 2 saved results; give more of the "
                                       "id:\n  " +
                                       id0 + "\n  " + id1));
  const Run none = run({"report", "20251231"});
  CHECK(none.code == 2);
  CHECK_THAT(none.err, Catch::Contains("[securebase.io.601] 20251231: is neither a file nor a "
                                       "saved result; 'securebase history' lists the saved ids "
                                       "(the latest is " +
                                       id1 + ")"));
  // the same saved result under two names is refused
  const Run self = run({"compare", "latest", id1});
  CHECK(self.code == 1);
  CHECK_THAT(self.err, Catch::Contains("are the same result (" + id1 + ")"));
  // report by id, latest and a date prefix: the same report
  const Run r1 = run({"report", id1, "-f", "text"});
  CHECK(r1.code == 0);
  CHECK(run({"report", "latest", "-f", "text"}).out == r1.out);
  CHECK(run({"report", "2026-12-07T05:21", "-f", "text"}).out == r1.out);
  CHECK(run({"report", "previous", "-f", "text"}).out != r1.out);
}

TEST_CASE("without a terminal, lines are answers and the end of input is said plainly", "[take]") {
  TempHome home;
  // `echo 3 | securebase take`: the 3 answers the first statement, it is not the Enter that
  // starts; the end of input says so, with the singular.
  const Run one = run({"take", "--brief"}, "3\n");
  INFO(one.out << one.err);
  CHECK(one.code == 0);
  CHECK_THAT(flat(one.out),
             Catch::Contains("statement 1 of 12 (0 answered): ") &&
                 Catch::Contains("statement 2 of 12 (1 answered): ") &&
                 Catch::Contains("The input ended at statement 2 of 12, before the "
                                 "questionnaire was finished. Your 1 answer is saved on "
                                 "this computer."));
  REQUIRE(fs::exists(home.session()));
  CHECK(read_session(home.session()).answers.at("anx02") == 3);
  CHECK(run({"take", "--fresh"}, "q\n").code == 0);  // leaves at the welcome
  CHECK_FALSE(fs::exists(home.session()));
  // Empty input: nothing is kept, and that is said.
  const Run none = run({"take", "--brief"}, "\n");
  CHECK_THAT(flat(none.out),
             Catch::Contains("The input ended at statement 1 of 12, before the "
                             "questionnaire was finished. No statement was answered "
                             "yet, so nothing was kept."));
  CHECK_FALSE(fs::exists(home.session()));
}

TEST_CASE("going back, Enter keeps the earlier answer, and one skipped statement is singular",
          "[take]") {
  TempHome home;
  // Answer statements 1 and 2 with 5 and 6, go back twice, keep both with Enter, stop.
  const Run r = run({"take", "--brief"}, "\n5\n6\nb\nb\n\n\nq\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK_THAT(flat(r.out),
             Catch::Contains("Your earlier answer: 5 (Enter keeps it).") &&
                 Catch::Contains("Your earlier answer: 6 (Enter keeps it).") &&
                 Catch::Contains("statement 3 of 12 (2 answered)") &&
                 Catch::Contains("Stopped at statement 3 of 12. Your 2 answers are saved"));
  const securebase::Session s = read_session(home.session());
  CHECK(s.position == 2);
  CHECK(s.answers.at("anx02") == 5);
  CHECK(s.answers.at("avo02") == 6);
}

TEST_CASE(
    "a results folder that cannot be written: says where, offers another file, keeps "
    "the session otherwise",
    "[take]") {
  TempHome home;
  // The results folder's place is taken by a file (a read-only folder would not stop root).
  fs::create_directories(home.results().parent_path());
  securebase::write_file_atomic(home.results(), "not a folder");
  const fs::path elsewhere = home.root / "mine.json";
  const Run r =
      run({"take", "--brief"}, "\n" + answers(12) + "y\ny\n" + elsewhere.string() + "\nn\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK_THAT(flat(r.out), Catch::Contains("The result could not be saved in " +
                                          home.results().string() + ": ") &&
                              Catch::Contains("Saved to " + elsewhere.string()) &&
                              Catch::Contains("Write an HTML report?"));
  CHECK(read_result(elsewhere).answered() == 12);
  CHECK_FALSE(fs::exists(home.session()));
  // Declining another place: the report is still offered, and the session is kept.
  const Run kept = run({"take", "--brief"}, "\n" + answers(12) + "y\nn\nn\n");
  INFO(kept.out << kept.err);
  CHECK(kept.code == 0);
  CHECK_THAT(flat(kept.out), Catch::Contains("The result was not saved. Your answers stay in the "
                                             "unfinished session") &&
                                 Catch::Contains("Write an HTML report?"));
  CHECK(fs::exists(home.session()));
}

TEST_CASE("declining to replace a report file offers the next free name", "[take]") {
  TempHome home;
  const fs::path report = home.root / "report.html";
  securebase::write_file_atomic(report, "keep me");
  // save: no; report: yes, at report.html; replace: no; Enter takes report-2.html.
  const Run r =
      run({"take", "--brief"}, "\n" + answers(12) + "n\ny\n" + report.string() + "\nn\n\n");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  const fs::path second = home.root / "report-2.html";
  CHECK_THAT(
      flat(r.out),
      Catch::Contains("Not replaced. Choose another name (Enter: " + second.string() + ").") &&
          Catch::Contains("Report written to " + second.string()));
  CHECK(securebase::read_file(report) == "keep me");
  CHECK(securebase::read_file(second).rfind("<!DOCTYPE html>", 0) == 0);
}

namespace {

// English words that must not appear in Spanish output (issue 23, item 2). Left out: text inside
// single quotes (a command to type, such as 'securebase take --brief'), paths (anything with a
// "/"), and a bibliographic citation's line ("Fuente: ..."), which keeps its own language.
std::vector<std::string> english_words_in(const std::string& all) {
  std::string text;
  std::istringstream lines(all);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Fuente: ", 0) == 0) {
      // the citation, to its blank line
      while (std::getline(lines, line) && !line.empty()) {
      }
      continue;
    }
    std::istringstream tokens(line);
    std::string previous;
    for (std::string t; tokens >> t; previous = t) {
      // an option as typed (--yes, -l) and the command after "securebase" are commands to
      // type, like a quoted one
      if (t.find('/') == std::string::npos && t.front() != '-' && previous != "securebase")
        text += t + " ";
    }
    text += "\n";
  }
  static const std::set<std::string> english = {
      "the",   "and",      "you",     "your",     "of",        "to",         "is",      "are",
      "was",   "answer",   "answers", "answered", "statement", "statements", "press",   "keys",
      "help",  "saved",    "save",    "report",   "thank",     "item",       "skip",    "back",
      "stop",  "continue", "result",  "results",  "yes",       "please",     "enter",   "file",
      "name",  "written",  "welcome", "time",     "more",      "which",      "with",    "this",
      "that",  "for",      "not",     "what",     "where",     "when",       "earlier", "later",
      "trend", "change",   "deleted", "nothing",  "score",     "going",      "left"};
  std::vector<std::string> found;
  std::string word;
  bool quoted = false;
  const auto flush = [&] {
    std::string lower;
    for (char ch : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!quoted && english.count(lower) != 0) found.push_back(word);
    word.clear();
  };
  for (char ch : text) {
    if (ch == '\'') {
      flush();
      quoted = !quoted;
    } else if (std::isalpha(static_cast<unsigned char>(ch)) != 0) {
      word += ch;
    } else {
      flush();
    }
  }
  flush();
  return found;
}

}  // namespace

TEST_CASE("take, history and compare in Spanish say nothing in English", "[take][es]") {
  TempHome home;
  // the scan catches what it should
  CHECK(english_words_in("Press Enter to begin") ==
        std::vector<std::string>{"Press", "Enter", "to"});
  CHECK(english_words_in("Ejecuta 'securebase take --brief' cuando quieras.").empty());
  // A whole session: welcome, 12 answers (one skipped, one changed after going back), help, a
  // bad key, save (s = sí), no report; then a second to compare.
  const std::string session = "\n4\nb\n\n?\nx\ns\n" + answers(10) + "s\nn\n";
  const Run first = run({"take", "--brief", "--lang", "es"}, session);
  INFO(first.out << first.err);
  REQUIRE(first.code == 0);
  CHECK_THAT(first.out, Catch::Contains("afirmación 1 de 12") &&
                            Catch::Contains("Pulsa Intro para empezar") &&
                            Catch::Contains("Ayuda") && Catch::Contains("Guardado como"));
  CHECK(english_words_in(first.out) == std::vector<std::string>{});
  REQUIRE(run({"take", "--brief", "--lang", "es"}, "\n" + answers(12, 3) + "s\nn\n").code == 0);
  // Stopping, resuming and the end of input, in Spanish.
  const Run stopped = run({"take", "--brief", "--lang", "es"}, "\n3\nq\n");
  CHECK(english_words_in(stopped.out) == std::vector<std::string>{});
  const Run resumed = run({"take", "--lang", "es"}, "\n");
  CHECK(english_words_in(resumed.out) == std::vector<std::string>{});
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"history", "--lang", "es"},
        std::vector<std::string>{"compare", "previous", "latest", "--lang", "es"}}) {
    const Run r = run(args);
    INFO(args.front() << ": " << r.out << r.err);
    CHECK(r.code == 0);
    CHECK(english_words_in(r.out) == std::vector<std::string>{});
  }
}

TEST_CASE("errors a person can meet say nothing in English in Spanish", "[take][es][error]") {
  TempHome home;
  // 601: the code and the name as typed stay; the sentence is Spanish
  const Run missing = run({"report", "ninguno", "--lang", "es"});
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::StartsWith("securebase: [securebase.io.601] ninguno: ") &&
                              Catch::Contains("no se encuentra"));
  CHECK(english_words_in(missing.err) == std::vector<std::string>{});
  const Run compared = run({"compare", "-l", "es", "ninguno", "latest"});
  CHECK(compared.code == 2);
  CHECK_THAT(compared.err, Catch::Contains("[securebase.io.601]"));
  CHECK(english_words_in(compared.err) == std::vector<std::string>{});
  // 803: a state folder that cannot be made
  const fs::path blocker = home.root / "a-file";
  std::ofstream(blocker) << "x";
  ::setenv("XDG_STATE_HOME", blocker.c_str(), 1);
  const Run state = run({"take", "--lang=es"}, "q\n");
  ::setenv("XDG_STATE_HOME", (home.root / "state").c_str(), 1);
  CHECK(state.code == 2);
  CHECK_THAT(state.err, Catch::Contains("[securebase.session.803]") &&
                            Catch::Contains("no se pudo crear esta carpeta"));
  CHECK(english_words_in(state.err) == std::vector<std::string>{});
  // usage mistakes, the bad --lang among them, with LANG deciding
  ::setenv("LANG", "es_ES.UTF-8", 1);
  const Run bad_lang = run({"history", "--lang", "fr"});
  const Run bad_option = run({"take", "--no-such-option"});
  ::unsetenv("LANG");
  CHECK(bad_lang.code == 1);
  CHECK_THAT(bad_lang.err, Catch::Contains("--lang admite en (inglés) o es (español)"));
  CHECK(bad_option.code == 1);
  CHECK_THAT(bad_option.err, Catch::Contains("Ejecuta 'securebase take --help'"));
  for (const Run& r : {bad_lang, bad_option})
    CHECK(english_words_in(r.err) == std::vector<std::string>{});
  // a results folder that cannot be written, met inside take: the reason by code too
  fs::create_directories(home.results().parent_path());
  securebase::write_file_atomic(home.results(), "no es una carpeta");
  const Run unsaved = run({"take", "--brief", "--lang", "es"}, "\n" + answers(12) + "s\nn\nn\n");
  INFO(unsaved.out);
  CHECK(unsaved.code == 0);
  CHECK_THAT(flat(unsaved.out),
             Catch::Contains("El resultado no se pudo guardar en " + home.results().string()));
  CHECK(english_words_in(unsaved.out) == std::vector<std::string>{});
  // English stays the library's own sentence
  const Run english = run({"report", "no-such-result", "--lang", "en"});
  CHECK_THAT(english.err, Catch::Contains("is neither a file nor a saved result"));
}

TEST_CASE("--help of take, history, compare and report is Spanish in Spanish", "[take][es][help]") {
  TempHome home;
  for (const char* command : {"take", "history", "compare", "report"}) {
    const Run es = run({command, "--help", "--lang", "es"});
    INFO(command << ": " << es.out);
    CHECK(es.code == 0);
    CHECK_THAT(es.out, Catch::StartsWith(std::string("Uso: securebase ") + command) &&
                           Catch::Contains("Opciones:") && Catch::Contains("muestra esta ayuda") &&
                           Catch::Contains("Códigos de salida:"));
    CHECK(english_words_in(es.out) == std::vector<std::string>{});
    // LANG decides without --lang; English stays English
    ::setenv("LANG", "es_ES.UTF-8", 1);
    const Run from_env = run({command, "-h"});
    ::unsetenv("LANG");
    CHECK(from_env.out == es.out);
    const Run en = run({command, "--help", "--lang", "en"});
    CHECK_THAT(en.out, Catch::StartsWith(std::string("Usage: securebase ") + command) &&
                           Catch::Contains("show this help") && Catch::Contains("Exit codes:"));
  }
}

TEST_CASE("without --lang, the language follows LC_ALL, LC_MESSAGES or LANG", "[take][es]") {
  TempHome home;
  ::setenv("LANG", "es_ES.UTF-8", 1);
  const Run es = run({"take", "--brief"}, "q\n");
  ::setenv("LC_MESSAGES", "en_GB.UTF-8", 1);  // more specific than LANG
  const Run en = run({"take", "--brief"}, "q\n");
  ::setenv("LC_ALL", "fr_FR.UTF-8", 1);  // decides, and securebase has no French: English
  const Run fr = run({"take", "--brief"}, "q\n");
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::unsetenv("LANG");
  CHECK_THAT(es.out, Catch::Contains("Pulsa Intro para empezar"));
  CHECK_THAT(en.out, Catch::Contains("Press Enter to begin"));
  CHECK_THAT(fr.out, Catch::Contains("Press Enter to begin"));
  // --lang wins over the environment
  ::setenv("LANG", "es_ES.UTF-8", 1);
  const Run forced = run({"take", "--brief", "--lang", "en"}, "q\n");
  ::unsetenv("LANG");
  CHECK_THAT(forced.out, Catch::Contains("Press Enter to begin"));
}
