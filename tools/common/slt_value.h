// Rendering of result values the way the sqllogictest reference harness prints them.
#pragma once

#include <cstdint>
#include <string>

namespace deepquery::tools {

// One result cell, independent of the engine. `text` is the value as the engine renders it
// (CAST(x AS STRING)); `integer` / `real` hold the native value for the matching kinds.
struct SltValue {
  enum class Kind { kNull, kBool, kInteger, kReal, kText };
  Kind kind = Kind::kNull;
  int64_t integer = 0;  // kBool (0 or 1) and kInteger
  double real = 0;      // kReal
  std::string text;     // every kind but kNull

  static SltValue Null() { return SltValue{}; }
  static SltValue Integer(int64_t value);
  static SltValue Real(double value);
  static SltValue Text(std::string value);
  static SltValue Bool(bool value);
};

// Renders `value` for a column declared with `column_type`:
//   NULL -> "NULL" for any type;
//   'I'  -> a 64-bit integer: reals are truncated toward zero, text gives its leading integer
//           (0 if none), booleans 0/1;
//   'R'  -> printf("%.3f") of the value (text is read as a leading real, 0 if none);
//   'T' (and any other letter) -> the text, "(empty)" for "", each byte outside 0x20..0x7E
//           replaced by '@'.
std::string RenderSltValue(const SltValue& value, char column_type);

}  // namespace deepquery::tools
