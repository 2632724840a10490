// Small tensors built and read back in the ML kernel tests (kernels_test.cc,
// ml_kernels_test.cc).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "ml/tensor.h"

namespace dq::ml::testing {

// A FLOAT tensor of `shape` holding `values` (the first ones; the rest zero).
inline Tensor Floats(std::vector<int64_t> shape, std::vector<float> values) {
  Tensor tensor(ElementType::kFloat32, std::move(shape));
  std::copy(values.begin(), values.end(), tensor.floats());
  return tensor;
}

// An INT64 tensor of `shape` holding `values` (the first ones; the rest zero).
inline Tensor Int64s(std::vector<int64_t> shape, std::vector<int64_t> values) {
  Tensor tensor(ElementType::kInt64, std::move(shape));
  std::copy(values.begin(), values.end(), tensor.int64s());
  return tensor;
}

// A FLOAT tensor's elements.
inline std::vector<float> Values(const Tensor& tensor) {
  return std::vector<float>(tensor.floats(), tensor.floats() + tensor.element_count());
}

// An INT64 tensor's elements.
inline std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.int64s(), tensor.int64s() + tensor.element_count());
}

}  // namespace dq::ml::testing
