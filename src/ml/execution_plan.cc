#include "ml/execution_plan.h"

#include <algorithm>

namespace dq::ml {
namespace {

// Runs Infer for `node`. `metas` and `known` are per input (null for omitted inputs).
Status InferNode(const Node& node, const std::vector<const TensorMeta*>& metas,
                 const std::vector<const Tensor*>& known, std::unique_ptr<InferContext>* result) {
  for (size_t index = 0; index < node.inputs.size(); ++index) {
    DQ_CHECK((node.inputs[index] == kNoValue) == (metas[index] == nullptr));
  }
  auto context = std::make_unique<InferContext>(node, metas, known);
  DQ_RETURN_IF_ERROR(node.kernel->infer(*context));
  *result = std::move(context);
  return Status::OK();
}

}  // namespace

Result<std::vector<std::shared_ptr<const Tensor>>> EvaluateNode(
    const Node& node, const std::vector<const Tensor*>& inputs) {
  std::vector<TensorMeta> metas(inputs.size());
  std::vector<const TensorMeta*> meta_pointers(inputs.size(), nullptr);
  for (size_t index = 0; index < inputs.size(); ++index) {
    if (!inputs[index]) continue;
    metas[index] = TensorMeta{inputs[index]->type(), inputs[index]->shape()};
    meta_pointers[index] = &metas[index];
  }
  std::unique_ptr<InferContext> context;
  DQ_RETURN_IF_ERROR(InferNode(node, meta_pointers, inputs, &context));
  std::vector<std::shared_ptr<const Tensor>> results(node.outputs.size());
  std::vector<std::shared_ptr<Tensor>> computed(node.outputs.size());
  std::vector<Tensor*> output_pointers(node.outputs.size());
  bool all_known = true;
  for (size_t index = 0; index < node.outputs.size(); ++index) {
    if (context->known_outputs()[index]) {
      results[index] = std::move(context->known_outputs()[index]);
    } else {
      all_known = false;
      const TensorMeta& meta = context->outputs()[index];
      computed[index] = std::make_shared<Tensor>(meta.type, meta.shape);
      output_pointers[index] = computed[index].get();
      results[index] = computed[index];
    }
  }
  if (!all_known) {
    std::vector<float> scratch(context->scratch_floats());
    std::vector<double> double_scratch(context->scratch_doubles());
    Status status;
    RunContext run{.node = node,
                   .inputs = inputs.data(),
                   .input_count = inputs.size(),
                   .outputs = output_pointers.data(),
                   .scratch = scratch.data(),
                   .status = &status,
                   .double_scratch = double_scratch.data(),
                   .run_state = context->run_state().get()};
    node.kernel->run(run);
    DQ_RETURN_IF_ERROR(status);
  }
  return results;
}

Result<std::unique_ptr<ShapePlan>> ShapePlan::Build(
    const Graph& graph, const std::vector<std::vector<int64_t>>& input_shapes) {
  auto plan = std::make_unique<ShapePlan>();
  plan->graph_ = &graph;
  plan->input_shapes_ = input_shapes;
  plan->values_.resize(graph.values.size());
  auto& values = plan->values_;
  for (size_t id = 0; id < graph.values.size(); ++id) {
    if (const auto& constant = graph.values[id].constant) {
      values[id] = ValueState{Location::kKnown, static_cast<int>(plan->known_.size()),
                              TensorMeta{constant->type(), constant->shape()}};
      plan->known_.push_back(constant);
    }
  }
  for (size_t position = 0; position < graph.inputs.size(); ++position) {
    int id = graph.inputs[position];
    values[id] = ValueState{Location::kInput, static_cast<int>(position),
                            TensorMeta{graph.values[id].type, input_shapes[position]}};
  }
  // Shape propagation; nodes whose inputs are all known are evaluated now.
  int64_t scratch_floats = 0;
  int64_t scratch_doubles = 0;
  for (const Node& node : graph.nodes) {
    std::vector<const TensorMeta*> metas(node.inputs.size(), nullptr);
    std::vector<const Tensor*> known(node.inputs.size(), nullptr);
    bool inputs_known = true;
    for (size_t index = 0; index < node.inputs.size(); ++index) {
      int id = node.inputs[index];
      if (id == kNoValue) continue;
      DQ_CHECK(values[id].location != Location::kNone);
      metas[index] = &values[id].meta;
      if (values[id].location == Location::kKnown) {
        known[index] = plan->known_[values[id].index].get();
      } else {
        inputs_known = false;
      }
    }
    std::unique_ptr<InferContext> context;
    DQ_RETURN_IF_ERROR(InferNode(node, metas, known, &context));
    bool outputs_known = std::all_of(context->known_outputs().begin(),
                                     context->known_outputs().end(),
                                     [](const auto& tensor) { return tensor != nullptr; });
    if (outputs_known || inputs_known) {
      std::vector<std::shared_ptr<const Tensor>> results;
      if (outputs_known) {
        for (auto& tensor : context->known_outputs()) results.push_back(std::move(tensor));
      } else {
        DQ_ASSIGN_OR_RETURN(results, EvaluateNode(node, known));
      }
      for (size_t index = 0; index < node.outputs.size(); ++index) {
        values[node.outputs[index]] =
            ValueState{Location::kKnown, static_cast<int>(plan->known_.size()),
                       TensorMeta{results[index]->type(), results[index]->shape()}};
        plan->known_.push_back(std::move(results[index]));
      }
      continue;
    }
    for (size_t index = 0; index < node.outputs.size(); ++index) {
      values[node.outputs[index]] =
          ValueState{Location::kSlot, -1, std::move(context->outputs()[index])};
    }
    scratch_floats = std::max(scratch_floats, context->scratch_floats());
    scratch_doubles = std::max(scratch_doubles, context->scratch_doubles());
    plan->steps_.push_back(
        Step{&node, node.inputs, node.outputs, {}, {}, std::move(context->run_state())});
  }
  plan->scratch_.resize(scratch_floats);
  plan->double_scratch_.resize(scratch_doubles);

  // Buffer plan: graph outputs computed by steps go to the caller's tensors; other step
  // outputs share slots by liveness.
  std::vector<int> last_use(graph.values.size(), -1);
  for (size_t step = 0; step < plan->steps_.size(); ++step) {
    for (int id : plan->steps_[step].inputs) {
      if (id != kNoValue) last_use[id] = step;
    }
  }
  for (size_t position = 0; position < graph.outputs.size(); ++position) {
    ValueState& state = values[graph.outputs[position]];
    if (state.location == Location::kSlot && state.index < 0) {
      state = ValueState{Location::kOutput, static_cast<int>(position), state.meta};
    }
  }
  std::vector<int> free_slots;
  auto take_slot = [&]() {
    if (!free_slots.empty()) {
      int slot = free_slots.back();
      free_slots.pop_back();
      return slot;
    }
    plan->slots_.emplace_back();
    return static_cast<int>(plan->slots_.size() - 1);
  };
  for (size_t step = 0; step < plan->steps_.size(); ++step) {
    for (int id : plan->steps_[step].outputs) {
      ValueState& state = values[id];
      if (state.location != Location::kSlot) continue;
      state.index = take_slot();
      // Grow the slot to this value's size now, so Run never allocates.
      plan->slots_[state.index].Reset(state.meta.type, state.meta.shape);
    }
    auto release = [&](int id) {
      if (id != kNoValue && values[id].location == Location::kSlot &&
          last_use[id] <= static_cast<int>(step)) {
        if (std::find(free_slots.begin(), free_slots.end(), values[id].index) == free_slots.end()) {
          free_slots.push_back(values[id].index);
        }
      }
    };
    for (int id : plan->steps_[step].inputs) release(id);
    for (int id : plan->steps_[step].outputs) release(id);  // outputs nobody reads
  }
  for (Step& step : plan->steps_) {
    step.input_pointers.resize(step.inputs.size());
    step.output_pointers.resize(step.outputs.size());
  }
  return plan;
}

bool ShapePlan::Matches(const std::vector<Tensor>& inputs) const {
  if (inputs.size() != input_shapes_.size()) return false;
  for (size_t index = 0; index < inputs.size(); ++index) {
    if (inputs[index].shape() != input_shapes_[index]) return false;
  }
  return true;
}

Status ShapePlan::Run(const std::vector<Tensor>& inputs, std::vector<Tensor>* outputs) {
  const Graph& graph = *graph_;
  outputs->resize(graph.outputs.size());
  auto resolve = [&](int id) -> Tensor* {
    const ValueState& state = values_[id];
    switch (state.location) {
      case Location::kKnown:
        return const_cast<Tensor*>(known_[state.index].get());  // read-only by contract
      case Location::kInput:
        return const_cast<Tensor*>(&inputs[state.index]);       // read-only by contract
      case Location::kSlot:
        return &slots_[state.index];
      case Location::kOutput:
        return &(*outputs)[state.index];
      case Location::kNone:
        break;
    }
    DQ_CHECK(false);
    return nullptr;
  };
  for (size_t position = 0; position < graph.outputs.size(); ++position) {
    const ValueState& state = values_[graph.outputs[position]];
    (*outputs)[position].Reset(state.meta.type, state.meta.shape);
  }
  Status status;
  for (Step& step : steps_) {
    for (size_t index = 0; index < step.inputs.size(); ++index) {
      step.input_pointers[index] = step.inputs[index] == kNoValue ? nullptr : resolve(step.inputs[index]);
    }
    for (size_t index = 0; index < step.outputs.size(); ++index) {
      Tensor* output = resolve(step.outputs[index]);
      const TensorMeta& meta = values_[step.outputs[index]].meta;
      output->Reset(meta.type, meta.shape);
      step.output_pointers[index] = output;
    }
    RunContext context{*step.node,
                       step.input_pointers.data(),
                       step.input_pointers.size(),
                       step.output_pointers.data(),
                       scratch_.data(),
                       &status,
                       double_scratch_.data(),
                       step.run_state.get()};
    step.node->kernel->run(context);
    DQ_RETURN_IF_ERROR(status);
  }
  // Graph outputs that are constants, inputs, or another output's value: copy.
  for (size_t position = 0; position < graph.outputs.size(); ++position) {
    const ValueState& state = values_[graph.outputs[position]];
    if (state.location == Location::kOutput && state.index == static_cast<int>(position)) continue;
    const Tensor& source = *resolve(graph.outputs[position]);
    Tensor& target = (*outputs)[position];
    if (source.type() == ElementType::kFloat32) {
      std::copy(source.floats(), source.floats() + source.element_count(), target.floats());
    } else {
      std::copy(source.int64s(), source.int64s() + source.element_count(), target.int64s());
    }
  }
  return Status::OK();
}

}  // namespace dq::ml
