#include "main/table_writer.h"

#include "common/error.h"
#include "functions/cast/cast.h"
#include "plan/coercion.h"
#include "storage/row_group_reader.h"

namespace dq {

void AppendRows(WriteTransaction& transaction, const std::string& warehouse_directory,
                const TableEntry& table, const ColumnDataCollection& rows) {
  TableEntry updated = table;
  std::unique_ptr<TableAppender> appender = transaction.CreateAppender(updated);
  std::vector<LogicalType> types = table.ColumnTypes();
  // Merge a small last row group into the new data (small in rows and in bytes: a group
  // closed at kRowGroupBytes compresses to more than an eighth of it but for exceptional data).
  if (!updated.row_groups.empty() && updated.row_groups.back().row_count < kRowGroupRows / 2 &&
      updated.row_groups.back().byte_size < kRowGroupBytes / 8) {
    RowGroupMeta last = updated.row_groups.back();
    updated.row_groups.pop_back();
    std::unique_ptr<RowGroupReader> reader =
        RowGroupReader::Open(warehouse_directory, last, types).ValueOrThrow();
    for (uint64_t start = 0; start < last.row_count; start += kBatchSize) {
      size_t count = std::min<uint64_t>(kBatchSize, last.row_count - start);
      DataChunk chunk(types, count);
      for (size_t column = 0; column < types.size(); ++column) {
        reader->ReadColumn(column, start, count, chunk.column(column)).ThrowIfError();
      }
      chunk.SetSize(count);
      appender->Append(chunk).ThrowIfError();
    }
  }
  for (size_t chunk = 0; chunk < rows.chunk_count(); ++chunk) {
    appender->Append(rows.chunk(chunk)).ThrowIfError();
  }
  std::vector<RowGroupMeta> written = std::move(appender->Finish()).ValueOrThrow();
  updated.row_groups.insert(updated.row_groups.end(), written.begin(), written.end());
  updated.row_count = 0;
  for (const RowGroupMeta& group : updated.row_groups) updated.row_count += group.row_count;
  updated.modified_micros = NowMicros();
  transaction.catalog().PutTable(std::move(updated)).ThrowIfError();
}

void ReplaceTableContents(WriteTransaction& transaction, const std::string& warehouse_directory,
                          const TableEntry& table, const ColumnDataCollection& rows) {
  TableEntry emptied = table;
  emptied.row_groups.clear();
  emptied.row_count = 0;
  emptied.modified_micros = NowMicros();
  transaction.catalog().PutTable(emptied).ThrowIfError();
  if (rows.row_count() == 0) return;
  auto stored = transaction.catalog().FindTable(table.dataset, table.name);
  AppendRows(transaction, warehouse_directory, *stored, rows);
}

std::shared_ptr<ColumnDataCollection> CoerceRows(std::shared_ptr<ColumnDataCollection> rows,
                                                 const std::vector<LogicalType>& types,
                                                 const std::vector<std::string>& column_names,
                                                 int64_t position) {
  const std::vector<LogicalType>& source_types = rows->types();
  if (source_types.size() != types.size()) {
    throw Error(ErrorKind::kBinding,
                "Inserted row has wrong column count; Has " + std::to_string(source_types.size()) +
                    ", expected " + std::to_string(types.size()),
                position);
  }
  if (source_types == types) return rows;
  for (size_t column = 0; column < types.size(); ++column) {
    if (!CoercionCost(source_types[column], types[column], false)) {
      throw Error(ErrorKind::kBinding,
                  "Query column " + std::to_string(column + 1) + " has type " +
                      source_types[column].ToString() + " which cannot be inserted into column " +
                      column_names[column] + ", which has type " + types[column].ToString(),
                  position);
    }
  }
  auto converted = std::make_shared<ColumnDataCollection>(types);
  for (size_t index = 0; index < rows->chunk_count(); ++index) {
    const DataChunk& source = rows->chunk(index);
    DataChunk target(types, std::max<size_t>(source.size(), 1));
    for (size_t column = 0; column < types.size(); ++column) {
      if (source_types[column] == types[column]) {
        CopyVector(source.column(column), source.size(), target.column(column), 0);
      } else {
        CastVector(source.column(column), source.size(), target.column(column), false);
      }
    }
    target.SetSize(source.size());
    converted->Append(target);
  }
  return converted;
}

}  // namespace dq
