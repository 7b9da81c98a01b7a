// securebase batch: the pipeline: the header and leading rows, then chunks of rows read here,
// parsed and scored on worker threads and written here in input order; and the same for SPSS
// and Stata files, case by case.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "batch/row.hpp"
#include "batch/writers.hpp"
#include "securebase/core/error.hpp"
#include "securebase/io/stat_file.hpp"

namespace securebase {

using namespace batch_detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

void process_chunk(const RowPlan& p, char delimiter, const TableChunk& chunk, std::string& out,
                   BatchSummary& counts, RowScratch& s) {
  s.out_used = 0;
  counts = BatchSummary{};
  stats::Accumulator* acc = nullptr;
  if (p.opt->stats) {
    counts.stats = stats::make_accumulator(p.layout);
    acc = &*counts.stats;
  }
  const std::string_view text = chunk.text;
  if (chunk.quotes) s.unescaped.reserve(text.size());
  std::size_t pos = chunk.begin;
  std::uint64_t line = chunk.first_line;
  while (pos < text.size()) {
    std::size_t n_fields = 0;
    SplitRecord r;
    if (chunk.quotes) {
      r = split_record(text, pos, delimiter, s.fields, s.unescaped, p.n_fields + 1);
      n_fields = s.fields.size();
    } else {
      r = split_plain(text, pos, delimiter, s.fields, n_fields, p.n_fields + 1);
    }
    if (!r.blank) {
      const RowKind kind = process_row(
          p, std::span<const std::string_view>(s.fields.data(), n_fields), r, line, out, s);
      add_to_stats(p, kind, s, acc);
      count(counts, kind);
      note_answers(kind, s, counts);
      if (s.careless && s.careless->flags.any()) ++counts.careless_flagged;
      if (kind != RowKind::invalid && kind != RowKind::parse_error) {
        counts.treated_missing += s.invalid_items.size();
      }
    }
    line += r.newlines;
    pos = r.next;
  }
  flush_stats(s, acc);
  out.resize(s.out_used);
}

// Qualtrics' ImportId row: cells {"ImportId":"QID3_1"}, or in 2016-17 "Insights" exports
// {'ImportId': 'QID3-1'}.
bool is_import_id_row(const std::vector<std::string>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const std::string& f) {
    const std::string_view t = trim(f);
    return t.substr(0, 12) == "{\"ImportId\":" || t.substr(0, 12) == "{'ImportId':";
  });
}

// A legacy Qualtrics export: the header is V1, V2, ... and the row under it names them
// (ResponseID, ResponseSet, ...): that label row is not a respondent.
bool is_legacy_qualtrics(const std::vector<std::string>& header,
                         const std::vector<std::string>& first) {
  return header.size() >= 2 && trim(header[0]) == "V1" && trim(header[1]) == "V2" &&
         !first.empty() && equal_ci(trim(first[0]), "ResponseID");
}

// Chunks in flight between the reader, the workers and the writer.
struct Job {
  TableChunk in;
  std::string out;
  BatchSummary counts;
  std::exception_ptr failure;
  bool done = false;
};

class Pipeline {
 public:
  Pipeline(const RowPlan& plan, char delimiter, unsigned threads)
      : plan_(plan), delimiter_(delimiter) {
    for (unsigned t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
  }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  ~Pipeline() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    queued_cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  void submit(Job* job) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(job);
    }
    queued_cv_.notify_one();
  }

  void wait(Job* job) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_cv_.wait(lock, [job] { return job->done; });
  }

 private:
  void work() {
    RowScratch scratch;
    while (true) {
      Job* job = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        queued_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = queue_.front();
        queue_.pop_front();
      }
      try {
        process_chunk(plan_, delimiter_, job->in, job->out, job->counts, scratch);
      } catch (...) {
        job->failure = std::current_exception();
      }
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        job->done = true;
      }
      done_cv_.notify_all();
    }
  }

  const RowPlan& plan_;
  char delimiter_;
  std::mutex mutex_;
  std::condition_variable queued_cv_;
  std::condition_variable done_cv_;
  std::deque<Job*> queue_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Skips Qualtrics' extra header rows (when detected) and --skip-rows rows, counting them.
void skip_leading_rows(const BatchOptions& options, const std::vector<std::string>& header,
                       TableReader& input, BatchSummary& summary) {
  std::vector<std::string> row;
  if (options.detect_qualtrics) {
    std::vector<std::string> second;
    if (input.peek_record(0, row) && is_legacy_qualtrics(header, row)) {
      summary.qualtrics = true;
      summary.rows_skipped = 1;
    } else if (input.peek_record(1, second) && is_import_id_row(second)) {
      summary.qualtrics = true;
      summary.rows_skipped = 2;
    } else if (input.peek_record(0, row) && is_import_id_row(row)) {
      summary.qualtrics = true;
      summary.rows_skipped = 1;
    }
  }
  summary.rows_skipped += options.skip_rows;
  for (std::uint64_t k = 0; k < summary.rows_skipped; ++k) {
    if (!input.next_record(row)) break;
  }
}

// A table whose header swallowed the bytes after it (line ends the reader did not take as
// such, or a quote opened in the header) gives no data row: an error, never a quiet success
// with an empty output (701).
void check_header_alone(const std::vector<std::string>& header, const TableReader& input,
                        std::uint64_t header_line) {
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c].find_first_of("\r\n") == std::string::npos) continue;
    throw Error(ErrorCode::table_syntax, input.name() + ":" + std::to_string(header_line),
                "no data row was found, and column " + std::to_string(c + 1) +
                    " of the header holds a line break, so the rows were probably read as part "
                    "of the header; check the file's line ends and that every quote in the "
                    "header is closed");
  }
}

// The first data rows (up to 200), read ahead without consuming them.
std::vector<std::vector<std::string>> sample_rows(TableReader& input) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  while (rows.size() < 200 && input.peek_record(rows.size(), row)) rows.push_back(row);
  return rows;
}

// One thread: every chunk read, processed and written in turn.
void run_inline(const RowPlan& plan, TableReader& input, const BatchWriter& write,
                BatchSummary& summary) {
  const std::uint64_t total = input.size().value_or(0);
  RowScratch scratch;
  Job job;
  while (input.next_chunk(job.in)) {
    process_chunk(plan, summary.delimiter, job.in, job.out, job.counts, scratch);
    write(job.out);
    add(summary, job.counts);
    if (plan.opt->progress) plan.opt->progress(input.bytes_consumed(), total);
  }
}

// Chunks are parsed and scored on the workers and written here, in input order.
void run_threads(const RowPlan& plan, TableReader& input, const BatchWriter& write,
                 BatchSummary& summary) {
  const BatchOptions& options = *plan.opt;
  const std::uint64_t total = input.size().value_or(0);
  std::deque<std::unique_ptr<Job>> in_flight;
  std::vector<std::unique_ptr<Job>> spare;
  // Bounded: memory is about (chunks in flight) x (1 MiB in + its output), whatever the rows.
  const std::size_t max_in_flight =
      std::size_t{options.threads} + std::min(options.threads, 8U) + 1;
  Pipeline pipeline(plan, summary.delimiter, options.threads);
  const auto finish_front = [&] {
    Job* job = in_flight.front().get();
    pipeline.wait(job);
    if (job->failure) std::rethrow_exception(job->failure);
    write(job->out);
    add(summary, job->counts);
    if (options.progress) options.progress(input.bytes_consumed(), total);
    spare.push_back(std::move(in_flight.front()));
    in_flight.pop_front();
  };
  while (true) {
    if (in_flight.size() >= max_in_flight) finish_front();
    std::unique_ptr<Job> job;
    if (spare.empty()) {
      job = std::make_unique<Job>();
    } else {
      job = std::move(spare.back());
      spare.pop_back();
    }
    if (!input.next_chunk(job->in)) break;
    job->done = false;
    job->failure = nullptr;
    pipeline.submit(job.get());
    in_flight.push_back(std::move(job));
  }
  while (!in_flight.empty()) finish_front();
}

}  // namespace

BatchSummary run_batch(const Instrument& instrument, const BatchOptions& options,
                       TableReader& input, const BatchWriter& write) {
  const auto start = std::chrono::steady_clock::now();
  BatchSummary summary;
  std::vector<std::string> header;
  const std::uint64_t header_line = input.line();
  if (!input.next_record(header)) {
    throw Error(ErrorCode::table_syntax, input.name(),
                "is empty, but must start with a header line naming the columns");
  }
  summary.delimiter = input.delimiter();
  summary.encoding = input.encoding();
  RowPlan plan = make_plan(instrument, options, header, input.name(), header_line);
  if (options.stats) summary.stats = stats::make_accumulator(stats::layout_of(instrument));
  summary.careless = options.careless.has_value();
  skip_leading_rows(options, header, input, summary);
  if (options.decimal == DecimalMark::detect && summary.delimiter == ';') {
    plan.decimal_comma = looks_like_decimal_comma(plan, sample_rows(input));
    summary.decimal_detected = plan.decimal_comma;
  }
  summary.decimal_comma = plan.decimal_comma;
  write(header_text(plan));
  if (options.threads <= 1) {
    run_inline(plan, input, write, summary);
  } else {
    run_threads(plan, input, write, summary);
  }
  if (summary.rows == 0) check_header_alone(header, input, header_line);
  summary.warnings = batch_warnings(instrument, summary);
  summary.seconds = seconds_since(start);
  return summary;
}

BatchSummary run_batch_stat_file(const Instrument& instrument, const BatchOptions& options,
                                 const std::filesystem::path& path, const BatchWriter& write) {
  const auto start = std::chrono::steady_clock::now();
  BatchSummary summary;
  summary.delimiter = '\0';
  summary.careless = options.careless.has_value();
  if (options.stats) summary.stats = stats::make_accumulator(stats::layout_of(instrument));
  std::optional<RowPlan> plan;
  RowScratch scratch;
  std::string out;
  std::vector<std::string_view> views;
  std::uint64_t case_number = 0;
  const std::string name = path.string();
  SplitRecord whole;
  if (!options.encoding.empty()) summary.encoding = options.encoding;
  read_stat_file_coded(
      path,
      [&](std::span<const std::string> header) {
        plan = make_plan(instrument, options,
                         std::vector<std::string>(header.begin(), header.end()), name, 0);
        write(header_text(*plan));
      },
      [&](std::span<const std::string> fields, std::span<const unsigned char> user_missing) {
        ++case_number;
        if (case_number <= options.skip_rows) {
          ++summary.rows_skipped;
          return;
        }
        views.assign(fields.begin(), fields.end());
        // A user-missing answer is missing; kept columns keep the code (the reason).
        for (const std::size_t c : plan->item_col) {
          if (user_missing[c] != 0) views[c] = std::string_view();
        }
        const RowKind kind = process_row(*plan, views, whole, case_number, out, scratch);
        add_to_stats(*plan, kind, scratch, summary.stats ? &*summary.stats : nullptr);
        count(summary, kind);
        note_answers(kind, scratch, summary);
        if (scratch.careless && scratch.careless->flags.any()) ++summary.careless_flagged;
        if (kind != RowKind::invalid && kind != RowKind::parse_error) {
          summary.treated_missing += scratch.invalid_items.size();
        }
        if (scratch.out_used >= (std::size_t{1} << 20)) {
          write(std::string_view(out.data(), scratch.out_used));
          scratch.out_used = 0;
        }
      },
      options.encoding);
  if (!plan) {
    throw Error(ErrorCode::table_format, name, "has no variables, so there is nothing to score");
  }
  flush_stats(scratch, summary.stats ? &*summary.stats : nullptr);
  write(std::string_view(out.data(), scratch.out_used));
  summary.warnings = batch_warnings(instrument, summary);
  summary.seconds = seconds_since(start);
  return summary;
}

}  // namespace securebase
