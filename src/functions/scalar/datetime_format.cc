#include "functions/scalar/datetime_format.h"

#include <cctype>
#include <cstdio>

#include "common/error.h"
#include "functions/scalar/date_parts.h"
#include "types/date_time.h"

namespace dq {

namespace {

constexpr const char* kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

int64_t CivilDays(const CivilDateTime& civil) {
  return DaysFromCivil(static_cast<int32_t>(civil.year), civil.month, civil.day);
}

void AppendNumber(std::string* out, int64_t value, int width, char pad = '0') {
  char buffer[32];
  if (value < 0) {
    out->push_back('-');
    value = -value;
  }
  int length = std::snprintf(buffer, sizeof(buffer), "%lld", static_cast<long long>(value));
  for (int fill = length; fill < width; ++fill) out->push_back(pad);
  out->append(buffer, static_cast<size_t>(length));
}

void AppendOffset(std::string* out, int32_t offset_seconds, bool colon) {
  out->push_back(offset_seconds < 0 ? '-' : '+');
  int32_t magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  AppendNumber(out, magnitude / 3600, 2);
  if (colon) out->push_back(':');
  AppendNumber(out, magnitude / 60 % 60, 2);
}

void AppendFraction(std::string* out, int64_t micros, int digits) {
  if (digits <= 0) return;
  char buffer[8];
  std::snprintf(buffer, sizeof(buffer), "%06lld", static_cast<long long>(micros));
  out->push_back('.');
  for (int index = 0; index < digits; ++index) out->push_back(index < 6 ? buffer[index] : '0');
}

// Appends one element (the characters after '%', `spec`, e.g. "Y", "E3S", "Ez").
void FormatElement(std::string_view spec, const CivilDateTime& civil, int64_t epoch_seconds,
                   std::string* out) {
  int64_t days = CivilDays(civil);
  int32_t weekday = DayOfWeek(static_cast<int32_t>(days));
  int64_t year_day = days - DaysFromCivil(static_cast<int32_t>(civil.year), 1, 1);  // 0-based
  char element = spec.back();
  if (spec.size() > 1 && spec[0] == 'E') {
    if (element == 'S') {
      AppendNumber(out, civil.second, 2);
      if (spec[1] == '*') {
        if (civil.micros != 0) {
          int digits = 6;
          int64_t rest = civil.micros;
          while (rest % 10 == 0) {
            rest /= 10;
            --digits;
          }
          AppendFraction(out, civil.micros, digits);
        }
      } else {
        AppendFraction(out, civil.micros, spec[1] - '0');
      }
      return;
    }
    if (element == 'z') return AppendOffset(out, civil.offset_seconds, true);
    if (element == 'Y' && spec.size() == 3 && spec[1] == '4') {
      return AppendNumber(out, civil.year, 4);
    }
  }
  switch (element) {
    case 'A': out->append(kDayNames[weekday]); return;
    case 'a': out->append(kDayNames[weekday], 3); return;
    case 'B': out->append(kMonthNames[civil.month - 1]); return;
    case 'b':
    case 'h': out->append(kMonthNames[civil.month - 1], 3); return;
    case 'C': return AppendNumber(out, civil.year / 100, 2);
    case 'c':
      FormatElement("a", civil, epoch_seconds, out);
      out->push_back(' ');
      FormatElement("b", civil, epoch_seconds, out);
      out->push_back(' ');
      FormatElement("e", civil, epoch_seconds, out);
      out->push_back(' ');
      FormatElement("T", civil, epoch_seconds, out);
      out->push_back(' ');
      return FormatElement("Y", civil, epoch_seconds, out);
    case 'D':
    case 'x':
      AppendNumber(out, civil.month, 2);
      out->push_back('/');
      AppendNumber(out, civil.day, 2);
      out->push_back('/');
      return AppendNumber(out, civil.year % 100, 2);
    case 'd': return AppendNumber(out, civil.day, 2);
    case 'e': return AppendNumber(out, civil.day, 2, ' ');
    case 'F':
      AppendNumber(out, civil.year, 4);
      out->push_back('-');
      AppendNumber(out, civil.month, 2);
      out->push_back('-');
      return AppendNumber(out, civil.day, 2);
    case 'G': return AppendNumber(out, IsoYear(days), 4);
    case 'g': return AppendNumber(out, IsoYear(days) % 100, 2);
    case 'H': return AppendNumber(out, civil.hour, 2);
    case 'I': return AppendNumber(out, (civil.hour + 11) % 12 + 1, 2);
    case 'j': return AppendNumber(out, year_day + 1, 3);
    case 'k': return AppendNumber(out, civil.hour, 2, ' ');
    case 'l': return AppendNumber(out, (civil.hour + 11) % 12 + 1, 2, ' ');
    case 'M': return AppendNumber(out, civil.minute, 2);
    case 'm': return AppendNumber(out, civil.month, 2);
    case 'n': out->push_back('\n'); return;
    case 'P': out->append(civil.hour < 12 ? "am" : "pm"); return;
    case 'p': out->append(civil.hour < 12 ? "AM" : "PM"); return;
    case 'Q': return AppendNumber(out, (civil.month - 1) / 3 + 1, 1);
    case 'R':
      AppendNumber(out, civil.hour, 2);
      out->push_back(':');
      return AppendNumber(out, civil.minute, 2);
    case 'S': return AppendNumber(out, civil.second, 2);
    case 's': return AppendNumber(out, epoch_seconds, 1);
    case 'T':
    case 'X':
      AppendNumber(out, civil.hour, 2);
      out->push_back(':');
      AppendNumber(out, civil.minute, 2);
      out->push_back(':');
      return AppendNumber(out, civil.second, 2);
    case 't': out->push_back('\t'); return;
    case 'U': return AppendNumber(out, (year_day + 7 - weekday) / 7, 2);
    case 'u': return AppendNumber(out, weekday == 0 ? 7 : weekday, 1);
    case 'V': return AppendNumber(out, (days - IsoYearStart(IsoYear(days))) / 7 + 1, 2);
    case 'W': return AppendNumber(out, (year_day + 7 - (weekday + 6) % 7) / 7, 2);
    case 'w': return AppendNumber(out, weekday, 1);
    case 'Y': return AppendNumber(out, civil.year, 4);
    case 'y': return AppendNumber(out, civil.year % 100, 2);
    case 'Z': out->append(civil.zone_abbreviation); return;
    case 'z': return AppendOffset(out, civil.offset_seconds, false);
    case '%': out->push_back('%'); return;
    default:
      out->push_back('%');
      out->append(spec);
  }
}

// Length of the element spec starting at format[offset] (just after '%').
size_t ElementLength(std::string_view format, size_t offset) {
  if (offset >= format.size()) return 0;
  char c = format[offset];
  if (c == 'E' && offset + 1 < format.size()) {
    char next = format[offset + 1];
    if ((next == '*' || std::isdigit(static_cast<unsigned char>(next))) &&
        offset + 2 < format.size()) {
      return 3;  // %E*S, %E3S, %E4Y
    }
    return 2;  // %Ez, %EY ...
  }
  if (c == 'O' && offset + 1 < format.size()) return 2;  // %Od ...
  return 1;
}

// Parser state over one input string.
class CivilParser {
 public:
  CivilParser(std::string_view format, std::string_view input) : format_(format), input_(input) {}

  ParsedCivil Run() {
    SkipSpaces();
    for (size_t offset = 0; offset < format_.size();) {
      char c = format_[offset];
      if (std::isspace(static_cast<unsigned char>(c))) {
        SkipSpaces();
        ++offset;
        continue;
      }
      if (c != '%') {
        Expect(c);
        ++offset;
        continue;
      }
      size_t length = ElementLength(format_, offset + 1);
      if (length == 0) Fail();
      ParseElement(format_.substr(offset + 1, length));
      offset += 1 + length;
    }
    SkipSpaces();
    if (position_ != input_.size()) Fail();
    return Finish();
  }

 private:
  [[noreturn]] void Fail() const {
    throw Error(ErrorKind::kOutOfRange,
                "Failed to parse input string \"" + std::string(input_) + "\"");
  }

  void SkipSpaces() {
    while (position_ < input_.size() && std::isspace(static_cast<unsigned char>(input_[position_]))) {
      ++position_;
    }
  }

  void Expect(char c) {
    if (position_ >= input_.size() || input_[position_] != c) Fail();
    ++position_;
  }

  int64_t Number(int max_digits, bool allow_sign = false) {
    bool negative = false;
    if (allow_sign && position_ < input_.size() &&
        (input_[position_] == '-' || input_[position_] == '+')) {
      negative = input_[position_++] == '-';
    }
    int64_t value = 0;
    int digits = 0;
    while (digits < max_digits && position_ < input_.size() &&
           std::isdigit(static_cast<unsigned char>(input_[position_]))) {
      value = value * 10 + (input_[position_++] - '0');
      ++digits;
    }
    if (digits == 0) Fail();
    return negative ? -value : value;
  }

  int32_t SmallNumber(int max_digits, int64_t low, int64_t high) {
    int64_t value = Number(max_digits);
    if (value < low || value > high) Fail();
    return static_cast<int32_t>(value);
  }

  // Matches a full or 3-letter name from `names`; returns its index.
  int Name(const char* const* names, int count) {
    for (int index = 0; index < count; ++index) {
      std::string_view name = names[index];
      for (size_t length : {name.size(), size_t{3}}) {
        if (MatchesIgnoringCase(name.substr(0, length))) {
          position_ += length;
          return index;
        }
      }
    }
    Fail();
  }

  bool MatchesIgnoringCase(std::string_view word) const {
    if (input_.size() - position_ < word.size()) return false;
    for (size_t index = 0; index < word.size(); ++index) {
      if (std::tolower(static_cast<unsigned char>(input_[position_ + index])) !=
          std::tolower(static_cast<unsigned char>(word[index]))) {
        return false;
      }
    }
    return true;
  }

  void Seconds(char fraction) {
    civil_.second = SmallNumber(2, 0, 60);
    if (fraction == 0) return;
    if (position_ < input_.size() && input_[position_] == '.') {
      ++position_;
      int64_t micros = 0;
      int digits = 0;
      while (position_ < input_.size() &&
             std::isdigit(static_cast<unsigned char>(input_[position_]))) {
        if (digits < 6) micros = micros * 10 + (input_[position_] - '0');
        ++digits;
        ++position_;
      }
      if (digits == 0 || (fraction != '*' && digits > fraction - '0')) Fail();
      for (int pad = digits; pad < 6; ++pad) micros *= 10;
      civil_.micros = micros;
    }
  }

  void Offset() {
    if (position_ < input_.size() && (input_[position_] == 'Z' || input_[position_] == 'z')) {
      ++position_;
      offset_ = 0;
      return;
    }
    if (position_ >= input_.size() || (input_[position_] != '+' && input_[position_] != '-')) {
      Fail();
    }
    bool negative = input_[position_++] == '-';
    int32_t hours = SmallNumber(2, 0, 14);
    int32_t minutes = 0;
    if (position_ < input_.size() && input_[position_] == ':') ++position_;
    if (position_ < input_.size() && std::isdigit(static_cast<unsigned char>(input_[position_]))) {
      minutes = SmallNumber(2, 0, 59);
    }
    int32_t seconds = hours * 3600 + minutes * 60;
    offset_ = negative ? -seconds : seconds;
  }

  void ZoneName() {
    size_t start = position_;
    while (position_ < input_.size() && !std::isspace(static_cast<unsigned char>(input_[position_]))) {
      ++position_;
    }
    if (position_ == start) Fail();
    std::string_view name = input_.substr(start, position_ - start);
    if (name == "UTC" || name == "Z") {
      offset_ = 0;
    } else if (name[0] == '+' || name[0] == '-') {
      position_ = start;
      Offset();
    } else {
      zone_name_ = std::string(name);
    }
  }

  void ParseElement(std::string_view spec) {
    char element = spec.back();
    if (spec.size() > 1 && spec[0] == 'E') {
      if (element == 'S') return Seconds(spec[1]);
      if (element == 'z') return Offset();
      if (element == 'Y') {
        year_ = Number(4);
        return;
      }
    }
    switch (element) {
      case 'A':
      case 'a': Name(kDayNames, 7); return;
      case 'B':
      case 'b':
      case 'h': civil_.month = Name(kMonthNames, 12) + 1; return;
      case 'C': century_ = Number(2); return;
      case 'c':
        ParseElement("a");
        SkipSpaces();
        ParseElement("b");
        SkipSpaces();
        ParseElement("e");
        SkipSpaces();
        ParseElement("T");
        SkipSpaces();
        return ParseElement("Y");
      case 'D':
      case 'x':
        ParseElement("m");
        Expect('/');
        ParseElement("d");
        Expect('/');
        return ParseElement("y");
      case 'd': civil_.day = SmallNumber(2, 1, 31); return;
      case 'e':
        SkipSpaces();
        civil_.day = SmallNumber(2, 1, 31);
        return;
      case 'F':
        ParseElement("Y");
        Expect('-');
        ParseElement("m");
        Expect('-');
        return ParseElement("d");
      case 'G': Number(5, true); return;  // ISO year: read, not used without %V
      case 'g': Number(2); return;
      case 'H': civil_.hour = SmallNumber(2, 0, 23); return;
      case 'k':
        SkipSpaces();
        civil_.hour = SmallNumber(2, 0, 23);
        return;
      case 'I':
      case 'l':
        SkipSpaces();
        civil_.hour = SmallNumber(2, 1, 12);
        twelve_hour_ = true;
        return;
      case 'j': day_of_year_ = SmallNumber(3, 1, 366); return;
      case 'M': civil_.minute = SmallNumber(2, 0, 59); return;
      case 'm': civil_.month = SmallNumber(2, 1, 12); return;
      case 'n':
      case 't': SkipSpaces(); return;
      case 'P':
      case 'p':
        if (MatchesIgnoringCase("AM")) {
          afternoon_ = false;
        } else if (MatchesIgnoringCase("PM")) {
          afternoon_ = true;
        } else {
          Fail();
        }
        position_ += 2;
        return;
      case 'Q': civil_.month = (SmallNumber(1, 1, 4) - 1) * 3 + 1; return;
      case 'R':
        ParseElement("H");
        Expect(':');
        return ParseElement("M");
      case 'S': return Seconds(0);
      case 's': epoch_seconds_ = Number(19, true); return;
      case 'T':
      case 'X':
        ParseElement("H");
        Expect(':');
        ParseElement("M");
        Expect(':');
        return ParseElement("S");
      case 'U':
      case 'V':
      case 'W': SmallNumber(2, 0, 53); return;  // read, not used
      case 'u': SmallNumber(1, 1, 7); return;
      case 'w': SmallNumber(1, 0, 6); return;
      case 'Y': year_ = Number(4, true); return;
      case 'y': two_digit_year_ = Number(2); return;
      case 'Z': return ZoneName();
      case 'z': return Offset();
      case '%': return Expect('%');
      default: Fail();
    }
  }

  ParsedCivil Finish() {
    if (year_) {
      civil_.year = *year_;
    } else if (century_ || two_digit_year_) {
      int64_t yy = two_digit_year_.value_or(0);
      civil_.year = century_ ? *century_ * 100 + yy : (yy < 69 ? 2000 + yy : 1900 + yy);
    }
    if (civil_.year < 0 || civil_.year > 9999) Fail();
    if (twelve_hour_) civil_.hour = civil_.hour % 12 + (afternoon_ ? 12 : 0);
    if (day_of_year_) {
      int64_t days = DaysFromCivil(static_cast<int32_t>(civil_.year), 1, 1) + *day_of_year_ - 1;
      CivilDate date = CivilFromDays(static_cast<int32_t>(days));
      if (date.year != civil_.year) Fail();
      civil_.month = date.month;
      civil_.day = date.day;
    }
    if (civil_.day > DaysInMonth(static_cast<int32_t>(civil_.year), civil_.month)) Fail();
    if (civil_.second == 60) Fail();
    ParsedCivil parsed;
    parsed.civil = civil_;
    parsed.offset_seconds = offset_;
    parsed.zone_name = zone_name_;
    parsed.epoch_seconds = epoch_seconds_;
    return parsed;
  }

  std::string_view format_;
  std::string_view input_;
  size_t position_ = 0;
  CivilDateTime civil_;
  std::optional<int64_t> year_;
  std::optional<int64_t> century_;
  std::optional<int64_t> two_digit_year_;
  std::optional<int32_t> day_of_year_;
  std::optional<int32_t> offset_;
  std::optional<int64_t> epoch_seconds_;
  std::string zone_name_;
  bool twelve_hour_ = false;
  bool afternoon_ = false;
};

}  // namespace

CivilDateTime CivilFromMicros(int64_t micros) {
  int64_t days;
  int64_t micros_of_day;
  SplitDayMicros(micros, &days, &micros_of_day);
  CivilDate date = CivilFromDays(static_cast<int32_t>(days));
  CivilDateTime civil;
  civil.year = date.year;
  civil.month = date.month;
  civil.day = date.day;
  civil.hour = static_cast<int32_t>(micros_of_day / kMicrosPerHour);
  civil.minute = static_cast<int32_t>(micros_of_day / kMicrosPerMinute % 60);
  civil.second = static_cast<int32_t>(micros_of_day / kMicrosPerSecond % 60);
  civil.micros = micros_of_day % kMicrosPerSecond;
  return civil;
}

int64_t MicrosFromCivil(const CivilDateTime& civil) {
  return CivilDays(civil) * kMicrosPerDay + civil.hour * kMicrosPerHour +
         civil.minute * kMicrosPerMinute + civil.second * kMicrosPerSecond + civil.micros;
}

std::string FormatCivil(std::string_view format, const CivilDateTime& civil,
                        int64_t epoch_seconds) {
  std::string out;
  out.reserve(format.size() + 16);
  for (size_t offset = 0; offset < format.size();) {
    if (format[offset] != '%') {
      out.push_back(format[offset++]);
      continue;
    }
    size_t length = ElementLength(format, offset + 1);
    if (length == 0) {
      out.push_back('%');
      ++offset;
      continue;
    }
    FormatElement(format.substr(offset + 1, length), civil, epoch_seconds, &out);
    offset += 1 + length;
  }
  return out;
}

ParsedCivil ParseCivil(std::string_view format, std::string_view input) {
  return CivilParser(format, input).Run();
}

}  // namespace dq
