// Conversion of CSV field text into values of a column's type, written straight into a flat
// vector slot (no per-field allocation except STRING/BYTES bytes copied into the vector's heap).
//
// Accepted text per type (surrounding spaces are ignored for every type but STRING/BYTES):
//   BOOL       true/false, t/f, yes/no, y/n, 1/0 (case-insensitive), as BigQuery's CSV loader
//   INT64      optional sign and decimal digits; overflow is a bad value
//   FLOAT64    decimal or exponent form, inf, +inf, -inf, infinity, nan (case-insensitive)
//   NUMERIC    ParseNumeric (types/numeric.h): exact, at most 9 fractional digits after rounding
//   DATE       YYYY-[M]M-[D]D; DATETIME adds [T| ]HH:MM[:SS[.ffffff]]; TIME is the time part
//   TIMESTAMP  a DATETIME with an optional zone (Z, UTC, +HH[:MM]); without one it is UTC
//   STRING     the bytes as they are; invalid UTF-8 is a bad value. JSON is loaded like STRING.
//   BYTES      base64 (RFC 4648 standard alphabet, padding required)
// ARRAY, STRUCT and INTERVAL columns cannot be loaded from CSV (CheckCsvColumnType).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/logical_type.h"
#include "vector/vector.h"

namespace dq {

enum class CsvConvertResult : uint8_t { kOk, kBadValue, kInvalidUtf8 };

// OK when a column of `type` can be loaded from CSV; kNotSupported naming the column otherwise.
Status CheckCsvColumnType(const LogicalType& type, const std::string& column_name);

// Writes `text` as a value of target.type() into row `row` (marking the row valid).
// REQUIRES: target is flat, row < target.capacity(), CheckCsvColumnType(target.type()) is OK.
CsvConvertResult ConvertCsvField(std::string_view text, Vector& target, size_t row);

// Value parsers shared with schema detection. Each returns false on malformed text.
bool ParseCsvBool(std::string_view text, bool* value);
bool ParseCsvInt64(std::string_view text, int64_t* value);
bool ParseCsvFloat64(std::string_view text, double* value);
bool DecodeBase64(std::string_view text, std::string* bytes);

}  // namespace dq
