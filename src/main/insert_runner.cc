// INSERT INTO t [(columns)] VALUES ... | query.
#include <algorithm>

#include "common/error.h"
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "main/table_writer.h"
#include "plan/coercion.h"
#include "sql/parser.h"

namespace dq {

namespace {

// The value a column gets when the INSERT does not set it: its DEFAULT, else NULL.
Value DefaultValue(Binder& binder, const ColumnDefinition& column) {
  if (column.default_sql.empty()) return Value::Null(column.type);
  std::unique_ptr<sql::Expression> parsed = sql::ParseExpression(column.default_sql);
  Value value = binder.BindConstant(*parsed, "DEFAULT");
  if (value.is_null()) return Value::Null(column.type);
  ExpressionPtr coerced = CoerceTo(MakeConstant(value), column.type);
  return coerced->value;
}

}  // namespace

std::unique_ptr<QueryResult> RunInsert(StatementScope& scope, const sql::InsertStatement& statement) {
  Binder binder = MakeBinder(scope);
  std::shared_ptr<const TableEntry> table = binder.ResolveTable(statement.table, statement.position);
  std::vector<LogicalType> types = table->ColumnTypes();
  size_t column_count = table->columns.size();

  // Target column of each inserted value position.
  std::vector<size_t> targets;
  if (statement.columns.empty()) {
    for (size_t column = 0; column < column_count; ++column) targets.push_back(column);
  } else {
    for (const std::string& name : statement.columns) {
      std::optional<size_t> column = table->FindColumn(name);
      if (!column) {
        throw Error(ErrorKind::kBinding, "Column " + name + " is not present in table " +
                                             table->dataset + "." + table->name,
                    statement.position);
      }
      if (std::find(targets.begin(), targets.end(), *column) != targets.end()) {
        throw Error(ErrorKind::kBinding, "INSERT has columns with duplicate name: " + name,
                    statement.position);
      }
      targets.push_back(*column);
    }
  }
  std::vector<Value> defaults;
  for (const ColumnDefinition& column : table->columns) defaults.push_back(DefaultValue(binder, column));

  auto rows = std::make_shared<ColumnDataCollection>(types);
  if (!statement.rows.empty()) {
    DataChunk chunk(types);
    BindScope empty;
    for (const sql::ExpressionList& row : statement.rows) {
      if (row.size() != targets.size()) {
        throw Error(ErrorKind::kBinding,
                    "Inserted row has wrong column count; Has " + std::to_string(row.size()) +
                        ", expected " + std::to_string(targets.size()),
                    row.empty() ? statement.position : row[0]->position);
      }
      std::vector<Value> values = defaults;
      for (size_t index = 0; index < row.size(); ++index) {
        const sql::Expression& expression = *row[index];
        if (expression.kind == sql::ExpressionKind::kDefault) continue;
        size_t column = targets[index];
        Value value = binder.BindConstant(expression, "VALUES");
        std::optional<Value> coerced;
        try {
          coerced = CoerceLiteralValue(value, types[column]);
        } catch (Error& error) {
          error.SetPositionIfAbsent(expression.position);
          throw;
        }
        if (!coerced) {
          throw Error(ErrorKind::kBinding,
                      "Value has type " + value.type().ToString() +
                          " which cannot be inserted into column " + table->columns[column].name +
                          ", which has type " + types[column].ToString(),
                      expression.position);
        }
        values[column] = std::move(*coerced);
      }
      if (chunk.size() == kBatchSize) {
        rows->Append(chunk);
        chunk.Reset();
      }
      for (size_t column = 0; column < column_count; ++column) {
        chunk.SetValue(column, chunk.size(), values[column]);
      }
      chunk.SetSize(chunk.size() + 1);
    }
    rows->Append(chunk);
  } else {
    BoundQuery bound = binder.BindQuery(*statement.query);
    std::shared_ptr<ColumnDataCollection> result = RunBoundQuery(scope, bound);
    std::vector<LogicalType> target_types;
    std::vector<std::string> target_names;
    for (size_t column : targets) {
      target_types.push_back(types[column]);
      target_names.push_back(table->columns[column].name);
    }
    result = CoerceRows(result, target_types, target_names, statement.position);
    // Spread the query's columns over the table's columns, defaults elsewhere.
    for (size_t index = 0; index < result->chunk_count(); ++index) {
      const DataChunk& source = result->chunk(index);
      DataChunk chunk(types, std::max<size_t>(source.size(), 1));
      for (size_t column = 0; column < column_count; ++column) {
        auto position = std::find(targets.begin(), targets.end(), column);
        if (position != targets.end()) {
          CopyVector(source.column(position - targets.begin()), source.size(), chunk.column(column), 0);
        } else {
          for (size_t row = 0; row < source.size(); ++row) chunk.SetValue(column, row, defaults[column]);
        }
      }
      chunk.SetSize(source.size());
      rows->Append(chunk);
    }
  }
  auto transaction = scope.client.database().warehouse().BeginWrite().ValueOrThrow();
  std::shared_ptr<const TableEntry> current = transaction->catalog().FindTable(table->dataset, table->name);
  if (!current || current->id != table->id) {
    throw Error(ErrorKind::kCatalog, "Table " + table->dataset + "." + table->name +
                                         " changed while the INSERT ran; retry",
                statement.position);
  }
  try {
    AppendRows(*transaction, scope.client.database().warehouse().directory(), *current, *rows);
  } catch (Error& error) {
    error.SetPositionIfAbsent(statement.position);
    throw;
  }
  transaction->Commit().ThrowIfError();
  int64_t count = static_cast<int64_t>(rows->row_count());
  return QueryResult::FromMessage("Inserted " + FormatCount(count) + (count == 1 ? " row" : " rows") +
                                      " into " + table->dataset + "." + table->name,
                                  count);
}

}  // namespace dq
