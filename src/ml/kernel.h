// The kernel interface: one OpKernel per supported ONNX operator, registered in
// kernel_registry.cc under its (domain, op_type). Kernels are stateless functions; all state
// lives in the session, except what `prepare` derives once from the attributes.
//
// Each kernel has two parts, and optionally two more:
//  * Infer: from the input types and shapes (and the data of inputs known at planning time,
//    e.g. a Reshape's target shape) computes the output types and shapes, checks attributes,
//    and may request float/double scratch space. Errors are kInvalidInput naming the node. It
//    may set an output's data directly when it depends only on shapes (Shape).
//  * Run: computes the outputs. The executor has already shaped every output tensor as Infer
//    said; Run must not allocate buffers (scratch comes from the context; oneDNN's execute
//    still builds small argument maps).
//  * Infer may also create a KernelRunState (compiled primitives, weights in the layout they
//    want): the plan built for those shapes owns it and hands it to every Run of the node.
//  * prepare (optional): runs once at import, after the attributes are read, and stores an
//    immutable KernelState on the node (graph.h), e.g. trees flattened into arrays. Attribute
//    errors found here fail the import naming the node.
//  * output_labels (optional): for outputs that ONNX types as string tensors or maps
//    (classifier labels, ZipMap), the labels that give the numbers their meaning (tensor.h).
// Inference runs once per distinct input shape per session; Run runs per batch.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ml/graph.h"
#include "ml/tensor.h"

namespace dq::ml {

// What Infer prepares for the Runs of one plan (one session, one set of input shapes): used by
// one thread at a time, destroyed with the plan.
struct KernelRunState {
  virtual ~KernelRunState() = default;
};

struct TensorMeta {
  ElementType type = ElementType::kFloat32;
  std::vector<int64_t> shape;
};

class InferContext {
 public:
  InferContext(const Node& node, std::vector<const TensorMeta*> inputs,
               std::vector<const Tensor*> known_inputs)
      : node_(node),
        inputs_(std::move(inputs)),
        known_inputs_(std::move(known_inputs)),
        outputs_(node.outputs.size()),
        known_outputs_(node.outputs.size()) {}

  const Node& node() const { return node_; }
  size_t input_count() const { return inputs_.size(); }
  // Whether input `index` is present (optional inputs may be omitted or past the end).
  bool has_input(size_t index) const { return index < inputs_.size() && inputs_[index]; }
  // REQUIRES: has_input(index).
  const TensorMeta& input(size_t index) const { return *inputs_[index]; }
  const std::vector<int64_t>& input_shape(size_t index) const { return inputs_[index]->shape; }
  // The input's data when known at planning time (constants, shapes), else null.
  const Tensor* known_input(size_t index) const {
    return index < known_inputs_.size() ? known_inputs_[index] : nullptr;
  }
  TensorMeta& output(size_t index) { return outputs_[index]; }
  void SetOutput(size_t index, ElementType type, std::vector<int64_t> shape) {
    outputs_[index] = TensorMeta{type, std::move(shape)};
  }
  // Sets an output's data (and meta) at planning time; the node then does not run.
  void SetKnownOutput(size_t index, Tensor value);
  // Requests `floats` elements of scratch for Run.
  void RequestScratch(int64_t floats) { scratch_floats_ = std::max(scratch_floats_, floats); }
  // Requests `doubles` elements of double scratch for Run (accumulators).
  void RequestDoubleScratch(int64_t doubles) {
    scratch_doubles_ = std::max(scratch_doubles_, doubles);
  }
  // Hands Run a state prepared for these shapes (RunContext::run_state).
  void SetRunState(std::unique_ptr<KernelRunState> state) { run_state_ = std::move(state); }
  std::unique_ptr<KernelRunState>& run_state() { return run_state_; }

  // kInvalidInput "Invalid model: node 'x' (Op): <message>".
  Status Error(const std::string& message) const;
  // Fails unless input `index` is present and of `type`.
  Status ExpectInput(size_t index, ElementType type) const;

  std::vector<TensorMeta>& outputs() { return outputs_; }
  std::vector<std::unique_ptr<Tensor>>& known_outputs() { return known_outputs_; }
  int64_t scratch_floats() const { return scratch_floats_; }
  int64_t scratch_doubles() const { return scratch_doubles_; }

 private:
  const Node& node_;
  std::vector<const TensorMeta*> inputs_;
  std::vector<const Tensor*> known_inputs_;
  std::vector<TensorMeta> outputs_;
  std::vector<std::unique_ptr<Tensor>> known_outputs_;
  int64_t scratch_floats_ = 0;
  int64_t scratch_doubles_ = 0;
  std::unique_ptr<KernelRunState> run_state_;
};

struct RunContext {
  const Node& node;
  const Tensor* const* inputs;  // node.inputs.size() entries; null for omitted inputs
  size_t input_count;
  Tensor* const* outputs;       // node.outputs.size() entries, already shaped
  float* scratch;               // at least what Infer requested
  Status* status;               // a kernel that finds bad data (an out-of-range index) sets it
  double* double_scratch = nullptr;  // at least what Infer requested
  KernelRunState* run_state = nullptr;  // what Infer set with SetRunState, else null

  bool has_input(size_t index) const { return index < input_count && inputs[index]; }
  const Tensor& input(size_t index) const { return *inputs[index]; }
  Tensor& output(size_t index) const { return *outputs[index]; }
  // Reports a data error (kInvalidInput) naming the node; the run stops after this step.
  void Fail(const std::string& message) const;
};

struct OpKernel {
  std::string_view op_type;
  Status (*infer)(InferContext& context);
  void (*run)(const RunContext& context);
  std::string_view domain = kDefaultDomain;
  // Optional (null when the kernel needs no prepared state).
  Status (*prepare)(Node& node) = nullptr;
  // Optional: the labels of output `index` (default: OutputLabels::Kind::kNone).
  OutputLabels (*output_labels)(const Node& node, size_t index) = nullptr;
};

// The kernel for an operator of `domain` (kDefaultDomain or kMlDomain; "ai.onnx" counts as
// the default), or null when unsupported.
const OpKernel* FindKernel(std::string_view domain, std::string_view op_type);
// A default-domain operator's kernel, or null.
inline const OpKernel* FindKernel(std::string_view op_type) {
  return FindKernel(kDefaultDomain, op_type);
}
// Every supported operator, "Op" for the default domain and "ai.onnx.ml.Op" for the ML one,
// sorted; for documentation and tests.
std::vector<std::string> SupportedOperators();

// kInvalidInput "Invalid model: node 'x' (Op): <message>" (what InferContext::Error returns;
// prepare steps use it).
Status NodeError(const Node& node, const std::string& message);
// Runs the node's kernel's `prepare`, if it has one, setting node->state. REQUIRES: kernel set.
Status PrepareNode(Node* node);
// The labels of the node's output `index` (kNone for plain tensors).
OutputLabels NodeOutputLabels(const Node& node, size_t index);

// Helpers shared by kernels.
// Normalizes a possibly negative axis against `rank`; false when out of range.
bool NormalizeAxis(int64_t axis, int64_t rank, int64_t* normalized);
// Numpy-style broadcast of two shapes; false when incompatible.
bool BroadcastShapes(const std::vector<int64_t>& a, const std::vector<int64_t>& b,
                     std::vector<int64_t>* result);
// Reads an int64 tensor's values (an axes or shape input).
std::vector<int64_t> ToInt64Vector(const Tensor& tensor);
// A view of an int64 tensor's values. REQUIRES: type() == kInt64.
inline std::span<const int64_t> Int64View(const Tensor& tensor) {
  return {tensor.int64s(), static_cast<size_t>(tensor.element_count())};
}
// Copies an attribute list of exactly N values into `values`; an empty list keeps them.
template <size_t N>
bool ReadInts(std::span<const int64_t> attribute, std::array<int64_t, N>* values) {
  if (attribute.empty()) return true;
  if (attribute.size() != N) return false;
  std::copy(attribute.begin(), attribute.end(), values->begin());
  return true;
}

}  // namespace dq::ml
