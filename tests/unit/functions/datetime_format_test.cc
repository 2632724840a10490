#include <gtest/gtest.h>

#include "common/error.h"
#include "function_test_util.h"
#include "functions/scalar/datetime_format.h"
#include "types/time_zone.h"
#include "types/date_time.h"

namespace dq {
namespace {

using testing::Eval;
using testing::ExpectError;

Value S(const std::string& text) { return Value::String(text); }

int32_t Days(const char* text) {
  int32_t days = 0;
  EXPECT_TRUE(ParseDate(text, &days));
  return days;
}

int64_t Micros(const char* text) {
  int64_t micros = 0;
  EXPECT_TRUE(ParseTimestamp(text, &micros));
  return micros;
}

TEST(DatetimeFormatTest, FormatElements) {
  CivilDateTime civil = CivilFromMicros(Micros("2021-01-03 07:08:09.012300"));
  EXPECT_EQ(FormatCivil("%Y-%m-%d %H:%M:%S", civil, 0), "2021-01-03 07:08:09");
  EXPECT_EQ(FormatCivil("%E3S|%E*S|%E1S|%E0S", civil, 0), "09.012|09.0123|09.0|09");
  // 2021-01-03 is a Sunday in ISO week 53 of 2020.
  EXPECT_EQ(FormatCivil("%a %u %w %V %G %U %W %j", civil, 0), "Sun 7 0 53 2020 01 00 003");
  EXPECT_EQ(FormatCivil("%I %l %p %P %k", civil, 0), "07  7 AM am  7");
  EXPECT_EQ(FormatCivil("100%% %q", civil, 0), "100% %q");
}

TEST(DatetimeFormatTest, ParseFillsDefaultsAndValidates) {
  ParsedCivil parsed = ParseCivil("%H:%M", "13:45");
  EXPECT_EQ(parsed.civil.year, 1970);
  EXPECT_EQ(parsed.civil.hour, 13);
  EXPECT_EQ(ParseCivil("%y", "68").civil.year, 2068);
  EXPECT_EQ(ParseCivil("%y", "69").civil.year, 1969);
  EXPECT_EQ(ParseCivil("%B %d", "march 5").civil.month, 3);
  EXPECT_EQ(*ParseCivil("%z", "-0730").offset_seconds, -(7 * 3600 + 30 * 60));
  EXPECT_EQ(ParseCivil("%Z", "Europe/Paris").zone_name, "Europe/Paris");
  EXPECT_THROW(ParseCivil("%d", "32"), Error);
  EXPECT_THROW(ParseCivil("%Y-%m-%d", "2023-02-29"), Error);
  EXPECT_THROW(ParseCivil("%E2S", "01.123"), Error);
}

TEST(DatetimeFormatTest, TimeZones) {
  TimeZone zone = TimeZone::Find("America/New_York");
  int64_t summer = Micros("2024-07-01 12:00:00");
  std::string abbreviation;
  EXPECT_EQ(zone.OffsetAt(summer, &abbreviation), -4 * 3600);
  EXPECT_EQ(abbreviation, "EDT");
  EXPECT_EQ(TimeZone::Find("+05:30").OffsetAt(0), 5 * 3600 + 30 * 60);
  EXPECT_EQ(TimeZone::Find("UTC-3").OffsetAt(0), -3 * 3600);
  EXPECT_THROW(TimeZone::Find("Not/A_Zone"), Error);
}

TEST(DatetimeFormatTest, Functions) {
  EXPECT_EQ(Eval("FORMAT_DATE", {S("%d/%m/%Y"), Value::Date(Days("2024-02-07"))}),
            S("07/02/2024"));
  EXPECT_EQ(Eval("FORMAT_TIMESTAMP", {S("%F %T %Z"), Value::Timestamp(Micros("2024-01-15 12:00:00")),
                                      S("Asia/Tokyo")}),
            S("2024-01-15 21:00:00 JST"));
  EXPECT_EQ(Eval("PARSE_DATE", {S("%Y%m%d"), S("20081225")}), Value::Date(Days("2008-12-25")));
  EXPECT_EQ(Eval("PARSE_TIMESTAMP", {S("%F %T"), S("2024-01-15 21:00:00"), S("Asia/Tokyo")}),
            Value::Timestamp(Micros("2024-01-15 12:00:00")));
  EXPECT_EQ(Eval("PARSE_TIME", {S("%H:%M:%E*S"), S("01:02:03.5")}),
            Value::Time(kMicrosPerHour + 2 * kMicrosPerMinute + 3500000));
  ExpectError("PARSE_DATETIME", {S("%F"), S("2024-13-01")}, ErrorKind::kOutOfRange,
              "Failed to parse input string \"2024-13-01\"");
}

TEST(DatetimeFormatTest, TimeArithmetic) {
  Value ten = Value::Time(10 * kMicrosPerHour);
  EXPECT_EQ(Eval("TIME_ADD", {ten, Value::Int64(15), S("HOUR")}), Value::Time(kMicrosPerHour));
  EXPECT_EQ(Eval("TIME_SUB", {ten, Value::Int64(INT64_MAX), S("MICROSECOND")}),
            Eval("TIME_ADD", {ten, Value::Int64(-(INT64_MAX % kMicrosPerDay)), S("MICROSECOND")}));
  EXPECT_EQ(Eval("TIME_DIFF", {ten, Value::Time(0), S("MINUTE")}), Value::Int64(600));
  ExpectError("TIME_TRUNC", {ten, S("DAY")}, ErrorKind::kInvalidInput,
              "Unsupported date part DAY for TIME_TRUNC");
}

}  // namespace
}  // namespace dq
