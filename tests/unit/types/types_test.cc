#include <gtest/gtest.h>

#include "types/date_time.h"
#include "types/logical_type.h"
#include "types/numeric.h"
#include "types/value.h"

namespace dq {
namespace {

TEST(LogicalTypeTest, Spelling) {
  EXPECT_EQ(LogicalType(TypeId::kInt64).ToString(), "INT64");
  EXPECT_EQ(LogicalType::Array(TypeId::kString).ToString(), "ARRAY<STRING>");
  EXPECT_EQ(LogicalType::Struct({{"a", TypeId::kInt64}, {"b", LogicalType::Array(TypeId::kDate)}})
                .ToString(),
            "STRUCT<a INT64, b ARRAY<DATE>>");
}

TEST(DateTimeTest, CivilRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1, 1, 1), kMinDate);
  EXPECT_EQ(DaysFromCivil(9999, 12, 31), kMaxDate);
  for (int32_t days = kMinDate; days <= kMaxDate; days += 997) {
    CivilDate date = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(date.year, date.month, date.day), days);
  }
  EXPECT_EQ(DayOfWeek(0), 4);  // Thursday
}

TEST(DateTimeTest, ParseAndFormat) {
  int32_t days;
  ASSERT_TRUE(ParseDate("2024-02-29", &days));
  EXPECT_EQ(FormatDate(days), "2024-02-29");
  EXPECT_FALSE(ParseDate("2023-02-29", &days));
  EXPECT_FALSE(ParseDate("2023-13-01", &days));
  EXPECT_FALSE(ParseDate("hello", &days));

  int64_t micros;
  ASSERT_TRUE(ParseTimestamp("2024-01-31 13:45:00.5+01:00", &micros));
  EXPECT_EQ(FormatTimestamp(micros), "2024-01-31 12:45:00.500+00");
  ASSERT_TRUE(ParseDatetime("2024-01-31T01:02:03.000004", &micros));
  EXPECT_EQ(FormatDatetime(micros), "2024-01-31 01:02:03.000004");
  ASSERT_TRUE(ParseTime("23:59:59", &micros));
  EXPECT_EQ(FormatTime(micros), "23:59:59");
  ASSERT_TRUE(ParseDatetime("1969-12-31 23:00:00", &micros));
  EXPECT_EQ(FormatDatetime(micros), "1969-12-31 23:00:00");
}

TEST(NumericTest, ParseFormat) {
  int128_t scaled;
  ASSERT_TRUE(ParseNumeric("1.50", &scaled));
  EXPECT_EQ(FormatNumeric(scaled), "1.5");
  ASSERT_TRUE(ParseNumeric("-0.000000001", &scaled));
  EXPECT_EQ(FormatNumeric(scaled), "-0.000000001");
  ASSERT_TRUE(ParseNumeric("1e3", &scaled));
  EXPECT_EQ(FormatNumeric(scaled), "1000");
  ASSERT_TRUE(ParseNumeric("99999999999999999999999999999.999999999", &scaled));
  EXPECT_FALSE(ParseNumeric("100000000000000000000000000000", &scaled));
  EXPECT_FALSE(ParseNumeric("abc", &scaled));
}

TEST(ValueTest, CastToStringForms) {
  EXPECT_EQ(Value::Float64(1.0).ToString(), "1");
  EXPECT_EQ(Value::Float64(0.1).ToString(), "0.1");
  EXPECT_EQ(Value::Float64(1e21).ToString(), "1e+21");
  EXPECT_EQ(Value::Bool(true).ToString(), "true");
  EXPECT_EQ(Value::Null(TypeId::kString).ToString(), "NULL");
  EXPECT_EQ(Value::Array(TypeId::kString, {Value::String("a")}).ToString(), "[\"a\"]");
}

}  // namespace
}  // namespace dq
