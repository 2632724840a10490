#include "plan/logical_operator.h"

namespace dq {

namespace {

std::string JoinExpressions(const std::vector<ExpressionPtr>& expressions) {
  std::string out;
  for (size_t index = 0; index < expressions.size(); ++index) {
    if (index > 0) out += ", ";
    out += expressions[index]->ToString();
  }
  return out;
}

}  // namespace

std::string LogicalOperator::ToString(int indent) const {
  std::string out(indent * 2, ' ');
  out += Describe() + "\n";
  for (const auto& child : children) out += child->ToString(indent + 1);
  return out;
}

std::vector<ColumnBinding> LogicalGet::Bindings() const {
  std::vector<ColumnBinding> bindings;
  for (size_t column : column_ids) {
    bindings.push_back({table_index, static_cast<uint32_t>(column)});
  }
  return bindings;
}

std::vector<LogicalType> LogicalGet::Types() const {
  std::vector<LogicalType> types;
  for (size_t column : column_ids) types.push_back(table->columns[column].type);
  return types;
}

std::string LogicalGet::Describe() const {
  std::string out = "GET " + table->dataset + "." + table->name;
  if (!filters.empty()) out += " [" + JoinExpressions(filters) + "]";
  return out;
}

std::vector<ColumnBinding> LogicalValues::Bindings() const {
  std::vector<ColumnBinding> bindings;
  for (size_t column = 0; column < types.size(); ++column) {
    bindings.push_back({table_index, static_cast<uint32_t>(column)});
  }
  return bindings;
}

std::string LogicalValues::Describe() const {
  return "VALUES " + std::to_string(rows->row_count()) + " rows";
}

std::string LogicalFilter::Describe() const { return "FILTER " + JoinExpressions(predicates); }

std::vector<ColumnBinding> LogicalProjection::Bindings() const {
  std::vector<ColumnBinding> bindings;
  if (passthrough) bindings = children[0]->Bindings();
  for (size_t column = 0; column < expressions.size(); ++column) {
    bindings.push_back({table_index, static_cast<uint32_t>(column)});
  }
  return bindings;
}

std::vector<LogicalType> LogicalProjection::Types() const {
  std::vector<LogicalType> types;
  if (passthrough) types = children[0]->Types();
  for (const auto& expression : expressions) types.push_back(expression->type);
  return types;
}

std::string LogicalProjection::Describe() const {
  return "PROJECTION " + JoinExpressions(expressions);
}

std::vector<ColumnBinding> LogicalAggregate::Bindings() const {
  std::vector<ColumnBinding> bindings = group_bindings;
  for (size_t column = bindings.size(); column < groups.size(); ++column) {
    bindings.push_back({group_index, static_cast<uint32_t>(column)});
  }
  for (size_t column = 0; column < aggregates.size(); ++column) {
    bindings.push_back({aggregate_index, static_cast<uint32_t>(column)});
  }
  if (!grouping_sets.empty()) bindings.push_back({grouping_index, 0});
  return bindings;
}

std::vector<LogicalType> LogicalAggregate::Types() const {
  std::vector<LogicalType> types;
  for (const auto& group : groups) types.push_back(group->type);
  for (const auto& aggregate : aggregates) types.push_back(aggregate.return_type);
  if (!grouping_sets.empty()) types.push_back(TypeId::kInt64);
  return types;
}

std::string LogicalAggregate::Describe() const {
  std::string out = "AGGREGATE groups=[" + JoinExpressions(groups) + "] aggregates=[";
  for (size_t index = 0; index < aggregates.size(); ++index) {
    if (index > 0) out += ", ";
    out += aggregates[index].ToString();
  }
  return out + "]";
}

std::vector<ColumnBinding> LogicalJoin::Bindings() const {
  std::vector<ColumnBinding> bindings = children[0]->Bindings();
  if (join_type == LogicalJoinType::kSemi || join_type == LogicalJoinType::kAnti) return bindings;
  std::vector<ColumnBinding> right = children[1]->Bindings();
  bindings.insert(bindings.end(), right.begin(), right.end());
  return bindings;
}

std::vector<LogicalType> LogicalJoin::Types() const {
  std::vector<LogicalType> types = children[0]->Types();
  if (join_type == LogicalJoinType::kSemi || join_type == LogicalJoinType::kAnti) return types;
  std::vector<LogicalType> right = children[1]->Types();
  types.insert(types.end(), right.begin(), right.end());
  return types;
}

std::string LogicalJoin::Describe() const {
  static const char* kNames[] = {"INNER", "LEFT", "RIGHT", "FULL", "SEMI", "ANTI"};
  std::string out = std::string("JOIN ") + kNames[static_cast<int>(join_type)];
  for (const JoinCondition& condition : conditions) {
    out += " " + condition.left->ToString() + " = " + condition.right->ToString();
  }
  if (residual) out += " [" + residual->ToString() + "]";
  return out;
}

std::string LogicalOrder::Describe() const {
  std::string out = "ORDER";
  for (const OrderItem& item : items) {
    out += " " + item.expression->ToString() + (item.descending ? " DESC" : " ASC");
  }
  if (limit) out += " LIMIT " + std::to_string(*limit) + " OFFSET " + std::to_string(offset);
  return out;
}

std::string LogicalLimit::Describe() const {
  return "LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
}

std::vector<ColumnBinding> LogicalUnion::Bindings() const {
  std::vector<ColumnBinding> bindings;
  for (size_t column = 0; column < types.size(); ++column) {
    bindings.push_back({table_index, static_cast<uint32_t>(column)});
  }
  return bindings;
}

std::vector<ColumnBinding> LogicalUnnest::Bindings() const {
  std::vector<ColumnBinding> bindings = children[0]->Bindings();
  bindings.push_back({table_index, 0});
  if (with_offset) bindings.push_back({table_index, 1});
  return bindings;
}

std::vector<LogicalType> LogicalUnnest::Types() const {
  std::vector<LogicalType> types = children[0]->Types();
  types.push_back(ElementType());
  if (with_offset) types.push_back(TypeId::kInt64);
  return types;
}

std::string LogicalUnnest::Describe() const {
  std::string out = std::string(preserve_empty ? "LEFT " : "") + "UNNEST " + array->ToString();
  if (with_offset) out += " WITH OFFSET";
  if (condition) out += " ON " + condition->ToString();
  return out;
}

std::vector<ColumnBinding> LogicalWindow::Bindings() const {
  std::vector<ColumnBinding> bindings = children[0]->Bindings();
  for (size_t index = 0; index < functions.size(); ++index) {
    bindings.push_back({window_index, static_cast<uint32_t>(index)});
  }
  return bindings;
}

std::vector<LogicalType> LogicalWindow::Types() const {
  std::vector<LogicalType> types = children[0]->Types();
  for (const BoundWindowFunction& function : functions) types.push_back(function.return_type);
  return types;
}

std::string LogicalWindow::Describe() const {
  std::string out = "WINDOW";
  for (size_t index = 0; index < functions.size(); ++index) {
    out += (index > 0 ? ", " : " ") + functions[index].ToString();
  }
  return out;
}

std::vector<ColumnBinding> LogicalPredict::Bindings() const {
  std::vector<ColumnBinding> bindings = children[0]->Bindings();
  for (size_t index = 0; index < output_types.size(); ++index) {
    bindings.push_back({table_index, static_cast<uint32_t>(index)});
  }
  return bindings;
}

std::vector<LogicalType> LogicalPredict::Types() const {
  std::vector<LogicalType> types = children[0]->Types();
  types.insert(types.end(), output_types.begin(), output_types.end());
  return types;
}

std::string LogicalPredict::Describe() const {
  return "ML.PREDICT " + model->dataset + "." + model->name + " batch_size=" +
         std::to_string(options.batch_size) + (options.null_on_error ? " null_on_error" : "") +
         (options.missing_as_nan ? " missing_as_nan" : "");
}

}  // namespace dq
