// Text -> number/bool parsing with GoogleSQL's CAST(STRING AS ...) rules, shared by casts and
// anything else that reads SQL-formatted text. No allocation; no locale.
#pragma once

#include <cstdint>
#include <string_view>

namespace dq {

enum class ParseResult : uint8_t { kOk, kMalformed, kOverflow };

// Optional surrounding whitespace, optional sign, then decimal digits or "0x"/"0X" and hex
// digits. kOverflow when the value does not fit INT64.
ParseResult ParseInt64Text(std::string_view text, int64_t* value);
// Decimal or exponent forms ("1.5", ".5", "1e-3", "+2"), and "inf", "+inf", "-inf",
// "infinity", "nan" in any case, with optional surrounding whitespace. kOverflow for finite
// text whose magnitude exceeds the FLOAT64 range.
ParseResult ParseDoubleText(std::string_view text, double* value);
// "true" / "false" in any case (no whitespace, as in GoogleSQL).
bool ParseBoolText(std::string_view text, bool* value);

// Strips ASCII whitespace from both ends.
std::string_view TrimAsciiWhitespace(std::string_view text);

}  // namespace dq
