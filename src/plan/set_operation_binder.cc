// Binder: set operations (UNION / INTERSECT / EXCEPT) and the ORDER BY of a query whose body
// is not a single SELECT.
#include "common/error.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

namespace {

bool IsIntegerLiteral(const sql::Expression& expression) {
  return expression.kind == sql::ExpressionKind::kLiteral &&
         expression.As<sql::Literal>().literal_kind == sql::LiteralKind::kInteger;
}

// Which output columns of `plan` are constants computed directly by its top projection (a
// literal such as `SELECT 2.5`): like literals elsewhere they may coerce to the other side's
// type (NUMERIC UNION ALL 2.5 is NUMERIC).
std::vector<bool> ConstantColumns(const LogicalOperator& plan, size_t column_count) {
  std::vector<bool> constant(column_count, false);
  if (plan.kind != LogicalKind::kProjection) return constant;
  const auto& projection = static_cast<const LogicalProjection&>(plan);
  if (projection.passthrough || projection.expressions.size() != column_count) return constant;
  for (size_t column = 0; column < column_count; ++column) {
    constant[column] = projection.expressions[column]->IsConstant();
  }
  return constant;
}

// The type of a set operation's column: the common supertype of the two sides, except that a
// FLOAT64 literal next to a NUMERIC column becomes NUMERIC (GoogleSQL's literal coercion;
// `CAST(NULL AS NUMERIC) UNION ALL SELECT 3.5` is NUMERIC, not FLOAT64).
std::optional<LogicalType> SetOperationSupertype(const LogicalType& left, bool left_constant,
                                                 const LogicalType& right, bool right_constant) {
  auto is = [](const LogicalType& type, TypeId id) { return type.id() == id; };
  if ((is(left, TypeId::kNumeric) && is(right, TypeId::kFloat64) && right_constant) ||
      (is(right, TypeId::kNumeric) && is(left, TypeId::kFloat64) && left_constant)) {
    return LogicalType(TypeId::kNumeric);
  }
  return CommonSupertype({left, right}, {left_constant, right_constant});
}

}  // namespace

BoundQuery Binder::BindSetOperation(const sql::SetOperation& operation) {
  const char* name = operation.op == sql::SetOperator::kUnion
                         ? (operation.all ? "UNION ALL" : "UNION DISTINCT")
                         : (operation.op == sql::SetOperator::kIntersect
                                ? (operation.all ? "INTERSECT ALL" : "INTERSECT DISTINCT")
                                : (operation.all ? "EXCEPT ALL" : "EXCEPT DISTINCT"));
  BoundQuery left = BindQueryBody(*operation.left, nullptr);
  BoundQuery right = BindQueryBody(*operation.right, nullptr);
  // A set operation of value tables is a value table.
  const bool value_table = left.value_table && right.value_table;
  std::vector<LogicalType> left_types = left.plan->Types();
  std::vector<LogicalType> right_types = right.plan->Types();
  if (left_types.size() != right_types.size()) {
    throw Error(ErrorKind::kBinding,
                std::string("Queries in ") + name + " have mismatched column count; query 1 has " +
                    std::to_string(left_types.size()) + " columns, query 2 has " +
                    std::to_string(right_types.size()) + " columns",
                operation.position);
  }
  std::vector<bool> left_constant = ConstantColumns(*left.plan, left_types.size());
  std::vector<bool> right_constant = ConstantColumns(*right.plan, right_types.size());
  std::vector<LogicalType> types;
  for (size_t column = 0; column < left_types.size(); ++column) {
    auto common = SetOperationSupertype(left_types[column], left_constant[column],
                                        right_types[column], right_constant[column]);
    if (!common) {
      throw Error(ErrorKind::kBinding,
                  "Column " + std::to_string(column + 1) + " in " + name +
                      " has incompatible types: " + left_types[column].ToString() + ", " +
                      right_types[column].ToString(),
                  operation.position);
    }
    types.push_back(*common);
  }
  // Coerce each side with a projection when its types differ.
  auto coerce_side = [&](BoundQuery& side, const std::vector<LogicalType>& side_types) {
    if (side_types == types) return;
    auto projection = std::make_unique<LogicalProjection>();
    projection->table_index = NextTableIndex();
    std::vector<ColumnBinding> bindings = side.plan->Bindings();
    for (size_t column = 0; column < types.size(); ++column) {
      projection->expressions.push_back(CoerceTo(
          MakeColumnRef(bindings[column], side_types[column], side.names[column]), types[column]));
    }
    projection->children.push_back(std::move(side.plan));
    side.plan = std::move(projection);
  };
  coerce_side(left, left_types);
  coerce_side(right, right_types);
  if (operation.op != sql::SetOperator::kUnion && operation.all) {
    return PlanBagSetOperation(std::move(left), std::move(right), types,
                               operation.op == sql::SetOperator::kIntersect);
  }
  if (operation.op != sql::SetOperator::kUnion) {
    // INTERSECT / EXCEPT DISTINCT: the distinct left rows with (without) an equal right row,
    // comparing NULL as equal to NULL.
    BoundQuery bound;
    bound.names = left.names;
    bound.value_table = value_table;
    auto distinct = std::make_unique<LogicalAggregate>();
    distinct->group_index = NextTableIndex();
    distinct->aggregate_index = NextTableIndex();
    std::vector<ColumnBinding> left_bindings = left.plan->Bindings();
    for (size_t column = 0; column < types.size(); ++column) {
      distinct->groups.push_back(MakeColumnRef(left_bindings[column], types[column], left.names[column]));
    }
    distinct->children.push_back(std::move(left.plan));
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = operation.op == sql::SetOperator::kIntersect ? LogicalJoinType::kSemi
                                                                   : LogicalJoinType::kAnti;
    join->null_equal_keys = true;
    std::vector<ColumnBinding> distinct_bindings = distinct->Bindings();
    std::vector<ColumnBinding> right_bindings = right.plan->Bindings();
    for (size_t column = 0; column < types.size(); ++column) {
      join->conditions.push_back({MakeColumnRef(distinct_bindings[column], types[column], bound.names[column]),
                                  MakeColumnRef(right_bindings[column], types[column], "")});
    }
    join->children.push_back(std::move(distinct));
    join->children.push_back(std::move(right.plan));
    bound.plan = std::move(join);
    return bound;
  }
  auto union_all = std::make_unique<LogicalUnion>();
  union_all->table_index = NextTableIndex();
  union_all->types = types;
  union_all->children.push_back(std::move(left.plan));
  union_all->children.push_back(std::move(right.plan));
  BoundQuery bound;
  bound.names = left.names;
  bound.value_table = value_table;
  if (operation.all) {
    bound.plan = std::move(union_all);
    return bound;
  }
  auto distinct = std::make_unique<LogicalAggregate>();
  distinct->group_index = NextTableIndex();
  distinct->aggregate_index = NextTableIndex();
  std::vector<ColumnBinding> bindings = union_all->Bindings();
  for (size_t column = 0; column < types.size(); ++column) {
    distinct->groups.push_back(MakeColumnRef(bindings[column], types[column], bound.names[column]));
  }
  distinct->children.push_back(std::move(union_all));
  bound.plan = std::move(distinct);
  return bound;
}

void Binder::BindOrderAndLimit(const sql::QueryExpression& query, BoundQuery& bound) {
  if (query.order_by.empty()) return;
  // ORDER BY over a set operation: output columns by name or ordinal.
  BindScope scope;
  BoundRelation relation;
  relation.column_names = bound.names;
  relation.types = bound.plan->Types();
  relation.bindings = bound.plan->Bindings();
  scope.AddRelation(relation);
  auto order = std::make_unique<LogicalOrder>();
  for (const sql::OrderByItem& item : query.order_by) {
    OrderItem bound_item;
    if (IsIntegerLiteral(*item.expression)) {
      int64_t ordinal = item.expression->As<sql::Literal>().int_value;
      if (ordinal < 1 || ordinal > static_cast<int64_t>(bound.names.size())) {
        throw Error(ErrorKind::kBinding,
                    "ORDER BY column number item is out of range. Column numbers must be between 1 and " +
                        std::to_string(bound.names.size()),
                    item.expression->position);
      }
      bound_item.expression = MakeColumnRef(relation.bindings[ordinal - 1],
                                            relation.types[ordinal - 1], bound.names[ordinal - 1]);
    } else {
      ExpressionBinder binder(*this, scope, "ORDER BY");
      bound_item.expression = binder.Bind(*item.expression);
    }
    bound_item.descending = item.direction == sql::OrderByItem::Direction::kDescending;
    bound_item.nulls_first = item.nulls == sql::OrderByItem::Nulls::kDefault
                                 ? !bound_item.descending
                                 : item.nulls == sql::OrderByItem::Nulls::kFirst;
    order->items.push_back(std::move(bound_item));
  }
  order->children.push_back(std::move(bound.plan));
  bound.plan = std::move(order);
  bound.ordered = true;
}

}  // namespace dq
