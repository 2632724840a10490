// ARRAY_IS_DISTINCT(a) -> BOOL: whether no two elements of `a` are equal under grouping
// equality (NULL equals NULL, NaN equals NaN, -0.0 equals 0.0; STRUCTs field by field).
// An empty array is distinct; a NULL array gives NULL. The element type must support equality
// (not ARRAY or JSON), otherwise the call does not bind.
//
// Each row's elements are ordered by hash; only elements with equal hashes are compared, so
// an array of n elements costs O(n log n).
#include <algorithm>
#include <vector>

#include "exec/row_operations.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/scalar/array_kernels.h"

namespace dq {

namespace {

bool BindArrayIsDistinct(const ScalarBindInput& input, ScalarBindOutput* output) {
  const LogicalType& array = input.argument_types[0];
  if (array.id() != TypeId::kArray || !array.element_type().SupportsEquality()) return false;
  output->argument_types = {array};
  output->return_type = TypeId::kBool;
  return true;
}

void ArrayIsDistinctKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector arrays;
  args.column(0).ToUnified(count, arrays);
  const ArrayEntry* entries = arrays.Data<ArrayEntry>();
  uint64_t element_count = 0;
  for (size_t row = 0; row < count; ++row) {
    sel_t index = arrays.index(row);
    if (arrays.validity->RowIsValid(index)) {
      element_count = std::max(element_count, entries[index].offset + entries[index].length);
    }
  }
  const Vector& elements = ArrayElements(arrays);
  const LogicalType& element_type = elements.type();
  std::vector<uint64_t> hashes(element_count);
  UnifiedVector element_view;
  if (element_count > 0) {
    HashVector(elements, element_count, hashes.data(), false);
    elements.ToUnified(element_count, element_view);
  }
  bool* out = result.Data<bool>();
  std::vector<uint64_t> order;
  for (size_t row = 0; row < count; ++row) {
    sel_t index = arrays.index(row);
    if (!arrays.validity->RowIsValid(index)) {
      result.SetNull(row);
      continue;
    }
    const ArrayEntry entry = entries[index];
    order.resize(entry.length);
    for (uint64_t i = 0; i < entry.length; ++i) order[i] = entry.offset + i;
    std::sort(order.begin(), order.end(),
              [&hashes](uint64_t left, uint64_t right) { return hashes[left] < hashes[right]; });
    bool distinct = true;
    for (size_t start = 0; start < order.size() && distinct;) {
      size_t end = start + 1;
      while (end < order.size() && hashes[order[end]] == hashes[order[start]]) ++end;
      for (size_t i = start; i < end && distinct; ++i) {
        for (size_t j = i + 1; j < end; ++j) {
          if (RowsEqualForGrouping(element_type, element_view, order[i], element_view,
                                   order[j])) {
            distinct = false;
            break;
          }
        }
      }
      start = end;
    }
    out[row] = distinct;
  }
}

}  // namespace

void RegisterArrayIsDistinctFunction(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "ARRAY_IS_DISTINCT",
                                    .kernel = ArrayIsDistinctKernel,
                                    .bind = BindArrayIsDistinct,
                                    .min_arguments = 1,
                                    .max_arguments = 1});
}

}  // namespace dq
