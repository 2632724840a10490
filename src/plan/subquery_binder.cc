// Binder: subquery expressions.
//
// Uncorrelated subqueries are evaluated while binding (the snapshot is fixed, so the value is
// the same as at execution) and become constants: a scalar, a BOOL for EXISTS, an ARRAY for
// ARRAY(SELECT ...), an IN list for x IN (SELECT ...).
//
// Correlated subqueries are decorrelated into joins, never re-run per row. For a subquery
// reading outer columns in its WHERE clause:
//
//   outer'  = outer plus a unique row tag            ($unique_id(), a passthrough projection)
//   inner'  = subquery FROM + uncorrelated WHERE, plus a marker column TRUE
//   joined  = outer' LEFT JOIN inner' ON <correlated WHERE terms>   (equalities become hash keys)
//   grouped = GROUP BY tag, carrying the outer columns with their bindings, computing
//               scalar:  the subquery's aggregates (COUNT(*) counts markers, so 0 when empty)
//               EXISTS:  COUNT(marker) > 0
//               x IN:    CASE WHEN COUNTIF(x = v) > 0 THEN TRUE
//                             WHEN COUNTIF((x = v) IS NULL AND marker) > 0 THEN NULL ELSE FALSE
//   result  = grouped plus the subquery's value in a new column
//
// A WHERE term that is only `[NOT] EXISTS (...)` skips all that: it becomes a semi (anti) join
// of the outer rows with the subquery's FROM on the correlated terms.
//
// Supported correlated shapes: one SELECT block with FROM, correlation only in WHERE, no GROUP
// BY / HAVING / DISTINCT / LIMIT, and for scalar subqueries a SELECT expression over aggregates.
#include <algorithm>

#include "common/error.h"
#include "functions/function_registry.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

namespace {

// Whether any column reference in the plan's expressions reads a table index below `first`.
bool PlanReadsOuter(const LogicalOperator& op, uint32_t first);

bool ExpressionReadsOuter(const Expression& expression, uint32_t first) {
  bool found = false;
  VisitColumnRefs(expression, [&](const Expression& reference) {
    if (reference.binding.table < first) found = true;
  });
  return found;
}

bool PlanReadsOuter(const LogicalOperator& op, uint32_t first) {
  auto check = [&](const ExpressionPtr& expression) {
    return expression && ExpressionReadsOuter(*expression, first);
  };
  switch (op.kind) {
    case LogicalKind::kGet:
      for (const auto& filter : static_cast<const LogicalGet&>(op).filters) {
        if (check(filter)) return true;
      }
      break;
    case LogicalKind::kFilter:
      for (const auto& predicate : static_cast<const LogicalFilter&>(op).predicates) {
        if (check(predicate)) return true;
      }
      break;
    case LogicalKind::kProjection:
      for (const auto& expression : static_cast<const LogicalProjection&>(op).expressions) {
        if (check(expression)) return true;
      }
      break;
    case LogicalKind::kAggregate: {
      const auto& aggregate = static_cast<const LogicalAggregate&>(op);
      for (const auto& group : aggregate.groups) {
        if (check(group)) return true;
      }
      for (const auto& bound : aggregate.aggregates) {
        for (const auto& argument : bound.arguments) {
          if (check(argument)) return true;
        }
      }
      break;
    }
    case LogicalKind::kJoin: {
      const auto& join = static_cast<const LogicalJoin&>(op);
      if (check(join.residual)) return true;
      for (const auto& condition : join.conditions) {
        if (check(condition.left) || check(condition.right)) return true;
      }
      break;
    }
    case LogicalKind::kOrder:
      for (const auto& item : static_cast<const LogicalOrder&>(op).items) {
        if (check(item.expression)) return true;
      }
      break;
    default: break;
  }
  for (const auto& child : op.children) {
    if (PlanReadsOuter(*child, first)) return true;
  }
  return false;
}

BoundAggregate MakeAggregate(const std::string& name, std::vector<ExpressionPtr> arguments) {
  const std::vector<AggregateFunction>* overloads = FunctionRegistry::Get().FindAggregate(name);
  DQ_CHECK(overloads != nullptr);
  std::vector<LogicalType> types;
  for (const auto& argument : arguments) types.push_back(argument->type);
  BoundAggregate bound;
  for (const AggregateFunction& candidate : *overloads) {
    if (candidate.bind) {
      auto resolved = std::make_shared<AggregateFunction>(candidate);
      std::shared_ptr<FunctionData> bind_data;
      if (!candidate.bind(types, resolved.get(), &bind_data)) continue;
      bound.function = resolved.get();
      bound.resolved = resolved;
      bound.bind_data = bind_data;
      break;
    }
    if (candidate.arguments == types) {
      bound.function = &candidate;
      break;
    }
  }
  DQ_CHECK(bound.function != nullptr);
  bound.arguments = std::move(arguments);
  bound.return_type = bound.function->return_type;
  return bound;
}

}  // namespace

ExpressionPtr Binder::BindSubquery(const sql::Expression& expression, const BindScope& scope,
                                   std::vector<PendingSubquery>* pending,
                                   ExpressionBinder& caller) {
  const sql::QueryExpression* query = nullptr;
  PendingSubquery::Kind kind = PendingSubquery::Kind::kScalar;
  bool is_array = false;
  bool negated = false;
  ExpressionPtr operand;
  if (expression.kind == sql::ExpressionKind::kInSubquery) {
    const auto& in = expression.As<sql::InSubqueryExpression>();
    query = in.query.get();
    kind = PendingSubquery::Kind::kIn;
    negated = in.negated;
    operand = caller.Bind(*in.operand);
  } else {
    const auto& subquery = expression.As<sql::SubqueryExpression>();
    query = subquery.query.get();
    if (subquery.subquery_kind == sql::SubqueryKind::kExists) kind = PendingSubquery::Kind::kExists;
    is_array = subquery.subquery_kind == sql::SubqueryKind::kArray;
  }
  int64_t position = expression.position;

  // First bind it as an ordinary query that may see the enclosing scopes.
  uint32_t first = next_table_index_;
  outer_scopes_.push_back(&scope);
  BoundQuery bound;
  try {
    bound = BindQuery(*query);
  } catch (...) {
    outer_scopes_.pop_back();
    throw;
  }
  outer_scopes_.pop_back();
  bool correlated = PlanReadsOuter(*bound.plan, first);
  std::vector<LogicalType> types = bound.plan->Types();
  if (kind != PendingSubquery::Kind::kExists && types.size() != 1) {
    throw Error(ErrorKind::kBinding,
                std::string(kind == PendingSubquery::Kind::kIn ? "IN subquery" : "Scalar subquery") +
                    " must return exactly one column, not " + std::to_string(types.size()),
                position);
  }

  ExpressionPtr result;
  if (correlated) {
    if (is_array) {
      throw Error(ErrorKind::kNotSupported, "Correlated ARRAY subqueries are not supported yet",
                  position);
    }
    result = BindCorrelatedSubquery(*query, kind, std::move(operand), scope, pending, position);
  } else {
    if (!subquery_runner_) {
      throw Error(ErrorKind::kNotSupported, "Subqueries are not supported in this statement",
                  position);
    }
    std::shared_ptr<ColumnDataCollection> rows = subquery_runner_(bound);
    switch (kind) {
      case PendingSubquery::Kind::kExists:
        result = MakeConstant(Value::Bool(rows->row_count() > 0), position);
        break;
      case PendingSubquery::Kind::kScalar: {
        LogicalType type = types[0].id() == TypeId::kNull ? LogicalType(TypeId::kInt64) : types[0];
        if (is_array) {
          std::vector<Value> elements;
          for (size_t row = 0; row < rows->row_count(); ++row) {
            elements.push_back(rows->GetValue(0, row));
          }
          result = MakeConstant(Value::Array(type, std::move(elements)), position);
          break;
        }
        if (rows->row_count() > 1) {
          throw Error(ErrorKind::kOutOfRange, "Scalar subquery produced more than one element",
                      position);
        }
        result = MakeConstant(rows->row_count() == 0 ? Value::Null(type) : rows->GetValue(0, 0),
                              position);
        break;
      }
      case PendingSubquery::Kind::kIn: {
        if (rows->row_count() == 0) {
          result = MakeConstant(Value::Bool(false), position);
          break;
        }
        // x IN (v1, v2, ...) with SQL NULL semantics.
        LogicalType value_type = types[0].id() == TypeId::kNull ? operand->type : types[0];
        auto common = CommonSupertype({operand->type, value_type}, {operand->IsConstant(), false});
        if (!common) {
          throw Error(ErrorKind::kBinding,
                      "No matching signature for operator IN for argument types: " +
                          operand->type.ToString() + ", " + value_type.ToString(),
                      position);
        }
        std::vector<Value> values;
        for (size_t row = 0; row < rows->row_count(); ++row) {
          ExpressionPtr value = CoerceTo(MakeConstant(rows->GetValue(0, row), position), *common);
          values.push_back(value->value);
        }
        result = caller.BindInConstants(CoerceTo(std::move(operand), *common), values, position);
        break;
      }
    }
  }
  if (negated) {
    auto negation = std::make_unique<Expression>();
    negation->kind = ExpressionKind::kNot;
    negation->type = TypeId::kBool;
    negation->position = position;
    negation->children.push_back(std::move(result));
    result = FoldConstant(std::move(negation));
  }
  return result;
}

ExpressionPtr Binder::BindCorrelatedSubquery(const sql::QueryExpression& query,
                                             PendingSubquery::Kind kind, ExpressionPtr in_operand,
                                             const BindScope& scope,
                                             std::vector<PendingSubquery>* pending,
                                             int64_t position) {
  auto unsupported = [&](const std::string& what) -> Error {
    return Error(ErrorKind::kNotSupported, "Correlated subqueries " + what + " are not supported yet",
                 position);
  };
  if (!pending) throw unsupported("in this clause");
  if (!query.with.empty() || query.limit || query.body->kind != sql::QueryBodyKind::kSelect) {
    throw unsupported("with WITH, LIMIT or set operations");
  }
  const auto& select = query.body->As<sql::SelectCore>();
  if (!select.from || !select.group_by.empty() || select.having || select.distinct ||
      select.qualify || select.group_by_all) {
    throw unsupported("with GROUP BY, HAVING or DISTINCT");
  }
  // SELECT AS VALUE of one item is the item itself; AS STRUCT builds a value this path does
  // not (its select list is one aggregate).
  if (select.select_as == sql::SelectCore::SelectAs::kStruct &&
      kind != PendingSubquery::Kind::kExists) {
    throw unsupported("with SELECT AS STRUCT");
  }
  if (kind != PendingSubquery::Kind::kExists &&
      (select.items.size() != 1 || select.items[0].expression->kind == sql::ExpressionKind::kStar)) {
    throw Error(ErrorKind::kBinding, "Subquery must return exactly one column", position);
  }

  PendingSubquery subquery;
  subquery.kind = kind;
  subquery.position = position;
  subquery.in_operand = std::move(in_operand);
  uint32_t first = next_table_index_;
  outer_scopes_.push_back(&scope);
  try {
    BindScope inner_scope;
    LogicalOperatorPtr inner = BindTableReference(*select.from, inner_scope);
    std::vector<ExpressionPtr> local;
    if (select.where) {
      std::vector<PendingSubquery> nested;
      ExpressionBinder where_binder(*this, inner_scope, "WHERE clause");
      where_binder.set_pending_subqueries(&nested);
      ExpressionPtr predicate = CoerceTo(where_binder.Bind(*select.where), TypeId::kBool);
      inner = ApplySubqueries(std::move(inner), nested);
      std::vector<ExpressionPtr> terms;
      SplitConjunction(std::move(predicate), terms);
      for (auto& term : terms) {
        if (ExpressionReadsOuter(*term, first)) {
          subquery.correlated.push_back(std::move(term));
        } else {
          local.push_back(std::move(term));
        }
      }
    }
    if (!local.empty()) {
      auto filter = std::make_unique<LogicalFilter>();
      filter->predicates = std::move(local);
      filter->children.push_back(std::move(inner));
      inner = std::move(filter);
    }
    if (kind == PendingSubquery::Kind::kScalar) {
      AggregateCollector collector;
      collector.aggregate_index = NextTableIndex();
      ExpressionBinder select_binder(*this, inner_scope, "SELECT list", &collector);
      subquery.value = select_binder.Bind(*select.items[0].expression);
      if (collector.aggregates.empty()) {
        throw unsupported("without an aggregate in their SELECT list");
      }
      VisitColumnRefs(*subquery.value, [&](const Expression& reference) {
        if (reference.binding.table != collector.aggregate_index) {
          throw unsupported("reading columns outside aggregates in their SELECT list");
        }
      });
      for (const BoundAggregate& aggregate : collector.aggregates) {
        for (const auto& argument : aggregate.arguments) {
          if (ExpressionReadsOuter(*argument, first)) throw unsupported("aggregating outer columns");
        }
      }
      subquery.aggregate_index = collector.aggregate_index;
      subquery.aggregates = std::move(collector.aggregates);
      subquery.type = subquery.value->type;
    } else if (kind == PendingSubquery::Kind::kIn) {
      ExpressionBinder select_binder(*this, inner_scope, "SELECT list");
      subquery.value = select_binder.Bind(*select.items[0].expression);
      if (ExpressionReadsOuter(*subquery.value, first)) {
        throw unsupported("reading outer columns in their SELECT list");
      }
      subquery.type = TypeId::kBool;
    } else {
      subquery.type = TypeId::kBool;
    }
    if (PlanReadsOuter(*inner, first)) throw unsupported("nested more than one level deep");
    subquery.inner = std::move(inner);
  } catch (...) {
    outer_scopes_.pop_back();
    throw;
  }
  outer_scopes_.pop_back();
  subquery.result = {NextTableIndex(), 0};
  ExpressionPtr reference = MakeColumnRef(subquery.result, subquery.type, "$subquery");
  reference->position = position;
  pending->push_back(std::move(subquery));
  return reference;
}

LogicalOperatorPtr Binder::ApplySubqueries(LogicalOperatorPtr plan,
                                           std::vector<PendingSubquery>& pending) {
  for (PendingSubquery& subquery : pending) plan = ApplySubquery(std::move(plan), subquery);
  pending.clear();
  return plan;
}

LogicalOperatorPtr Binder::ApplyExistsAsJoin(LogicalOperatorPtr plan, PendingSubquery& subquery,
                                             bool anti) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = anti ? LogicalJoinType::kAnti : LogicalJoinType::kSemi;
  if (!subquery.correlated.empty()) {
    join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(subquery.correlated));
  }
  join->children.push_back(std::move(plan));
  join->children.push_back(std::move(subquery.inner));
  return join;
}

LogicalOperatorPtr Binder::ApplySubquery(LogicalOperatorPtr plan, PendingSubquery& subquery) {
  BindScope empty;
  ExpressionBinder builder(*this, empty, "subquery");
  std::vector<ColumnBinding> outer_bindings = plan->Bindings();
  std::vector<LogicalType> outer_types = plan->Types();

  // outer' = outer + row tag.
  auto tagged = std::make_unique<LogicalProjection>();
  tagged->table_index = NextTableIndex();
  tagged->passthrough = true;
  tagged->expressions.push_back(builder.BindFunctionCall("$unique_id", {}, subquery.position));
  ColumnBinding tag{tagged->table_index, 0};
  tagged->children.push_back(std::move(plan));

  // inner' = inner + marker.
  auto marked = std::make_unique<LogicalProjection>();
  marked->table_index = NextTableIndex();
  marked->passthrough = true;
  marked->expressions.push_back(MakeConstant(Value::Bool(true)));
  ColumnBinding marker{marked->table_index, 0};
  marked->children.push_back(std::move(subquery.inner));

  auto join = std::make_unique<LogicalJoin>();
  join->join_type = LogicalJoinType::kLeft;
  if (!subquery.correlated.empty()) {
    join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(subquery.correlated));
  }
  join->children.push_back(std::move(tagged));
  join->children.push_back(std::move(marked));

  auto grouped = std::make_unique<LogicalAggregate>();
  grouped->group_index = NextTableIndex();
  grouped->groups.push_back(MakeColumnRef(tag, TypeId::kInt64, "$tag"));
  grouped->group_bindings.push_back({grouped->group_index, 0});
  grouped->compared_groups = 1;  // the tag is unique; the outer columns depend on it
  for (size_t column = 0; column < outer_bindings.size(); ++column) {
    grouped->groups.push_back(MakeColumnRef(outer_bindings[column], outer_types[column], ""));
    grouped->group_bindings.push_back(outer_bindings[column]);
  }
  ExpressionPtr marker_ref = MakeColumnRef(marker, TypeId::kBool, "$marker");
  ExpressionPtr value;
  switch (subquery.kind) {
    case PendingSubquery::Kind::kScalar: {
      grouped->aggregate_index = subquery.aggregate_index;
      for (BoundAggregate& aggregate : subquery.aggregates) {
        // COUNT(*) over the left join must not count the NULL row of an unmatched outer row.
        if (aggregate.function->name == "COUNT_STAR") {
          std::vector<ExpressionPtr> arguments;
          arguments.push_back(marker_ref->Copy());
          aggregate = MakeAggregate("COUNT", std::move(arguments));
        }
        grouped->aggregates.push_back(std::move(aggregate));
      }
      value = std::move(subquery.value);
      break;
    }
    case PendingSubquery::Kind::kExists: {
      grouped->aggregate_index = NextTableIndex();
      std::vector<ExpressionPtr> arguments;
      arguments.push_back(marker_ref->Copy());
      grouped->aggregates.push_back(MakeAggregate("COUNT", std::move(arguments)));
      value = builder.BindComparison(
          "$greater", MakeColumnRef({grouped->aggregate_index, 0}, TypeId::kInt64, "$matches"),
          MakeConstant(Value::Int64(0)), subquery.position);
      break;
    }
    case PendingSubquery::Kind::kIn: {
      grouped->aggregate_index = NextTableIndex();
      ExpressionPtr equal = builder.BindComparison("$equal", subquery.in_operand->Copy(),
                                                   subquery.value->Copy(), subquery.position);
      // COUNTIF(x = v): a match; COUNTIF((x = v) IS NULL AND marker): an unknown comparison.
      std::vector<ExpressionPtr> matches;
      matches.push_back(equal->Copy());
      grouped->aggregates.push_back(MakeAggregate("COUNTIF", std::move(matches)));
      auto is_null = std::make_unique<Expression>();
      is_null->kind = ExpressionKind::kIsNull;
      is_null->type = TypeId::kBool;
      is_null->children.push_back(std::move(equal));
      std::vector<ExpressionPtr> unknown_terms;
      unknown_terms.push_back(std::move(is_null));
      unknown_terms.push_back(marker_ref->Copy());
      std::vector<ExpressionPtr> unknowns;
      unknowns.push_back(MakeConjunction(ExpressionKind::kAnd, std::move(unknown_terms)));
      grouped->aggregates.push_back(MakeAggregate("COUNTIF", std::move(unknowns)));
      auto result = std::make_unique<Expression>();
      result->kind = ExpressionKind::kCase;
      result->type = TypeId::kBool;
      result->children.push_back(builder.BindComparison(
          "$greater", MakeColumnRef({grouped->aggregate_index, 0}, TypeId::kInt64, "$matches"),
          MakeConstant(Value::Int64(0)), subquery.position));
      result->children.push_back(MakeConstant(Value::Bool(true)));
      result->children.push_back(builder.BindComparison(
          "$greater", MakeColumnRef({grouped->aggregate_index, 1}, TypeId::kInt64, "$unknowns"),
          MakeConstant(Value::Int64(0)), subquery.position));
      result->children.push_back(MakeConstant(Value::Null(TypeId::kBool)));
      result->children.push_back(MakeConstant(Value::Bool(false)));
      value = std::move(result);
      break;
    }
  }
  grouped->children.push_back(std::move(join));

  auto output = std::make_unique<LogicalProjection>();
  output->table_index = subquery.result.table;
  output->passthrough = true;
  output->expressions.push_back(std::move(value));
  output->children.push_back(std::move(grouped));
  return output;
}

}  // namespace dq
