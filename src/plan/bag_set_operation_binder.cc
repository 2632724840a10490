// Binder: INTERSECT ALL and EXCEPT ALL (bag semantics).
//
// A row that appears l times on the left and r times on the right appears min(l, r) times in
// INTERSECT ALL and max(l - r, 0) times in EXCEPT ALL; rows compare NULL equal to NULL. Plan:
// each side numbers the copies of every distinct row (ROW_NUMBER() OVER (PARTITION BY all
// columns)), so the k-th copy of a row on the left is kept by INTERSECT ALL exactly when the
// right has a k-th copy too: a semi join (EXCEPT ALL: an anti join) on (columns, copy number)
// with NULL-equal keys, followed by a projection that drops the copy number.
#include "plan/binder.h"

namespace dq {

namespace {

// `input` followed by the copy number of each row among the rows equal to it, as a
// LogicalWindow. Returns the binding of the copy number.
ColumnBinding NumberCopies(LogicalOperatorPtr& input, const std::vector<LogicalType>& types,
                           uint32_t window_index) {
  BoundWindowFunction row_number;
  row_number.kind = WindowFunctionKind::kRowNumber;
  row_number.name = "ROW_NUMBER";
  row_number.return_type = LogicalType(TypeId::kInt64);
  std::vector<ColumnBinding> bindings = input->Bindings();
  for (size_t column = 0; column < types.size(); ++column) {
    row_number.partitions.push_back(MakeColumnRef(bindings[column], types[column], ""));
  }
  auto window = std::make_unique<LogicalWindow>();
  window->window_index = window_index;
  window->functions.push_back(std::move(row_number));
  window->children.push_back(std::move(input));
  input = std::move(window);
  return ColumnBinding{window_index, 0};
}

}  // namespace

BoundQuery Binder::PlanBagSetOperation(BoundQuery left, BoundQuery right,
                                       const std::vector<LogicalType>& types, bool intersect) {
  std::vector<ColumnBinding> left_bindings = left.plan->Bindings();
  std::vector<ColumnBinding> right_bindings = right.plan->Bindings();
  ColumnBinding left_copy = NumberCopies(left.plan, types, NextTableIndex());
  ColumnBinding right_copy = NumberCopies(right.plan, types, NextTableIndex());

  auto join = std::make_unique<LogicalJoin>();
  join->join_type = intersect ? LogicalJoinType::kSemi : LogicalJoinType::kAnti;
  join->null_equal_keys = true;
  for (size_t column = 0; column < types.size(); ++column) {
    join->conditions.push_back({MakeColumnRef(left_bindings[column], types[column], left.names[column]),
                                MakeColumnRef(right_bindings[column], types[column], "")});
  }
  LogicalType int64_type(TypeId::kInt64);
  join->conditions.push_back(
      {MakeColumnRef(left_copy, int64_type, ""), MakeColumnRef(right_copy, int64_type, "")});
  join->children.push_back(std::move(left.plan));
  join->children.push_back(std::move(right.plan));

  auto projection = std::make_unique<LogicalProjection>();
  projection->table_index = NextTableIndex();
  for (size_t column = 0; column < types.size(); ++column) {
    projection->expressions.push_back(
        MakeColumnRef(left_bindings[column], types[column], left.names[column]));
  }
  projection->children.push_back(std::move(join));

  BoundQuery bound;
  bound.value_table = left.value_table && right.value_table;
  bound.names = std::move(left.names);
  bound.plan = std::move(projection);
  return bound;
}

}  // namespace dq
