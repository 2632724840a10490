// Renders GoogleSQL values as JSON text following TO_JSON_STRING's rules:
//   NULL -> null; BOOL -> true/false; INT64 -> a number, or a quoted string outside
//   [-2^53, 2^53] (when `stringify_wide_numbers`); FLOAT64 -> shortest round-trip digits,
//   "NaN" / "Infinity" / "-Infinity" quoted; NUMERIC -> a number when integral and within
//   +-2^53, else a quoted string; STRING -> escaped and quoted; BYTES -> quoted base64;
//   DATE / TIME / DATETIME / TIMESTAMP -> quoted ISO text ("2024-01-31T10:00:00Z" for
//   TIMESTAMP); INTERVAL -> its canonical text, quoted; JSON -> as is; ARRAY -> [...];
//   STRUCT -> {"field":...} in field order.
// Pretty printing indents by two spaces, one member or element per line.
#pragma once

#include <string>
#include <string_view>

#include "types/value.h"

namespace dq {

void AppendJsonValue(const Value& value, bool pretty, bool stringify_wide_numbers,
                     std::string* out);
// Appends `text` as a quoted JSON string (escaping ", \, and control characters).
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace dq
