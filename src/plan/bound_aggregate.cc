#include "plan/bound_aggregate.h"

#include "common/error.h"
#include "functions/aggregate/array_aggregates.h"
#include "functions/function_registry.h"

namespace dq {

BoundAggregate BoundAggregate::Copy() const {
  BoundAggregate copy;
  copy.function = function;
  copy.resolved = resolved;
  copy.bind_data = bind_data;
  for (const auto& argument : arguments) copy.arguments.push_back(argument->Copy());
  copy.distinct = distinct;
  copy.return_type = return_type;
  copy.position = position;
  return copy;
}

std::string BoundAggregate::ToString() const {
  std::string name = function->name == "COUNT_STAR" ? "COUNT" : function->name;
  std::string out = name + "(" + (distinct ? "DISTINCT " : "");
  if (function->name == "COUNT_STAR") out += "*";
  // ARRAY_AGG / STRING_AGG: the values, then their modifiers with the ORDER BY key expressions.
  const auto* ordered = dynamic_cast<const OrderedAggregateData*>(bind_data.get());
  size_t value_count = ordered ? ordered->value_count : arguments.size();
  for (size_t index = 0; index < value_count && index < arguments.size(); ++index) {
    if (index > 0) out += ", ";
    out += arguments[index]->ToString();
  }
  if (ordered) {
    if (ordered->ignore_nulls) out += " IGNORE NULLS";
    for (size_t key = 0; key < ordered->keys.size(); ++key) {
      out += key == 0 ? " ORDER BY " : ", ";
      out += arguments[value_count + key]->ToString();
      if (ordered->keys[key].descending) out += " DESC";
    }
    if (ordered->limit) out += " LIMIT " + std::to_string(*ordered->limit);
  }
  return out + ")";
}

BoundAggregate MakeBuiltinAggregate(const std::string& name, std::vector<ExpressionPtr> arguments) {
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

}  // namespace dq
