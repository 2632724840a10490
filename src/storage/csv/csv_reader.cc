#include "storage/csv/csv_reader.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <memory>

#include "storage/csv/csv_field_converter.h"
#include "storage/csv/csv_range_parser.h"
#include "storage/csv/csv_tokenizer.h"
#include "storage/csv/mapped_file.h"

namespace dq {

namespace {

struct ByteRange {
  size_t file_index;
  size_t begin;  // nominal start; the first range of a file starts at its data start
  size_t end;
  bool first_of_file;
};

uint64_t CountByte(const char* data, size_t size, char byte) {
  uint64_t count = 0;
  const char* cursor = data;
  const char* end = data + size;
  while (cursor < end) {
    const void* found = std::memchr(cursor, byte, static_cast<size_t>(end - cursor));
    if (found == nullptr) break;
    ++count;
    cursor = static_cast<const char*>(found) + 1;
  }
  return count;
}

// The first record start at or after `position`. `in_quotes` says whether `position` lies
// inside a quoted field (only with quoted newlines; otherwise false).
size_t FindRecordStart(const char* text, size_t size, size_t position, bool in_quotes,
                       const CsvDialect& dialect) {
  if (!dialect.allow_quoted_newlines || dialect.quote == '\0') {
    if (text[position - 1] == '\n') return position;
    const void* newline = std::memchr(text + position, '\n', size - position);
    return newline ? static_cast<size_t>(static_cast<const char*>(newline) - text) + 1 : size;
  }
  if (!in_quotes && text[position - 1] == '\n') return position;
  for (size_t index = position; index < size; ++index) {
    char c = text[index];
    if (c == dialect.quote) {
      in_quotes = !in_quotes;
    } else if (c == '\n' && !in_quotes) {
      return index + 1;
    }
  }
  return size;
}

std::string FormatBadRecord(const CsvBadRecord& bad, const std::string& file_name,
                            const MappedFile& file) {
  uint64_t line = 1 + CountByte(file.data(), bad.offset, '\n');
  std::string location = file_name + ":" + std::to_string(line);
  if (bad.field > 0) location += ":" + std::to_string(bad.field);
  return location + ": " + bad.reason;
}

}  // namespace

CsvReader::CsvReader(std::vector<std::string> files, CsvOptions options,
                     std::vector<LogicalType> target_types, std::vector<std::string> column_names)
    : files_(std::move(files)),
      options_(std::move(options)),
      types_(std::move(target_types)),
      names_(std::move(column_names)) {
  if (names_.empty()) {
    for (size_t column = 0; column < types_.size(); ++column) {
      names_.push_back("string_field_" + std::to_string(column));
    }
  }
  DQ_CHECK_EQ(names_.size(), types_.size());
}

Status CsvReader::Read(TaskScheduler& scheduler, QueryContext* query, const Sink& sink,
                       CsvLoadStats* stats) {
  if (types_.empty()) return Status::InvalidInput("CSV load needs at least one column");
  DQ_RETURN_IF_ERROR(ValidateCsvOptions(options_));
  for (size_t column = 0; column < types_.size(); ++column) {
    DQ_RETURN_IF_ERROR(CheckCsvColumnType(types_[column], names_[column]));
  }
  CsvDialect dialect{options_.delimiter(), options_.quote, options_.allow_quoted_newlines};
  const uint64_t skip_rows = options_.skip_leading_rows.value_or(0);

  // Map the files and cut them into ranges.
  std::vector<std::unique_ptr<MappedFile>> mapped;
  std::vector<ByteRange> ranges;
  uint64_t total_bytes = 0;
  for (size_t file_index = 0; file_index < files_.size(); ++file_index) {
    DQ_ASSIGN_OR_RETURN(
        std::unique_ptr<MappedFile> file,
        MappedFile::Open(ResolveCsvPath(options_.base_directory, files_[file_index])));
    total_bytes += file->size();
    CsvTokenizer tokenizer(file->data(), file->size(), dialect);
    if (!tokenizer.SkipRecords(skip_rows)) {
      CsvBadRecord bad{file_index, 0, 0, "Cannot skip leading rows: " + tokenizer.error()};
      return Status::InvalidInput(FormatBadRecord(bad, files_[file_index], *file));
    }
    size_t data_start = tokenizer.position();
    for (size_t begin = data_start; begin < file->size(); begin += options_.range_bytes) {
      size_t end = std::min(file->size(), begin + options_.range_bytes);
      ranges.push_back(ByteRange{file_index, begin, end, begin == data_start});
    }
    mapped.push_back(std::move(file));
  }
  if (query) query->AddTotalWork(total_bytes);

  // Quote parity at each range start (quoted newlines only), from a parallel counting pass.
  std::vector<uint8_t> starts_in_quotes(ranges.size(), 0);
  const bool track_quotes = dialect.allow_quoted_newlines && dialect.quote != '\0';
  // Lowest index of a range that exceeded max_bad_records; later ranges stop early.
  std::atomic<size_t> first_failed_range{std::numeric_limits<size_t>::max()};
  std::vector<CsvRangeResult> results(ranges.size());
  try {
    if (track_quotes) {
      std::vector<uint64_t> quote_counts(ranges.size());
      scheduler.ParallelFor(query, ranges.size(), [&](size_t index) {
        const ByteRange& range = ranges[index];
        quote_counts[index] = CountByte(mapped[range.file_index]->data() + range.begin,
                                        range.end - range.begin, dialect.quote);
      });
      uint64_t parity = 0;
      for (size_t index = 0; index < ranges.size(); ++index) {
        if (ranges[index].first_of_file) parity = 0;
        starts_in_quotes[index] = static_cast<uint8_t>(parity & 1);
        parity += quote_counts[index];
      }
    }

    scheduler.ParallelFor(query, ranges.size(), [&](size_t index) {
      if (first_failed_range.load(std::memory_order_relaxed) < index) {
        results[index].abandoned = true;
        return;
      }
      const ByteRange& range = ranges[index];
      const MappedFile& file = *mapped[range.file_index];
      size_t begin = range.first_of_file ? range.begin
                                         : FindRecordStart(file.data(), file.size(), range.begin,
                                                           starts_in_quotes[index] != 0, dialect);
      CsvRangeParser parser(types_, names_, options_);
      std::function<void(DataChunk&)> emit = [&](DataChunk& chunk) { sink(index, chunk); };
      parser.Parse(file.data(), file.size(), begin, range.end, range.file_index, index,
                   &first_failed_range, query, emit, &results[index]);
      if (results[index].exceeded) {
        size_t current = first_failed_range.load();
        while (index < current && !first_failed_range.compare_exchange_weak(current, index)) {
        }
      }
      if (query) query->AddDoneWork(range.end - range.begin);
    });
  } catch (const Error& error) {
    return Status::Make(error.kind(), error.message());
  }

  // Merge: totals, and the first bad records in file order (results are in file order).
  uint64_t rows = 0;
  uint64_t bad_records = 0;
  bool exceeded = false;
  std::vector<std::string> messages;
  for (const CsvRangeResult& result : results) {
    if (result.abandoned) continue;
    rows += result.rows;
    bad_records += result.bad_records;
    exceeded = exceeded || result.exceeded;
    for (const CsvBadRecord& bad : result.first_bad_records) {
      if (messages.size() >= CsvRangeResult::kKeptBadRecords) break;
      messages.push_back(FormatBadRecord(bad, files_[bad.file_index], *mapped[bad.file_index]));
    }
  }
  if (exceeded || bad_records > options_.max_bad_records) {
    if (options_.max_bad_records == 0) return Status::InvalidInput(messages.front());
    std::string message = "Too many bad records: more than max_bad_records = " +
                          std::to_string(options_.max_bad_records) + "; the first: ";
    for (size_t index = 0; index < messages.size(); ++index) {
      message += (index > 0 ? "; " : "") + messages[index];
    }
    return Status::InvalidInput(message);
  }
  if (stats != nullptr) {
    stats->rows = rows;
    stats->bad_records = bad_records;
    stats->bad_record_messages = std::move(messages);
    stats->bytes = total_bytes;
    stats->files = files_.size();
  }
  return Status::OK();
}

}  // namespace dq
