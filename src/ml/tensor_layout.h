// How ML.PREDICT lays out one row of a model input or output: dimension 0 of a declared shape
// is the batch; the trailing dimensions are one row's elements.
//   [batch] or [batch, 1]  one value per row (a scalar column: INT64 / FLOAT64)
//   [batch, d1, d2, ...]   d1*d2*... values per row (an ARRAY column, row-major)
#pragma once

#include <cstdint>
#include <vector>

namespace dq::ml {

// Whether a row holds exactly one value: no trailing dimensions, or all of them 1.
inline bool IsScalarPerRow(const std::vector<int64_t>& shape) {
  for (size_t index = 1; index < shape.size(); ++index) {
    if (shape[index] != 1) return false;
  }
  return true;
}

// Values per row: the product of the trailing dimensions; -1 if one of them is dynamic.
inline int64_t RowElementCount(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (size_t index = 1; index < shape.size(); ++index) {
    if (shape[index] < 0) return -1;
    count *= shape[index];
  }
  return count;
}

}  // namespace dq::ml
