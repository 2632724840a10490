// INTERVAL operators and functions (value rules in types/interval.h):
//   "$interval_from_part"(n, part)          INTERVAL n part (the binder's form of the literal)
//   INTERVAL + INTERVAL, INTERVAL - INTERVAL, -INTERVAL, INTERVAL * INT64, INT64 * INTERVAL,
//   INTERVAL / INT64
//   DATE + INTERVAL, DATETIME + INTERVAL (and the reverse, and -) -> DATETIME: months first
//     (clamping the day to the month's end), then days, then microseconds
//   TIMESTAMP +/- INTERVAL -> TIMESTAMP: days are 24 hours; a month part is an error
//   DATE - DATE (days), DATETIME - DATETIME (days and time), TIMESTAMP - TIMESTAMP and
//     TIME - TIME (time only) -> INTERVAL
//   DATE + INT64, INT64 + DATE, DATE - INT64 -> DATE (days)
//   MAKE_INTERVAL([year [, month [, day [, hour [, minute [, second]]]]]])
//   JUSTIFY_DAYS, JUSTIFY_HOURS, JUSTIFY_INTERVAL, "$extract_interval"(part, interval)
// Results out of range are kOutOfRange errors.
#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/scalar/date_parts.h"
#include "types/date_time.h"
#include "types/interval.h"

namespace dq {

namespace {

constexpr int64_t kMicrosInDay = kMicrosPerDay;

int64_t AddIntervalToCivil(int64_t civil, const Interval& interval) {
  int64_t days;
  int64_t micros_of_day;
  SplitDayMicros(civil, &days, &micros_of_day);
  if (interval.months != 0) days = AddMonths(days, interval.months);
  days += interval.days;
  __int128 result = static_cast<__int128>(days) * kMicrosInDay + micros_of_day + interval.micros;
  if (result < static_cast<__int128>(kMinDate) * kMicrosInDay ||
      result >= (static_cast<__int128>(kMaxDate) + 1) * kMicrosInDay) {
    ThrowDateOutOfRange("DATETIME +/- INTERVAL");
  }
  return static_cast<int64_t>(result);
}

int64_t AddIntervalToTimestamp(int64_t micros, const Interval& interval) {
  if (interval.months != 0) {
    throw Error(ErrorKind::kOutOfRange,
                "TIMESTAMP +/- INTERVAL is not supported for intervals with a non-zero MONTH "
                "or YEAR part");
  }
  __int128 result = static_cast<__int128>(interval.days) * kMicrosInDay + micros + interval.micros;
  if (result < static_cast<__int128>(kMinDate) * kMicrosInDay ||
      result >= (static_cast<__int128>(kMaxDate) + 1) * kMicrosInDay) {
    ThrowDateOutOfRange("TIMESTAMP +/- INTERVAL");
  }
  return static_cast<int64_t>(result);
}

void IntervalFromPartKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  UnifiedVector parts;
  args.column(1).ToUnified(args.size(), parts);
  std::string part(parts.Data<StringView>()[parts.index(0)].view());
  ExecuteUnary<int64_t, Interval>(args.column(0), args.size(), result,
                                  [&](int64_t value) { return IntervalFromPart(value, part); });
}

template <typename Operation>
void IntervalBinary(const DataChunk& args, Vector& result, Operation operation) {
  ExecuteBinary<Interval, Interval, Interval>(args.column(0), args.column(1), args.size(), result,
                                               operation);
}

void AddIntervalsKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  IntervalBinary(args, result, AddIntervals);
}

void SubtractIntervalsKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  IntervalBinary(args, result, SubtractIntervals);
}

void NegateIntervalKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<Interval, Interval>(args.column(0), args.size(), result, NegateInterval);
}

template <bool kIntervalFirst>
void MultiplyIntervalKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  if constexpr (kIntervalFirst) {
    ExecuteBinary<Interval, int64_t, Interval>(args.column(0), args.column(1), args.size(), result,
                                               MultiplyInterval);
  } else {
    ExecuteBinary<int64_t, Interval, Interval>(
        args.column(0), args.column(1), args.size(), result,
        [](int64_t factor, const Interval& value) { return MultiplyInterval(value, factor); });
  }
}

void DivideIntervalKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<Interval, int64_t, Interval>(args.column(0), args.column(1), args.size(), result,
                                             DivideInterval);
}

// civil/timestamp (+|-) interval, with the interval on either side for +.
template <typename In, bool kSubtract, bool kIntervalFirst, bool kTimestamp>
void ShiftKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  auto shift = [](In value, Interval interval) -> int64_t {
    if (kSubtract) interval = NegateInterval(interval);
    int64_t start = std::is_same_v<In, int32_t> ? static_cast<int64_t>(value) * kMicrosInDay
                                                 : static_cast<int64_t>(value);
    return kTimestamp ? AddIntervalToTimestamp(start, interval)
                      : AddIntervalToCivil(start, interval);
  };
  if constexpr (kIntervalFirst) {
    ExecuteBinary<Interval, In, int64_t>(
        args.column(0), args.column(1), args.size(), result,
        [&](const Interval& interval, In value) { return shift(value, interval); });
  } else {
    ExecuteBinary<In, Interval, int64_t>(args.column(0), args.column(1), args.size(), result, shift);
  }
}

void DateDifferenceKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int32_t, int32_t, Interval>(
      args.column(0), args.column(1), args.size(), result, [](int32_t left, int32_t right) {
        return MakeIntervalChecked(0, int64_t{left} - right, 0);
      });
}

void DatetimeDifferenceKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int64_t, int64_t, Interval>(
      args.column(0), args.column(1), args.size(), result, [](int64_t left, int64_t right) {
        int64_t left_days, left_time, right_days, right_time;
        SplitDayMicros(left, &left_days, &left_time);
        SplitDayMicros(right, &right_days, &right_time);
        return MakeIntervalChecked(0, left_days - right_days, left_time - right_time);
      });
}

void ElapsedDifferenceKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<int64_t, int64_t, Interval>(
      args.column(0), args.column(1), args.size(), result, [](int64_t left, int64_t right) {
        return MakeIntervalChecked(0, 0, static_cast<__int128>(left) - right);
      });
}

template <bool kSubtract, bool kDaysFirst>
void DateDaysKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  auto shift = [](int32_t date, int64_t days) {
    __int128 shifted = static_cast<__int128>(date) + (kSubtract ? -static_cast<__int128>(days) : days);
    if (shifted < kMinDate || shifted > kMaxDate) ThrowDateOutOfRange("DATE +/- INT64");
    return static_cast<int32_t>(shifted);
  };
  if constexpr (kDaysFirst) {
    ExecuteBinary<int64_t, int32_t, int32_t>(args.column(0), args.column(1), args.size(), result,
                                             [&](int64_t days, int32_t date) { return shift(date, days); });
  } else {
    ExecuteBinary<int32_t, int64_t, int32_t>(args.column(0), args.column(1), args.size(), result,
                                             shift);
  }
}

// MAKE_INTERVAL(year, month, day, hour, minute, second), missing trailing arguments are 0.
void MakeIntervalKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  std::vector<UnifiedVector> columns(args.column_count());
  for (size_t column = 0; column < columns.size(); ++column) {
    args.column(column).ToUnified(count, columns[column]);
  }
  for (size_t row = 0; row < count; ++row) {
    int64_t fields[6] = {0, 0, 0, 0, 0, 0};
    bool valid = true;
    for (size_t column = 0; column < columns.size(); ++column) {
      if (!columns[column].IsValid(row)) {
        valid = false;
        break;
      }
      fields[column] = columns[column].Data<int64_t>()[columns[column].index(row)];
    }
    if (!valid) {
      result.SetNull(row);
      continue;
    }
    __int128 micros = static_cast<__int128>(fields[3]) * kMicrosPerHour +
                      static_cast<__int128>(fields[4]) * kMicrosPerMinute +
                      static_cast<__int128>(fields[5]) * kMicrosPerSecond;
    result.Data<Interval>()[row] =
        MakeIntervalChecked(static_cast<__int128>(fields[0]) * 12 + fields[1], fields[2], micros);
  }
}

template <Interval (*kJustify)(const Interval&)>
void JustifyKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<Interval, Interval>(args.column(0), args.size(), result, kJustify);
}

void ExtractIntervalKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  UnifiedVector parts;
  args.column(0).ToUnified(args.size(), parts);
  std::string part(parts.Data<StringView>()[parts.index(0)].view());
  ExecuteUnary<Interval, int64_t>(args.column(1), args.size(), result, [&](const Interval& value) {
    return ExtractFromInterval(value, part);
  });
}

}  // namespace

void RegisterIntervalFunctions(FunctionRegistry& registry) {
  constexpr TypeId kInterval = TypeId::kInterval;
  constexpr TypeId kInt64 = TypeId::kInt64;
  constexpr TypeId kDate = TypeId::kDate;
  constexpr TypeId kDatetime = TypeId::kDatetime;
  constexpr TypeId kTimestamp = TypeId::kTimestamp;
  constexpr TypeId kTime = TypeId::kTime;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType return_type,
                 ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = return_type,
                                      .kernel = kernel});
  };
  add("$interval_from_part", {kInt64, TypeId::kString}, kInterval, IntervalFromPartKernel);
  add("$add", {kInterval, kInterval}, kInterval, AddIntervalsKernel);
  add("$subtract", {kInterval, kInterval}, kInterval, SubtractIntervalsKernel);
  add("$negate", {kInterval}, kInterval, NegateIntervalKernel);
  add("$multiply", {kInterval, kInt64}, kInterval, MultiplyIntervalKernel<true>);
  add("$multiply", {kInt64, kInterval}, kInterval, MultiplyIntervalKernel<false>);
  add("$divide", {kInterval, kInt64}, kInterval, DivideIntervalKernel);

  add("$add", {kDate, kInterval}, kDatetime, ShiftKernel<int32_t, false, false, false>);
  add("$add", {kInterval, kDate}, kDatetime, ShiftKernel<int32_t, false, true, false>);
  add("$subtract", {kDate, kInterval}, kDatetime, ShiftKernel<int32_t, true, false, false>);
  add("$add", {kDatetime, kInterval}, kDatetime, ShiftKernel<int64_t, false, false, false>);
  add("$add", {kInterval, kDatetime}, kDatetime, ShiftKernel<int64_t, false, true, false>);
  add("$subtract", {kDatetime, kInterval}, kDatetime, ShiftKernel<int64_t, true, false, false>);
  add("$add", {kTimestamp, kInterval}, kTimestamp, ShiftKernel<int64_t, false, false, true>);
  add("$add", {kInterval, kTimestamp}, kTimestamp, ShiftKernel<int64_t, false, true, true>);
  add("$subtract", {kTimestamp, kInterval}, kTimestamp, ShiftKernel<int64_t, true, false, true>);

  add("$subtract", {kDate, kDate}, kInterval, DateDifferenceKernel);
  add("$subtract", {kDatetime, kDatetime}, kInterval, DatetimeDifferenceKernel);
  add("$subtract", {kTimestamp, kTimestamp}, kInterval, ElapsedDifferenceKernel);
  add("$subtract", {kTime, kTime}, kInterval, ElapsedDifferenceKernel);

  add("$add", {kDate, kInt64}, kDate, DateDaysKernel<false, false>);
  add("$add", {kInt64, kDate}, kDate, DateDaysKernel<false, true>);
  add("$subtract", {kDate, kInt64}, kDate, DateDaysKernel<true, false>);

  add("MAKE_INTERVAL", {}, kInterval, MakeIntervalKernel);
  for (size_t arguments = 1; arguments <= 6; ++arguments) {
    add("MAKE_INTERVAL", std::vector<LogicalType>(arguments, kInt64), kInterval,
        MakeIntervalKernel);
  }
  add("JUSTIFY_DAYS", {kInterval}, kInterval, JustifyKernel<JustifyDays>);
  add("JUSTIFY_HOURS", {kInterval}, kInterval, JustifyKernel<JustifyHours>);
  add("JUSTIFY_INTERVAL", {kInterval}, kInterval, JustifyKernel<JustifyInterval>);
  add("$extract_interval", {TypeId::kString, kInterval}, kInt64, ExtractIntervalKernel);
}

}  // namespace dq
