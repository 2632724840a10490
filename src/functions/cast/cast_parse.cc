#include "functions/cast/cast_parse.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace dq {

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool EqualsIgnoreCase(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (size_t index = 0; index < text.size(); ++index) {
    char c = text[index];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower_word[index]) return false;
  }
  return true;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view TrimAsciiWhitespace(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsAsciiSpace(text[begin])) ++begin;
  while (end > begin && IsAsciiSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

ParseResult ParseInt64Text(std::string_view text, int64_t* value) {
  text = TrimAsciiWhitespace(text);
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  uint64_t base = 10;
  if (pos + 1 < text.size() && text[pos] == '0' && (text[pos + 1] == 'x' || text[pos + 1] == 'X')) {
    base = 16;
    pos += 2;
  }
  if (pos >= text.size()) return ParseResult::kMalformed;
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t magnitude = 0;
  bool overflow = false;
  for (; pos < text.size(); ++pos) {
    int digit = base == 16 ? HexDigit(text[pos])
                           : (text[pos] >= '0' && text[pos] <= '9' ? text[pos] - '0' : -1);
    if (digit < 0) return ParseResult::kMalformed;
    if (magnitude > (limit - static_cast<uint64_t>(digit)) / base) overflow = true;
    if (!overflow) magnitude = magnitude * base + static_cast<uint64_t>(digit);
  }
  if (overflow) return ParseResult::kOverflow;
  *value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return ParseResult::kOk;
}

ParseResult ParseDoubleText(std::string_view text, double* value) {
  text = TrimAsciiWhitespace(text);
  if (text.empty()) return ParseResult::kMalformed;
  bool negative = false;
  std::string_view unsigned_text = text;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    unsigned_text = text.substr(1);
  }
  if (EqualsIgnoreCase(unsigned_text, "inf") || EqualsIgnoreCase(unsigned_text, "infinity")) {
    *value = negative ? -std::numeric_limits<double>::infinity()
                      : std::numeric_limits<double>::infinity();
    return ParseResult::kOk;
  }
  if (EqualsIgnoreCase(unsigned_text, "nan")) {
    *value = std::numeric_limits<double>::quiet_NaN();
    return ParseResult::kOk;
  }
  // from_chars rejects a leading '+' and (with the general format) any "inf"/"nan" spelling
  // left over, so only plain decimal text gets here.
  if (unsigned_text.empty() || unsigned_text[0] == '+' || unsigned_text[0] == '-') {
    return ParseResult::kMalformed;
  }
  double parsed;
  const char* end = unsigned_text.data() + unsigned_text.size();
  auto [stop, error] =
      std::from_chars(unsigned_text.data(), end, parsed, std::chars_format::general);
  if (stop != end) return ParseResult::kMalformed;
  if (error == std::errc::result_out_of_range) {
    // Underflow to zero is fine; overflow is not.
    bool tiny = false;
    for (char c : unsigned_text) {
      if (c == 'e' || c == 'E') {
        tiny = unsigned_text.find("e-") != std::string_view::npos ||
               unsigned_text.find("E-") != std::string_view::npos;
        break;
      }
    }
    if (!tiny) return ParseResult::kOverflow;
    parsed = 0;
  } else if (error != std::errc()) {
    return ParseResult::kMalformed;
  }
  *value = negative ? -parsed : parsed;
  return ParseResult::kOk;
}

bool ParseBoolText(std::string_view text, bool* value) {
  if (EqualsIgnoreCase(text, "true")) {
    *value = true;
    return true;
  }
  if (EqualsIgnoreCase(text, "false")) {
    *value = false;
    return true;
  }
  return false;
}

}  // namespace dq
