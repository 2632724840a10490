// Kernels over several inputs broadcast together (numpy rules, broadcast.h): Max, Min, Sum and
// Mean of one or more FLOAT inputs (INT64 too for Max, Min and Sum), and PRelu(x, slope) =
// x < 0 ? slope * x : x with the slope broadcast to x (a per-channel slope of shape [C, 1, 1]).
#include <algorithm>

#include "ml/kernels/broadcast.h"
#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

enum class Fold { kMax, kMin, kSum, kMean };

template <Fold kFold>
Status InferVariadic(InferContext& context) {
  if (context.input_count() == 0 || !context.has_input(0)) return context.Error("needs inputs");
  const ElementType type = context.input(0).type;
  if (kFold == Fold::kMean) DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  std::vector<int64_t> shape = context.input_shape(0);
  for (size_t index = 1; index < context.input_count(); ++index) {
    if (!context.has_input(index) || context.input(index).type != type) {
      return context.Error("inputs must all be present and of one type");
    }
    std::vector<int64_t> combined;
    if (!BroadcastShapes(shape, context.input_shape(index), &combined)) {
      return context.Error("shapes " + ShapeToString(shape) + " and " +
                           ShapeToString(context.input_shape(index)) + " do not broadcast");
    }
    shape = std::move(combined);
  }
  if (shape.size() > kMaxBroadcastRank) return context.Error("rank above 8 is not supported");
  context.SetOutput(0, type, shape);
  return Status::OK();
}

template <Fold kFold, typename T>
void FoldInputs(const RunContext& context, T* out, const T* (*data)(const Tensor&)) {
  Tensor& result = context.output(0);
  for (size_t input = 0; input < context.input_count; ++input) {
    const Tensor& tensor = context.input(input);
    const T* values = data(tensor);
    BroadcastVisit<1>(result.shape(), {&tensor.shape()},
                      [&](int64_t index, const std::array<int64_t, 1>& offsets) {
                        const T value = values[offsets[0]];
                        if (input == 0) {
                          out[index] = value;
                        } else if constexpr (kFold == Fold::kMax) {
                          out[index] = std::max(out[index], value);
                        } else if constexpr (kFold == Fold::kMin) {
                          out[index] = std::min(out[index], value);
                        } else {
                          out[index] += value;
                        }
                      });
  }
  if constexpr (kFold == Fold::kMean) {
    const T scale = T(1) / static_cast<T>(context.input_count);
    for (int64_t index = 0; index < result.element_count(); ++index) out[index] *= scale;
  }
}

template <Fold kFold>
void RunVariadic(const RunContext& context) {
  Tensor& result = context.output(0);
  if (result.type() == ElementType::kFloat32) {
    FoldInputs<kFold, float>(context, result.floats(),
                             [](const Tensor& tensor) { return tensor.floats(); });
  } else if constexpr (kFold != Fold::kMean) {
    FoldInputs<kFold, int64_t>(context, result.int64s(),
                               [](const Tensor& tensor) { return tensor.int64s(); });
  }
}

Status InferPRelu(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kFloat32));
  std::vector<int64_t> shape;
  if (!BroadcastShapes(context.input_shape(0), context.input_shape(1), &shape) ||
      shape != context.input_shape(0)) {
    return context.Error("slope " + ShapeToString(context.input_shape(1)) +
                         " does not broadcast to the input " +
                         ShapeToString(context.input_shape(0)));
  }
  if (shape.size() > kMaxBroadcastRank) return context.Error("rank above 8 is not supported");
  context.SetOutput(0, ElementType::kFloat32, shape);
  return Status::OK();
}

struct PReluOp {
  static float Apply(float x, float slope) { return x < 0 ? slope * x : x; }
};

void RunPRelu(const RunContext& context) {
  const Tensor& x = context.input(0);
  const Tensor& slope = context.input(1);
  Tensor& out = context.output(0);
  BroadcastBinary<PReluOp>(x.floats(), x.shape(), slope.floats(), slope.shape(), out.floats(),
                           out.shape(), out.element_count());
}

const OpKernel kVariadicKernels[] = {
    {"Max", InferVariadic<Fold::kMax>, RunVariadic<Fold::kMax>},
    {"Min", InferVariadic<Fold::kMin>, RunVariadic<Fold::kMin>},
    {"Sum", InferVariadic<Fold::kSum>, RunVariadic<Fold::kSum>},
    {"Mean", InferVariadic<Fold::kMean>, RunVariadic<Fold::kMean>},
    {"PRelu", InferPRelu, RunPRelu},
};

}  // namespace

std::span<const OpKernel> VariadicKernels() { return kVariadicKernels; }

}  // namespace dq::ml
