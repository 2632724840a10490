// Kernels that select or repeat elements under numpy broadcasting: Where(condition, x, y)
// (the condition is BOOL, held as INT64 0/1: tensor.h) and Expand(x, shape) (x broadcast to
// the broadcast of its shape and `shape`, which must be known at planning time). Attention
// masks are their main use (masked_fill exports as Equal -> Where).
#include "ml/kernels/broadcast.h"
#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

Status InferWhere(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kInt64));
  if (!context.has_input(1) || !context.has_input(2)) return context.Error("needs three inputs");
  if (context.input(1).type != context.input(2).type) return context.Error("x and y types differ");
  std::vector<int64_t> values_shape, shape;
  if (!BroadcastShapes(context.input_shape(1), context.input_shape(2), &values_shape) ||
      !BroadcastShapes(context.input_shape(0), values_shape, &shape)) {
    return context.Error("shapes " + ShapeToString(context.input_shape(0)) + ", " +
                         ShapeToString(context.input_shape(1)) + " and " +
                         ShapeToString(context.input_shape(2)) + " do not broadcast");
  }
  if (shape.size() > kMaxBroadcastRank) return context.Error("rank above 8 is not supported");
  context.SetOutput(0, context.input(1).type, shape);
  return Status::OK();
}

template <typename T>
void SelectWhere(const Tensor& condition, const T* x, const std::vector<int64_t>& x_shape,
                 const T* y, const std::vector<int64_t>& y_shape, Tensor& out, T* target) {
  const int64_t* mask = condition.int64s();
  BroadcastVisit<3>(out.shape(), {&condition.shape(), &x_shape, &y_shape},
                    [&](int64_t index, const std::array<int64_t, 3>& offsets) {
                      target[index] = mask[offsets[0]] != 0 ? x[offsets[1]] : y[offsets[2]];
                    });
}

void RunWhere(const RunContext& context) {
  const Tensor& condition = context.input(0);
  const Tensor& x = context.input(1);
  const Tensor& y = context.input(2);
  Tensor& out = context.output(0);
  if (x.type() == ElementType::kFloat32) {
    SelectWhere(condition, x.floats(), x.shape(), y.floats(), y.shape(), out, out.floats());
  } else {
    SelectWhere(condition, x.int64s(), x.shape(), y.int64s(), y.shape(), out, out.int64s());
  }
}

Status InferExpand(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const Tensor* target = context.known_input(1);
  if (!target) return context.Error("the shape must be known when the model is planned");
  std::vector<int64_t> shape;
  if (!BroadcastShapes(context.input_shape(0), ToInt64Vector(*target), &shape)) {
    return context.Error("shape " + ShapeToString(context.input_shape(0)) +
                         " does not broadcast to " + ShapeToString(ToInt64Vector(*target)));
  }
  if (shape.size() > kMaxBroadcastRank) return context.Error("rank above 8 is not supported");
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

void RunExpand(const RunContext& context) {
  const Tensor& x = context.input(0);
  Tensor& out = context.output(0);
  auto copy = [&](const auto* source, auto* target) {
    BroadcastVisit<1>(out.shape(), {&x.shape()},
                      [&](int64_t index, const std::array<int64_t, 1>& offsets) {
                        target[index] = source[offsets[0]];
                      });
  };
  if (x.type() == ElementType::kFloat32) {
    copy(x.floats(), out.floats());
  } else {
    copy(x.int64s(), out.int64s());
  }
}

const OpKernel kSelectionKernels[] = {
    {"Where", InferWhere, RunWhere},
    {"Expand", InferExpand, RunExpand},
};

}  // namespace

std::span<const OpKernel> SelectionKernels() { return kSelectionKernels; }

}  // namespace dq::ml
