// DELETE, UPDATE and TRUNCATE TABLE.
//
// Tables are immutable segment files, so these statements compute the table's new contents
// with a query over the current snapshot and commit them as new segments in one transaction
// (the old segments stay until no snapshot needs them). The write lock is held from the
// start, so no other write can slip in between reading and committing. A statement that
// changes no row commits nothing.
#include "common/error.h"
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "main/table_writer.h"
#include "plan/coercion.h"
#include "functions/function_registry.h"
#include "plan/expression_binder.h"
#include "sql/parser.h"

namespace dq {

namespace {

// COALESCE(predicate, FALSE): rows where the predicate is TRUE.
ExpressionPtr IsTrue(ExpressionPtr predicate) {
  auto coalesce = std::make_unique<Expression>();
  coalesce->kind = ExpressionKind::kCoalesce;
  coalesce->type = TypeId::kBool;
  coalesce->children.push_back(std::move(predicate));
  coalesce->children.push_back(MakeConstant(Value::Bool(false)));
  return coalesce;
}

ExpressionPtr Not(ExpressionPtr expression) {
  auto negation = std::make_unique<Expression>();
  negation->kind = ExpressionKind::kNot;
  negation->type = TypeId::kBool;
  negation->children.push_back(std::move(expression));
  return negation;
}

// Counts the rows of `plan` for which `predicate` is TRUE.
int64_t CountMatches(StatementScope& scope, Binder& binder, LogicalOperatorPtr plan,
                     ExpressionPtr predicate) {
  auto filter = std::make_unique<LogicalFilter>();
  filter->predicates.push_back(IsTrue(std::move(predicate)));
  filter->children.push_back(std::move(plan));
  BindScope empty;
  AggregateCollector collector;
  auto aggregate = std::make_unique<LogicalAggregate>();
  aggregate->group_index = 0;
  const auto* count = FunctionRegistry::Get().FindAggregate("COUNT_STAR");
  DQ_CHECK(count && !count->empty());
  BoundAggregate bound;
  bound.function = &(*count)[0];
  bound.return_type = bound.function->return_type;
  aggregate->aggregates.push_back(std::move(bound));
  aggregate->children.push_back(std::move(filter));
  BoundQuery query;
  query.plan = std::move(aggregate);
  std::shared_ptr<ColumnDataCollection> rows = RunBoundQuery(scope, query);
  return rows->GetValue(0, 0).int64_value();
}

// Replaces the table's contents with `rows` inside `transaction`.
void ReplaceContents(StatementScope& scope, WriteTransaction& transaction, const TableEntry& table,
                     const ColumnDataCollection& rows) {
  ReplaceTableContents(transaction, scope.client.database().warehouse().directory(), table, rows);
}

}  // namespace

std::unique_ptr<QueryResult> RunTruncate(StatementScope& scope,
                                         const sql::TruncateStatement& statement) {
  auto transaction = scope.client.database().warehouse().BeginWrite().ValueOrThrow();
  Binder binder = MakeBinder(scope);
  std::shared_ptr<const TableEntry> table = binder.ResolveTable(statement.table, statement.position);
  int64_t removed = static_cast<int64_t>(table->row_count);
  ReplaceContents(scope, *transaction, *table, ColumnDataCollection(table->ColumnTypes()));
  transaction->Commit().ThrowIfError();
  return QueryResult::FromMessage("Truncated table " + table->dataset + "." + table->name +
                                      " (" + FormatCount(removed) + " rows removed)",
                                  removed);
}

std::unique_ptr<QueryResult> RunDelete(StatementScope& scope, const sql::DeleteStatement& statement) {
  if (!statement.where) {
    throw Error(ErrorKind::kBinding, "DELETE must have a WHERE clause", statement.position);
  }
  auto transaction = scope.client.database().warehouse().BeginWrite().ValueOrThrow();
  Binder binder = MakeBinder(scope);
  std::shared_ptr<const TableEntry> table = binder.ResolveTable(statement.table, statement.position);
  std::string alias = statement.alias.empty() ? table->name : statement.alias;

  BindScope count_scope;
  LogicalOperatorPtr count_plan = binder.BindTableScan(statement.table, alias, statement.position, count_scope);
  ExpressionPtr count_predicate = binder.BindPredicate(*statement.where, count_scope, count_plan, "WHERE clause");
  int64_t deleted = CountMatches(scope, binder, std::move(count_plan), std::move(count_predicate));
  std::string name = table->dataset + "." + table->name;
  if (deleted == 0) return QueryResult::FromMessage("Deleted 0 rows from " + name, 0);

  // The rows to keep: those where the predicate is not TRUE.
  BindScope keep_scope;
  LogicalOperatorPtr plan = binder.BindTableScan(statement.table, alias, statement.position, keep_scope);
  std::vector<ColumnBinding> columns = plan->Bindings();
  std::vector<LogicalType> types = plan->Types();
  ExpressionPtr predicate = binder.BindPredicate(*statement.where, keep_scope, plan, "WHERE clause");
  auto filter = std::make_unique<LogicalFilter>();
  filter->predicates.push_back(Not(IsTrue(std::move(predicate))));
  filter->children.push_back(std::move(plan));
  auto projection = std::make_unique<LogicalProjection>();
  projection->table_index = 0;
  for (size_t column = 0; column < columns.size(); ++column) {
    projection->expressions.push_back(MakeColumnRef(columns[column], types[column], ""));
  }
  projection->children.push_back(std::move(filter));
  BoundQuery query;
  query.plan = std::move(projection);
  std::shared_ptr<ColumnDataCollection> kept = RunBoundQuery(scope, query);
  ReplaceContents(scope, *transaction, *table, *kept);
  transaction->Commit().ThrowIfError();
  return QueryResult::FromMessage("Deleted " + FormatCount(deleted) +
                                      (deleted == 1 ? " row from " : " rows from ") + name,
                                  deleted);
}

std::unique_ptr<QueryResult> RunUpdate(StatementScope& scope, const sql::UpdateStatement& statement) {
  if (!statement.where) {
    throw Error(ErrorKind::kBinding, "UPDATE must have a WHERE clause", statement.position);
  }
  if (statement.from) {
    throw Error(ErrorKind::kNotSupported, "UPDATE ... FROM is not supported yet", statement.position);
  }
  auto transaction = scope.client.database().warehouse().BeginWrite().ValueOrThrow();
  Binder binder = MakeBinder(scope);
  std::shared_ptr<const TableEntry> table = binder.ResolveTable(statement.table, statement.position);
  std::string alias = statement.alias.empty() ? table->name : statement.alias;
  std::string name = table->dataset + "." + table->name;

  BindScope count_scope;
  LogicalOperatorPtr count_plan = binder.BindTableScan(statement.table, alias, statement.position, count_scope);
  ExpressionPtr count_predicate = binder.BindPredicate(*statement.where, count_scope, count_plan, "WHERE clause");
  int64_t updated = CountMatches(scope, binder, std::move(count_plan), std::move(count_predicate));

  BindScope scope_of_rows;
  LogicalOperatorPtr plan = binder.BindTableScan(statement.table, alias, statement.position, scope_of_rows);
  std::vector<ColumnBinding> columns = plan->Bindings();
  std::vector<LogicalType> types = plan->Types();
  // New value per assigned column; the others keep theirs.
  std::vector<ExpressionPtr> assigned(columns.size());
  for (const auto& assignment : statement.assignments) {
    if (assignment.target.size() > 2 ||
        (assignment.target.size() == 2 && !IdentifierEquals(assignment.target[0], alias))) {
      throw Error(ErrorKind::kNotSupported, "UPDATE of struct fields is not supported yet",
                  assignment.position);
    }
    std::optional<size_t> column = table->FindColumn(assignment.target.back());
    if (!column) {
      throw Error(ErrorKind::kBinding,
                  "Unrecognized name: " + assignment.target.back() + " in table " + name,
                  assignment.position);
    }
    if (assigned[*column]) {
      throw Error(ErrorKind::kBinding,
                  "UPDATE assigns column " + table->columns[*column].name + " more than once",
                  assignment.position);
    }
    ExpressionPtr value;
    if (assignment.value->kind == sql::ExpressionKind::kDefault) {
      const ColumnDefinition& definition = table->columns[*column];
      value = definition.default_sql.empty()
                  ? MakeConstant(Value::Null(definition.type))
                  : binder.BindScalar(*sql::ParseExpression(definition.default_sql), scope_of_rows, plan, "DEFAULT");
    } else {
      value = binder.BindScalar(*assignment.value, scope_of_rows, plan, "UPDATE SET");
    }
    if (value->type.id() != TypeId::kNull &&
        !CoercionCost(value->type, types[*column], value->IsConstant())) {
      throw Error(ErrorKind::kBinding,
                  "Value of type " + value->type.ToString() + " cannot be assigned to " +
                      table->columns[*column].name + ", which has type " + types[*column].ToString(),
                  assignment.value->position);
    }
    assigned[*column] = CoerceTo(std::move(value), types[*column]);
  }
  if (updated == 0) return QueryResult::FromMessage("Updated 0 rows in " + name, 0);
  ExpressionPtr predicate = binder.BindPredicate(*statement.where, scope_of_rows, plan, "WHERE clause");
  auto projection = std::make_unique<LogicalProjection>();
  projection->table_index = 0;
  for (size_t column = 0; column < columns.size(); ++column) {
    ExpressionPtr current = MakeColumnRef(columns[column], types[column], "");
    if (!assigned[column]) {
      projection->expressions.push_back(std::move(current));
      continue;
    }
    auto choice = std::make_unique<Expression>();
    choice->kind = ExpressionKind::kCase;
    choice->type = types[column];
    choice->children.push_back(IsTrue(predicate->Copy()));
    choice->children.push_back(std::move(assigned[column]));
    choice->children.push_back(std::move(current));
    projection->expressions.push_back(std::move(choice));
  }
  projection->children.push_back(std::move(plan));
  BoundQuery query;
  query.plan = std::move(projection);
  std::shared_ptr<ColumnDataCollection> rows = RunBoundQuery(scope, query);
  try {
    ReplaceContents(scope, *transaction, *table, *rows);
  } catch (Error& error) {
    error.SetPositionIfAbsent(statement.position);
    throw;
  }
  transaction->Commit().ThrowIfError();
  return QueryResult::FromMessage("Updated " + FormatCount(updated) +
                                      (updated == 1 ? " row in " : " rows in ") + name,
                                  updated);
}

}  // namespace dq
