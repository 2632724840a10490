// CsvRangeParser: parses the records that start inside one byte range of a CSV file into
// DataChunks of the target schema. The parallel reader (csv_reader.h) runs one per range.
//
// Bad records (malformed quoting, wrong field count, unparsable values) are skipped and
// described by their byte offset; the reader turns offsets into line numbers afterwards, so
// ranges need not know how many lines precede them.
//
// Thread-safety: one parser per thread (it owns its output chunk).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "exec/query_context.h"
#include "storage/csv/csv_options.h"
#include "storage/csv/csv_tokenizer.h"
#include "vector/data_chunk.h"

namespace dq {

struct CsvBadRecord {
  size_t file_index = 0;
  uint64_t offset = 0;  // byte offset of the record's first character in its file
  size_t field = 0;     // 1-based field number; 0 when the record as a whole is wrong
  std::string reason;
};

struct CsvRangeResult {
  uint64_t rows = 0;
  uint64_t bad_records = 0;
  std::vector<CsvBadRecord> first_bad_records;  // in file order, at most kKeptBadRecords
  bool exceeded = false;                        // this range alone found more than max_bad_records
  bool abandoned = false;                       // stopped because an earlier range failed
  static constexpr size_t kKeptBadRecords = 5;
};

class CsvRangeParser {
 public:
  // REQUIRES: types.size() == names.size() > 0, every type passes CheckCsvColumnType.
  // `types`, `names` and `options` must outlive the parser.
  CsvRangeParser(const std::vector<LogicalType>& types, const std::vector<std::string>& names,
                 const CsvOptions& options);

  // Parses every record whose first byte lies in [begin, end) of text[0, size); `begin` must
  // be a record start. Calls emit for each filled chunk (then resets it). Stops early when the
  // range exceeds max_bad_records or when *first_failed_range < range_index (checked once per
  // chunk). Throws kCancelled when `query` is cancelled.
  void Parse(const char* text, size_t size, size_t begin, size_t end, size_t file_index,
             size_t range_index, const std::atomic<size_t>* first_failed_range, QueryContext* query,
             const std::function<void(DataChunk&)>& emit, CsvRangeResult* result);

 private:
  // Writes one field into column `column` of the current row; false with *reason on failure.
  bool WriteField(const CsvField& field, size_t column, size_t row, std::string* reason);
  void AddBadRecord(size_t file_index, uint64_t offset, size_t field, std::string reason,
                    CsvRangeResult* result);

  const std::vector<LogicalType>& types_;
  const std::vector<std::string>& names_;
  const CsvOptions& options_;
  CsvDialect dialect_;
  DataChunk chunk_;
  std::string unescaped_;
};

// Formats a value for an error message: quoted, truncated to a readable length.
std::string QuoteCsvValueForError(std::string_view text);

}  // namespace dq
