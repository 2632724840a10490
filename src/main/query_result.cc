#include "main/query_result.h"

namespace dq {

std::unique_ptr<QueryResult> QueryResult::FromError(const Error& error, std::string_view sql) {
  auto result = std::make_unique<QueryResult>();
  result->ok = false;
  result->error_kind = error.kind();
  result->error_message = error.message();
  if (error.has_position()) {
    result->error_message += " [at " + FormatSqlPosition(sql, error.position()) + "]";
  }
  return result;
}

std::unique_ptr<QueryResult> QueryResult::FromMessage(std::string message, int64_t rows_affected) {
  auto result = std::make_unique<QueryResult>();
  result->message = std::move(message);
  result->rows_affected = rows_affected;
  return result;
}

void QueryResult::SetRows(std::vector<std::string> column_names,
                          std::shared_ptr<ColumnDataCollection> data) {
  names = std::move(column_names);
  types = data->types();
  rows = std::move(data);
  row_index.clear();
  row_index.reserve(rows->row_count());
  for (size_t chunk = 0; chunk < rows->chunk_count(); ++chunk) {
    for (size_t row = 0; row < rows->chunk(chunk).size(); ++row) {
      row_index.emplace_back(static_cast<uint32_t>(chunk), static_cast<uint32_t>(row));
    }
  }
}

Value QueryResult::GetValue(size_t row, size_t column) const {
  const auto& [chunk, offset] = row_index[row];
  return rows->chunk(chunk).GetValue(column, offset);
}

std::string FormatCount(uint64_t count) {
  std::string digits = std::to_string(count);
  std::string out;
  for (size_t index = 0; index < digits.size(); ++index) {
    if (index > 0 && (digits.size() - index) % 3 == 0) out += ',';
    out += digits[index];
  }
  return out;
}

}  // namespace dq
