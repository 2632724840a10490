#include <gtest/gtest.h>

#include "common/error.h"
#include "function_test_util.h"
#include "types/date_time.h"

namespace dq {
namespace {

using testing::Eval;
using testing::ExpectError;

Value D(const char* text) {
  int32_t days;
  EXPECT_TRUE(ParseDate(text, &days)) << text;
  return Value::Date(days);
}
Value DT(const char* text) {
  int64_t micros;
  EXPECT_TRUE(ParseDatetime(text, &micros)) << text;
  return Value::Datetime(micros);
}
Value TS(const char* text) {
  int64_t micros;
  EXPECT_TRUE(ParseTimestamp(text, &micros)) << text;
  return Value::Timestamp(micros);
}
Value T(const char* text) {
  int64_t micros;
  EXPECT_TRUE(ParseTime(text, &micros)) << text;
  return Value::Time(micros);
}
Value S(const char* text) { return Value::String(text); }
Value I(int64_t value) { return Value::Int64(value); }

Value Extract(const char* part, const Value& value) { return Eval("$extract", {S(part), value}); }

TEST(DateTest, ExtractFromDate) {
  Value date = D("2024-02-29");  // a Thursday
  EXPECT_EQ(Extract("YEAR", date), I(2024));
  EXPECT_EQ(Extract("MONTH", date), I(2));
  EXPECT_EQ(Extract("DAY", date), I(29));
  EXPECT_EQ(Extract("QUARTER", date), I(1));
  EXPECT_EQ(Extract("DAYOFWEEK", date), I(5));
  EXPECT_EQ(Extract("DAYOFYEAR", date), I(60));
  EXPECT_EQ(Extract("WEEK", D("2023-01-01")), I(1));  // a Sunday
  EXPECT_EQ(Extract("WEEK", D("2022-01-01")), I(0));  // a Saturday
  EXPECT_EQ(Extract("WEEK(MONDAY)", D("2023-01-01")), I(0));
  EXPECT_EQ(Extract("WEEK(MONDAY)", D("2023-01-02")), I(1));
  EXPECT_EQ(Extract("ISOWEEK", D("2021-01-03")), I(53));
  EXPECT_EQ(Extract("ISOYEAR", D("2021-01-03")), I(2020));
  EXPECT_EQ(Extract("ISOWEEK", D("2024-12-30")), I(1));
  EXPECT_EQ(Extract("ISOYEAR", D("2024-12-30")), I(2025));
  EXPECT_EQ(Extract("YEAR", D("1969-12-31")), I(1969));
  EXPECT_THROW(Extract("HOUR", date), Error);
  EXPECT_THROW(Extract("FORTNIGHT", date), Error);
}

TEST(DateTest, ExtractFromTimestampDatetimeTime) {
  Value timestamp = TS("2024-03-10 13:45:30.123456+00");
  EXPECT_EQ(Extract("HOUR", timestamp), I(13));
  EXPECT_EQ(Extract("MINUTE", timestamp), I(45));
  EXPECT_EQ(Extract("SECOND", timestamp), I(30));
  EXPECT_EQ(Extract("MILLISECOND", timestamp), I(123));
  EXPECT_EQ(Extract("MICROSECOND", timestamp), I(123456));
  EXPECT_EQ(Extract("DAY", timestamp), I(10));
  EXPECT_EQ(Extract("DATE", timestamp), D("2024-03-10"));
  EXPECT_EQ(Extract("TIME", timestamp), T("13:45:30.123456"));
  EXPECT_EQ(Extract("DATETIME", timestamp), DT("2024-03-10 13:45:30.123456"));
  EXPECT_EQ(Extract("HOUR", DT("1960-01-01 05:00:00")), I(5));
  EXPECT_EQ(Extract("YEAR", DT("1960-01-01 05:00:00")), I(1960));
  EXPECT_EQ(Extract("MINUTE", T("10:11:12")), I(11));
  EXPECT_THROW(Extract("YEAR", T("10:11:12")), Error);
}

TEST(DateTest, DateAddSub) {
  EXPECT_EQ(Eval("DATE_ADD", {D("2024-02-28"), I(1), S("DAY")}), D("2024-02-29"));
  EXPECT_EQ(Eval("DATE_ADD", {D("2024-01-31"), I(1), S("MONTH")}), D("2024-02-29"));
  EXPECT_EQ(Eval("DATE_ADD", {D("2023-01-31"), I(1), S("MONTH")}), D("2023-02-28"));
  EXPECT_EQ(Eval("DATE_ADD", {D("2024-02-29"), I(1), S("YEAR")}), D("2025-02-28"));
  EXPECT_EQ(Eval("DATE_ADD", {D("2024-01-01"), I(2), S("WEEK")}), D("2024-01-15"));
  EXPECT_EQ(Eval("DATE_ADD", {D("2024-11-30"), I(1), S("QUARTER")}), D("2025-02-28"));
  EXPECT_EQ(Eval("DATE_SUB", {D("2024-03-31"), I(1), S("MONTH")}), D("2024-02-29"));
  EXPECT_EQ(Eval("DATE_SUB", {D("2024-01-01"), I(1), S("DAY")}), D("2023-12-31"));
  ExpectError("DATE_ADD", {D("9999-12-31"), I(1), S("DAY")}, ErrorKind::kOutOfRange,
              "DATE_ADD result is out of range");
  ExpectError("DATE_SUB", {D("0001-01-01"), I(1), S("MONTH")}, ErrorKind::kOutOfRange,
              "DATE_SUB result is out of range");
  ExpectError("DATE_ADD", {D("2024-01-01"), I(INT64_MAX), S("DAY")}, ErrorKind::kOutOfRange,
              "DATE_ADD result is out of range");
  ExpectError("DATE_ADD", {D("2024-01-01"), I(1), S("HOUR")}, ErrorKind::kInvalidInput,
              "Unsupported date part HOUR for DATE_ADD");
}

TEST(DateTest, DateDiff) {
  EXPECT_EQ(Eval("DATE_DIFF", {D("2024-03-01"), D("2024-02-01"), S("DAY")}), I(29));
  EXPECT_EQ(Eval("DATE_DIFF", {D("2024-01-01"), D("2023-12-31"), S("YEAR")}), I(1));
  EXPECT_EQ(Eval("DATE_DIFF", {D("2024-01-31"), D("2024-02-01"), S("MONTH")}), I(-1));
  EXPECT_EQ(Eval("DATE_DIFF", {D("2024-04-01"), D("2024-03-31"), S("QUARTER")}), I(1));
  // 2024-01-07 is a Sunday: one Sunday boundary between Saturday and Sunday.
  EXPECT_EQ(Eval("DATE_DIFF", {D("2024-01-07"), D("2024-01-06"), S("WEEK")}), I(1));
  EXPECT_EQ(Eval("DATE_DIFF", {D("2024-01-07"), D("2024-01-06"), S("ISOWEEK")}), I(0));
  EXPECT_EQ(Eval("DATE_DIFF", {D("2024-01-08"), D("2024-01-07"), S("ISOWEEK")}), I(1));
  EXPECT_EQ(Eval("DATE_DIFF", {D("2021-01-04"), D("2021-01-03"), S("ISOYEAR")}), I(1));
}

TEST(DateTest, DateTruncAndLastDay) {
  Value date = D("2024-05-15");  // a Wednesday
  EXPECT_EQ(Eval("DATE_TRUNC", {date, S("MONTH")}), D("2024-05-01"));
  EXPECT_EQ(Eval("DATE_TRUNC", {date, S("QUARTER")}), D("2024-04-01"));
  EXPECT_EQ(Eval("DATE_TRUNC", {date, S("YEAR")}), D("2024-01-01"));
  EXPECT_EQ(Eval("DATE_TRUNC", {date, S("WEEK")}), D("2024-05-12"));
  EXPECT_EQ(Eval("DATE_TRUNC", {date, S("WEEK(MONDAY)")}), D("2024-05-13"));
  EXPECT_EQ(Eval("DATE_TRUNC", {date, S("ISOWEEK")}), D("2024-05-13"));
  EXPECT_EQ(Eval("DATE_TRUNC", {D("2021-01-03"), S("ISOYEAR")}), D("2019-12-30"));
  EXPECT_EQ(Eval("DATE_TRUNC", {date, S("DAY")}), date);
  ExpectError("DATE_TRUNC", {D("0001-01-01"), S("WEEK")}, ErrorKind::kOutOfRange,
              "DATE_TRUNC result is out of range");
  EXPECT_EQ(Eval("LAST_DAY", {D("2024-02-10")}), D("2024-02-29"));
  EXPECT_EQ(Eval("LAST_DAY", {D("2023-02-10"), S("MONTH")}), D("2023-02-28"));
  EXPECT_EQ(Eval("LAST_DAY", {date, S("QUARTER")}), D("2024-06-30"));
  EXPECT_EQ(Eval("LAST_DAY", {date, S("YEAR")}), D("2024-12-31"));
  EXPECT_EQ(Eval("LAST_DAY", {date, S("WEEK")}), D("2024-05-18"));
  EXPECT_EQ(Eval("LAST_DAY", {date, S("ISOWEEK")}), D("2024-05-19"));
}

TEST(DateTest, ConstructorsAndUnixDates) {
  EXPECT_EQ(Eval("DATE", {I(2024), I(2), I(29)}), D("2024-02-29"));
  ExpectError("DATE", {I(2023), I(2), I(29)}, ErrorKind::kOutOfRange,
              "Input calculates to invalid date: 2023-02-29");
  ExpectError("DATE", {I(10000), I(1), I(1)}, ErrorKind::kOutOfRange,
              "Input calculates to invalid date: 10000-01-01");
  EXPECT_EQ(Eval("DATE", {TS("2024-02-29 23:59:59+00")}), D("2024-02-29"));
  EXPECT_EQ(Eval("DATE", {DT("1969-12-31 23:00:00")}), D("1969-12-31"));
  EXPECT_EQ(Eval("UNIX_DATE", {D("1970-01-02")}), I(1));
  EXPECT_EQ(Eval("DATE_FROM_UNIX_DATE", {I(-1)}), D("1969-12-31"));
  ExpectError("DATE_FROM_UNIX_DATE", {I(3000000)}, ErrorKind::kOutOfRange,
              "DATE_FROM_UNIX_DATE result is out of range");
}

TEST(DateTest, TimestampArithmetic) {
  Value timestamp = TS("2024-02-28 23:30:00+00");
  EXPECT_EQ(Eval("TIMESTAMP_ADD", {timestamp, I(1), S("HOUR")}), TS("2024-02-29 00:30:00+00"));
  EXPECT_EQ(Eval("TIMESTAMP_ADD", {timestamp, I(2), S("DAY")}), TS("2024-03-01 23:30:00+00"));
  EXPECT_EQ(Eval("TIMESTAMP_SUB", {timestamp, I(90), S("MINUTE")}), TS("2024-02-28 22:00:00+00"));
  EXPECT_EQ(Eval("TIMESTAMP_ADD", {timestamp, I(1500), S("MILLISECOND")}),
            TS("2024-02-28 23:30:01.5+00"));
  ExpectError("TIMESTAMP_ADD", {timestamp, I(1), S("MONTH")}, ErrorKind::kInvalidInput,
              "Unsupported date part MONTH for TIMESTAMP_ADD");
  ExpectError("TIMESTAMP_ADD", {TS("9999-12-31 23:59:59+00"), I(1), S("SECOND")},
              ErrorKind::kOutOfRange, "TIMESTAMP_ADD result is out of range");
  ExpectError("TIMESTAMP_ADD", {timestamp, I(INT64_MAX), S("HOUR")}, ErrorKind::kOutOfRange,
              "TIMESTAMP_ADD result is out of range");
  EXPECT_EQ(Eval("TIMESTAMP_DIFF",
                 {TS("2024-01-02 00:00:00+00"), TS("2024-01-01 00:00:01+00"), S("DAY")}),
            I(0));
  EXPECT_EQ(Eval("TIMESTAMP_DIFF",
                 {TS("2024-01-01 00:00:00+00"), TS("2024-01-01 01:30:00+00"), S("HOUR")}),
            I(-1));
  EXPECT_EQ(Eval("TIMESTAMP_TRUNC", {TS("2024-05-15 13:45:30.5+00"), S("HOUR")}),
            TS("2024-05-15 13:00:00+00"));
  EXPECT_EQ(Eval("TIMESTAMP_TRUNC", {TS("2024-05-15 13:45:30.5+00"), S("MONTH")}),
            TS("2024-05-01 00:00:00+00"));
  EXPECT_EQ(Eval("TIMESTAMP_TRUNC", {TS("1969-12-31 23:59:59.9+00"), S("SECOND")}),
            TS("1969-12-31 23:59:59+00"));
}

TEST(DateTest, DatetimeArithmetic) {
  Value datetime = DT("2024-01-31 10:00:00");
  EXPECT_EQ(Eval("DATETIME_ADD", {datetime, I(1), S("MONTH")}), DT("2024-02-29 10:00:00"));
  EXPECT_EQ(Eval("DATETIME_SUB", {datetime, I(10), S("HOUR")}), DT("2024-01-31 00:00:00"));
  EXPECT_EQ(Eval("DATETIME_ADD", {datetime, I(1), S("YEAR")}), DT("2025-01-31 10:00:00"));
  // Boundaries crossed, not elapsed time.
  EXPECT_EQ(Eval("DATETIME_DIFF", {DT("2024-01-01 00:00:00"), DT("2023-12-31 23:59:59"), S("DAY")}),
            I(1));
  EXPECT_EQ(
      Eval("DATETIME_DIFF", {DT("2024-01-01 10:00:00"), DT("2024-01-01 09:59:59"), S("HOUR")}),
      I(1));
  EXPECT_EQ(
      Eval("DATETIME_DIFF", {DT("2024-03-01 00:00:00"), DT("2024-01-31 00:00:00"), S("MONTH")}),
      I(2));
  EXPECT_EQ(Eval("DATETIME_TRUNC", {DT("2024-05-15 13:45:30"), S("MINUTE")}),
            DT("2024-05-15 13:45:00"));
  EXPECT_EQ(Eval("DATETIME_TRUNC", {DT("2024-05-15 13:45:30"), S("WEEK(MONDAY)")}),
            DT("2024-05-13 00:00:00"));
}

TEST(DateTest, UnixConversions) {
  Value timestamp = TS("1969-12-31 23:59:59.5+00");
  EXPECT_EQ(Eval("UNIX_SECONDS", {timestamp}), I(-1));
  EXPECT_EQ(Eval("UNIX_MILLIS", {timestamp}), I(-500));
  EXPECT_EQ(Eval("UNIX_MICROS", {timestamp}), I(-500000));
  EXPECT_EQ(Eval("TIMESTAMP_SECONDS", {I(86400)}), TS("1970-01-02 00:00:00+00"));
  EXPECT_EQ(Eval("TIMESTAMP_MILLIS", {I(-500)}), timestamp);
  EXPECT_EQ(Eval("TIMESTAMP_MICROS", {I(1)}), Value::Timestamp(1));
  ExpectError("TIMESTAMP_SECONDS", {I(INT64_MAX)}, ErrorKind::kOutOfRange,
              "TIMESTAMP_SECONDS result is out of range");
  ExpectError("TIMESTAMP_SECONDS", {I(253402300800)}, ErrorKind::kOutOfRange,
              "TIMESTAMP_SECONDS result is out of range");
}

TEST(DateTest, FlatColumnsWithNulls) {
  std::vector<Value> result = testing::RunScalar(
      "DATE_ADD",
      {testing::FlatVector(TypeId::kDate, {D("2024-01-31"), Value(), D("2023-01-31")}),
       Vector::Constant(I(1)), Vector::Constant(S("MONTH"))},
      3);
  EXPECT_EQ(result[0], D("2024-02-29"));
  EXPECT_TRUE(result[1].is_null());
  EXPECT_EQ(result[2], D("2023-02-28"));
}

}  // namespace
}  // namespace dq
