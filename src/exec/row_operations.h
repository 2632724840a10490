// Row-wise hashing and comparison of vector values, shared by hash aggregation, hash joins,
// DISTINCT and sorting.
//
// Semantics: grouping equality treats NULL = NULL and NaN = NaN (GoogleSQL grouping rules);
// join equality never matches NULL (callers filter NULL keys first). Ordering follows
// GoogleSQL: NULLs are handled by the caller; FLOAT64 orders NaN before every other value
// (then -inf ... +inf); strings order by bytes.
#pragma once

#include <cstdint>

#include "vector/vector.h"

namespace dq {

// hashes[r] = hash of row r (combine = false) or mixes it into hashes[r] (combine = true).
// NULL rows hash to a fixed value.
void HashVector(const Vector& vector, size_t count, uint64_t* hashes, bool combine);

// Whether row `left_row` of `left` equals row `right_row` of `right` for grouping (NULLs equal).
// Both views must be of the same type; rows are logical rows of the views.
bool RowsEqualForGrouping(const LogicalType& type, const UnifiedVector& left, size_t left_row,
                          const UnifiedVector& right, size_t right_row);

// Three-way comparison of two non-NULL values (physical indexes into the views' data).
int CompareValues(const LogicalType& type, const UnifiedVector& left, sel_t left_index,
                  const UnifiedVector& right, sel_t right_index);

}  // namespace dq
