// Per-shape execution plans (used by ModelSession) and single-node evaluation (used by
// constant folding).
//
// A ShapePlan is built the first time a session sees a set of input shapes. It walks the graph
// in order, runs every kernel's Infer to get each value's type and shape, and evaluates at once
// every node whose inputs are all known (constants, and values derived from shapes, such as
// the Shape -> Gather -> Concat -> Reshape chains of a dynamic batch). The nodes left are the
// steps. Then it assigns buffers: each step output gets a slot, and a slot is reused once the
// last step reading its value has run (greedy, by first free slot). Graph outputs are written
// straight into the caller's output tensors. Running a plan does not allocate.
#pragma once

#include <memory>
#include <vector>

#include "common/status.h"
#include "ml/graph.h"
#include "ml/kernel.h"

namespace dq::ml {

// Evaluates `node` on known inputs (null for an omitted optional input).
Result<std::vector<std::shared_ptr<const Tensor>>> EvaluateNode(
    const Node& node, const std::vector<const Tensor*>& inputs);

class ShapePlan {
 public:
  // Plans `graph` for inputs of these shapes. Errors name the node whose shapes do not fit.
  static Result<std::unique_ptr<ShapePlan>> Build(const Graph& graph,
                                                  const std::vector<std::vector<int64_t>>& input_shapes);

  // True when this plan was built for exactly these input shapes.
  bool Matches(const std::vector<Tensor>& inputs) const;
  // Runs the steps. REQUIRES: Matches(inputs). `outputs` has one tensor per graph output.
  Status Run(const std::vector<Tensor>& inputs, std::vector<Tensor>* outputs);

  // Type and shape of graph output `position` for this plan's input shapes.
  const TensorMeta& output_meta(size_t position) const {
    return values_[graph_->outputs[position]].meta;
  }
  size_t step_count() const { return steps_.size(); }
  size_t slot_count() const { return slots_.size(); }

 private:
  // Where a value's data lives during a run.
  enum class Location : uint8_t { kNone, kKnown, kInput, kSlot, kOutput };
  struct ValueState {
    Location location = Location::kNone;
    int index = -1;  // known_ / inputs / slots_ / outputs index
    TensorMeta meta;
  };
  struct Step {
    const Node* node;
    std::vector<int> inputs;   // value ids (kNoValue for omitted)
    std::vector<int> outputs;  // value ids
    std::vector<const Tensor*> input_pointers;  // resolved per run
    std::vector<Tensor*> output_pointers;
    std::unique_ptr<KernelRunState> run_state;  // from the kernel's Infer, may be null
  };

  const Graph* graph_ = nullptr;
  std::vector<std::vector<int64_t>> input_shapes_;
  std::vector<ValueState> values_;
  std::vector<std::shared_ptr<const Tensor>> known_;
  std::vector<Step> steps_;
  std::vector<Tensor> slots_;
  std::vector<float> scratch_;
  std::vector<double> double_scratch_;
};

}  // namespace dq::ml
