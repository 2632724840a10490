// Appending rows to a stored table inside a write transaction.
//
// A table's last row group is rewritten together with the new rows while it is small, so a
// stream of small INSERTs keeps the table in few, full row groups instead of one file each.
#pragma once

#include <memory>

#include "catalog/catalog_entries.h"
#include "exec/column_data_collection.h"
#include "storage/warehouse.h"

namespace dq {

// Appends `rows` (whose types are the table's column types) and stores the updated entry in
// the transaction's catalog. Throws dq::Error on failure (the caller aborts).
// REQUIRES: `table` is the transaction catalog's current entry (id set).
void AppendRows(WriteTransaction& transaction, const std::string& warehouse_directory,
                const TableEntry& table, const ColumnDataCollection& rows);

// Replaces the table's contents with `rows` (the table's column types) and stores the entry
// in the transaction's catalog: `table` with its row groups replaced by the new ones. Throws
// dq::Error on failure (the caller aborts). REQUIRES: `table.id` is the stored table's id.
void ReplaceTableContents(WriteTransaction& transaction, const std::string& warehouse_directory,
                          const TableEntry& table, const ColumnDataCollection& rows);

// Converts the columns of `rows` to `types` (GoogleSQL implicit coercions only); throws a
// kBinding error naming the column when a type cannot be inserted.
std::shared_ptr<ColumnDataCollection> CoerceRows(std::shared_ptr<ColumnDataCollection> rows,
                                                 const std::vector<LogicalType>& types,
                                                 const std::vector<std::string>& column_names,
                                                 int64_t position);

}  // namespace dq
