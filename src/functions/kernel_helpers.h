// Templates that run a per-value operation over vectors of any kind, handling NULLs,
// constant inputs and selection vectors, for scalar function kernels. Included only by
// function implementation files.
//
//   ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result,
//       [](int64_t value) { return CheckedNegate(value); });
//
// NULL in any input gives NULL (the standard "propagates nulls" behaviour). When every input
// is a constant vector the result becomes a constant vector computed once.
#pragma once

#include <cstring>
#include <string_view>

#include "types/logical_type.h"
#include "vector/vector.h"

namespace dq {

template <typename In, typename Out, typename Operation>
void ExecuteUnary(const Vector& input, size_t count, Vector& result, Operation&& operation) {
  if (input.kind() == VectorKind::kConstant) {
    if (!input.validity().RowIsValid(0)) {
      result = Vector::ConstantNull(result.type());
      return;
    }
    // Compute once into `result` row 0 (so string results land in its heap), then wrap.
    result.Data<Out>()[0] = operation(input.Data<In>()[0]);
    result = Vector::Constant(result.GetValue(0));
    return;
  }
  UnifiedVector unified;
  input.ToUnified(count, unified);
  const In* data = unified.Data<In>();
  Out* out = result.Data<Out>();
  if (unified.validity->AllValid()) {
    for (size_t row = 0; row < count; ++row) out[row] = operation(data[unified.index(row)]);
    return;
  }
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (unified.validity->RowIsValid(index)) {
      out[row] = operation(data[index]);
    } else {
      result.SetNull(row);
    }
  }
}

template <typename Left, typename Right, typename Out, typename Operation>
void ExecuteBinary(const Vector& left, const Vector& right, size_t count, Vector& result,
                   Operation&& operation) {
  if (left.kind() == VectorKind::kConstant && right.kind() == VectorKind::kConstant) {
    if (!left.validity().RowIsValid(0) || !right.validity().RowIsValid(0)) {
      result = Vector::ConstantNull(result.type());
      return;
    }
    result.Data<Out>()[0] = operation(left.Data<Left>()[0], right.Data<Right>()[0]);
    result = Vector::Constant(result.GetValue(0));
    return;
  }
  // Flat against constant (a column compared with a literal): the common hot case.
  if (left.kind() == VectorKind::kFlat && right.kind() == VectorKind::kConstant &&
      left.validity().AllValid() && right.validity().RowIsValid(0)) {
    const Left* left_data = left.Data<Left>();
    const Right constant = right.Data<Right>()[0];
    Out* out = result.Data<Out>();
    for (size_t row = 0; row < count; ++row) out[row] = operation(left_data[row], constant);
    return;
  }
  if (left.kind() == VectorKind::kConstant && right.kind() == VectorKind::kFlat &&
      right.validity().AllValid() && left.validity().RowIsValid(0)) {
    const Left constant = left.Data<Left>()[0];
    const Right* right_data = right.Data<Right>();
    Out* out = result.Data<Out>();
    for (size_t row = 0; row < count; ++row) out[row] = operation(constant, right_data[row]);
    return;
  }
  UnifiedVector left_unified;
  UnifiedVector right_unified;
  left.ToUnified(count, left_unified);
  right.ToUnified(count, right_unified);
  const Left* left_data = left_unified.Data<Left>();
  const Right* right_data = right_unified.Data<Right>();
  Out* out = result.Data<Out>();
  if (left_unified.validity->AllValid() && right_unified.validity->AllValid()) {
    if (!left_unified.sel->IsSet() && !right_unified.sel->IsSet()) {
      for (size_t row = 0; row < count; ++row) out[row] = operation(left_data[row], right_data[row]);
      return;
    }
    for (size_t row = 0; row < count; ++row) {
      out[row] = operation(left_data[left_unified.index(row)], right_data[right_unified.index(row)]);
    }
    return;
  }
  for (size_t row = 0; row < count; ++row) {
    sel_t left_index = left_unified.index(row);
    sel_t right_index = right_unified.index(row);
    if (left_unified.validity->RowIsValid(left_index) &&
        right_unified.validity->RowIsValid(right_index)) {
      out[row] = operation(left_data[left_index], right_data[right_index]);
    } else {
      result.SetNull(row);
    }
  }
}

// Like ExecuteBinary but the operation also receives the output row and may set NULL itself:
// operation(left, right, result, row) -> Out.
template <typename Left, typename Right, typename Out, typename Operation>
void ExecuteBinaryWithNulls(const Vector& left, const Vector& right, size_t count, Vector& result,
                            Operation&& operation) {
  UnifiedVector left_unified;
  UnifiedVector right_unified;
  left.ToUnified(count, left_unified);
  right.ToUnified(count, right_unified);
  const Left* left_data = left_unified.Data<Left>();
  const Right* right_data = right_unified.Data<Right>();
  Out* out = result.Data<Out>();
  for (size_t row = 0; row < count; ++row) {
    sel_t left_index = left_unified.index(row);
    sel_t right_index = right_unified.index(row);
    if (left_unified.validity->RowIsValid(left_index) &&
        right_unified.validity->RowIsValid(right_index)) {
      out[row] = operation(left_data[left_index], right_data[right_index], result, row);
    } else {
      result.SetNull(row);
    }
  }
}

}  // namespace dq
