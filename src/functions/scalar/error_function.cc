// ERROR(message STRING): raises an out-of-range error whose text is `message` (or "NULL")
// when evaluated on any row. It is typed like an untyped NULL, so it fits any context:
// `IF(x > 0, x, ERROR('negative'))`, `CAST(ERROR('m') AS BYTES)`; alone it is an INT64
// column. It is never constant-folded, so a branch that is not taken raises nothing, and a
// query over no rows raises nothing. SAFE.ERROR(...) gives NULL.
#include <string>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"

namespace dq {

namespace {

void ErrorKernel(const ScalarCall&, const DataChunk& args, Vector&) {
  if (args.size() == 0) return;
  Value message = args.column(0).GetValue(0);
  throw Error(ErrorKind::kOutOfRange, message.is_null() ? "NULL" : message.ToString());
}

}  // namespace

void RegisterErrorFunction(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "ERROR",
                                    .arguments = {TypeId::kString},
                                    .return_type = TypeId::kNull,
                                    .kernel = ErrorKernel,
                                    .deterministic = false});
}

}  // namespace dq
