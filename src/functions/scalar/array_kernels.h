// Building blocks for kernels that produce ARRAY vectors, shared by the nested-data function
// files. Included only by function implementation files.
//
// An ARRAY result is a flat vector of ArrayEntry {offset, length} whose elements live in its
// child vector (vector.h). Kernels first decide every row's entry, reserve the child with
// SetArraySize, then move the elements in bulk with MoveElements, so that per-element work is
// a tight loop over selections rather than a Value per element.
#pragma once

#include "vector/vector.h"

namespace dq {

// Copies source[source_rows[i]] into target[target_rows[i]] for i in [0, count).
// REQUIRES: target is flat with capacity above every target row, same type as source.
inline void MoveElements(const Vector& source, const SelectionVector& source_rows,
                         const SelectionVector& target_rows, size_t count, Vector& target) {
  if (count == 0) return;
  Vector view;
  view.Reference(source);
  view.Slice(source_rows, count);
  ScatterVector(view, count, target_rows, target);
}

// The element vector of an ARRAY column read through `unified` (flat or constant source).
inline const Vector& ArrayElements(const UnifiedVector& unified) {
  return unified.source->array_child();
}

// Limit on the elements one generated or concatenated array may hold.
inline constexpr uint64_t kMaxArrayElements = 16 * 1024 * 1024;

}  // namespace dq
