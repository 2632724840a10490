#include "ml/graph_optimizer.h"

#include <algorithm>

#include "ml/execution_plan.h"

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

void RemoveIdentities(Graph* graph) {
  std::vector<Node> kept;
  for (Node& node : graph->nodes) {
    if ((node.op_type == "Identity" || node.op_type == "Dropout") && node.outputs.size() == 1 &&
        node.inputs.size() >= 1 && node.inputs[0] != kNoValue) {
      ReplaceValue(graph, node.outputs[0], node.inputs[0]);
      continue;
    }
    kept.push_back(std::move(node));
  }
  graph->nodes = std::move(kept);
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
  (*removed)[reader] = true;
  return true;
}

bool FuseRelu(Graph* graph, size_t index, const std::vector<int>& readers,
              std::vector<bool>* removed) {
  Node& producer = graph->nodes[index];
  if ((producer.op_type != "Gemm" && producer.op_type != "MatMul" && producer.op_type != "Conv") ||
      producer.activation != Activation::kNone) {
    return false;
  }
  int reader = SoleReader(*graph, producer.outputs[0], readers);
  if (reader < 0 || graph->nodes[reader].op_type != "Relu") return false;
  producer.activation = Activation::kRelu;
  ReplaceValue(graph, graph->nodes[reader].outputs[0], producer.outputs[0]);
  (*removed)[reader] = true;
  return true;
}

void Fuse(Graph* graph) {
  std::vector<bool> removed(graph->nodes.size(), false);
  for (size_t index = 0; index < graph->nodes.size(); ++index) {
    if (removed[index]) continue;
    // Readers are recounted after each fusion: fusing rewires consumers.
    FuseMatMulBias(graph, index, CountReaders(*graph), &removed);
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
  Fuse(graph);
  RemoveDeadNodes(graph);
  return Status::OK();
}

}  // namespace dq::ml
