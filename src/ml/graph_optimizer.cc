#include "ml/graph_optimizer.h"

#include <algorithm>
#include <cmath>

#include "ml/execution_plan.h"
#include "ml/layer_norm_fusion.h"

namespace dq::ml {
namespace {

bool IsGraphOutput(const Graph& graph, int id) {
  return std::find(graph.outputs.begin(), graph.outputs.end(), id) != graph.outputs.end();
}

// Number of node inputs reading each value.
std::vector<int> CountReaders(const Graph& graph) {
  std::vector<int> readers(graph.values.size(), 0);
  for (const Node& node : graph.nodes) {
    for (int id : node.inputs) {
      if (id != kNoValue) ++readers[id];
    }
  }
  return readers;
}

// Replaces every read of `from` (node inputs and graph outputs) with `to`.
void ReplaceValue(Graph* graph, int from, int to) {
  for (Node& node : graph->nodes) {
    std::replace(node.inputs.begin(), node.inputs.end(), from, to);
  }
  std::replace(graph->outputs.begin(), graph->outputs.end(), from, to);
}

Status FoldConstants(Graph* graph) {
  std::vector<Node> kept;
  for (Node& node : graph->nodes) {
    bool foldable = true;
    std::vector<const Tensor*> inputs;
    for (int id : node.inputs) {
      if (id == kNoValue) {
        inputs.push_back(nullptr);
        continue;
      }
      if (!graph->values[id].constant) {
        foldable = false;
        break;
      }
      inputs.push_back(graph->values[id].constant.get());
    }
    if (!foldable) {
      kept.push_back(std::move(node));
      continue;
    }
    DQ_ASSIGN_OR_RETURN(auto results, EvaluateNode(node, inputs));
    for (size_t index = 0; index < node.outputs.size(); ++index) {
      Value& value = graph->values[node.outputs[index]];
      value.constant = std::move(results[index]);
      value.type = value.constant->type();
    }
  }
  graph->nodes = std::move(kept);
  return Status::OK();
}

// A Pad whose pads are all zero (PyTorch exports these before pooling) copies its input.
bool IsNoOpPad(const Graph& graph, const Node& node) {
  if (node.op_type != "Pad" || node.inputs.size() < 2 || node.inputs[1] == kNoValue) {
    return false;
  }
  const auto& pads = graph.values[node.inputs[1]].constant;
  if (!pads || pads->type() != ElementType::kInt64) return false;
  for (int64_t index = 0; index < pads->element_count(); ++index) {
    if (pads->int64s()[index] != 0) return false;
  }
  return true;
}

void RemoveIdentities(Graph* graph) {
  std::vector<Node> kept;
  for (Node& node : graph->nodes) {
    bool identity = node.op_type == "Identity" || node.op_type == "Dropout" ||
                    IsNoOpPad(*graph, node);
    if (identity && node.outputs.size() == 1 && node.inputs.size() >= 1 &&
        node.inputs[0] != kNoValue) {
      ReplaceValue(graph, node.outputs[0], node.inputs[0]);
      continue;
    }
    kept.push_back(std::move(node));
  }
  graph->nodes = std::move(kept);
}

// Marks a fused-away node removed; it stops counting as a reader at once.
void RemoveNode(Graph* graph, int index, std::vector<bool>* removed) {
  graph->nodes[index].inputs.clear();
  (*removed)[index] = true;
}

// The index of the only node reading `id`, or -1.
int SoleReader(const Graph& graph, int id, const std::vector<int>& readers) {
  if (readers[id] != 1 || IsGraphOutput(graph, id)) return -1;
  for (size_t index = 0; index < graph.nodes.size(); ++index) {
    const auto& inputs = graph.nodes[index].inputs;
    if (std::find(inputs.begin(), inputs.end(), id) != inputs.end()) return index;
  }
  return -1;
}

// MatMul(x, W) + b with constant 2-D W [K, N] and constant b [N] -> MatMul(x, W, b).
bool FuseMatMulBias(Graph* graph, size_t index, const std::vector<int>& readers,
                    std::vector<bool>* removed) {
  Node& matmul = graph->nodes[index];
  if (matmul.op_type != "MatMul" || matmul.inputs.size() != 2) return false;
  const auto& weights = graph->values[matmul.inputs[1]].constant;
  if (!weights || weights->shape().size() != 2) return false;
  int reader = SoleReader(*graph, matmul.outputs[0], readers);
  if (reader < 0 || graph->nodes[reader].op_type != "Add") return false;
  Node& add = graph->nodes[reader];
  int other = add.inputs[0] == matmul.outputs[0] ? add.inputs[1] : add.inputs[0];
  const auto& bias = graph->values[other].constant;
  if (!bias || bias->type() != ElementType::kFloat32 ||
      bias->shape() != std::vector<int64_t>{weights->shape()[1]}) {
    return false;
  }
  matmul.inputs.push_back(other);
  ReplaceValue(graph, add.outputs[0], matmul.outputs[0]);
  RemoveNode(graph, reader, removed);
  return true;
}

// Conv(x, W, B) followed by BatchNormalization with constant parameters -> Conv(x, W', B'):
// each output channel's weights scale by gamma / sqrt(var + eps), and its bias becomes
// (B - mean) * that + beta.
bool FoldBatchNormalization(Graph* graph, size_t index, const std::vector<int>& readers,
                            std::vector<bool>* removed) {
  Node& conv = graph->nodes[index];
  if (conv.op_type != "Conv" || conv.activation != Activation::kNone) return false;
  const auto& weights = graph->values[conv.inputs[1]].constant;
  bool has_bias = conv.inputs.size() > 2 && conv.inputs[2] != kNoValue;
  std::shared_ptr<const Tensor> bias = has_bias ? graph->values[conv.inputs[2]].constant : nullptr;
  if (!weights || weights->shape().size() != 4 || (has_bias && !bias)) return false;
  int reader = SoleReader(*graph, conv.outputs[0], readers);
  if (reader < 0) return false;
  const Node& norm = graph->nodes[reader];
  if (norm.op_type != "BatchNormalization" || norm.outputs.size() != 1 || norm.inputs.size() != 5) {
    return false;
  }
  int64_t channels = weights->shape()[0];
  const Tensor* parameters[4];
  for (int position = 0; position < 4; ++position) {
    const auto& constant = graph->values[norm.inputs[position + 1]].constant;
    if (!constant || constant->shape() != std::vector<int64_t>{channels}) return false;
    parameters[position] = constant.get();
  }
  float epsilon = norm.GetFloat("epsilon", 1e-5f);
  auto new_weights = std::make_shared<Tensor>(*weights);
  auto new_bias = std::make_shared<Tensor>(ElementType::kFloat32, std::vector<int64_t>{channels});
  int64_t per_channel = weights->element_count() / std::max<int64_t>(1, channels);
  for (int64_t channel = 0; channel < channels; ++channel) {
    float multiplier = parameters[0]->floats()[channel] /
                       std::sqrt(parameters[3]->floats()[channel] + epsilon);
    float* channel_weights = new_weights->floats() + channel * per_channel;
    for (int64_t offset = 0; offset < per_channel; ++offset) channel_weights[offset] *= multiplier;
    float old_bias = bias ? bias->floats()[channel] : 0.0f;
    new_bias->floats()[channel] =
        (old_bias - parameters[2]->floats()[channel]) * multiplier + parameters[1]->floats()[channel];
  }
  auto add_constant = [&](std::string name, std::shared_ptr<const Tensor> tensor) {
    Value value;
    value.name = std::move(name);
    value.type = ElementType::kFloat32;
    value.constant = std::move(tensor);
    graph->values.push_back(std::move(value));
    return static_cast<int>(graph->values.size() - 1);
  };
  conv.inputs.resize(3);
  conv.inputs[1] = add_constant(conv.name + "/folded_weights", std::move(new_weights));
  conv.inputs[2] = add_constant(conv.name + "/folded_bias", std::move(new_bias));
  ReplaceValue(graph, norm.outputs[0], conv.outputs[0]);
  RemoveNode(graph, reader, removed);
  return true;
}

bool FuseRelu(Graph* graph, size_t index, const std::vector<int>& readers,
              std::vector<bool>* removed) {
  Node& producer = graph->nodes[index];
  if ((producer.op_type != "Gemm" && producer.op_type != "MatMul" && producer.op_type != "Conv" &&
       producer.op_type != "ConvTranspose") ||
      producer.activation != Activation::kNone) {
    return false;
  }
  int reader = SoleReader(*graph, producer.outputs[0], readers);
  if (reader < 0 || graph->nodes[reader].op_type != "Relu") return false;
  producer.activation = Activation::kRelu;
  ReplaceValue(graph, graph->nodes[reader].outputs[0], producer.outputs[0]);
  RemoveNode(graph, reader, removed);
  return true;
}

void Fuse(Graph* graph) {
  std::vector<bool> removed(graph->nodes.size(), false);
  for (size_t index = 0; index < graph->nodes.size(); ++index) {
    if (removed[index]) continue;
    // Readers are recounted after each fusion: fusing rewires consumers.
    FuseMatMulBias(graph, index, CountReaders(*graph), &removed);
    FoldBatchNormalization(graph, index, CountReaders(*graph), &removed);
    FuseRelu(graph, index, CountReaders(*graph), &removed);
  }
  std::vector<Node> kept;
  for (size_t index = 0; index < graph->nodes.size(); ++index) {
    if (!removed[index]) kept.push_back(std::move(graph->nodes[index]));
  }
  graph->nodes = std::move(kept);
}

void RemoveDeadNodes(Graph* graph) {
  std::vector<bool> live(graph->values.size(), false);
  for (int id : graph->outputs) live[id] = true;
  std::vector<bool> keep(graph->nodes.size(), false);
  for (size_t index = graph->nodes.size(); index-- > 0;) {
    const Node& node = graph->nodes[index];
    keep[index] = std::any_of(node.outputs.begin(), node.outputs.end(),
                              [&](int id) { return live[id]; });
    if (!keep[index]) continue;
    for (int id : node.inputs) {
      if (id != kNoValue) live[id] = true;
    }
  }
  std::vector<Node> kept;
  for (size_t index = 0; index < graph->nodes.size(); ++index) {
    if (keep[index]) kept.push_back(std::move(graph->nodes[index]));
  }
  graph->nodes = std::move(kept);
}

}  // namespace

Status OptimizeGraph(Graph* graph) {
  DQ_RETURN_IF_ERROR(FoldConstants(graph));
  RemoveIdentities(graph);
  FuseLayerNormalization(graph);
  Fuse(graph);
  RemoveDeadNodes(graph);
  return Status::OK();
}

}  // namespace dq::ml
