// CsvReader: parallel parsing of CSV files into DataChunks of a target schema, the engine of
// `LOAD DATA ... FROM FILES(format='CSV')`.
//
// How the work is split: every file is memory-mapped and its data (after skip_leading_rows
// records) cut into byte ranges of options.range_bytes. A range parses the records whose first
// byte lies inside it: it starts at the first record start at or after its nominal start and
// finishes the record that crosses its end. Without allow_quoted_newlines a record start is
// the byte after a '\n'. With it, a parallel pre-pass counts quote characters per range, so
// each range knows whether its start lies inside a quoted field (odd count of quotes before
// it) and starts after the first '\n' outside quotes. (A quote inside an unquoted field breaks
// this parity in that mode only; such files are malformed in BigQuery's CSV dialect anyway.)
//
// Errors: a bad record is reported as `<file>:<line>:<field>: <reason>`, where <line> is the
// 1-based physical line where the record starts (exact in parallel: computed after the fact by
// counting '\n' before the record) and <field> the 1-based field number; reasons about the
// whole record (field count) omit <field>: `data/a.csv:17: Expected 4 fields but found 3`.
// With max_bad_records = 0 the first bad record in file order fails the load with exactly that
// message (kInvalidInput). With max_bad_records = N > 0 up to N bad records are skipped and
// counted in CsvLoadStats; more fail the load with a message quoting the first ones.
//
// The reader writes nothing: rows go to the caller's sink, and the caller commits them only
// when Read returns OK, so a failed load changes nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "exec/query_context.h"
#include "exec/task_scheduler.h"
#include "storage/csv/csv_options.h"
#include "vector/data_chunk.h"

namespace dq {

struct CsvLoadStats {
  uint64_t rows = 0;                             // rows handed to the sink
  uint64_t bad_records = 0;                      // records skipped under max_bad_records
  std::vector<std::string> bad_record_messages;  // the first few, in file order
  uint64_t bytes = 0;                            // total size of the files read
  uint64_t files = 0;
};

class CsvReader {
 public:
  // Receives each parsed chunk. `range_index` numbers the byte ranges in file order (ranges of
  // file 0 first); chunks of one range arrive in order, from one thread. The sink is called
  // CONCURRENTLY from several worker threads for different ranges and must synchronize its
  // own state; it may keep the chunk's contents by moving/referencing its vectors. Throwing a
  // dq::Error from the sink fails the load with that error.
  using Sink = std::function<void(size_t range_index, DataChunk& chunk)>;

  // `files` are paths (relative ones resolved against options.base_directory) and appear in
  // error messages as given. `column_names` name columns in messages; empty means
  // string_field_<i>. REQUIRES: target_types non-empty; column_names empty or the same size.
  CsvReader(std::vector<std::string> files, CsvOptions options,
            std::vector<LogicalType> target_types, std::vector<std::string> column_names = {});

  // Reads all files. `query` may be null; when set, cancellation is checked between chunks
  // and ranges. `stats` may be null. Thread-safety: call Read from one thread at a time.
  Status Read(TaskScheduler& scheduler, QueryContext* query, const Sink& sink, CsvLoadStats* stats);

 private:
  std::vector<std::string> files_;
  CsvOptions options_;
  std::vector<LogicalType> types_;
  std::vector<std::string> names_;
};

}  // namespace dq
