// Imported ONNX models and their execution (src/ml).
//
// Model::Load parses ONNX bytes (protobuf, see onnx_import.h), validates the graph (opset,
// operators, data types, shapes), optimizes it (constant folding, fusion, identity removal)
// and plans execution (a static order and a buffer plan). The result is immutable and shared
// by every worker. Each worker creates its own ModelSession, which owns scratch buffers sized
// for the last batch and reused across Run calls.
//
//   DQ_ASSIGN_OR_RETURN(auto model, Model::Load(bytes));
//   auto session = model->NewSession();            // one per thread
//   std::vector<Tensor> outputs;
//   DQ_RETURN_IF_ERROR(session->Run(inputs, &outputs));
//
// Supported: default-domain opset 7..20 and ai.onnx.ml opset 1..5, float32 tensors (int64 for
// indices, shapes, token ids and class labels). The operator list is in kernel_families.h.
// Outputs that ONNX types as string tensors or maps (classifier string labels, ZipMap) are
// numbers plus OutputLabels (tensor.h) and must be graph outputs.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ml/tensor.h"

namespace dq::ml {

struct Plan;  // the optimized, scheduled graph (plan.h)
class ModelSession;

// An imported, validated, optimized graph; immutable and shareable across threads.
class Model {
 public:
  // Parses and validates ONNX bytes. Errors (kInvalidInput) name what is wrong: not an ONNX
  // file / truncated ("Invalid model file: ..."), unsupported opset or data type, an
  // unsupported operator naming the node and op ("Unsupported operator Det in node 'det_1'"),
  // undefined tensors, shapes that cannot be inferred.
  static Result<std::shared_ptr<const Model>> Load(std::string_view onnx_bytes);

  const std::vector<TensorInfo>& inputs() const { return inputs_; }    // non-initializer inputs
  const std::vector<TensorInfo>& outputs() const { return outputs_; }
  // A new per-thread execution state. The session borrows this model: the model must outlive it
  // (hold the shared_ptr).
  std::unique_ptr<ModelSession> NewSession() const;
  // One line per input/output for the CLI/EXPLAIN: "input features FLOAT32 [-1, 4]"
  // (labelled outputs show TensorTypeName: "output label STRING [-1]").
  std::string Describe() const;
  // Number of executed steps after optimization (for tests and EXPLAIN).
  size_t step_count() const;

  // Use Load. `outputs` describe the plan's graph outputs.
  Model(std::shared_ptr<const Plan> plan, std::vector<TensorInfo> outputs);
  ~Model();

 private:
  std::shared_ptr<const Plan> plan_;
  std::vector<TensorInfo> inputs_;
  std::vector<TensorInfo> outputs_;
};

// Per-thread execution state (scratch buffers); not thread-safe.
class ModelSession {
 public:
  explicit ModelSession(const Model& model, std::shared_ptr<const Plan> plan);
  ~ModelSession();

  // `inputs` in the order of Model::inputs(), batch dimension resolved; fills `outputs` in
  // the order of Model::outputs(). Errors: shape/type mismatches with the input named.
  // After the first call with a given input shape, Run does not allocate.
  Status Run(const std::vector<Tensor>& inputs, std::vector<Tensor>* outputs);

 private:
  struct State;
  std::shared_ptr<const Plan> plan_;
  std::unique_ptr<State> state_;
};

}  // namespace dq::ml
