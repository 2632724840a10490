// Kernels that place or pick elements by index along one axis (any element type unless
// noted): GatherElements, OneHot, CumSum (FLOAT/INT64), and Trilu (the triangle masks of
// causal attention). Axes are attributes; CumSum's axis, OneHot's depth and Trilu's k are
// inputs that must be known when the model is planned.
#include <algorithm>
#include <cstring>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

// [outer, extent, inner] around `axis` of `shape`.
void AxisLayout(const std::vector<int64_t>& shape, int64_t axis, int64_t* outer, int64_t* inner) {
  *outer = 1;
  *inner = 1;
  for (int64_t dim = 0; dim < axis; ++dim) *outer *= shape[dim];
  for (size_t dim = axis + 1; dim < shape.size(); ++dim) *inner *= shape[dim];
}

// --- GatherElements: out[i][j][k] = data[i][indices[i][j][k]][k] (axis 1), indices' shape.

Status InferGatherElements(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing data");
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kInt64));
  const auto& data = context.input_shape(0);
  const auto& indices = context.input_shape(1);
  int64_t axis = context.node().GetInt("axis", 0);
  if (!NormalizeAxis(axis, static_cast<int64_t>(data.size()), &axis)) {
    return context.Error("axis out of range");
  }
  if (indices.size() != data.size()) return context.Error("indices must have the data's rank");
  for (size_t dim = 0; dim < data.size(); ++dim) {
    if (static_cast<int64_t>(dim) != axis && indices[dim] > data[dim]) {
      return context.Error("indices " + ShapeToString(indices) + " exceed the data " +
                           ShapeToString(data) + " outside the axis");
    }
  }
  context.SetOutput(0, context.input(0).type, indices);
  return Status::OK();
}

void RunGatherElements(const RunContext& context) {
  const Tensor& data = context.input(0);
  const Tensor& indices = context.input(1);
  Tensor& out = context.output(0);
  int64_t axis = context.node.GetInt("axis", 0);
  NormalizeAxis(axis, static_cast<int64_t>(data.shape().size()), &axis);
  const auto& data_shape = data.shape();
  const auto& index_shape = indices.shape();
  const size_t element = ElementSize(data.type());
  const int64_t rank = static_cast<int64_t>(data_shape.size());
  std::vector<int64_t> data_strides(rank, 1);
  for (int64_t dim = rank - 2; dim >= 0; --dim) {
    data_strides[dim] = data_strides[dim + 1] * data_shape[dim + 1];
  }
  std::vector<int64_t> position(rank, 0);
  const int64_t* index = indices.int64s();
  for (int64_t flat = 0; flat < indices.element_count(); ++flat) {
    int64_t offset = 0;
    for (int64_t dim = 0; dim < rank; ++dim) {
      int64_t coordinate = position[dim];
      if (dim == axis) {
        coordinate = index[flat];
        if (coordinate < 0) coordinate += data_shape[axis];
        if (coordinate < 0 || coordinate >= data_shape[axis]) {
          context.Fail("index " + std::to_string(index[flat]) + " is out of range for an axis of " +
                       std::to_string(data_shape[axis]));
          return;
        }
      }
      offset += coordinate * data_strides[dim];
    }
    std::memcpy(out.raw_bytes() + flat * element, data.raw_bytes() + offset * element, element);
    for (int64_t dim = rank - 1; dim >= 0; --dim) {
      if (++position[dim] < index_shape[dim]) break;
      position[dim] = 0;
    }
  }
}

// --- OneHot(indices, depth, values [off, on]): a new axis of `depth` values.

Status InferOneHot(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing indices");
  const Tensor* depth = context.known_input(1);
  if (!depth || depth->element_count() != 1) {
    return context.Error("depth must be one value known when the model is planned");
  }
  if (!context.has_input(2) || ShapeElementCount(context.input_shape(2)) != 2) {
    return context.Error("values must hold [off, on]");
  }
  const int64_t size = depth->type() == ElementType::kInt64
                           ? depth->int64s()[0]
                           : static_cast<int64_t>(depth->floats()[0]);
  if (size < 1) return context.Error("depth must be positive");
  std::vector<int64_t> shape = context.input_shape(0);
  int64_t axis = context.node().GetInt("axis", -1);
  if (!NormalizeAxis(axis, static_cast<int64_t>(shape.size()) + 1, &axis)) {
    return context.Error("axis out of range");
  }
  shape.insert(shape.begin() + axis, size);
  context.SetOutput(0, context.input(2).type, shape);
  return Status::OK();
}

void RunOneHot(const RunContext& context) {
  const Tensor& indices = context.input(0);
  const Tensor& values = context.input(2);
  Tensor& out = context.output(0);
  int64_t axis = context.node.GetInt("axis", -1);
  NormalizeAxis(axis, static_cast<int64_t>(indices.shape().size()) + 1, &axis);
  const int64_t depth = out.shape()[axis];
  int64_t outer, inner;
  AxisLayout(out.shape(), axis, &outer, &inner);
  const size_t element = ElementSize(values.type());
  const char* off = values.raw_bytes();
  const char* on = values.raw_bytes() + element;
  for (int64_t flat = 0; flat < out.element_count(); ++flat) {
    std::memcpy(out.raw_bytes() + flat * element, off, element);
  }
  for (int64_t block = 0; block < outer; ++block) {
    for (int64_t lane = 0; lane < inner; ++lane) {
      const int64_t source = block * inner + lane;
      int64_t index = indices.type() == ElementType::kInt64
                          ? indices.int64s()[source]
                          : static_cast<int64_t>(indices.floats()[source]);
      if (index < 0) index += depth;              // negative indices count from the end
      if (index < 0 || index >= depth) continue;  // out of range: all off
      std::memcpy(out.raw_bytes() + ((block * depth + index) * inner + lane) * element, on,
                  element);
    }
  }
}

// --- CumSum(x, axis): running sums along the axis; exclusive and reverse attributes.

Status InferCumSum(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const Tensor* axis = context.known_input(1);
  if (!axis || axis->element_count() != 1) {
    return context.Error("axis must be one value known when the model is planned");
  }
  int64_t normalized;
  if (!NormalizeAxis(ToInt64Vector(*axis)[0], static_cast<int64_t>(context.input_shape(0).size()),
                     &normalized)) {
    return context.Error("axis out of range");
  }
  context.SetOutput(0, context.input(0).type, context.input_shape(0));
  return Status::OK();
}

template <typename T>
void RunningSums(const T* in, T* out, int64_t outer, int64_t extent, int64_t inner, bool exclusive,
                 bool reverse) {
  for (int64_t block = 0; block < outer; ++block) {
    for (int64_t lane = 0; lane < inner; ++lane) {
      T sum = 0;
      for (int64_t step = 0; step < extent; ++step) {
        const int64_t position = reverse ? extent - 1 - step : step;
        const int64_t offset = (block * extent + position) * inner + lane;
        if (exclusive) {
          out[offset] = sum;
          sum += in[offset];
        } else {
          sum += in[offset];
          out[offset] = sum;
        }
      }
    }
  }
}

void RunCumSum(const RunContext& context) {
  const Tensor& x = context.input(0);
  int64_t axis = context.input(1).type() == ElementType::kInt64
                     ? context.input(1).int64s()[0]
                     : static_cast<int64_t>(context.input(1).floats()[0]);
  NormalizeAxis(axis, static_cast<int64_t>(x.shape().size()), &axis);
  int64_t outer, inner;
  AxisLayout(x.shape(), axis, &outer, &inner);
  const bool exclusive = context.node.GetInt("exclusive", 0) != 0;
  const bool reverse = context.node.GetInt("reverse", 0) != 0;
  if (x.type() == ElementType::kFloat32) {
    RunningSums(x.floats(), context.output(0).floats(), outer, x.shape()[axis], inner, exclusive,
                reverse);
  } else {
    RunningSums(x.int64s(), context.output(0).int64s(), outer, x.shape()[axis], inner, exclusive,
                reverse);
  }
}

// --- Trilu(x, k): keeps the upper (upper = 1, the default) or lower triangle of the last two
// axes, diagonal shifted by k; the rest becomes 0.

Status InferTrilu(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  if (context.input_shape(0).size() < 2) return context.Error("input must have rank >= 2");
  if (context.has_input(1) && !context.known_input(1)) {
    return context.Error("k must be known when the model is planned");
  }
  context.SetOutput(0, context.input(0).type, context.input_shape(0));
  return Status::OK();
}

void RunTrilu(const RunContext& context) {
  const Tensor& x = context.input(0);
  Tensor& out = context.output(0);
  const int64_t k = context.has_input(1) ? context.input(1).int64s()[0] : 0;
  const bool upper = context.node.GetInt("upper", 1) != 0;
  const auto& shape = x.shape();
  const int64_t rows = shape[shape.size() - 2], columns = shape.back();
  const int64_t matrices = rows * columns == 0 ? 0 : x.element_count() / (rows * columns);
  const size_t element = ElementSize(x.type());
  std::memset(out.raw_bytes(), 0, out.element_count() * element);
  for (int64_t matrix = 0; matrix < matrices; ++matrix) {
    for (int64_t row = 0; row < rows; ++row) {
      // Kept columns: j - i >= k (upper) or j - i <= k (lower).
      const int64_t first = upper ? std::clamp<int64_t>(row + k, 0, columns) : 0;
      const int64_t last = upper ? columns : std::clamp<int64_t>(row + k + 1, 0, columns);
      const int64_t offset = (matrix * rows + row) * columns;
      if (last > first) {
        std::memcpy(out.raw_bytes() + (offset + first) * element,
                    x.raw_bytes() + (offset + first) * element, (last - first) * element);
      }
    }
  }
}

const OpKernel kIndexKernels[] = {
    {"GatherElements", InferGatherElements, RunGatherElements},
    {"OneHot", InferOneHot, RunOneHot},
    {"CumSum", InferCumSum, RunCumSum},
    {"Trilu", InferTrilu, RunTrilu},
};

}  // namespace

std::span<const OpKernel> IndexKernels() { return kIndexKernels; }

}  // namespace dq::ml
