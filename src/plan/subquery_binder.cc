// Binder: subquery expressions.
//
// Uncorrelated subqueries are evaluated while binding (the snapshot is fixed, so the value is
// the same as at execution) and become constants: a scalar, a BOOL for EXISTS, an ARRAY for
// ARRAY(SELECT ...), an IN list for x IN (SELECT ...).
//
// Correlated subqueries are bound here into a PendingSubquery (its FROM, correlated terms,
// value and aggregates) that the enclosing query block applies to its plan; how they become
// joins and aggregates is in subquery_decorrelation.cc.
//
// Supported correlated shapes: one SELECT block, with FROM (a join of tables, or UNNEST of the
// outer row's array) or without; GROUP BY and HAVING in scalar and ARRAY subqueries; no
// DISTINCT; the join form reads outer columns only in WHERE (and in the SELECT list).
#include <algorithm>

#include "common/error.h"
#include "functions/aggregate/array_aggregates.h"
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
  BoundAggregate rows = MakeBuiltinAggregate("ARRAY_AGG", std::move(arguments));
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

}  // namespace dq
