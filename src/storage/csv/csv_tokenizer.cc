#include "storage/csv/csv_tokenizer.h"

#include <cstring>

namespace dq {

CsvFieldEnd CsvTokenizer::ReadQuotedField(CsvField* field) {
  const char quote = dialect_.quote;
  const char* content = cursor_ + 1;
  const char* scan = content;
  bool escaped = false;
  // Without quoted newlines a quoted field cannot pass the end of its line: search only there.
  const char* search_end = end_;
  if (!dialect_.allow_quoted_newlines) {
    const void* newline = std::memchr(scan, '\n', static_cast<size_t>(end_ - scan));
    if (newline) search_end = static_cast<const char*>(newline);
  }
  while (true) {
    const char* next_quote =
        static_cast<const char*>(std::memchr(scan, quote, static_cast<size_t>(search_end - scan)));
    if (next_quote == nullptr) {
      if (search_end != end_) {
        error_ = std::string("Missing close quote character (") + quote +
                 ") before the end of the line (set allow_quoted_newlines to allow newlines in "
                 "quoted fields)";
      } else {
        error_ = std::string("Missing close quote character (") + quote + ")";
      }
      return CsvFieldEnd::kError;
    }
    if (next_quote + 1 < end_ && next_quote[1] == quote) {
      escaped = true;
      scan = next_quote + 2;
      continue;
    }
    field->text = std::string_view(content, next_quote - content);
    field->quoted = true;
    field->has_escaped_quotes = escaped;
    const char* after = next_quote + 1;
    if (after == end_) {
      cursor_ = after;
      return CsvFieldEnd::kRecordEnd;
    }
    if (*after == dialect_.delimiter) {
      cursor_ = after + 1;
      return CsvFieldEnd::kDelimiter;
    }
    if (*after == '\n') {
      cursor_ = after + 1;
      return CsvFieldEnd::kRecordEnd;
    }
    if (*after == '\r' && (after + 1 == end_ || after[1] == '\n')) {
      cursor_ = after + 1 == end_ ? after + 1 : after + 2;
      return CsvFieldEnd::kRecordEnd;
    }
    cursor_ = after;
    error_ = std::string("Data between close quote character (") + quote + ") and field separator";
    return CsvFieldEnd::kError;
  }
}

void CsvTokenizer::SkipRecord() {
  const void* newline = std::memchr(cursor_, '\n', static_cast<size_t>(end_ - cursor_));
  cursor_ = newline ? static_cast<const char*>(newline) + 1 : end_;
}

bool CsvTokenizer::SkipRecords(uint64_t count) {
  CsvField field;
  for (uint64_t record = 0; record < count && !AtEnd(); ++record) {
    SkipBlankLines();
    while (true) {
      CsvFieldEnd end = ReadField(&field);
      if (end == CsvFieldEnd::kError) return false;
      if (end == CsvFieldEnd::kRecordEnd) break;
    }
  }
  return true;
}

void UnescapeCsvQuotes(std::string_view text, char quote, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (size_t index = 0; index < text.size(); ++index) {
    out->push_back(text[index]);
    if (text[index] == quote && index + 1 < text.size() && text[index + 1] == quote) ++index;
  }
}

bool ReadCsvRecord(CsvTokenizer& tokenizer, std::vector<std::string>* fields,
                   std::vector<bool>* quoted, std::string* error) {
  fields->clear();
  if (quoted) quoted->clear();
  tokenizer.SkipBlankLines();
  if (tokenizer.AtEnd()) return true;
  CsvField field;
  std::string unescaped;
  while (true) {
    CsvFieldEnd end = tokenizer.ReadField(&field);
    if (end == CsvFieldEnd::kError) {
      *error = tokenizer.error();
      tokenizer.SkipRecord();
      return false;
    }
    if (field.has_escaped_quotes) {
      UnescapeCsvQuotes(field.text, tokenizer.quote(), &unescaped);
      fields->push_back(unescaped);
    } else {
      fields->emplace_back(field.text);
    }
    if (quoted) quoted->push_back(field.quoted);
    if (end == CsvFieldEnd::kRecordEnd) return true;
  }
}

}  // namespace dq
