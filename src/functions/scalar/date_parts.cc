#include "functions/scalar/date_parts.h"

#include <algorithm>

#include "common/error.h"
#include "types/date_time.h"

namespace dq {

namespace {

struct NamedPart {
  const char* name;
  DatePart part;
};

constexpr NamedPart kParts[] = {
    {"MICROSECOND", DatePart::kMicrosecond},
    {"MILLISECOND", DatePart::kMillisecond},
    {"SECOND", DatePart::kSecond},
    {"MINUTE", DatePart::kMinute},
    {"HOUR", DatePart::kHour},
    {"DAY", DatePart::kDay},
    {"DAYOFWEEK", DatePart::kDayOfWeek},
    {"DAYOFYEAR", DatePart::kDayOfYear},
    {"WEEK", DatePart::kWeek},
    {"ISOWEEK", DatePart::kIsoWeek},
    {"MONTH", DatePart::kMonth},
    {"QUARTER", DatePart::kQuarter},
    {"YEAR", DatePart::kYear},
    {"ISOYEAR", DatePart::kIsoYear},
    {"DATE", DatePart::kDate},
    {"TIME", DatePart::kTime},
    {"DATETIME", DatePart::kDatetime},
};

constexpr const char* kWeekdays[] = {"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                     "THURSDAY", "FRIDAY", "SATURDAY"};

int32_t YearOf(int64_t days) { return CivilFromDays(static_cast<int32_t>(days)).year; }

}  // namespace

DatePartSpec ParseDatePart(std::string_view name) {
  DatePartSpec spec;
  spec.name = std::string(name);
  for (const NamedPart& named : kParts) {
    if (name == named.name) {
      spec.part = named.part;
      return spec;
    }
  }
  if (name.starts_with("WEEK(") && name.ends_with(")")) {
    std::string_view day = name.substr(5, name.size() - 6);
    for (int32_t index = 0; index < 7; ++index) {
      if (day == kWeekdays[index]) {
        spec.part = DatePart::kWeek;
        spec.week_start = index;
        return spec;
      }
    }
  }
  throw Error(ErrorKind::kInvalidInput,
              "A valid date part name is required but found " + std::string(name));
}

DatePartSpec ReadDatePart(const Vector& column) {
  Value value = column.GetValue(0);
  if (value.is_null()) throw Error(ErrorKind::kInvalidInput, "The date part cannot be NULL");
  return ParseDatePart(value.string_value());
}

void ThrowUnsupportedPart(const char* function, const DatePartSpec& spec) {
  throw Error(ErrorKind::kInvalidInput, "Unsupported date part " + spec.name + " for " + function);
}

void ThrowDateOutOfRange(const char* function) {
  throw Error(ErrorKind::kOutOfRange, std::string(function) + " result is out of range");
}

int64_t MicrosPerUnit(DatePart part) {
  switch (part) {
    case DatePart::kMicrosecond:
      return 1;
    case DatePart::kMillisecond:
      return 1000;
    case DatePart::kSecond:
      return kMicrosPerSecond;
    case DatePart::kMinute:
      return kMicrosPerMinute;
    case DatePart::kHour:
      return kMicrosPerHour;
    case DatePart::kDay:
      return kMicrosPerDay;
    default:
      return 0;
  }
}

bool DateInRange(int64_t days) { return days >= kMinDate && days <= kMaxDate; }

bool MicrosInRange(int64_t micros) {
  return micros >= int64_t{kMinDate} * kMicrosPerDay &&
         micros < (int64_t{kMaxDate} + 1) * kMicrosPerDay;
}

int64_t AddMonths(int64_t days, int64_t months) {
  CivilDate date = CivilFromDays(static_cast<int32_t>(days));
  int64_t month_index = int64_t{date.year} * 12 + (date.month - 1) + months;
  int64_t year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  int32_t month = static_cast<int32_t>(month_index - year * 12) + 1;
  if (year < 0 || year > 10000) return year < 0 ? INT32_MIN : INT32_MAX;  // out of range
  int32_t day = std::min(date.day, DaysInMonth(static_cast<int32_t>(year), month));
  return DaysFromCivil(static_cast<int32_t>(year), month, day);
}

int64_t WeekStart(int64_t days, int32_t week_start) {
  int32_t weekday = DayOfWeek(static_cast<int32_t>(days));
  return days - (weekday - week_start + 7) % 7;
}

int32_t IsoYear(int64_t days) {
  int64_t thursday = WeekStart(days, 1) + 3;
  return YearOf(thursday);
}

int64_t IsoYearStart(int32_t iso_year) { return WeekStart(DaysFromCivil(iso_year, 1, 4), 1); }

int64_t TruncateDays(int64_t days, const DatePartSpec& spec, const char* function) {
  CivilDate date = CivilFromDays(static_cast<int32_t>(days));
  switch (spec.part) {
    case DatePart::kDay:
      return days;
    case DatePart::kWeek:
      return WeekStart(days, spec.week_start);
    case DatePart::kIsoWeek:
      return WeekStart(days, 1);
    case DatePart::kMonth:
      return DaysFromCivil(date.year, date.month, 1);
    case DatePart::kQuarter:
      return DaysFromCivil(date.year, (date.month - 1) / 3 * 3 + 1, 1);
    case DatePart::kYear:
      return DaysFromCivil(date.year, 1, 1);
    case DatePart::kIsoYear:
      return IsoYearStart(IsoYear(days));
    default:
      ThrowUnsupportedPart(function, spec);
  }
}

int64_t ExtractFromDays(int64_t days, const DatePartSpec& spec, const char* function) {
  CivilDate date = CivilFromDays(static_cast<int32_t>(days));
  switch (spec.part) {
    case DatePart::kDayOfWeek:
      return DayOfWeek(static_cast<int32_t>(days)) + 1;
    case DatePart::kDay:
      return date.day;
    case DatePart::kDayOfYear:
      return days - DaysFromCivil(date.year, 1, 1) + 1;
    case DatePart::kWeek: {
      int64_t first_week = WeekStart(DaysFromCivil(date.year, 1, 1) + 6, spec.week_start);
      int64_t this_week = WeekStart(days, spec.week_start);
      return this_week < first_week ? 0 : (this_week - first_week) / 7 + 1;
    }
    case DatePart::kIsoWeek:
      return (days - IsoYearStart(IsoYear(days))) / 7 + 1;
    case DatePart::kMonth:
      return date.month;
    case DatePart::kQuarter:
      return (date.month - 1) / 3 + 1;
    case DatePart::kYear:
      return date.year;
    case DatePart::kIsoYear:
      return IsoYear(days);
    default:
      ThrowUnsupportedPart(function, spec);
  }
}

int64_t DiffDays(int64_t left, int64_t right, const DatePartSpec& spec, const char* function) {
  CivilDate left_date = CivilFromDays(static_cast<int32_t>(left));
  CivilDate right_date = CivilFromDays(static_cast<int32_t>(right));
  switch (spec.part) {
    case DatePart::kDay:
      return left - right;
    case DatePart::kWeek:
      return (WeekStart(left, spec.week_start) - WeekStart(right, spec.week_start)) / 7;
    case DatePart::kIsoWeek:
      return (WeekStart(left, 1) - WeekStart(right, 1)) / 7;
    case DatePart::kMonth:
      return (int64_t{left_date.year} * 12 + left_date.month) -
             (int64_t{right_date.year} * 12 + right_date.month);
    case DatePart::kQuarter:
      return (int64_t{left_date.year} * 4 + (left_date.month - 1) / 3) -
             (int64_t{right_date.year} * 4 + (right_date.month - 1) / 3);
    case DatePart::kYear:
      return left_date.year - right_date.year;
    case DatePart::kIsoYear:
      return IsoYear(left) - IsoYear(right);
    default:
      ThrowUnsupportedPart(function, spec);
  }
}

int64_t AddToDays(int64_t days, int64_t amount, const DatePartSpec& spec, const char* function) {
  // Amounts beyond +-10^7 days/months leave the range anyway; clamp to avoid overflow.
  if (amount > 100000000) amount = 100000000;
  if (amount < -100000000) amount = -100000000;
  switch (spec.part) {
    case DatePart::kDay:
      return days + amount;
    case DatePart::kWeek:
      return days + amount * 7;
    case DatePart::kMonth:
      return AddMonths(days, amount);
    case DatePart::kQuarter:
      return AddMonths(days, amount * 3);
    case DatePart::kYear:
      return AddMonths(days, amount * 12);
    default:
      ThrowUnsupportedPart(function, spec);
  }
}

}  // namespace dq
