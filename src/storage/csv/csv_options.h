// CsvOptions: the CSV options of `LOAD DATA ... FROM FILES(format='CSV', ...)` and of CSV
// external tables, named and defaulted as in BigQuery.
//
// Text rules these options control (implemented in csv_tokenizer.h):
//  * A record ends at '\n' (a preceding '\r' is dropped). Completely empty lines are skipped.
//  * A field that starts with `quote` is quoted: it ends at the next lone quote, and a doubled
//    quote inside stands for one quote character. After the closing quote only the delimiter
//    or the end of the record may follow. A quote inside an unquoted field is an ordinary
//    character.
//  * A quoted field may contain '\n' only when allow_quoted_newlines is true.
//  * An unquoted field equal to null_marker is NULL for every type. With the default empty
//    null_marker, a quoted empty field ("") is an empty STRING/BYTES and NULL otherwise; with
//    a custom null_marker, an empty field is an empty STRING/BYTES and a bad value otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace dq {

struct CsvOptions {
  // Unset: ',' when reading, auto-detected by DetectCsvSchema among , \t | ;.
  std::optional<char> field_delimiter;
  // '\0' disables quoting.
  char quote = '"';
  // Rows skipped at the start of every file. Unset: 0 when reading; DetectCsvSchema decides
  // whether the first row is a header.
  std::optional<uint64_t> skip_leading_rows;
  bool allow_quoted_newlines = false;
  // Records with fewer fields than columns get NULL for the missing trailing columns.
  bool allow_jagged_rows = false;
  std::string null_marker;
  // Bad records skipped (and counted) before the load fails.
  uint64_t max_bad_records = 0;
  // Relative file paths and URIs are resolved against this directory ("" = working dir).
  std::string base_directory;
  // Size of the byte ranges parsed in parallel.
  size_t range_bytes = size_t{8} << 20;
  // Rows sampled by DetectCsvSchema (from the first files, in order).
  size_t sample_rows = 1000;

  char delimiter() const { return field_delimiter.value_or(','); }
};

// Parses the text of the `field_delimiter` option: one character (',', '|', ';', '\t'), the
// escapes "\t" and "\\t", or the names "tab", "comma", "pipe", "semicolon" (case-insensitive).
Result<char> ParseCsvDelimiter(std::string_view text);

// Checks option consistency (quote differs from delimiter, neither is '\n' or '\r').
Status ValidateCsvOptions(const CsvOptions& options);

// Resolves `path` against `base_directory` unless it is absolute or the base is empty.
std::string ResolveCsvPath(const std::string& base_directory, const std::string& path);

}  // namespace dq
