#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/error.h"
#include "function_test_util.h"
#include "types/numeric.h"

namespace dq {
namespace {

using testing::RunAggregate;

Value I(int64_t value) { return Value::Int64(value); }
Value F(double value) { return Value::Float64(value); }
Value S(const char* value) { return Value::String(value); }

int128_t NumericOf(const char* text) {
  int128_t scaled;
  EXPECT_TRUE(ParseNumeric(text, &scaled)) << text;
  return scaled;
}

// Runs with every split point and both combine orders; all must agree.
Value RunAllSplits(const std::string& name, const LogicalType& type,
                   const std::vector<Value>& values) {
  Value first = RunAggregate(name, type, values, 0);
  for (size_t split = 0; split <= values.size(); ++split) {
    for (bool reverse : {false, true}) {
      Value other = RunAggregate(name, type, values, split, reverse);
      if (type.id() == TypeId::kFloat64 && !first.is_null() && !other.is_null() &&
          other.type().id() == TypeId::kFloat64) {
        if (std::isnan(first.float64_value())) {
          EXPECT_TRUE(std::isnan(other.float64_value())) << name << " " << split;
          continue;
        }
        EXPECT_NEAR(other.float64_value(), first.float64_value(), 1e-9) << name << " " << split;
      } else if (name != "ANY_VALUE") {
        EXPECT_EQ(other, first) << name << " split " << split;
      }
    }
  }
  return first;
}

TEST(AggregateTest, CountAndCountStar) {
  std::vector<Value> values = {I(1), Value(), I(3), Value()};
  EXPECT_EQ(RunAllSplits("COUNT", TypeId::kInt64, values), I(2));
  EXPECT_EQ(RunAllSplits("COUNT_STAR", LogicalType(), values), I(4));
  EXPECT_EQ(RunAllSplits("COUNT", TypeId::kString, {}), I(0));
  EXPECT_EQ(RunAllSplits("COUNT_STAR", LogicalType(), {}), I(0));
  LogicalType array = LogicalType::Array(TypeId::kInt64);
  EXPECT_EQ(RunAllSplits("COUNT", array, {Value::Array(TypeId::kInt64, {}), Value()}), I(1));
  EXPECT_EQ(RunAllSplits("COUNTIF", TypeId::kBool,
                         {Value::Bool(true), Value::Bool(false), Value(), Value::Bool(true)}),
            I(2));
}

TEST(AggregateTest, SumInt64) {
  EXPECT_EQ(RunAllSplits("SUM", TypeId::kInt64, {I(1), I(2), Value(), I(-10)}), I(-7));
  EXPECT_TRUE(RunAllSplits("SUM", TypeId::kInt64, {}).is_null());
  EXPECT_TRUE(RunAllSplits("SUM", TypeId::kInt64, {Value(), Value()}).is_null());
  // The sum is exact: an intermediate overflow that cancels out is fine in any order.
  EXPECT_EQ(RunAllSplits("SUM", TypeId::kInt64, {I(INT64_MAX), I(1), I(-1)}), I(INT64_MAX));
  try {
    RunAggregate("SUM", TypeId::kInt64, {I(INT64_MAX), I(1)}, 2);
    ADD_FAILURE() << "no overflow";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kOutOfRange);
    EXPECT_EQ(error.message(), "int64 overflow in SUM");
  }
  EXPECT_THROW(RunAggregate("SUM", TypeId::kInt64, {I(INT64_MIN), I(-1)}, 1), Error);
}

TEST(AggregateTest, SumAndAvgFloatAndNumeric) {
  EXPECT_EQ(RunAllSplits("SUM", TypeId::kFloat64, {F(1.5), F(2.5), Value()}), F(4));
  EXPECT_TRUE(std::isnan(
      RunAggregate("SUM", TypeId::kFloat64, {F(1), F(std::nan(""))}, 1).float64_value()));
  EXPECT_EQ(RunAllSplits("SUM", TypeId::kNumeric,
                         {Value::Numeric(NumericOf("1.25")), Value::Numeric(NumericOf("-0.5"))}),
            Value::Numeric(NumericOf("0.75")));
  EXPECT_EQ(RunAllSplits("AVG", TypeId::kInt64, {I(1), I(2), Value()}), F(1.5));
  EXPECT_EQ(RunAllSplits("AVG", TypeId::kInt64, {I(INT64_MAX), I(INT64_MAX)}),
            F(9223372036854775807.0));
  EXPECT_EQ(RunAllSplits("AVG", TypeId::kFloat64, {F(1), F(2), F(6)}), F(3));
  EXPECT_TRUE(RunAllSplits("AVG", TypeId::kFloat64, {}).is_null());
  // 1 / 3 rounds to 9 digits; 2 / 3 rounds up.
  EXPECT_EQ(RunAllSplits("AVG", TypeId::kNumeric,
                         {Value::Numeric(NumericOf("1")), Value::Numeric(0), Value::Numeric(0)}),
            Value::Numeric(NumericOf("0.333333333")));
  EXPECT_EQ(RunAllSplits("AVG", TypeId::kNumeric,
                         {Value::Numeric(NumericOf("-2")), Value::Numeric(0), Value::Numeric(0)}),
            Value::Numeric(NumericOf("-0.666666667")));
  Value max = Value::Numeric(NumericMaxScaled());
  try {
    RunAggregate("SUM", TypeId::kNumeric, {max, max}, 1);
    ADD_FAILURE() << "no overflow";
  } catch (const Error& error) {
    EXPECT_EQ(error.message(), "numeric overflow in SUM");
  }
  // Intermediate sums may leave the range if the final sum is back in it.
  EXPECT_EQ(RunAllSplits("SUM", TypeId::kNumeric, {max, Value::Numeric(1), Value::Numeric(-1)}),
            max);
}

TEST(AggregateTest, MinMaxEveryType) {
  EXPECT_EQ(RunAllSplits("MIN", TypeId::kInt64, {I(3), Value(), I(INT64_MIN), I(7)}), I(INT64_MIN));
  EXPECT_EQ(RunAllSplits("MAX", TypeId::kInt64, {I(3), Value(), I(INT64_MIN), I(7)}), I(7));
  EXPECT_TRUE(RunAllSplits("MAX", TypeId::kInt64, {Value()}).is_null());
  EXPECT_EQ(RunAllSplits("MIN", TypeId::kBool, {Value::Bool(true), Value::Bool(false)}),
            Value::Bool(false));
  EXPECT_EQ(RunAllSplits("MAX", TypeId::kFloat64, {F(1), F(-5)}), F(1));
  EXPECT_TRUE(std::isnan(
      RunAllSplits("MIN", TypeId::kFloat64, {F(1), F(std::nan("")), F(-5)}).float64_value()));
  EXPECT_TRUE(
      std::isnan(RunAllSplits("MAX", TypeId::kFloat64, {F(1), F(std::nan(""))}).float64_value()));
  EXPECT_EQ(RunAllSplits("MAX", TypeId::kNumeric, {Value::Numeric(5), Value::Numeric(-5)}),
            Value::Numeric(5));
  std::vector<Value> strings = {S("pear, a rather long string value"), S("apple"), Value(),
                                S("zebra crossing is long as well")};
  EXPECT_EQ(RunAllSplits("MIN", TypeId::kString, strings), S("apple"));
  EXPECT_EQ(RunAllSplits("MAX", TypeId::kString, strings), S("zebra crossing is long as well"));
  EXPECT_EQ(RunAllSplits("MAX", TypeId::kBytes, {Value::Bytes("a"), Value::Bytes("\xFF")}),
            Value::Bytes("\xFF"));
  EXPECT_EQ(RunAllSplits("MIN", TypeId::kDate, {Value::Date(10), Value::Date(-3)}),
            Value::Date(-3));
  EXPECT_EQ(RunAllSplits("MAX", TypeId::kTimestamp, {Value::Timestamp(10), Value::Timestamp(-3)}),
            Value::Timestamp(10));
  EXPECT_EQ(RunAllSplits("MIN", TypeId::kTime, {Value::Time(10), Value::Time(3)}), Value::Time(3));
  EXPECT_EQ(RunAllSplits("MIN", TypeId::kDatetime, {Value::Datetime(10)}), Value::Datetime(10));
}

TEST(AggregateTest, AnyValue) {
  Value any = RunAllSplits("ANY_VALUE", TypeId::kString, {Value(), S("x"), S("y")});
  EXPECT_TRUE(any == S("x") || any == S("y"));
  EXPECT_TRUE(RunAllSplits("ANY_VALUE", TypeId::kInt64, {Value()}).is_null());
  EXPECT_EQ(RunAllSplits("ANY_VALUE", TypeId::kInt64, {Value(), I(4)}), I(4));
}

TEST(AggregateTest, LogicalAndBitwise) {
  std::vector<Value> bools = {Value::Bool(true), Value(), Value::Bool(false)};
  EXPECT_EQ(RunAllSplits("LOGICAL_AND", TypeId::kBool, bools), Value::Bool(false));
  EXPECT_EQ(RunAllSplits("LOGICAL_OR", TypeId::kBool, bools), Value::Bool(true));
  EXPECT_EQ(RunAllSplits("LOGICAL_AND", TypeId::kBool, {Value::Bool(true)}), Value::Bool(true));
  EXPECT_TRUE(RunAllSplits("LOGICAL_OR", TypeId::kBool, {Value()}).is_null());
  std::vector<Value> ints = {I(0b1100), I(0b1010), Value()};
  EXPECT_EQ(RunAllSplits("BIT_AND", TypeId::kInt64, ints), I(0b1000));
  EXPECT_EQ(RunAllSplits("BIT_OR", TypeId::kInt64, ints), I(0b1110));
  EXPECT_EQ(RunAllSplits("BIT_XOR", TypeId::kInt64, ints), I(0b0110));
  EXPECT_TRUE(RunAllSplits("BIT_AND", TypeId::kInt64, {}).is_null());
  EXPECT_EQ(RunAllSplits("BIT_AND", TypeId::kInt64, {I(-1)}), I(-1));
}

TEST(AggregateTest, VarianceAndStddev) {
  std::vector<Value> values = {F(2), F(4), F(4), F(4), Value(), F(5), F(5), F(7), F(9)};
  EXPECT_NEAR(RunAllSplits("VAR_POP", TypeId::kFloat64, values).float64_value(), 4.0, 1e-12);
  EXPECT_NEAR(RunAllSplits("STDDEV_POP", TypeId::kFloat64, values).float64_value(), 2.0, 1e-12);
  EXPECT_NEAR(RunAllSplits("VAR_SAMP", TypeId::kFloat64, values).float64_value(), 32.0 / 7, 1e-12);
  EXPECT_NEAR(RunAllSplits("VARIANCE", TypeId::kFloat64, values).float64_value(), 32.0 / 7, 1e-12);
  EXPECT_NEAR(RunAllSplits("STDDEV", TypeId::kFloat64, values).float64_value(), std::sqrt(32.0 / 7),
              1e-12);
  EXPECT_NEAR(RunAllSplits("STDDEV_SAMP", TypeId::kInt64, {I(1), I(3)}).float64_value(),
              std::sqrt(2.0), 1e-12);
  EXPECT_EQ(RunAllSplits("VAR_POP", TypeId::kNumeric, {Value::Numeric(NumericOf("1.5"))}), F(0));
  EXPECT_TRUE(RunAllSplits("VAR_SAMP", TypeId::kFloat64, {F(1)}).is_null());
  EXPECT_TRUE(RunAllSplits("VAR_POP", TypeId::kFloat64, {}).is_null());
  // Large offsets: Welford keeps precision.
  EXPECT_NEAR(RunAllSplits("VAR_POP", TypeId::kFloat64, {F(1e9 + 1), F(1e9 + 3)}).float64_value(),
              1.0, 1e-6);
}

TEST(AggregateTest, UpdateUsesPerRowStates) {
  // Two groups interleaved in one batch, with a constant input column.
  AggregateFunction sum = testing::ResolveAggregate("SUM", {TypeId::kInt64});
  testing::AggregateStates states(sum, 2);
  DataChunk args;
  args.Initialize({TypeId::kInt64}, 4);
  args.column(0).Reference(Vector::Constant(Value::Int64(5)));
  args.SetSize(4);
  uint8_t* pointers[4] = {states.get(0), states.get(1), states.get(0), states.get(0)};
  AggregateCall call{nullptr, TypeId::kInt64};
  sum.update(call, args, pointers);
  Vector result(TypeId::kInt64, 2);
  uint8_t* finals[2] = {states.get(0), states.get(1)};
  sum.finalize(call, finals, 2, result, 0);
  EXPECT_EQ(result.GetValue(0), I(15));
  EXPECT_EQ(result.GetValue(1), I(5));
}

}  // namespace
}  // namespace dq
