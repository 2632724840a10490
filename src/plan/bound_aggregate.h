// BoundAggregate: a resolved aggregate call (function, argument expressions, DISTINCT) as the
// binder produces it and the aggregate operators run it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "functions/function.h"
#include "plan/expression.h"

namespace dq {

struct BoundAggregate {
  const AggregateFunction* function = nullptr;  // points into the registry or `resolved`
  std::shared_ptr<AggregateFunction> resolved;   // owns a bind-specialized copy, if any
  std::shared_ptr<FunctionData> bind_data;
  std::vector<ExpressionPtr> arguments;
  bool distinct = false;
  LogicalType return_type;
  int64_t position = -1;

  BoundAggregate Copy() const;
  std::string ToString() const;
};

// The built-in aggregate `name` over `arguments` of exactly its parameter types (or accepted by
// its bind hook), for aggregates the binder adds itself (decorrelation). REQUIRES: it exists.
BoundAggregate MakeBuiltinAggregate(const std::string& name, std::vector<ExpressionPtr> arguments);

}  // namespace dq
