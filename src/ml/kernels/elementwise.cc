// Elementwise kernels: binary arithmetic with numpy broadcasting (Add, Sub, Mul, Div, Pow),
// unary float functions (Relu, LeakyRelu, Sigmoid, HardSigmoid, HardSwish, Tanh, Erf, Sqrt,
// Exp, Log, Neg, Clip),
// Cast between FLOAT and INT64, and the copies Identity and Dropout (inference: identity).
//
// Broadcasting: broadcast.h.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "ml/kernels/broadcast.h"
#include "ml/kernels/fast_math.h"
#include "ml/kernels/kernel_families.h"
#include "ml/kernels/unary.h"

namespace dq::ml {
namespace {

struct AddOp {
  template <typename T> static T Apply(T a, T b) { return a + b; }
};
struct SubOp {
  template <typename T> static T Apply(T a, T b) { return a - b; }
};
struct MulOp {
  template <typename T> static T Apply(T a, T b) { return a * b; }
};
struct DivOp {
  template <typename T> static T Apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) return b == 0 ? 0 : a / b;
    return a / b;
  }
};
struct PowOp {
  template <typename T> static T Apply(T a, T b) {
    if constexpr (std::is_same_v<T, float>) {
      if (b == 2.0f) return a * a;
      return std::pow(a, b);
    }
    return static_cast<T>(std::pow(static_cast<double>(a), static_cast<double>(b)));
  }
};

Status InferBinary(InferContext& context) {
  if (!context.has_input(0) || !context.has_input(1)) return context.Error("needs two inputs");
  if (context.input(0).type != context.input(1).type) {
    return context.Error("input types differ");
  }
  std::vector<int64_t> shape;
  if (!BroadcastShapes(context.input_shape(0), context.input_shape(1), &shape)) {
    return context.Error("shapes " + ShapeToString(context.input_shape(0)) + " and " +
                         ShapeToString(context.input_shape(1)) + " do not broadcast");
  }
  if (shape.size() > kMaxBroadcastRank) return context.Error("rank above 8 is not supported");
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

template <typename Op>
void RunBinary(const RunContext& context) {
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  Tensor& out = context.output(0);
  if (out.type() == ElementType::kFloat32) {
    BroadcastBinary<Op>(a.floats(), a.shape(), b.floats(), b.shape(), out.floats(), out.shape(),
                        out.element_count());
  } else {
    BroadcastBinary<Op>(a.int64s(), a.shape(), b.int64s(), b.shape(), out.int64s(),
                        out.shape(), out.element_count());
  }
}

void RunRelu(const RunContext& c) { MapFloats(c, [](float x) { return x > 0 ? x : 0.0f; }); }
void RunLeakyRelu(const RunContext& c) {
  float alpha = c.node.GetFloat("alpha", 0.01f);
  MapFloats(c, [alpha](float x) { return x >= 0 ? x : alpha * x; });
}
void RunSigmoid(const RunContext& c) {
  MapFloats(c, [](float x) { return 1.0f / (1.0f + FastExp(-x)); });
}
// max(0, min(1, alpha * x + beta)); PyTorch's hardsigmoid exports alpha = 1/6.
void RunHardSigmoid(const RunContext& c) {
  float alpha = c.node.GetFloat("alpha", 0.2f);
  float beta = c.node.GetFloat("beta", 0.5f);
  MapFloats(c, [alpha, beta](float x) { return std::clamp(alpha * x + beta, 0.0f, 1.0f); });
}
// x * HardSigmoid(x) with alpha = 1/6, beta = 0.5 (opset 14).
void RunHardSwish(const RunContext& c) {
  MapFloats(c, [](float x) { return x * std::clamp(x / 6.0f + 0.5f, 0.0f, 1.0f); });
}
void RunTanh(const RunContext& c) { MapFloats(c, [](float x) { return std::tanh(x); }); }
// erf without a library call per element, so the loop vectorizes (GELU's hot spot). Below
// |x| = 0.5 a Taylor polynomial (error < 1e-9); above, Abramowitz & Stegun 7.1.28,
// 1 - (1 + a1 x + ... + a6 x^6)^-16 (3e-7 by the formula; with float rounding under 1e-6, a
// few ULPs of results near 1); both are computed and blended so there is no branch.
float FastErf(float x) {
  float magnitude = std::min(std::fabs(x), 10.0f);
  float square = magnitude * magnitude;
  float taylor =
      magnitude *
      (1.12837917f +
       square * (-0.376126389f +
                 square * (0.112837917f +
                           square * (-0.0268661706f +
                                     square * (0.00522397762f +
                                               square * (-0.000854832702f +
                                                         square * 0.000120553329f))))));
  float polynomial =
      1.0f +
      magnitude *
          (0.0705230784f +
           magnitude *
               (0.0422820123f +
                magnitude * (0.0092705272f +
                             magnitude * (0.0001520143f +
                                          magnitude * (0.0002765672f +
                                                       magnitude * 0.0000430638f)))));
  float power = polynomial * polynomial;  // ^2
  power *= power;                         // ^4
  power *= power;                         // ^8
  power *= power;                         // ^16
  float tail = 1.0f - 1.0f / power;
  float value = magnitude < 0.5f ? taylor : tail;
  return std::copysign(value, x);
}

void RunErf(const RunContext& c) { MapFloats(c, FastErf); }
void RunSqrt(const RunContext& c) { MapFloats(c, [](float x) { return std::sqrt(x); }); }
void RunExp(const RunContext& c) { MapFloats(c, [](float x) { return std::exp(x); }); }
void RunLog(const RunContext& c) { MapFloats(c, [](float x) { return std::log(x); }); }
void RunNeg(const RunContext& c) { MapFloats(c, [](float x) { return -x; }); }

// Clip: bounds are attributes before opset 11 and optional scalar inputs from 11.
void RunClip(const RunContext& c) {
  float low = -INFINITY;
  float high = INFINITY;
  if (c.node.opset < 11) {
    low = c.node.GetFloat("min", low);
    high = c.node.GetFloat("max", high);
  } else {
    if (c.has_input(1)) low = c.input(1).floats()[0];
    if (c.has_input(2)) high = c.input(2).floats()[0];
  }
  MapFloats(c, [low, high](float x) { return std::min(std::max(x, low), high); });
}

Status InferCopy(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  context.SetOutput(0, context.input(0).type, context.input_shape(0));
  // Dropout's optional mask output is not supported (training only).
  if (context.node().outputs.size() > 1) return context.Error("the mask output is not supported");
  return Status::OK();
}

void RunCopy(const RunContext& context) {
  const Tensor& in = context.input(0);
  Tensor& out = context.output(0);
  if (in.type() == ElementType::kFloat32) {
    std::memcpy(out.floats(), in.floats(), sizeof(float) * in.element_count());
  } else {
    std::memcpy(out.int64s(), in.int64s(), sizeof(int64_t) * in.element_count());
  }
}

// ONNX TensorProto data types.
constexpr int64_t kOnnxFloat = 1;
constexpr int64_t kOnnxInt32 = 6;
constexpr int64_t kOnnxInt64 = 7;
constexpr int64_t kOnnxBool = 9;  // held as INT64 0/1 (tensor.h)

Status InferCast(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  int64_t to = context.node().GetInt("to", 0);
  if (to != kOnnxFloat && to != kOnnxInt64 && to != kOnnxInt32 && to != kOnnxBool) {
    return context.Error("unsupported target data type " + std::to_string(to));
  }
  context.SetOutput(0, to == kOnnxFloat ? ElementType::kFloat32 : ElementType::kInt64,
                    context.input_shape(0));
  return Status::OK();
}

void RunCast(const RunContext& context) {
  const Tensor& in = context.input(0);
  Tensor& out = context.output(0);
  int64_t count = in.element_count();
  if (context.node.GetInt("to", 0) == kOnnxBool) {
    for (int64_t index = 0; index < count; ++index) {
      out.int64s()[index] = in.type() == ElementType::kFloat32 ? in.floats()[index] != 0.0f
                                                                 : in.int64s()[index] != 0;
    }
    return;
  }
  if (in.type() == out.type()) return RunCopy(context);
  if (out.type() == ElementType::kFloat32) {
    for (int64_t index = 0; index < count; ++index) {
      out.floats()[index] = static_cast<float>(in.int64s()[index]);
    }
  } else {
    for (int64_t index = 0; index < count; ++index) {
      out.int64s()[index] = static_cast<int64_t>(in.floats()[index]);
    }
  }
}

const OpKernel kElementwiseKernels[] = {
    {"Add", InferBinary, RunBinary<AddOp>},
    {"Sub", InferBinary, RunBinary<SubOp>},
    {"Mul", InferBinary, RunBinary<MulOp>},
    {"Div", InferBinary, RunBinary<DivOp>},
    {"Pow", InferBinary, RunBinary<PowOp>},
    {"Relu", InferFloatUnary, RunRelu},
    {"LeakyRelu", InferFloatUnary, RunLeakyRelu},
    {"Sigmoid", InferFloatUnary, RunSigmoid},
    {"HardSigmoid", InferFloatUnary, RunHardSigmoid},
    {"HardSwish", InferFloatUnary, RunHardSwish},
    {"Tanh", InferFloatUnary, RunTanh},
    {"Erf", InferFloatUnary, RunErf},
    {"Sqrt", InferFloatUnary, RunSqrt},
    {"Exp", InferFloatUnary, RunExp},
    {"Log", InferFloatUnary, RunLog},
    {"Neg", InferFloatUnary, RunNeg},
    {"Clip", InferFloatUnary, RunClip},
    {"Cast", InferCast, RunCast},
    {"Identity", InferCopy, RunCopy},
    {"Dropout", InferCopy, RunCopy},
};

}  // namespace

std::span<const OpKernel> ElementwiseKernels() { return kElementwiseKernels; }

void ApplyActivation(Activation activation, float* data, int64_t count) {
  if (activation == Activation::kRelu) {
    for (int64_t index = 0; index < count; ++index) data[index] = data[index] > 0 ? data[index] : 0;
  }
}

}  // namespace dq::ml
