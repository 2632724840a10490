#include "ml/layer_norm_fusion.h"

#include <algorithm>
#include <vector>

#include "ml/kernel.h"

namespace dq::ml {
namespace {

class Matcher {
 public:
  explicit Matcher(Graph* graph) : graph_(*graph) {
    readers_.assign(graph_.values.size(), {});
    for (size_t index = 0; index < graph_.nodes.size(); ++index) {
      for (int id : graph_.nodes[index].inputs) {
        if (id != kNoValue) readers_[id].push_back(static_cast<int>(index));
      }
    }
    for (int id : graph_.outputs) is_output_.push_back(id);
  }

  // The node reading value `id` when it is the only reader and `id` is internal, else -1.
  int SoleReader(int id, std::string_view op_type) const {
    if (readers_[id].size() != 1 || IsOutput(id)) return -1;
    int reader = readers_[id][0];
    return graph_.nodes[reader].op_type == op_type ? reader : -1;
  }
  const std::vector<int>& Readers(int id) const { return readers_[id]; }
  bool IsOutput(int id) const {
    return std::find(is_output_.begin(), is_output_.end(), id) != is_output_.end();
  }
  const Tensor* Constant(int id) const {
    return id == kNoValue ? nullptr : graph_.values[id].constant.get();
  }
  // The input of a binary node that is not `id`.
  int Other(const Node& node, int id) const {
    if (node.inputs.size() != 2) return kNoValue;
    return node.inputs[0] == id ? node.inputs[1] : node.inputs[0];
  }

 private:
  Graph& graph_;
  std::vector<std::vector<int>> readers_;
  std::vector<int> is_output_;
};

bool IsLastAxisMean(const Node& node) {
  if (node.op_type != "ReduceMean" || node.GetInt("keepdims", 1) != 1) return false;
  auto axes = node.GetInts("axes");
  return axes.size() == 1 && axes[0] == -1;
}

bool IsScalarConstant(const Tensor* tensor, float* value) {
  if (!tensor || tensor->type() != ElementType::kFloat32 || tensor->element_count() != 1) {
    return false;
  }
  *value = tensor->floats()[0];
  return true;
}

bool IsVector(const Tensor* tensor) {
  return tensor && tensor->type() == ElementType::kFloat32 && tensor->shape().size() == 1;
}

}  // namespace

int FuseLayerNormalization(Graph* graph) {
  int fused = 0;
  std::vector<bool> removed(graph->nodes.size(), false);
  Matcher match(graph);
  for (size_t index = 0; index < graph->nodes.size(); ++index) {
    Node& mean = graph->nodes[index];
    if (removed[index] || !IsLastAxisMean(mean) || mean.inputs.size() != 1) continue;
    int x = mean.inputs[0];
    int sub = match.SoleReader(mean.outputs[0], "Sub");
    if (sub < 0 || graph->nodes[sub].inputs != std::vector<int>{x, mean.outputs[0]}) continue;
    int d = graph->nodes[sub].outputs[0];
    const std::vector<int>& d_readers = match.Readers(d);
    if (d_readers.size() != 2 || match.IsOutput(d)) continue;
    int pow = graph->nodes[d_readers[0]].op_type == "Pow" ? d_readers[0] : d_readers[1];
    int div = pow == d_readers[0] ? d_readers[1] : d_readers[0];
    float exponent = 0;
    if (graph->nodes[pow].op_type != "Pow" || graph->nodes[div].op_type != "Div" ||
        graph->nodes[pow].inputs.size() != 2 || graph->nodes[pow].inputs[0] != d ||
        !IsScalarConstant(match.Constant(graph->nodes[pow].inputs[1]), &exponent) ||
        exponent != 2.0f || graph->nodes[div].inputs.size() != 2 ||
        graph->nodes[div].inputs[0] != d) {
      continue;
    }
    int variance = match.SoleReader(graph->nodes[pow].outputs[0], "ReduceMean");
    if (variance < 0 || !IsLastAxisMean(graph->nodes[variance])) continue;
    int add_eps = match.SoleReader(graph->nodes[variance].outputs[0], "Add");
    float epsilon = 0;
    if (add_eps < 0 ||
        !IsScalarConstant(match.Constant(match.Other(graph->nodes[add_eps],
                                                     graph->nodes[variance].outputs[0])),
                          &epsilon)) {
      continue;
    }
    int sqrt = match.SoleReader(graph->nodes[add_eps].outputs[0], "Sqrt");
    if (sqrt < 0 || match.SoleReader(graph->nodes[sqrt].outputs[0], "Div") != div ||
        graph->nodes[div].inputs[1] != graph->nodes[sqrt].outputs[0]) {
      continue;
    }
    int mul = match.SoleReader(graph->nodes[div].outputs[0], "Mul");
    if (mul < 0) continue;
    int gamma = match.Other(graph->nodes[mul], graph->nodes[div].outputs[0]);
    int add_beta = match.SoleReader(graph->nodes[mul].outputs[0], "Add");
    if (add_beta < 0) continue;
    int beta = match.Other(graph->nodes[add_beta], graph->nodes[mul].outputs[0]);
    const Tensor* gamma_tensor = match.Constant(gamma);
    const Tensor* beta_tensor = match.Constant(beta);
    if (!IsVector(gamma_tensor) || !IsVector(beta_tensor) ||
        gamma_tensor->shape() != beta_tensor->shape()) {
      continue;
    }
    // The first node of the pattern becomes the LayerNormalization; the others go.
    Node& norm = mean;
    norm.op_type = "LayerNormalization";
    norm.kernel = FindKernel("LayerNormalization");
    norm.attributes.clear();
    norm.attributes["axis"].kind = Attribute::Kind::kInt;
    norm.attributes["axis"].int_value = -1;
    norm.attributes["epsilon"].kind = Attribute::Kind::kFloat;
    norm.attributes["epsilon"].float_value = epsilon;
    norm.inputs = {x, gamma, beta};
    norm.outputs = {graph->nodes[add_beta].outputs[0]};
    for (int node : {sub, pow, div, variance, add_eps, sqrt, mul, add_beta}) {
      removed[node] = true;
    }
    ++fused;
  }
  std::vector<Node> kept;
  for (size_t index = 0; index < graph->nodes.size(); ++index) {
    if (!removed[index]) kept.push_back(std::move(graph->nodes[index]));
  }
  graph->nodes = std::move(kept);
  return fused;
}

}  // namespace dq::ml
