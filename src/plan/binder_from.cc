// Binder: the FROM clause (tables, subqueries, CTE references, joins).
#include <algorithm>

#include "common/error.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

Binder::ResolvedRelation Binder::ResolveRelation(const std::vector<std::string>& path,
                                                 int64_t position) const {
  std::string dataset;
  std::string name;
  if (path.size() == 1) {
    name = path[0];
  } else if (path.size() == 2) {
    dataset = path[0];
    name = path[1];
  } else if (path.size() == 3) {  // project.dataset.table: one project per warehouse
    dataset = path[1];
    name = path[2];
  } else {
    throw Error(ErrorKind::kBinding, "Invalid table name", position);
  }
  auto lookup = [&](const std::string& dataset_name) {
    return ResolvedRelation{catalog_->FindTable(dataset_name, name),
                            catalog_->FindView(dataset_name, name)};
  };
  if (dataset.empty()) {
    // Unqualified names resolve in the default dataset, then in any dataset if unique.
    ResolvedRelation found = lookup("default");
    if (found.table || found.view) return found;
    for (const auto& [key, entry] : catalog_->datasets()) {
      ResolvedRelation candidate = lookup(entry.name);
      if (!candidate.table && !candidate.view) continue;
      if (found.table || found.view) {
        throw Error(ErrorKind::kBinding,
                    "Table name " + name + " is ambiguous; qualify it with a dataset", position);
      }
      found = candidate;
    }
    if (!found.table && !found.view) {
      throw Error(ErrorKind::kCatalog, "Not found: Table " + name + " was not found", position);
    }
    return found;
  }
  if (!catalog_->FindDataset(dataset)) {
    throw Error(ErrorKind::kCatalog, "Not found: Dataset " + dataset + " was not found", position);
  }
  ResolvedRelation found = lookup(dataset);
  if (!found.table && !found.view) {
    throw Error(ErrorKind::kCatalog,
                "Not found: Table " + dataset + "." + name + " was not found", position);
  }
  return found;
}

std::shared_ptr<const TableEntry> Binder::ResolveTable(const std::vector<std::string>& path,
                                                       int64_t position) const {
  ResolvedRelation found = ResolveRelation(path, position);
  if (found.view) {
    throw Error(ErrorKind::kBinding,
                found.view->dataset + "." + found.view->name + " is a view, not a table",
                position);
  }
  return found.table;
}

LogicalOperatorPtr Binder::BindTableScan(const std::vector<std::string>& path,
                                         const std::string& alias, int64_t position,
                                         BindScope& scope) {
  sql::TableName table(position);
  table.path = path;
  table.alias = alias;
  return BindNamedTable(table, scope);
}

ExpressionPtr Binder::BindScalar(const sql::Expression& expression, const BindScope& scope,
                                 LogicalOperatorPtr& plan, const char* clause) {
  std::vector<PendingSubquery> subqueries;
  ExpressionBinder binder(*this, scope, clause);
  binder.set_pending_subqueries(&subqueries);
  ExpressionPtr bound = binder.Bind(expression);
  plan = ApplySubqueries(std::move(plan), subqueries);
  return bound;
}

ExpressionPtr Binder::BindPredicate(const sql::Expression& expression, const BindScope& scope,
                                    LogicalOperatorPtr& plan, const char* clause) {
  ExpressionPtr bound = BindScalar(expression, scope, plan, clause);
  if (bound->type.id() != TypeId::kBool && bound->type.id() != TypeId::kNull) {
    throw Error(ErrorKind::kBinding,
                std::string(clause) + " should return type BOOL, but returns " +
                    bound->type.ToString(),
                expression.position);
  }
  return CoerceTo(std::move(bound), TypeId::kBool);
}

LogicalOperatorPtr Binder::BindTableReference(const sql::TableReference& reference,
                                              BindScope& scope) {
  switch (reference.kind) {
    case sql::TableReferenceKind::kTable:
      return BindNamedTable(reference.As<sql::TableName>(), scope);
    case sql::TableReferenceKind::kSubquery: {
      const auto& subquery = reference.As<sql::SubqueryTable>();
      return BindSubqueryRelation(*subquery.query, subquery.alias, subquery.position, scope);
    }
    case sql::TableReferenceKind::kJoin:
      return BindJoin(reference.As<sql::JoinTableReference>(), scope);
    case sql::TableReferenceKind::kUnnest:
      return BindStandaloneUnnest(reference.As<sql::UnnestTable>(), scope);
    case sql::TableReferenceKind::kTableFunction:
      return BindTableFunction(reference.As<sql::TableFunctionCall>(), scope);
  }
  throw Error(ErrorKind::kInternal, "unknown table reference", reference.position);
}

LogicalOperatorPtr Binder::BindNamedTable(const sql::TableName& table, BindScope& scope) {
  // A WITH entry shadows catalog tables (innermost first).
  if (table.path.size() == 1) {
    for (auto level = ctes_.rbegin(); level != ctes_.rend(); ++level) {
      for (const auto& [name, query] : *level) {
        if (IdentifierEquals(name, table.path[0])) {
          std::string alias = table.alias.empty() ? table.path[0] : table.alias;
          return BindSubqueryRelation(*query, alias, table.position, scope);
        }
      }
    }
  }
  for (const std::string& part : table.path) {
    if (IdentifierEquals(part, "INFORMATION_SCHEMA")) return BindInformationSchema(table, scope);
  }
  ResolvedRelation resolved = ResolveRelation(table.path, table.position);
  if (resolved.view) return BindView(*resolved.view, table, scope);
  std::shared_ptr<const TableEntry> entry = resolved.table;
  auto get = std::make_unique<LogicalGet>();
  get->table = entry;
  get->table_index = NextTableIndex();
  BoundRelation relation;
  relation.alias = table.alias.empty() ? entry->name : table.alias;
  for (size_t column = 0; column < entry->columns.size(); ++column) {
    get->column_ids.push_back(column);
    relation.column_names.push_back(entry->columns[column].name);
    relation.types.push_back(entry->columns[column].type);
    relation.bindings.push_back({get->table_index, static_cast<uint32_t>(column)});
  }
  get->estimated_rows = entry->row_count;
  scope.AddRelation(std::move(relation));
  return get;
}

LogicalOperatorPtr Binder::BindSubqueryRelation(const sql::QueryExpression& query,
                                                const std::string& alias, int64_t position,
                                                BindScope& scope) {
  BoundQuery bound = BindQuery(query);
  if (bound.value_table) {
    scope.AddRelation(ValueTableRelation(bound.plan, alias, position));
    return std::move(bound.plan);
  }
  BoundRelation relation;
  relation.alias = alias;
  relation.column_names = bound.names;
  relation.types = bound.plan->Types();
  relation.bindings = bound.plan->Bindings();
  scope.AddRelation(std::move(relation));
  return std::move(bound.plan);
}

LogicalOperatorPtr Binder::BindJoin(const sql::JoinTableReference& join, BindScope& scope) {
  BindScope left_scope;
  BindScope right_scope;
  LogicalOperatorPtr left = BindTableReference(*join.left, left_scope);
  LogicalOperatorPtr right;
  if (JoinsUnnest(*join.right, left_scope)) {
    // RIGHT/FULL JOIN UNNEST, and LEFT JOIN UNNEST with ON or USING, need an UNNEST that does
    // not read the left side: it is then an ordinary join input. Every other form (and a LEFT
    // JOIN whose UNNEST reads the left side) is a lateral unnest over the left plan.
    bool ordinary = join.right->kind == sql::TableReferenceKind::kUnnest &&
                    (join.join_type == sql::JoinType::kRight ||
                     join.join_type == sql::JoinType::kFull ||
                     (join.join_type == sql::JoinType::kLeft &&
                      (join.on_condition || !join.using_columns.empty())));
    if (!ordinary) return BindUnnestJoin(join, std::move(left), left_scope, scope);
    try {
      right = BindTableReference(*join.right, right_scope);
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::kBinding) throw;
      // Does the UNNEST read the left side (its names are unknown on their own)?
      const sql::Expression& array = *join.right->As<sql::UnnestTable>().array;
      try {
        ExpressionBinder(*this, left_scope, "UNNEST").Bind(array);
      } catch (const Error&) {
        throw error;  // a genuine binding error of the UNNEST itself
      }
      if (join.join_type == sql::JoinType::kLeft) {
        return BindUnnestJoin(join, std::move(left), left_scope, scope);
      }
      throw Error(ErrorKind::kBinding,
                  "The UNNEST on the right of a RIGHT or FULL JOIN cannot read the columns of "
                  "the left side",
                  join.right->position);
    }
  } else {
    right = BindTableReference(*join.right, right_scope);
  }
  auto result = std::make_unique<LogicalJoin>();
  switch (join.join_type) {
    case sql::JoinType::kComma:
    case sql::JoinType::kCross:
    case sql::JoinType::kInner: result->join_type = LogicalJoinType::kInner; break;
    case sql::JoinType::kLeft: result->join_type = LogicalJoinType::kLeft; break;
    case sql::JoinType::kRight: result->join_type = LogicalJoinType::kRight; break;
    case sql::JoinType::kFull: result->join_type = LogicalJoinType::kFull; break;
  }
  BindScope joined;
  joined.Merge(left_scope);
  joined.Merge(right_scope);
  ExpressionPtr condition;
  LogicalOperatorPtr result_projection;  // set when USING columns need merging
  LogicalProjection* merged_columns = nullptr;  // FULL JOIN USING: COALESCE(left.c, right.c)
  if (!join.using_columns.empty()) {
    // USING(c): equality of the two sides' c. The unqualified name c (and `*`, which lists the
    // USING columns first) means the merged column: the left side's c, the right side's in a
    // RIGHT JOIN, COALESCE of both in a FULL JOIN. Each side's c stays reachable as alias.c.
    std::vector<ExpressionPtr> terms;
    BoundRelation merged;
    for (const std::string& column : join.using_columns) {
      auto left_column = left_scope.FindColumn(column, join.position);
      auto right_column = right_scope.FindColumn(column, join.position);
      if (!left_column || !right_column) {
        throw Error(ErrorKind::kBinding,
                    "Column " + column + " in USING clause not found on " +
                        (left_column ? "right" : "left") + " side of join",
                    join.position);
      }
      ExpressionPtr left_ref = MakeColumnRef(left_column->relation->bindings[left_column->column],
                                             left_column->relation->types[left_column->column], column);
      ExpressionPtr right_ref =
          MakeColumnRef(right_column->relation->bindings[right_column->column],
                        right_column->relation->types[right_column->column], column);
      merged.column_names.push_back(left_column->relation->column_names[left_column->column]);
      if (join.join_type == sql::JoinType::kFull) {
        auto common = CommonSupertype({left_ref->type, right_ref->type}, {false, false});
        if (!common) {
          throw Error(ErrorKind::kBinding,
                      "Column " + column + " in USING clause has incompatible types " +
                          left_ref->type.ToString() + " and " + right_ref->type.ToString(),
                      join.position);
        }
        if (!merged_columns) {
          auto projection = std::make_unique<LogicalProjection>();
          projection->table_index = NextTableIndex();
          projection->passthrough = true;
          merged_columns = projection.get();
          result_projection = std::move(projection);
        }
        auto coalesce = std::make_unique<Expression>();
        coalesce->kind = ExpressionKind::kCoalesce;
        coalesce->type = *common;
        coalesce->position = join.position;
        coalesce->children.push_back(CoerceTo(left_ref->Copy(), *common));
        coalesce->children.push_back(CoerceTo(right_ref->Copy(), *common));
        merged.types.push_back(*common);
        merged.bindings.push_back(
            {merged_columns->table_index, static_cast<uint32_t>(merged_columns->expressions.size())});
        merged_columns->expressions.push_back(std::move(coalesce));
      } else {
        const ExpressionPtr& visible = join.join_type == sql::JoinType::kRight ? right_ref : left_ref;
        merged.types.push_back(visible->type);
        merged.bindings.push_back(visible->binding);
      }
      ExpressionBinder binder(*this, joined, "USING");
      terms.push_back(
          binder.BindComparison("$equal", std::move(left_ref), std::move(right_ref), join.position));
    }
    condition = MakeConjunction(ExpressionKind::kAnd, std::move(terms));
    auto qualified_only = [&](const BindScope& side, BindScope& visible) {
      for (BoundRelation relation : side.relations()) {
        relation.qualified_only.resize(relation.column_names.size(), false);
        for (size_t column = 0; column < relation.column_names.size(); ++column) {
          for (const std::string& name : join.using_columns) {
            if (IdentifierEquals(name, relation.column_names[column])) {
              relation.qualified_only[column] = true;
            }
          }
        }
        visible.AddRelation(std::move(relation));
      }
    };
    BindScope visible;
    visible.AddRelation(std::move(merged));
    qualified_only(left_scope, visible);
    qualified_only(right_scope, visible);
    joined = std::move(visible);
  } else if (join.on_condition) {
    ExpressionBinder binder(*this, joined, "JOIN ON");
    condition = binder.Bind(*join.on_condition);
    if (condition->type.id() != TypeId::kBool && condition->type.id() != TypeId::kNull) {
      throw Error(ErrorKind::kBinding,
                  "JOIN ON clause should return type BOOL, but returns " +
                      condition->type.ToString(),
                  join.on_condition->position);
    }
    condition = CoerceTo(std::move(condition), TypeId::kBool);
  } else if (join.join_type != sql::JoinType::kComma && join.join_type != sql::JoinType::kCross) {
    throw Error(ErrorKind::kBinding, "Join must have an ON or USING clause", join.position);
  }
  if (condition) result->residual = std::move(condition);
  result->children.push_back(std::move(left));
  result->children.push_back(std::move(right));
  scope.Merge(joined);
  if (result_projection) {
    result_projection->children.push_back(std::move(result));
    return result_projection;
  }
  return result;
}

}  // namespace dq
