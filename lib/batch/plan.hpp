// securebase batch: the row plan, everything a row needs resolved once against the header,
// and how one answer cell is read (internal).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "securebase/batch/batch.hpp"
#include "securebase/core/instrument.hpp"
#include "securebase/core/scale_step.hpp"
#include "securebase/stats/accumulator.hpp"

namespace securebase::batch_detail {

/// Everything a row needs, resolved against the header.
struct RowPlan {
  const Instrument* ins = nullptr;
  const BatchOptions* opt = nullptr;
  std::size_t n_fields = 0;
  std::vector<std::size_t> item_col;   ///< by item index
  std::vector<std::string> item_name;  ///< column name by item index
  std::optional<std::size_t> id_col;
  std::vector<std::size_t> keep_cols;
  std::vector<double> numeric_missing;
  std::vector<std::string> text_missing;
  /// By --recode entry: its text's last character in lower case, a cheap first test before the
  /// whole text is compared ("Agree strongly" and "Agree somewhat" differ there).
  std::vector<char> recode_last;
  ScoringSteps steps;  ///< every scale's scoring step (metric, rule, norms) for the run
  double min = 1;
  double max = 7;
  /// Value of a one-character answer (missing_answer for a missing code), or -1: classify it.
  std::array<double, 256> fast_value{};
  char delimiter = ',';
  bool decimal_comma = false;       ///< answer cells write fractions with a comma ("2,5")
  bool neutralise = true;           ///< CSV/TSV without raw_text: guard text against formulas
  std::vector<std::string> header;  ///< the input's header, to spot it repeated as a row
  std::string jsonl_tail;           ///< the end of every JSONL row: instrument and versions
  std::vector<std::string> out_columns;
  stats::Layout layout;  ///< with --stats: what the accumulator is laid out over
};

/// The plan of a run over a table with this header. Throws 704/703 (mapping), 702/703 (columns
/// missing from or repeated in the header, every one listed) and 301 (unknown norm set).
RowPlan make_plan(const Instrument& ins, const BatchOptions& opt,
                  const std::vector<std::string>& header, const std::string& input_name,
                  std::uint64_t header_line);

/// True when the answer cells of these sample rows look like decimal-comma numbers ("1,00",
/// "-2,5") and none like decimal-point ones.
bool looks_like_decimal_comma(const RowPlan& p, const std::vector<std::vector<std::string>>& rows);

/// The output column names of a run with these steps.
std::vector<std::string> output_columns(const Instrument& ins, const BatchOptions& opt,
                                        const ScoringSteps& steps);

/// What an answer cell holds.
enum class Answer { value, missing, invalid };

/// An answer cell read: its kind and, for a value, the value.
struct Classified {
  Answer kind;
  double value;
};

/// Reads an answer cell that holds the number `v` (not NaN): a --missing-codes code, an answer
/// on the scale, or invalid. classify uses it for every number it reads.
Classified classify_number(const RowPlan& p, double v);

/// Reads one answer cell in full: blank, a --recode text, a number (a --missing-codes code, an
/// answer on the scale, or invalid), NA, a text missing code, a response label, else invalid.
Classified classify(const RowPlan& p, std::string_view raw);

}  // namespace securebase::batch_detail
