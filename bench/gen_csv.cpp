// Writes a synthetic research CSV for batch benchmarks: a header "id,<prefix>1,...,<prefix>k",
// then one row per respondent with an id and the answers to every item of an instrument
// (default ECR-R: 36 items, 1-7), reproducibly from a seed.
//
// The answers have a realistic structure: each respondent has one latent level per scale
// (standard normal; every two scales correlate 0.3), and an item's answer is
//   round(mid + half_range / 3 * (1.3 * sign * level + 1.1 * noise)),  clamped to the scale,
// with sign -1 for reverse-keyed items and noise standard normal (approximated by a sum of four
// uniforms). A cell is left blank with probability --blank (default 0.01).
//
// --shape export writes what a real public export looks like instead (issue 24): no id, items
// Q1..Q36 of ECR-5 (1-5) where 0 means "no answer" (each cell with probability 0.0029, so that
// about a tenth of rows hold at least one 0: 1 - (1 - 0.0029)^36 = 0.10), then the columns age
// (18-80), gender (1-3) and a two-letter country.
//
// --shape qualtrics writes a Qualtrics CSV export: three header rows (column names, question
// texts, ImportId objects), ten metadata columns (dates, status, progress, duration, response
// id, ...), ECR-R's 36 items as Q1_1..Q1_36 answered with text labels (Qualtrics' own wording of
// the 7-point agreement scale, so scoring needs --recode; a cell is blank, unanswered, with
// probability 0.01), a free-text column Q2 (about a third of respondents write something; the
// texts hold commas, doubled quotes and line breaks) and an age column Q3.
//
//   gen_csv [--rows N] [--seed S] [--instrument ID] [--prefix P] [--blank F]
//           [--shape synthetic|export|qualtrics] [-o FILE]
// Writes to stdout without -o. Prints rows, bytes and speed on stderr.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/io/instrument_json.hpp"
#include "securebase/securebase.hpp"

namespace {

// xoshiro256** (Blackman and Vigna), seeded through splitmix64: fast and reproducible.
class Random {
 public:
  explicit Random(std::uint64_t seed) {
    for (std::uint64_t& s : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4] = {};
};

// An approximately standard normal number from the low 48 bits of one draw: the sum of four
// 12-bit uniforms, centred and scaled to unit variance (Irwin-Hall, n = 4).
double normal_from(std::uint64_t bits) {
  const auto a = static_cast<double>(bits & 0xfff);
  const auto b = static_cast<double>((bits >> 12) & 0xfff);
  const auto c = static_cast<double>((bits >> 24) & 0xfff);
  const auto d = static_cast<double>((bits >> 36) & 0xfff);
  constexpr double mean = 4 * 4095.0 / 2;
  const double sd = std::sqrt(4 * (4096.0 * 4096.0 - 1) / 12);
  return (a + b + c + d - mean) / sd;
}

struct Options {
  std::uint64_t rows = 1'000'000;
  std::uint64_t seed = 20261128;
  std::string instrument = "ecr-r";
  std::string prefix = "ECR_";
  double blank = 0.01;
  bool exported = false;   // --shape export
  bool qualtrics = false;  // --shape qualtrics
  std::string output;      // empty: stdout
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr,
               "gen_csv: %s\nusage: gen_csv [--rows N] [--seed S] [--instrument ID] "
               "[--prefix P] [--blank F] [--shape synthetic|export|qualtrics] [-o FILE]\n",
               problem);
  std::exit(1);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) usage("every option needs a value");
    const char* value = argv[++i];
    if (arg == "--rows") {
      o.rows = std::strtoull(value, nullptr, 10);
    } else if (arg == "--seed") {
      o.seed = std::strtoull(value, nullptr, 10);
    } else if (arg == "--instrument") {
      o.instrument = value;
    } else if (arg == "--prefix") {
      o.prefix = value;
    } else if (arg == "--blank") {
      o.blank = std::strtod(value, nullptr);
      if (!(o.blank >= 0 && o.blank <= 1)) usage("--blank must be between 0 and 1");
    } else if (arg == "--shape") {
      const std::string_view shape = value;
      if (shape != "synthetic" && shape != "export" && shape != "qualtrics")
        usage("--shape must be synthetic, export or qualtrics");
      o.exported = shape == "export";
      o.qualtrics = shape == "qualtrics";
      if (o.qualtrics) {
        o.instrument = "ecr-r";
        o.prefix = "Q1_";
        o.blank = 0.01;
      }
      if (o.exported) {
        o.instrument = "ecr-5";
        o.prefix = "Q";
        o.blank = 0.0029;
      }
    } else if (arg == "-o" || arg == "--output") {
      o.output = value;
    } else {
      usage("unknown option");
    }
  }
  return o;
}

// What the generator needs to know of each item.
struct ItemModel {
  std::size_t scale = 0;  // latent level it follows (its first key's scale)
  double sign = 0;        // +1, -1 (reverse-keyed) or 0 (unscored: noise only)
};

// Qualtrics' labels of a 7-point agreement scale, 1 to 7 (bench/compare_export.sh passes them
// to --recode and to R).
constexpr const char* qualtrics_labels[] = {
    "Disagree strongly", "Disagree", "Disagree somewhat", "Neutral/mixed",
    "Agree somewhat",    "Agree",    "Agree strongly"};

// Free-text answers (our own words): commas, doubled quotes and a line break, as CSV fields.
constexpr const char* qualtrics_texts[] = {
    "\"Some of these were hard to answer, honestly.\"",
    "\"I thought of my partner, then of my family; it changed a few answers.\"",
    "\"Fine.\"",
    "\"Two things:\nthe scale felt long, and I was tired.\"",
    "\"My \"\"ex\"\" came to mind more than I expected, which surprised me.\"",
    "\"No comment\""};

// The three header rows of the Qualtrics shape.
std::string qualtrics_header(const securebase::Instrument& ins, const std::string& prefix) {
  const char* meta[] = {"StartDate",
                        "EndDate",
                        "Status",
                        "Progress",
                        "Duration (in seconds)",
                        "Finished",
                        "RecordedDate",
                        "ResponseId",
                        "DistributionChannel",
                        "UserLanguage"};
  std::string names;
  std::string texts;
  std::string ids;
  for (const char* m : meta) {
    names += std::string(names.empty() ? "" : ",") + (std::strchr(m, ' ') ? "\"" : "") + m +
             (std::strchr(m, ' ') ? "\"" : "");
    texts += std::string(texts.empty() ? "" : ",") + m;
    ids += std::string(ids.empty() ? "" : ",") + "\"{\"\"ImportId\"\":\"\"" + m + "\"\"}\"";
  }
  for (const securebase::Item& item : ins.items()) {
    const std::string n = std::to_string(item.number);
    names += "," + prefix + n;
    texts += ",\"Close relationships, statement " + n + " of " +
             std::to_string(ins.items().size()) + "\"";
    ids += ",\"{\"\"ImportId\"\":\"\"QID1_" + n + "\"\"}\"";
  }
  names += ",Q2,Q3\n";
  texts += ",\"Anything else you want to tell us, in your own words?\",How old are you?\n";
  ids += ",\"{\"\"ImportId\"\":\"\"QID2_TEXT\"\"}\",\"{\"\"ImportId\"\":\"\"QID3_TEXT\"\"}\"\n";
  return names + texts + ids;
}

// The ten metadata cells of a Qualtrics row (ends with the delimiter before the items).
char* qualtrics_meta(char* p, std::uint64_t row, std::uint64_t bits) {
  const unsigned minute = static_cast<unsigned>(bits % 50);
  const unsigned duration = 120 + static_cast<unsigned>((bits >> 8) % 900);
  char text[160];
  const int n = std::snprintf(
      text, sizeof text,
      "2026-11-%02u 09:%02u:07,2026-11-%02u 09:%02u:%02u,IP Address,100,%u,True,2026-11-%02u "
      "09:%02u:%02u,R_%015llx,anonymous,EN,",
      static_cast<unsigned>(1 + row % 28), minute, static_cast<unsigned>(1 + row % 28),
      minute + duration / 60, duration % 60, duration, static_cast<unsigned>(1 + row % 28),
      minute + duration / 60, (duration + 1) % 60,
      static_cast<unsigned long long>((bits >> 4) & 0xfffffffffffffULL));
  std::memcpy(p, text, static_cast<std::size_t>(n));
  return p + n;
}

// The free-text and age cells that end a Qualtrics row (after the last item, no delimiter).
char* qualtrics_tail(char* p, std::uint64_t bits) {
  *p++ = ',';
  if (bits % 3 == 0) {
    const char* t = qualtrics_texts[(bits >> 4) % std::size(qualtrics_texts)];
    const std::size_t n = std::strlen(t);
    std::memcpy(p, t, n);
    p += n;
  }
  *p++ = ',';
  return std::to_chars(p, p + 4, 18 + (bits >> 12) % 63).ptr;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  const securebase::Instrument ins = securebase::load_instrument(opt.instrument);
  const int lo = ins.response_scale().min;
  const int hi = ins.response_scale().max;
  const double mid = (lo + hi) / 2.0;
  const double unit = (hi - lo) / 6.0;
  std::vector<ItemModel> model;
  for (const securebase::Item& item : ins.items()) {
    ItemModel m;
    if (!item.keys.empty()) {
      m.scale = item.keys.front().scale;
      m.sign = item.keys.front().reversed ? -1 : 1;
    }
    model.push_back(m);
  }
  const std::size_t n_scales = std::max<std::size_t>(ins.scales().size(), 1);
  // 16-bit threshold for a blank cell, compared with bits the noise does not use.
  const auto blank_below = static_cast<std::uint64_t>(std::llround(opt.blank * 65536.0));

  std::FILE* out = opt.output.empty() ? stdout : std::fopen(opt.output.c_str(), "wb");
  if (out == nullptr) {
    std::perror(opt.output.c_str());
    return 1;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<char> buffer(1 << 20);
  std::size_t used = 0;
  std::uint64_t bytes = 0;
  const auto flush = [&] {
    if (std::fwrite(buffer.data(), 1, used, out) != used) {
      std::perror("gen_csv: write");
      std::exit(1);
    }
    bytes += used;
    used = 0;
  };
  std::string header = opt.exported ? "" : "id";
  for (const securebase::Item& item : ins.items()) {
    if (!header.empty()) header += ",";
    header += opt.prefix + std::to_string(item.number);
  }
  header += opt.exported ? ",age,gender,country\n" : "\n";
  if (opt.qualtrics) header = qualtrics_header(ins, opt.prefix);
  std::memcpy(buffer.data(), header.data(), header.size());
  used = header.size();

  Random rng(opt.seed);
  std::vector<double> level(n_scales);
  const double shared = std::sqrt(0.3);
  const double own = std::sqrt(0.7);
  const std::size_t max_row = 400 + model.size() * 20;
  for (std::uint64_t row = 1; row <= opt.rows; ++row) {
    if (buffer.size() - used < max_row) flush();
    char* p = buffer.data() + used;
    if (opt.qualtrics) {
      p = qualtrics_meta(p, row, rng.next());
    } else if (!opt.exported) {
      p = std::to_chars(p, p + 24, row).ptr;
    }
    const double common = normal_from(rng.next());
    for (double& l : level) l = shared * common + own * normal_from(rng.next());
    bool first = true;
    for (const ItemModel& m : model) {
      const std::uint64_t bits = rng.next();
      if ((!opt.exported && !opt.qualtrics) || !first) *p++ = ',';
      first = false;
      if ((bits >> 48) < blank_below) {
        if (opt.exported) *p++ = '0';  // the export's "no answer" code
        continue;
      }
      const double raw = mid + unit * (1.3 * m.sign * level[m.scale] + 1.1 * normal_from(bits));
      // clamp, then round half up from the bottom of the scale (raw - lo >= 0 after clamping)
      const double clamped = std::clamp(raw, static_cast<double>(lo), static_cast<double>(hi));
      const int answer = lo + static_cast<int>(clamped - lo + 0.5);
      if (opt.qualtrics) {
        const char* label = qualtrics_labels[answer - 1];
        const std::size_t n = std::strlen(label);
        std::memcpy(p, label, n);
        p += n;
      } else if (answer >= 0 && answer <= 9) {
        *p++ = static_cast<char>('0' + answer);
      } else {
        p = std::to_chars(p, p + 11, answer).ptr;
      }
    }
    if (opt.exported) {
      const std::uint64_t bits = rng.next();
      *p++ = ',';
      p = std::to_chars(p, p + 4, 18 + bits % 63).ptr;
      *p++ = ',';
      *p++ = static_cast<char>('1' + (bits >> 8) % 3);
      *p++ = ',';
      *p++ = static_cast<char>('A' + (bits >> 16) % 26);
      *p++ = static_cast<char>('A' + (bits >> 24) % 26);
    }
    if (opt.qualtrics) p = qualtrics_tail(p, rng.next());
    *p++ = '\n';
    used = static_cast<std::size_t>(p - buffer.data());
  }
  flush();
  if (out != stdout && std::fclose(out) != 0) {
    std::perror("gen_csv: close");
    return 1;
  }
  const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
  std::fprintf(stderr, "gen_csv: %llu rows, %llu bytes in %.3f s (%.3g rows/s), seed %llu\n",
               static_cast<unsigned long long>(opt.rows), static_cast<unsigned long long>(bytes),
               dt.count(), static_cast<double>(opt.rows) / dt.count(),
               static_cast<unsigned long long>(opt.seed));
  return 0;
}
