#include "functions/function_registry.h"

#include <algorithm>
#include <cctype>

#include "functions/function_list.h"

namespace dq {

namespace {

// Built-in names are case-insensitive; internal operator names ("$add") are kept as written.
std::string UpperCase(std::string_view name) {
  std::string upper(name);
  if (!upper.empty() && upper[0] == '$') return upper;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper;
}

}  // namespace

const FunctionRegistry& FunctionRegistry::Get() {
  static const FunctionRegistry* registry = [] {
    auto* built = new FunctionRegistry();
    RegisterBuiltinFunctions(*built);
    return built;
  }();
  return *registry;
}

void FunctionRegistry::AddScalar(ScalarFunction function) {
  function.name = UpperCase(function.name);
  if (!function.bind) {
    function.min_arguments = function.arguments.size();
    function.max_arguments =
        function.variadic.IsValid() ? SIZE_MAX : function.arguments.size();
  }
  scalars_[function.name].push_back(std::move(function));
}

void FunctionRegistry::AddAggregate(AggregateFunction function) {
  function.name = UpperCase(function.name);
  aggregates_[function.name].push_back(std::move(function));
}

const std::vector<ScalarFunction>* FunctionRegistry::FindScalar(std::string_view name) const {
  auto found = scalars_.find(UpperCase(name));
  return found == scalars_.end() ? nullptr : &found->second;
}

const std::vector<AggregateFunction>* FunctionRegistry::FindAggregate(std::string_view name) const {
  auto found = aggregates_.find(UpperCase(name));
  return found == aggregates_.end() ? nullptr : &found->second;
}

std::vector<std::string> FunctionRegistry::AllNames() const {
  std::vector<std::string> names;
  for (const auto& [name, overloads] : scalars_) {
    if (!name.empty() && name[0] != '$') names.push_back(name);
  }
  for (const auto& [name, overloads] : aggregates_) names.push_back(name);
  return names;
}

}  // namespace dq
