// Date parts and the calendar arithmetic behind the date and time functions.
//
// The binder passes a date part as a constant STRING argument holding the upper-cased part
// name: 'DAY', 'WEEK', 'WEEK(MONDAY)', 'ISOWEEK', 'MONTH', 'QUARTER', 'YEAR', 'ISOYEAR',
// 'DAYOFWEEK', 'DAYOFYEAR', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', 'DATE',
// 'TIME', 'DATETIME'. Weeks start on Sunday unless WEEK(<day>) says otherwise; ISO weeks start
// on Monday and ISO years begin with the week holding January 4th.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vector/vector.h"

namespace dq {

enum class DatePart : uint8_t {
  kMicrosecond,
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kDayOfWeek,
  kDayOfYear,
  kWeek,
  kIsoWeek,
  kMonth,
  kQuarter,
  kYear,
  kIsoYear,
  kDate,
  kTime,
  kDatetime,
};

struct DatePartSpec {
  DatePart part = DatePart::kDay;
  int32_t week_start = 0;  // 0 = Sunday .. 6 = Saturday (WEEK only)
  std::string name;        // as written, for messages
};

// Parses a part name; throws kInvalidInput "A valid date part name is required but found X".
DatePartSpec ParseDatePart(std::string_view name);
// Reads the part from a (constant) STRING argument column, row 0.
DatePartSpec ReadDatePart(const Vector& column);
// Throws kInvalidInput "Unsupported date part X for FUNCTION".
[[noreturn]] void ThrowUnsupportedPart(const char* function, const DatePartSpec& spec);
// Throws kOutOfRange "FUNCTION result is out of range".
[[noreturn]] void ThrowDateOutOfRange(const char* function);

// Microseconds in one sub-day unit (MICROSECOND .. DAY), or 0 for other parts.
int64_t MicrosPerUnit(DatePart part);

// Whether days lies in years 1..9999.
bool DateInRange(int64_t days);
// Whether micros (TIMESTAMP or DATETIME) lies in years 1..9999.
bool MicrosInRange(int64_t micros);

// Calendar helpers on days since 1970-01-01 (all results may leave the supported range; the
// caller checks).
int64_t AddMonths(int64_t days, int64_t months);  // clamps to the month's last day
int64_t WeekStart(int64_t days, int32_t week_start);
int32_t IsoYear(int64_t days);
int64_t IsoYearStart(int32_t iso_year);

// DATE_TRUNC for DAY and larger parts; throws for others (function names the caller).
int64_t TruncateDays(int64_t days, const DatePartSpec& spec, const char* function);
// EXTRACT of a date-level part (DAYOFWEEK .. ISOYEAR).
int64_t ExtractFromDays(int64_t days, const DatePartSpec& spec, const char* function);
// DATE_DIFF for DAY and larger parts: part boundaries between `right` and `left`.
int64_t DiffDays(int64_t left, int64_t right, const DatePartSpec& spec, const char* function);
// DATE_ADD for DAY, WEEK, MONTH, QUARTER, YEAR (no range check).
int64_t AddToDays(int64_t days, int64_t amount, const DatePartSpec& spec, const char* function);

}  // namespace dq
