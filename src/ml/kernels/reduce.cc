// ReduceMean and ReduceSum over a contiguous run of axes (what exporters emit for mean
// pooling and layer-norm decompositions). Axes come from the `axes` attribute, or for
// ReduceSum from opset 13 from a second input that must be known at planning time.
// Reducing non-adjacent axes is reported as unsupported at load.
#include <algorithm>
#include <span>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

// [outer, extent, inner] of the reduced run of axes.
struct ReduceLayout {
  int64_t outer = 1, extent = 1, inner = 1;
};

Status ReadAxes(InferContext& context, std::vector<int64_t>* axes) {
  const Node& node = context.node();
  if (node.op_type == "ReduceSum" && node.opset >= 13) {
    if (context.has_input(1)) {
      const Tensor* known = context.known_input(1);
      if (!known) return context.Error("axes must be a constant");
      *axes = ToInt64Vector(*known);
    }
  } else {
    auto attribute = node.GetInts("axes");
    axes->assign(attribute.begin(), attribute.end());
  }
  return Status::OK();
}

Status InferReduce(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  const auto& shape = context.input_shape(0);
  std::vector<int64_t> axes;
  DQ_RETURN_IF_ERROR(ReadAxes(context, &axes));
  int64_t rank = shape.size();
  if (axes.empty()) {
    if (context.node().GetInt("noop_with_empty_axes", 0) != 0) {
      return context.Error("noop_with_empty_axes is not supported");
    }
    for (int64_t axis = 0; axis < rank; ++axis) axes.push_back(axis);
  }
  for (int64_t& axis : axes) {
    if (!NormalizeAxis(axis, rank, &axis)) return context.Error("axis out of range");
  }
  std::sort(axes.begin(), axes.end());
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  if (axes.back() - axes.front() + 1 != static_cast<int64_t>(axes.size())) {
    return context.Error("reducing non-adjacent axes is not supported");
  }
  bool keep_dims = context.node().GetInt("keepdims", 1) != 0;
  std::vector<int64_t> out_shape;
  for (int64_t axis = 0; axis < rank; ++axis) {
    bool reduced = axis >= axes.front() && axis <= axes.back();
    if (!reduced) {
      out_shape.push_back(shape[axis]);
    } else if (keep_dims) {
      out_shape.push_back(1);
    }
  }
  context.SetOutput(0, ElementType::kFloat32, out_shape);
  return Status::OK();
}

template <bool kMean>
void RunReduce(const RunContext& context) {
  const Tensor& x = context.input(0);
  const auto& shape = x.shape();
  int64_t rank = shape.size();
  // The axes as a view (attribute or constant input): no allocation per batch.
  std::span<const int64_t> axes = context.node.GetInts("axes");
  if (context.node.op_type == "ReduceSum" && context.node.opset >= 13) {
    axes = context.has_input(1) ? std::span<const int64_t>(context.input(1).int64s(),
                                                           context.input(1).element_count())
                                : std::span<const int64_t>();
  }
  int64_t first = axes.empty() ? 0 : rank;
  int64_t last = axes.empty() ? rank - 1 : -1;
  for (int64_t axis : axes) {
    NormalizeAxis(axis, rank, &axis);
    first = std::min(first, axis);
    last = std::max(last, axis);
  }
  int64_t outer = 1, extent = 1, inner = 1;
  for (int64_t axis = 0; axis < rank; ++axis) {
    (axis < first ? outer : axis <= last ? extent : inner) *= shape[axis];
  }
  if (extent == 0) return;
  const float* in = x.floats();
  float* result = context.output(0).floats();
  const float scale = kMean ? 1.0f / static_cast<float>(extent) : 1.0f;
  if (inner == 1) {  // the last axes (layer-norm statistics): one contiguous run per output
    for (int64_t block = 0; block < outer; ++block) {
      const float* source = in + block * extent;
      float sum = 0;
      for (int64_t step = 0; step < extent; ++step) sum += source[step];
      result[block] = sum * scale;
    }
    return;
  }
  for (int64_t block = 0; block < outer; ++block) {
    float* target = result + block * inner;
    for (int64_t index = 0; index < inner; ++index) target[index] = 0;
    for (int64_t step = 0; step < extent; ++step) {
      const float* source = in + (block * extent + step) * inner;
      for (int64_t index = 0; index < inner; ++index) target[index] += source[index];
    }
    if constexpr (kMean) {
      for (int64_t index = 0; index < inner; ++index) target[index] *= scale;
    }
  }
}

const OpKernel kReduceKernels[] = {
    {"ReduceMean", InferReduce, RunReduce<true>},
    {"ReduceSum", InferReduce, RunReduce<false>},
};

}  // namespace

std::span<const OpKernel> ReduceKernels() { return kReduceKernels; }

}  // namespace dq::ml
