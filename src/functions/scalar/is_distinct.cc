// x IS [NOT] DISTINCT FROM y as the internal functions $is_distinct_from and
// $is_not_distinct_from over two values of one type that supports equality. Values compare as
// GROUP BY and SELECT DISTINCT compare them: NULL is not distinct from NULL, NaN not from NaN,
// -0.0 not from 0.0. The result is never NULL. The binder (is_distinct_binder.cc) coerces both
// operands to their common supertype first.
#include "exec/row_operations.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"

namespace dq {

namespace {

bool BindIsDistinct(const ScalarBindInput& input, ScalarBindOutput* output) {
  LogicalType type = input.argument_types[0];
  if (type.id() == TypeId::kNull) type = input.argument_types[1];
  if (type.id() == TypeId::kNull) type = TypeId::kInt64;
  for (const LogicalType& argument : input.argument_types) {
    if (argument.id() != TypeId::kNull && argument != type) return false;
  }
  if (!type.SupportsEquality()) return false;
  output->argument_types = {type, type};
  output->return_type = TypeId::kBool;
  return true;
}

template <bool kDistinct>
void IsDistinctKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  UnifiedVector left;
  UnifiedVector right;
  args.column(0).ToUnified(args.size(), left);
  args.column(1).ToUnified(args.size(), right);
  const LogicalType& type = args.column(0).type();
  bool* out = result.Data<bool>();
  for (size_t row = 0; row < args.size(); ++row) {
    out[row] = RowsEqualForGrouping(type, left, row, right, row) != kDistinct;
  }
}

ScalarFunction MakeIsDistinct(const char* name, ScalarKernel kernel) {
  ScalarFunction function;
  function.name = name;
  function.bind = BindIsDistinct;
  function.kernel = kernel;
  function.min_arguments = 2;
  function.max_arguments = 2;
  function.propagates_nulls = false;
  return function;
}

}  // namespace

void RegisterIsDistinctFunctions(FunctionRegistry& registry) {
  registry.AddScalar(MakeIsDistinct("$is_distinct_from", IsDistinctKernel<true>));
  registry.AddScalar(MakeIsDistinct("$is_not_distinct_from", IsDistinctKernel<false>));
}

}  // namespace dq
