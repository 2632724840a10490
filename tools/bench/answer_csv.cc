#include "answer_csv.h"

#include <cstdio>
#include <optional>
#include <vector>

#include "row_formats.h"

namespace deepquery::tools {

std::string FormatAnswerDouble(double value) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.15g", value);
  return text;
}

std::string ResultToAnswerCsv(const Result& result) {
  std::vector<std::optional<std::string>> fields(result.column_count());
  for (size_t column = 0; column < result.column_count(); ++column) {
    fields[column] = result.column_name(column);
  }
  std::string csv = CsvLine(fields);
  for (size_t row = 0; row < result.row_count(); ++row) {
    for (size_t column = 0; column < result.column_count(); ++column) {
      if (result.IsNull(row, column)) {
        fields[column] = std::nullopt;
        continue;
      }
      switch (result.column_kind(column)) {
        case ColumnKind::kFloat64:
          fields[column] = FormatAnswerDouble(result.GetDouble(row, column));
          break;
        case ColumnKind::kInt64:
          fields[column] = std::to_string(result.GetInt64(row, column));
          break;
        default:
          fields[column] = result.GetString(row, column);
          break;
      }
    }
    csv += CsvLine(fields);
  }
  return csv;
}

}  // namespace deepquery::tools
