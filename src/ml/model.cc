#include "ml/model.h"

#include <cblas.h>

#include <algorithm>

#include "ml/execution_plan.h"
#include "ml/graph_optimizer.h"
#include "ml/onnx_import.h"
#include "ml/plan.h"

namespace dq::ml {
namespace {

// Sessions keep this many shape plans (a steady batch size and the last partial batch).
constexpr size_t kCachedShapePlans = 4;

// Input shapes with every dynamic dimension set to 1: used to validate at load that the
// graph's shapes can be inferred.
std::vector<std::vector<int64_t>> ValidationShapes(const Graph& graph) {
  std::vector<std::vector<int64_t>> shapes;
  for (int id : graph.inputs) {
    std::vector<int64_t> shape = graph.values[id].shape;
    for (int64_t& dim : shape) {
      if (dim < 0) dim = 1;
    }
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

// The labels of each graph output (classifier string labels, ZipMap maps). Such values cannot
// feed another node: ONNX types them as string tensors or maps, which our kernels do not read.
Result<std::vector<OutputLabels>> GraphOutputLabels(const Graph& graph) {
  std::vector<OutputLabels> by_value(graph.values.size());
  for (const Node& node : graph.nodes) {
    for (size_t index = 0; index < node.outputs.size(); ++index) {
      OutputLabels labels = NodeOutputLabels(node, index);
      if (labels.kind == OutputLabels::Kind::kNone) continue;
      for (const Node& reader : graph.nodes) {
        if (std::find(reader.inputs.begin(), reader.inputs.end(), node.outputs[index]) !=
            reader.inputs.end()) {
          return Status::InvalidInput(
              "Unsupported model: " + reader.Label() + " reads output " + std::to_string(index) +
              " of " + node.Label() +
              ", which holds class labels or a label map (string tensors and maps can only be "
              "model outputs)");
        }
      }
      by_value[node.outputs[index]] = std::move(labels);
    }
  }
  std::vector<OutputLabels> labels;
  for (int id : graph.outputs) labels.push_back(by_value[id]);
  return labels;
}

}  // namespace

Result<std::shared_ptr<const Model>> Model::Load(std::string_view onnx_bytes) {
  // The executor parallelizes across sessions (one per worker), so BLAS runs single-threaded.
  static const bool single_threaded_blas = [] {
    openblas_set_num_threads(1);
    return true;
  }();
  (void)single_threaded_blas;

  auto plan = std::make_shared<Plan>();
  DQ_ASSIGN_OR_RETURN(plan->graph, ImportOnnxGraph(onnx_bytes));
  DQ_RETURN_IF_ERROR(OptimizeGraph(&plan->graph));
  // Validate shapes end to end with a batch of 1; errors name the node. The plan also gives
  // the output types and shapes.
  const Graph& graph = plan->graph;
  DQ_ASSIGN_OR_RETURN(auto validation, ShapePlan::Build(graph, ValidationShapes(graph)));
  bool dynamic_batch = std::any_of(graph.inputs.begin(), graph.inputs.end(), [&](int id) {
    return !graph.values[id].shape.empty() && graph.values[id].shape[0] < 0;
  });
  DQ_ASSIGN_OR_RETURN(std::vector<OutputLabels> labels, GraphOutputLabels(graph));
  std::vector<TensorInfo> outputs;
  for (size_t position = 0; position < graph.outputs.size(); ++position) {
    const TensorMeta& meta = validation->output_meta(position);
    TensorInfo info{graph.output_names[position], meta.type, meta.shape,
                    std::move(labels[position])};
    // Dimension 0 follows the batch when the inputs' dimension 0 is dynamic.
    if (dynamic_batch && !info.shape.empty()) info.shape[0] = -1;
    outputs.push_back(std::move(info));
  }
  return std::shared_ptr<const Model>(std::make_shared<Model>(std::move(plan), std::move(outputs)));
}

Model::Model(std::shared_ptr<const Plan> plan, std::vector<TensorInfo> outputs)
    : plan_(std::move(plan)), outputs_(std::move(outputs)) {
  for (int id : plan_->graph.inputs) {
    const Value& value = plan_->graph.values[id];
    inputs_.push_back(TensorInfo{value.name, value.type, value.shape});
  }
}

Model::~Model() = default;

std::unique_ptr<ModelSession> Model::NewSession() const {
  return std::make_unique<ModelSession>(*this, plan_);
}

std::string Model::Describe() const {
  std::string text;
  for (const auto& input : inputs_) {
    text += "input " + input.name + " " + std::string(ElementTypeName(input.type)) + " " +
            ShapeToString(input.shape) + "\n";
  }
  for (const auto& output : outputs_) {
    text += "output " + output.name + " " + TensorTypeName(output) + " " +
            ShapeToString(output.shape) + "\n";
  }
  return text;
}

size_t Model::step_count() const { return plan_->graph.nodes.size(); }

struct ModelSession::State {
  const Model* model;
  std::vector<std::unique_ptr<ShapePlan>> plans;  // most recently used last
};

ModelSession::ModelSession(const Model& model, std::shared_ptr<const Plan> plan)
    : plan_(std::move(plan)), state_(std::make_unique<State>()) {
  state_->model = &model;
}

ModelSession::~ModelSession() = default;

Status ModelSession::Run(const std::vector<Tensor>& inputs, std::vector<Tensor>* outputs) {
  const auto& infos = state_->model->inputs();
  if (inputs.size() != infos.size()) {
    return Status::InvalidInput("Model expects " + std::to_string(infos.size()) +
                                " inputs, got " + std::to_string(inputs.size()));
  }
  for (size_t index = 0; index < inputs.size(); ++index) {
    const TensorInfo& info = infos[index];
    const Tensor& input = inputs[index];
    bool shape_ok = input.shape().size() == info.shape.size();
    for (size_t axis = 0; shape_ok && axis < info.shape.size(); ++axis) {
      shape_ok = info.shape[axis] < 0 ? input.shape()[axis] >= 0
                                      : input.shape()[axis] == info.shape[axis];
    }
    if (input.type() != info.type || !shape_ok) {
      return Status::InvalidInput("Model input '" + info.name + "' expects " +
                                  std::string(ElementTypeName(info.type)) + " " +
                                  ShapeToString(info.shape) + ", got " +
                                  std::string(ElementTypeName(input.type())) + " " +
                                  ShapeToString(input.shape()));
    }
  }
  auto& plans = state_->plans;
  auto found = std::find_if(plans.begin(), plans.end(),
                            [&](const auto& plan) { return plan->Matches(inputs); });
  if (found == plans.end()) {
    std::vector<std::vector<int64_t>> shapes;
    for (const Tensor& input : inputs) shapes.push_back(input.shape());
    DQ_ASSIGN_OR_RETURN(auto plan, ShapePlan::Build(plan_->graph, shapes));
    if (plans.size() == kCachedShapePlans) plans.erase(plans.begin());
    plans.push_back(std::move(plan));
    found = plans.end() - 1;
  } else if (found != plans.end() - 1) {
    std::rotate(found, found + 1, plans.end());  // mark most recently used
    found = plans.end() - 1;
  }
  return (*found)->Run(inputs, outputs);
}

}  // namespace dq::ml
