#include "types/interval.h"

#include <cctype>
#include <cstdio>
#include <vector>

#include "common/ascii.h"
#include "common/error.h"
#include "types/date_time.h"

namespace dq {

namespace {

constexpr int64_t kDayMicros = 86400LL * 1000000;

std::string Int128Text(int128_t value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(value) : value;
  std::string digits;
  while (magnitude > 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  return negative ? "-" + digits : digits;
}

void CheckField(const char* name, int128_t value, int64_t limit) {
  if (value > limit || value < -limit) {
    throw Error(ErrorKind::kOutOfRange, std::string("Interval field ") + name + " '" +
                                            Int128Text(value) + "' is out of range " +
                                            std::to_string(-limit) + " to " +
                                            std::to_string(limit));
  }
}

[[noreturn]] void ThrowInvalidText(std::string_view text, const std::string& detail = "") {
  throw Error(ErrorKind::kInvalidInput, "Invalid INTERVAL value '" + std::string(text) + "'" +
                                            (detail.empty() ? "" : ": " + detail));
}

// The parts of an interval text, in order.
enum class Field { kYear, kMonth, kDay, kHour, kMinute, kSecond };

bool FieldFromName(std::string_view name, Field* field) {
  std::string upper = AsciiUpper(name);
  if (upper == "YEAR") *field = Field::kYear;
  else if (upper == "MONTH") *field = Field::kMonth;
  else if (upper == "DAY") *field = Field::kDay;
  else if (upper == "HOUR") *field = Field::kHour;
  else if (upper == "MINUTE") *field = Field::kMinute;
  else if (upper == "SECOND") *field = Field::kSecond;
  else return false;
  return true;
}

// Reads digits into *value (false when there are none or too many).
bool ReadDigits(std::string_view text, size_t* position, int128_t* value) {
  size_t start = *position;
  int128_t result = 0;
  while (*position < text.size() && std::isdigit(static_cast<unsigned char>(text[*position]))) {
    if (*position - start >= 20) return false;
    result = result * 10 + (text[*position] - '0');
    ++*position;
  }
  *value = result;
  return *position > start;
}

// Reads "S[.F]" as microseconds (at most 6 fraction digits).
bool ReadSeconds(std::string_view text, size_t* position, int128_t* micros) {
  int128_t seconds;
  if (!ReadDigits(text, position, &seconds)) return false;
  int128_t fraction = 0;
  if (*position < text.size() && text[*position] == '.') {
    ++*position;
    int digits = 0;
    while (*position < text.size() && std::isdigit(static_cast<unsigned char>(text[*position]))) {
      if (digits == 6) return false;  // no nanoseconds
      fraction = fraction * 10 + (text[*position] - '0');
      ++digits;
      ++*position;
    }
    if (digits == 0) return false;
    for (; digits < 6; ++digits) fraction *= 10;
  }
  *micros = seconds * 1000000 + fraction;
  return true;
}

bool ReadSign(std::string_view text, size_t* position) {
  if (*position < text.size() && (text[*position] == '-' || text[*position] == '+')) {
    return text[(*position)++] == '-';
  }
  return false;
}

// Parses one whitespace-separated group of fields [first, last] of the text form:
// the Y-M group (YEAR and/or MONTH), the D group, or the H:M:S group. Adds to the sums.
bool ParseGroup(std::string_view token, Field first, Field last, int128_t* months,
                int128_t* days, int128_t* micros) {
  size_t position = 0;
  bool negative = ReadSign(token, &position);
  int128_t sign = negative ? -1 : 1;
  for (int field = static_cast<int>(first); field <= static_cast<int>(last); ++field) {
    if (field != static_cast<int>(first)) {
      char separator = field == static_cast<int>(Field::kMonth) ? '-' : ':';
      if (position >= token.size() || token[position] != separator) return false;
      ++position;
    }
    int128_t value;
    if (static_cast<Field>(field) == Field::kSecond) {
      if (!ReadSeconds(token, &position, &value)) return false;
    } else if (!ReadDigits(token, &position, &value)) {
      return false;
    }
    switch (static_cast<Field>(field)) {
      case Field::kYear: *months += sign * value * 12; break;
      case Field::kMonth: *months += sign * value; break;
      case Field::kDay: *days += sign * value; break;
      case Field::kHour: *micros += sign * value * 3600 * 1000000; break;
      case Field::kMinute: *micros += sign * value * 60 * 1000000; break;
      case Field::kSecond: *micros += sign * value; break;
    }
  }
  return position == token.size();
}

std::vector<std::string_view> SplitSpaces(std::string_view text) {
  std::vector<std::string_view> tokens;
  size_t position = 0;
  while (position < text.size()) {
    while (position < text.size() && std::isspace(static_cast<unsigned char>(text[position]))) {
      ++position;
    }
    size_t start = position;
    while (position < text.size() && !std::isspace(static_cast<unsigned char>(text[position]))) {
      ++position;
    }
    if (position > start) tokens.push_back(text.substr(start, position - start));
  }
  return tokens;
}

// Parses the fields from..to: the groups are [Y-M] [D] [H:M:S], each present when the range
// covers part of it.
bool ParseFields(std::string_view text, Field from, Field to, Interval* out) {
  std::vector<std::string_view> tokens = SplitSpaces(text);
  struct Group {
    Field first;
    Field last;
  };
  std::vector<Group> groups;
  auto clamp_group = [&](Field group_first, Field group_last) {
    Field first = from > group_first ? from : group_first;
    Field last = to < group_last ? to : group_last;
    if (first <= last) groups.push_back({first, last});
  };
  clamp_group(Field::kYear, Field::kMonth);
  clamp_group(Field::kDay, Field::kDay);
  clamp_group(Field::kHour, Field::kSecond);
  if (tokens.size() != groups.size()) return false;
  int128_t months = 0;
  int128_t days = 0;
  int128_t micros = 0;
  for (size_t index = 0; index < groups.size(); ++index) {
    if (!ParseGroup(tokens[index], groups[index].first, groups[index].last, &months, &days,
                    &micros)) {
      return false;
    }
  }
  *out = MakeIntervalChecked(months, days, micros);
  return true;
}

// ISO 8601 duration: P[nY][nM][nW][nD][T[nH][nM][n[.f]S]].
bool ParseIso8601(std::string_view text, Interval* out, std::string* error) {
  int128_t months = 0;
  int128_t days = 0;
  int128_t micros = 0;
  size_t position = 1;  // after 'P'
  bool time = false;
  bool any = false;
  while (position < text.size()) {
    char c = text[position];
    if (c == 'T' || c == 't') {
      if (time) {
        *error = "Unexpected 'T'";
        return false;
      }
      time = true;
      ++position;
      continue;
    }
    if (c != '-' && c != '+' && !std::isdigit(static_cast<unsigned char>(c))) {
      *error = std::string("Unexpected '") + c + "'";
      return false;
    }
    bool negative = ReadSign(text, &position);
    if (position >= text.size()) {
      *error = "Expected number at end of string";
      return false;
    }
    if (!std::isdigit(static_cast<unsigned char>(text[position]))) {
      *error = std::string("Expected number at '") + text[position] + "'";
      return false;
    }
    int128_t value;
    size_t number_start = position;
    ReadDigits(text, &position, &value);
    int128_t fraction_micros = -1;
    if (position < text.size() && text[position] == '.') {
      position = number_start;
      if (!ReadSeconds(text, &position, &fraction_micros)) {
        *error = "Invalid fraction";
        return false;
      }
    }
    if (position >= text.size()) {
      *error = "Unexpected end of string";
      return false;
    }
    char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[position++])));
    int128_t sign = negative ? -1 : 1;
    if (fraction_micros >= 0 && !(time && unit == 'S')) {
      *error = "Fractional values are only allowed for seconds";
      return false;
    }
    if (!time && unit == 'Y') months += sign * value * 12;
    else if (!time && unit == 'M') months += sign * value;
    else if (!time && unit == 'W') days += sign * value * 7;
    else if (!time && unit == 'D') days += sign * value;
    else if (time && unit == 'H') micros += sign * value * 3600 * 1000000;
    else if (time && unit == 'M') micros += sign * value * 60 * 1000000;
    else if (time && unit == 'S') micros += sign * (fraction_micros >= 0 ? fraction_micros : value * 1000000);
    else {
      *error = std::string("Unexpected '") + text[position - 1] + "'";
      return false;
    }
    any = true;
  }
  if (!any) {
    *error = "Interval must specify at least one part";
    return false;
  }
  *out = MakeIntervalChecked(months, days, micros);
  return true;
}

}  // namespace

Interval MakeIntervalChecked(int128_t months, int128_t days, int128_t micros) {
  CheckField("months", months, kMaxIntervalMonths);
  CheckField("days", days, kMaxIntervalDays);
  CheckField("micros", micros, kMaxIntervalMicros);
  return Interval{static_cast<int32_t>(months), static_cast<int32_t>(days),
                  static_cast<int64_t>(micros)};
}

Interval IntervalFromPart(int64_t value, std::string_view part) {
  std::string upper = AsciiUpper(part);
  int128_t amount = value;
  if (upper == "YEAR") return MakeIntervalChecked(amount * 12, 0, 0);
  if (upper == "QUARTER") return MakeIntervalChecked(amount * 3, 0, 0);
  if (upper == "MONTH") return MakeIntervalChecked(amount, 0, 0);
  if (upper == "WEEK") return MakeIntervalChecked(0, amount * 7, 0);
  if (upper == "DAY") return MakeIntervalChecked(0, amount, 0);
  if (upper == "HOUR") return MakeIntervalChecked(0, 0, amount * 3600 * 1000000);
  if (upper == "MINUTE") return MakeIntervalChecked(0, 0, amount * 60 * 1000000);
  if (upper == "SECOND") return MakeIntervalChecked(0, 0, amount * 1000000);
  if (upper == "MILLISECOND") return MakeIntervalChecked(0, 0, amount * 1000);
  if (upper == "MICROSECOND") return MakeIntervalChecked(0, 0, amount);
  throw Error(ErrorKind::kInvalidInput, "Unsupported INTERVAL date part " + std::string(part));
}

Interval ParseIntervalWithParts(std::string_view text, std::string_view from,
                                std::string_view to) {
  Field first;
  Field last;
  if (!FieldFromName(from, &first) || !FieldFromName(to.empty() ? from : to, &last) ||
      last < first) {
    throw Error(ErrorKind::kInvalidInput,
                "Unsupported INTERVAL date parts " + std::string(from) +
                    (to.empty() ? "" : " TO " + std::string(to)));
  }
  Interval result;
  if (!ParseFields(text, first, last, &result)) ThrowInvalidText(text);
  return result;
}

bool ParseIntervalText(std::string_view text, Interval* out, std::string* error) {
  std::string_view trimmed = text;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) {
    trimmed.remove_prefix(1);
  }
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) {
    trimmed.remove_suffix(1);
  }
  std::string detail;
  bool parsed = false;
  if (!trimmed.empty() && (trimmed[0] == 'P' || trimmed[0] == 'p')) {
    parsed = ParseIso8601(trimmed, out, &detail);
  } else {
    // The canonical forms, from the most complete down.
    static constexpr Field kForms[][2] = {{Field::kYear, Field::kSecond},
                                          {Field::kYear, Field::kMonth},
                                          {Field::kDay, Field::kSecond},
                                          {Field::kHour, Field::kSecond}};
    for (const auto& form : kForms) {
      if (ParseFields(trimmed, form[0], form[1], out)) {
        parsed = true;
        break;
      }
    }
  }
  if (!parsed) {
    *error = "Invalid INTERVAL value '" + std::string(text) + "'" +
             (detail.empty() ? "" : ": " + detail);
  }
  return parsed;
}

std::string FormatInterval(const Interval& value) {
  int64_t months = value.months < 0 ? -static_cast<int64_t>(value.months) : value.months;
  int64_t micros = value.micros < 0 ? -value.micros : value.micros;
  char buffer[128];
  std::snprintf(buffer, sizeof(buffer), "%s%lld-%lld %d %s%lld:%lld:%lld",
                value.months < 0 ? "-" : "", static_cast<long long>(months / 12),
                static_cast<long long>(months % 12), value.days, value.micros < 0 ? "-" : "",
                static_cast<long long>(micros / kMicrosPerHour),
                static_cast<long long>(micros / kMicrosPerMinute % 60),
                static_cast<long long>(micros / kMicrosPerSecond % 60));
  std::string out = buffer;
  int64_t fraction = micros % kMicrosPerSecond;
  if (fraction != 0) {
    char digits[16];
    std::snprintf(digits, sizeof(digits), ".%06lld", static_cast<long long>(fraction));
    std::string text = digits;
    while (text.back() == '0') text.pop_back();
    out += text;
  }
  return out;
}

Interval AddIntervals(const Interval& left, const Interval& right) {
  return MakeIntervalChecked(int128_t{left.months} + right.months,
                             int128_t{left.days} + right.days,
                             int128_t{left.micros} + right.micros);
}

Interval SubtractIntervals(const Interval& left, const Interval& right) {
  return AddIntervals(left, NegateInterval(right));
}

Interval NegateInterval(const Interval& value) {
  return Interval{-value.months, -value.days, -value.micros};
}

Interval MultiplyInterval(const Interval& value, int64_t factor) {
  return MakeIntervalChecked(int128_t{value.months} * factor, int128_t{value.days} * factor,
                             int128_t{value.micros} * factor);
}

Interval DivideIntervalSum(int128_t months, int128_t days, int128_t micros, int64_t count) {
  if (count == 0) throw Error(ErrorKind::kOutOfRange, "division by zero: INTERVAL / 0");
  int128_t result_months = months / count;
  days += (months % count) * 30;
  int128_t result_days = days / count;
  micros += (days % count) * kDayMicros;
  return MakeIntervalChecked(result_months, result_days, micros / count);
}

Interval DivideInterval(const Interval& value, int64_t divisor) {
  return DivideIntervalSum(value.months, value.days, value.micros, divisor);
}

Interval JustifyHours(const Interval& value) {
  int128_t days = int128_t{value.days} + value.micros / kDayMicros;
  int128_t micros = value.micros % kDayMicros;
  if (days > 0 && micros < 0) {
    --days;
    micros += kDayMicros;
  } else if (days < 0 && micros > 0) {
    ++days;
    micros -= kDayMicros;
  }
  return MakeIntervalChecked(value.months, days, micros);
}

Interval JustifyDays(const Interval& value) {
  int128_t months = int128_t{value.months} + value.days / 30;
  int128_t days = value.days % 30;
  if (months > 0 && days < 0) {
    --months;
    days += 30;
  } else if (months < 0 && days > 0) {
    ++months;
    days -= 30;
  }
  return MakeIntervalChecked(months, days, value.micros);
}

Interval JustifyInterval(const Interval& value) {
  // Whole days out of the time first, then whole months out of the days, then one sign.
  int128_t days = int128_t{value.days} + value.micros / kDayMicros;
  int128_t micros = value.micros % kDayMicros;
  int128_t months = int128_t{value.months} + days / 30;
  days %= 30;
  int128_t total = (months * 30 + days) * kDayMicros + micros;
  if (total > 0) {
    if (micros < 0) { micros += kDayMicros; --days; }
    if (days < 0) { days += 30; --months; }
  } else if (total < 0) {
    if (micros > 0) { micros -= kDayMicros; ++days; }
    if (days > 0) { days -= 30; ++months; }
  }
  return MakeIntervalChecked(months, days, micros);
}

int64_t ExtractFromInterval(const Interval& value, std::string_view part) {
  std::string upper = AsciiUpper(part);
  if (upper == "YEAR") return value.months / 12;
  if (upper == "MONTH") return value.months % 12;
  if (upper == "DAY") return value.days;
  if (upper == "HOUR") return value.micros / kMicrosPerHour;
  if (upper == "MINUTE") return value.micros / kMicrosPerMinute % 60;
  if (upper == "SECOND") return value.micros / kMicrosPerSecond % 60;
  if (upper == "MILLISECOND") return value.micros % kMicrosPerSecond / 1000;
  if (upper == "MICROSECOND") return value.micros % kMicrosPerSecond;
  throw Error(ErrorKind::kInvalidInput,
              "Unsupported date part " + std::string(part) + " in EXTRACT FROM INTERVAL");
}

}  // namespace dq
