// Comparison and logic kernels with numpy broadcasting: Equal, Less, Greater, LessOrEqual,
// GreaterOrEqual over FLOAT or INT64 inputs, and Not, And, Or, Xor. ONNX types their results
// (and the logic ops' inputs) BOOL; the executor holds BOOL tensors as INT64 0/1 (tensor.h),
// so these kernels produce and read INT64.
#include "ml/kernels/broadcast.h"
#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

struct EqualOp {
  template <typename T>
  static int64_t Apply(T a, T b) {
    return a == b;
  }
};
struct LessOp {
  template <typename T>
  static int64_t Apply(T a, T b) {
    return a < b;
  }
};
struct GreaterOp {
  template <typename T>
  static int64_t Apply(T a, T b) {
    return a > b;
  }
};
struct LessOrEqualOp {
  template <typename T>
  static int64_t Apply(T a, T b) {
    return a <= b;
  }
};
struct GreaterOrEqualOp {
  template <typename T>
  static int64_t Apply(T a, T b) {
    return a >= b;
  }
};
struct AndOp {
  static int64_t Apply(int64_t a, int64_t b) { return (a != 0) && (b != 0); }
};
struct OrOp {
  static int64_t Apply(int64_t a, int64_t b) { return (a != 0) || (b != 0); }
};
struct XorOp {
  static int64_t Apply(int64_t a, int64_t b) { return (a != 0) != (b != 0); }
};

// Two inputs of one type (`logic`: INT64 0/1) broadcast to an INT64 result.
Status InferBroadcastToBool(InferContext& context, bool logic) {
  if (!context.has_input(0) || !context.has_input(1)) return context.Error("needs two inputs");
  if (context.input(0).type != context.input(1).type) return context.Error("input types differ");
  if (logic) DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kInt64));
  std::vector<int64_t> shape;
  if (!BroadcastShapes(context.input_shape(0), context.input_shape(1), &shape)) {
    return context.Error("shapes " + ShapeToString(context.input_shape(0)) + " and " +
                         ShapeToString(context.input_shape(1)) + " do not broadcast");
  }
  if (shape.size() > kMaxBroadcastRank) return context.Error("rank above 8 is not supported");
  context.SetOutput(0, ElementType::kInt64, shape);
  return Status::OK();
}
Status InferComparison(InferContext& context) { return InferBroadcastToBool(context, false); }
Status InferLogic(InferContext& context) { return InferBroadcastToBool(context, true); }

template <typename Op>
void RunComparison(const RunContext& context) {
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  Tensor& out = context.output(0);
  if (a.type() == ElementType::kFloat32) {
    BroadcastBinary<Op>(a.floats(), a.shape(), b.floats(), b.shape(), out.int64s(), out.shape(),
                        out.element_count());
  } else {
    BroadcastBinary<Op>(a.int64s(), a.shape(), b.int64s(), b.shape(), out.int64s(), out.shape(),
                        out.element_count());
  }
}

template <typename Op>
void RunLogic(const RunContext& context) {
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  Tensor& out = context.output(0);
  BroadcastBinary<Op>(a.int64s(), a.shape(), b.int64s(), b.shape(), out.int64s(), out.shape(),
                      out.element_count());
}

Status InferNot(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kInt64));
  context.SetOutput(0, ElementType::kInt64, context.input_shape(0));
  return Status::OK();
}

void RunNot(const RunContext& context) {
  const int64_t* in = context.input(0).int64s();
  int64_t* out = context.output(0).int64s();
  const int64_t count = context.output(0).element_count();
  for (int64_t index = 0; index < count; ++index) out[index] = in[index] == 0;
}

const OpKernel kComparisonKernels[] = {
    {"Equal", InferComparison, RunComparison<EqualOp>},
    {"Less", InferComparison, RunComparison<LessOp>},
    {"Greater", InferComparison, RunComparison<GreaterOp>},
    {"LessOrEqual", InferComparison, RunComparison<LessOrEqualOp>},
    {"GreaterOrEqual", InferComparison, RunComparison<GreaterOrEqualOp>},
    {"And", InferLogic, RunLogic<AndOp>},
    {"Or", InferLogic, RunLogic<OrOp>},
    {"Xor", InferLogic, RunLogic<XorOp>},
    {"Not", InferNot, RunNot},
};

}  // namespace

std::span<const OpKernel> ComparisonKernels() { return kComparisonKernels; }

}  // namespace dq::ml
