#include "functions/cast/cast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/error.h"
#include "function_test_util.h"
#include "functions/cast/cast_parse.h"
#include "types/date_time.h"
#include "types/numeric.h"

namespace dq {
namespace {

Value Cast(const Value& value, const LogicalType& type) { return CastValue(value, type, false); }
Value SafeCast(const Value& value, const LogicalType& type) { return CastValue(value, type, true); }

void ExpectCastError(const Value& value, const LogicalType& type, ErrorKind kind,
                     const std::string& message) {
  try {
    Value result = Cast(value, type);
    ADD_FAILURE() << "cast did not fail: " << result.ToString();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), kind) << error.message();
    EXPECT_EQ(error.message(), message);
  }
  EXPECT_TRUE(SafeCast(value, type).is_null());
}

int128_t NumericOf(const char* text) {
  int128_t scaled;
  EXPECT_TRUE(ParseNumeric(text, &scaled)) << text;
  return scaled;
}

TEST(CastTest, CanCastRules) {
  EXPECT_TRUE(CanCast(TypeId::kInt64, TypeId::kString));
  EXPECT_TRUE(CanCast(TypeId::kString, TypeId::kTimestamp));
  EXPECT_TRUE(CanCast(TypeId::kNull, LogicalType::Array(TypeId::kInt64)));
  EXPECT_TRUE(CanCast(TypeId::kBool, TypeId::kInt64));
  EXPECT_FALSE(CanCast(TypeId::kBool, TypeId::kFloat64));
  EXPECT_FALSE(CanCast(TypeId::kDate, TypeId::kTime));
  EXPECT_TRUE(CanCast(TypeId::kTimestamp, TypeId::kTime));
  EXPECT_FALSE(CanCast(TypeId::kBytes, TypeId::kInt64));
  EXPECT_FALSE(CanCast(LogicalType::Array(TypeId::kInt64), TypeId::kString));
  EXPECT_TRUE(CanCast(LogicalType::Array(TypeId::kInt64), LogicalType::Array(TypeId::kString)));
  EXPECT_FALSE(CanCast(LogicalType::Array(TypeId::kDate), LogicalType::Array(TypeId::kInt64)));
  EXPECT_TRUE(CanCast(LogicalType::Struct({{"a", TypeId::kInt64}}),
                      LogicalType::Struct({{"b", TypeId::kFloat64}})));
  EXPECT_FALSE(CanCast(LogicalType::Struct({{"a", TypeId::kInt64}}),
                       LogicalType::Struct({{"a", TypeId::kInt64}, {"b", TypeId::kInt64}})));
  EXPECT_FALSE(CanCast(TypeId::kJson, TypeId::kString));
}

TEST(CastTest, Int64Conversions) {
  EXPECT_EQ(Cast(Value::Int64(-42), TypeId::kString), Value::String("-42"));
  EXPECT_EQ(Cast(Value::Int64(INT64_MIN), TypeId::kString), Value::String("-9223372036854775808"));
  EXPECT_EQ(Cast(Value::Int64(3), TypeId::kFloat64), Value::Float64(3.0));
  EXPECT_EQ(Cast(Value::Int64(7), TypeId::kNumeric), Value::Numeric(NumericOf("7")));
  EXPECT_EQ(Cast(Value::Int64(0), TypeId::kBool), Value::Bool(false));
  EXPECT_EQ(Cast(Value::Int64(-5), TypeId::kBool), Value::Bool(true));
  EXPECT_EQ(Cast(Value::Bool(true), TypeId::kInt64), Value::Int64(1));
  EXPECT_EQ(Cast(Value::Bool(false), TypeId::kString), Value::String("false"));
}

TEST(CastTest, Float64ToInt64RoundsHalfAwayFromZero) {
  EXPECT_EQ(Cast(Value::Float64(2.5), TypeId::kInt64), Value::Int64(3));
  EXPECT_EQ(Cast(Value::Float64(-2.5), TypeId::kInt64), Value::Int64(-3));
  EXPECT_EQ(Cast(Value::Float64(1.49), TypeId::kInt64), Value::Int64(1));
  EXPECT_EQ(Cast(Value::Float64(-9223372036854775808.0), TypeId::kInt64), Value::Int64(INT64_MIN));
  ExpectCastError(Value::Float64(1e20), TypeId::kInt64, ErrorKind::kOutOfRange,
                  "int64 out of range: 1e+20");
  ExpectCastError(Value::Float64(9223372036854775808.0), TypeId::kInt64, ErrorKind::kOutOfRange,
                  "int64 out of range: 9.2233720368547758e+18");
  ExpectCastError(Value::Float64(std::nan("")), TypeId::kInt64, ErrorKind::kInvalidInput,
                  "Illegal conversion of non-finite floating point number to int64: nan");
}

TEST(CastTest, NumericConversions) {
  EXPECT_EQ(Cast(Value::Numeric(NumericOf("2.5")), TypeId::kInt64), Value::Int64(3));
  EXPECT_EQ(Cast(Value::Numeric(NumericOf("-2.5")), TypeId::kInt64), Value::Int64(-3));
  EXPECT_EQ(Cast(Value::Numeric(NumericOf("-1.25")), TypeId::kString), Value::String("-1.25"));
  EXPECT_EQ(Cast(Value::Numeric(NumericOf("0.5")), TypeId::kFloat64), Value::Float64(0.5));
  EXPECT_EQ(Cast(Value::Float64(1.5), TypeId::kNumeric), Value::Numeric(NumericOf("1.5")));
  ExpectCastError(Value::Numeric(NumericOf("1e20")), TypeId::kInt64, ErrorKind::kOutOfRange,
                  "int64 out of range: 100000000000000000000");
  ExpectCastError(Value::Float64(1e40), TypeId::kNumeric, ErrorKind::kOutOfRange,
                  "numeric out of range: 1e+40");
  ExpectCastError(Value::String("1e40"), TypeId::kNumeric, ErrorKind::kInvalidInput,
                  "Invalid NUMERIC value: 1e40");
  EXPECT_EQ(Cast(Value::String(" 12.50 "), TypeId::kNumeric), Value::Numeric(NumericOf("12.5")));
}

TEST(CastTest, StringToInt64) {
  EXPECT_EQ(Cast(Value::String("123"), TypeId::kInt64), Value::Int64(123));
  EXPECT_EQ(Cast(Value::String("  -7 "), TypeId::kInt64), Value::Int64(-7));
  EXPECT_EQ(Cast(Value::String("+8"), TypeId::kInt64), Value::Int64(8));
  EXPECT_EQ(Cast(Value::String("0x1F"), TypeId::kInt64), Value::Int64(31));
  EXPECT_EQ(Cast(Value::String("-0x10"), TypeId::kInt64), Value::Int64(-16));
  EXPECT_EQ(Cast(Value::String("9223372036854775807"), TypeId::kInt64), Value::Int64(INT64_MAX));
  EXPECT_EQ(Cast(Value::String("-9223372036854775808"), TypeId::kInt64), Value::Int64(INT64_MIN));
  ExpectCastError(Value::String("abc"), TypeId::kInt64, ErrorKind::kInvalidInput,
                  "Bad int64 value: abc");
  ExpectCastError(Value::String(""), TypeId::kInt64, ErrorKind::kInvalidInput, "Bad int64 value: ");
  ExpectCastError(Value::String("1.5"), TypeId::kInt64, ErrorKind::kInvalidInput,
                  "Bad int64 value: 1.5");
  ExpectCastError(Value::String("9223372036854775808"), TypeId::kInt64, ErrorKind::kOutOfRange,
                  "Bad int64 value: 9223372036854775808");
}

TEST(CastTest, StringToFloat64AndBool) {
  EXPECT_EQ(Cast(Value::String("1.5e3"), TypeId::kFloat64), Value::Float64(1500));
  EXPECT_EQ(Cast(Value::String(" .25 "), TypeId::kFloat64), Value::Float64(0.25));
  EXPECT_EQ(Cast(Value::String("+2"), TypeId::kFloat64), Value::Float64(2));
  EXPECT_EQ(Cast(Value::String("-inf"), TypeId::kFloat64),
            Value::Float64(-std::numeric_limits<double>::infinity()));
  EXPECT_EQ(Cast(Value::String("Infinity"), TypeId::kFloat64),
            Value::Float64(std::numeric_limits<double>::infinity()));
  EXPECT_TRUE(std::isnan(Cast(Value::String("NaN"), TypeId::kFloat64).float64_value()));
  ExpectCastError(Value::String("x"), TypeId::kFloat64, ErrorKind::kInvalidInput,
                  "Bad double value: x");
  ExpectCastError(Value::String("1e400"), TypeId::kFloat64, ErrorKind::kOutOfRange,
                  "Bad double value: 1e400");
  EXPECT_EQ(Cast(Value::String("TRUE"), TypeId::kBool), Value::Bool(true));
  EXPECT_EQ(Cast(Value::String("false"), TypeId::kBool), Value::Bool(false));
  ExpectCastError(Value::String("maybe"), TypeId::kBool, ErrorKind::kInvalidInput,
                  "Bad bool value: maybe");
}

TEST(CastTest, FloatToString) {
  EXPECT_EQ(Cast(Value::Float64(0.1), TypeId::kString), Value::String("0.1"));
  EXPECT_EQ(Cast(Value::Float64(-std::numeric_limits<double>::infinity()), TypeId::kString),
            Value::String("-inf"));
  EXPECT_EQ(Cast(Value::Float64(1e21), TypeId::kString), Value::String("1e+21"));
}

TEST(CastTest, DatesAndTimes) {
  int32_t days;
  ASSERT_TRUE(ParseDate("2024-02-29", &days));
  EXPECT_EQ(Cast(Value::String("2024-02-29"), TypeId::kDate), Value::Date(days));
  ExpectCastError(Value::String("2023-02-30"), TypeId::kDate, ErrorKind::kInvalidInput,
                  "Invalid date: '2023-02-30'");
  ExpectCastError(Value::String("25:00:00"), TypeId::kTime, ErrorKind::kInvalidInput,
                  "Invalid time string \"25:00:00\"");
  ExpectCastError(Value::String("2024-13-01 00:00:00"), TypeId::kDatetime, ErrorKind::kInvalidInput,
                  "Invalid datetime string \"2024-13-01 00:00:00\"");
  ExpectCastError(Value::String("yesterday"), TypeId::kTimestamp, ErrorKind::kInvalidInput,
                  "Invalid timestamp: 'yesterday'");
  Value timestamp = Cast(Value::String("2024-02-29 13:45:00.5+01"), TypeId::kTimestamp);
  EXPECT_EQ(Cast(timestamp, TypeId::kString), Value::String("2024-02-29 12:45:00.500+00"));
  EXPECT_EQ(Cast(timestamp, TypeId::kDate), Value::Date(days));
  EXPECT_EQ(Cast(timestamp, TypeId::kTime), Cast(Value::String("12:45:00.5"), TypeId::kTime));
  Value datetime = Cast(timestamp, TypeId::kDatetime);
  EXPECT_EQ(Cast(datetime, TypeId::kString), Value::String("2024-02-29 12:45:00.500"));
  EXPECT_EQ(Cast(datetime, TypeId::kTimestamp), timestamp);
  EXPECT_EQ(Cast(Value::Date(days), TypeId::kDatetime),
            Value::Datetime(static_cast<int64_t>(days) * kMicrosPerDay));
  EXPECT_EQ(Cast(Value::Date(days), TypeId::kTimestamp),
            Value::Timestamp(static_cast<int64_t>(days) * kMicrosPerDay));
  // Before 1970: days round down.
  EXPECT_EQ(Cast(Value::Datetime(-1), TypeId::kDate), Value::Date(-1));
  EXPECT_EQ(Cast(Value::Date(days), TypeId::kString), Value::String("2024-02-29"));
}

TEST(CastTest, BytesAndString) {
  EXPECT_EQ(Cast(Value::String("héllo, a longer string"), TypeId::kBytes),
            Value::Bytes("héllo, a longer string"));
  EXPECT_EQ(Cast(Value::Bytes("ok \xC3\xA9"), TypeId::kString), Value::String("ok é"));
  ExpectCastError(Value::Bytes("bad \xFF"), TypeId::kString, ErrorKind::kInvalidInput,
                  "Invalid UTF-8 string");
  ExpectCastError(Value::Bytes("\xED\xA0\x80"), TypeId::kString, ErrorKind::kInvalidInput,
                  "Invalid UTF-8 string");  // a surrogate
}

TEST(CastTest, NullAndIntervalToString) {
  EXPECT_TRUE(Cast(Value(), TypeId::kInt64).is_null());
  EXPECT_EQ(Cast(Value::Null(TypeId::kString), TypeId::kInt64), Value::Null(TypeId::kInt64));
  EXPECT_EQ(Cast(Value::IntervalValue(Interval{14, 3, kMicrosPerHour}), TypeId::kString),
            Value::String("1-2 3 1:0:0"));
}

TEST(CastTest, VectorKindsAndSafeMode) {
  Vector source = testing::FlatVector(
      TypeId::kString, {Value::String("1"), Value(), Value::String("x"), Value::String("0x10")});
  Vector result(TypeId::kInt64, 4);
  CastVector(source, 4, result, /*safe=*/true);
  EXPECT_EQ(result.GetValue(0), Value::Int64(1));
  EXPECT_TRUE(result.GetValue(1).is_null());
  EXPECT_TRUE(result.GetValue(2).is_null());
  EXPECT_EQ(result.GetValue(3), Value::Int64(16));
  Vector unsafe_result(TypeId::kInt64, 4);
  EXPECT_THROW(CastVector(source, 4, unsafe_result, /*safe=*/false), Error);

  // Constant source: every row gets the value.
  Vector constant = Vector::Constant(Value::Int64(5));
  Vector strings(TypeId::kString, 3);
  CastVector(constant, 3, strings, false);
  EXPECT_EQ(strings.kind(), VectorKind::kFlat);
  EXPECT_EQ(strings.GetValue(2), Value::String("5"));

  // Dictionary source.
  Vector dictionary = testing::FlatVector(
      TypeId::kFloat64, {Value::Float64(0.5), Value::Float64(1.5), Value::Float64(-2.5)});
  SelectionVector selection(2);
  selection.set_index(0, 2);
  selection.set_index(1, 0);
  dictionary.Slice(selection, 2);
  Vector ints(TypeId::kInt64, 2);
  CastVector(dictionary, 2, ints, false);
  EXPECT_EQ(ints.GetValue(0), Value::Int64(-3));
  EXPECT_EQ(ints.GetValue(1), Value::Int64(1));
}

TEST(CastTest, ArraysElementwise) {
  Value array = Value::Array(
      TypeId::kString, {Value::String("1"), Value::Null(TypeId::kString), Value::String("3")});
  EXPECT_EQ(Cast(array, LogicalType::Array(TypeId::kInt64)),
            Value::Array(TypeId::kInt64,
                         {Value::Int64(1), Value::Null(TypeId::kInt64), Value::Int64(3)}));
  Value bad = Value::Array(TypeId::kString, {Value::String("1"), Value::String("z")});
  ExpectCastError(bad, LogicalType::Array(TypeId::kInt64), ErrorKind::kInvalidInput,
                  "Bad int64 value: z");
  // A flat vector of several arrays, one NULL, one failing under SAFE_CAST.
  Vector source = testing::FlatVector(LogicalType::Array(TypeId::kString),
                                      {array, Value(), bad, Value::Array(TypeId::kString, {})});
  Vector result(LogicalType::Array(TypeId::kInt64), 4);
  CastVector(source, 4, result, true);
  EXPECT_EQ(result.GetValue(0).children().size(), 3u);
  EXPECT_TRUE(result.GetValue(1).is_null());
  EXPECT_TRUE(result.GetValue(2).is_null());
  EXPECT_EQ(result.GetValue(3), Value::Array(TypeId::kInt64, {}));
}

TEST(CastTest, StructsFieldwise) {
  LogicalType from = LogicalType::Struct({{"a", TypeId::kString}, {"b", TypeId::kInt64}});
  LogicalType to = LogicalType::Struct({{"x", TypeId::kInt64}, {"y", TypeId::kFloat64}});
  Value value = Value::Struct(from, {Value::String("12"), Value::Int64(3)});
  EXPECT_EQ(Cast(value, to), Value::Struct(to, {Value::Int64(12), Value::Float64(3)}));
  Value bad = Value::Struct(from, {Value::String("?"), Value::Int64(3)});
  EXPECT_TRUE(SafeCast(bad, to).is_null());
  EXPECT_THROW(Cast(bad, to), Error);
}

TEST(CastTest, StringFunctionOfTimestamp) {
  Value timestamp = Cast(Value::String("2020-01-02 03:04:05"), TypeId::kTimestamp);
  EXPECT_EQ(testing::Eval("STRING", {timestamp}), Value::String("2020-01-02 03:04:05+00"));
}

TEST(CastTest, ParseHelpers) {
  int64_t value;
  EXPECT_EQ(ParseInt64Text("0x", &value), ParseResult::kMalformed);
  EXPECT_EQ(ParseInt64Text("-", &value), ParseResult::kMalformed);
  EXPECT_EQ(ParseInt64Text("0x7FFFFFFFFFFFFFFF", &value), ParseResult::kOk);
  EXPECT_EQ(value, INT64_MAX);
  EXPECT_EQ(ParseInt64Text("0x8000000000000000", &value), ParseResult::kOverflow);
  double number;
  EXPECT_EQ(ParseDoubleText("1e-400", &number), ParseResult::kOk);
  EXPECT_EQ(ParseDoubleText("--1", &number), ParseResult::kMalformed);
  EXPECT_EQ(ParseDoubleText("1.5x", &number), ParseResult::kMalformed);
}

}  // namespace
}  // namespace dq
