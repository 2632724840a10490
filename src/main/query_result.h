// QueryResult: the outcome of one statement: an error, or rows (with names and types), or a
// summary message for statements without rows.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "exec/column_data_collection.h"

namespace dq {

struct QueryResult {
  bool ok = true;
  ErrorKind error_kind = ErrorKind::kInternal;
  std::string error_message;  // with " [at L:C]" when a position applies

  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::shared_ptr<ColumnDataCollection> rows;  // null for statements without rows
  // Flat row index -> (chunk, row) for random access by the API.
  std::vector<std::pair<uint32_t, uint32_t>> row_index;

  std::string message;  // "Created table shop.sales", "Loaded 1,204 rows into shop.sales"
  int64_t rows_affected = 0;
  double elapsed_seconds = 0;

  static std::unique_ptr<QueryResult> FromError(const Error& error, std::string_view sql);
  static std::unique_ptr<QueryResult> FromMessage(std::string message, int64_t rows_affected = 0);
  // Takes the rows and builds the row index.
  void SetRows(std::vector<std::string> column_names, std::shared_ptr<ColumnDataCollection> data);
  Value GetValue(size_t row, size_t column) const;
  size_t row_count() const { return row_index.size(); }
};

// "1,204"
std::string FormatCount(uint64_t count);

}  // namespace dq
