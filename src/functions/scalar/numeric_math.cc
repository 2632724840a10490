// NUMERIC arithmetic that needs more than 128 bits, and NUMERIC math functions:
//   "$multiply", "$divide", SAFE_DIVIDE, MOD, DIV, ABS, SIGN, ROUND(x[, digits]),
//   TRUNC(x[, digits]), CEIL/CEILING, FLOOR.
//
// NUMERIC values are int128 scaled by 10^9 (types/numeric.h). A product of two scaled values
// needs up to 254 bits before it is scaled back, and a quotient needs the dividend times 10^9,
// so both use a small unsigned 256-bit integer (four 64-bit limbs). Results are rounded half
// away from zero to 9 fractional digits. Errors (kOutOfRange): "numeric overflow",
// "division by zero: 1 / 0" (and "division by zero: MOD(1, 0)", "... DIV(1, 0)").
#include <cstdint>
#include <string>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "types/numeric.h"

namespace dq {

namespace {

using uint128_t = unsigned __int128;

[[noreturn]] void ThrowNumericOverflow() {
  throw Error(ErrorKind::kOutOfRange, "numeric overflow");
}

[[noreturn]] void ThrowDivisionByZero(const std::string& expression) {
  throw Error(ErrorKind::kOutOfRange, "division by zero: " + expression);
}

// Unsigned 256-bit integer, limbs[0] least significant.
struct UInt256 {
  uint64_t limbs[4] = {0, 0, 0, 0};

  bool FitsIn128() const { return limbs[2] == 0 && limbs[3] == 0; }
  uint128_t Low128() const { return (static_cast<uint128_t>(limbs[1]) << 64) | limbs[0]; }
  bool Bit(int index) const { return (limbs[index / 64] >> (index % 64)) & 1; }
  void SetBit(int index) { limbs[index / 64] |= uint64_t{1} << (index % 64); }
  void Increment() {
    for (uint64_t& limb : limbs) {
      if (++limb != 0) break;
    }
  }
};

UInt256 Multiply(uint128_t left, uint128_t right) {
  uint64_t left_low = static_cast<uint64_t>(left);
  uint64_t left_high = static_cast<uint64_t>(left >> 64);
  uint64_t right_low = static_cast<uint64_t>(right);
  uint64_t right_high = static_cast<uint64_t>(right >> 64);
  uint128_t low_low = static_cast<uint128_t>(left_low) * right_low;
  uint128_t low_high = static_cast<uint128_t>(left_low) * right_high;
  uint128_t high_low = static_cast<uint128_t>(left_high) * right_low;
  uint128_t high_high = static_cast<uint128_t>(left_high) * right_high;
  UInt256 product;
  product.limbs[0] = static_cast<uint64_t>(low_low);
  uint128_t middle =
      (low_low >> 64) + static_cast<uint64_t>(low_high) + static_cast<uint64_t>(high_low);
  product.limbs[1] = static_cast<uint64_t>(middle);
  uint128_t upper =
      (middle >> 64) + (low_high >> 64) + (high_low >> 64) + static_cast<uint64_t>(high_high);
  product.limbs[2] = static_cast<uint64_t>(upper);
  product.limbs[3] = static_cast<uint64_t>((upper >> 64) + (high_high >> 64));
  return product;
}

// value /= divisor (divisor < 2^64); returns the remainder.
uint64_t DivideSmall(UInt256& value, uint64_t divisor) {
  uint128_t remainder = 0;
  for (int index = 3; index >= 0; --index) {
    uint128_t current = (remainder << 64) | value.limbs[index];
    value.limbs[index] = static_cast<uint64_t>(current / divisor);
    remainder = current % divisor;
  }
  return static_cast<uint64_t>(remainder);
}

// Quotient of value / divisor rounded half away from zero (as a magnitude).
// REQUIRES: 0 < divisor < 2^127.
UInt256 DivideRounded(const UInt256& value, uint128_t divisor) {
  UInt256 quotient;
  uint128_t remainder;
  if (value.FitsIn128()) {
    uint128_t low = value.Low128();
    uint128_t result = low / divisor;
    remainder = low % divisor;
    quotient.limbs[0] = static_cast<uint64_t>(result);
    quotient.limbs[1] = static_cast<uint64_t>(result >> 64);
  } else {
    // Shift-subtract long division; the remainder stays below divisor < 2^127.
    remainder = 0;
    for (int bit = 255; bit >= 0; --bit) {
      remainder = (remainder << 1) | (value.Bit(bit) ? 1 : 0);
      if (remainder >= divisor) {
        remainder -= divisor;
        quotient.SetBit(bit);
      }
    }
  }
  if (remainder * 2 >= divisor) quotient.Increment();
  return quotient;
}

uint128_t Magnitude(int128_t value) {
  return value < 0 ? static_cast<uint128_t>(0) - static_cast<uint128_t>(value)
                   : static_cast<uint128_t>(value);
}

int128_t SignedResult(const UInt256& magnitude, bool negative) {
  if (!magnitude.FitsIn128()) ThrowNumericOverflow();
  uint128_t low = magnitude.Low128();
  if (low > static_cast<uint128_t>(NumericMaxScaled())) ThrowNumericOverflow();
  int128_t result = static_cast<int128_t>(low);
  return negative ? -result : result;
}

int128_t NumericMultiply(int128_t left, int128_t right) {
  UInt256 product = Multiply(Magnitude(left), Magnitude(right));
  uint64_t remainder = DivideSmall(product, static_cast<uint64_t>(kNumericScaleFactor));
  if (remainder * 2 >= static_cast<uint64_t>(kNumericScaleFactor)) product.Increment();
  return SignedResult(product, (left < 0) != (right < 0));
}

// REQUIRES: right != 0.
int128_t NumericDivide(int128_t left, int128_t right) {
  UInt256 dividend = Multiply(Magnitude(left), static_cast<uint128_t>(kNumericScaleFactor));
  return SignedResult(DivideRounded(dividend, Magnitude(right)), (left < 0) != (right < 0));
}

int128_t PowerOfTen(int exponent) {
  int128_t value = 1;
  for (int count = 0; count < exponent; ++count) value *= 10;
  return value;
}

enum class RoundMode { kHalfAwayFromZero, kTruncate, kCeiling, kFloor };

// Rounds a scaled value to `digits` fractional digits (digits may be negative).
int128_t RoundNumeric(int128_t value, int64_t digits, RoundMode mode) {
  if (digits >= kNumericScale) return value;
  int64_t dropped = kNumericScale - digits;  // > 0
  if (dropped > 38) {
    // |value| < 10^38 <= half of 10^dropped: every mode gives 0 except ceiling/floor.
    if (mode == RoundMode::kCeiling && value > 0) ThrowNumericOverflow();
    if (mode == RoundMode::kFloor && value < 0) ThrowNumericOverflow();
    return 0;
  }
  int128_t unit = PowerOfTen(static_cast<int>(dropped));
  int128_t quotient = value / unit;
  int128_t remainder = value % unit;
  switch (mode) {
    case RoundMode::kHalfAwayFromZero:
      if (remainder >= unit - remainder && remainder > 0) ++quotient;
      if (-remainder >= unit + remainder && remainder < 0) --quotient;
      break;
    case RoundMode::kTruncate:
      break;
    case RoundMode::kCeiling:
      if (remainder > 0) ++quotient;
      break;
    case RoundMode::kFloor:
      if (remainder < 0) --quotient;
      break;
  }
  // quotient * unit can exceed NUMERIC's range (and, for 10^38, nearly int128's).
  int128_t limit = NumericMaxScaled() / unit;
  if (quotient > limit || quotient < -limit) ThrowNumericOverflow();
  return quotient * unit;
}

void MultiplyKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int128_t, int128_t, int128_t>(args.column(0), args.column(1), args.size(), result,
                                              NumericMultiply);
}

void DivideKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int128_t, int128_t, int128_t>(
      args.column(0), args.column(1), args.size(), result, [](int128_t left, int128_t right) {
        if (right == 0) ThrowDivisionByZero(FormatNumeric(left) + " / " + FormatNumeric(right));
        return NumericDivide(left, right);
      });
}

void SafeDivideKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinaryWithNulls<int128_t, int128_t, int128_t>(
      args.column(0), args.column(1), args.size(), result,
      [](int128_t left, int128_t right, Vector& out, size_t row) -> int128_t {
        if (right == 0) {
          out.SetNull(row);
          return 0;
        }
        return NumericDivide(left, right);
      });
}

void ModKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int128_t, int128_t, int128_t>(
      args.column(0), args.column(1), args.size(), result, [](int128_t left, int128_t right) {
        if (right == 0) {
          ThrowDivisionByZero("MOD(" + FormatNumeric(left) + ", " + FormatNumeric(right) + ")");
        }
        return left % right;  // both scaled by 10^9: the remainder is too
      });
}

void DivKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int128_t, int128_t, int128_t>(
      args.column(0), args.column(1), args.size(), result, [](int128_t left, int128_t right) {
        if (right == 0) {
          ThrowDivisionByZero("DIV(" + FormatNumeric(left) + ", " + FormatNumeric(right) + ")");
        }
        int128_t quotient = left / right;  // truncated integer quotient
        if (quotient > NumericMaxScaled() / kNumericScaleFactor ||
            quotient < -(NumericMaxScaled() / kNumericScaleFactor)) {
          ThrowNumericOverflow();
        }
        return quotient * kNumericScaleFactor;
      });
}

void AbsKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int128_t, int128_t>(args.column(0), args.size(), result,
                                   [](int128_t value) { return value < 0 ? -value : value; });
}

void SignKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int128_t, int128_t>(args.column(0), args.size(), result, [](int128_t value) {
    return static_cast<int128_t>((value > 0) - (value < 0)) * kNumericScaleFactor;
  });
}

template <RoundMode kMode>
void RoundWhole(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int128_t, int128_t>(args.column(0), args.size(), result,
                                   [](int128_t value) { return RoundNumeric(value, 0, kMode); });
}

template <RoundMode kMode>
void RoundDigits(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int128_t, int64_t, int128_t>(
      args.column(0), args.column(1), args.size(), result,
      [](int128_t value, int64_t digits) { return RoundNumeric(value, digits, kMode); });
}

}  // namespace

void RegisterNumericMathFunctions(FunctionRegistry& registry) {
  constexpr TypeId kNumeric = TypeId::kNumeric;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = kNumeric,
                                      .kernel = kernel});
  };
  add("$multiply", {kNumeric, kNumeric}, MultiplyKernel);
  add("$divide", {kNumeric, kNumeric}, DivideKernel);
  add("SAFE_DIVIDE", {kNumeric, kNumeric}, SafeDivideKernel);
  add("MOD", {kNumeric, kNumeric}, ModKernel);
  add("DIV", {kNumeric, kNumeric}, DivKernel);
  add("ABS", {kNumeric}, AbsKernel);
  add("SIGN", {kNumeric}, SignKernel);
  add("ROUND", {kNumeric}, RoundWhole<RoundMode::kHalfAwayFromZero>);
  add("ROUND", {kNumeric, TypeId::kInt64}, RoundDigits<RoundMode::kHalfAwayFromZero>);
  add("TRUNC", {kNumeric}, RoundWhole<RoundMode::kTruncate>);
  add("TRUNC", {kNumeric, TypeId::kInt64}, RoundDigits<RoundMode::kTruncate>);
  add("CEIL", {kNumeric}, RoundWhole<RoundMode::kCeiling>);
  add("CEILING", {kNumeric}, RoundWhole<RoundMode::kCeiling>);
  add("FLOOR", {kNumeric}, RoundWhole<RoundMode::kFloor>);
}

}  // namespace dq
