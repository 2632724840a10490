#include "storage/csv/csv_range_parser.h"

#include "storage/csv/csv_field_converter.h"

namespace dq {

std::string QuoteCsvValueForError(std::string_view text) {
  constexpr size_t kMaxShown = 64;
  if (text.size() <= kMaxShown) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kMaxShown)) + "...'";
}

CsvRangeParser::CsvRangeParser(const std::vector<LogicalType>& types,
                               const std::vector<std::string>& names, const CsvOptions& options)
    : types_(types), names_(names), options_(options) {
  dialect_.delimiter = options.delimiter();
  dialect_.quote = options.quote;
  dialect_.allow_quoted_newlines = options.allow_quoted_newlines;
  chunk_.Initialize(types_);
}

bool CsvRangeParser::WriteField(const CsvField& field, size_t column, size_t row,
                                std::string* reason) {
  Vector& target = chunk_.column(column);
  const LogicalType& type = types_[column];
  if (!field.quoted && field.text == options_.null_marker) {
    target.SetNull(row);
    return true;
  }
  std::string_view text = field.text;
  if (field.has_escaped_quotes) {
    UnescapeCsvQuotes(text, options_.quote, &unescaped_);
    text = unescaped_;
  }
  if (text.empty() && !type.IsStringLike() && options_.null_marker.empty()) {
    target.SetNull(row);  // a quoted "" is NULL for non-string columns
    return true;
  }
  switch (ConvertCsvField(text, target, row)) {
    case CsvConvertResult::kOk:
      return true;
    case CsvConvertResult::kInvalidUtf8:
      *reason = "Invalid UTF-8 in field for column " + names_[column];
      return false;
    case CsvConvertResult::kBadValue:
      *reason = "Could not parse " + QuoteCsvValueForError(text) + " as " + type.ToString() +
                " for column " + names_[column];
      return false;
  }
  return false;
}

void CsvRangeParser::AddBadRecord(size_t file_index, uint64_t offset, size_t field,
                                  std::string reason, CsvRangeResult* result) {
  ++result->bad_records;
  if (result->first_bad_records.size() < CsvRangeResult::kKeptBadRecords) {
    result->first_bad_records.push_back(CsvBadRecord{file_index, offset, field, std::move(reason)});
  }
  if (result->bad_records > options_.max_bad_records) result->exceeded = true;
}

void CsvRangeParser::Parse(const char* text, size_t size, size_t begin, size_t end,
                           size_t file_index, size_t range_index,
                           const std::atomic<size_t>* first_failed_range, QueryContext* query,
                           const std::function<void(DataChunk&)>& emit, CsvRangeResult* result) {
  const size_t column_count = types_.size();
  CsvTokenizer tokenizer(text, size, dialect_);
  tokenizer.set_position(begin);
  chunk_.Reset();
  size_t row = 0;
  CsvField field;
  std::string reason;
  auto flush = [&] {
    chunk_.SetSize(row);
    result->rows += row;
    emit(chunk_);
    chunk_.Reset();
    row = 0;
    if (query) query->CheckCancelled();
  };
  while (!result->exceeded) {
    tokenizer.SkipBlankLines();
    size_t record_start = tokenizer.position();
    if (record_start >= end || tokenizer.AtEnd()) break;
    size_t field_count = 0;
    size_t bad_field = 0;  // 1-based; 0 = no bad value yet
    bool malformed = false;
    while (true) {
      CsvFieldEnd field_end = tokenizer.ReadField(&field);
      if (field_end == CsvFieldEnd::kError) {
        AddBadRecord(file_index, record_start, field_count + 1, tokenizer.error(), result);
        tokenizer.SkipRecord();
        malformed = true;
        break;
      }
      if (field_count < column_count && bad_field == 0 &&
          !WriteField(field, field_count, row, &reason)) {
        bad_field = field_count + 1;
      }
      ++field_count;
      if (field_end == CsvFieldEnd::kRecordEnd) break;
    }
    if (malformed) continue;
    if (field_count != column_count &&
        !(field_count < column_count && options_.allow_jagged_rows)) {
      AddBadRecord(file_index, record_start, 0,
                   "Expected " + std::to_string(column_count) + " fields but found " +
                       std::to_string(field_count),
                   result);
      continue;
    }
    if (bad_field != 0) {
      AddBadRecord(file_index, record_start, bad_field, std::move(reason), result);
      continue;
    }
    for (size_t column = field_count; column < column_count; ++column) {
      chunk_.column(column).SetNull(row);  // jagged row: missing trailing columns
    }
    if (++row == kBatchSize) {
      flush();
      if (first_failed_range->load(std::memory_order_relaxed) < range_index) {
        result->abandoned = true;
        return;
      }
    }
  }
  if (row > 0 && !result->exceeded) flush();
}

}  // namespace dq
