// INTERVAL values (GoogleSQL): three independent fields, months, days and microseconds, so
// that "1 month" stays a calendar month and "1 day" a calendar day when added to a DATETIME.
// Each field has its own sign; the text form is "[-]Y-M [-]D [-]H:M:S[.F]" ("1-2 3 4:5:6.789",
// "-0-2 0 -0:0:6"). DeepQuery keeps microseconds (GoogleSQL's INTERVAL without nanoseconds).
//
// Ranges (as in GoogleSQL): |months| <= 120000 (10000 years), |days| <= 3660000,
// |micros| <= 87840000 hours. Every operation that leaves them throws kOutOfRange
// "Interval field months '120001' is out of range -120000 to 120000".
//
// Comparison and grouping use one duration with 1 month = 30 days and 1 day = 24 hours, so
// INTERVAL 1 MONTH = INTERVAL 30 DAY = INTERVAL 720 HOUR (IntervalOrderKey).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "types/logical_type.h"

namespace dq {

inline constexpr int64_t kMaxIntervalMonths = 120000;
inline constexpr int64_t kMaxIntervalDays = 3660000;
inline constexpr int64_t kMaxIntervalMicros = 87840000LL * 3600 * 1000000;

// The normalized duration in microseconds used for =, <, GROUP BY, DISTINCT, MIN and MAX.
inline int128_t IntervalOrderKey(const Interval& value) {
  constexpr int64_t kDay = 86400LL * 1000000;
  return static_cast<int128_t>(value.months) * 30 * kDay +
         static_cast<int128_t>(value.days) * kDay + value.micros;
}

// Builds an interval from (possibly wide) field values; throws kOutOfRange when a field is
// out of range.
Interval MakeIntervalChecked(int128_t months, int128_t days, int128_t micros);

// INTERVAL <value> <part>: part is YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND,
// MILLISECOND or MICROSECOND (case-insensitive). Throws kInvalidInput for another part.
Interval IntervalFromPart(int64_t value, std::string_view part);

// INTERVAL '<text>' <from> [TO <to>]: the text holds the fields from..to, e.g.
// '10:20:30.5' HOUR TO SECOND, '1-2' YEAR TO MONTH, '-20 30' MONTH TO DAY, '6.789' SECOND.
// Throws kInvalidInput "Invalid INTERVAL value '...'" when the text does not fit.
Interval ParseIntervalWithParts(std::string_view text, std::string_view from,
                                std::string_view to);

// CAST(STRING AS INTERVAL): the canonical forms "Y-M D H:M:S[.F]", "Y-M", "D H:M:S[.F]",
// "H:M:S[.F]" (each group optionally signed) or ISO 8601 "P[nY][nM][nW][nD][T[nH][nM][nS]]"
// (numbers optionally negative, seconds with a fraction). False with `error` set
// ("Invalid INTERVAL value 'P-': Expected number at end of string") otherwise.
bool ParseIntervalText(std::string_view text, Interval* out, std::string* error);

std::string FormatInterval(const Interval& value);

Interval AddIntervals(const Interval& left, const Interval& right);
Interval SubtractIntervals(const Interval& left, const Interval& right);
Interval NegateInterval(const Interval& value);
Interval MultiplyInterval(const Interval& value, int64_t factor);
// Field by field, carrying each remainder into the next smaller field (a month is 30 days, a
// day 24 hours); microseconds truncate toward zero. Throws kOutOfRange on division by zero.
Interval DivideInterval(const Interval& value, int64_t divisor);
// Same rule for a wide sum (AVG): each field of the sum divided by `count`.
Interval DivideIntervalSum(int128_t months, int128_t days, int128_t micros, int64_t count);

// JUSTIFY_DAYS: whole 30-day blocks become months; JUSTIFY_HOURS: whole 24-hour blocks become
// days; JUSTIFY_INTERVAL: both. Signs are made consistent (no 1 month -1 day).
Interval JustifyDays(const Interval& value);
Interval JustifyHours(const Interval& value);
Interval JustifyInterval(const Interval& value);

// EXTRACT(part FROM interval): YEAR, MONTH (of the months field), DAY, HOUR (whole hours of
// the time field), MINUTE, SECOND, MILLISECOND, MICROSECOND (of the current second).
// Throws kInvalidInput for another part.
int64_t ExtractFromInterval(const Interval& value, std::string_view part);

}  // namespace dq
