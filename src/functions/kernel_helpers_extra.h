// More kernel templates in the style of kernel_helpers.h: three-argument kernels, kernels
// that may set NULL themselves, and building string results in place. Included only by
// function implementation files.
#pragma once

#include <cstring>

#include "vector/vector.h"

namespace dq {

// Like ExecuteBinary for three arguments; NULL in any input gives NULL. The operation receives
// the output row and may call result.SetNull(row) itself: operation(a, b, c, row) -> Out.
template <typename A, typename B, typename C, typename Out, typename Operation>
void ExecuteTernary(const Vector& first, const Vector& second, const Vector& third, size_t count,
                    Vector& result, Operation&& operation) {
  UnifiedVector first_unified;
  UnifiedVector second_unified;
  UnifiedVector third_unified;
  first.ToUnified(count, first_unified);
  second.ToUnified(count, second_unified);
  third.ToUnified(count, third_unified);
  const A* first_data = first_unified.Data<A>();
  const B* second_data = second_unified.Data<B>();
  const C* third_data = third_unified.Data<C>();
  Out* out = result.Data<Out>();
  for (size_t row = 0; row < count; ++row) {
    sel_t first_index = first_unified.index(row);
    sel_t second_index = second_unified.index(row);
    sel_t third_index = third_unified.index(row);
    if (first_unified.validity->RowIsValid(first_index) &&
        second_unified.validity->RowIsValid(second_index) &&
        third_unified.validity->RowIsValid(third_index)) {
      out[row] = operation(first_data[first_index], second_data[second_index],
                           third_data[third_index], row);
    } else {
      result.SetNull(row);
    }
  }
}

// Like ExecuteUnary, but the operation receives the output row and may set NULL itself:
// operation(value, row) -> Out. Never produces a constant vector.
template <typename In, typename Out, typename Operation>
void ExecuteUnaryWithNulls(const Vector& input, size_t count, Vector& result,
                           Operation&& operation) {
  UnifiedVector unified;
  input.ToUnified(count, unified);
  const In* data = unified.Data<In>();
  Out* out = result.Data<Out>();
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (unified.validity->RowIsValid(index)) {
      out[row] = operation(data[index], row);
    } else {
      result.SetNull(row);
    }
  }
}

// Builds a string of exactly `length` bytes for `result`: fill(char* buffer) writes them.
// Short strings are stored inline, longer ones in result's heap (no other allocation).
template <typename Fill>
StringView BuildString(Vector& result, size_t length, Fill&& fill) {
  if (length <= StringView::kInlineLength) {
    char buffer[StringView::kInlineLength];
    fill(buffer);
    return StringView(buffer, static_cast<uint32_t>(length));
  }
  char* data = result.heap().Allocate(length);
  fill(data);
  return StringView(data, static_cast<uint32_t>(length));
}

}  // namespace dq
