// Calendar arithmetic and the canonical text forms of DATE, TIME, DATETIME and TIMESTAMP.
//
// Representations (see logical_type.h): DATE = days since 1970-01-01; TIME = microseconds since
// midnight; DATETIME = microseconds since 1970-01-01T00:00:00 (civil); TIMESTAMP = microseconds
// since the Unix epoch in UTC. Supported range is year 1..9999, as in GoogleSQL.
//
// Parse* accept GoogleSQL's canonical literal forms and return false on malformed or
// out-of-range input (the caller reports the error with its position). A leap second (second
// 60) is accepted and normalized to the start of the next minute: "12:59:60.5" is 13:00:00
// (13:00:00.5 in a TIMESTAMP),
// "2015-11-06 23:59:60" is 2015-11-07 00:00:00, TIME "23:59:60" is 00:00:00. Format* produce the
// forms of CAST(x AS STRING): 2024-01-31, 13:45:00, 2024-01-31 13:45:00,
// 2024-01-31 13:45:00+00, with fractional seconds printed with 0, 3 or 6 digits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dq {

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;
inline constexpr int32_t kMinDate = -719162;  // 0001-01-01
inline constexpr int32_t kMaxDate = 2932896;  // 9999-12-31

struct CivilDate {
  int32_t year;
  int32_t month;  // 1..12
  int32_t day;    // 1..31
};

// Days since 1970-01-01 of a proleptic Gregorian date (any valid y/m/d).
int32_t DaysFromCivil(int32_t year, int32_t month, int32_t day);
CivilDate CivilFromDays(int32_t days);
bool IsLeapYear(int32_t year);
int32_t DaysInMonth(int32_t year, int32_t month);
// 0 = Sunday .. 6 = Saturday.
int32_t DayOfWeek(int32_t days);

bool ParseDate(std::string_view text, int32_t* days);
bool ParseTime(std::string_view text, int64_t* micros);
bool ParseDatetime(std::string_view text, int64_t* micros);
// keep_leap_fraction: "12:59:60.5" is 13:00:00.5 (as TIMESTAMP text is read), not 13:00:00.
bool ParseDatetime(std::string_view text, int64_t* micros, bool keep_leap_fraction);
// Accepts an optional zone suffix: Z, UTC, +HH[:MM], -HH[:MM]; without one the time is UTC.
bool ParseTimestamp(std::string_view text, int64_t* micros);

std::string FormatDate(int32_t days);
std::string FormatTime(int64_t micros);
std::string FormatDatetime(int64_t micros);
std::string FormatTimestamp(int64_t micros);

// Splits microseconds since an epoch into whole days (floor) and the remainder in [0, day).
inline void SplitDayMicros(int64_t micros, int64_t* days, int64_t* micros_of_day) {
  int64_t whole_days = micros / kMicrosPerDay;
  int64_t rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --whole_days;
  }
  *days = whole_days;
  *micros_of_day = rest;
}

}  // namespace dq
