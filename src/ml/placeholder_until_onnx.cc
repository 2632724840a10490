// TEMPORARY: link-time stand-ins for the src/ml API (model.h, tensor.h) until the `onnx`
// branch's implementation is merged; this file is deleted by that merge. Model::Load always
// fails, so CREATE MODEL reports every file as invalid.
#include "ml/model.h"

namespace dq::ml {

std::string_view ElementTypeName(ElementType type) {
  return type == ElementType::kFloat32 ? "FLOAT32" : "INT64";
}

std::string ShapeToString(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t index = 0; index < shape.size(); ++index) {
    text += (index > 0 ? ", " : "") + std::to_string(shape[index]);
  }
  return text + "]";
}

int64_t ShapeElementCount(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (int64_t dimension : shape) count *= dimension;
  return count;
}

Tensor::Tensor(ElementType type, std::vector<int64_t> shape) { Reset(type, std::move(shape)); }

void Tensor::Reset(ElementType type, std::vector<int64_t> shape) {
  type_ = type;
  shape_ = std::move(shape);
  element_count_ = ShapeElementCount(shape_);
  if (type_ == ElementType::kFloat32) {
    floats_.assign(element_count_, 0.0f);
  } else {
    int64s_.assign(element_count_, 0);
  }
}

float* Tensor::floats() { return floats_.data(); }
const float* Tensor::floats() const { return floats_.data(); }
int64_t* Tensor::int64s() { return int64s_.data(); }
const int64_t* Tensor::int64s() const { return int64s_.data(); }

Result<std::shared_ptr<const Model>> Model::Load(std::string_view onnx_bytes) {
  return Status::InvalidInput("Invalid model file: the ONNX importer is not built yet");
}

Model::Model(std::shared_ptr<const Plan> plan) : plan_(std::move(plan)) {}
Model::~Model() = default;

std::unique_ptr<ModelSession> Model::NewSession() const {
  return std::make_unique<ModelSession>(*this, plan_);
}

std::string Model::Describe() const { return ""; }
size_t Model::step_count() const { return 0; }

struct ModelSession::State {};

ModelSession::ModelSession(const Model& model, std::shared_ptr<const Plan> plan)
    : plan_(std::move(plan)) {}
ModelSession::~ModelSession() = default;

Status ModelSession::Run(const std::vector<Tensor>& inputs, std::vector<Tensor>* outputs) {
  return Status::NotSupported("ONNX inference is not built yet");
}

}  // namespace dq::ml
