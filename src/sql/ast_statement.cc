#include "sql/ast_statement.h"

namespace dq::sql {

namespace {

std::string NamesToString(const std::vector<std::string>& names) {
  return JoinStrings(names, ", ", [](const std::string& name) { return QuoteIdentifier(name); });
}

std::string ColumnsToString(const std::vector<ColumnDefinition>& columns) {
  return JoinStrings(columns, ", ",
                     [](const ColumnDefinition& column) { return column.ToString(); });
}

}  // namespace

std::string OptionsToString(const OptionList& options, bool omit_empty) {
  if (options.empty() && omit_empty) return "";
  return " OPTIONS(" +
         JoinStrings(options, ", ",
                     [](const OptionEntry& option) {
                       return QuoteIdentifier(option.name) + " = " + option.value->ToString();
                     }) +
         ")";
}

std::string ColumnDefinition::ToString() const {
  std::string result = QuoteIdentifier(name) + " " + type->ToString();
  if (not_null) result += " NOT NULL";
  if (primary_key) result += " PRIMARY KEY NOT ENFORCED";
  if (default_value != nullptr) result += " DEFAULT " + default_value->ToString();
  return result + OptionsToString(options);
}

std::string ExplainStatement::ToString() const {
  return std::string(analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + statement->ToString();
}

std::string CreateSchemaStatement::ToString() const {
  return std::string("CREATE SCHEMA ") + (if_not_exists ? "IF NOT EXISTS " : "") +
         PathToString(name) + OptionsToString(options);
}

std::string DropStatement::ToString() const {
  std::string object;
  switch (kind) {
    case StatementKind::kDropSchema:
      object = "SCHEMA";
      break;
    case StatementKind::kDropTable:
      object = "TABLE";
      break;
    case StatementKind::kDropView:
      object = "VIEW";
      break;
    case StatementKind::kDropModel:
      object = "MODEL";
      break;
    default:
      object = "INDEX";
      break;
  }
  std::string result = "DROP " + object + (if_exists ? " IF EXISTS " : " ") + PathToString(name);
  if (!index_table.empty()) result += " ON " + PathToString(index_table);
  if (mode == Mode::kCascade) result += " CASCADE";
  if (mode == Mode::kRestrict) result += " RESTRICT";
  return result;
}

std::string CreateTableStatement::ToString() const {
  std::string result = "CREATE ";
  if (or_replace) result += "OR REPLACE ";
  if (temporary) result += "TEMP ";
  result += "TABLE ";
  if (if_not_exists) result += "IF NOT EXISTS ";
  result += PathToString(name);
  if (!columns.empty() || !primary_key.empty()) {
    result += " (" + ColumnsToString(columns);
    if (!primary_key.empty()) {
      result += std::string(columns.empty() ? "" : ", ") + "PRIMARY KEY (" +
                NamesToString(primary_key) + ") NOT ENFORCED";
    }
    result += ")";
  }
  result += OptionsToString(options);
  if (query != nullptr) result += " AS " + query->ToString();
  return result;
}

std::string CreateViewStatement::ToString() const {
  std::string result = "CREATE ";
  if (or_replace) result += "OR REPLACE ";
  result += "VIEW ";
  if (if_not_exists) result += "IF NOT EXISTS ";
  result += PathToString(name);
  if (!column_names.empty()) result += " (" + NamesToString(column_names) + ")";
  return result + OptionsToString(options) + " AS " + query->ToString();
}

std::string CreateModelStatement::ToString() const {
  std::string result = "CREATE ";
  if (or_replace) result += "OR REPLACE ";
  result += "MODEL ";
  if (if_not_exists) result += "IF NOT EXISTS ";
  result += PathToString(name) + OptionsToString(options);
  if (query != nullptr) result += " AS " + query->ToString();
  return result;
}

std::string CreateIndexStatement::ToString() const {
  std::string result = "CREATE ";
  if (or_replace) result += "OR REPLACE ";
  if (unique) result += "UNIQUE ";
  if (vector) result += "VECTOR ";
  result += "INDEX ";
  if (if_not_exists) result += "IF NOT EXISTS ";
  result += PathToString(name) + " ON " + PathToString(table) + "(" +
            JoinStrings(columns, ", ", [](const OrderByItem& item) { return item.ToString(); }) +
            ")";
  return result + OptionsToString(options);
}

std::string InsertStatement::ToString() const {
  std::string result = "INSERT INTO " + PathToString(table);
  if (!columns.empty()) result += " (" + NamesToString(columns) + ")";
  if (query != nullptr) return result + " " + query->ToString();
  return result + " VALUES " + JoinStrings(rows, ", ", [](const ExpressionList& row) {
           return "(" +
                  JoinStrings(row, ", ",
                              [](const ExpressionPtr& value) { return value->ToString(); }) +
                  ")";
         });
}

std::string DeleteStatement::ToString() const {
  std::string result = "DELETE FROM " + PathToString(table) + AliasToString(alias);
  if (where != nullptr) result += " WHERE " + where->ToString();
  return result;
}

std::string UpdateStatement::ToString() const {
  std::string result =
      "UPDATE " + PathToString(table) + AliasToString(alias) + " SET " +
      JoinStrings(assignments, ", ", [](const Assignment& assignment) {
        return PathToString(assignment.target) + " = " + assignment.value->ToString();
      });
  if (from != nullptr) result += " FROM " + from->ToString();
  if (where != nullptr) result += " WHERE " + where->ToString();
  return result;
}

std::string TruncateStatement::ToString() const { return "TRUNCATE TABLE " + PathToString(table); }

std::string LoadDataStatement::ToString() const {
  std::string result = overwrite ? "LOAD DATA OVERWRITE " : "LOAD DATA INTO ";
  if (temporary) result += "TEMP TABLE ";
  result += PathToString(table);
  if (!columns.empty()) result += " (" + ColumnsToString(columns) + ")";
  result += OptionsToString(table_options);
  return result + " FROM FILES" + OptionsToString(file_options, false).substr(8);
}

std::string SetStatement::ToString() const {
  return "SET " + PathToString(name) + " = " + value->ToString();
}

}  // namespace dq::sql

namespace dq::sql {

namespace {

std::string AssignmentsToString(const std::vector<UpdateStatement::Assignment>& assignments) {
  return JoinStrings(assignments, ", ", [](const UpdateStatement::Assignment& assignment) {
    return PathToString(assignment.target) + " = " + assignment.value->ToString();
  });
}

std::string WhenClauseToString(const MergeStatement::WhenClause& clause) {
  std::string result = " WHEN ";
  switch (clause.match) {
    case MergeStatement::MatchKind::kMatched: result += "MATCHED"; break;
    case MergeStatement::MatchKind::kNotMatchedByTarget: result += "NOT MATCHED BY TARGET"; break;
    case MergeStatement::MatchKind::kNotMatchedBySource: result += "NOT MATCHED BY SOURCE"; break;
  }
  if (clause.condition != nullptr) result += " AND " + clause.condition->ToString();
  result += " THEN ";
  switch (clause.action) {
    case MergeStatement::ActionKind::kUpdate:
      return result + "UPDATE SET " + AssignmentsToString(clause.assignments);
    case MergeStatement::ActionKind::kDelete:
      return result + "DELETE";
    case MergeStatement::ActionKind::kInsert:
      result += "INSERT";
      if (!clause.insert_columns.empty()) result += " (" + NamesToString(clause.insert_columns) + ")";
      if (clause.insert_row) return result + " ROW";
      return result + " VALUES (" +
             JoinStrings(clause.insert_values, ", ",
                         [](const ExpressionPtr& value) { return value->ToString(); }) +
             ")";
  }
  return result;
}

}  // namespace

std::string MergeStatement::ToString() const {
  std::string result = "MERGE INTO " + PathToString(table) + AliasToString(alias) + " USING " +
                       source->ToString() + " ON " + condition->ToString();
  for (const WhenClause& clause : clauses) result += WhenClauseToString(clause);
  return result;
}

std::string AlterTableStatement::Action::ToString() const {
  std::string exists = if_exists ? "IF EXISTS " : "";
  std::string name = QuoteIdentifier(column_name);
  switch (kind) {
    case ActionKind::kAddColumn:
      return std::string("ADD COLUMN ") + (if_not_exists ? "IF NOT EXISTS " : "") +
             column.ToString();
    case ActionKind::kDropColumn: return "DROP COLUMN " + exists + name;
    case ActionKind::kRenameColumn:
      return "RENAME COLUMN " + exists + name + " TO " + PathToString(new_name);
    case ActionKind::kRenameTable: return "RENAME TO " + PathToString(new_name);
    case ActionKind::kSetDefault:
      return "ALTER COLUMN " + exists + name + " SET DEFAULT " + default_value->ToString();
    case ActionKind::kDropDefault: return "ALTER COLUMN " + exists + name + " DROP DEFAULT";
    case ActionKind::kDropNotNull: return "ALTER COLUMN " + exists + name + " DROP NOT NULL";
    case ActionKind::kSetDataType:
      return "ALTER COLUMN " + exists + name + " SET DATA TYPE " + data_type->ToString();
    case ActionKind::kSetOptions: return "SET" + OptionsToString(options, false);
    case ActionKind::kSetColumnOptions:
      return "ALTER COLUMN " + exists + name + " SET" + OptionsToString(options, false);
  }
  return "";
}

std::string AlterTableStatement::ToString() const {
  return std::string("ALTER TABLE ") + (if_exists ? "IF EXISTS " : "") + PathToString(table) +
         " " + JoinStrings(actions, ", ", [](const Action& action) { return action.ToString(); });
}

}  // namespace dq::sql
