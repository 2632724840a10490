// Typed values for comparing GoogleSQL compliance results: the type grammar of result
// headers (`ARRAY<STRUCT<a INT64, b ARRAY<>>>`), and the value tree that both the expected
// text and the engine's results are parsed into.
//
// Scalars are normalized on construction (ScalarFromText) so that equal values compare
// equal regardless of spelling: integers as decimal text, FLOAT/DOUBLE as double, NUMERIC as
// canonical decimal text (no trailing zeros), DATETIME/TIME without trailing fractional zeros,
// TIMESTAMP as microseconds since the epoch in UTC, INTERVAL as months/days/nanoseconds,
// JSON as its text without whitespace outside strings, STRING/BYTES as raw bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deepquery::tools {

enum class ZetasqlKind {
  kInteger,    // INT64, INT32, UINT32, UINT64
  kFloat,      // DOUBLE/FLOAT64, FLOAT
  kNumeric,    // NUMERIC, BIGNUMERIC
  kBool,
  kString,
  kBytes,
  kDate,
  kDatetime,
  kTime,
  kTimestamp,
  kInterval,
  kJson,
  kArray,
  kStruct,
  kNull,       // the type of a bare NULL (engines may report it)
  kOther,      // RANGE, PROTO, ENUM, UUID, ...: kept as text
};

struct ZetasqlType {
  ZetasqlKind kind = ZetasqlKind::kOther;
  // The spelling as written, upper case for scalars: "INT64", "FLOAT", "ARRAY<>", "RANGE<DATE>".
  std::string name;
  // ARRAY: zero (element type unknown, `ARRAY<>`) or one child. STRUCT: one per field.
  std::vector<ZetasqlType> children;
  // STRUCT field names; "" for anonymous fields.
  std::vector<std::string> field_names;
};

// Parses a type such as `ARRAY<STRUCT<a INT64, DOUBLE>>`; nullopt on malformed text.
std::optional<ZetasqlType> ParseZetasqlType(std::string_view text);
// The kind of a scalar type name ("DOUBLE" -> kFloat); kOther when unknown.
ZetasqlKind ScalarKindOf(std::string_view name);

struct ZetasqlValue {
  ZetasqlKind kind = ZetasqlKind::kNull;
  bool is_null = true;
  // Normalized text for kInteger, kNumeric, kBool, kString, kBytes, kDate, kDatetime, kTime,
  // kJson, kOther.
  std::string text;
  double float_value = 0;      // kFloat
  int64_t micros = 0;          // kTimestamp
  int64_t months = 0;          // kInterval
  int64_t days = 0;            // kInterval
  int64_t nanos = 0;           // kInterval
  bool is_float32 = false;     // kFloat from a FLOAT column (compared with a looser tolerance)
  // kArray elements or kStruct fields.
  std::vector<ZetasqlValue> children;
  // kArray: true for `known order:` (or arrays of at most one element).
  bool ordered = true;

  static ZetasqlValue Null(ZetasqlKind kind);
  // Debug rendering in the expected-output grammar (for failure messages).
  std::string DebugString() const;
};

// Builds a scalar from its text: CAST(x AS STRING) text or a bare literal from expected
// output (strings already unescaped). Returns nullopt when the text is not a valid value.
std::optional<ZetasqlValue> ScalarFromText(const ZetasqlType& type, std::string_view text);

}  // namespace deepquery::tools
