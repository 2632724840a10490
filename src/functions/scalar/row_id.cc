// "$unique_id"(): a distinct INT64 for every row it is evaluated on, across all threads of the
// process. The binder uses it to tag the rows of a query block before decorrelating a
// subquery (join, then group by the tag). Not deterministic: never constant-folded.
#include <atomic>

#include "functions/function_list.h"
#include "functions/function_registry.h"

namespace dq {

namespace {

void UniqueIdKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  static std::atomic<int64_t> next_id{0};
  size_t count = args.size();
  int64_t base = next_id.fetch_add(static_cast<int64_t>(count), std::memory_order_relaxed);
  int64_t* out = result.Data<int64_t>();
  for (size_t row = 0; row < count; ++row) out[row] = base + static_cast<int64_t>(row);
}

}  // namespace

void RegisterRowIdFunctions(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "$unique_id",
                                    .return_type = TypeId::kInt64,
                                    .kernel = UniqueIdKernel,
                                    .propagates_nulls = false,
                                    .deterministic = false});
}

}  // namespace dq
