// Bitwise operators on INT64: "$bitwise_and" (&), "$bitwise_or" (|), "$bitwise_xor" (^),
// "$bitwise_not" (~), "$shift_left" (<<), "$shift_right" (>>).
//
// As in GoogleSQL, shifts treat the value as 64 raw bits: >> fills with zeros (no sign
// extension), shifting by 64 or more gives 0, and a negative shift count is an error
// ("Bitwise shift by negative offset: -1", kOutOfRange).
#include <cstdint>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"

namespace dq {

namespace {

uint64_t ShiftCount(int64_t count) {
  if (count < 0) {
    throw Error(ErrorKind::kOutOfRange,
                "Bitwise shift by negative offset: " + std::to_string(count));
  }
  return static_cast<uint64_t>(count);
}

struct AndOp {
  static int64_t Apply(int64_t left, int64_t right) { return left & right; }
};
struct OrOp {
  static int64_t Apply(int64_t left, int64_t right) { return left | right; }
};
struct XorOp {
  static int64_t Apply(int64_t left, int64_t right) { return left ^ right; }
};
struct ShiftLeftOp {
  static int64_t Apply(int64_t value, int64_t count) {
    uint64_t shift = ShiftCount(count);
    return shift >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(value) << shift);
  }
};
struct ShiftRightOp {
  static int64_t Apply(int64_t value, int64_t count) {
    uint64_t shift = ShiftCount(count);
    return shift >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(value) >> shift);
  }
};

template <typename Op>
void BinaryKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result,
      [](int64_t left, int64_t right) { return Op::Apply(left, right); });
}

void NotKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result,
                                 [](int64_t value) { return ~value; });
}

}  // namespace

void RegisterBitwiseFunctions(FunctionRegistry& registry) {
  auto add = [&](const char* name, ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = {TypeId::kInt64, TypeId::kInt64},
                                      .return_type = TypeId::kInt64,
                                      .kernel = kernel});
  };
  add("$bitwise_and", BinaryKernel<AndOp>);
  add("$bitwise_or", BinaryKernel<OrOp>);
  add("$bitwise_xor", BinaryKernel<XorOp>);
  add("$shift_left", BinaryKernel<ShiftLeftOp>);
  add("$shift_right", BinaryKernel<ShiftRightOp>);
  registry.AddScalar(ScalarFunction{.name = "$bitwise_not",
                                    .arguments = {TypeId::kInt64},
                                    .return_type = TypeId::kInt64,
                                    .kernel = NotKernel});
}

}  // namespace dq
