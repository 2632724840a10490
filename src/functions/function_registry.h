// FunctionRegistry: the single list of scalar and aggregate functions. Every function family
// registers itself from its own file through one Register*Functions(FunctionRegistry&) call
// listed in function_registry.cc, so adding a family touches that one list.
//
// Lookup is by upper-cased name; overload resolution (which signature applies to the given
// argument types, with GoogleSQL's implicit coercions) is the binder's job, using the
// candidates returned here.
//
// Thread-safety: built once at startup (Get()), then read-only and safe to share.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "functions/function.h"

namespace dq {

class FunctionRegistry {
 public:
  // The process-wide registry with every built-in function.
  static const FunctionRegistry& Get();

  void AddScalar(ScalarFunction function);
  void AddAggregate(AggregateFunction function);

  // Overloads of a scalar / aggregate function, or null when the name is unknown.
  const std::vector<ScalarFunction>* FindScalar(std::string_view name) const;
  const std::vector<AggregateFunction>* FindAggregate(std::string_view name) const;
  // All known names (for "Function not found: X; Did you mean Y?" suggestions).
  std::vector<std::string> AllNames() const;

 private:
  std::map<std::string, std::vector<ScalarFunction>, std::less<>> scalars_;
  std::map<std::string, std::vector<AggregateFunction>, std::less<>> aggregates_;
};

}  // namespace dq
