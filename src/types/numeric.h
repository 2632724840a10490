// NUMERIC: exact decimal with precision 38 and scale 9, stored as a 128-bit integer holding
// the value times 10^9. Valid range: |value| <= 99999999999999999999999999999.999999999.
#pragma once

#include <string>
#include <string_view>

#include "types/logical_type.h"

namespace dq {

inline constexpr int kNumericScale = 9;
inline constexpr int128_t kNumericScaleFactor = 1000000000;
// 10^38 - 1: the largest scaled magnitude.
int128_t NumericMaxScaled();

inline bool NumericInRange(int128_t scaled) {
  int128_t max = NumericMaxScaled();
  return scaled <= max && scaled >= -max;
}

// Parses "123", "-1.5", "1e3", " 2.50 ". Returns false on malformed text, more than 9
// fractional digits that are not zeros after rounding half away from zero, or out of range.
bool ParseNumeric(std::string_view text, int128_t* scaled);
// Canonical text: no exponent, no trailing fractional zeros ("1.5", "-3", "0.000000001").
std::string FormatNumeric(int128_t scaled);
double NumericToDouble(int128_t scaled);
// Returns false when |value| is out of range or not finite. Rounds half away from zero.
bool NumericFromDouble(double value, int128_t* scaled);
std::string Int128ToString(int128_t value);

}  // namespace dq
