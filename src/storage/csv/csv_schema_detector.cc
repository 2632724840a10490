#include "storage/csv/csv_schema_detector.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

#include "storage/csv/csv_field_converter.h"
#include "storage/csv/csv_tokenizer.h"
#include "storage/csv/mapped_file.h"
#include "types/date_time.h"

namespace dq {

namespace {

constexpr char kDelimiterCandidates[] = {',', '\t', '|', ';'};
constexpr size_t kDelimiterSampleRecords = 20;

using Record = std::vector<std::string>;

bool HasDigit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsIdentifierLike(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ' || c == '-';
  });
}

// The narrowest type two values' types both fit.
TypeId JoinTypes(TypeId left, TypeId right) {
  if (left == TypeId::kNull) return right;
  if (right == TypeId::kNull || left == right) return left;
  auto is = [&](TypeId a, TypeId b) {
    return (left == a && right == b) || (left == b && right == a);
  };
  if (is(TypeId::kInt64, TypeId::kFloat64)) return TypeId::kFloat64;
  if (is(TypeId::kDate, TypeId::kDatetime)) return TypeId::kDatetime;
  if (is(TypeId::kDate, TypeId::kTimestamp) || is(TypeId::kDatetime, TypeId::kTimestamp)) {
    return TypeId::kTimestamp;
  }
  return TypeId::kString;
}

// Reads up to `limit` records of `file`; false on a malformed record, with *error set.
bool SampleRecords(const MappedFile& file, const CsvDialect& dialect, size_t limit,
                   std::vector<Record>* records, std::string* error) {
  CsvTokenizer tokenizer(file.data(), file.size(), dialect);
  Record record;
  while (records->size() < limit) {
    if (!ReadCsvRecord(tokenizer, &record, nullptr, error)) return false;
    if (record.empty()) break;
    records->push_back(record);
  }
  return true;
}

char DetectDelimiter(const MappedFile& file, char quote) {
  char best = ',';
  size_t best_consistent = 0;
  size_t best_fields = 1;
  for (char candidate : kDelimiterCandidates) {
    CsvDialect dialect{candidate, quote, true};
    std::vector<Record> records;
    std::string error;
    if (!SampleRecords(file, dialect, kDelimiterSampleRecords, &records, &error) &&
        records.empty()) {
      continue;
    }
    if (records.empty()) continue;
    size_t fields = records.front().size();
    size_t consistent = 0;
    for (const Record& record : records) consistent += record.size() == fields ? 1 : 0;
    if (fields <= 1) continue;
    if (consistent > best_consistent || (consistent == best_consistent && fields > best_fields)) {
      best = candidate;
      best_consistent = consistent;
      best_fields = fields;
    }
  }
  return best;
}

std::vector<std::string> SanitizeNames(const Record& header, size_t column_count) {
  std::vector<std::string> names;
  std::set<std::string> used;  // lower-case: column names are case-insensitive
  for (size_t column = 0; column < column_count; ++column) {
    std::string name;
    std::string_view raw = column < header.size() ? std::string_view(header[column]) : "";
    for (char c : raw) {
      name.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_');
    }
    if (name.find_first_not_of('_') == std::string::npos) {
      name = "string_field_" + std::to_string(column);
    }
    if (std::isdigit(static_cast<unsigned char>(name[0]))) name = "_" + name;
    if (name.size() > 300) name.resize(300);
    std::string candidate = name;
    auto lower = [](std::string text) {
      for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return text;
    };
    for (int suffix = 2; used.count(lower(candidate)) > 0; ++suffix) {
      candidate = name + "_" + std::to_string(suffix);
    }
    used.insert(lower(candidate));
    names.push_back(candidate);
  }
  return names;
}

bool IsNullField(const std::string& text, const CsvOptions& options) {
  return text.empty() || text == options.null_marker;
}

std::vector<TypeId> ColumnTypes(const std::vector<Record>& records, size_t first,
                                size_t column_count, const CsvOptions& options) {
  std::vector<TypeId> types(column_count, TypeId::kNull);
  for (size_t row = first; row < records.size(); ++row) {
    const Record& record = records[row];
    for (size_t column = 0; column < record.size() && column < column_count; ++column) {
      if (IsNullField(record[column], options)) continue;
      types[column] = JoinTypes(types[column], DetectCsvValueType(record[column]));
    }
  }
  return types;
}

bool LooksLikeHeader(const std::vector<Record>& records, const std::vector<TypeId>& data_types,
                     const CsvOptions& options) {
  if (records.size() < 2) return false;
  const Record& first = records.front();
  for (const std::string& value : first) {
    if (IsNullField(value, options)) return false;
  }
  bool all_strings = true;
  for (size_t column = 0; column < first.size() && column < data_types.size(); ++column) {
    TypeId data_type = data_types[column];
    if (data_type == TypeId::kString || data_type == TypeId::kNull) continue;
    all_strings = false;
    if (JoinTypes(data_type, DetectCsvValueType(first[column])) != data_type) return true;
  }
  if (!all_strings) return false;
  std::set<std::string> distinct(first.begin(), first.end());
  if (distinct.size() != first.size()) return false;
  for (const std::string& value : first) {
    if (!IsIdentifierLike(value)) return false;
  }
  for (size_t row = 1; row < records.size(); ++row) {
    for (const std::string& value : records[row]) {
      if (!IsNullField(value, options) && !IsIdentifierLike(value)) return true;
    }
  }
  return false;
}

}  // namespace

TypeId DetectCsvValueType(std::string_view text) {
  if (text == "true" || text == "false" || text == "TRUE" || text == "FALSE" || text == "True" ||
      text == "False") {
    return TypeId::kBool;
  }
  int64_t integer;
  if (ParseCsvInt64(text, &integer)) return TypeId::kInt64;
  double number;
  if (HasDigit(text) && ParseCsvFloat64(text, &number)) return TypeId::kFloat64;
  int32_t days;
  if (ParseDate(text, &days)) return TypeId::kDate;
  int64_t micros;
  if (ParseDatetime(text, &micros)) return TypeId::kDatetime;
  if (ParseTimestamp(text, &micros)) return TypeId::kTimestamp;
  if (text.find(':') != std::string_view::npos && ParseTime(text, &micros)) return TypeId::kTime;
  return TypeId::kString;
}

Result<CsvSchema> DetectCsvSchema(const std::vector<std::string>& files,
                                  const CsvOptions& options) {
  if (files.empty()) return Status::InvalidInput("Schema detection needs at least one file");
  CsvSchema schema;
  const uint64_t skip = options.skip_leading_rows.value_or(0);
  const size_t per_file_limit = options.sample_rows + static_cast<size_t>(skip) + 1;
  std::vector<std::vector<Record>> per_file;
  size_t sampled = 0;
  for (size_t file_index = 0; file_index < files.size() && sampled < per_file_limit; ++file_index) {
    DQ_ASSIGN_OR_RETURN(
        std::unique_ptr<MappedFile> file,
        MappedFile::Open(ResolveCsvPath(options.base_directory, files[file_index])));
    if (file_index == 0) {
      schema.delimiter = options.field_delimiter.has_value()
                             ? *options.field_delimiter
                             : DetectDelimiter(*file, options.quote);
    }
    CsvDialect dialect{schema.delimiter, options.quote, options.allow_quoted_newlines};
    std::vector<Record> file_records;
    std::string error;
    if (!SampleRecords(*file, dialect, per_file_limit, &file_records, &error)) {
      return Status::InvalidInput(files[file_index] + ": schema detection failed: " + error);
    }
    sampled += file_records.size();
    per_file.push_back(std::move(file_records));
  }
  const std::vector<Record>& first_file = per_file.front();
  if (first_file.empty()) {
    return Status::InvalidInput(files[0] + ": no rows to detect a schema from");
  }
  size_t column_count = 0;
  for (const std::vector<Record>& file_records : per_file) {
    for (const Record& record : file_records) {
      column_count = std::max(column_count, record.size());
    }
  }
  // Header rows per file: given, or decided on the first file.
  size_t header_rows;
  if (options.skip_leading_rows.has_value()) {
    header_rows = static_cast<size_t>(skip);
  } else {
    std::vector<TypeId> rest = ColumnTypes(first_file, 1, column_count, options);
    header_rows = LooksLikeHeader(first_file, rest, options) ? 1 : 0;
  }
  schema.has_header = header_rows > 0;
  std::vector<Record> records;
  for (const std::vector<Record>& file_records : per_file) {
    for (size_t row = header_rows; row < file_records.size(); ++row) {
      if (records.size() < options.sample_rows) records.push_back(file_records[row]);
    }
  }
  std::vector<TypeId> type_ids = ColumnTypes(records, 0, column_count, options);
  for (TypeId id : type_ids) schema.types.push_back(id == TypeId::kNull ? TypeId::kString : id);
  Record header;
  if (schema.has_header && header_rows <= first_file.size()) header = first_file[header_rows - 1];
  schema.names = SanitizeNames(header, column_count);
  return schema;
}

void ApplyCsvSchema(const CsvSchema& schema, CsvOptions* options) {
  options->field_delimiter = schema.delimiter;
  if (!options->skip_leading_rows.has_value()) {
    options->skip_leading_rows = schema.has_header ? 1 : 0;
  }
}

}  // namespace dq
