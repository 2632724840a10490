// TIMESTAMP and DATETIME functions:
//   TIMESTAMP_ADD/SUB(ts, n, part)   part MICROSECOND .. DAY (a DAY is 24 hours)
//   DATETIME_ADD/SUB(dt, n, part)    also WEEK, MONTH, QUARTER, YEAR (months clamp)
//   TIMESTAMP_DIFF(a, b, part)       elapsed time in whole parts, truncated toward zero
//   DATETIME_DIFF(a, b, part)        part boundaries crossed (like DATE_DIFF), any part
//   TIMESTAMP_TRUNC / DATETIME_TRUNC (value, part), any part from MICROSECOND to ISOYEAR;
//   TIMESTAMP_TRUNC(ts, part, zone) truncates the civil time in the zone (session's default)
//   UNIX_SECONDS / UNIX_MILLIS / UNIX_MICROS (floor), TIMESTAMP_SECONDS / _MILLIS / _MICROS.
// TIMESTAMPs are otherwise read in UTC. Results outside years 1..9999 are kOutOfRange errors
// ("TIMESTAMP_ADD result is out of range").
#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/scalar/date_parts.h"
#include "types/date_time.h"
#include "types/time_zone.h"

namespace dq {

namespace {

int64_t FloorDivide(int64_t value, int64_t divisor) {
  int64_t quotient = value / divisor;
  return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

bool IsCalendarPart(DatePart part) {
  return part == DatePart::kWeek || part == DatePart::kIsoWeek || part == DatePart::kMonth ||
         part == DatePart::kQuarter || part == DatePart::kYear || part == DatePart::kIsoYear;
}

int64_t AddToMicros(int64_t micros, int64_t amount, const DatePartSpec& spec, const char* name,
                    bool calendar) {
  int64_t unit = MicrosPerUnit(spec.part);
  int64_t shifted;
  if (unit != 0) {
    int64_t delta;
    if (__builtin_mul_overflow(amount, unit, &delta) ||
        __builtin_add_overflow(micros, delta, &shifted)) {
      ThrowDateOutOfRange(name);
    }
  } else if (calendar && IsCalendarPart(spec.part) && spec.part != DatePart::kIsoWeek &&
             spec.part != DatePart::kIsoYear) {
    int64_t days;
    int64_t micros_of_day;
    SplitDayMicros(micros, &days, &micros_of_day);
    int64_t new_days = AddToDays(days, amount, spec, name);
    if (!DateInRange(new_days)) ThrowDateOutOfRange(name);
    shifted = new_days * kMicrosPerDay + micros_of_day;
  } else {
    ThrowUnsupportedPart(name, spec);
  }
  if (!MicrosInRange(shifted)) ThrowDateOutOfRange(name);
  return shifted;
}

int64_t TruncateMicros(int64_t micros, const DatePartSpec& spec, const char* name) {
  int64_t unit = MicrosPerUnit(spec.part);
  int64_t truncated;
  if (unit != 0) {
    truncated = FloorDivide(micros, unit) * unit;
  } else if (IsCalendarPart(spec.part)) {
    int64_t days;
    int64_t micros_of_day;
    SplitDayMicros(micros, &days, &micros_of_day);
    truncated = TruncateDays(days, spec, name) * kMicrosPerDay;
  } else {
    ThrowUnsupportedPart(name, spec);
  }
  if (!MicrosInRange(truncated)) ThrowDateOutOfRange(name);
  return truncated;
}

template <bool kSubtract, bool kCalendar>
void AddKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec = ReadDatePart(args.column(2));
  const char* name = kCalendar ? (kSubtract ? "DATETIME_SUB" : "DATETIME_ADD")
                               : (kSubtract ? "TIMESTAMP_SUB" : "TIMESTAMP_ADD");
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result, [&](int64_t micros, int64_t amount) {
        if (kSubtract) {
          if (amount == INT64_MIN) ThrowDateOutOfRange(name);
          amount = -amount;
        }
        return AddToMicros(micros, amount, spec, name, kCalendar);
      });
}

void TimestampDiffKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec = ReadDatePart(args.column(2));
  int64_t unit = MicrosPerUnit(spec.part);
  if (unit == 0) ThrowUnsupportedPart("TIMESTAMP_DIFF", spec);
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result,
      [unit](int64_t left, int64_t right) { return (left - right) / unit; });
}

void DatetimeDiffKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec = ReadDatePart(args.column(2));
  int64_t unit = MicrosPerUnit(spec.part);
  if (unit == 0 && !IsCalendarPart(spec.part)) ThrowUnsupportedPart("DATETIME_DIFF", spec);
  ExecuteBinary<int64_t, int64_t, int64_t>(
      args.column(0), args.column(1), args.size(), result, [&](int64_t left, int64_t right) {
        if (unit != 0) return FloorDivide(left, unit) - FloorDivide(right, unit);
        return DiffDays(FloorDivide(left, kMicrosPerDay), FloorDivide(right, kMicrosPerDay), spec,
                        "DATETIME_DIFF");
      });
}

template <bool kDatetime>
void TruncKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec = ReadDatePart(args.column(1));
  const char* name = kDatetime ? "DATETIME_TRUNC" : "TIMESTAMP_TRUNC";
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result, [&](int64_t micros) {
    return TruncateMicros(micros, spec, name);
  });
}

// TIMESTAMP_TRUNC(ts, part, zone): truncates the civil time of ts in the zone, so DAY means
// midnight there.
void TimestampTruncInZoneKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec = ReadDatePart(args.column(1));
  std::string zone_name;
  TimeZone zone;
  bool have_zone = false;
  ExecuteBinary<int64_t, StringView, int64_t>(
      args.column(0), args.column(2), args.size(), result,
      [&](int64_t micros, const StringView& name) {
        if (!have_zone || name.view() != zone_name) {
          zone = TimeZone::Find(name.view());
          zone_name.assign(name.view());
          have_zone = true;
        }
        int64_t civil = TruncateMicros(zone.ToCivil(micros), spec, "TIMESTAMP_TRUNC");
        int64_t truncated = zone.ToUtc(civil);
        if (!MicrosInRange(truncated)) ThrowDateOutOfRange("TIMESTAMP_TRUNC");
        return truncated;
      });
}

template <int64_t kUnit>
void UnixKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result,
                                 [](int64_t micros) { return FloorDivide(micros, kUnit); });
}

template <int64_t kUnit>
void FromUnixKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int64_t>(args.column(0), args.size(), result, [](int64_t value) {
    int64_t micros;
    if (__builtin_mul_overflow(value, kUnit, &micros) || !MicrosInRange(micros)) {
      const char* name = kUnit == 1 ? "TIMESTAMP_MICROS"
                                    : (kUnit == 1000 ? "TIMESTAMP_MILLIS" : "TIMESTAMP_SECONDS");
      ThrowDateOutOfRange(name);
    }
    return micros;
  });
}

}  // namespace

void RegisterTimestampFunctions(FunctionRegistry& registry) {
  constexpr TypeId kTimestamp = TypeId::kTimestamp;
  constexpr TypeId kDatetime = TypeId::kDatetime;
  constexpr TypeId kInt64 = TypeId::kInt64;
  constexpr TypeId kString = TypeId::kString;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType return_type,
                 ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = return_type,
                                      .kernel = kernel});
  };
  add("TIMESTAMP_ADD", {kTimestamp, kInt64, kString}, kTimestamp, AddKernel<false, false>);
  add("TIMESTAMP_SUB", {kTimestamp, kInt64, kString}, kTimestamp, AddKernel<true, false>);
  add("TIMESTAMP_DIFF", {kTimestamp, kTimestamp, kString}, kInt64, TimestampDiffKernel);
  add("TIMESTAMP_TRUNC", {kTimestamp, kString}, kTimestamp, TruncKernel<false>);
  registry.AddScalar(ScalarFunction{.name = "TIMESTAMP_TRUNC",
                                    .arguments = {kTimestamp, kString, kString},
                                    .return_type = kTimestamp,
                                    .kernel = TimestampTruncInZoneKernel,
                                    .session_time_zone = true});
  add("DATETIME_ADD", {kDatetime, kInt64, kString}, kDatetime, AddKernel<false, true>);
  add("DATETIME_SUB", {kDatetime, kInt64, kString}, kDatetime, AddKernel<true, true>);
  add("DATETIME_DIFF", {kDatetime, kDatetime, kString}, kInt64, DatetimeDiffKernel);
  add("DATETIME_TRUNC", {kDatetime, kString}, kDatetime, TruncKernel<true>);
  add("UNIX_SECONDS", {kTimestamp}, kInt64, UnixKernel<kMicrosPerSecond>);
  add("UNIX_MILLIS", {kTimestamp}, kInt64, UnixKernel<1000>);
  add("UNIX_MICROS", {kTimestamp}, kInt64, UnixKernel<1>);
  add("TIMESTAMP_SECONDS", {kInt64}, kTimestamp, FromUnixKernel<kMicrosPerSecond>);
  add("TIMESTAMP_MILLIS", {kInt64}, kTimestamp, FromUnixKernel<1000>);
  add("TIMESTAMP_MICROS", {kInt64}, kTimestamp, FromUnixKernel<1>);
}

}  // namespace dq
