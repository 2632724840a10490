#include "ml/kernel.h"

#include <algorithm>

namespace dq::ml {

void InferContext::SetKnownOutput(size_t index, Tensor value) {
  outputs_[index] = TensorMeta{value.type(), value.shape()};
  known_outputs_[index] = std::make_unique<Tensor>(std::move(value));
}

Status InferContext::Error(const std::string& message) const {
  return NodeError(node_, message);
}

Status NodeError(const Node& node, const std::string& message) {
  return Status::InvalidInput("Invalid model: " + node.Label() + ": " + message);
}

Status InferContext::ExpectInput(size_t index, ElementType type) const {
  if (!has_input(index)) return Error("missing input " + std::to_string(index));
  if (input(index).type != type) {
    return Error("input " + std::to_string(index) + " has type " +
                 std::string(ElementTypeName(input(index).type)) + ", expected " +
                 std::string(ElementTypeName(type)));
  }
  return Status::OK();
}

Status PrepareNode(Node* node) {
  DQ_CHECK(node->kernel != nullptr);
  if (node->kernel->prepare == nullptr) return Status::OK();
  return node->kernel->prepare(*node);
}

OutputLabels NodeOutputLabels(const Node& node, size_t index) {
  if (node.kernel == nullptr || node.kernel->output_labels == nullptr) return OutputLabels();
  return node.kernel->output_labels(node, index);
}

void RunContext::Fail(const std::string& message) const {
  if (status->ok()) {
    *status = Status::InvalidInput("Model input error in " + node.Label() + ": " + message);
  }
}

bool NormalizeAxis(int64_t axis, int64_t rank, int64_t* normalized) {
  if (axis < -rank || axis >= rank) return false;
  *normalized = axis < 0 ? axis + rank : axis;
  return true;
}

bool BroadcastShapes(const std::vector<int64_t>& a, const std::vector<int64_t>& b,
                     std::vector<int64_t>* result) {
  size_t rank = std::max(a.size(), b.size());
  result->assign(rank, 1);
  for (size_t axis = 0; axis < rank; ++axis) {
    int64_t dim_a = axis < rank - a.size() ? 1 : a[axis - (rank - a.size())];
    int64_t dim_b = axis < rank - b.size() ? 1 : b[axis - (rank - b.size())];
    if (dim_a != dim_b && dim_a != 1 && dim_b != 1) return false;
    (*result)[axis] = dim_a == 1 ? dim_b : dim_a;
  }
  return true;
}

std::vector<int64_t> ToInt64Vector(const Tensor& tensor) {
  if (tensor.type() == ElementType::kInt64) {
    return std::vector<int64_t>(tensor.int64s(), tensor.int64s() + tensor.element_count());
  }
  std::vector<int64_t> values;
  for (int64_t index = 0; index < tensor.element_count(); ++index) {
    values.push_back(static_cast<int64_t>(tensor.floats()[index]));
  }
  return values;
}

}  // namespace dq::ml
