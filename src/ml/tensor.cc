#include "ml/tensor.h"

#include <algorithm>

#include "common/error.h"

namespace dq::ml {

std::string_view ElementTypeName(ElementType type) {
  return type == ElementType::kFloat32 ? "FLOAT32" : "INT64";
}

std::string TensorTypeName(const TensorInfo& tensor) {
  switch (tensor.labels.kind) {
    case OutputLabels::Kind::kNone:
      break;
    case OutputLabels::Kind::kStringLabels:
      return "STRING";
    case OutputLabels::Kind::kLabelMap:
      return tensor.labels.strings.empty() ? "MAP<INT64, FLOAT32>" : "MAP<STRING, FLOAT32>";
  }
  return std::string(ElementTypeName(tensor.type));
}

std::string ShapeToString(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    if (axis > 0) text += ", ";
    text += std::to_string(shape[axis]);
  }
  return text + "]";
}

int64_t ShapeElementCount(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    DQ_CHECK_LE(0, dim);
    count *= dim;
  }
  return count;
}

Tensor::Tensor(ElementType type, std::vector<int64_t> shape) {
  Reset(type, shape);
  if (type == ElementType::kFloat32) {
    std::fill(floats_.begin(), floats_.end(), 0.0f);
  } else {
    std::fill(int64s_.begin(), int64s_.end(), 0);
  }
}

void Tensor::Reset(ElementType type, const std::vector<int64_t>& shape) {
  type_ = type;
  shape_ = shape;  // copy-assignment reuses capacity
  element_count_ = ShapeElementCount(shape_);
  // resize() keeps the allocation when shrinking, so a session's buffers stop allocating once
  // they have seen their largest batch.
  if (type == ElementType::kFloat32) {
    floats_.resize(element_count_);
  } else {
    int64s_.resize(element_count_);
  }
}

float* Tensor::floats() {
  DQ_CHECK(type_ == ElementType::kFloat32);
  return floats_.data();
}
const float* Tensor::floats() const {
  DQ_CHECK(type_ == ElementType::kFloat32);
  return floats_.data();
}
int64_t* Tensor::int64s() {
  DQ_CHECK(type_ == ElementType::kInt64);
  return int64s_.data();
}
const int64_t* Tensor::int64s() const {
  DQ_CHECK(type_ == ElementType::kInt64);
  return int64s_.data();
}

}  // namespace dq::ml
