// ALTER TABLE: ADD COLUMN, DROP COLUMN, RENAME COLUMN, RENAME TO, ALTER COLUMN SET/DROP
// DEFAULT, ALTER COLUMN DROP NOT NULL, ALTER COLUMN SET DATA TYPE, SET OPTIONS.
//
// The actions are applied in order to a copy of the table's entry, then committed in one
// transaction: all of them or none. Renames, defaults, NOT NULL and options only change the
// catalog. ADD COLUMN, DROP COLUMN and SET DATA TYPE on a table holding rows rewrite its
// contents as new segments (existing rows read NULL in an added column; a dropped column's
// data is gone; a retyped column's values are converted), the same way DELETE/UPDATE do:
// segment files always hold exactly the table's columns, in the catalog's types.
//
// SET DATA TYPE only widens, as in BigQuery: INT64 to NUMERIC or FLOAT64, NUMERIC to FLOAT64
// (and a type to itself). Every value of the old type has a value of the new one, so the
// conversion cannot fail half-way; a column's DEFAULT stays valid for the same reason.
//
// Views store SQL text and are bound again at each use, so renaming or dropping a column or a
// table that a view reads makes the view fail at its next use with the usual binding error
// ("Unrecognized name: ..." / "Not found: Table ...").
//
// SET OPTIONS (on the table or a column) checks that every value is a constant and otherwise
// ignores the options: the catalog has nowhere to store them yet.
#include <optional>

#include "common/error.h"
#include "functions/cast/cast.h"
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "main/table_writer.h"
#include "plan/coercion.h"
#include "sql/parser.h"

namespace dq {

namespace {

using Action = sql::AlterTableStatement::Action;
using ActionKind = sql::AlterTableStatement::ActionKind;

// The table being altered and where each of its columns comes from.
struct AlteredTable {
  TableEntry entry;
  std::vector<std::optional<size_t>> sources;  // per column: its old index; nullopt when added
  bool columns_changed = false;  // a column was added, dropped or retyped: rows are rewritten
};

// The default's SQL text after checking that it is a constant of the column's type.
std::string CheckedDefault(Binder& binder, const sql::Expression& value,
                           const ColumnDefinition& column) {
  Value constant = binder.BindConstant(value, "DEFAULT");
  if (!constant.is_null() && !CoercionCost(constant.type(), column.type, true)) {
    throw Error(ErrorKind::kBinding,
                "Default value of column " + column.name + " has type " +
                    constant.type().ToString() + ", expected " + column.type.ToString(),
                value.position);
  }
  return value.ToString();
}

void CheckOptions(Binder& binder, const sql::OptionList& options) {
  for (const sql::OptionEntry& option : options) binder.BindConstant(*option.value, "OPTIONS");
}

// Index of the column an action names; nullopt when absent and the action says IF EXISTS.
std::optional<size_t> FindActionColumn(const AlteredTable& table, const Action& action) {
  std::optional<size_t> column = table.entry.FindColumn(action.column_name);
  if (!column && !action.if_exists) {
    throw Error(ErrorKind::kBinding, "Column not found: " + action.column_name, action.position);
  }
  return column;
}

void AddColumn(Binder& binder, AlteredTable& table, const Action& action) {
  const sql::ColumnDefinition& column = action.column;
  if (table.entry.FindColumn(column.name)) {
    if (action.if_not_exists) return;
    throw Error(ErrorKind::kBinding, "Column already exists: " + column.name, column.position);
  }
  if (column.not_null) {
    throw Error(ErrorKind::kBinding,
                "ALTER TABLE ADD COLUMN cannot add a NOT NULL column: " + column.name,
                column.position);
  }
  ColumnDefinition definition;
  definition.name = column.name;
  definition.type = ResolveTypeName(*column.type);
  if (column.default_value) {
    definition.default_sql = CheckedDefault(binder, *column.default_value, definition);
  }
  table.entry.columns.push_back(std::move(definition));
  table.sources.push_back(std::nullopt);
  table.columns_changed = true;
}

void DropColumn(AlteredTable& table, const Action& action) {
  std::optional<size_t> column = FindActionColumn(table, action);
  if (!column) return;
  if (table.entry.columns.size() == 1) {
    throw Error(ErrorKind::kBinding,
                "Cannot drop column " + table.entry.columns[*column].name +
                    ": a table must keep at least one column",
                action.position);
  }
  table.entry.columns.erase(table.entry.columns.begin() + *column);
  table.sources.erase(table.sources.begin() + *column);
  table.columns_changed = true;
}

void RenameColumn(AlteredTable& table, const Action& action) {
  std::optional<size_t> column = FindActionColumn(table, action);
  if (!column) return;
  const std::string& new_name = action.new_name[0];
  std::optional<size_t> existing = table.entry.FindColumn(new_name);
  if (existing && *existing != *column) {
    throw Error(ErrorKind::kBinding, "Column already exists: " + new_name, action.position);
  }
  table.entry.columns[*column].name = new_name;
}

void RenameTable(const TableEntry& original, AlteredTable& table, const Action& action) {
  const std::vector<std::string>& path = action.new_name;
  if (path.size() > 1 && !EqualsIgnoreCase(path[path.size() - 2], original.dataset)) {
    throw Error(ErrorKind::kBinding,
                "ALTER TABLE RENAME TO cannot move table " + original.dataset + "." +
                    original.name + " to another dataset",
                action.position);
  }
  table.entry.name = path.back();
}

// Whether every value of `from` converts to `to` without loss of range (BigQuery's list of
// column type changes ALTER COLUMN SET DATA TYPE allows).
bool IsWideningConversion(const LogicalType& from, const LogicalType& to) {
  if (from == to) return true;
  switch (from.id()) {
    case TypeId::kInt64: return to.id() == TypeId::kNumeric || to.id() == TypeId::kFloat64;
    case TypeId::kNumeric: return to.id() == TypeId::kFloat64;
    default: return false;
  }
}

void SetDataType(AlteredTable& table, const Action& action) {
  std::optional<size_t> column = FindActionColumn(table, action);
  if (!column) return;
  ColumnDefinition& definition = table.entry.columns[*column];
  LogicalType type = ResolveTypeName(*action.data_type);
  if (type == definition.type) return;
  if (!IsWideningConversion(definition.type, type)) {
    throw Error(ErrorKind::kBinding,
                "ALTER COLUMN SET DATA TYPE cannot change column " + definition.name +
                    " from " + definition.type.ToString() + " to " + type.ToString() +
                    ": only INT64 to NUMERIC or FLOAT64 and NUMERIC to FLOAT64 are allowed",
                action.data_type->position);
  }
  definition.type = type;
  table.columns_changed = true;
}

void ApplyAction(Binder& binder, const TableEntry& original, AlteredTable& table,
                 const Action& action) {
  std::optional<size_t> column;
  switch (action.kind) {
    case ActionKind::kAddColumn: return AddColumn(binder, table, action);
    case ActionKind::kDropColumn: return DropColumn(table, action);
    case ActionKind::kRenameColumn: return RenameColumn(table, action);
    case ActionKind::kRenameTable: return RenameTable(original, table, action);
    case ActionKind::kSetOptions: return CheckOptions(binder, action.options);
    case ActionKind::kSetDefault:
      column = FindActionColumn(table, action);
      if (!column) return;
      table.entry.columns[*column].default_sql =
          CheckedDefault(binder, *action.default_value, table.entry.columns[*column]);
      return;
    case ActionKind::kDropDefault:
      column = FindActionColumn(table, action);
      if (column) table.entry.columns[*column].default_sql.clear();
      return;
    case ActionKind::kDropNotNull:
      column = FindActionColumn(table, action);
      if (column) table.entry.columns[*column].not_null = false;
      return;
    case ActionKind::kSetDataType: return SetDataType(table, action);
    case ActionKind::kSetColumnOptions:
      FindActionColumn(table, action);
      return CheckOptions(binder, action.options);
  }
}

// The table's rows rearranged to the altered columns (NULL in added ones, converted values in
// retyped ones).
ColumnDataCollection RearrangeRows(StatementScope& scope, Binder& binder,
                                   const sql::AlterTableStatement& statement,
                                   const TableEntry& original, const AlteredTable& table) {
  BindScope rows_scope;
  BoundQuery query;
  query.plan = binder.BindTableScan(statement.table, original.name, statement.position, rows_scope);
  std::shared_ptr<ColumnDataCollection> rows = RunBoundQuery(scope, query);
  std::vector<LogicalType> types = table.entry.ColumnTypes();
  ColumnDataCollection rearranged(types);
  for (size_t index = 0; index < rows->chunk_count(); ++index) {
    const DataChunk& input = rows->chunk(index);
    DataChunk output;
    for (size_t column = 0; column < types.size(); ++column) {
      if (!table.sources[column]) {
        output.columns().push_back(Vector::ConstantNull(types[column]));
      } else if (input.column(*table.sources[column]).type() != types[column]) {
        output.columns().emplace_back(types[column], input.size());
        CastVector(input.column(*table.sources[column]), input.size(), output.columns().back(),
                   false);
      } else {
        output.columns().emplace_back();
        output.columns().back().Reference(input.column(*table.sources[column]));
      }
    }
    output.SetSize(input.size());
    rearranged.Append(output);
  }
  return rearranged;
}

}  // namespace

std::unique_ptr<QueryResult> RunAlterTable(StatementScope& scope,
                                           const sql::AlterTableStatement& statement) {
  auto transaction = scope.client.database().warehouse().BeginWrite().ValueOrThrow();
  Binder binder = MakeBinder(scope);
  std::shared_ptr<const TableEntry> original;
  try {
    original = binder.ResolveTable(statement.table, statement.position);
  } catch (const Error& error) {
    if (!statement.if_exists || error.kind() != ErrorKind::kCatalog) throw;
    return QueryResult::FromMessage("Table " + statement.table.back() + " does not exist");
  }
  AlteredTable table{*original};
  for (size_t column = 0; column < original->columns.size(); ++column) {
    table.sources.push_back(column);
  }
  for (const Action& action : statement.actions) ApplyAction(binder, *original, table, action);

  std::string old_name = original->dataset + "." + original->name;
  CatalogBuilder& catalog = transaction->catalog();
  if (!EqualsIgnoreCase(table.entry.name, original->name)) {
    if (catalog.FindTable(original->dataset, table.entry.name) ||
        catalog.FindView(original->dataset, table.entry.name)) {
      throw Error(ErrorKind::kCatalog,
                  "Already exists: table " + original->dataset + "." + table.entry.name,
                  statement.position);
    }
    // The renamed entry keeps the table's id, so it keeps its segment files.
    catalog.DropTable(original->dataset, original->name).ThrowIfError();
  }
  table.entry.modified_micros = NowMicros();
  if (table.columns_changed && original->row_count > 0) {
    ColumnDataCollection rows = RearrangeRows(scope, binder, statement, *original, table);
    ReplaceTableContents(*transaction, scope.client.database().warehouse().directory(),
                         table.entry, rows);
  } else {
    if (table.columns_changed) {  // no rows: no segment file holds the old columns
      table.entry.row_groups.clear();
    }
    catalog.PutTable(table.entry).ThrowIfError();
  }
  transaction->Commit().ThrowIfError();
  return QueryResult::FromMessage("Altered table " + old_name);
}

}  // namespace dq
