// TopK: the k largest (or smallest) elements along an axis and their positions, as
// classification heads export a top-5. k comes from the `k` input (opset 10+), known when the
// model is planned, or the attribute (opset 1-9). Equal values keep their order (the lower
// index first), as ONNX specifies; sorted = 0 is served sorted too (any order is allowed).
#include <algorithm>
#include <numeric>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

int64_t ReadK(const InferContext& context) {
  if (context.node().opset < 10) return context.node().GetInt("k", -1);
  const Tensor* k = context.known_input(1);
  if (!k || k->element_count() != 1 || k->type() != ElementType::kInt64) return -2;
  return k->int64s()[0];
}

Status InferTopK(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const std::vector<int64_t>& shape = context.input_shape(0);
  int64_t axis = context.node().GetInt("axis", -1);
  if (!NormalizeAxis(axis, static_cast<int64_t>(shape.size()), &axis)) {
    return context.Error("axis out of range for shape " + ShapeToString(shape));
  }
  const int64_t k = ReadK(context);
  if (k == -2) return context.Error("k must be a one-value INT64 known when the model is planned");
  if (k < 0 || k > shape[axis]) {
    return context.Error("k = " + std::to_string(k) + " is outside [0, " +
                         std::to_string(shape[axis]) + "]");
  }
  std::vector<int64_t> out_shape = shape;
  out_shape[axis] = k;
  context.SetOutput(0, context.input(0).type, out_shape);
  if (context.node().outputs.size() > 1) context.SetOutput(1, ElementType::kInt64, out_shape);
  // Scratch for one slice's positions (as floats: exact below 2^24).
  context.RequestScratch(shape[axis]);
  return Status::OK();
}

template <typename T>
void SelectTopK(const T* in, int64_t outer, int64_t extent, int64_t inner, int64_t k,
                bool largest, float* scratch, T* values, int64_t* indices) {
  // Positions as integers in the scratch's storage (float-sized slots hold int32 positions).
  auto* order = reinterpret_cast<int32_t*>(scratch);
  for (int64_t block = 0; block < outer; ++block) {
    for (int64_t lane = 0; lane < inner; ++lane) {
      const T* slice = in + block * extent * inner + lane;
      std::iota(order, order + extent, 0);
      auto before = [&](int32_t a, int32_t b) {
        const T left = slice[a * inner], right = slice[b * inner];
        if (left != right) return largest ? left > right : left < right;
        return a < b;
      };
      std::partial_sort(order, order + k, order + extent, before);
      for (int64_t rank = 0; rank < k; ++rank) {
        const int64_t target = (block * k + rank) * inner + lane;
        values[target] = slice[order[rank] * inner];
        if (indices) indices[target] = order[rank];
      }
    }
  }
}

void RunTopK(const RunContext& context) {
  const Tensor& x = context.input(0);
  Tensor& values = context.output(0);
  int64_t* indices = context.node.outputs.size() > 1 ? context.output(1).int64s() : nullptr;
  const auto& shape = x.shape();
  int64_t axis = context.node.GetInt("axis", -1);
  NormalizeAxis(axis, static_cast<int64_t>(shape.size()), &axis);
  int64_t outer = 1, inner = 1;
  for (int64_t dim = 0; dim < axis; ++dim) outer *= shape[dim];
  for (size_t dim = axis + 1; dim < shape.size(); ++dim) inner *= shape[dim];
  const int64_t k = values.shape()[axis];
  const bool largest = context.node.GetInt("largest", 1) != 0;
  if (x.type() == ElementType::kFloat32) {
    SelectTopK(x.floats(), outer, shape[axis], inner, k, largest, context.scratch,
               values.floats(), indices);
  } else {
    SelectTopK(x.int64s(), outer, shape[axis], inner, k, largest, context.scratch,
               values.int64s(), indices);
  }
}

const OpKernel kTopKKernels[] = {
    {"TopK", InferTopK, RunTopK},
};

}  // namespace

std::span<const OpKernel> TopKKernels() { return kTopKKernels; }

}  // namespace dq::ml
