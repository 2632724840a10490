#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/error.h"
#include "function_test_util.h"
#include "types/numeric.h"

namespace dq {
namespace {

using testing::Eval;
using testing::EvalConstant;
using testing::ExpectError;

Value I(int64_t value) { return Value::Int64(value); }
Value F(double value) { return Value::Float64(value); }
Value N(const char* text) {
  int128_t scaled;
  EXPECT_TRUE(ParseNumeric(text, &scaled)) << text;
  return Value::Numeric(scaled);
}
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(MathTest, AbsAndSign) {
  EXPECT_EQ(Eval("ABS", {I(-5)}), I(5));
  EXPECT_EQ(Eval("ABS", {I(INT64_MAX)}), I(INT64_MAX));
  ExpectError("ABS", {I(INT64_MIN)}, ErrorKind::kOutOfRange,
              "int64 overflow: ABS(-9223372036854775808)");
  EXPECT_EQ(Eval("ABS", {F(-2.5)}), F(2.5));
  EXPECT_EQ(Eval("ABS", {N("-1.5")}), N("1.5"));
  EXPECT_EQ(Eval("SIGN", {I(-9)}), I(-1));
  EXPECT_EQ(Eval("SIGN", {I(0)}), I(0));
  EXPECT_EQ(Eval("SIGN", {F(3.5)}), F(1));
  EXPECT_TRUE(std::isnan(Eval("SIGN", {F(std::nan(""))}).float64_value()));
  EXPECT_EQ(Eval("SIGN", {N("-0.001")}), N("-1"));
  EXPECT_TRUE(Eval("ABS", {Value::Null(TypeId::kInt64)}).is_null());
}

TEST(MathTest, RoundTruncCeilFloorFloat) {
  EXPECT_EQ(Eval("ROUND", {F(2.5)}), F(3));
  EXPECT_EQ(Eval("ROUND", {F(-2.5)}), F(-3));
  EXPECT_EQ(Eval("ROUND", {F(1.2345), I(2)}), F(1.23));
  EXPECT_EQ(Eval("ROUND", {F(1235), I(-1)}), F(1240));
  EXPECT_EQ(Eval("ROUND", {F(-1.5e300), I(400)}), F(-1.5e300));
  EXPECT_EQ(Eval("ROUND", {F(123), I(-400)}), F(0));
  EXPECT_EQ(Eval("TRUNC", {F(-2.7)}), F(-2));
  EXPECT_EQ(Eval("TRUNC", {F(1.999), I(2)}), F(1.99));
  EXPECT_EQ(Eval("CEIL", {F(1.1)}), F(2));
  EXPECT_EQ(Eval("CEILING", {F(-1.1)}), F(-1));
  EXPECT_EQ(Eval("FLOOR", {F(-1.1)}), F(-2));
  EXPECT_EQ(Eval("ROUND", {F(kInf)}), F(kInf));
}

TEST(MathTest, NumericRounding) {
  EXPECT_EQ(Eval("ROUND", {N("2.5")}), N("3"));
  EXPECT_EQ(Eval("ROUND", {N("-2.5")}), N("-3"));
  EXPECT_EQ(Eval("ROUND", {N("1.2345"), I(3)}), N("1.235"));
  EXPECT_EQ(Eval("ROUND", {N("-1.2345"), I(3)}), N("-1.235"));
  EXPECT_EQ(Eval("ROUND", {N("1250"), I(-2)}), N("1300"));
  EXPECT_EQ(Eval("ROUND", {N("0.000000001"), I(20)}), N("0.000000001"));
  EXPECT_EQ(Eval("ROUND", {N("12345"), I(-40)}), N("0"));
  EXPECT_EQ(Eval("TRUNC", {N("-1.99")}), N("-1"));
  EXPECT_EQ(Eval("TRUNC", {N("1.999"), I(2)}), N("1.99"));
  EXPECT_EQ(Eval("CEIL", {N("1.000000001")}), N("2"));
  EXPECT_EQ(Eval("CEILING", {N("-1.5")}), N("-1"));
  EXPECT_EQ(Eval("FLOOR", {N("-1.5")}), N("-2"));
  ExpectError("ROUND", {N("99999999999999999999999999999.5")}, ErrorKind::kOutOfRange,
              "numeric overflow");
}

TEST(MathTest, NumericMultiplyDivide) {
  EXPECT_EQ(Eval("$multiply", {N("1.5"), N("-2.25")}), N("-3.375"));
  EXPECT_EQ(Eval("$multiply", {N("0.000000001"), N("0.5")}), N("0.000000001"));  // rounds up
  EXPECT_EQ(Eval("$multiply", {N("0.000000001"), N("-0.4")}), N("0"));
  EXPECT_EQ(Eval("$multiply", {N("99999999999999999999.999999999"), N("1000000000")}),
            N("99999999999999999999999999999.000000000"));
  EXPECT_EQ(Eval("$multiply", {N("12345678901234567890.123456789"), N("0.000000001")}),
            N("12345678901.234567890"));
  ExpectError("$multiply", {N("99999999999999999999999999999"), N("10")}, ErrorKind::kOutOfRange,
              "numeric overflow");
  EXPECT_EQ(Eval("$divide", {N("1"), N("3")}), N("0.333333333"));
  EXPECT_EQ(Eval("$divide", {N("2"), N("3")}), N("0.666666667"));
  EXPECT_EQ(Eval("$divide", {N("-2"), N("3")}), N("-0.666666667"));
  // Dividends beyond 128 bits once scaled take the long path.
  EXPECT_EQ(
      Eval("$divide", {N("99999999999999999999999999999"), N("99999999999999999999999999999")}),
      N("1"));
  EXPECT_EQ(Eval("$divide", {N("90000000000000000000000000000"), N("3")}),
            N("30000000000000000000000000000"));
  EXPECT_EQ(Eval("$divide", {N("10000000000000000000000000000"), N("3")}),
            N("3333333333333333333333333333.333333333"));
  ExpectError("$divide", {N("99999999999999999999999999999"), N("0.1")}, ErrorKind::kOutOfRange,
              "numeric overflow");
  ExpectError("$divide", {N("1"), N("0")}, ErrorKind::kOutOfRange, "division by zero: 1 / 0");
  EXPECT_TRUE(Eval("SAFE_DIVIDE", {N("1"), N("0")}).is_null());
  EXPECT_EQ(Eval("SAFE_DIVIDE", {N("1"), N("4")}), N("0.25"));
}

TEST(MathTest, ModAndDiv) {
  EXPECT_EQ(Eval("MOD", {I(7), I(3)}), I(1));
  EXPECT_EQ(Eval("MOD", {I(-7), I(3)}), I(-1));
  EXPECT_EQ(Eval("MOD", {I(INT64_MIN), I(-1)}), I(0));
  ExpectError("MOD", {I(5), I(0)}, ErrorKind::kOutOfRange, "division by zero: MOD(5, 0)");
  EXPECT_EQ(Eval("MOD", {N("7.5"), N("2")}), N("1.5"));
  ExpectError("MOD", {N("7.5"), N("0")}, ErrorKind::kOutOfRange, "division by zero: MOD(7.5, 0)");
  EXPECT_EQ(Eval("DIV", {I(-7), I(2)}), I(-3));
  ExpectError("DIV", {I(5), I(0)}, ErrorKind::kOutOfRange, "division by zero: DIV(5, 0)");
  ExpectError("DIV", {I(INT64_MIN), I(-1)}, ErrorKind::kOutOfRange,
              "int64 overflow: DIV(-9223372036854775808, -1)");
  EXPECT_EQ(Eval("DIV", {N("7.5"), N("2")}), N("3"));
  EXPECT_EQ(Eval("IEEE_DIVIDE", {F(1), F(0)}), F(kInf));
  EXPECT_TRUE(std::isnan(Eval("IEEE_DIVIDE", {F(0), F(0)}).float64_value()));
  EXPECT_TRUE(Eval("SAFE_DIVIDE", {F(1), F(0)}).is_null());
  EXPECT_EQ(Eval("SAFE_DIVIDE", {F(1), F(4)}), F(0.25));
  EXPECT_TRUE(Eval("SAFE_DIVIDE", {I(1), I(0)}).is_null());
  EXPECT_EQ(Eval("SAFE_DIVIDE", {I(1), I(4)}), F(0.25));
}

TEST(MathTest, PowersAndLogs) {
  EXPECT_EQ(Eval("SQRT", {F(16)}), F(4));
  ExpectError("SQRT", {F(-1)}, ErrorKind::kOutOfRange, "Argument to SQRT cannot be negative: -1");
  EXPECT_EQ(Eval("POW", {F(2), F(10)}), F(1024));
  EXPECT_EQ(Eval("POWER", {F(2), F(-1)}), F(0.5));
  ExpectError("POW", {F(10), F(400)}, ErrorKind::kOutOfRange,
              "Floating point overflow in function: POW(10, 400)");
  ExpectError("POW", {F(-1), F(0.5)}, ErrorKind::kOutOfRange,
              "Floating point error in function: POW(-1, 0.5)");
  ExpectError("POW", {F(0), F(-1)}, ErrorKind::kOutOfRange,
              "Floating point error in function: POW(0, -1)");
  EXPECT_EQ(Eval("POW", {F(kInf), F(2)}), F(kInf));
  EXPECT_EQ(Eval("EXP", {F(0)}), F(1));
  ExpectError("EXP", {F(1000)}, ErrorKind::kOutOfRange,
              "Floating point overflow in function: EXP(1000)");
  EXPECT_EQ(Eval("LN", {F(1)}), F(0));
  ExpectError("LN", {F(0)}, ErrorKind::kOutOfRange, "Argument to LN cannot be zero or negative: 0");
  EXPECT_EQ(Eval("LOG", {F(1)}), F(0));
  EXPECT_NEAR(Eval("LOG", {F(8), F(2)}).float64_value(), 3, 1e-12);
  ExpectError("LOG", {F(8), F(1)}, ErrorKind::kOutOfRange, "Base of LOG cannot be 1");
  ExpectError("LOG", {F(8), F(-2)}, ErrorKind::kOutOfRange,
              "Base of LOG cannot be zero or negative: -2");
  EXPECT_EQ(Eval("LOG10", {F(1000)}), F(3));
  ExpectError("LOG10", {F(-5)}, ErrorKind::kOutOfRange,
              "Argument to LOG10 cannot be zero or negative: -5");
  EXPECT_TRUE(std::isnan(Eval("SQRT", {F(std::nan(""))}).float64_value()));
}

TEST(MathTest, TrigAndClassification) {
  EXPECT_EQ(Eval("SIN", {F(0)}), F(0));
  EXPECT_EQ(Eval("COS", {F(0)}), F(1));
  EXPECT_EQ(Eval("TAN", {F(0)}), F(0));
  EXPECT_NEAR(Eval("ASIN", {F(1)}).float64_value(), M_PI / 2, 1e-15);
  EXPECT_NEAR(Eval("ACOS", {F(-1)}).float64_value(), M_PI, 1e-15);
  ExpectError("ASIN", {F(2)}, ErrorKind::kOutOfRange, "Floating point error in function: ASIN(2)");
  EXPECT_NEAR(Eval("ATAN", {F(1)}).float64_value(), M_PI / 4, 1e-15);
  EXPECT_NEAR(Eval("ATAN2", {F(1), F(-1)}).float64_value(), 3 * M_PI / 4, 1e-15);
  EXPECT_EQ(Eval("IS_INF", {F(-kInf)}), Value::Bool(true));
  EXPECT_EQ(Eval("IS_INF", {F(1)}), Value::Bool(false));
  EXPECT_EQ(Eval("IS_NAN", {F(std::nan(""))}), Value::Bool(true));
}

TEST(MathTest, RandIsNotDeterministic) {
  testing::ResolvedScalar rand = testing::ResolveScalar("RAND", {});
  ASSERT_NE(rand.function, nullptr);
  EXPECT_FALSE(rand.function->deterministic);
  std::vector<Value> values = testing::RunScalar("RAND", {}, 100);
  for (const Value& value : values) {
    EXPECT_GE(value.float64_value(), 0.0);
    EXPECT_LT(value.float64_value(), 1.0);
  }
  EXPECT_NE(values[0], values[1]);
}

TEST(MathTest, ConstantAndNullInputs) {
  EXPECT_EQ(EvalConstant("ROUND", {F(2.5)}), F(3));
  EXPECT_EQ(EvalConstant("MOD", {I(7), I(4)}), I(3));
  EXPECT_TRUE(EvalConstant("SQRT", {Value::Null(TypeId::kFloat64)}).is_null());
  std::vector<Value> rows =
      testing::RunScalar("ABS", {testing::FlatVector(TypeId::kInt64, {I(-1), Value(), I(2)})}, 3);
  EXPECT_EQ(rows[0], I(1));
  EXPECT_TRUE(rows[1].is_null());
  EXPECT_EQ(rows[2], I(2));
}

TEST(FunctionTest, Bitwise) {
  EXPECT_EQ(Eval("$bitwise_and", {I(12), I(10)}), I(8));
  EXPECT_EQ(Eval("$bitwise_or", {I(12), I(10)}), I(14));
  EXPECT_EQ(Eval("$bitwise_xor", {I(12), I(10)}), I(6));
  EXPECT_EQ(Eval("$bitwise_not", {I(0)}), I(-1));
  EXPECT_EQ(Eval("$shift_left", {I(1), I(62)}), I(int64_t{1} << 62));
  EXPECT_EQ(Eval("$shift_left", {I(1), I(63)}), I(INT64_MIN));
  EXPECT_EQ(Eval("$shift_left", {I(1), I(64)}), I(0));
  EXPECT_EQ(Eval("$shift_right", {I(-1), I(60)}), I(15));  // no sign extension
  EXPECT_EQ(Eval("$shift_right", {I(-1), I(100)}), I(0));
  ExpectError("$shift_left", {I(1), I(-1)}, ErrorKind::kOutOfRange,
              "Bitwise shift by negative offset: -1");
}

TEST(FunctionTest, GreatestLeast) {
  EXPECT_EQ(Eval("GREATEST", {I(1), I(7), I(3)}), I(7));
  EXPECT_EQ(Eval("LEAST", {I(1), I(7), I(-3)}), I(-3));
  EXPECT_TRUE(Eval("GREATEST", {I(1), Value(), I(3)}).is_null());
  EXPECT_TRUE(std::isnan(Eval("GREATEST", {F(1), F(std::nan(""))}).float64_value()));
  EXPECT_TRUE(std::isnan(Eval("LEAST", {F(std::nan("")), F(1)}).float64_value()));
  EXPECT_EQ(
      Eval("LEAST", {Value::String("pear, which is long"), Value::String("apple, also long")}),
      Value::String("apple, also long"));
  EXPECT_EQ(Eval("GREATEST", {Value::Date(3), Value::Date(9)}), Value::Date(9));
  // Mixed numbers widen: INT64 and FLOAT64 bind to FLOAT64.
  testing::ResolvedScalar mixed =
      testing::ResolveScalar("GREATEST", {TypeId::kInt64, TypeId::kFloat64});
  EXPECT_EQ(mixed.return_type, LogicalType(TypeId::kFloat64));
  const std::vector<ScalarFunction>* overloads = FunctionRegistry::Get().FindScalar("GREATEST");
  std::vector<LogicalType> bad_types = {TypeId::kInt64, TypeId::kString};
  std::vector<const Value*> constants(2, nullptr);
  ScalarBindOutput output;
  EXPECT_FALSE((*overloads)[0].bind(ScalarBindInput{bad_types, constants}, &output));
}

TEST(FunctionTest, NullIf) {
  EXPECT_TRUE(Eval("NULLIF", {I(1), I(1)}).is_null());
  EXPECT_EQ(Eval("NULLIF", {I(1), I(2)}), I(1));
  EXPECT_EQ(Eval("NULLIF", {I(1), Value()}), I(1));
  EXPECT_TRUE(Eval("NULLIF", {Value(), I(1)}).is_null());
  EXPECT_TRUE(
      Eval("NULLIF", {Value::String("a long string value"), Value::String("a long string value")})
          .is_null());
  EXPECT_EQ(Eval("NULLIF", {Value::String("a long string value"), Value::String("b")}),
            Value::String("a long string value"));
  EXPECT_EQ(
      testing::ResolveScalar("NULLIF", {TypeId::kInt64, TypeId::kInt64}).function->propagates_nulls,
      false);
}

}  // namespace
}  // namespace dq
