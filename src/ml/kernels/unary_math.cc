// One-input FLOAT functions beyond the common activations of elementwise.cc: Abs, Reciprocal,
// Floor, Ceil, Round (half to even, as ONNX specifies), Sign, Sin, Cos, and the activations
// Softplus, Softsign, Elu, Selu, Celu, ThresholdedRelu, Mish (opset 18) and Gelu (opset 20)
// with their ONNX default attributes.
#include <cmath>

#include "ml/kernels/fast_math.h"
#include "ml/kernels/kernel_families.h"
#include "ml/kernels/unary.h"

namespace dq::ml {
namespace {

void RunAbs(const RunContext& c) {
  MapFloats(c, [](float x) { return std::fabs(x); });
}
void RunReciprocal(const RunContext& c) {
  MapFloats(c, [](float x) { return 1.0f / x; });
}
void RunFloor(const RunContext& c) {
  MapFloats(c, [](float x) { return std::floor(x); });
}
void RunCeil(const RunContext& c) {
  MapFloats(c, [](float x) { return std::ceil(x); });
}
// nearbyint rounds half to even in the default rounding mode.
void RunRound(const RunContext& c) {
  MapFloats(c, [](float x) { return std::nearbyint(x); });
}
void RunSign(const RunContext& c) {
  MapFloats(c, [](float x) { return x > 0 ? 1.0f : x < 0 ? -1.0f : 0.0f; });
}
void RunSin(const RunContext& c) {
  MapFloats(c, [](float x) { return std::sin(x); });
}
void RunCos(const RunContext& c) {
  MapFloats(c, [](float x) { return std::cos(x); });
}

// log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so large |x| neither overflows nor
// loses the linear part.
void RunSoftplus(const RunContext& c) {
  MapFloats(c, [](float x) { return std::max(x, 0.0f) + std::log1p(std::exp(-std::fabs(x))); });
}
void RunSoftsign(const RunContext& c) {
  MapFloats(c, [](float x) { return x / (1.0f + std::fabs(x)); });
}
void RunElu(const RunContext& c) {
  const float alpha = c.node.GetFloat("alpha", 1.0f);
  MapFloats(c, [alpha](float x) { return x >= 0 ? x : alpha * std::expm1(x); });
}
void RunSelu(const RunContext& c) {
  const float alpha = c.node.GetFloat("alpha", 1.67326319217681884765625f);
  const float gamma = c.node.GetFloat("gamma", 1.05070102214813232421875f);
  MapFloats(c, [alpha, gamma](float x) { return gamma * (x > 0 ? x : alpha * std::expm1(x)); });
}
// max(0, x) + min(0, alpha * (e^(x / alpha) - 1)).
void RunCelu(const RunContext& c) {
  const float alpha = c.node.GetFloat("alpha", 1.0f);
  MapFloats(c, [alpha](float x) {
    return std::max(0.0f, x) + std::min(0.0f, alpha * std::expm1(x / alpha));
  });
}
// x * tanh(softplus(x)) (opset 18).
void RunMish(const RunContext& c) {
  MapFloats(c, [](float x) {
    return x * std::tanh(std::max(x, 0.0f) + std::log1p(std::exp(-std::fabs(x))));
  });
}
// Gelu (opset 20): x * Phi(x) exactly (erf), or with approximate = "tanh" the tanh form.
void RunGelu(const RunContext& c) {
  if (c.node.GetString("approximate", "none") == "tanh") {
    MapFloats(c, [](float x) {
      return 0.5f * x * (1.0f + std::tanh(0.7978845608f * (x + 0.044715f * x * x * x)));
    });
  } else {
    MapFloats(c, [](float x) { return 0.5f * x * (1.0f + std::erf(x * 0.70710678f)); });
  }
}
Status InferGelu(InferContext& context) {
  const std::string_view approximate = context.node().GetString("approximate", "none");
  if (approximate != "none" && approximate != "tanh") {
    return context.Error("approximate must be 'none' or 'tanh'");
  }
  return InferFloatUnary(context);
}
void RunThresholdedRelu(const RunContext& c) {
  const float alpha = c.node.GetFloat("alpha", 1.0f);
  MapFloats(c, [alpha](float x) { return x > alpha ? x : 0.0f; });
}

const OpKernel kUnaryMathKernels[] = {
    {"Abs", InferFloatUnary, RunAbs},
    {"Reciprocal", InferFloatUnary, RunReciprocal},
    {"Floor", InferFloatUnary, RunFloor},
    {"Ceil", InferFloatUnary, RunCeil},
    {"Round", InferFloatUnary, RunRound},
    {"Sign", InferFloatUnary, RunSign},
    {"Sin", InferFloatUnary, RunSin},
    {"Cos", InferFloatUnary, RunCos},
    {"Softplus", InferFloatUnary, RunSoftplus},
    {"Softsign", InferFloatUnary, RunSoftsign},
    {"Elu", InferFloatUnary, RunElu},
    {"Selu", InferFloatUnary, RunSelu},
    {"Celu", InferFloatUnary, RunCelu},
    {"ThresholdedRelu", InferFloatUnary, RunThresholdedRelu},
    {"Mish", InferFloatUnary, RunMish},
    {"Gelu", InferGelu, RunGelu},
};

}  // namespace

std::span<const OpKernel> UnaryMathKernels() { return kUnaryMathKernels; }

}  // namespace dq::ml
