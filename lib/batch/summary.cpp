// securebase batch: the output columns and the run summary, as JSON (nlohmann::ordered_json,
// as every JSON document of securebase) and as a sentence for people.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "batch/plan.hpp"
#include "securebase/batch/batch.hpp"
#include "securebase/core/scale_step.hpp"
#include "securebase/io/table.hpp"
#include "securebase/version.hpp"

namespace securebase {

namespace {

// The options of a run as the summary records them.
nlohmann::ordered_json options_json(const Instrument& ins, const BatchOptions& opt) {
  using nlohmann::ordered_json;
  ordered_json o;
  o["columns"] = opt.columns.pattern;
  o["map"] = opt.columns.map_source.empty() ? opt.columns.map : opt.columns.map_source;
  o["order"] = opt.columns.order.empty() ? ins.canonical_order().id : opt.columns.order;
  o["id"] = opt.id_column;
  o["keep"] = opt.keep;
  o["missing_codes"] = opt.missing_codes;
  o["recode"] = ordered_json::array();
  for (const RecodeEntry& r : opt.recode) {
    o["recode"].push_back(
        {{"text", r.text},
         {"value", std::isnan(r.value) ? ordered_json(nullptr) : ordered_json(r.value)}});
  }
  o["invalid"] = opt.invalid == InvalidPolicy::error ? "error" : "missing";
  o["score"] = opt.method ? std::string(to_string(*opt.method)) : std::string("declared");
  o["norms"] = opt.norm_set;
  o["explain"] = opt.explain;
  o["skip_rows"] = opt.skip_rows;
  o["format"] = opt.format == BatchFormat::csv   ? "csv"
                : opt.format == BatchFormat::tsv ? "tsv"
                                                 : "jsonl";
  o["threads"] = opt.threads;
  o["raw_text"] = opt.raw_text;
  if (!opt.prefix.empty()) o["prefix"] = opt.prefix;
  return o;
}

}  // namespace

std::vector<std::string> batch_output_columns(const Instrument& instrument,
                                              const BatchOptions& options) {
  return batch_detail::output_columns(instrument, options,
                                      scoring_steps(instrument, options.method, options.norm_set));
}

std::string to_batch_summary_json(const Instrument& ins, const BatchOptions& opt,
                                  const BatchSummary& sum, std::string_view output_name) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["format"] = "securebase-batch-summary";
  j["format_version"] = 1;
  j["instrument"] = {{"id", ins.id()},
                     {"version", ins.version()},
                     {"title", ins.title()},
                     {"key_fingerprint", ins.key_fingerprint()}};
  j["library_version"] = std::string(library_version());
  j["input"] = opt.input_name;
  j["output"] = std::string(output_name);
  j["input_delimiter"] =
      sum.delimiter == '\0' ? std::string("none (SPSS/Stata)") : delimiter_name(sum.delimiter);
  j["qualtrics_export"] = sum.qualtrics;
  if (sum.encoding != "UTF-8") j["input_encoding"] = sum.encoding;
  if (sum.decimal_comma) {
    j["decimal_mark"] = sum.decimal_detected ? "comma (detected)" : "comma";
  }
  j["options"] = options_json(ins, opt);
  j["rows"] = {{"read", sum.rows},
               {"ok", sum.ok},
               {"incomplete", sum.incomplete},
               {"invalid", sum.invalid},
               {"parse_error", sum.parse_errors},
               {"empty", sum.empty},
               {"skipped_after_header", sum.rows_skipped},
               {"values_treated_missing", sum.treated_missing}};
  if (opt.careless) {
    j["rows"]["careless_flagged"] = sum.careless_flagged;
    j["rows"]["careless_excluded"] = sum.careless_excluded;
  }
  j["warnings"] = sum.warnings;
  j["seconds"] = sum.seconds;
  j["rows_per_second"] = sum.rows_per_second();
  ordered_json scales = ordered_json::array();
  const ScoringSteps steps = scoring_steps(ins, opt.method, "");
  for (const ScaleStep& step : steps.scales) {
    const Scale& sc = ins.scales()[step.scale];
    scales.push_back({{"id", sc.id}, {"name", sc.name}, {"rule", rule_summary(ins, step)}});
  }
  j["scales"] = scales;
  return j.dump(2) + "\n";
}

std::string render_batch_summary_text(const BatchSummary& s) {
  const auto plural = [](std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.3f", s.seconds);
  std::string out = plural(s.rows, "row", "rows") + " read: " + std::to_string(s.ok) + " ok, " +
                    std::to_string(s.incomplete) + " incomplete, " + std::to_string(s.invalid) +
                    " invalid, " + plural(s.parse_errors, "parse error", "parse errors") + "; " +
                    secs + " s";
  if (s.seconds > 0) {
    out += ", " + std::to_string(static_cast<std::uint64_t>(s.rows_per_second())) + " rows/s";
  }
  if (s.empty > 0) {
    out += "; " + plural(s.empty, "empty row", "empty rows") + " (every field blank) kept";
  }
  if (s.decimal_comma) {
    out += s.decimal_detected ? "; answers read with a decimal comma (detected: they look like "
                                "'1,00'; give --decimal point to read them otherwise)"
                              : "; answers read with a decimal comma";
  }
  if (s.encoding != "UTF-8") out += "; read as " + s.encoding;
  if (s.qualtrics) out += "; Qualtrics export detected";
  if (s.rows_skipped > 0) {
    out += "; " + plural(s.rows_skipped, "row", "rows") + " after the header skipped";
  }
  if (s.treated_missing > 0) {
    out += "; " + plural(s.treated_missing, "invalid answer", "invalid answers") +
           " counted as missing";
  }
  if (s.careless) {
    out += "; " + plural(s.careless_flagged, "row", "rows") + " flagged as careless, " +
           std::to_string(s.careless_excluded) + " excluded";
  }
  return out;
}

}  // namespace securebase
