#include "types/interval.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace dq {
namespace {

Interval Text(const char* text) {
  Interval value;
  std::string error;
  EXPECT_TRUE(ParseIntervalText(text, &value, &error)) << text << ": " << error;
  return value;
}

TEST(IntervalTest, ParsesCanonicalAndIsoText) {
  EXPECT_EQ(Text("1-2 3 4:5:6.789"), (Interval{14, 3, 14706789000}));
  EXPECT_EQ(Text("-1-2 -3 -4:5:6.789"), (Interval{-14, -3, -14706789000}));
  EXPECT_EQ(Text("1-2"), (Interval{14, 0, 0}));
  EXPECT_EQ(Text("10:00:00"), (Interval{0, 0, 36000000000}));
  EXPECT_EQ(Text("P1Y2M3DT4H5M6.789S"), Text("1-2 3 4:5:6.789"));
  EXPECT_EQ(Text("P2W"), (Interval{0, 14, 0}));
  Interval value;
  std::string error;
  EXPECT_FALSE(ParseIntervalText("1", &value, &error));
  EXPECT_FALSE(ParseIntervalText("P-aY", &value, &error));
  EXPECT_EQ(error, "Invalid INTERVAL value 'P-aY': Expected number at 'a'");
  EXPECT_FALSE(ParseIntervalText("1-2 3 4:5:6.1234567", &value, &error));  // no nanoseconds
}

TEST(IntervalTest, ParsesLiteralTextForItsParts) {
  EXPECT_EQ(ParseIntervalWithParts("-20 30", "MONTH", "DAY"), (Interval{-20, 30, 0}));
  EXPECT_EQ(ParseIntervalWithParts("6.5", "SECOND", ""), (Interval{0, 0, 6500000}));
  EXPECT_EQ(ParseIntervalWithParts("1 2:03", "DAY", "MINUTE"), (Interval{0, 1, 7380000000}));
  EXPECT_THROW(ParseIntervalWithParts("1:2", "DAY", "SECOND"), Error);
  EXPECT_THROW(ParseIntervalWithParts("1", "SECOND", "DAY"), Error);
}

TEST(IntervalTest, ArithmeticAndRanges) {
  EXPECT_EQ(FormatInterval(DivideInterval(Text("0-1 1 1:0:1"), 5)), "0-0 6 5:0:0.2");
  EXPECT_EQ(FormatInterval(Interval{-2, 0, -6000000}), "-0-2 0 -0:0:6");
  EXPECT_EQ(IntervalOrderKey(Interval{1, 0, 0}), IntervalOrderKey(Interval{0, 30, 0}));
  EXPECT_THROW(MultiplyInterval(Interval{120000, 0, 0}, 2), Error);
  EXPECT_THROW(DivideInterval(Interval{1, 0, 0}, 0), Error);
  EXPECT_EQ(JustifyInterval(Interval{0, 29, 49LL * 3600 * 1000000}), (Interval{1, 1, 3600000000}));
  EXPECT_EQ(JustifyHours(Interval{0, 1, -3600000000}), (Interval{0, 0, 23LL * 3600 * 1000000}));
}

}  // namespace
}  // namespace dq
