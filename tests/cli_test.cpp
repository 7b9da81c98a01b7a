// Tests of the securebase command line, run in-process through cli::run.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "app.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/item_text.hpp"
#include "securebase/io/file.hpp"
#include "securebase/io/instrument_json.hpp"
#include "securebase/io/item_text_json.hpp"
#include "securebase/version.hpp"
#include "support/near.hpp"
#include "support/paths.hpp"

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

const std::string data_dir = SECUREBASE_TEST_DATA;
const std::string source_dir = SECUREBASE_SOURCE_DIR;

}  // namespace

TEST_CASE("the version option prints the project version", "[cli]") {
  const Run r = run({"--version"});
  CHECK(r.code == 0);
  // source: project(securebase VERSION ...) in CMakeLists.txt, via the generated version.hpp
  CHECK(r.out == std::string("securebase ") + SECUREBASE_VERSION_STRING + "\n");
  CHECK(r.err.empty());
}

TEST_CASE("help lists commands and exit codes, and no command is a usage error", "[cli]") {
  const Run help = run({"--help"});
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("instruments") && Catch::Contains("score") &&
                           Catch::Contains("Exit codes:") && Catch::Contains("nothing is sent"));
  const Run none = run({});
  CHECK(none.code == 1);
  CHECK_THAT(none.err, Catch::Contains("Usage: securebase"));
  for (const char* cmd : {"score", "instruments"}) {
    const Run sub = run({cmd, "--help"});
    INFO(cmd);
    CHECK(sub.code == 0);
    CHECK_THAT(sub.out, Catch::Contains("Usage:") && Catch::Contains("Exit codes:"));
  }
  for (const char* sub : {"list", "show", "validate"}) {
    INFO(sub);
    CHECK(run({"instruments", sub, "--help"}).code == 0);
  }
}

TEST_CASE("unknown commands and options are usage errors naming the culprit", "[cli]") {
  const Run r = run({"frobnicate"});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "securebase error: unknown command 'frobnicate'; commands: take, history, compare, report, "
        "score, batch, stats, columns, instruments, web\n"
        "Run 'securebase --help' for usage.\n");
  const Run sub = run({"instruments", "delete"});
  CHECK(sub.code == 1);
  CHECK_THAT(sub.err,
             Catch::StartsWith("securebase instruments error: unknown subcommand 'delete'"));
  const Run opt = run({"score", "--colour", "red"});
  CHECK(opt.code == 1);
  CHECK_THAT(opt.err, Catch::Contains("--colour") && Catch::Contains("securebase score --help"));
  const Run fmt = run({"instruments", "list", "--format", "yaml"});
  CHECK(fmt.code == 1);
  CHECK(fmt.err ==
        "securebase instruments list error: option '--format' is 'yaml', but must be one of: text, "
        "json\nRun 'securebase instruments list --help' for usage.\n");
  const Run method = run({"score", "-i", "ecr-r", "-a", "-", "--method", "median"});
  CHECK(method.code == 1);
  CHECK_THAT(method.err,
             Catch::Contains("option '--method' is 'median', but must be one of: mean, sum"));
  const Run noinst = run({"score", "--answers", "-"});
  CHECK(noinst.code == 1);
  CHECK_THAT(noinst.err, Catch::Contains("option '--instrument' is required"));
  const Run noans = run({"score", "--instrument", "ecr-r"});
  CHECK(noans.code == 1);
  CHECK_THAT(noans.err, Catch::Contains("option '--answers' is required"));
  CHECK(run({"instruments", "show"}).code == 1);
  CHECK(run({"instruments", "validate"}).code == 1);
  CHECK(run({"instruments"}).code == 1);
}

TEST_CASE("instruments list shows every embedded instrument", "[cli]") {
  const Run text = run({"instruments", "list"});
  CHECK(text.code == 0);
  CHECK_THAT(text.out, Catch::Contains("ecr-r") && Catch::Contains("ecr-5") &&
                           Catch::Contains("Experiences in Close Relationships"));
  const Run js = run({"instruments", "list", "--format", "json"});
  REQUIRE(js.code == 0);
  const auto j = nlohmann::json::parse(js.out);
  // sorted by id: ecr, ecr-12, ecr-5, ecr-r, ecr-rs, ecr-s, raas, rq, rsq, securebase-brief,
  // securebase-core
  REQUIRE(j.size() == 11);
  CHECK(j[0]["id"] == "ecr");
  CHECK(j[3]["id"] == "ecr-r");
  CHECK(j[3]["items"] == 36);
  CHECK(j[2]["id"] == "ecr-5");
  CHECK(j[2]["norm_sets"][0] == "osp-2018");
  CHECK(j[4]["id"] == "ecr-rs");
  CHECK(j[4]["items"] == 36);  // source: ../shared/reference/instruments.md section 4
  CHECK(j[7]["id"] == "rq");
  CHECK(j[7]["items"] == 4);  // source: ../shared/reference/instruments.md section 5
  CHECK(j[8]["id"] == "rsq");
  CHECK(j[8]["items"] == 30);  // source: ../shared/reference/instruments.md section 6
  CHECK(j[6]["norm_sets"] == nlohmann::json({"ledley-2006-men", "ledley-2006-women"}));
}

TEST_CASE("instruments show prints the key, as text and as JSON", "[cli]") {
  const Run text = run({"instruments", "show", "ecr-r"});
  CHECK(text.code == 0);
  // source: ../shared/reference/instruments.md section 1 (Fraley order key)
  CHECK_THAT(text.out, Catch::Contains("reversed (8 - answer): 9, 11\n") &&
                           Catch::Contains("reversed (8 - answer): 20, 22, 26, 27, 28, 29, 30, 31, "
                                           "33, 34, 35, 36\n") &&
                           Catch::Contains("at least 15 of 18 items answered"));
  const Run js = run({"instruments", "show", "ecr", "--format", "json"});
  REQUIRE(js.code == 0);
  const auto j = nlohmann::json::parse(js.out);
  // source: ../shared/reference/instruments.md section 2 (Brennan order key)
  CHECK(j["scales"][1]["id"] == "avoidance");
  CHECK(j["scales"][1]["reversed"] == nlohmann::json({3, 15, 19, 25, 27, 29, 31, 33, 35}));
  CHECK(j["scales"][0]["reversed"] == nlohmann::json({22}));
  CHECK(j["key_fingerprint"].get<std::string>().size() == 64);
  const Run file = run({"instruments", "show", source_dir + "/instruments/ecr-r.json"});
  CHECK(file.code == 0);
  CHECK_THAT(file.out, Catch::Contains("source: " + source_dir + "/instruments/ecr-r.json"));
  const Run unknown = run({"instruments", "show", "ecr-x"});
  CHECK(unknown.code == 2);
  CHECK(
      unknown.err ==
      "securebase: [securebase.instrument.107] ecr-x: is neither an embedded instrument id nor an "
      "existing file; embedded instruments: ecr, ecr-12, ecr-5, ecr-r, ecr-rs, ecr-s, raas, rq, "
      "rsq, "
      "securebase-brief, securebase-core\n");
}

TEST_CASE("instruments validate reports each file", "[cli]") {
  const std::string good = source_dir + "/instruments/ecr.json";
  const std::string bad = data_dir + "/cli/bad-instrument.json";
  const Run ok = run({"instruments", "validate", good});
  CHECK(ok.code == 0);
  CHECK_THAT(ok.out,
             Catch::StartsWith("ok: " + good + " (ecr 1.0.0, 36 items, 2 scales, key sha256:"));
  const Run both = run({"instruments", "validate", good, bad});
  CHECK(both.code == 2);
  CHECK_THAT(both.out, Catch::StartsWith("ok: " + good));
  CHECK(both.err == "invalid: " + bad + "\n[securebase.instrument.104] " + bad +
                        ": /response_scale/min: min is 5, but must be less than max (5)\n");
  const Run missing = run({"instruments", "validate", data_dir + "/cli/no-such-file.json"});
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::Contains("[securebase.io.601]") &&
                              Catch::Contains("cannot be opened for reading"));
}

TEST_CASE("score reads answers from stdin and prints a readable summary", "[cli]") {
  // All 36 ECR-R items answered 4 (the midpoint): every score is 4 whatever the keying.
  std::string answers;
  for (int i = 1; i <= 36; ++i) answers += std::to_string(i) + "=4\n";
  const Run r = run({"score", "--instrument", "ecr-r", "--answers", "-"}, answers);
  CHECK(r.code == 0);
  // source: hand computation, mean of 18 answers of 4 (reversed: 8 - 4 = 4) = 4
  CHECK_THAT(r.out, Catch::Contains("You answered 36 of 36 statements") &&
                        Catch::Contains("Your score is 4.00") &&
                        Catch::Contains("It is not a diagnosis") && Catch::Contains("in crisis"));
  // the disclaimer and help come before the first score
  CHECK(r.out.find("not a diagnosis") < r.out.find("Your score is"));
  CHECK(r.out.find("988") < r.out.find("Your score is"));
}

TEST_CASE("score --format json writes a result document", "[cli]") {
  const Run r = run({"score", "-i", "ecr-5", "-a", "-", "--norms", "osp-2018", "--format", "json"},
                    R"({"1": 3, "2": 3, "3": 3, "4": 3, "5": 3, "6": 3, "7": 3, "8": 3, "9": 3,
                        "10": 3, "11": 3, "12": 3, "13": 3, "14": 3, "15": 3, "16": 3, "17": 3,
                        "18": 3, "19": 3, "20": 3, "21": 3, "22": 3, "23": 3, "24": 3, "25": 3,
                        "26": 3, "27": 3, "28": 3, "29": 3, "30": 3, "31": 3, "32": 3, "33": 3,
                        "34": 3, "35": 3, "36": 3})");
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema"] == "securebase-result");
  CHECK(j["instrument"]["id"] == "ecr-5");
  CHECK(j["norm_set"] == "osp-2018");
  // source: hand computation: all answers 3 on 1-5, reversed 6 - 3 = 3, mean 3;
  // z = (3 - 3.10) / 0.80 = -0.125 (osp-2018 anxiety, ../shared/reference/instruments.md 9a)
  CHECK(j["scales"][0]["value"] == 3.0);
  CHECK_THAT(j["scales"][0]["norm"]["z"].get<double>(), securebase::test::near(-0.125));
}

TEST_CASE("score reports invalid answers and files with exit code 2", "[cli]") {
  const Run range = run({"score", "-i", "ecr-r", "-a", "-"}, "1=9");
  CHECK(range.code == 2);
  CHECK(range.err ==
        "securebase: [securebase.answers.203] <stdin>:1:1: item \"i01\": answer is 9, but must be "
        "a whole number from 1 to 7 (or missing)\n");
  const Run file = run({"score", "-i", "ecr-r", "-a", data_dir + "/cli/absent.txt"});
  CHECK(file.code == 2);
  CHECK_THAT(file.err, Catch::StartsWith("securebase: [securebase.io.601] " + data_dir +
                                         "/cli/absent.txt: cannot be opened for reading"));
  const Run norms = run({"score", "-i", "ecr-r", "-a", "-", "--norms", "x"}, "1=1");
  CHECK(norms.code == 2);
  CHECK(norms.err ==
        "securebase: [securebase.norms.301] ecr-r: norm set \"x\" does not exist; this instrument "
        "has no norm sets\n");
}

TEST_CASE("the example answers file scores", "[cli]") {
  const Run r = run({"score", "-i", "ecr-r", "-a",
                     source_dir + "/examples/answers/ecr-r-example.txt", "--width", "200"});
  CHECK(r.code == 0);
  // source: hand computation from examples/answers/ecr-r-example.txt: anxiety items 1-18 without
  // 14, with 9 and 11 reversed: (3+4+2+5+3+4+2+3+3+4+2+3+2+4+3+2+3) / 17 = 52 / 17 = 3.0588
  CHECK_THAT(r.out, Catch::Contains("Your score is 3.06 on a scale that runs from 1 to 7 (the "
                                    "mean of your answers to 17 of its 18 statements)"));
}

TEST_CASE("score names percentiles past the norm table as bounds", "[cli]") {
  std::string answers;
  for (int i = 1; i <= 36; ++i) answers += std::to_string(i) + "=1 ";
  const Run r = run({"score", "-i", "ecr-5", "-a", "-", "-n", "osp-2018", "-w", "200"}, answers);
  REQUIRE(r.code == 0);
  // source: all answers 1 on 1-5; anxiety = (17 * 1 + (6 - 1)) / 18 = 22 / 18 = 1.22, below the
  // osp-2018 table's first point (P5 = 1.72, ../shared/reference/instruments.md 9a)
  CHECK_THAT(r.out, Catch::Contains("Your score is 1.22") &&
                        Catch::Contains("at or below the lowest point its table gives: no more "
                                        "than about 5% of that sample"));
}

TEST_CASE("instruments template writes a text skeleton that loads back", "[cli]") {
  const Run r = run({"instruments", "template", "ecr-r", "--lang", "de"});
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["instrument"] == "ecr-r");
  CHECK(j["language"] == "de");
  CHECK(j["items"].size() == 36);  // source: ECR-R has 36 items
  CHECK(j["items"]["i21"] == "");
  // source: ../shared/reference/instruments.md section 1: item 21 is NOT reversed, 20 is
  CHECK(j["constructs"]["i21"] == "item 21: avoidance");
  CHECK(j["constructs"]["i20"] == "item 20: avoidance (reversed)");
  const auto ins = securebase::load_embedded_instrument("ecr-r");
  CHECK(securebase::parse_instrument_text(r.out, "t.json", ins).items.empty());
  CHECK(run({"instruments", "template"}).code == 1);
  CHECK(run({"instruments", "template", "nope"}).code == 2);
}

TEST_CASE("instruments list shows version, text languages and licence", "[cli]") {
  const Run r = run({"instruments", "list"});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("ID                VERSION  ITEMS  RANGE  NORMS  TEXT       "
                                      "TITLE\n") &&
                        Catch::Contains("    licence: ") &&
                        Catch::Contains("TEXT 'supply': no wording ships with securebase"));
  const auto j = nlohmann::json::parse(run({"instruments", "list", "--format", "json"}).out);
  for (const auto& ins : j) {
    INFO(ins["id"]);
    CHECK(ins.contains("languages"));
    CHECK_FALSE(ins["licence"].get<std::string>().empty());
  }
}

namespace {

// A result document of securebase-core with every item answered `value` (keyed or reversed).
std::string core_result(int value) {
  std::string answers;
  for (int i = 1; i <= 36; ++i) answers += std::to_string(i) + "=" + std::to_string(value) + " ";
  const Run r = run({"score", "-i", "securebase-core", "-a", "-", "-f", "json"}, answers);
  REQUIRE(r.code == 0);
  return r.out;
}

// Writes `text` to a fresh file in the temporary directory and returns its path.
std::string temp_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("securebase-cli-test-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace

TEST_CASE("score --format json carries the profile and the feedback blocks", "[cli]") {
  const auto j = nlohmann::json::parse(core_result(4));
  // source: every answer 4 on 1-7: all scores 4, on both boundaries (midpoint 4)
  CHECK(j["profile"]["plane"]["anxiety"]["score"] == 4.0);
  CHECK(j["profile"]["plane"]["near_line"] == true);
  CHECK(j["profile"]["plane"]["region_probabilities"]["secure"] == 0.25);
  CHECK(j["feedback"]["blocks"][0]["id"] == "disclaimer");
  CHECK(j["feedback"]["blocks"][1]["id"] == "help");
  CHECK(j["feedback"]["language"] == "en");
}

TEST_CASE("score --format html writes one self-contained page, -o writes it whole", "[cli]") {
  std::string answers;
  for (int i = 1; i <= 36; ++i) answers += std::to_string(i) + "=5 ";
  const Run r = run({"score", "-i", "securebase-core", "-a", "-", "-f", "html"}, answers);
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(r.out.find("<script") == std::string::npos);
  const std::string path = temp_file("out.html", "old");
  const Run w =
      run({"score", "-i", "securebase-core", "-a", "-", "-f", "html", "-o", path}, answers);
  CHECK(w.code == 0);
  CHECK(w.out.empty());
  CHECK(securebase::read_file(path) == r.out);
  std::filesystem::remove(path);
}

TEST_CASE("score --lang picks the feedback language, an unknown one is error 504", "[cli]") {
  const Run bad = run({"score", "-i", "ecr-r", "-a", "-", "--lang", "xx"}, "1=4");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("[securebase.text.504] --lang xx: there is no feedback "
                                      "text in \"xx\""));
}

TEST_CASE("report renders a saved result as HTML, text or JSON", "[cli]") {
  const std::string result = temp_file("r.json", core_result(5));
  const Run html = run({"report", result});
  CHECK(html.code == 0);
  CHECK(html.out.rfind("<!DOCTYPE html>", 0) == 0);
  const Run text = run({"report", result, "-f", "text", "--lang", "en"});
  CHECK(text.code == 0);
  CHECK_THAT(text.out, Catch::StartsWith("Before you read"));
  const Run json = run({"report", result, "-f", "json"});
  CHECK(nlohmann::json::parse(json.out)["feedback"]["blocks"].size() >= 8);
  const std::string out = temp_file("report.html", "");
  std::filesystem::remove(out);
  CHECK(run({"report", result, "-o", out}).code == 0);
  CHECK(securebase::read_file(out) == html.out);
  std::filesystem::remove(out);
  std::filesystem::remove(result);
}

TEST_CASE("report: a missing file, no file and a foreign key are errors", "[cli]") {
  CHECK(run({"report"}).code == 1);
  const Run missing = run({"report", data_dir + "/no-such-result.json"});
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::Contains("[securebase.io.601]"));
  auto doc = nlohmann::json::parse(core_result(5));
  doc["instrument"]["key_fingerprint"] = std::string(64, '0');
  const std::string forged = temp_file("forged.json", doc.dump());
  const Run r = run({"report", forged});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("[securebase.result.404] " + forged +
                                    ": was scored with securebase-core (key "
                                    "sha256:000000000000...), but embedded:securebase-core has "
                                    "key sha256:"));
  std::filesystem::remove(forged);
}

TEST_CASE("compare reports reliable change, and refuses results on different keys", "[cli]") {
  const std::string a = temp_file("a.json", core_result(2));
  const std::string b = temp_file("b.json", core_result(6));
  const Run r = run({"compare", a, b, "--ascii"});
  REQUIRE(r.code == 0);
  // files carry no completion date: said so, and the order given is kept
  CHECK_THAT(r.out, Catch::StartsWith("Earlier result  " + a +
                                      "\n                date not recorded\n"
                                      "Later result    " +
                                      b +
                                      "\n                date not recorded\n"
                                      "\nSince last time"));
  // every answer 2, then 6: anxiety = (8 x 2 + 4 x 6) / 12 = 3.33 then (8 x 6 + 4 x 2) / 12 = 4.67
  CHECK_THAT(r.out, Catch::Contains("Attachment anxiety: from 3.33 to 4.67, a rise of 1.33."));
  const Run full = run({"compare", a, b, "--full"});
  CHECK_THAT(full.out, Catch::Contains("\n\nBefore you read"));
  CHECK_THAT(full.out, Catch::Contains("Since last time"));
  // the same file twice is a usage error that says so; a copy is compared, with a notice
  const Run same = run({"compare", a, a});
  CHECK(same.code == 1);
  CHECK_THAT(same.err, Catch::Contains("are the same result"));
  const std::string a2 = temp_file("a2.json", core_result(2));
  const Run copy = run({"compare", a, a2, "--ascii"});
  CHECK(copy.code == 0);
  CHECK_THAT(copy.out, Catch::Contains("These two results have exactly the same answers"));
  CHECK_THAT(copy.out, Catch::Contains("Attachment anxiety: from 3.33 to 3.33."));
  std::filesystem::remove(a2);
  // the positional results are not shown as an option
  const Run help = run({"compare", "--help"});
  CHECK_THAT(help.out, !Catch::Contains("--files") && !Catch::Contains("--result"));
  CHECK_THAT(run({"report", "--help"}).out, !Catch::Contains("--result"));
  // result files that record when they were completed are dated and put in time order
  auto early = nlohmann::json::parse(core_result(2));
  auto late = nlohmann::json::parse(core_result(6));
  early["administration"] = {
      {"seed", nullptr}, {"order", nlohmann::json::array()}, {"completed", "2026-03-01T10:00:00Z"}};
  late["administration"] = {
      {"seed", nullptr}, {"order", nlohmann::json::array()}, {"completed", "2026-12-07T05:20:47Z"}};
  const std::string e = temp_file("early.json", early.dump());
  const std::string l = temp_file("late.json", late.dump());
  const Run dated = run({"compare", l, e, "--ascii"});
  INFO(dated.out << dated.err);
  CHECK_THAT(dated.out,
             Catch::StartsWith("'" + l + "' is the newer of the two") &&
                 Catch::Contains("Earlier result  " + e +
                                 "\n                completed 2026-03-01 10:00:00 UTC") &&
                 Catch::Contains("Attachment anxiety: from 3.33 to 4.67"));
  std::filesystem::remove(e);
  std::filesystem::remove(l);
  std::string ecr;
  for (int i = 1; i <= 36; ++i) ecr += std::to_string(i) + "=4 ";
  const std::string c =
      temp_file("c.json", run({"score", "-i", "ecr-r", "-a", "-", "-f", "json"}, ecr).out);
  const Run bad = run({"compare", a, c});
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("[securebase.result.404] " + c + ": scored with ecr-r"));
  CHECK(run({"compare", a}).code == 1);
  for (const auto& p : {a, b, c}) std::filesystem::remove(p);
}
