// CsvTokenizer: splits CSV text into fields and records without copying (the text rules are
// listed in csv_options.h). It is the single definition of the CSV syntax, used by the
// parallel range parser, by header skipping and by schema detection.
//
// Thread-safety: one tokenizer per thread; the text it reads must stay alive and unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dq {

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';  // '\0': no quoting
  bool allow_quoted_newlines = false;
};

struct CsvField {
  // Contents without the outer quotes; doubled quotes are still doubled when
  // has_escaped_quotes (see UnescapeCsvQuotes).
  std::string_view text;
  bool quoted = false;
  bool has_escaped_quotes = false;
};

enum class CsvFieldEnd : uint8_t {
  kDelimiter,  // another field of the same record follows
  kRecordEnd,  // the field was the last of its record ('\n' or end of text)
  kError,      // malformed field; CsvTokenizer::error() says why
};

class CsvTokenizer {
 public:
  CsvTokenizer(const char* data, size_t size, const CsvDialect& dialect)
      : begin_(data), cursor_(data), end_(data + size), dialect_(dialect) {}

  size_t position() const { return static_cast<size_t>(cursor_ - begin_); }
  void set_position(size_t position) { cursor_ = begin_ + position; }
  bool AtEnd() const { return cursor_ >= end_; }

  // Skips empty lines ("\n" or "\r\n") at the cursor.
  void SkipBlankLines() {
    while (cursor_ < end_) {
      if (*cursor_ == '\n') {
        ++cursor_;
      } else if (*cursor_ == '\r' && cursor_ + 1 < end_ && cursor_[1] == '\n') {
        cursor_ += 2;
      } else {
        return;
      }
    }
  }

  // Reads the field at the cursor and moves past its delimiter or record terminator. At the
  // end of the text it returns an empty field and kRecordEnd. On kError the cursor is left
  // inside the record; call SkipRecord to resynchronize.
  CsvFieldEnd ReadField(CsvField* field) {
    if (cursor_ < end_ && dialect_.quote != '\0' && *cursor_ == dialect_.quote) {
      return ReadQuotedField(field);
    }
    const char* start = cursor_;
    const char* scan = cursor_;
    const char delimiter = dialect_.delimiter;
    while (scan < end_ && *scan != delimiter && *scan != '\n') ++scan;
    field->quoted = false;
    field->has_escaped_quotes = false;
    if (scan < end_ && *scan == delimiter) {
      field->text = std::string_view(start, scan - start);
      cursor_ = scan + 1;
      return CsvFieldEnd::kDelimiter;
    }
    const char* text_end = scan;
    if (text_end > start && text_end[-1] == '\r') --text_end;
    field->text = std::string_view(start, text_end - start);
    cursor_ = scan < end_ ? scan + 1 : scan;
    return CsvFieldEnd::kRecordEnd;
  }

  // Moves the cursor past the end of the current record: the next '\n' (error recovery).
  void SkipRecord();

  // Skips `count` records (header rows). Returns false if a record is malformed.
  bool SkipRecords(uint64_t count);

  const std::string& error() const { return error_; }
  char quote() const { return dialect_.quote; }

 private:
  CsvFieldEnd ReadQuotedField(CsvField* field);

  const char* begin_;
  const char* cursor_;
  const char* end_;
  CsvDialect dialect_;
  std::string error_;
};

// Replaces each doubled quote in `text` by one quote; result in *out.
void UnescapeCsvQuotes(std::string_view text, char quote, std::string* out);

// Reads one record as unescaped strings (for detection and tests). Returns false with *error
// set when the record is malformed; *fields is empty at the end of the text.
bool ReadCsvRecord(CsvTokenizer& tokenizer, std::vector<std::string>* fields,
                   std::vector<bool>* quoted, std::string* error);

}  // namespace dq
