// The executor's graph IR: what onnx_import.cc builds from a ModelProto, what graph_optimizer.cc
// rewrites and what session planning (execution_plan.h) schedules.
//
// Values (tensors) are numbered; nodes refer to them by id. Nodes are kept in a topological
// order. A value with `constant` set is known at load time (an initializer, a Constant node's
// output or a folded result) and is never written.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ml/tensor.h"

namespace dq::ml {

struct OpKernel;

// The operator domains we import: the default one ("" or "ai.onnx") and the classical-ML one.
inline constexpr std::string_view kDefaultDomain = "";
inline constexpr std::string_view kMlDomain = "ai.onnx.ml";

// A node attribute; only the fields of its kind are meaningful.
struct Attribute {
  enum class Kind : uint8_t { kInt, kFloat, kString, kInts, kFloats, kStrings, kTensor };
  Kind kind = Kind::kInt;
  int64_t int_value = 0;
  float float_value = 0;
  std::string string_value;
  std::vector<int64_t> ints;
  std::vector<float> floats;
  std::vector<std::string> strings;
  std::shared_ptr<const Tensor> tensor;
};

// What a kernel derives once from a node's attributes at import (OpKernel::prepare), e.g. a
// tree ensemble flattened into arrays. Shared by every session: immutable afterwards, or
// internally synchronized (Conv's cache of reordered weights); each kernel downcasts to its own
// type.
struct KernelState {
  virtual ~KernelState() = default;
};

// An activation applied to a kernel's output in the same pass (set by fusion).
enum class Activation : uint8_t { kNone, kRelu };

inline constexpr int kNoValue = -1;  // an omitted optional input

struct Node {
  std::string name;     // the ONNX node name, or "<op_type>_<index>" when it has none
  std::string op_type;  // the ONNX operator, e.g. "Gemm"
  std::string domain;   // kDefaultDomain or kMlDomain
  int64_t opset = 0;    // the version the model imports of the node's domain
  std::vector<int> inputs;   // value ids; kNoValue for an omitted optional input
  std::vector<int> outputs;  // value ids
  std::map<std::string, Attribute, std::less<>> attributes;
  Activation activation = Activation::kNone;
  const OpKernel* kernel = nullptr;  // set at import; never null afterwards
  std::shared_ptr<const KernelState> state;  // set at import by kernels that prepare one

  bool HasAttribute(std::string_view attribute) const;
  int64_t GetInt(std::string_view attribute, int64_t fallback) const;
  float GetFloat(std::string_view attribute, float fallback) const;
  // Accessors return views into the node (no allocation: kernels call them per batch).
  std::string_view GetString(std::string_view attribute, std::string_view fallback) const;
  // The list; empty when absent.
  std::span<const int64_t> GetInts(std::string_view attribute) const;
  std::span<const float> GetFloats(std::string_view attribute) const;
  std::span<const std::string> GetStrings(std::string_view attribute) const;
  // "node 'name' (Op)" for error messages.
  std::string Label() const;
};

struct Value {
  std::string name;
  ElementType type = ElementType::kFloat32;
  std::vector<int64_t> shape;  // declared shape, -1 for a dynamic dimension; only graph inputs
  std::shared_ptr<const Tensor> constant;  // set when known at load time
};

struct Graph {
  std::vector<Value> values;
  std::vector<Node> nodes;          // topological order
  std::vector<int> inputs;          // value ids of the non-initializer graph inputs
  std::vector<int> outputs;         // value ids of the graph outputs
  std::vector<std::string> output_names;  // graph output names (a value may be renamed by
                                          // optimization; the model keeps these names)
  int64_t opset = 0;     // default domain
  int64_t ml_opset = 0;  // ai.onnx.ml; 0 when the model does not import it
};

}  // namespace dq::ml
