#include "types/time_zone.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace dq {
namespace {

TEST(TimeZoneTest, ParseTimestampInZoneUsesTheZoneOnlyWithoutOneInTheText) {
  TimeZone los_angeles = TimeZone::Find("America/Los_Angeles");
  int64_t micros = 0;
  ASSERT_TRUE(ParseTimestampInZone("2024-01-15 00:00:00", los_angeles, &micros));
  EXPECT_EQ(micros, 1705305600LL * 1000000);
  ASSERT_TRUE(ParseTimestampInZone("2024-01-15 00:00:00+00", los_angeles, &micros));
  EXPECT_EQ(micros, 1705276800LL * 1000000);
  ASSERT_TRUE(ParseTimestampInZone("2024-01-15 00:00:00 Asia/Tokyo", los_angeles, &micros));
  EXPECT_EQ(micros, 1705244400LL * 1000000);
  ASSERT_TRUE(ParseTimestampInZone("2024-01-15", TimeZone(), &micros));
  EXPECT_EQ(micros, 1705276800LL * 1000000);
  // A leap second keeps its fraction in a timestamp.
  ASSERT_TRUE(ParseTimestampInZone("2015-11-06 12:59:60.5+00", TimeZone(), &micros));
  EXPECT_EQ(micros % 1000000, 500000);
  EXPECT_FALSE(ParseTimestampInZone("2024-01-15 00:00:00 Mars/Olympus", los_angeles, &micros));
  EXPECT_FALSE(ParseTimestampInZone("2024-13-15", los_angeles, &micros));
  EXPECT_FALSE(ParseTimestampInZone("10000-01-01 00:00:00", TimeZone(), &micros));
}

TEST(TimeZoneTest, FormatTimestampInZonePrintsTheOffsetInEffect) {
  int64_t january = 1705320000LL * 1000000;  // 2024-01-15 12:00:00 UTC
  int64_t july = 1721044800LL * 1000000;     // 2024-07-15 12:00:00 UTC
  TimeZone los_angeles = TimeZone::Find("America/Los_Angeles");
  EXPECT_EQ(FormatTimestampInZone(january, los_angeles), "2024-01-15 04:00:00-08");
  EXPECT_EQ(FormatTimestampInZone(july, los_angeles), "2024-07-15 05:00:00-07");
  EXPECT_EQ(FormatTimestampInZone(january, TimeZone::Find("+05:30")), "2024-01-15 17:30:00+05:30");
  EXPECT_EQ(FormatTimestampInZone(january, TimeZone()), "2024-01-15 12:00:00+00");
}

TEST(TimeZoneTest, FindRejectsUnknownNames) {
  EXPECT_TRUE(TimeZone::Find("UTC").is_utc());
  EXPECT_TRUE(TimeZone::Find("+00").is_utc());
  EXPECT_FALSE(TimeZone::Find("Europe/London").is_utc());
  EXPECT_THROW(TimeZone::Find("Mars/Olympus"), Error);
  EXPECT_THROW(TimeZone::Find("+25"), Error);
}

}  // namespace
}  // namespace dq
