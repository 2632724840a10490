// Binder: subquery expressions.
//
// Uncorrelated subqueries are evaluated while binding (the snapshot is fixed, so the value is
// the same as at execution) and become constants: a scalar, a BOOL for EXISTS, an ARRAY for
// ARRAY(SELECT ...), an IN list for x IN (SELECT ...).
//
// Correlated subqueries are decorrelated, never re-run per row. For a subquery reading outer
// columns in its WHERE clause (the join form):
//
//   outer'  = outer plus a unique row tag            ($unique_id(), a passthrough projection)
//   inner'  = subquery FROM + uncorrelated WHERE, plus a marker column TRUE
//   joined  = outer' LEFT JOIN inner' ON <correlated WHERE terms>   (equalities become hash keys)
//   grouped = GROUP BY tag, carrying the outer columns with their bindings, computing
//               scalar:  the subquery's aggregates, each folding only marked rows (FILTER)
//               ARRAY(...) and scalar subqueries without aggregates:
//                        ARRAY_AGG(value ORDER BY ... LIMIT ...) FILTER (marked rows); ARRAY
//                        gives [] for none, a scalar its single element ($single_element)
//               EXISTS:  COUNT(*) FILTER (marked rows) > 0
//               x IN:    CASE WHEN COUNTIF(x = v) > 0 THEN TRUE
//                             WHEN COUNTIF((x = v) IS NULL) > 0 THEN NULL ELSE FALSE
//                        (both counting marked rows only)
//   result  = grouped plus the subquery's value in a new column
//
// A subquery whose FROM is UNNEST(<array of the outer row>), or that has no FROM (the lateral form,
// `(SELECT SUM(x) FROM UNNEST(o.items) x WHERE x > 0)`) has nothing to join: the outer' rows
// are unnested in place (every row kept, a NULL offset when its array is empty), the marker
// is "offset IS NOT NULL AND <WHERE>", and the grouping is the same.
//
// A WHERE term that is only `[NOT] EXISTS (...)` of the join form skips all that: it becomes a
// semi (anti) join of the outer rows with the subquery's FROM on the correlated terms.
//
// Supported correlated shapes: one SELECT block with FROM, no GROUP BY / HAVING / DISTINCT;
// the join form reads outer columns only in WHERE (and in the SELECT list outside aggregates).
#include <algorithm>

#include "common/error.h"
#include "functions/aggregate/array_aggregates.h"
#include "functions/aggregate/filtered_aggregate.h"
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
  LogicalUnnest* lateral_unnest = nullptr;
  if (query->body->kind == sql::QueryBodyKind::kSelect && query->body->As<sql::SelectCore>().from &&
      query->body->As<sql::SelectCore>().from->kind == sql::TableReferenceKind::kUnnest) {
    lateral_unnest_slot_ = &lateral_unnest;
  }
  try {
    bound = BindQuery(*query);
  } catch (...) {
    lateral_unnest_slot_ = nullptr;
    outer_scopes_.pop_back();
    throw;
  }
  lateral_unnest_slot_ = nullptr;
  outer_scopes_.pop_back();
  bool correlated = lateral_unnest != nullptr || PlanReadsOuter(*bound.plan, first);
  std::vector<LogicalType> types = bound.plan->Types();
  if (kind != PendingSubquery::Kind::kExists && types.size() != 1) {
    throw Error(ErrorKind::kBinding,
                std::string(kind == PendingSubquery::Kind::kIn ? "IN subquery" : "Scalar subquery") +
                    " must return exactly one column, not " + std::to_string(types.size()),
                position);
  }

  ExpressionPtr result;
  if (correlated) {
    result = BindCorrelatedSubquery(*query, kind, is_array, std::move(operand), scope, pending,
                                    position);
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
                                             PendingSubquery::Kind kind, bool is_array,
                                             ExpressionPtr in_operand, const BindScope& scope,
                                             std::vector<PendingSubquery>* pending,
                                             int64_t position) {
  auto unsupported = [&](const std::string& what) -> Error {
    return Error(ErrorKind::kNotSupported, "Correlated subqueries " + what + " are not supported yet",
                 position);
  };
  if (!pending) throw unsupported("in this clause");
  if (!query.with.empty() || query.body->kind != sql::QueryBodyKind::kSelect) {
    throw unsupported("with WITH or set operations");
  }
  const auto& select = query.body->As<sql::SelectCore>();
  if (select.distinct || select.qualify || select.group_by_all) {
    throw unsupported("with DISTINCT, QUALIFY or GROUP BY ALL");
  }
  if ((!select.group_by.empty() || select.having) && kind != PendingSubquery::Kind::kScalar) {
    throw unsupported("with GROUP BY or HAVING in EXISTS or IN");
  }
  if (select.select_as == sql::SelectCore::SelectAs::kStruct && !is_array &&
      kind != PendingSubquery::Kind::kExists) {
    throw unsupported("with SELECT AS STRUCT");
  }
  bool struct_rows = is_array && select.select_as == sql::SelectCore::SelectAs::kStruct;
  if (kind != PendingSubquery::Kind::kExists && !struct_rows &&
      (select.items.size() != 1 || select.items[0].expression->kind == sql::ExpressionKind::kStar)) {
    throw Error(ErrorKind::kBinding, "Subquery must return exactly one column", position);
  }

  PendingSubquery subquery;
  subquery.kind = kind;
  subquery.position = position;
  subquery.in_operand = std::move(in_operand);
  uint32_t first = next_table_index_;
  subquery.first_table = first;
  outer_scopes_.push_back(&scope);
  try {
    BindScope inner_scope;
    // FROM UNNEST(<array of the outer row>): the lateral form.
    if (select.from && select.from->kind == sql::TableReferenceKind::kUnnest) {
      lateral_unnest_slot_ = &subquery.lateral_unnest;
    }
    LogicalOperatorPtr inner;
    if (select.from) {
      try {
        inner = BindTableReference(*select.from, inner_scope);
      } catch (...) {
        lateral_unnest_slot_ = nullptr;
        throw;
      }
      lateral_unnest_slot_ = nullptr;  // (taken by the UNNEST, if any)
    }
    bool lateral = !select.from || subquery.lateral_unnest != nullptr;
    subquery.lateral = lateral;
    std::vector<ExpressionPtr> local;
    if (select.where) {
      std::vector<PendingSubquery> nested;
      ExpressionBinder where_binder(*this, inner_scope, "WHERE clause");
      where_binder.set_pending_subqueries(&nested);
      ExpressionPtr predicate = CoerceTo(where_binder.Bind(*select.where), TypeId::kBool);
      if (lateral) {
        // The outer rows flow through the UNNEST: rows failing WHERE stay but do not count.
        if (!nested.empty()) throw unsupported("inside a subquery over UNNEST");
        subquery.lateral_condition = std::move(predicate);
      } else {
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
    }
    if (!local.empty()) {
      auto filter = std::make_unique<LogicalFilter>();
      filter->predicates = std::move(local);
      filter->children.push_back(std::move(inner));
      inner = std::move(filter);
    }
    if (kind == PendingSubquery::Kind::kScalar) {
      BindCorrelatedValue(query, is_array, first, lateral, inner_scope, subquery);
    } else {
      if (!query.order_by.empty() || query.limit) throw unsupported("with ORDER BY or LIMIT");
      if (kind == PendingSubquery::Kind::kIn) {
        ExpressionBinder select_binder(*this, inner_scope, "SELECT list");
        subquery.value = select_binder.Bind(*select.items[0].expression);
        if (!lateral && ExpressionReadsOuter(*subquery.value, first)) {
          throw unsupported("reading outer columns in their SELECT list");
        }
      }
      subquery.type = TypeId::kBool;
    }
    if (!lateral && PlanReadsOuter(*inner, first)) throw unsupported("nested more than one level deep");

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

// A scalar or ARRAY subquery's value over its rows. With aggregates in the SELECT list
// (`SELECT MAX(x) ...`) and no GROUP BY the value is that expression over them. Otherwise the
// rows' values (with GROUP BY: one per group, after HAVING) are collected by
// ARRAY_AGG(value ORDER BY ... LIMIT ...): ARRAY(...) is that array (empty for no rows), a
// scalar subquery its single element (NULL for no rows, an error for several).
void Binder::BindCorrelatedValue(const sql::QueryExpression& query, bool is_array,
                                 uint32_t first, bool lateral, const BindScope& inner_scope,
                                 PendingSubquery& subquery) {
  const auto& select = query.body->As<sql::SelectCore>();
  int64_t position = subquery.position;
  auto unsupported = [&](const std::string& what) -> Error {
    return Error(ErrorKind::kNotSupported, "Correlated subqueries " + what + " are not supported yet",
                 position);
  };
  AggregateCollector collector;
  collector.aggregate_index = NextTableIndex();

  // GROUP BY: plain expressions, select-list ordinals or aliases.
  const bool grouped = !select.group_by.empty();
  std::vector<std::string> keys;
  std::vector<LogicalType> key_types;
  if (grouped) {
    ExpressionBinder group_binder(*this, inner_scope, "GROUP BY");
    for (const sql::GroupingElement& element : select.group_by) {
      if (element.kind != sql::GroupingElement::Kind::kExpression ||
          element.expressions.size() != 1) {
        throw unsupported("with ROLLUP, CUBE or GROUPING SETS");
      }
      const sql::Expression* key = element.expressions[0].get();
      if (key->kind == sql::ExpressionKind::kLiteral &&
          key->As<sql::Literal>().literal_kind == sql::LiteralKind::kInteger) {
        int64_t ordinal = key->As<sql::Literal>().int_value;
        if (ordinal < 1 || ordinal > static_cast<int64_t>(select.items.size())) {
          throw Error(ErrorKind::kBinding, "GROUP BY ordinal " + std::to_string(ordinal) +
                                               " is out of range", key->position);
        }
        key = select.items[ordinal - 1].expression.get();
      } else if (key->kind == sql::ExpressionKind::kPath &&
                 key->As<sql::PathExpression>().names.size() == 1 &&
                 !inner_scope.FindColumn(key->As<sql::PathExpression>().names[0], key->position)) {
        for (const auto& item : select.items) {
          if (IdentifierEquals(item.alias, key->As<sql::PathExpression>().names[0])) {
            key = item.expression.get();
          }
        }
      }
      ExpressionPtr bound = group_binder.Bind(*key);
      keys.push_back(bound->Fingerprint());
      key_types.push_back(bound->type);
      subquery.groups.push_back(std::move(bound));
    }
    subquery.group_index = NextTableIndex();
  }
  auto regroup = [&](ExpressionPtr expression) {
    return grouped ? ReplaceGroupKeys(std::move(expression), keys, key_types, subquery.group_index)
                   : std::move(expression);
  };
  auto check_grouped = [&](const Expression& expression, const char* clause) {
    VisitColumnRefs(expression, [&](const Expression& reference) {
      uint32_t table = reference.binding.table;
      if (table != collector.aggregate_index && (!grouped || table != subquery.group_index) &&
          table >= first) {
        throw Error(ErrorKind::kBinding,
                    std::string(clause) + " expression references column " + reference.name +
                        " which is neither grouped nor aggregated",
                    reference.position);
      }
    });
  };

  // The SELECT list: one value, or a STRUCT of the items under SELECT AS STRUCT. Item aliases
  // are kept for ORDER BY.
  ExpressionBinder select_binder(*this, inner_scope, "SELECT list", &collector);
  std::vector<ExpressionPtr> alias_values;
  ExpressionBinder::AliasList aliases;
  auto bind_item = [&](const sql::SelectItem& item) {
    if (item.expression->kind == sql::ExpressionKind::kStar) throw unsupported("with SELECT *");
    ExpressionPtr bound = select_binder.Bind(*item.expression);
    if (bound->type.id() == TypeId::kNull) bound = CoerceTo(std::move(bound), TypeId::kInt64);
    if (!item.alias.empty()) {
      alias_values.push_back(bound->Copy());
      aliases.emplace_back(item.alias, alias_values.back().get());
    }
    return bound;
  };
  ExpressionPtr value;
  if (select.select_as == sql::SelectCore::SelectAs::kStruct) {
    std::vector<std::pair<std::string, LogicalType>> fields;
    std::vector<ExpressionPtr> values;
    for (const auto& item : select.items) {
      ExpressionPtr field = bind_item(item);
      std::string name = item.alias;
      if (name.empty() && item.expression->kind == sql::ExpressionKind::kPath) {
        name = item.expression->As<sql::PathExpression>().names.back();
      }
      fields.emplace_back(name, field->type);
      values.push_back(std::move(field));
    }
    const auto* make_struct = FunctionRegistry::Get().FindScalar("$make_struct");
    value = MakeFunction(&make_struct->front(), std::move(values),
                         LogicalType::Struct(std::move(fields)), nullptr, position);
  } else {
    value = bind_item(select.items[0]);
  }
  value = regroup(std::move(value));
  // Grouped, or aggregated without GROUP BY: plain columns must be grouped (or outer).
  if (grouped || !collector.aggregates.empty()) check_grouped(*value, "SELECT list");
  ExpressionPtr having;
  if (select.having) {
    if (!grouped) throw unsupported("with HAVING and no GROUP BY");
    ExpressionBinder having_binder(*this, inner_scope, "HAVING clause", &collector);
    having = regroup(CoerceTo(having_binder.Bind(*select.having), TypeId::kBool));
    check_grouped(*having, "HAVING clause");
  }

  bool collect = grouped || is_array || collector.aggregates.empty();
  if (!collect) {
    // One row by construction; ORDER BY changes nothing, LIMIT would need care.
    if (query.limit) throw unsupported("with an aggregate and LIMIT");
    // (Aggregate arguments may read outer columns: the joined or unnested rows carry them.)
    subquery.aggregate_index = collector.aggregate_index;
    subquery.aggregates = std::move(collector.aggregates);
    subquery.value = std::move(value);
    subquery.type = subquery.value->type;
    return;
  }
  if (!grouped && !collector.aggregates.empty()) {
    throw unsupported("collecting aggregates into an ARRAY without GROUP BY");
  }
  if (query.offset) throw unsupported("with OFFSET");
  LogicalType element_type = value->type;
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(std::move(value));
  BoundAggregate rows = MakeAggregate("ARRAY_AGG", std::move(arguments));
  auto order = std::make_shared<OrderedAggregateData>(
      static_cast<const OrderedAggregateData&>(*rows.bind_data));
  if (query.limit) order->limit = BindLimitValue(*query.limit, "LIMIT");
  ExpressionBinder order_binder(*this, inner_scope, "ORDER BY", grouped ? &collector : nullptr);
  order_binder.set_select_aliases(&aliases);
  for (const sql::OrderByItem& item : query.order_by) {
    ExpressionPtr key = regroup(order_binder.Bind(*item.expression));
    if (grouped) check_grouped(*key, "ORDER BY clause");
    if (key->type.id() == TypeId::kNull) key = CoerceTo(std::move(key), TypeId::kInt64);
    order->keys.push_back(OrderedAggregateKeyOf(item));
    rows.arguments.push_back(std::move(key));
  }
  rows.bind_data = std::move(order);
  rows.position = position;
  LogicalType array_type = rows.return_type;
  ColumnBinding collected_binding;
  if (grouped) {
    subquery.aggregate_index = collector.aggregate_index;
    subquery.aggregates = std::move(collector.aggregates);
    subquery.group_filter = std::move(having);
    subquery.collect_index = NextTableIndex();
    subquery.collect.push_back(std::move(rows));
    collected_binding = {subquery.collect_index, 0};
  } else {
    subquery.aggregate_index = collector.aggregate_index;
    subquery.aggregates.push_back(std::move(rows));
    collected_binding = {subquery.aggregate_index, 0};
  }
  ExpressionPtr collected = MakeColumnRef(collected_binding, array_type, "$rows");
  if (is_array) {
    // No rows: an empty array, not NULL.
    auto coalesce = std::make_unique<Expression>();
    coalesce->kind = ExpressionKind::kCoalesce;
    coalesce->type = array_type;
    coalesce->position = position;
    coalesce->children.push_back(std::move(collected));
    coalesce->children.push_back(MakeConstant(Value::Array(element_type, {}), position));
    subquery.value = std::move(coalesce);
  } else {
    BindScope empty;
    ExpressionBinder builder(*this, empty, "subquery");
    std::vector<ExpressionPtr> single;
    single.push_back(std::move(collected));
    subquery.value = builder.BindFunctionCall("$single_element", std::move(single), position);
  }
  subquery.type = subquery.value->type;
}

void Binder::RebaseSubquery(PendingSubquery& subquery,
                            const std::function<ExpressionPtr(ExpressionPtr)>& rewrite,
                            const std::function<void(const Expression&)>& check) {
  auto visit = [&](ExpressionPtr& expression) {
    if (!expression) return;
    expression = rewrite(std::move(expression));
    VisitColumnRefs(*expression, [&](const Expression& reference) {
      if (reference.binding.table < subquery.first_table) check(reference);
    });
  };
  for (auto& term : subquery.correlated) visit(term);
  visit(subquery.in_operand);
  visit(subquery.value);
  visit(subquery.lateral_condition);
  for (auto& group : subquery.groups) visit(group);
  visit(subquery.group_filter);
  for (auto* aggregates : {&subquery.aggregates, &subquery.collect}) {
    for (BoundAggregate& aggregate : *aggregates) {
      for (auto& argument : aggregate.arguments) visit(argument);
    }
  }
  if (subquery.lateral_unnest != nullptr) visit(subquery.lateral_unnest->array);
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

  // Below the grouping: the outer rows joined to (or unnested into) the subquery's rows, and
  // the marker that says which rows are real subquery rows (the others only keep an outer
  // row with no match). The subquery's aggregates fold only marked rows.
  LogicalOperatorPtr below;
  ExpressionPtr marker_ref;
  if (subquery.lateral) {
    std::vector<ExpressionPtr> terms;
    if (subquery.lateral_unnest != nullptr) {
      subquery.lateral_unnest->children[0] = std::move(tagged);
      below = std::move(subquery.inner);
      auto present = std::make_unique<Expression>();
      present->kind = ExpressionKind::kIsNotNull;
      present->type = TypeId::kBool;
      present->children.push_back(
          MakeColumnRef({subquery.lateral_unnest->table_index, 1}, TypeId::kInt64, "$offset"));
      terms.push_back(std::move(present));
    } else {
      below = std::move(tagged);  // no FROM: one row per outer row
    }
    if (subquery.lateral_condition) terms.push_back(std::move(subquery.lateral_condition));
    if (terms.empty()) terms.push_back(MakeConstant(Value::Bool(true)));
    marker_ref = terms.size() == 1 ? std::move(terms[0])
                                   : MakeConjunction(ExpressionKind::kAnd, std::move(terms));
  } else {
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
    below = std::move(join);
    marker_ref = MakeColumnRef(marker, TypeId::kBool, "$marker");
  }

  if (!subquery.groups.empty()) {
    return ApplyGroupedSubquery(std::move(below), std::move(marker_ref), tag, outer_bindings,
                                outer_types, subquery);
  }
  auto grouped = std::make_unique<LogicalAggregate>();
  grouped->group_index = NextTableIndex();
  grouped->groups.push_back(MakeColumnRef(tag, TypeId::kInt64, "$tag"));
  grouped->group_bindings.push_back({grouped->group_index, 0});
  grouped->compared_groups = 1;  // the tag is unique; the outer columns depend on it
  for (size_t column = 0; column < outer_bindings.size(); ++column) {
    grouped->groups.push_back(MakeColumnRef(outer_bindings[column], outer_types[column], ""));
    grouped->group_bindings.push_back(outer_bindings[column]);
  }
  ExpressionPtr value;
  switch (subquery.kind) {
    case PendingSubquery::Kind::kScalar: {
      grouped->aggregate_index = subquery.aggregate_index;
      for (BoundAggregate& aggregate : subquery.aggregates) {
        grouped->aggregates.push_back(
            MakeFilteredAggregate(std::move(aggregate), marker_ref->Copy()));
      }
      value = std::move(subquery.value);
      break;
    }
    case PendingSubquery::Kind::kExists: {
      grouped->aggregate_index = NextTableIndex();
      grouped->aggregates.push_back(
          MakeFilteredAggregate(MakeAggregate("COUNT_STAR", {}), marker_ref->Copy()));
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
      grouped->aggregates.push_back(MakeFilteredAggregate(
          MakeAggregate("COUNTIF", std::move(matches)), marker_ref->Copy()));
      auto is_null = std::make_unique<Expression>();
      is_null->kind = ExpressionKind::kIsNull;
      is_null->type = TypeId::kBool;
      is_null->children.push_back(std::move(equal));
      std::vector<ExpressionPtr> unknowns;
      unknowns.push_back(std::move(is_null));
      grouped->aggregates.push_back(MakeFilteredAggregate(
          MakeAggregate("COUNTIF", std::move(unknowns)), marker_ref->Copy()));
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
  grouped->children.push_back(std::move(below));

  auto output = std::make_unique<LogicalProjection>();
  output->table_index = subquery.result.table;
  output->passthrough = true;
  output->expressions.push_back(std::move(value));
  output->children.push_back(std::move(grouped));
  return output;
}

// The grouped form (GROUP BY inside the subquery): group the rows by (tag, the subquery's
// groups), folding the subquery's aggregates and counting real rows; then collect one value
// per real group that passes HAVING, per tag.
LogicalOperatorPtr Binder::ApplyGroupedSubquery(LogicalOperatorPtr below, ExpressionPtr marker,
                                                ColumnBinding tag,
                                                const std::vector<ColumnBinding>& outer_bindings,
                                                const std::vector<LogicalType>& outer_types,
                                                PendingSubquery& subquery) {
  BindScope empty;
  ExpressionBinder builder(*this, empty, "subquery");
  auto carry_outer = [&](LogicalAggregate& aggregate) {
    for (size_t column = 0; column < outer_bindings.size(); ++column) {
      aggregate.groups.push_back(MakeColumnRef(outer_bindings[column], outer_types[column], ""));
      aggregate.group_bindings.push_back(outer_bindings[column]);
    }
  };
  // Level 1: per (tag, groups).
  auto per_group = std::make_unique<LogicalAggregate>();
  per_group->group_index = NextTableIndex();
  per_group->groups.push_back(MakeColumnRef(tag, TypeId::kInt64, "$tag"));
  per_group->group_bindings.push_back({per_group->group_index, 0});
  for (size_t key = 0; key < subquery.groups.size(); ++key) {
    per_group->groups.push_back(std::move(subquery.groups[key]));
    per_group->group_bindings.push_back({subquery.group_index, static_cast<uint32_t>(key)});
  }
  per_group->compared_groups = 1 + subquery.groups.size();
  carry_outer(*per_group);
  per_group->aggregate_index = subquery.aggregate_index;
  for (BoundAggregate& aggregate : subquery.aggregates) {
    per_group->aggregates.push_back(MakeFilteredAggregate(std::move(aggregate), marker->Copy()));
  }
  // A group of real rows (an outer row without any still forms one group, of NULL keys).
  ColumnBinding real_rows{subquery.aggregate_index,
                          static_cast<uint32_t>(per_group->aggregates.size())};
  per_group->aggregates.push_back(
      MakeFilteredAggregate(MakeAggregate("COUNT_STAR", {}), std::move(marker)));
  per_group->children.push_back(std::move(below));

  // Level 2: per tag, collecting the groups' values.
  auto per_tag = std::make_unique<LogicalAggregate>();
  per_tag->group_index = NextTableIndex();
  per_tag->groups.push_back(MakeColumnRef({per_group->group_index, 0}, TypeId::kInt64, "$tag"));
  per_tag->group_bindings.push_back({per_tag->group_index, 0});
  per_tag->compared_groups = 1;
  carry_outer(*per_tag);
  std::vector<ExpressionPtr> keep;
  keep.push_back(builder.BindComparison(
      "$greater", MakeColumnRef(real_rows, TypeId::kInt64, "$rows"),
      MakeConstant(Value::Int64(0)), subquery.position));
  if (subquery.group_filter) keep.push_back(std::move(subquery.group_filter));
  ExpressionPtr keep_group = keep.size() == 1 ? std::move(keep[0])
                                              : MakeConjunction(ExpressionKind::kAnd, std::move(keep));
  per_tag->aggregate_index = subquery.collect_index;
  per_tag->aggregates.push_back(
      MakeFilteredAggregate(std::move(subquery.collect[0]), std::move(keep_group)));
  per_tag->children.push_back(std::move(per_group));

  auto output = std::make_unique<LogicalProjection>();
  output->table_index = subquery.result.table;
  output->passthrough = true;
  output->expressions.push_back(std::move(subquery.value));
  output->children.push_back(std::move(per_tag));
  return output;
}

}  // namespace dq
