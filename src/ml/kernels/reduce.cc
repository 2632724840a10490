// ReduceMean, ReduceSum, ReduceMax, ReduceMin, ReduceProd, ReduceSumSquare, ReduceL1 and
// ReduceL2 over a contiguous run of axes (what exporters emit for mean/max pooling, layer-norm
// decompositions and F.normalize). Axes come from the `axes` attribute, or (ReduceSum from
// opset 13, all from opset 18) from a second input that must be known at planning time.
// Reducing non-adjacent axes is reported as unsupported at load. ArgMax and ArgMin (one axis,
// keepdims, select_last_index) return INT64 positions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

// [outer, extent, inner] of the reduced run of axes.
struct ReduceLayout {
  int64_t outer = 1, extent = 1, inner = 1;
};

// Whether the node takes its axes from input 1 (ReduceSum from opset 13, every reduction from
// 18) rather than the `axes` attribute.
bool AxesFromInput(const Node& node) {
  return node.opset >= 18 || (node.op_type == "ReduceSum" && node.opset >= 13);
}

Status ReadAxes(InferContext& context, std::vector<int64_t>* axes) {
  const Node& node = context.node();
  if (AxesFromInput(node)) {
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

enum class Reduction { kMean, kSum, kMax, kMin, kProd, kSumSquare, kL1, kL2 };

template <Reduction kReduction>
float Initial() {
  if constexpr (kReduction == Reduction::kMax) return -std::numeric_limits<float>::infinity();
  if constexpr (kReduction == Reduction::kMin) return std::numeric_limits<float>::infinity();
  if constexpr (kReduction == Reduction::kProd) return 1.0f;
  return 0.0f;
}

// Folds one input value into the accumulator.
template <Reduction kReduction>
float Combine(float accumulated, float value) {
  if constexpr (kReduction == Reduction::kMax) return std::max(accumulated, value);
  if constexpr (kReduction == Reduction::kMin) return std::min(accumulated, value);
  if constexpr (kReduction == Reduction::kProd) return accumulated * value;
  if constexpr (kReduction == Reduction::kSumSquare || kReduction == Reduction::kL2) {
    return accumulated + value * value;
  }
  if constexpr (kReduction == Reduction::kL1) return accumulated + std::fabs(value);
  return accumulated + value;
}

// The result from the accumulator over `extent` values.
template <Reduction kReduction>
float Finish(float accumulated, float inverse_extent) {
  if constexpr (kReduction == Reduction::kMean) return accumulated * inverse_extent;
  if constexpr (kReduction == Reduction::kL2) return std::sqrt(accumulated);
  return accumulated;
}

template <Reduction kReduction>
void RunReduce(const RunContext& context) {
  const Tensor& x = context.input(0);
  const auto& shape = x.shape();
  int64_t rank = shape.size();
  // The axes as a view (attribute or constant input): no allocation per batch.
  std::span<const int64_t> axes = context.node.GetInts("axes");
  if (AxesFromInput(context.node)) {
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
  const float inverse_extent = 1.0f / static_cast<float>(extent);
  if (inner == 1) {  // the last axes (layer-norm statistics): one contiguous run per output
    for (int64_t block = 0; block < outer; ++block) {
      const float* source = in + block * extent;
      float sum = Initial<kReduction>();
      for (int64_t step = 0; step < extent; ++step) sum = Combine<kReduction>(sum, source[step]);
      result[block] = Finish<kReduction>(sum, inverse_extent);
    }
    return;
  }
  for (int64_t block = 0; block < outer; ++block) {
    float* target = result + block * inner;
    for (int64_t index = 0; index < inner; ++index) target[index] = Initial<kReduction>();
    for (int64_t step = 0; step < extent; ++step) {
      const float* source = in + (block * extent + step) * inner;
      for (int64_t index = 0; index < inner; ++index) {
        target[index] = Combine<kReduction>(target[index], source[index]);
      }
    }
    for (int64_t index = 0; index < inner; ++index) {
      target[index] = Finish<kReduction>(target[index], inverse_extent);
    }
  }
}

// ArgMax / ArgMin: [outer, extent, inner] around `axis`; ties go to the first position, or
// the last with select_last_index.
Status InferArgReduce(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const auto& shape = context.input_shape(0);
  int64_t axis = context.node().GetInt("axis", 0);
  if (!NormalizeAxis(axis, static_cast<int64_t>(shape.size()), &axis)) {
    return context.Error("axis out of range for shape " + ShapeToString(shape));
  }
  if (shape[axis] == 0) return context.Error("cannot take the position over an empty axis");
  std::vector<int64_t> out_shape = shape;
  if (context.node().GetInt("keepdims", 1) != 0) {
    out_shape[axis] = 1;
  } else {
    out_shape.erase(out_shape.begin() + axis);
  }
  context.SetOutput(0, ElementType::kInt64, out_shape);
  return Status::OK();
}

template <bool kMax, typename T>
void ArgReduce(const T* in, int64_t outer, int64_t extent, int64_t inner, bool last,
               int64_t* out) {
  for (int64_t block = 0; block < outer; ++block) {
    for (int64_t index = 0; index < inner; ++index) {
      const T* source = in + block * extent * inner + index;
      T best = source[0];
      int64_t position = 0;
      for (int64_t step = 1; step < extent; ++step) {
        T value = source[step * inner];
        bool better = kMax ? (value > best || (last && value == best))
                           : (value < best || (last && value == best));
        if (better) {
          best = value;
          position = step;
        }
      }
      out[block * inner + index] = position;
    }
  }
}

template <bool kMax>
void RunArgReduce(const RunContext& context) {
  const Tensor& x = context.input(0);
  const auto& shape = x.shape();
  int64_t axis = context.node.GetInt("axis", 0);
  NormalizeAxis(axis, static_cast<int64_t>(shape.size()), &axis);
  int64_t outer = 1, inner = 1;
  for (int64_t index = 0; index < axis; ++index) outer *= shape[index];
  for (size_t index = axis + 1; index < shape.size(); ++index) inner *= shape[index];
  const bool last = context.node.GetInt("select_last_index", 0) != 0;
  int64_t* out = context.output(0).int64s();
  if (x.type() == ElementType::kFloat32) {
    ArgReduce<kMax>(x.floats(), outer, shape[axis], inner, last, out);
  } else {
    ArgReduce<kMax>(x.int64s(), outer, shape[axis], inner, last, out);
  }
}

const OpKernel kReduceKernels[] = {
    {"ReduceMean", InferReduce, RunReduce<Reduction::kMean>},
    {"ReduceSum", InferReduce, RunReduce<Reduction::kSum>},
    {"ReduceMax", InferReduce, RunReduce<Reduction::kMax>},
    {"ReduceMin", InferReduce, RunReduce<Reduction::kMin>},
    {"ReduceProd", InferReduce, RunReduce<Reduction::kProd>},
    {"ReduceSumSquare", InferReduce, RunReduce<Reduction::kSumSquare>},
    {"ReduceL1", InferReduce, RunReduce<Reduction::kL1>},
    {"ReduceL2", InferReduce, RunReduce<Reduction::kL2>},
    {"ArgMax", InferArgReduce, RunArgReduce<true>},
    {"ArgMin", InferArgReduce, RunArgReduce<false>},
};

}  // namespace

std::span<const OpKernel> ReduceKernels() { return kReduceKernels; }

}  // namespace dq::ml
