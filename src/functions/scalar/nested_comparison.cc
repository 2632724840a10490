// Comparisons involving nested values:
//
//   $equal / $not_equal on two STRUCTs of the same shape: field by field, with SQL's
//     three-valued logic: FALSE if some pair of fields differs, else NULL if some field pair
//     involves a NULL, else TRUE. (GoogleSQL has no ordering comparisons on STRUCT, and BigQuery
//     no equality on ARRAY.)
//   $in_array(x, a): x IN UNNEST(a). FALSE for an empty or NULL array; otherwise TRUE if some
//     element equals x, else NULL if x or some element is NULL (for STRUCTs: or some comparison
//     is unknown because of a NULL field), else FALSE.
#include <cmath>
#include <optional>

#include "exec/row_operations.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/scalar/array_kernels.h"

namespace dq {

namespace {

// Three-valued equality of two values of one type (nullopt = unknown).
std::optional<bool> ValuesEqual(const Value& left, const Value& right) {
  if (left.is_null() || right.is_null()) return std::nullopt;
  const LogicalType& type = left.type();
  if (type.id() == TypeId::kFloat64) return left.float64_value() == right.float64_value();
  if (type.id() != TypeId::kStruct && type.id() != TypeId::kArray) return left == right;
  const std::vector<Value>& left_children = left.children();
  const std::vector<Value>& right_children = right.children();
  if (left_children.size() != right_children.size()) return false;
  bool unknown = false;
  for (size_t index = 0; index < left_children.size(); ++index) {
    std::optional<bool> equal = ValuesEqual(left_children[index], right_children[index]);
    if (!equal) {
      unknown = true;
    } else if (!*equal) {
      return false;
    }
  }
  if (unknown) return std::nullopt;
  return true;
}

bool BindStructEquality(const ScalarBindInput& input, ScalarBindOutput* output) {
  const LogicalType& left = input.argument_types[0];
  const LogicalType& right = input.argument_types[1];
  if (left.id() != TypeId::kStruct || left != right || !left.SupportsEquality()) return false;
  output->argument_types = {left, right};
  output->return_type = TypeId::kBool;
  return true;
}

template <bool kNegate>
void StructEqualityKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  bool* out = result.Data<bool>();
  for (size_t row = 0; row < args.size(); ++row) {
    std::optional<bool> equal =
        ValuesEqual(args.column(0).GetValue(row), args.column(1).GetValue(row));
    if (!equal) {
      result.SetNull(row);
    } else {
      out[row] = *equal != kNegate;
    }
  }
}

bool BindInArray(const ScalarBindInput& input, ScalarBindOutput* output) {
  const LogicalType& needle = input.argument_types[0];
  const LogicalType& array = input.argument_types[1];
  if (array.id() != TypeId::kArray || !array.element_type().SupportsEquality()) return false;
  if (needle.id() != TypeId::kNull && needle != array.element_type()) return false;
  output->argument_types = {array.element_type(), array};
  output->return_type = TypeId::kBool;
  return true;
}

bool IsNan(const LogicalType& type, const UnifiedVector& values, sel_t index) {
  return type.id() == TypeId::kFloat64 && std::isnan(values.Data<double>()[index]);
}

void InArrayKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector needles;
  UnifiedVector arrays;
  args.column(0).ToUnified(count, needles);
  args.column(1).ToUnified(count, arrays);
  const LogicalType& type = args.column(0).type();
  const ArrayEntry* entries = arrays.Data<ArrayEntry>();
  UnifiedVector elements;
  const Vector& element_vector = ArrayElements(arrays);
  element_vector.ToUnified(arrays.source->array_size(), elements);
  bool* out = result.Data<bool>();
  for (size_t row = 0; row < count; ++row) {
    sel_t array_index = arrays.index(row);
    if (!arrays.validity->RowIsValid(array_index) || entries[array_index].length == 0) {
      out[row] = false;
      continue;
    }
    sel_t needle_index = needles.index(row);
    if (!needles.validity->RowIsValid(needle_index)) {
      result.SetNull(row);
      continue;
    }
    const ArrayEntry entry = entries[array_index];
    bool found = false;
    bool saw_null = false;
    // STRUCTs compare field by field with three-valued logic (a NULL field makes it unknown).
    const bool is_struct = type.id() == TypeId::kStruct;
    const Value needle = is_struct ? args.column(0).GetValue(row) : Value();
    for (uint64_t element = 0; element < entry.length && !found; ++element) {
      sel_t element_index = elements.index(entry.offset + element);
      if (!elements.validity->RowIsValid(element_index)) {
        saw_null = true;
      } else if (is_struct) {
        std::optional<bool> equal =
            ValuesEqual(needle, element_vector.GetValue(entry.offset + element));
        if (!equal) saw_null = true;
        else found = *equal;
      } else if (!IsNan(type, elements, element_index) &&
                 CompareValues(type, needles, needle_index, elements, element_index) == 0) {
        found = true;
      }
    }
    if (found || !saw_null) {
      out[row] = found;
    } else {
      result.SetNull(row);
    }
  }
}

}  // namespace

void RegisterNestedComparisonFunctions(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "$equal",
                                    .kernel = StructEqualityKernel<false>,
                                    .bind = BindStructEquality,
                                    .min_arguments = 2,
                                    .max_arguments = 2});
  registry.AddScalar(ScalarFunction{.name = "$not_equal",
                                    .kernel = StructEqualityKernel<true>,
                                    .bind = BindStructEquality,
                                    .min_arguments = 2,
                                    .max_arguments = 2});
  registry.AddScalar(ScalarFunction{.name = "$in_array",
                                    .kernel = InArrayKernel,
                                    .bind = BindInArray,
                                    .min_arguments = 2,
                                    .max_arguments = 2,
                                    .propagates_nulls = false});
}

}  // namespace dq
