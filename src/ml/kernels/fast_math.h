// Vectorizable float functions for the model kernels: plain arithmetic and bit operations,
// no library calls, so a loop over them compiles to SIMD code (with -O3 -fno-trapping-math,
// as the kernels are built).
//
//   FastExp(x): e^x within 2 ULP for x in [-87, 88]; 0 below -87.3 (where e^x leaves the
//   normal float range), +inf above 88.7, NaN for NaN.
#pragma once

#include <cstdint>
#include <cstring>

namespace dq::ml {

inline float FastExp(float x) {
  // e^x = 2^n * e^r with n = round(x / ln 2) and |r| <= ln(2) / 2; e^r by its Taylor series to
  // r^7 (remainder below 2e-8 relative), 2^n by building the float's exponent bits.
  constexpr float kLog2e = 1.44269504f;
  constexpr float kLn2High = 0.693145752f;  // ln 2 split so that n * kLn2High is exact
  constexpr float kLn2Low = 1.42860677e-06f;
  constexpr float kRound = 12582912.0f;     // 1.5 * 2^23: adding it rounds to an integer
  float clamped = x < -87.3f ? -87.3f : (x > 88.7f ? 88.7f : x);
  float n = (clamped * kLog2e + kRound) - kRound;
  float r = (clamped - n * kLn2High) - n * kLn2Low;
  float p = 1.0f + r * (1.0f + r * (0.5f + r * (1.0f / 6 + r * (1.0f / 24 +
                r * (1.0f / 120 + r * (1.0f / 720 + r * (1.0f / 5040)))))));
  int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof(scale));
  float value = p * scale;
  value = x < -87.3f ? 0.0f : value;
  value = x > 88.7f ? __builtin_inff() : value;
  return x != x ? x : value;
}

}  // namespace dq::ml
