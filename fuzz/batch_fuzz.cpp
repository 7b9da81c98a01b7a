// Fuzz target: run_batch end to end on one in-memory CSV/TSV, scored with the embedded ECR-R
// (item columns named by item id). The first two bytes choose the options; when bit 0 of the
// first is clear, a valid header ("pid" and i01..i36, comma-separated) goes before the rest, so
// that about half the inputs get past the column mapping to the data rows.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "securebase/batch/batch.hpp"
#include "securebase/core/error.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/io/instrument_json.hpp"

namespace sb = securebase;

namespace {

std::string valid_header(const sb::Instrument& inst) {
  std::string header = "pid";
  for (const auto& item : inst.items()) header += "," + item.id;
  return header + "\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const sb::Instrument inst = sb::load_embedded_instrument("ecr-r");
  static const std::string header = valid_header(inst);
  if (size < 2) return 0;
  const unsigned a = data[0];
  const unsigned b = data[1];
  const std::string_view rest = sb::fuzz::as_text(data + 2, size - 2);

  sb::BatchOptions options;
  options.threads = (a & 2u) != 0 ? 2 : 1;
  options.invalid = (a & 4u) != 0 ? sb::InvalidPolicy::missing : sb::InvalidPolicy::error;
  switch ((a >> 3) & 3u) {
    case 1:
      options.missing_codes = {"-99"};
      break;
    case 2:
      options.missing_codes = {"-99", "NA", "", " 8 "};
      break;
    case 3:
      options.recode = sb::parse_recode(inst, "Strongly agree=7,agree=6,Disagree=2,Refused=NA");
      break;
    default:
      break;
  }
  options.format = static_cast<sb::BatchFormat>(((a >> 5) & 3u) % 3u);
  options.explain = (a & 0x80u) != 0;
  options.stats = (b & 1u) != 0;
  options.detect_qualtrics = (b & 2u) == 0;
  options.skip_rows = (b >> 2) & 3u;
  if ((b & 0x10u) != 0) options.id_column = "pid";
  if ((b & 0x20u) != 0) options.keep = {"pid"};
  if ((b & 0x40u) != 0) options.method = sb::ScaleMethod::sum;
  const char delimiter = (b & 0x80u) != 0 ? ',' : '\0';

  std::string text;
  if ((a & 1u) == 0) text = header;
  text.append(rest);
  std::istringstream in(text);
  sb::TableReader reader(in, "fuzz.csv", delimiter);
  std::size_t written = 0;
  const sb::BatchWriter write = [&written](std::string_view bytes) { written += bytes.size(); };
  sb::BatchSummary summary;
  try {
    summary = sb::run_batch(inst, options, reader, write);
  } catch (const sb::Error&) {
    return 0;
  }
  if (summary.ok + summary.incomplete + summary.invalid + summary.parse_errors + summary.empty !=
      summary.rows)
    sb::fuzz::broken("row statuses do not add up to the rows");
  // CSV and TSV start with a header line; JSONL has none, so no rows write nothing.
  if (written == 0 && (options.format != sb::BatchFormat::jsonl || summary.rows > 0))
    sb::fuzz::broken("a finished run wrote nothing");
  if (options.stats && !summary.stats && summary.rows > 0)
    sb::fuzz::broken("stats asked for but not returned");
  // fuzz/regressions/batch/stats-without-rows: stats come back even when no data row is read.
  if (options.stats && !summary.stats) sb::fuzz::broken("stats asked for, none without rows");
  (void)sb::to_batch_summary_json(inst, options, summary, "fuzz.out");
  (void)sb::render_batch_summary_text(summary);
  return 0;
}
