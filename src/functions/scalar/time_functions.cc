// TIME functions and the civil-time / time-zone constructors:
//   TIME_ADD / TIME_SUB(time, n, part)   MICROSECOND .. HOUR, wrapping around midnight
//   TIME_DIFF(a, b, part)                elapsed whole parts, truncated toward zero
//   TIME_TRUNC(time, part)
//   TIME(h, m, s), TIME(datetime), TIME(timestamp[, zone])
//   DATETIME(y, m, d, h, mi, s), DATETIME(date[, time]), DATETIME(timestamp[, zone])
//   TIMESTAMP(string[, zone]), TIMESTAMP(date[, zone]), TIMESTAMP(datetime[, zone])
//   DATE(timestamp, zone)
// Zones are "UTC", fixed offsets or IANA names (time_zone.h); without one, UTC. Invalid
// components are kOutOfRange errors ("Input calculates to invalid time: 25:00:00").
#include <cctype>
#include <cstdio>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/kernel_helpers_extra.h"
#include "functions/scalar/date_parts.h"
#include "types/time_zone.h"
#include "types/date_time.h"

namespace dq {

namespace {

int64_t FloorModulo(int64_t value, int64_t divisor) {
  int64_t rest = value % divisor;
  return rest < 0 ? rest + divisor : rest;
}

// MICROSECOND .. HOUR; other parts are an error for the TIME functions.
int64_t TimeUnit(const DatePartSpec& spec, const char* function) {
  int64_t unit = MicrosPerUnit(spec.part);
  if (unit == 0 || spec.part == DatePart::kDay) ThrowUnsupportedPart(function, spec);
  return unit;
}

template <bool kSubtract>
void TimeAddKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const char* name = kSubtract ? "TIME_SUB" : "TIME_ADD";
  int64_t unit = TimeUnit(ReadDatePart(args.column(2)), name);
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result, [unit](int64_t time, int64_t amount) {
        // Work modulo one day so huge amounts cannot overflow.
        __int128 product = static_cast<__int128>(FloorModulo(amount, kMicrosPerDay)) * unit;
        int64_t shift = static_cast<int64_t>(product % kMicrosPerDay);
        if (kSubtract) shift = (kMicrosPerDay - shift) % kMicrosPerDay;
        return FloorModulo(time + shift, kMicrosPerDay);
      });
}

void TimeDiffKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  int64_t unit = TimeUnit(ReadDatePart(args.column(2)), "TIME_DIFF");
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result,
      [unit](int64_t left, int64_t right) { return (left - right) / unit; });
}

void TimeTruncKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  int64_t unit = TimeUnit(ReadDatePart(args.column(1)), "TIME_TRUNC");
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result,
                                 [unit](int64_t time) { return time / unit * unit; });
}

// ---- constructors ----

int64_t TimeFromParts(int64_t hour, int64_t minute, int64_t second) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    char text[96];
    std::snprintf(text, sizeof(text), "%02lld:%02lld:%02lld", static_cast<long long>(hour),
                  static_cast<long long>(minute), static_cast<long long>(second));
    throw Error(ErrorKind::kOutOfRange, std::string("Input calculates to invalid time: ") + text);
  }
  return hour * kMicrosPerHour + minute * kMicrosPerMinute + second * kMicrosPerSecond;
}

void TimeFromPartsKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteTernary<int64_t, int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.column(2), args.size(), result,
      [](int64_t hour, int64_t minute, int64_t second, size_t) {
        return TimeFromParts(hour, minute, second);
      });
}

void DatetimeFromPartsKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector parts[6];
  for (size_t index = 0; index < 6; ++index) args.column(index).ToUnified(count, parts[index]);
  int64_t* out = result.Data<int64_t>();
  for (size_t row = 0; row < count; ++row) {
    int64_t values[6];
    bool is_null = false;
    for (size_t index = 0; index < 6 && !is_null; ++index) {
      is_null = !parts[index].IsValid(row);
      if (!is_null) values[index] = parts[index].Data<int64_t>()[parts[index].index(row)];
    }
    if (is_null) {
      result.SetNull(row);
      continue;
    }
    auto [year, month, day, hour, minute, second] = values;
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > DaysInMonth(static_cast<int32_t>(year), static_cast<int32_t>(month)) || hour < 0 ||
        hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      char text[160];
      std::snprintf(text, sizeof(text), "%04lld-%02lld-%02lld %02lld:%02lld:%02lld",
                    static_cast<long long>(year), static_cast<long long>(month),
                    static_cast<long long>(day), static_cast<long long>(hour),
                    static_cast<long long>(minute), static_cast<long long>(second));
      throw Error(ErrorKind::kOutOfRange,
                  std::string("Input calculates to invalid datetime: ") + text);
    }
    int64_t days = DaysFromCivil(static_cast<int32_t>(year), static_cast<int32_t>(month),
                                 static_cast<int32_t>(day));
    out[row] = days * kMicrosPerDay + TimeFromParts(hour, minute, second);
  }
}

void DatetimeFromDateTimeKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  if (args.column_count() == 1) {
    ExecuteUnary<int32_t, int64_t>(args.column(0), args.size(), result,
                                   [](int32_t days) { return days * kMicrosPerDay; });
    return;
  }
  ExecuteBinary<int32_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result,
      [](int32_t days, int64_t time) { return days * kMicrosPerDay + time; });
}

int64_t TimeOfDay(int64_t micros) {
  int64_t days;
  int64_t micros_of_day;
  SplitDayMicros(micros, &days, &micros_of_day);
  return micros_of_day;
}

void TimeOfDatetimeKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result, TimeOfDay);
}

// Applies `convert(value, zone)` with the zone from the optional last argument (UTC without).
template <typename In, typename Out, typename Convert>
void WithZone(const DataChunk& args, Vector& result, Convert&& convert) {
  if (args.column_count() == 1) {
    TimeZone utc;
    ExecuteUnary<In, Out>(args.column(0), args.size(), result,
                          [&](In value) { return convert(value, utc); });
    return;
  }
  std::string zone_name;
  TimeZone zone;
  bool have_zone = false;
  ExecuteBinary<In, StringView, Out>(args.column(0), args.column(1), args.size(), result,
                                     [&](In value, const StringView& name) {
                                       if (!have_zone || name.view() != zone_name) {
                                         zone = TimeZone::Find(name.view());
                                         zone_name.assign(name.view());
                                         have_zone = true;
                                       }
                                       return convert(value, zone);
                                     });
}

void CheckTimestampRange(int64_t micros) {
  if (!MicrosInRange(micros)) ThrowDateOutOfRange("TIMESTAMP");
}

void TimestampFromStringKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  WithZone<StringView, int64_t>(args, result, [](const StringView& text, const TimeZone& zone) {
    std::string_view input = text.view();
    // Text with its own zone (Z, +hh:mm, or a trailing zone name) ignores `zone`.
    size_t space = input.rfind(' ');
    if (space != std::string_view::npos && space + 1 < input.size() &&
        std::isalpha(static_cast<unsigned char>(input[space + 1])) && input.substr(space + 1) != "UTC") {
      int64_t civil;
      if (ParseDatetime(input.substr(0, space), &civil)) {
        int64_t micros = TimeZone::Find(input.substr(space + 1)).ToUtc(civil);
        CheckTimestampRange(micros);
        return micros;
      }
    }
    int64_t civil;
    if (ParseDatetime(input, &civil)) {
      int64_t micros = zone.ToUtc(civil);
      CheckTimestampRange(micros);
      return micros;
    }
    int64_t micros;
    if (!ParseTimestamp(input, &micros)) {
      throw Error(ErrorKind::kOutOfRange, "Invalid timestamp: '" + std::string(input) + "'");
    }
    return micros;
  });
}

void TimestampFromDateKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  WithZone<int32_t, int64_t>(args, result, [](int32_t days, const TimeZone& zone) {
    int64_t micros = zone.ToUtc(days * kMicrosPerDay);
    CheckTimestampRange(micros);
    return micros;
  });
}

void TimestampFromDatetimeKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  WithZone<int64_t, int64_t>(args, result, [](int64_t civil, const TimeZone& zone) {
    int64_t micros = zone.ToUtc(civil);
    CheckTimestampRange(micros);
    return micros;
  });
}

void DatetimeFromTimestampKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  WithZone<int64_t, int64_t>(args, result, [](int64_t micros, const TimeZone& zone) {
    int64_t civil = zone.ToCivil(micros);
    if (!MicrosInRange(civil)) ThrowDateOutOfRange("DATETIME");
    return civil;
  });
}

void DateFromTimestampKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  WithZone<int64_t, int32_t>(args, result, [](int64_t micros, const TimeZone& zone) {
    int64_t days;
    int64_t micros_of_day;
    SplitDayMicros(zone.ToCivil(micros), &days, &micros_of_day);
    if (!DateInRange(days)) ThrowDateOutOfRange("DATE");
    return static_cast<int32_t>(days);
  });
}

void TimeFromTimestampKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  WithZone<int64_t, int64_t>(args, result, [](int64_t micros, const TimeZone& zone) {
    return TimeOfDay(zone.ToCivil(micros));
  });
}

}  // namespace

void RegisterTimeFunctions(FunctionRegistry& registry) {
  constexpr TypeId kTime = TypeId::kTime;
  constexpr TypeId kDate = TypeId::kDate;
  constexpr TypeId kDatetime = TypeId::kDatetime;
  constexpr TypeId kTimestamp = TypeId::kTimestamp;
  constexpr TypeId kInt64 = TypeId::kInt64;
  constexpr TypeId kString = TypeId::kString;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType return_type,
                 ScalarKernel kernel) {
    // A trailing STRING after a TIMESTAMP/DATE/DATETIME/STRING source is a time zone name.
    bool zone = arguments.size() == 2 && arguments[1] == kString &&
                (arguments[0] == kTimestamp || name == std::string_view("TIMESTAMP"));
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = return_type,
                                      .kernel = kernel,
                                      .session_time_zone = zone});
  };
  add("TIME_ADD", {kTime, kInt64, kString}, kTime, TimeAddKernel<false>);
  add("TIME_SUB", {kTime, kInt64, kString}, kTime, TimeAddKernel<true>);
  add("TIME_DIFF", {kTime, kTime, kString}, kInt64, TimeDiffKernel);
  add("TIME_TRUNC", {kTime, kString}, kTime, TimeTruncKernel);
  add("TIME", {kInt64, kInt64, kInt64}, kTime, TimeFromPartsKernel);
  add("TIME", {kDatetime}, kTime, TimeOfDatetimeKernel);
  add("TIME", {kTimestamp}, kTime, TimeFromTimestampKernel);
  add("TIME", {kTimestamp, kString}, kTime, TimeFromTimestampKernel);
  add("DATETIME", {kInt64, kInt64, kInt64, kInt64, kInt64, kInt64}, kDatetime,
      DatetimeFromPartsKernel);
  add("DATETIME", {kDate}, kDatetime, DatetimeFromDateTimeKernel);
  add("DATETIME", {kDate, kTime}, kDatetime, DatetimeFromDateTimeKernel);
  add("DATETIME", {kTimestamp}, kDatetime, DatetimeFromTimestampKernel);
  add("DATETIME", {kTimestamp, kString}, kDatetime, DatetimeFromTimestampKernel);
  add("TIMESTAMP", {kString}, kTimestamp, TimestampFromStringKernel);
  add("TIMESTAMP", {kString, kString}, kTimestamp, TimestampFromStringKernel);
  add("TIMESTAMP", {kDate}, kTimestamp, TimestampFromDateKernel);
  add("TIMESTAMP", {kDate, kString}, kTimestamp, TimestampFromDateKernel);
  add("TIMESTAMP", {kDatetime}, kTimestamp, TimestampFromDatetimeKernel);
  add("TIMESTAMP", {kDatetime, kString}, kTimestamp, TimestampFromDatetimeKernel);
  add("DATE", {kTimestamp, kString}, kDate, DateFromTimestampKernel);
}

}  // namespace dq
