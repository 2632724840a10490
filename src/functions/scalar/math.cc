// Math functions on INT64 and FLOAT64 (NUMERIC overloads live in numeric_math.cc):
//   ABS, SIGN, ROUND(x[, digits]), TRUNC(x[, digits]), CEIL/CEILING, FLOOR, SQRT, POW/POWER,
//   EXP, LN, LOG(x[, base]), LOG10, MOD, DIV, IEEE_DIVIDE, SAFE_DIVIDE, RAND, IS_INF, IS_NAN,
//   SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, SINH, COSH, TANH, ASINH, ACOSH, ATANH, and the
//   reciprocals COT, CSC, SEC, COTH, CSCH, SECH.
//
// Rounding is half away from zero. Errors are kOutOfRange with GoogleSQL-like texts:
//   "int64 overflow: ABS(-9223372036854775808)", "division by zero: MOD(5, 0)",
//   "Argument to SQRT cannot be negative: -1", "Argument to LN cannot be zero or negative: 0",
//   "Floating point overflow in function: EXP(1000)",
//   "Floating point error in function: POW(-1, 0.5)", "Floating point error in function: COT(0)".
// NaN inputs give NaN (never an error); infinities follow IEEE where the result is defined.
#include <cmath>
#include <limits>
#include <random>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "types/value.h"

namespace dq {

namespace {

[[noreturn]] void ThrowMath(std::string message) {
  throw Error(ErrorKind::kOutOfRange, std::move(message));
}

std::string Call(const char* name, double argument) {
  return std::string(name) + "(" + FormatDouble(argument) + ")";
}

std::string Call(const char* name, double left, double right) {
  return std::string(name) + "(" + FormatDouble(left) + ", " + FormatDouble(right) + ")";
}

std::string Call(const char* name, int64_t left, int64_t right) {
  return std::string(name) + "(" + std::to_string(left) + ", " + std::to_string(right) + ")";
}

// Checks a floating point result computed from finite inputs.
double CheckFloat(double result, const char* name, double argument) {
  if (std::isinf(result) && std::isfinite(argument)) {
    ThrowMath("Floating point overflow in function: " + Call(name, argument));
  }
  if (std::isnan(result) && !std::isnan(argument)) {
    ThrowMath("Floating point error in function: " + Call(name, argument));
  }
  return result;
}

template <typename Op>
void UnaryDouble(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<double, double>(args.column(0), args.size(), result,
                               [](double value) { return Op::Apply(value); });
}

template <typename Op>
void BinaryDouble(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<double, double, double>(
      args.column(0), args.column(1), args.size(), result,
      [](double left, double right) { return Op::Apply(left, right); });
}

double RoundToDigits(double value, int64_t digits, bool truncate) {
  if (!std::isfinite(value)) return value;
  auto whole = [truncate](double number) {
    return truncate ? std::trunc(number) : std::round(number);
  };
  if (digits > 330) return value;
  if (digits < -330) return std::copysign(0.0, value);
  if (digits >= 0) {
    double scale = std::pow(10.0, static_cast<double>(digits));
    double scaled = value * scale;
    if (!std::isfinite(scaled)) return value;  // more digits than a double has
    return whole(scaled) / scale;
  }
  double scale = std::pow(10.0, static_cast<double>(-digits));
  double rounded = whole(value / scale) * scale;
  if (!std::isfinite(rounded)) {
    ThrowMath("Floating point overflow in function: ROUND(" + FormatDouble(value) + ", " +
              std::to_string(digits) + ")");
  }
  return rounded;
}

struct RoundOp {
  static double Apply(double value) { return std::round(value); }
};
struct TruncOp {
  static double Apply(double value) { return std::trunc(value); }
};
struct CeilOp {
  static double Apply(double value) { return std::ceil(value); }
};
struct FloorOp {
  static double Apply(double value) { return std::floor(value); }
};
struct AbsOp {
  static double Apply(double value) { return std::fabs(value); }
};
struct SignOp {
  static double Apply(double value) {
    if (std::isnan(value)) return value;
    return value > 0 ? 1.0 : (value < 0 ? -1.0 : 0.0);
  }
};
struct SqrtOp {
  static double Apply(double value) {
    if (value < 0) ThrowMath("Argument to SQRT cannot be negative: " + FormatDouble(value));
    return std::sqrt(value);
  }
};
struct ExpOp {
  static double Apply(double value) { return CheckFloat(std::exp(value), "EXP", value); }
};
template <const char* kName>
struct LogarithmOp {
  static double Apply(double value) {
    if (value <= 0) {
      ThrowMath(std::string("Argument to ") + kName +
                " cannot be zero or negative: " + FormatDouble(value));
    }
    return std::log(value);
  }
};
constexpr char kLn[] = "LN";
constexpr char kLog[] = "LOG";
struct Log10Op {
  static double Apply(double value) {
    if (value <= 0)
      ThrowMath("Argument to LOG10 cannot be zero or negative: " + FormatDouble(value));
    return std::log10(value);
  }
};
// LOG(x, base) follows BigQuery's table: x = -inf or base = +inf gives NaN before the domain
// checks (so LOG(-inf, 1) is NaN, not an error).
struct LogBaseOp {
  static double Apply(double value, double base) {
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    if (value == -kInfinity || base == kInfinity) return std::numeric_limits<double>::quiet_NaN();
    if (value <= 0) ThrowMath("Argument to LOG cannot be zero or negative: " + FormatDouble(value));
    if (base <= 0) ThrowMath("Base of LOG cannot be zero or negative: " + FormatDouble(base));
    if (base == 1) ThrowMath("Base of LOG cannot be 1");
    return std::log(value) / std::log(base);
  }
};
struct PowOp {
  static double Apply(double base, double exponent) {
    double result = std::pow(base, exponent);
    bool finite_inputs = std::isfinite(base) && std::isfinite(exponent);
    if (std::isinf(result) && finite_inputs) {
      if (base == 0) ThrowMath("Floating point error in function: " + Call("POW", base, exponent));
      ThrowMath("Floating point overflow in function: " + Call("POW", base, exponent));
    }
    if (std::isnan(result) && !std::isnan(base) && !std::isnan(exponent)) {
      ThrowMath("Floating point error in function: " + Call("POW", base, exponent));
    }
    return result;
  }
};
struct IeeeDivideOp {
  static double Apply(double left, double right) { return left / right; }
};
struct Atan2Op {
  static double Apply(double y, double x) { return std::atan2(y, x); }
};
// Hyperbolic functions: an overflow (SINH(1000)) or a result outside the domain (ACOSH(0.5),
// ATANH(1)) from a finite input is an error; infinite inputs give the limits.
template <const char* kName, double (*kFunction)(double)>
struct CheckedOp {
  static double Apply(double value) { return CheckFloat(kFunction(value), kName, value); }
};
// The reciprocal functions (COT, CSC, SEC, COTH, CSCH, SECH): 1 / f(x). Their pole at zero is
// an error, as in GoogleSQL (SAFE. makes it NULL); elsewhere the IEEE result stands (COT(+inf)
// is NaN, CSCH(+inf) is 0).
template <const char* kName, double (*kFunction)(double), bool kPoleAtZero>
struct ReciprocalOp {
  static double Apply(double value) {
    if (kPoleAtZero && value == 0) {
      ThrowMath(std::string("Floating point error in function: ") + Call(kName, value));
    }
    return 1.0 / kFunction(value);
  }
};
// Functions defined everywhere, IEEE results as they are (SIN(+inf) is NaN).
template <double (*kFunction)(double)>
struct PlainOp {
  static double Apply(double value) { return kFunction(value); }
};
double Atan(double value) { return std::atan(value); }
double Sin(double value) { return std::sin(value); }
double Cos(double value) { return std::cos(value); }
double Tan(double value) { return std::tan(value); }
double Sinh(double value) { return std::sinh(value); }
double Cosh(double value) { return std::cosh(value); }
double Tanh(double value) { return std::tanh(value); }
double Asinh(double value) { return std::asinh(value); }
double Acosh(double value) { return std::acosh(value); }
double Atanh(double value) { return std::atanh(value); }
constexpr char kSinh[] = "SINH";
constexpr char kCosh[] = "COSH";
constexpr char kTanh[] = "TANH";
constexpr char kAsinh[] = "ASINH";
constexpr char kAcosh[] = "ACOSH";
constexpr char kAtanh[] = "ATANH";
constexpr char kCot[] = "COT";
constexpr char kCsc[] = "CSC";
constexpr char kSec[] = "SEC";
constexpr char kCoth[] = "COTH";
constexpr char kCsch[] = "CSCH";
constexpr char kSech[] = "SECH";

template <const char* kName, double (*kFunction)(double)>
struct InverseTrigOp {
  static double Apply(double value) {
    if (value < -1 || value > 1) {
      ThrowMath(std::string("Floating point error in function: ") + Call(kName, value));
    }
    return kFunction(value);
  }
};
double Asin(double value) { return std::asin(value); }
double Acos(double value) { return std::acos(value); }
constexpr char kAsin[] = "ASIN";
constexpr char kAcos[] = "ACOS";

void RoundDigitsDouble(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<double, int64_t, double>(
      args.column(0), args.column(1), args.size(), result,
      [](double value, int64_t digits) { return RoundToDigits(value, digits, false); });
}

void TruncDigitsDouble(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<double, int64_t, double>(
      args.column(0), args.column(1), args.size(), result,
      [](double value, int64_t digits) { return RoundToDigits(value, digits, true); });
}

void AbsInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result, [](int64_t value) {
    if (value == INT64_MIN) ThrowMath("int64 overflow: ABS(" + std::to_string(value) + ")");
    return value < 0 ? -value : value;
  });
}

void SignInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result, [](int64_t value) {
    return static_cast<int64_t>((value > 0) - (value < 0));
  });
}

void ModInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result, [](int64_t left, int64_t right) {
        if (right == 0) ThrowMath("division by zero: " + Call("MOD", left, right));
        if (right == -1) return int64_t{0};  // avoids INT64_MIN % -1
        return left % right;
      });
}

void DivInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result, [](int64_t left, int64_t right) {
        if (right == 0) ThrowMath("division by zero: " + Call("DIV", left, right));
        if (left == INT64_MIN && right == -1)
          ThrowMath("int64 overflow: " + Call("DIV", left, right));
        return left / right;
      });
}

void SafeDivideFloat64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinaryWithNulls<double, double, double>(
      args.column(0), args.column(1), args.size(), result,
      [](double left, double right, Vector& out, size_t row) {
        double quotient = left / right;
        // Division by zero and overflow of finite inputs are NULL.
        if (right == 0 || (std::isinf(quotient) && std::isfinite(left) && std::isfinite(right))) {
          out.SetNull(row);
          return 0.0;
        }
        return quotient;
      });
}

void SafeDivideInt64(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinaryWithNulls<int64_t, int64_t, double>(
      args.column(0), args.column(1), args.size(), result,
      [](int64_t left, int64_t right, Vector& out, size_t row) {
        if (right == 0) {
          out.SetNull(row);
          return 0.0;
        }
        return static_cast<double>(left) / static_cast<double>(right);
      });
}

void IsInf(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<double, bool>(args.column(0), args.size(), result,
                             [](double value) { return std::isinf(value); });
}

void IsNan(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<double, bool>(args.column(0), args.size(), result,
                             [](double value) { return std::isnan(value); });
}

void Rand(const ScalarCall&, const DataChunk& args, Vector& result) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> distribution(0.0, 1.0);
  double* out = result.Data<double>();
  for (size_t row = 0; row < args.size(); ++row) out[row] = distribution(generator);
}

void Add(FunctionRegistry& registry, const char* name, std::vector<LogicalType> arguments,
         LogicalType return_type, ScalarKernel kernel) {
  registry.AddScalar(ScalarFunction{.name = name,
                                    .arguments = std::move(arguments),
                                    .return_type = return_type,
                                    .kernel = kernel});
}

void AddUnaryDouble(FunctionRegistry& registry, const char* name, ScalarKernel kernel) {
  Add(registry, name, {TypeId::kFloat64}, TypeId::kFloat64, kernel);
}

void AddBinaryDouble(FunctionRegistry& registry, const char* name, ScalarKernel kernel) {
  Add(registry, name, {TypeId::kFloat64, TypeId::kFloat64}, TypeId::kFloat64, kernel);
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& registry) {
  constexpr TypeId kInt64 = TypeId::kInt64;
  constexpr TypeId kFloat64 = TypeId::kFloat64;
  Add(registry, "ABS", {kInt64}, kInt64, AbsInt64);
  AddUnaryDouble(registry, "ABS", UnaryDouble<AbsOp>);
  Add(registry, "SIGN", {kInt64}, kInt64, SignInt64);
  AddUnaryDouble(registry, "SIGN", UnaryDouble<SignOp>);
  AddUnaryDouble(registry, "ROUND", UnaryDouble<RoundOp>);
  Add(registry, "ROUND", {kFloat64, kInt64}, kFloat64, RoundDigitsDouble);
  AddUnaryDouble(registry, "TRUNC", UnaryDouble<TruncOp>);
  Add(registry, "TRUNC", {kFloat64, kInt64}, kFloat64, TruncDigitsDouble);
  AddUnaryDouble(registry, "CEIL", UnaryDouble<CeilOp>);
  AddUnaryDouble(registry, "CEILING", UnaryDouble<CeilOp>);
  AddUnaryDouble(registry, "FLOOR", UnaryDouble<FloorOp>);
  AddUnaryDouble(registry, "SQRT", UnaryDouble<SqrtOp>);
  AddBinaryDouble(registry, "POW", BinaryDouble<PowOp>);
  AddBinaryDouble(registry, "POWER", BinaryDouble<PowOp>);
  AddUnaryDouble(registry, "EXP", UnaryDouble<ExpOp>);
  AddUnaryDouble(registry, "LN", UnaryDouble<LogarithmOp<kLn>>);
  AddUnaryDouble(registry, "LOG", UnaryDouble<LogarithmOp<kLog>>);
  AddBinaryDouble(registry, "LOG", BinaryDouble<LogBaseOp>);
  AddUnaryDouble(registry, "LOG10", UnaryDouble<Log10Op>);
  Add(registry, "MOD", {kInt64, kInt64}, kInt64, ModInt64);
  Add(registry, "DIV", {kInt64, kInt64}, kInt64, DivInt64);
  AddBinaryDouble(registry, "IEEE_DIVIDE", BinaryDouble<IeeeDivideOp>);
  Add(registry, "SAFE_DIVIDE", {kInt64, kInt64}, kFloat64, SafeDivideInt64);
  AddBinaryDouble(registry, "SAFE_DIVIDE", SafeDivideFloat64);
  registry.AddScalar(ScalarFunction{
      .name = "RAND", .return_type = kFloat64, .kernel = Rand, .deterministic = false});
  Add(registry, "IS_INF", {kFloat64}, TypeId::kBool, IsInf);
  Add(registry, "IS_NAN", {kFloat64}, TypeId::kBool, IsNan);
  AddUnaryDouble(registry, "SIN", UnaryDouble<PlainOp<Sin>>);
  AddUnaryDouble(registry, "COS", UnaryDouble<PlainOp<Cos>>);
  AddUnaryDouble(registry, "TAN", UnaryDouble<PlainOp<Tan>>);
  AddUnaryDouble(registry, "ASIN", UnaryDouble<InverseTrigOp<kAsin, Asin>>);
  AddUnaryDouble(registry, "ACOS", UnaryDouble<InverseTrigOp<kAcos, Acos>>);
  AddUnaryDouble(registry, "ATAN", UnaryDouble<PlainOp<Atan>>);
  AddBinaryDouble(registry, "ATAN2", BinaryDouble<Atan2Op>);
  AddUnaryDouble(registry, "SINH", UnaryDouble<CheckedOp<kSinh, Sinh>>);
  AddUnaryDouble(registry, "COSH", UnaryDouble<CheckedOp<kCosh, Cosh>>);
  AddUnaryDouble(registry, "TANH", UnaryDouble<CheckedOp<kTanh, Tanh>>);
  AddUnaryDouble(registry, "ASINH", UnaryDouble<CheckedOp<kAsinh, Asinh>>);
  AddUnaryDouble(registry, "ACOSH", UnaryDouble<CheckedOp<kAcosh, Acosh>>);
  AddUnaryDouble(registry, "ATANH", UnaryDouble<CheckedOp<kAtanh, Atanh>>);
  AddUnaryDouble(registry, "COT", UnaryDouble<ReciprocalOp<kCot, Tan, true>>);
  AddUnaryDouble(registry, "CSC", UnaryDouble<ReciprocalOp<kCsc, Sin, true>>);
  AddUnaryDouble(registry, "SEC", UnaryDouble<ReciprocalOp<kSec, Cos, false>>);
  AddUnaryDouble(registry, "COTH", UnaryDouble<ReciprocalOp<kCoth, Tanh, true>>);
  AddUnaryDouble(registry, "CSCH", UnaryDouble<ReciprocalOp<kCsch, Sinh, true>>);
  AddUnaryDouble(registry, "SECH", UnaryDouble<ReciprocalOp<kSech, Cosh, false>>);
}

}  // namespace dq
