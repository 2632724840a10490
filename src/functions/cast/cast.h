// CAST and SAFE_CAST between GoogleSQL types.
//
// CanCast follows GoogleSQL's explicit conversion rules:
//   * any type to itself, and the NULL type to any type;
//   * INT64, FLOAT64, NUMERIC among each other; BOOL <-> INT64; each of them <-> STRING;
//   * STRING <-> BYTES (BYTES -> STRING requires valid UTF-8);
//   * STRING <-> DATE, DATETIME, TIME, TIMESTAMP; INTERVAL -> STRING;
//   * DATE <-> DATETIME, DATE <-> TIMESTAMP, DATETIME <-> TIMESTAMP;
//     DATETIME -> TIME and TIMESTAMP -> TIME (time of day);
// Conversions between TIMESTAMP and civil time (STRING, DATE, DATETIME, TIME) read the civil
// time in `time_zone` (UTC when null): the session's zone, which the binder stores in the cast.
//   * ARRAY<T> -> ARRAY<U> when T -> U; STRUCT -> STRUCT with the same number of fields when
//     each field casts (field names come from the target type).
// JSON, ARRAY and STRUCT do not cast to STRING (as in GoogleSQL).
//
// Conversions: FLOAT64 -> INT64 / NUMERIC round half away from zero; NUMERIC -> INT64 too.
// STRING -> INT64 accepts surrounding whitespace, a sign and hexadecimal "0x..." digits;
// STRING -> BOOL accepts "true"/"false" in any case; STRING -> FLOAT64 accepts decimal and
// exponent forms and "inf", "-inf", "nan" (any case). Text forms of dates and times are those
// of types/date_time.h; STRING -> TIMESTAMP also accepts a trailing IANA zone name;
// X -> STRING gives Value::ToString's text (TIMESTAMP with its zone's offset, "+00" in UTC).
//
// Errors (dq::Error): kInvalidInput for malformed text ("Bad int64 value: abc",
// "Bad double value: x", "Bad bool value: maybe", "Invalid NUMERIC value: 1e40",
// "Invalid date: '2023-02-30'", "Invalid time string \"25:00:00\"",
// "Invalid datetime string \"...\"", "Invalid timestamp: '...'", "Invalid UTF-8 string"),
// kOutOfRange for values that do not fit ("int64 out of range: 1e+20",
// "numeric out of range: 1e+40").
#pragma once

#include <cstddef>

#include "types/logical_type.h"
#include "types/value.h"
#include "vector/vector.h"

namespace dq {

class TimeZone;

// Whether CAST(<from> AS <to>) is valid.
bool CanCast(const LogicalType& from, const LogicalType& to);

// Casts rows [0, count) of `source` (any vector kind) into `result`.
// REQUIRES: CanCast(source.type(), result.type()); result is flat with capacity >= count.
// With safe = false a row that cannot be converted throws dq::Error; with safe = true
// (SAFE_CAST) that row becomes NULL instead. For ARRAY and STRUCT, a failing element or field
// makes the whole row NULL under SAFE_CAST.
void CastVector(const Vector& source, size_t count, Vector& result, bool safe,
                const TimeZone* time_zone = nullptr);

// Casts one value (constant folding, tests). REQUIRES: CanCast(value.type(), type).
Value CastValue(const Value& value, const LogicalType& type, bool safe,
                const TimeZone* time_zone = nullptr);

}  // namespace dq
