// MERGE INTO target USING source ON condition WHEN ... (BigQuery semantics).
//
// Like DELETE and UPDATE (dml_runner.cc), MERGE computes the table's new contents with one
// query over the current snapshot and commits them as new segments in one transaction,
// holding the write lock from the read to the commit. The query is
//
//   target + $unique_id() tag   FULL JOIN   source + TRUE marker   ON condition
//     → action = CASE WHEN <clause 1 applies> THEN 1 WHEN <clause 2 applies> THEN 2 ... ELSE 0
//     → (tag, action, new value of each target column)
//
// A MATCHED clause applies to joined pairs (tag and marker set), NOT MATCHED [BY TARGET] to
// source rows without a target row (tag NULL), NOT MATCHED BY SOURCE to target rows without a
// source row (marker NULL); each clause's AND condition must also be TRUE, and the first
// clause that applies wins. The new value of a column is the value of the chosen UPDATE or
// INSERT clause, else the target's current value. Expressions are bound in the scope their
// clause can see: MATCHED both sides, NOT MATCHED BY TARGET the source only, NOT MATCHED BY
// SOURCE the target only (as in BigQuery).
//
// ChooseRows then keeps one row per target row (a target row joined with several source rows
// appears once per pair): the pair whose clause acted on it, or any pair when none did. Two
// pairs of one target row that both choose an UPDATE/DELETE clause are an error (BigQuery's
// "UPDATE/MERGE must match at most one source row for each target row"; PostgreSQL likewise
// rejects affecting a row twice, and neither complains about extra matches no clause acts on).
// Deleted rows are dropped, source rows that chose INSERT are added. NOT NULL is checked by the
// appender when the rows are written; a MERGE that changes no row commits nothing.
#include <unordered_map>

#include "common/error.h"
#include "functions/function_registry.h"
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "main/table_writer.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"
#include "sql/parser.h"

namespace dq {

namespace {

using Merge = sql::MergeStatement;

ExpressionPtr MakeOperator(ExpressionKind kind, LogicalType type,
                           std::vector<ExpressionPtr> children) {
  auto expression = std::make_unique<Expression>();
  expression->kind = kind;
  expression->type = std::move(type);
  expression->children = std::move(children);
  return expression;
}

ExpressionPtr IsNull(ColumnBinding binding, const LogicalType& type) {
  std::vector<ExpressionPtr> children;
  children.push_back(MakeColumnRef(binding, type, ""));
  return MakeOperator(ExpressionKind::kIsNull, TypeId::kBool, std::move(children));
}

ExpressionPtr IsNotNull(ColumnBinding binding, const LogicalType& type) {
  std::vector<ExpressionPtr> children;
  children.push_back(MakeColumnRef(binding, type, ""));
  return MakeOperator(ExpressionKind::kIsNotNull, TypeId::kBool, std::move(children));
}

// COALESCE(predicate, FALSE).
ExpressionPtr IsTrue(ExpressionPtr predicate) {
  std::vector<ExpressionPtr> children;
  children.push_back(std::move(predicate));
  children.push_back(MakeConstant(Value::Bool(false)));
  return MakeOperator(ExpressionKind::kCoalesce, TypeId::kBool, std::move(children));
}

// The bound MERGE query: its output is (tag, action, one column per target column).
struct BoundMerge {
  LogicalOperatorPtr plan;
  std::vector<Merge::ActionKind> actions;  // per WHEN clause; action k is clause k - 1
};

// Binds a MERGE statement into a BoundMerge (see the file comment). One use per statement.
class MergeBinder {
 public:
  MergeBinder(Binder& binder, const TableEntry& table, const Merge& statement)
      : binder_(binder), table_(table), statement_(statement), types_(table.ColumnTypes()) {}

  BoundMerge Bind();

 private:
  void BindJoin();
  // The expression choosing `clause` (without "no earlier clause applies", which CASE gives).
  ExpressionPtr BindApplies(const Merge::WhenClause& clause, const BindScope& scope);
  // The new value of each column for an UPDATE (null: unchanged) or INSERT clause.
  std::vector<ExpressionPtr> BindUpdate(const Merge::WhenClause& clause, const BindScope& scope);
  std::vector<ExpressionPtr> BindInsert(const Merge::WhenClause& clause);
  // `value` (null for DEFAULT) coerced to column `column`'s type, or a kBinding error.
  ExpressionPtr BindValue(const sql::Expression* value, const BindScope& scope, size_t column,
                          bool insert, int64_t position);
  ExpressionPtr DefaultValue(size_t column);
  std::string TableName() const { return table_.dataset + "." + table_.name; }

  Binder& binder_;
  const TableEntry& table_;
  const Merge& statement_;
  std::vector<LogicalType> types_;
  LogicalOperatorPtr plan_;
  BindScope target_scope_;
  BindScope source_scope_;
  BindScope joined_scope_;
  std::vector<ColumnBinding> target_columns_;
  ColumnBinding tag_;
  ColumnBinding marker_;
};

BoundMerge MergeBinder::Bind() {
  BindJoin();
  BoundMerge bound;
  std::vector<ExpressionPtr> choice;                     // the action CASE's children
  std::vector<std::vector<ExpressionPtr>> clause_values;  // per clause, per column
  for (size_t index = 0; index < statement_.clauses.size(); ++index) {
    const Merge::WhenClause& clause = statement_.clauses[index];
    const BindScope& scope = clause.match == Merge::MatchKind::kMatched ? joined_scope_
                             : clause.match == Merge::MatchKind::kNotMatchedByTarget
                                 ? source_scope_
                                 : target_scope_;
    choice.push_back(BindApplies(clause, scope));
    choice.push_back(MakeConstant(Value::Int64(static_cast<int64_t>(index + 1))));
    bound.actions.push_back(clause.action);
    if (clause.action == Merge::ActionKind::kUpdate) {
      clause_values.push_back(BindUpdate(clause, scope));
    } else if (clause.action == Merge::ActionKind::kInsert) {
      clause_values.push_back(BindInsert(clause));
    } else {
      clause_values.emplace_back(types_.size());
    }
  }
  choice.push_back(MakeConstant(Value::Int64(0)));
  auto chosen = std::make_unique<LogicalProjection>();
  chosen->table_index = binder_.NewTableIndex();
  chosen->passthrough = true;
  chosen->expressions.push_back(MakeOperator(ExpressionKind::kCase, TypeId::kInt64, std::move(choice)));
  ColumnBinding action{chosen->table_index, 0};
  chosen->children.push_back(std::move(plan_));

  BindScope empty;
  ExpressionBinder builder(binder_, empty, "MERGE");
  auto output = std::make_unique<LogicalProjection>();
  output->table_index = binder_.NewTableIndex();
  output->expressions.push_back(MakeColumnRef(tag_, TypeId::kInt64, ""));
  output->expressions.push_back(MakeColumnRef(action, TypeId::kInt64, ""));
  for (size_t column = 0; column < types_.size(); ++column) {
    std::vector<ExpressionPtr> branches;
    for (size_t index = 0; index < clause_values.size(); ++index) {
      if (!clause_values[index][column]) continue;
      branches.push_back(builder.BindComparison(
          "$equal", MakeColumnRef(action, TypeId::kInt64, ""),
          MakeConstant(Value::Int64(static_cast<int64_t>(index + 1))), statement_.position));
      branches.push_back(std::move(clause_values[index][column]));
    }
    ExpressionPtr current = MakeColumnRef(target_columns_[column], types_[column], "");
    if (branches.empty()) {
      output->expressions.push_back(std::move(current));
      continue;
    }
    branches.push_back(std::move(current));
    output->expressions.push_back(
        MakeOperator(ExpressionKind::kCase, types_[column], std::move(branches)));
  }
  output->children.push_back(std::move(chosen));
  bound.plan = std::move(output);
  return bound;
}

void MergeBinder::BindJoin() {
  std::string alias = statement_.alias.empty() ? table_.name : statement_.alias;
  LogicalOperatorPtr target =
      binder_.BindTableScan(statement_.table, alias, statement_.position, target_scope_);
  target_columns_ = target_scope_.relations()[0].bindings;
  BindScope empty;
  ExpressionBinder builder(binder_, empty, "MERGE");
  auto tagged = std::make_unique<LogicalProjection>();
  tagged->table_index = binder_.NewTableIndex();
  tagged->passthrough = true;
  tagged->expressions.push_back(builder.BindFunctionCall("$unique_id", {}, statement_.position));
  tagged->children.push_back(std::move(target));
  tag_ = {tagged->table_index, 0};

  LogicalOperatorPtr source = binder_.BindFromItem(*statement_.source, source_scope_);
  for (const BoundRelation& relation : source_scope_.relations()) {
    if (IdentifierEquals(relation.alias, alias)) {
      throw Error(ErrorKind::kBinding,
                  "MERGE target and source both have the alias " + alias +
                      "; give one of them another alias",
                  statement_.source->position);
    }
  }
  auto marked = std::make_unique<LogicalProjection>();
  marked->table_index = binder_.NewTableIndex();
  marked->passthrough = true;
  marked->expressions.push_back(MakeConstant(Value::Bool(true)));
  marked->children.push_back(std::move(source));
  marker_ = {marked->table_index, 0};

  joined_scope_.Merge(target_scope_);
  joined_scope_.Merge(source_scope_);
  ExpressionBinder on_binder(binder_, joined_scope_, "MERGE ON");
  ExpressionPtr condition = on_binder.Bind(*statement_.condition);
  if (condition->type.id() != TypeId::kBool && condition->type.id() != TypeId::kNull) {
    throw Error(ErrorKind::kBinding,
                "MERGE ON clause should return type BOOL, but returns " + condition->type.ToString(),
                statement_.condition->position);
  }
  auto join = std::make_unique<LogicalJoin>();
  bool inserts = false;
  for (const Merge::WhenClause& clause : statement_.clauses) {
    inserts |= clause.match == Merge::MatchKind::kNotMatchedByTarget;
  }
  // Source rows without a target row matter only to NOT MATCHED BY TARGET clauses.
  join->join_type = inserts ? LogicalJoinType::kFull : LogicalJoinType::kLeft;
  join->residual = CoerceTo(std::move(condition), TypeId::kBool);
  join->children.push_back(std::move(tagged));
  join->children.push_back(std::move(marked));
  plan_ = std::move(join);
}

ExpressionPtr MergeBinder::BindApplies(const Merge::WhenClause& clause, const BindScope& scope) {
  std::vector<ExpressionPtr> terms;
  switch (clause.match) {
    case Merge::MatchKind::kMatched:
      terms.push_back(IsNotNull(tag_, TypeId::kInt64));
      terms.push_back(IsNotNull(marker_, TypeId::kBool));
      break;
    case Merge::MatchKind::kNotMatchedByTarget:
      terms.push_back(IsNull(tag_, TypeId::kInt64));
      break;
    case Merge::MatchKind::kNotMatchedBySource:
      terms.push_back(IsNull(marker_, TypeId::kBool));
      break;
  }
  if (clause.condition) {
    terms.push_back(IsTrue(binder_.BindPredicate(*clause.condition, scope, plan_, "WHEN clause")));
  }
  return terms.size() == 1 ? std::move(terms[0])
                           : MakeConjunction(ExpressionKind::kAnd, std::move(terms));
}

std::vector<ExpressionPtr> MergeBinder::BindUpdate(const Merge::WhenClause& clause,
                                                   const BindScope& scope) {
  std::string alias = statement_.alias.empty() ? table_.name : statement_.alias;
  std::vector<ExpressionPtr> values(types_.size());
  for (const auto& assignment : clause.assignments) {
    if (assignment.target.size() > 2 ||
        (assignment.target.size() == 2 && !IdentifierEquals(assignment.target[0], alias))) {
      throw Error(ErrorKind::kNotSupported, "UPDATE of struct fields is not supported yet",
                  assignment.position);
    }
    std::optional<size_t> column = table_.FindColumn(assignment.target.back());
    if (!column) {
      throw Error(ErrorKind::kBinding,
                  "Unrecognized name: " + assignment.target.back() + " in table " + TableName(),
                  assignment.position);
    }
    if (values[*column]) {
      throw Error(ErrorKind::kBinding,
                  "UPDATE assigns column " + table_.columns[*column].name + " more than once",
                  assignment.position);
    }
    bool is_default = assignment.value->kind == sql::ExpressionKind::kDefault;
    values[*column] = BindValue(is_default ? nullptr : assignment.value.get(), scope, *column,
                                false, assignment.value->position);
  }
  return values;
}

std::vector<ExpressionPtr> MergeBinder::BindInsert(const Merge::WhenClause& clause) {
  std::vector<size_t> targets;
  if (clause.insert_columns.empty()) {
    for (size_t column = 0; column < types_.size(); ++column) targets.push_back(column);
  }
  for (const std::string& name : clause.insert_columns) {
    std::optional<size_t> column = table_.FindColumn(name);
    if (!column) {
      throw Error(ErrorKind::kBinding, "Column " + name + " is not present in table " + TableName(),
                  clause.position);
    }
    if (std::find(targets.begin(), targets.end(), *column) != targets.end()) {
      throw Error(ErrorKind::kBinding, "INSERT has columns with duplicate name: " + name,
                  clause.position);
    }
    targets.push_back(*column);
  }
  std::vector<ExpressionPtr> values(types_.size());
  if (clause.insert_row) {
    // ROW: the source row's columns in order.
    const BoundRelation& source = source_scope_.relations()[0];
    if (source.bindings.size() != targets.size()) {
      throw Error(ErrorKind::kBinding,
                  "Inserted row has wrong column count; Has " +
                      std::to_string(source.bindings.size()) + ", expected " +
                      std::to_string(targets.size()),
                  clause.position);
    }
    for (size_t index = 0; index < targets.size(); ++index) {
      size_t column = targets[index];
      ExpressionPtr value = MakeColumnRef(source.bindings[index], source.types[index],
                                          source.column_names[index]);
      if (value->type.id() != TypeId::kNull && !CoercionCost(value->type, types_[column], false)) {
        throw Error(ErrorKind::kBinding,
                    "Source column " + source.column_names[index] + " has type " +
                        value->type.ToString() + " which cannot be inserted into column " +
                        table_.columns[column].name + ", which has type " +
                        types_[column].ToString(),
                    clause.position);
      }
      values[column] = CoerceTo(std::move(value), types_[column]);
    }
  } else {
    if (clause.insert_values.size() != targets.size()) {
      throw Error(ErrorKind::kBinding,
                  "Inserted row has wrong column count; Has " +
                      std::to_string(clause.insert_values.size()) + ", expected " +
                      std::to_string(targets.size()),
                  clause.insert_values.empty() ? clause.position
                                               : clause.insert_values[0]->position);
    }
    for (size_t index = 0; index < targets.size(); ++index) {
      const sql::Expression& value = *clause.insert_values[index];
      bool is_default = value.kind == sql::ExpressionKind::kDefault;
      values[targets[index]] = BindValue(is_default ? nullptr : &value, source_scope_,
                                         targets[index], true, value.position);
    }
  }
  for (size_t column = 0; column < types_.size(); ++column) {
    if (!values[column]) values[column] = DefaultValue(column);
  }
  return values;
}

ExpressionPtr MergeBinder::BindValue(const sql::Expression* value, const BindScope& scope,
                                     size_t column, bool insert, int64_t position) {
  if (value == nullptr) return DefaultValue(column);
  ExpressionPtr bound =
      binder_.BindScalar(*value, scope, plan_, insert ? "INSERT VALUES" : "UPDATE SET");
  const LogicalType& type = types_[column];
  if (bound->type.id() != TypeId::kNull && !CoercionCost(bound->type, type, bound->IsConstant())) {
    const std::string& name = table_.columns[column].name;
    throw Error(ErrorKind::kBinding,
                insert ? "Value has type " + bound->type.ToString() +
                             " which cannot be inserted into column " + name +
                             ", which has type " + type.ToString()
                       : "Value of type " + bound->type.ToString() + " cannot be assigned to " +
                             name + ", which has type " + type.ToString(),
                position);
  }
  return CoerceTo(std::move(bound), type);
}

ExpressionPtr MergeBinder::DefaultValue(size_t column) {
  const ColumnDefinition& definition = table_.columns[column];
  if (definition.default_sql.empty()) return MakeConstant(Value::Null(definition.type));
  Value value = binder_.BindConstant(*sql::ParseExpression(definition.default_sql), "DEFAULT");
  if (value.is_null()) return MakeConstant(Value::Null(definition.type));
  return CoerceTo(MakeConstant(value), definition.type);
}

struct MergeOutcome {
  ColumnDataCollection rows;  // the table's new contents
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t deleted = 0;
};

// Turns the MERGE query's (tag, action, values...) rows into the table's new contents (see the
// file comment). Throws kInvalidInput when a target row is acted on by two source rows.
MergeOutcome ChooseRows(const ColumnDataCollection& pairs,
                        const std::vector<Merge::ActionKind>& actions,
                        const std::vector<LogicalType>& types, int64_t position) {
  struct TargetRow {
    RowReference pair;  // the pair whose values the row keeps
    int64_t action;     // that pair's action, 0 when no clause acted on the row
  };
  MergeOutcome outcome{ColumnDataCollection(types)};
  std::unordered_map<int64_t, TargetRow> target_rows;
  std::vector<std::vector<sel_t>> kept(pairs.chunk_count());
  for (size_t chunk = 0; chunk < pairs.chunk_count(); ++chunk) {
    const DataChunk& input = pairs.chunk(chunk);
    UnifiedVector tags;
    UnifiedVector chosen;
    input.column(0).ToUnified(input.size(), tags);
    input.column(1).ToUnified(input.size(), chosen);
    for (size_t row = 0; row < input.size(); ++row) {
      int64_t action = chosen.Data<int64_t>()[chosen.index(row)];
      if (!tags.IsValid(row)) {  // a source row without a target row
        if (action == 0) continue;
        kept[chunk].push_back(static_cast<sel_t>(row));
        ++outcome.inserted;
        continue;
      }
      int64_t tag = tags.Data<int64_t>()[tags.index(row)];
      RowReference pair = MakeRowReference(chunk, row);
      auto [entry, is_new] = target_rows.try_emplace(tag, TargetRow{pair, action});
      if (is_new || action == 0) continue;
      if (entry->second.action != 0) {
        throw Error(ErrorKind::kInvalidInput,
                    "UPDATE/MERGE must match at most one source row for each target row",
                    position);
      }
      entry->second = TargetRow{pair, action};
    }
  }
  for (const auto& [tag, target] : target_rows) {
    if (target.action != 0) {
      if (actions[target.action - 1] == Merge::ActionKind::kDelete) {
        ++outcome.deleted;
        continue;
      }
      ++outcome.updated;
    }
    kept[target.pair >> 32].push_back(static_cast<sel_t>(target.pair & 0xFFFFFFFF));
  }
  for (size_t chunk = 0; chunk < pairs.chunk_count(); ++chunk) {
    if (kept[chunk].empty()) continue;
    const DataChunk& input = pairs.chunk(chunk);
    DataChunk values;
    for (size_t column = 0; column < types.size(); ++column) {
      values.columns().emplace_back();
      values.columns().back().Reference(input.column(column + 2));
    }
    values.SetSize(input.size());
    SelectionVector selection(kept[chunk].size());
    for (size_t index = 0; index < kept[chunk].size(); ++index) {
      selection.set_index(index, kept[chunk][index]);
    }
    values.Slice(selection, kept[chunk].size());
    outcome.rows.Append(values);
  }
  return outcome;
}

std::string RowsText(int64_t count, const char* verb) {
  return FormatCount(count) + (count == 1 ? " row " : " rows ") + verb;
}

}  // namespace

std::unique_ptr<QueryResult> RunMerge(StatementScope& scope, const sql::MergeStatement& statement) {
  auto transaction = scope.client.database().warehouse().BeginWrite().ValueOrThrow();
  Binder binder = MakeBinder(scope);
  std::shared_ptr<const TableEntry> table = binder.ResolveTable(statement.table, statement.position);
  BoundMerge bound = MergeBinder(binder, *table, statement).Bind();
  BoundQuery query;
  query.plan = std::move(bound.plan);
  std::shared_ptr<ColumnDataCollection> pairs = RunBoundQuery(scope, query);
  MergeOutcome outcome = ChooseRows(*pairs, bound.actions, table->ColumnTypes(), statement.position);
  int64_t changed = outcome.inserted + outcome.updated + outcome.deleted;
  if (changed > 0) {
    try {
      ReplaceTableContents(*transaction, scope.client.database().warehouse().directory(), *table,
                           outcome.rows);
    } catch (Error& error) {
      error.SetPositionIfAbsent(statement.position);
      throw;
    }
    transaction->Commit().ThrowIfError();
  }
  return QueryResult::FromMessage("Merged into " + table->dataset + "." + table->name + ": " +
                                      RowsText(outcome.inserted, "inserted") + ", " +
                                      RowsText(outcome.updated, "updated") + ", " +
                                      RowsText(outcome.deleted, "deleted"),
                                  changed);
}

}  // namespace dq
