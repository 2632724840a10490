#include "plan/bound_window.h"

namespace dq {

namespace {

std::string OrderText(const std::vector<OrderItem>& orders) {
  std::string out;
  for (size_t index = 0; index < orders.size(); ++index) {
    if (index > 0) out += ", ";
    out += orders[index].expression->ToString() + (orders[index].descending ? " DESC" : "");
    if (orders[index].nulls_first == orders[index].descending) {
      out += orders[index].nulls_first ? " NULLS FIRST" : " NULLS LAST";
    }
  }
  return out;
}

}  // namespace

std::string WindowFrameBound::ToString() const {
  switch (kind) {
    case Kind::kUnboundedPreceding: return "UNBOUNDED PRECEDING";
    case Kind::kPreceding: return offset.ToString() + " PRECEDING";
    case Kind::kCurrentRow: return "CURRENT ROW";
    case Kind::kFollowing: return offset.ToString() + " FOLLOWING";
    case Kind::kUnboundedFollowing: return "UNBOUNDED FOLLOWING";
  }
  return "";
}

std::string WindowFrameSpec::ToString() const {
  return std::string(unit == Unit::kRows ? "ROWS" : "RANGE") + " BETWEEN " + start.ToString() +
         " AND " + end.ToString();
}

BoundWindowFunction BoundWindowFunction::Copy() const {
  BoundWindowFunction copy;
  copy.kind = kind;
  copy.name = name;
  if (kind == WindowFunctionKind::kAggregate) copy.aggregate = aggregate.Copy();
  for (const auto& argument : arguments) copy.arguments.push_back(argument->Copy());
  copy.parameter = parameter;
  copy.default_value = default_value;
  copy.ignore_nulls = ignore_nulls;
  for (const auto& partition : partitions) copy.partitions.push_back(partition->Copy());
  for (const OrderItem& order : orders) {
    copy.orders.push_back({order.expression->Copy(), order.descending, order.nulls_first});
  }
  copy.frame = frame;
  copy.return_type = return_type;
  copy.position = position;
  return copy;
}

std::string BoundWindowFunction::ToString() const {
  std::string out;
  if (kind == WindowFunctionKind::kAggregate) {
    out = aggregate.ToString();
  } else {
    out = name + "(";
    for (size_t index = 0; index < arguments.size(); ++index) {
      out += (index > 0 ? ", " : "") + arguments[index]->ToString();
    }
    if (kind == WindowFunctionKind::kNtile || kind == WindowFunctionKind::kNthValue ||
        kind == WindowFunctionKind::kLag || kind == WindowFunctionKind::kLead) {
      out += std::string(arguments.empty() ? "" : ", ") + std::to_string(parameter);
    }
    if ((kind == WindowFunctionKind::kLag || kind == WindowFunctionKind::kLead) &&
        !default_value.is_null()) {
      out += ", " + default_value.ToString();
    }
    if (ignore_nulls) out += " IGNORE NULLS";
    out += ")";
  }
  out += " OVER (";
  std::string spec;
  if (!partitions.empty()) {
    spec += "PARTITION BY ";
    for (size_t index = 0; index < partitions.size(); ++index) {
      spec += (index > 0 ? ", " : "") + partitions[index]->ToString();
    }
  }
  if (!orders.empty()) spec += std::string(spec.empty() ? "" : " ") + "ORDER BY " + OrderText(orders);
  bool framed = kind == WindowFunctionKind::kAggregate || kind == WindowFunctionKind::kFirstValue ||
                kind == WindowFunctionKind::kLastValue || kind == WindowFunctionKind::kNthValue;
  if (framed) spec += std::string(spec.empty() ? "" : " ") + frame.ToString();
  return out + spec + ")";
}

std::string BoundWindowFunction::SortFingerprint() const {
  std::string out = "P";
  for (const auto& partition : partitions) out += partition->Fingerprint() + ";";
  out += "O";
  for (const OrderItem& order : orders) {
    out += order.expression->Fingerprint() + (order.descending ? "-" : "+") +
           (order.nulls_first ? "f;" : "l;");
  }
  return out;
}

}  // namespace dq
