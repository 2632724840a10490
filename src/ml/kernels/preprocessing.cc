// Feature transforms of the ai.onnx.ml domain, as scikit-learn pipelines export them. Inputs
// are FLOAT or INT64 (INT64 converted to float where the output is FLOAT).
//
// Scaler                 Y FLOAT = (X - offset) * scale; offset and scale hold 1 value or one
//                        per element of the last axis (absent: 0 and 1).
// Normalizer             Y FLOAT: each row (last axis) divided by its norm: MAX = max |x|,
//                        L1 = sum |x|, L2 = sqrt(sum x^2); a row of zeros stays zero. As
//                        scikit-learn's Normalizer and the onnx reference (the spec's formulas
//                        omit the absolute values).
// Binarizer              Y = 1 where X > threshold, else 0, of X's type.
// OneHotEncoder          Y FLOAT = X's shape + [C]: 1 at the position of X's value in
//                        cats_int64s (FLOAT X is truncated to INT64 first, as ONNX Runtime);
//                        a value that is no category is all zeros, or an error if zeros = 0.
//                        cats_strings needs STRING inputs, which our tensors do not hold: the
//                        import fails naming the node.
// ArrayFeatureExtractor  Y = X[..., indices] (indices: an INT64 input, normally an
//                        initializer); a 1-D X gives [1, count]. An index out of range is an
//                        error (at planning when the indices are known, else at run).
#include <cmath>
#include <memory>
#include <unordered_map>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

// Element `index` of a FLOAT or INT64 tensor as double.
inline double ValueAt(const Tensor& tensor, int64_t index) {
  return tensor.type() == ElementType::kFloat32 ? tensor.floats()[index]
                                                : static_cast<double>(tensor.int64s()[index]);
}

int64_t LastAxis(const std::vector<int64_t>& shape) { return shape.empty() ? 1 : shape.back(); }

// --- Scaler ---

Status InferScaler(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input X");
  const auto& shape = context.input_shape(0);
  int64_t width = LastAxis(shape);
  for (std::string_view name : {"offset", "scale"}) {
    size_t size = context.node().GetFloats(name).size();
    if (size > 1 && static_cast<int64_t>(size) != width) {
      return context.Error(std::string(name) + " has " + std::to_string(size) +
                           " values, but X's last axis has " + std::to_string(width));
    }
  }
  context.SetOutput(0, ElementType::kFloat32, shape);
  return Status::OK();
}

void RunScaler(const RunContext& context) {
  const Tensor& input = context.input(0);
  auto offset = context.node.GetFloats("offset");
  auto scale = context.node.GetFloats("scale");
  const int64_t width = LastAxis(input.shape());
  float* output = context.output(0).floats();
  for (int64_t index = 0; index < input.element_count(); ++index) {
    int64_t column = width > 0 ? index % width : 0;
    double shift = offset.empty() ? 0.0 : offset[offset.size() == 1 ? 0 : column];
    double factor = scale.empty() ? 1.0 : scale[scale.size() == 1 ? 0 : column];
    output[index] = static_cast<float>((ValueAt(input, index) - shift) * factor);
  }
}

// --- Normalizer ---

enum class Norm : uint8_t { kMax, kL1, kL2 };

bool ReadNorm(const Node& node, Norm* norm) {
  std::string_view name = node.GetString("norm", "MAX");
  if (name == "MAX")
    *norm = Norm::kMax;
  else if (name == "L1")
    *norm = Norm::kL1;
  else if (name == "L2")
    *norm = Norm::kL2;
  else
    return false;
  return true;
}

Status InferNormalizer(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input X");
  Norm norm;
  if (!ReadNorm(context.node(), &norm)) {
    return context.Error("unknown norm '" + std::string(context.node().GetString("norm", "")) +
                         "' (expected MAX, L1 or L2)");
  }
  context.SetOutput(0, ElementType::kFloat32, context.input_shape(0));
  return Status::OK();
}

void RunNormalizer(const RunContext& context) {
  const Tensor& input = context.input(0);
  Norm norm = Norm::kMax;
  ReadNorm(context.node, &norm);
  const int64_t width = LastAxis(input.shape());
  float* output = context.output(0).floats();
  for (int64_t first = 0; width > 0 && first < input.element_count(); first += width) {
    double total = 0;
    for (int64_t column = 0; column < width; ++column) {
      double value = ValueAt(input, first + column);
      if (norm == Norm::kMax) total = std::max(total, std::fabs(value));
      if (norm == Norm::kL1) total += std::fabs(value);
      if (norm == Norm::kL2) total += value * value;
    }
    if (norm == Norm::kL2) total = std::sqrt(total);
    for (int64_t column = 0; column < width; ++column) {
      double value = ValueAt(input, first + column);
      output[first + column] = static_cast<float>(total == 0 ? value : value / total);
    }
  }
}

// --- Binarizer ---

Status InferBinarizer(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input X");
  context.SetOutput(0, context.input(0).type, context.input_shape(0));
  return Status::OK();
}

void RunBinarizer(const RunContext& context) {
  const Tensor& input = context.input(0);
  Tensor& output = context.output(0);
  const double threshold = context.node.GetFloat("threshold", 0.0f);
  for (int64_t index = 0; index < input.element_count(); ++index) {
    bool above = ValueAt(input, index) > threshold;
    if (output.type() == ElementType::kFloat32) {
      output.floats()[index] = above ? 1.0f : 0.0f;
    } else {
      output.int64s()[index] = above ? 1 : 0;
    }
  }
}

// --- OneHotEncoder ---

struct OneHotState : KernelState {
  std::unordered_map<int64_t, int64_t> position_of;  // category -> output position
  int64_t category_count = 0;
};

Status PrepareOneHot(Node& node) {
  if (!node.GetStrings("cats_strings").empty()) {
    return NodeError(node,
                     "string categories (cats_strings) are not supported: inputs are "
                     "FLOAT or INT64 tensors");
  }
  auto categories = node.GetInts("cats_int64s");
  if (categories.empty()) return NodeError(node, "cats_int64s is empty");
  auto state = std::make_shared<OneHotState>();
  for (size_t position = 0; position < categories.size(); ++position) {
    state->position_of.emplace(categories[position], static_cast<int64_t>(position));
  }
  state->category_count = categories.size();
  node.state = std::move(state);
  return Status::OK();
}

Status InferOneHot(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input X");
  const auto& state = static_cast<const OneHotState&>(*context.node().state);
  std::vector<int64_t> shape = context.input_shape(0);
  shape.push_back(state.category_count);
  context.SetOutput(0, ElementType::kFloat32, std::move(shape));
  return Status::OK();
}

void RunOneHot(const RunContext& context) {
  const auto& state = static_cast<const OneHotState&>(*context.node.state);
  const Tensor& input = context.input(0);
  Tensor& output = context.output(0);
  const bool zeros = context.node.GetInt("zeros", 1) != 0;
  std::fill(output.floats(), output.floats() + output.element_count(), 0.0f);
  for (int64_t index = 0; index < input.element_count(); ++index) {
    auto found = state.position_of.end();
    double value = ValueAt(input, index);
    if (input.type() == ElementType::kInt64) {
      found = state.position_of.find(input.int64s()[index]);
    } else if (std::isfinite(value) && std::fabs(value) < 9.2e18) {
      found = state.position_of.find(static_cast<int64_t>(value));
    }
    if (found != state.position_of.end()) {
      output.floats()[index * state.category_count + found->second] = 1.0f;
    } else if (!zeros) {
      context.Fail("value " + std::to_string(value) + " is not one of the categories (zeros=0)");
      return;
    }
  }
}

// --- ArrayFeatureExtractor ---

Status InferArrayFeatureExtractor(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input X");
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kInt64));
  std::vector<int64_t> shape = context.input_shape(0);
  const int64_t width = LastAxis(shape);
  const int64_t count = ShapeElementCount(context.input_shape(1));
  if (const Tensor* indices = context.known_input(1)) {
    for (int64_t index : Int64View(*indices)) {
      if (index < 0 || index >= width) {
        return context.Error("index " + std::to_string(index) + " is out of range for X's " +
                             std::to_string(width) + " columns");
      }
    }
  }
  if (shape.size() <= 1)
    shape = {1, count};
  else
    shape.back() = count;
  context.SetOutput(0, context.input(0).type, std::move(shape));
  return Status::OK();
}

void RunArrayFeatureExtractor(const RunContext& context) {
  const Tensor& input = context.input(0);
  std::span<const int64_t> indices = Int64View(context.input(1));
  Tensor& output = context.output(0);
  const int64_t width = LastAxis(input.shape());
  const int64_t count = indices.size();
  for (int64_t index : indices) {
    if (index < 0 || index >= width) {
      context.Fail("index " + std::to_string(index) + " is out of range for X's " +
                   std::to_string(width) + " columns");
      return;
    }
  }
  const int64_t rows = width > 0 ? input.element_count() / width : 0;
  for (int64_t row = 0; row < rows; ++row) {
    for (int64_t position = 0; position < count; ++position) {
      int64_t source = row * width + indices[position];
      if (input.type() == ElementType::kFloat32) {
        output.floats()[row * count + position] = input.floats()[source];
      } else {
        output.int64s()[row * count + position] = input.int64s()[source];
      }
    }
  }
}

const OpKernel kPreprocessingKernels[] = {
    {.op_type = "Scaler", .infer = InferScaler, .run = RunScaler, .domain = kMlDomain},
    {.op_type = "Normalizer", .infer = InferNormalizer, .run = RunNormalizer, .domain = kMlDomain},
    {.op_type = "Binarizer", .infer = InferBinarizer, .run = RunBinarizer, .domain = kMlDomain},
    {.op_type = "OneHotEncoder",
     .infer = InferOneHot,
     .run = RunOneHot,
     .domain = kMlDomain,
     .prepare = PrepareOneHot},
    {.op_type = "ArrayFeatureExtractor",
     .infer = InferArrayFeatureExtractor,
     .run = RunArrayFeatureExtractor,
     .domain = kMlDomain},
};

}  // namespace

std::span<const OpKernel> PreprocessingKernels() { return kPreprocessingKernels; }

}  // namespace dq::ml
