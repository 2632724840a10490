// Arithmetic operators: + - * / and unary minus on INT64, FLOAT64 and NUMERIC, registered as
// "$add", "$subtract", "$multiply", "$divide", "$negate", plus "$integer_divide" (the
// sqllogictest compatibility mode's INT64 / INT64).
//
// INT64 overflow and division by zero are errors (kOutOfRange), never wrap-arounds; the SAFE.
// prefix turns them into NULL (handled by the executor).
#include <cmath>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "types/numeric.h"

namespace dq {

namespace {

[[noreturn]] void ThrowOverflow(const char* operation, int64_t left, int64_t right) {
  throw Error(ErrorKind::kOutOfRange, std::string("int64 overflow: ") + std::to_string(left) +
                                          " " + operation + " " + std::to_string(right));
}

[[noreturn]] void ThrowNumericOverflow(const char* operation) {
  throw Error(ErrorKind::kOutOfRange, std::string("numeric overflow in ") + operation);
}

[[noreturn]] void ThrowDivisionByZero(const std::string& left, const std::string& right) {
  throw Error(ErrorKind::kOutOfRange, "division by zero: " + left + " / " + right);
}

void AddInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result, [](int64_t left, int64_t right) {
        int64_t sum;
        if (__builtin_add_overflow(left, right, &sum)) ThrowOverflow("+", left, right);
        return sum;
      });
}

void SubtractInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result, [](int64_t left, int64_t right) {
        int64_t difference;
        if (__builtin_sub_overflow(left, right, &difference)) ThrowOverflow("-", left, right);
        return difference;
      });
}

void MultiplyInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result, [](int64_t left, int64_t right) {
        int64_t product;
        if (__builtin_mul_overflow(left, right, &product)) ThrowOverflow("*", left, right);
        return product;
      });
}

void IntegerDivideInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  // SQLite semantics for the sqllogictest corpus: truncating division, x / 0 is NULL.
  ExecuteBinaryWithNulls<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result,
      [](int64_t left, int64_t right, Vector& out, size_t row) -> int64_t {
        if (right == 0) {
          out.SetNull(row);
          return 0;
        }
        if (left == INT64_MIN && right == -1) ThrowOverflow("/", left, right);
        return left / right;
      });
}

void NegateInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result, [](int64_t value) {
    if (value == INT64_MIN) {
      throw Error(ErrorKind::kOutOfRange, "int64 overflow: -(" + std::to_string(value) + ")");
    }
    return -value;
  });
}

[[noreturn, gnu::noinline, gnu::cold]] void ThrowDoubleOverflow(double left, double right,
                                                             const char* operation) {
  throw Error(ErrorKind::kOutOfRange, std::string("double overflow: ") + FormatDouble(left) +
                                          " " + operation + " " + FormatDouble(right));
}

// GoogleSQL: a FLOAT64 operation on finite inputs that overflows to +-inf is an error.
inline double CheckFinite(double result, double left, double right, const char* operation) {
  if (__builtin_expect(std::isinf(result), 0) && std::isfinite(left) && std::isfinite(right)) {
    ThrowDoubleOverflow(left, right, operation);
  }
  return result;
}

void AddFloat64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<double, double, double>(
      args.column(0), args.column(1), args.size(), result,
      [](double left, double right) { return CheckFinite(left + right, left, right, "+"); });
}

void SubtractFloat64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<double, double, double>(
      args.column(0), args.column(1), args.size(), result,
      [](double left, double right) { return CheckFinite(left - right, left, right, "-"); });
}

void MultiplyFloat64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<double, double, double>(
      args.column(0), args.column(1), args.size(), result,
      [](double left, double right) { return CheckFinite(left * right, left, right, "*"); });
}

void DivideFloat64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<double, double, double>(
      args.column(0), args.column(1), args.size(), result, [](double left, double right) {
        if (right == 0) ThrowDivisionByZero(FormatDouble(left), FormatDouble(right));
        return CheckFinite(left / right, left, right, "/");
      });
}

void NegateFloat64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<double, double>(args.column(0), args.size(), result,
                               [](double value) { return -value; });
}

void AddNumeric(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int128_t, int128_t, int128_t>(
      args.column(0), args.column(1), args.size(), result, [](int128_t left, int128_t right) {
        int128_t sum = left + right;  // cannot overflow int128: both are below 10^38
        if (!NumericInRange(sum)) ThrowNumericOverflow("+");
        return sum;
      });
}

void SubtractNumeric(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int128_t, int128_t, int128_t>(
      args.column(0), args.column(1), args.size(), result, [](int128_t left, int128_t right) {
        int128_t difference = left - right;
        if (!NumericInRange(difference)) ThrowNumericOverflow("-");
        return difference;
      });
}

void NegateNumeric(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int128_t, int128_t>(args.column(0), args.size(), result,
                                   [](int128_t value) { return -value; });
}

void AddBinary(FunctionRegistry& registry, const char* name, TypeId type, ScalarKernel kernel) {
  registry.AddScalar(ScalarFunction{.name = name,
                                    .arguments = {type, type},
                                    .return_type = type,
                                    .kernel = kernel});
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {
  AddBinary(registry, "$add", TypeId::kInt64, AddInt64);
  AddBinary(registry, "$add", TypeId::kNumeric, AddNumeric);
  AddBinary(registry, "$add", TypeId::kFloat64, AddFloat64);
  AddBinary(registry, "$subtract", TypeId::kInt64, SubtractInt64);
  AddBinary(registry, "$subtract", TypeId::kNumeric, SubtractNumeric);
  AddBinary(registry, "$subtract", TypeId::kFloat64, SubtractFloat64);
  AddBinary(registry, "$multiply", TypeId::kInt64, MultiplyInt64);
  AddBinary(registry, "$multiply", TypeId::kFloat64, MultiplyFloat64);
  AddBinary(registry, "$divide", TypeId::kFloat64, DivideFloat64);
  AddBinary(registry, "$integer_divide", TypeId::kInt64, IntegerDivideInt64);
  registry.AddScalar(ScalarFunction{.name = "$negate", .arguments = {TypeId::kInt64},
                                    .return_type = TypeId::kInt64, .kernel = NegateInt64});
  registry.AddScalar(ScalarFunction{.name = "$negate", .arguments = {TypeId::kNumeric},
                                    .return_type = TypeId::kNumeric, .kernel = NegateNumeric});
  registry.AddScalar(ScalarFunction{.name = "$negate", .arguments = {TypeId::kFloat64},
                                    .return_type = TypeId::kFloat64, .kernel = NegateFloat64});
}

}  // namespace dq
