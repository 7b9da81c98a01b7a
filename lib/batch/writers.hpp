// securebase batch: one writer per output format (internal). Each writes one row of a run
// (Row, with its scores in RowScratch::outcomes) into the chunk's output.
#pragma once

#include <string>

#include "batch/plan.hpp"
#include "batch/row.hpp"

namespace securebase::batch_detail {

/// The CSV/TSV header line (empty for JSONL, which has none).
std::string header_text(const RowPlan& p);

/// CSV/TSV without --explain or --careless, the common row: written through a pointer into
/// room reserved at RowScratch::out_used for its longest form.
void write_csv_fast_row(const RowPlan& p, const Row& row, std::string& out, RowScratch& s);

/// CSV/TSV with --explain or --careless columns, appended to `out`.
void write_csv_row(const RowPlan& p, const Row& row, std::string& out, RowScratch& s);

/// One JSON object per line, appended to `out`.
void write_jsonl_row(const RowPlan& p, const Row& row, std::string& out, RowScratch& s);

/// Appends user text as a field, guarded against formulas unless raw_text (or JSONL).
void append_text_field(const RowPlan& p, std::string& out, std::string_view s);

}  // namespace securebase::batch_detail
