// Data movement and shape kernels: Reshape, Flatten, Squeeze, Unsqueeze (copies with a new
// shape), Transpose, Concat, Gather, Slice, Pad (constant mode), Shape, Constant and
// ConstantOfShape, Range.
//
// Axes, shapes, starts/ends and pads that arrive as inputs (opset 10/11/13 forms) must be
// known at planning time: constants, or computed from shapes (Shape -> Gather -> Concat chains
// that exporters emit for a dynamic batch). Run reads them again from the constant inputs.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

constexpr size_t kMaxRank = 8;
using AxisArray = std::array<int64_t, kMaxRank>;

void RunCopyData(const RunContext& context) {
  const Tensor& in = context.input(0);
  std::memcpy(context.output(0).raw_bytes(), in.raw_bytes(),
              in.element_count() * ElementSize(in.type()));
}

// The axes of Squeeze/Unsqueeze: an attribute before opset 13, an input from 13.
Status ReadAxesOperand(InferContext& context, std::vector<int64_t>* axes) {
  if (context.node().opset < 13) {
    auto attribute = context.node().GetInts("axes");
    axes->assign(attribute.begin(), attribute.end());
    return Status::OK();
  }
  if (!context.has_input(1)) return Status::OK();
  if (!context.known_input(1)) return context.Error("axes must be a constant");
  *axes = ToInt64Vector(*context.known_input(1));
  return Status::OK();
}

Status InferReshape(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const Tensor* target = context.known_input(1);
  if (!target) return context.Error("the target shape must be known when the model is planned");
  const auto& in = context.input_shape(0);
  std::vector<int64_t> shape = ToInt64Vector(*target);
  bool allow_zero = context.node().GetInt("allowzero", 0) != 0;
  int64_t inferred_axis = -1;
  int64_t known = 1;
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    if (shape[axis] == 0 && !allow_zero) {
      if (axis >= in.size()) return context.Error("0 in the shape refers to a missing axis");
      shape[axis] = in[axis];
    }
    if (shape[axis] == -1) {
      if (inferred_axis >= 0) return context.Error("more than one -1 in the target shape");
      inferred_axis = axis;
    } else if (shape[axis] < 0) {
      return context.Error("negative dimension in the target shape");
    } else {
      known *= shape[axis];
    }
  }
  int64_t total = ShapeElementCount(in);
  if (inferred_axis >= 0) {
    if (known == 0 || total % known != 0) {
      return context.Error("cannot reshape " + ShapeToString(in) + " to " +
                           ShapeToString(ToInt64Vector(*target)));
    }
    shape[inferred_axis] = total / known;
  }
  if (ShapeElementCount(shape) != total) {
    return context.Error("cannot reshape " + ShapeToString(in) + " to " + ShapeToString(shape));
  }
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

Status InferFlatten(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const auto& in = context.input_shape(0);
  int64_t axis = context.node().GetInt("axis", 1);
  if (axis < 0) axis += in.size();
  if (axis < 0 || axis > static_cast<int64_t>(in.size())) return context.Error("axis out of range");
  int64_t leading = 1;
  for (int64_t dim = 0; dim < axis; ++dim) leading *= in[dim];
  int64_t trailing = 1;
  for (size_t dim = axis; dim < in.size(); ++dim) trailing *= in[dim];
  context.SetOutput(0, context.input(0).type, {leading, trailing});
  return Status::OK();
}

Status InferSqueeze(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const auto& in = context.input_shape(0);
  std::vector<int64_t> axes;
  DQ_RETURN_IF_ERROR(ReadAxesOperand(context, &axes));
  std::vector<bool> drop(in.size(), false);
  for (int64_t axis : axes) {
    if (!NormalizeAxis(axis, in.size(), &axis)) return context.Error("axis out of range");
    if (in[axis] != 1) return context.Error("cannot squeeze a dimension that is not 1");
    drop[axis] = true;
  }
  std::vector<int64_t> shape;
  for (size_t axis = 0; axis < in.size(); ++axis) {
    bool squeezed = axes.empty() ? in[axis] == 1 : drop[axis];
    if (!squeezed) shape.push_back(in[axis]);
  }
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

Status InferUnsqueeze(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const auto& in = context.input_shape(0);
  std::vector<int64_t> axes;
  DQ_RETURN_IF_ERROR(ReadAxesOperand(context, &axes));
  int64_t rank = in.size() + axes.size();
  std::vector<bool> inserted(rank, false);
  for (int64_t axis : axes) {
    if (!NormalizeAxis(axis, rank, &axis) || inserted[axis]) return context.Error("bad axes");
    inserted[axis] = true;
  }
  std::vector<int64_t> shape;
  size_t next = 0;
  for (int64_t axis = 0; axis < rank; ++axis) shape.push_back(inserted[axis] ? 1 : in[next++]);
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

Status InferTranspose(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const auto& in = context.input_shape(0);
  if (in.size() > kMaxRank) return context.Error("rank above 8 is not supported");
  auto perm = context.node().GetInts("perm");
  std::vector<int64_t> shape(in.size());
  std::vector<bool> seen(in.size(), false);
  if (!perm.empty() && perm.size() != in.size()) return context.Error("perm has the wrong length");
  for (size_t axis = 0; axis < in.size(); ++axis) {
    int64_t source = perm.empty() ? in.size() - 1 - axis : perm[axis];
    if (source < 0 || source >= static_cast<int64_t>(in.size()) || seen[source]) {
      return context.Error("perm is not a permutation");
    }
    seen[source] = true;
    shape[axis] = in[source];
  }
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

template <typename T>
void TransposeData(const T* in, const std::vector<int64_t>& in_shape, std::span<const int64_t> perm,
                   T* out, int64_t count) {
  size_t rank = in_shape.size();
  if (count == 0) return;
  if (rank == 0) {
    out[0] = in[0];
    return;
  }
  AxisArray in_strides{};
  int64_t stride = 1;
  for (size_t axis = rank; axis-- > 0;) {
    in_strides[axis] = stride;
    stride *= in_shape[axis];
  }
  AxisArray out_shape{};
  AxisArray source_strides{};  // input stride of each output axis
  for (size_t axis = 0; axis < rank; ++axis) {
    size_t source = perm.empty() ? rank - 1 - axis : perm[axis];
    out_shape[axis] = in_shape[source];
    source_strides[axis] = in_strides[source];
  }
  AxisArray counter{};
  int64_t row_length = out_shape[rank - 1];
  int64_t inner_stride = source_strides[rank - 1];
  int64_t offset = 0;
  for (int64_t row_start = 0; row_start < count; row_start += row_length) {
    T* target = out + row_start;
    for (int64_t index = 0; index < row_length; ++index)
      target[index] = in[offset + index * inner_stride];
    for (int64_t axis = static_cast<int64_t>(rank) - 2; axis >= 0; --axis) {
      ++counter[axis];
      offset += source_strides[axis];
      if (counter[axis] < out_shape[axis]) break;
      offset -= source_strides[axis] * counter[axis];
      counter[axis] = 0;
    }
  }
}

void RunTranspose(const RunContext& context) {
  const Tensor& in = context.input(0);
  Tensor& out = context.output(0);
  auto perm = context.node.GetInts("perm");
  if (in.type() == ElementType::kFloat32) {
    TransposeData(in.floats(), in.shape(), perm, out.floats(), out.element_count());
  } else {
    TransposeData(in.int64s(), in.shape(), perm, out.int64s(), out.element_count());
  }
}

Status InferConcat(InferContext& context) {
  if (!context.has_input(0)) return context.Error("needs at least one input");
  std::vector<int64_t> shape = context.input_shape(0);
  int64_t axis;
  if (!NormalizeAxis(context.node().GetInt("axis", 0), shape.size(), &axis)) {
    return context.Error("axis out of range");
  }
  for (size_t index = 1; index < context.input_count(); ++index) {
    if (!context.has_input(index)) return context.Error("missing input");
    const auto& other = context.input_shape(index);
    if (context.input(index).type != context.input(0).type || other.size() != shape.size()) {
      return context.Error("inputs differ in type or rank");
    }
    for (size_t dim = 0; dim < shape.size(); ++dim) {
      if (dim != static_cast<size_t>(axis) && other[dim] != shape[dim]) {
        return context.Error("inputs differ outside the concatenation axis");
      }
    }
    shape[axis] += other[axis];
  }
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

void RunConcat(const RunContext& context) {
  Tensor& out = context.output(0);
  int64_t axis;
  NormalizeAxis(context.node.GetInt("axis", 0), out.shape().size(), &axis);
  int64_t outer = 1;
  for (int64_t dim = 0; dim < axis; ++dim) outer *= out.shape()[dim];
  size_t element = ElementSize(out.type());
  int64_t out_block = outer == 0 ? 0 : out.element_count() / outer * element;
  char* target = out.raw_bytes();
  int64_t offset = 0;
  for (size_t index = 0; index < context.input_count; ++index) {
    const Tensor& in = context.input(index);
    int64_t block = outer == 0 ? 0 : in.element_count() / outer * element;
    const char* source = in.raw_bytes();
    for (int64_t row = 0; row < outer; ++row) {
      std::memcpy(target + row * out_block + offset, source + row * block, block);
    }
    offset += block;
  }
}

Status InferGather(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing data input");
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kInt64));
  const auto& data = context.input_shape(0);
  int64_t axis;
  if (!NormalizeAxis(context.node().GetInt("axis", 0), data.size(), &axis)) {
    return context.Error("axis out of range");
  }
  std::vector<int64_t> shape(data.begin(), data.begin() + axis);
  const auto& indices = context.input_shape(1);
  shape.insert(shape.end(), indices.begin(), indices.end());
  shape.insert(shape.end(), data.begin() + axis + 1, data.end());
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

void RunGather(const RunContext& context) {
  const Tensor& data = context.input(0);
  const Tensor& indices = context.input(1);
  int64_t axis;
  NormalizeAxis(context.node.GetInt("axis", 0), data.shape().size(), &axis);
  int64_t outer = 1;
  for (int64_t dim = 0; dim < axis; ++dim) outer *= data.shape()[dim];
  int64_t extent = data.shape()[axis];
  int64_t inner = 1;
  for (size_t dim = axis + 1; dim < data.shape().size(); ++dim) inner *= data.shape()[dim];
  size_t element = ElementSize(data.type());
  int64_t row_bytes = inner * element;
  const char* source = data.raw_bytes();
  char* target = context.output(0).raw_bytes();
  int64_t index_count = indices.element_count();
  for (int64_t block = 0; block < outer; ++block) {
    for (int64_t position = 0; position < index_count; ++position) {
      int64_t index = indices.int64s()[position];
      if (index < -extent || index >= extent) {
        context.Fail("index " + std::to_string(index) + " is out of range [" +
                     std::to_string(-extent) + ", " + std::to_string(extent) + ")");
        return;
      }
      if (index < 0) index += extent;
      std::memcpy(target + (block * index_count + position) * row_bytes,
                  source + (block * extent + index) * row_bytes, row_bytes);
    }
  }
}

// Resolved Slice parameters per axis.
struct SliceLayout {
  AxisArray starts{}, steps{}, out_shape{};
};

// Reads Slice's starts/ends/axes/steps (attributes before opset 10, inputs from 10).
bool ComputeSlice(const Node& node, const std::vector<int64_t>& shape,
                  const Tensor* const* operands, SliceLayout* layout) {
  std::span<const int64_t> starts, ends, axes, steps;
  if (node.opset < 10) {
    starts = node.GetInts("starts");
    ends = node.GetInts("ends");
    axes = node.GetInts("axes");
  } else {
    if (!operands[0] || !operands[1]) return false;
    starts = Int64View(*operands[0]);
    ends = Int64View(*operands[1]);
    if (operands[2]) axes = Int64View(*operands[2]);
    if (operands[3]) steps = Int64View(*operands[3]);
  }
  int64_t rank = shape.size();
  if (starts.size() != ends.size() || (!axes.empty() && axes.size() != starts.size()) ||
      (!steps.empty() && steps.size() != starts.size()) || rank > static_cast<int64_t>(kMaxRank)) {
    return false;
  }
  for (int64_t axis = 0; axis < rank; ++axis) {
    layout->starts[axis] = 0;
    layout->steps[axis] = 1;
    layout->out_shape[axis] = shape[axis];
  }
  for (size_t index = 0; index < starts.size(); ++index) {
    int64_t axis = axes.empty() ? index : axes[index];
    if (!NormalizeAxis(axis, rank, &axis)) return false;
    int64_t step = steps.empty() ? 1 : steps[index];
    if (step == 0) return false;
    int64_t extent = shape[axis];
    int64_t start = starts[index];
    int64_t end = ends[index];
    if (start < 0) start += extent;
    if (end < 0) end += extent;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, extent);
      end = std::clamp<int64_t>(end, 0, extent);
      layout->out_shape[axis] = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, extent - 1);
      end = std::clamp<int64_t>(end, -1, extent - 1);
      layout->out_shape[axis] = start > end ? (start - end + (-step) - 1) / (-step) : 0;
    }
    layout->starts[axis] = start;
    layout->steps[axis] = step;
  }
  return true;
}

Status InferSlice(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const Tensor* operands[4] = {};
  for (size_t index = 1; index <= 4; ++index) {
    if (context.has_input(index)) {
      operands[index - 1] = context.known_input(index);
      if (!operands[index - 1])
        return context.Error("starts, ends, axes and steps must be constants");
      if (operands[index - 1]->type() != ElementType::kInt64) {
        return context.Error("starts, ends, axes and steps must be INT64");
      }
    }
  }
  SliceLayout layout;
  const auto& shape = context.input_shape(0);
  if (!ComputeSlice(context.node(), shape, operands, &layout)) {
    return context.Error("invalid starts/ends/axes/steps");
  }
  context.SetOutput(
      0, context.input(0).type,
      std::vector<int64_t>(layout.out_shape.begin(), layout.out_shape.begin() + shape.size()));
  return Status::OK();
}

template <typename T>
void SliceData(const T* in, const std::vector<int64_t>& shape, const SliceLayout& layout, T* out,
               int64_t count) {
  size_t rank = shape.size();
  if (count == 0) return;
  if (rank == 0) {
    out[0] = in[0];
    return;
  }
  AxisArray strides{};
  int64_t stride = 1;
  for (size_t axis = rank; axis-- > 0;) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  int64_t offset = 0;
  for (size_t axis = 0; axis < rank; ++axis) offset += layout.starts[axis] * strides[axis];
  AxisArray counter{};
  int64_t row_length = layout.out_shape[rank - 1];
  int64_t inner_step = layout.steps[rank - 1];
  for (int64_t row_start = 0; row_start < count; row_start += row_length) {
    for (int64_t index = 0; index < row_length; ++index)
      out[row_start + index] = in[offset + index * inner_step];
    for (int64_t axis = static_cast<int64_t>(rank) - 2; axis >= 0; --axis) {
      ++counter[axis];
      offset += layout.steps[axis] * strides[axis];
      if (counter[axis] < layout.out_shape[axis]) break;
      offset -= layout.steps[axis] * strides[axis] * counter[axis];
      counter[axis] = 0;
    }
  }
}

void RunSlice(const RunContext& context) {
  const Tensor& in = context.input(0);
  const Tensor* operands[4] = {};
  for (size_t index = 1; index <= 4; ++index) {
    if (context.has_input(index)) operands[index - 1] = &context.input(index);
  }
  SliceLayout layout;
  ComputeSlice(context.node, in.shape(), operands, &layout);
  Tensor& out = context.output(0);
  if (in.type() == ElementType::kFloat32) {
    SliceData(in.floats(), in.shape(), layout, out.floats(), out.element_count());
  } else {
    SliceData(in.int64s(), in.shape(), layout, out.int64s(), out.element_count());
  }
}

// Pad, constant mode, non-negative pads [x1_begin, x2_begin, ..., x1_end, x2_end, ...].
bool ReadPads(const Node& node, const Tensor* pads_input, size_t rank,
              std::span<const int64_t>* pads) {
  *pads = node.opset < 11 ? node.GetInts("pads")
                          : (pads_input ? Int64View(*pads_input) : std::span<const int64_t>());
  if (pads->size() != 2 * rank) return false;
  return std::all_of(pads->begin(), pads->end(), [](int64_t pad) { return pad >= 0; });
}

Status InferPad(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  if (context.node().GetString("mode", "constant") != "constant") {
    return context.Error("only constant padding is supported");
  }
  if (context.node().opset >= 18 && context.has_input(3)) {
    return context.Error("the axes input is not supported (give pads for every axis)");
  }
  const auto& in = context.input_shape(0);
  std::span<const int64_t> pads;
  if (context.node().opset >= 11 && !context.known_input(1)) {
    return context.Error("pads must be a constant");
  }
  if (!ReadPads(context.node(), context.known_input(1), in.size(), &pads) || in.size() > kMaxRank) {
    return context.Error("pads must hold 2 non-negative values per axis");
  }
  std::vector<int64_t> shape = in;
  for (size_t axis = 0; axis < in.size(); ++axis)
    shape[axis] += pads[axis] + pads[axis + in.size()];
  context.SetOutput(0, ElementType::kFloat32, shape);
  return Status::OK();
}

void RunPad(const RunContext& context) {
  const Tensor& in = context.input(0);
  Tensor& out = context.output(0);
  size_t rank = in.shape().size();
  std::span<const int64_t> pads;
  ReadPads(context.node, context.has_input(1) ? &context.input(1) : nullptr, rank, &pads);
  float value = context.node.opset < 11 ? context.node.GetFloat("value", 0.0f)
                : context.has_input(2)  ? context.input(2).floats()[0]
                                        : 0.0f;
  std::fill(out.floats(), out.floats() + out.element_count(), value);
  if (in.element_count() == 0 || rank == 0) return;
  // Copy each innermost input row to its place in the output.
  AxisArray out_strides{};
  int64_t stride = 1;
  for (size_t axis = rank; axis-- > 0;) {
    out_strides[axis] = stride;
    stride *= out.shape()[axis];
  }
  int64_t row_length = in.shape()[rank - 1];
  AxisArray counter{};
  for (int64_t row_start = 0; row_start < in.element_count(); row_start += row_length) {
    int64_t target = 0;
    for (size_t axis = 0; axis < rank; ++axis)
      target += (counter[axis] + pads[axis]) * out_strides[axis];
    std::memcpy(out.floats() + target, in.floats() + row_start, row_length * sizeof(float));
    for (int64_t axis = static_cast<int64_t>(rank) - 2; axis >= 0; --axis) {
      if (++counter[axis] < in.shape()[axis]) break;
      counter[axis] = 0;
    }
  }
}

Status InferShape(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const auto& in = context.input_shape(0);
  int64_t rank = in.size();
  int64_t start = context.node().GetInt("start", 0);
  int64_t end = context.node().GetInt("end", rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, start, rank);
  Tensor shape(ElementType::kInt64, {end - start});
  for (int64_t axis = start; axis < end; ++axis) shape.int64s()[axis - start] = in[axis];
  context.SetKnownOutput(0, std::move(shape));
  return Status::OK();
}

Status InferConstant(InferContext& context) {
  auto found = context.node().attributes.find("value");
  if (found == context.node().attributes.end() || !found->second.tensor) {
    return context.Error("only the 'value' attribute is supported");
  }
  context.SetKnownOutput(0, *found->second.tensor);
  return Status::OK();
}

// ConstantOfShape: a tensor of the given (known) shape filled with `value` (default float 0).
Status InferConstantOfShape(InferContext& context) {
  const Tensor* shape_input = context.known_input(0);
  if (!shape_input) return context.Error("the shape must be known when the model is planned");
  std::vector<int64_t> shape = ToInt64Vector(*shape_input);
  for (int64_t dim : shape) {
    if (dim < 0) return context.Error("negative dimension in shape " + ShapeToString(shape));
  }
  ElementType type = ElementType::kFloat32;
  float float_value = 0;
  int64_t int_value = 0;
  auto found = context.node().attributes.find("value");
  if (found != context.node().attributes.end()) {
    const Tensor* value = found->second.tensor.get();
    if (!value || value->element_count() != 1) {
      return context.Error("'value' must be a one-element tensor");
    }
    type = value->type();
    if (type == ElementType::kFloat32) {
      float_value = value->floats()[0];
    } else {
      int_value = value->int64s()[0];
    }
  }
  Tensor result(type, shape);
  if (type == ElementType::kFloat32) {
    std::fill(result.floats(), result.floats() + result.element_count(), float_value);
  } else {
    std::fill(result.int64s(), result.int64s() + result.element_count(), int_value);
  }
  context.SetKnownOutput(0, std::move(result));
  return Status::OK();
}

// Range(start, limit, delta): scalars known at planning time (the output's length depends on
// them); max(ceil((limit - start) / delta), 0) values start, start + delta, ...
Status InferRange(InferContext& context) {
  const Tensor* bounds[3] = {context.known_input(0), context.known_input(1),
                             context.known_input(2)};
  for (const Tensor* bound : bounds) {
    if (!bound)
      return context.Error("start, limit and delta must be known when the model is planned");
    if (bound->element_count() != 1) return context.Error("start, limit and delta must be scalars");
    if (bound->type() != bounds[0]->type()) return context.Error("input types differ");
  }
  const bool floats = bounds[0]->type() == ElementType::kFloat32;
  auto value = [&](int index) {
    return floats ? static_cast<double>(bounds[index]->floats()[0])
                  : static_cast<double>(bounds[index]->int64s()[0]);
  };
  const double start = value(0), limit = value(1), delta = value(2);
  if (delta == 0) return context.Error("delta must not be zero");
  const double steps = std::ceil((limit - start) / delta);
  if (!(steps < 1e9)) return context.Error("the range is too long");
  const int64_t count = std::max<int64_t>(0, static_cast<int64_t>(steps));
  Tensor result(bounds[0]->type(), {count});
  for (int64_t index = 0; index < count; ++index) {
    if (floats) {
      result.floats()[index] =
          bounds[0]->floats()[0] + static_cast<float>(index) * bounds[2]->floats()[0];
    } else {
      result.int64s()[index] = bounds[0]->int64s()[0] + index * bounds[2]->int64s()[0];
    }
  }
  context.SetKnownOutput(0, std::move(result));
  return Status::OK();
}

void RunNothing(const RunContext& context) {}  // outputs are known at planning time

const OpKernel kShapeKernels[] = {
    {"Reshape", InferReshape, RunCopyData},
    {"Flatten", InferFlatten, RunCopyData},
    {"Squeeze", InferSqueeze, RunCopyData},
    {"Unsqueeze", InferUnsqueeze, RunCopyData},
    {"Transpose", InferTranspose, RunTranspose},
    {"Concat", InferConcat, RunConcat},
    {"Gather", InferGather, RunGather},
    {"Slice", InferSlice, RunSlice},
    {"Pad", InferPad, RunPad},
    {"Shape", InferShape, RunNothing},
    {"Constant", InferConstant, RunNothing},
    {"ConstantOfShape", InferConstantOfShape, RunNothing},
    {"Range", InferRange, RunNothing},
};

}  // namespace

std::span<const OpKernel> ShapeKernels() { return kShapeKernels; }

}  // namespace dq::ml
