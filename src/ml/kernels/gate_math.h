// Activation math for the recurrent kernels (lstm.cc, gru.cc): exp, sigmoid and tanh written
// branch-free in plain float/int arithmetic, so that a loop applying them to an array
// vectorizes (no libm call in the loop body). Accuracy (checked in recurrent_test.cc): relative
// error below 3e-7 for e^x - 1, sigmoid and tanh (sigmoid: where it is above 1e-35). Inputs are
// clamped, so no overflow or NaN arises from finite inputs.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>

namespace dq::ml {

// e^x - 1 for x clamped to [-87, 88] (the normal float range), accurate also near 0:
// x = n ln2 + r with |r| <= ln2/2, e^r - 1 = r (1 + r/2 + r^2/6 + ... + r^7/8!) (Taylor,
// truncation below 1e-8 relative), then e^x - 1 = 2^n (e^r - 1) + (2^n - 1) with 2^n built in
// the exponent bits. For n = 0 nothing cancels, so small x keeps its relative accuracy.
inline float FastExpMinusOne(float x) {
  x = std::min(std::max(x, -87.0f), 88.0f);
  constexpr float kLog2e = 1.44269504f;
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const float shifted = x * kLog2e + kRound;
  const float n = shifted - kRound;
  // ln 2 split in a part exact in float and a remainder (Cody-Waite reduction).
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.0f / 40320.0f;
  p = p * r + 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  const int32_t exponent = std::bit_cast<int32_t>(shifted) - std::bit_cast<int32_t>(kRound);
  const float scale = std::bit_cast<float>((exponent + 127) << 23);
  return scale * (p * r) + (scale - 1.0f);
}

inline float FastSigmoid(float x) { return 1.0f / (2.0f + FastExpMinusOne(-x)); }

// tanh(x) = (e^2x - 1) / (e^2x + 1), with e^2x - 1 computed directly so that it does not
// cancel near 0.
inline float FastTanh(float x) {
  const float m = FastExpMinusOne(2.0f * x);
  return m / (m + 2.0f);
}

// The activation functions a recurrent node may name (ONNX's required set).
enum class GateActivation : uint8_t { kSigmoid, kTanh, kRelu };

// Parses an ONNX activation name (case-insensitive); false when it is not supported.
inline bool ParseGateActivation(std::string_view name, GateActivation* activation) {
  auto equals = [&](std::string_view expected) {
    return name.size() == expected.size() &&
           std::equal(name.begin(), name.end(), expected.begin(), [](char a, char b) {
             return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b;
           });
  };
  if (equals("sigmoid")) {
    *activation = GateActivation::kSigmoid;
  } else if (equals("tanh")) {
    *activation = GateActivation::kTanh;
  } else if (equals("relu")) {
    *activation = GateActivation::kRelu;
  } else {
    return false;
  }
  return true;
}

// Applies `activation` in place to `count` floats.
inline void ApplyGateActivation(GateActivation activation, float* data, int64_t count) {
  switch (activation) {
    case GateActivation::kSigmoid:
      for (int64_t index = 0; index < count; ++index) data[index] = FastSigmoid(data[index]);
      break;
    case GateActivation::kTanh:
      for (int64_t index = 0; index < count; ++index) data[index] = FastTanh(data[index]);
      break;
    case GateActivation::kRelu:
      for (int64_t index = 0; index < count; ++index) data[index] = std::max(data[index], 0.0f);
      break;
  }
}

}  // namespace dq::ml
