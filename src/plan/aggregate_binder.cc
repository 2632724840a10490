// ExpressionBinder: aggregate calls (overload resolution, DISTINCT, ORDER BY/LIMIT inside
// ARRAY_AGG/STRING_AGG, reuse of identical calls) and GROUPING().
#include "common/error.h"
#include "functions/aggregate/array_aggregates.h"
#include "functions/aggregate/distinct_aggregate.h"
#include "functions/function_registry.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

ExpressionPtr ExpressionBinder::BindAggregate(const sql::FunctionCall& call,
                                              const std::string& name) {
  if (!aggregates_) {
    throw Error(ErrorKind::kBinding,
                std::string("Aggregate function ") + name + " not allowed in " + clause_,
                call.position);
  }
  if (inside_aggregate_) {
    throw Error(ErrorKind::kBinding, "Aggregations of aggregations are not allowed",
                call.position);
  }
  bool has_modifiers =
      !call.order_by.empty() || call.limit || call.null_handling != sql::NullHandling::kDefault;
  if (has_modifiers && !SupportsOrderedAggregation(name)) {
    throw Error(ErrorKind::kNotSupported,
                "ORDER BY, LIMIT and IGNORE/RESPECT NULLS inside aggregates are supported only "
                "for ARRAY_AGG and STRING_AGG",
                call.position);
  }
  std::string function_name = call.star_argument ? "COUNT_STAR" : name;
  inside_aggregate_ = true;
  std::vector<ExpressionPtr> arguments;
  for (const auto& argument : call.arguments) arguments.push_back(Bind(*argument));
  inside_aggregate_ = false;
  if (has_modifiers && call.distinct) {
    throw Error(ErrorKind::kNotSupported,
                "DISTINCT together with ORDER BY, LIMIT or IGNORE NULLS in " + name +
                    " is not supported yet",
                call.position);
  }
  BoundAggregate bound =
      ResolveAggregate(name, function_name, std::move(arguments), call.distinct, call.position);
  if (has_modifiers) BindAggregateModifiers(call, bound);
  // Reuse an identical aggregate already collected.
  auto key = [](const BoundAggregate& aggregate) {
    std::string text = aggregate.function->name + (aggregate.distinct ? " DISTINCT" : "");
    for (const auto& argument : aggregate.arguments) text += "," + argument->Fingerprint();
    if (auto* ordered = dynamic_cast<const OrderedAggregateData*>(aggregate.bind_data.get())) {
      text += ordered->Describe();
    }
    return text;
  };
  std::string text = bound.ToString();
  std::string bound_key = key(bound);
  for (size_t index = 0; index < aggregates_->aggregates.size(); ++index) {
    if (key(aggregates_->aggregates[index]) == bound_key) {
      ExpressionPtr reference = MakeColumnRef({aggregates_->aggregate_index, static_cast<uint32_t>(index)},
                                              bound.return_type, text);
      reference->position = call.position;
      return reference;
    }
  }
  aggregates_->aggregates.push_back(std::move(bound));
  size_t index = aggregates_->aggregates.size() - 1;
  ExpressionPtr reference = MakeColumnRef({aggregates_->aggregate_index, static_cast<uint32_t>(index)},
                                          aggregates_->aggregates[index].return_type, text);
  reference->position = call.position;
  return reference;
}

BoundAggregate ExpressionBinder::ResolveAggregate(const std::string& name,
                                                  const std::string& function_name,
                                                  std::vector<ExpressionPtr> arguments,
                                                  bool distinct, int64_t position) {
  const std::vector<AggregateFunction>* overloads =
      FunctionRegistry::Get().FindAggregate(function_name);
  if (!overloads) throw Error(ErrorKind::kBinding, "Function not found: " + name, position);
  BoundAggregate bound;
  int chosen_cost = 0;
  std::vector<LogicalType> chosen_types;
  for (const AggregateFunction& candidate : *overloads) {
    if (candidate.bind || candidate.bind_with_constants) {
      std::vector<LogicalType> types;
      std::vector<const Value*> constants;
      for (const auto& argument : arguments) {
        types.push_back(argument->type.id() == TypeId::kNull ? LogicalType(TypeId::kInt64) : argument->type);
        constants.push_back(argument->IsConstant() ? &argument->value : nullptr);
      }
      auto resolved = std::make_shared<AggregateFunction>(candidate);
      std::shared_ptr<FunctionData> bind_data;
      bool applies = false;
      try {
        applies = candidate.bind_with_constants
                      ? candidate.bind_with_constants(types, constants, resolved.get(), &bind_data)
                      : candidate.bind(types, resolved.get(), &bind_data);
      } catch (Error& error) {
        error.SetPositionIfAbsent(position);
        throw;
      }
      if (!applies) continue;
      if (!bound.function) {
        bound.function = resolved.get();
        bound.resolved = resolved;
        bound.bind_data = bind_data;
        chosen_types = resolved->arguments.empty() ? types : resolved->arguments;
        chosen_cost = 0;
      }
      continue;
    }
    if (candidate.arguments.size() != arguments.size()) continue;
    int cost = 0;
    bool ok = true;
    for (size_t index = 0; index < arguments.size() && ok; ++index) {
      auto step = CoercionCost(arguments[index]->type, candidate.arguments[index],
                               arguments[index]->IsConstant());
      if (!step) ok = false;
      else cost += *step;
    }
    if (ok && (!bound.function || cost < chosen_cost)) {
      bound.function = &candidate;
      bound.resolved.reset();
      bound.bind_data.reset();
      chosen_cost = cost;
      chosen_types = candidate.arguments;
    }
  }
  if (!bound.function) {
    throw Error(ErrorKind::kBinding,
                "No matching signature for aggregate function " + name +
                    " for argument types: " + ArgumentTypeList(arguments),
                position);
  }
  for (size_t index = 0; index < arguments.size(); ++index) {
    arguments[index] = CoerceTo(std::move(arguments[index]), chosen_types[index]);
  }
  bound.arguments = std::move(arguments);
  bound.distinct = distinct;
  bound.return_type = bound.function->return_type;
  bound.position = position;
  if (bound.distinct) {
    for (const auto& argument : bound.arguments) {
      if (!argument->type.SupportsEquality()) {
        throw Error(ErrorKind::kBinding,
                    "Aggregate functions with DISTINCT cannot be used with arguments of type " +
                        argument->type.ToString(),
                    position);
      }
    }
    bound = MakeDistinctAggregate(std::move(bound));
  }
  return bound;
}

ExpressionPtr ExpressionBinder::BindGrouping(const sql::FunctionCall& call) {
  if (call.arguments.size() != 1) {
    throw Error(ErrorKind::kBinding, "GROUPING takes exactly one argument", call.position);
  }
  if (!aggregates_ || !aggregates_->group_keys) {
    throw Error(ErrorKind::kBinding, std::string("GROUPING is not allowed in ") + clause_,
                call.position);
  }
  ExpressionPtr argument = Bind(*call.arguments[0]);
  std::string fingerprint = argument->Fingerprint();
  const std::vector<ExpressionPtr>& keys = *aggregates_->group_keys;
  for (size_t key = 0; key < keys.size(); ++key) {
    if (keys[key]->Fingerprint() != fingerprint) continue;
    if (!aggregates_->has_grouping_sets) return MakeConstant(Value::Int64(0), call.position);
    // (grouping_id >> key) & 1
    std::vector<ExpressionPtr> shift;
    shift.push_back(MakeColumnRef(aggregates_->grouping_id, TypeId::kInt64, "$grouping_id"));
    shift.push_back(MakeConstant(Value::Int64(static_cast<int64_t>(key))));
    std::vector<ExpressionPtr> mask;
    mask.push_back(BindFunctionCall("$shift_right", std::move(shift), call.position));
    mask.push_back(MakeConstant(Value::Int64(1)));
    return BindFunctionCall("$bitwise_and", std::move(mask), call.position);
  }
  throw Error(ErrorKind::kBinding, "GROUPING argument must be a GROUP BY key",
              call.arguments[0]->position);
}

}  // namespace dq
