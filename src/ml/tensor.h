// Dense tensors for the ONNX inference executor (src/ml).
//
// A Tensor is a row-major array of float32 or int64 values that owns its data. It is a plain
// value: copyable and movable, not thread-safe for concurrent mutation. ML.PREDICT builds input
// tensors from column batches and reads output tensors back into columns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dq::ml {

enum class ElementType : uint8_t { kFloat32, kInt64 };

// "FLOAT32" or "INT64", for error messages and Describe().
std::string_view ElementTypeName(ElementType type);

// Renders a shape as "[-1, 4]" (-1 is a dynamic dimension).
std::string ShapeToString(const std::vector<int64_t>& shape);

// Product of the dimensions; 1 for a scalar (empty shape). REQUIRES: no dynamic dimension.
int64_t ShapeElementCount(const std::vector<int64_t>& shape);

// A named graph input or output as the model declares it.
struct TensorInfo {
  std::string name;
  ElementType type;
  std::vector<int64_t> shape;  // -1 for a dynamic dimension (normally the batch, dim 0)
};

// Dense row-major tensor owning its data (float or int64 by type).
class Tensor {
 public:
  Tensor() = default;
  // A zero-filled tensor. REQUIRES: every dimension >= 0.
  Tensor(ElementType type, std::vector<int64_t> shape);

  ElementType type() const { return type_; }
  const std::vector<int64_t>& shape() const { return shape_; }
  int64_t element_count() const { return element_count_; }

  // REQUIRES: type() == kFloat32.
  float* floats();
  const float* floats() const;
  // REQUIRES: type() == kInt64.
  int64_t* int64s();
  const int64_t* int64s() const;

  // Changes type and shape, reusing the allocation when it is large enough (contents are
  // unspecified afterwards). Used by sessions to avoid allocating per batch.
  void Reset(ElementType type, const std::vector<int64_t>& shape);

 private:
  ElementType type_ = ElementType::kFloat32;
  std::vector<int64_t> shape_;
  int64_t element_count_ = 0;
  std::vector<float> floats_;
  std::vector<int64_t> int64s_;
};

}  // namespace dq::ml
