#include "types/date_time.h"

#include <cstdio>

namespace dq {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain descriptions),
// written out here for the engine's hot path.
int32_t DaysFromCivil(int32_t year, int32_t month, int32_t day) {
  int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t year_of_era = y - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<int32_t>(era * 146097 + day_of_era - 719468);
}

CivilDate CivilFromDays(int32_t days) {
  int64_t z = static_cast<int64_t>(days) + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t day_of_era = z - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t y = year_of_era + era * 400;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  int32_t day = static_cast<int32_t>(day_of_year - (153 * mp + 2) / 5 + 1);
  int32_t month = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{static_cast<int32_t>(y + (month <= 2 ? 1 : 0)), month, day};
}

bool IsLeapYear(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int32_t year, int32_t month) {
  static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

int32_t DayOfWeek(int32_t days) {
  // 1970-01-01 was a Thursday (4).
  int64_t weekday = (static_cast<int64_t>(days) + 4) % 7;
  return static_cast<int32_t>(weekday < 0 ? weekday + 7 : weekday);
}

namespace {

// A cursor over literal text with small digit readers.
struct Scanner {
  std::string_view text;
  size_t pos = 0;

  bool AtEnd() const { return pos >= text.size(); }
  bool Consume(char expected) {
    if (pos < text.size() && text[pos] == expected) {
      ++pos;
      return true;
    }
    return false;
  }
  // Reads between min_digits and max_digits decimal digits.
  bool Digits(int min_digits, int max_digits, int64_t* value) {
    int64_t result = 0;
    int count = 0;
    while (pos < text.size() && count < max_digits && text[pos] >= '0' && text[pos] <= '9') {
      result = result * 10 + (text[pos] - '0');
      ++pos;
      ++count;
    }
    *value = result;
    return count >= min_digits;
  }
  void SkipSpaces() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  }
};

bool ScanDate(Scanner& scanner, int32_t* days) {
  int64_t year;
  int64_t month;
  int64_t day;
  if (!scanner.Digits(1, 4, &year) || !scanner.Consume('-')) return false;
  if (!scanner.Digits(1, 2, &month) || !scanner.Consume('-')) return false;
  if (!scanner.Digits(1, 2, &day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12) return false;
  if (day < 1 || day > DaysInMonth(static_cast<int32_t>(year), static_cast<int32_t>(month))) {
    return false;
  }
  *days = DaysFromCivil(static_cast<int32_t>(year), static_cast<int32_t>(month),
                        static_cast<int32_t>(day));
  return true;
}

bool ScanTime(Scanner& scanner, int64_t* micros, bool keep_leap_fraction = false) {
  int64_t hour;
  int64_t minute;
  int64_t second = 0;
  int64_t fraction = 0;
  if (!scanner.Digits(1, 2, &hour) || !scanner.Consume(':')) return false;
  if (!scanner.Digits(1, 2, &minute)) return false;
  if (scanner.Consume(':')) {
    if (!scanner.Digits(1, 2, &second)) return false;
    if (scanner.Consume('.')) {
      size_t start = scanner.pos;
      int64_t digits_value;
      if (!scanner.Digits(1, 9, &digits_value)) return false;
      int digit_count = static_cast<int>(scanner.pos - start);
      fraction = digits_value;
      for (int count = digit_count; count < 6; ++count) fraction *= 10;
      for (int count = digit_count; count > 6; --count) fraction /= 10;
    }
  }
  if (hour > 23 || minute > 59 || second > 60) return false;
  // A leap second (:60) is accepted and normalized to the start of the next minute, dropping
  // its fraction in civil times but not in timestamps, as GoogleSQL does; 23:59:60 becomes
  // midnight of the next day (kMicrosPerDay).
  if (second == 60 && !keep_leap_fraction) fraction = 0;
  *micros = hour * kMicrosPerHour + minute * kMicrosPerMinute + second * kMicrosPerSecond + fraction;
  return true;
}

// Parses an optional zone suffix; *offset_micros is what to subtract to get UTC.
bool ScanZone(Scanner& scanner, int64_t* offset_micros) {
  *offset_micros = 0;
  scanner.SkipSpaces();
  if (scanner.AtEnd()) return true;
  if (scanner.Consume('Z') || scanner.Consume('z')) return scanner.AtEnd();
  std::string_view rest = scanner.text.substr(scanner.pos);
  if (rest == "UTC" || rest == "utc") {
    scanner.pos = scanner.text.size();
    return true;
  }
  int sign = 0;
  if (scanner.Consume('+')) sign = 1;
  else if (scanner.Consume('-')) sign = -1;
  else return false;
  int64_t hours;
  int64_t minutes = 0;
  if (!scanner.Digits(1, 2, &hours)) return false;
  if (scanner.Consume(':')) {
    if (!scanner.Digits(2, 2, &minutes)) return false;
  } else if (!scanner.AtEnd()) {
    if (!scanner.Digits(2, 2, &minutes)) return false;
  }
  if (hours > 14 || minutes > 59) return false;
  *offset_micros = sign * (hours * kMicrosPerHour + minutes * kMicrosPerMinute);
  return scanner.AtEnd();
}

std::string FormatFraction(int64_t micros_of_second) {
  char buffer[16];
  if (micros_of_second == 0) return "";
  if (micros_of_second % 1000 == 0) {
    std::snprintf(buffer, sizeof(buffer), ".%03lld", static_cast<long long>(micros_of_second / 1000));
  } else {
    std::snprintf(buffer, sizeof(buffer), ".%06lld", static_cast<long long>(micros_of_second));
  }
  return buffer;
}

}  // namespace

bool ParseDate(std::string_view text, int32_t* days) {
  Scanner scanner{text};
  scanner.SkipSpaces();
  if (!ScanDate(scanner, days)) return false;
  scanner.SkipSpaces();
  return scanner.AtEnd();
}

bool ParseTime(std::string_view text, int64_t* micros) {
  Scanner scanner{text};
  scanner.SkipSpaces();
  if (!ScanTime(scanner, micros)) return false;
  *micros %= kMicrosPerDay;  // 23:59:60 -> 00:00:00
  scanner.SkipSpaces();
  return scanner.AtEnd();
}

bool ParseDatetime(std::string_view text, int64_t* micros) {
  return ParseDatetime(text, micros, /*keep_leap_fraction=*/false);
}

bool ParseDatetime(std::string_view text, int64_t* micros, bool keep_leap_fraction) {
  Scanner scanner{text};
  scanner.SkipSpaces();
  int32_t days;
  if (!ScanDate(scanner, &days)) return false;
  int64_t time_micros = 0;
  if (scanner.Consume('T') || scanner.Consume('t') || scanner.Consume(' ')) {
    scanner.SkipSpaces();
    if (!ScanTime(scanner, &time_micros, keep_leap_fraction)) return false;
  }
  scanner.SkipSpaces();
  if (!scanner.AtEnd()) return false;
  *micros = static_cast<int64_t>(days) * kMicrosPerDay + time_micros;
  // A leap second on the last day may not carry past 9999-12-31.
  return *micros < (static_cast<int64_t>(kMaxDate) + 1) * kMicrosPerDay;
}

bool ParseTimestamp(std::string_view text, int64_t* micros) {
  Scanner scanner{text};
  scanner.SkipSpaces();
  int32_t days;
  if (!ScanDate(scanner, &days)) return false;
  int64_t time_micros = 0;
  if (scanner.Consume('T') || scanner.Consume('t') || scanner.Consume(' ')) {
    scanner.SkipSpaces();
    if (!ScanTime(scanner, &time_micros, /*keep_leap_fraction=*/true)) return false;
  }
  int64_t offset_micros;
  if (!ScanZone(scanner, &offset_micros)) return false;
  // A leap second on the last day may not carry past 9999-12-31 (civil).
  if (days == kMaxDate && time_micros >= kMicrosPerDay) return false;
  *micros = static_cast<int64_t>(days) * kMicrosPerDay + time_micros - offset_micros;
  return true;
}

std::string FormatDate(int32_t days) {
  CivilDate date = CivilFromDays(days);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

std::string FormatTime(int64_t micros) {
  int64_t seconds = micros / kMicrosPerSecond;
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%02lld:%02lld:%02lld",
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  return buffer + FormatFraction(micros % kMicrosPerSecond);
}

std::string FormatDatetime(int64_t micros) {
  int64_t days;
  int64_t micros_of_day;
  SplitDayMicros(micros, &days, &micros_of_day);
  return FormatDate(static_cast<int32_t>(days)) + " " + FormatTime(micros_of_day);
}

std::string FormatTimestamp(int64_t micros) { return FormatDatetime(micros) + "+00"; }

}  // namespace dq
