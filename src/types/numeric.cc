#include "types/numeric.h"

#include <cmath>

namespace dq {

int128_t NumericMaxScaled() {
  static const int128_t kMax = [] {
    int128_t value = 1;
    for (int digit = 0; digit < 38; ++digit) value *= 10;
    return value - 1;
  }();
  return kMax;
}

std::string Int128ToString(int128_t value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  unsigned __int128 magnitude =
      negative ? static_cast<unsigned __int128>(-(value + 1)) + 1 : static_cast<unsigned __int128>(value);
  std::string digits;
  while (magnitude > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  if (negative) digits.push_back('-');
  return std::string(digits.rbegin(), digits.rend());
}

bool ParseNumeric(std::string_view text, int128_t* scaled) {
  size_t pos = 0;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  // Collect up to 80 significant digits and the decimal exponent they imply.
  std::string digits;
  int64_t exponent = 0;
  bool seen_digit = false;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (digits.size() < 80) {
        digits.push_back(c);
        if (seen_point) --exponent;
      } else if (!seen_point) {
        ++exponent;
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return false;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exponent_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exponent_negative = text[pos] == '-';
      ++pos;
    }
    int64_t written = 0;
    bool exponent_digit = false;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      exponent_digit = true;
      if (written < 100000) written = written * 10 + (text[pos] - '0');
    }
    if (!exponent_digit) return false;
    exponent += exponent_negative ? -written : written;
  }
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos != text.size()) return false;

  // value = digits * 10^exponent; scaled = digits * 10^(exponent + 9).
  int64_t shift = exponent + kNumericScale;
  size_t first_nonzero = digits.find_first_not_of('0');
  if (first_nonzero == std::string::npos) {
    *scaled = 0;
    return true;
  }
  digits = digits.substr(first_nonzero);
  unsigned __int128 magnitude = 0;
  const unsigned __int128 limit = static_cast<unsigned __int128>(NumericMaxScaled());
  int64_t keep = static_cast<int64_t>(digits.size()) + (shift < 0 ? shift : 0);
  if (shift > 0 && static_cast<int64_t>(digits.size()) + shift > 38) return false;
  for (int64_t index = 0; index < keep; ++index) {
    magnitude = magnitude * 10 + static_cast<unsigned>(digits[index] - '0');
    if (magnitude > limit) return false;
  }
  if (shift > 0) {
    for (int64_t count = 0; count < shift; ++count) magnitude *= 10;
  } else if (keep >= 0 && keep < static_cast<int64_t>(digits.size())) {
    // Round half away from zero on the first dropped digit.
    if (digits[keep] >= '5') magnitude += 1;
  }
  if (magnitude > limit) return false;
  *scaled = negative ? -static_cast<int128_t>(magnitude) : static_cast<int128_t>(magnitude);
  return true;
}

std::string FormatNumeric(int128_t scaled) {
  bool negative = scaled < 0;
  int128_t magnitude = negative ? -scaled : scaled;
  int128_t integer_part = magnitude / kNumericScaleFactor;
  int128_t fraction_part = magnitude % kNumericScaleFactor;
  std::string out = negative ? "-" : "";
  out += Int128ToString(integer_part);
  if (fraction_part != 0) {
    std::string fraction = Int128ToString(fraction_part);
    fraction.insert(0, kNumericScale - fraction.size(), '0');
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    out += "." + fraction;
  }
  return out;
}

double NumericToDouble(int128_t scaled) {
  return static_cast<double>(scaled) / static_cast<double>(kNumericScaleFactor);
}

bool NumericFromDouble(double value, int128_t* scaled) {
  if (!std::isfinite(value)) return false;
  long double product = static_cast<long double>(value) * 1e9L;
  product = product < 0 ? std::ceil(product - 0.5L) : std::floor(product + 0.5L);
  if (std::fabs(product) > 1e38L) return false;
  int128_t result = static_cast<int128_t>(product);
  if (!NumericInRange(result)) return false;
  *scaled = result;
  return true;
}

}  // namespace dq
