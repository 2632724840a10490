// Dense tensors for the ONNX inference executor (src/ml).
//
// A Tensor is a row-major array of float32 or int64 values that owns its data. It is a plain
// value: copyable and movable, not thread-safe for concurrent mutation. ML.PREDICT builds input
// tensors from column batches and reads output tensors back into columns.
//
// ONNX BOOL tensors inside a graph (masks: Equal -> Where, Cast to BOOL, BOOL constants) are
// held as INT64 0/1; graph inputs and outputs are FLOAT or INT64.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dq::ml {

enum class ElementType : uint8_t { kFloat32, kInt64 };

// Bytes per element: 4 for FLOAT32, 8 for INT64.
inline size_t ElementSize(ElementType type) {
  return type == ElementType::kFloat32 ? sizeof(float) : sizeof(int64_t);
}

// "FLOAT32" or "INT64", for error messages and Describe().
std::string_view ElementTypeName(ElementType type);

// Renders a shape as "[-1, 4]" (-1 is a dynamic dimension).
std::string ShapeToString(const std::vector<int64_t>& shape);

// Product of the dimensions; 1 for a scalar (empty shape). REQUIRES: no dynamic dimension.
int64_t ShapeElementCount(const std::vector<int64_t>& shape);

// Class labels attached to a model output (ai.onnx.ml classifiers). ONNX types a classifier's
// string labels as a string tensor and ZipMap's result as a sequence of maps; our tensors hold
// neither, so these outputs travel as numbers plus the labels, and ML.PREDICT turns them into
// columns (STRING, and ARRAY<STRUCT<label, prob>>; see plan/ml_binder.cc).
struct OutputLabels {
  enum class Kind : uint8_t {
    kNone,          // a plain tensor
    kStringLabels,  // an INT64 tensor of indices into `strings`: one class label per row
    kLabelMap,      // a FLOAT32 [batch, C] tensor: column c is the value of label c (ZipMap);
                    // the labels are `int64s` or `strings`, in column order
  };
  Kind kind = Kind::kNone;
  std::vector<int64_t> int64s;
  std::vector<std::string> strings;

  bool operator==(const OutputLabels&) const = default;
};

// A named graph input or output as the model declares it.
struct TensorInfo {
  std::string name;
  ElementType type;
  std::vector<int64_t> shape;  // -1 for a dynamic dimension (normally the batch, dim 0)
  OutputLabels labels;         // outputs only
};

// The type ML.FEATURE_INFO and the catalog show: "FLOAT32", "INT64", and for labelled outputs
// "STRING", "MAP<INT64, FLOAT32>" or "MAP<STRING, FLOAT32>" (one map per row).
std::string TensorTypeName(const TensorInfo& tensor);

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

  // The elements as bytes (element_count() * ElementSize(type()) of them), for kernels that
  // move data without looking at it.
  char* raw_bytes() {
    return type_ == ElementType::kFloat32 ? reinterpret_cast<char*>(floats())
                                          : reinterpret_cast<char*>(int64s());
  }
  const char* raw_bytes() const {
    return type_ == ElementType::kFloat32 ? reinterpret_cast<const char*>(floats())
                                          : reinterpret_cast<const char*>(int64s());
  }

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
