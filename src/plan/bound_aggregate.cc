#include "plan/bound_aggregate.h"

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
  for (size_t index = 0; index < arguments.size(); ++index) {
    if (index > 0) out += ", ";
    out += arguments[index]->ToString();
  }
  return out + ")";
}

}  // namespace dq
