// DATE functions and EXTRACT:
//   "$extract"(part, DATE | DATETIME | TIMESTAMP | TIME), DATE_ADD, DATE_SUB, DATE_DIFF,
//   DATE_TRUNC, LAST_DAY(date[, part]), DATE(y, m, d), DATE(timestamp), DATE(datetime),
//   UNIX_DATE, DATE_FROM_UNIX_DATE. (CURRENT_DATE and friends are bound from the statement's
//   time, expression_binder.cc.)
//
// Parts arrive as constant STRING arguments (date_parts.h). TIMESTAMPs are read in UTC.
// Month arithmetic clamps to the month's last day (DATE_ADD('2024-01-31', 1 MONTH) =
// 2024-02-29). Results outside years 1..9999 are errors ("DATE_ADD result is out of range",
// kOutOfRange).
#include <cstdio>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/kernel_helpers_extra.h"
#include "functions/scalar/date_parts.h"
#include "types/date_time.h"

namespace dq {

namespace {

struct ExtractData : FunctionData {
  DatePartSpec spec;
};

// ---- EXTRACT ----

int64_t ExtractFromMicros(int64_t micros, const DatePartSpec& spec) {
  int64_t days;
  int64_t micros_of_day;
  SplitDayMicros(micros, &days, &micros_of_day);
  switch (spec.part) {
    case DatePart::kHour:
      return micros_of_day / kMicrosPerHour;
    case DatePart::kMinute:
      return micros_of_day / kMicrosPerMinute % 60;
    case DatePart::kSecond:
      return micros_of_day / kMicrosPerSecond % 60;
    case DatePart::kMillisecond:
      return micros_of_day % kMicrosPerSecond / 1000;
    case DatePart::kMicrosecond:
      return micros_of_day % kMicrosPerSecond;
    default:
      return ExtractFromDays(days, spec, "EXTRACT");
  }
}

bool BindExtract(const ScalarBindInput& input, ScalarBindOutput* output) {
  if (input.argument_types.size() != 2 || input.argument_types[0].id() != TypeId::kString) {
    return false;
  }
  const LogicalType& source = input.argument_types[1];
  if (!source.IsTemporal()) return false;
  const Value* part = input.constant_arguments.size() > 0 ? input.constant_arguments[0] : nullptr;
  if (part == nullptr || part->is_null()) return false;
  auto data = std::make_shared<ExtractData>();
  data->spec = ParseDatePart(part->string_value());
  DatePart kind = data->spec.part;
  bool time_part = MicrosPerUnit(kind) != 0 && kind != DatePart::kDay;
  bool valid;
  LogicalType return_type = TypeId::kInt64;
  switch (source.id()) {
    case TypeId::kDate:
      valid = !time_part && kind < DatePart::kDate;
      break;
    case TypeId::kTime:
      valid = time_part;
      break;
    case TypeId::kDatetime:
      valid = kind != DatePart::kDatetime;
      break;
    default:
      valid = true;
      break;  // TIMESTAMP
  }
  if (!valid) {
    throw Error(ErrorKind::kBinding, "EXTRACT from " + source.ToString() +
                                         " does not support the " + data->spec.name + " date part");
  }
  if (kind == DatePart::kDate) return_type = TypeId::kDate;
  if (kind == DatePart::kTime) return_type = TypeId::kTime;
  if (kind == DatePart::kDatetime) return_type = TypeId::kDatetime;
  output->argument_types = input.argument_types;
  output->return_type = return_type;
  output->bind_data = std::move(data);
  return true;
}

void ExtractKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  const DatePartSpec& spec = static_cast<const ExtractData*>(call.bind_data)->spec;
  const Vector& source = args.column(1);
  const size_t count = args.size();
  if (source.type().id() == TypeId::kDate) {
    ExecuteUnary<int32_t, int64_t>(source, count, result, [&spec](int32_t days) {
      return ExtractFromDays(days, spec, "EXTRACT");
    });
    return;
  }
  switch (spec.part) {
    case DatePart::kDate:
      ExecuteUnary<int64_t, int32_t>(source, count, result, [](int64_t micros) {
        int64_t days;
        int64_t micros_of_day;
        SplitDayMicros(micros, &days, &micros_of_day);
        return static_cast<int32_t>(days);
      });
      return;
    case DatePart::kTime:
      ExecuteUnary<int64_t, int64_t>(source, count, result, [](int64_t micros) {
        int64_t days;
        int64_t micros_of_day;
        SplitDayMicros(micros, &days, &micros_of_day);
        return micros_of_day;
      });
      return;
    case DatePart::kDatetime:
      ExecuteUnary<int64_t, int64_t>(source, count, result, [](int64_t micros) { return micros; });
      return;
    default:
      ExecuteUnary<int64_t, int64_t>(source, count, result, [&spec](int64_t micros) {
        return ExtractFromMicros(micros, spec);
      });
  }
}

// ---- DATE arithmetic ----

template <bool kSubtract>
void DateAddKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec = ReadDatePart(args.column(2));
  const char* name = kSubtract ? "DATE_SUB" : "DATE_ADD";
  ExecuteBinary<int32_t, int64_t, int32_t>(args.column(0), args.column(1), args.size(), result,
                                           [&](int32_t days, int64_t amount) {
                                             if (kSubtract)
                                               amount = amount == INT64_MIN ? INT64_MAX : -amount;
                                             int64_t shifted = AddToDays(days, amount, spec, name);
                                             if (!DateInRange(shifted)) ThrowDateOutOfRange(name);
                                             return static_cast<int32_t>(shifted);
                                           });
}

void DateDiffKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec = ReadDatePart(args.column(2));
  ExecuteBinary<int32_t, int32_t, int64_t>(
      args.column(0), args.column(1), args.size(), result,
      [&](int32_t left, int32_t right) { return DiffDays(left, right, spec, "DATE_DIFF"); });
}

void DateTruncKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec = ReadDatePart(args.column(1));
  ExecuteUnary<int32_t, int32_t>(args.column(0), args.size(), result, [&](int32_t days) {
    int64_t truncated = TruncateDays(days, spec, "DATE_TRUNC");
    if (!DateInRange(truncated)) ThrowDateOutOfRange("DATE_TRUNC");
    return static_cast<int32_t>(truncated);
  });
}

int64_t LastDay(int64_t days, const DatePartSpec& spec) {
  switch (spec.part) {
    case DatePart::kWeek:
      return WeekStart(days, spec.week_start) + 6;
    case DatePart::kIsoWeek:
      return WeekStart(days, 1) + 6;
    case DatePart::kMonth:
    case DatePart::kQuarter:
    case DatePart::kYear: {
      int64_t months =
          spec.part == DatePart::kMonth ? 1 : (spec.part == DatePart::kQuarter ? 3 : 12);
      return AddMonths(TruncateDays(days, spec, "LAST_DAY"), months) - 1;
    }
    default:
      ThrowUnsupportedPart("LAST_DAY", spec);
  }
}

void LastDayKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec spec =
      args.column_count() > 1 ? ReadDatePart(args.column(1)) : ParseDatePart("MONTH");
  ExecuteUnary<int32_t, int32_t>(args.column(0), args.size(), result, [&](int32_t days) {
    int64_t last = LastDay(days, spec);
    if (!DateInRange(last)) ThrowDateOutOfRange("LAST_DAY");
    return static_cast<int32_t>(last);
  });
}

// ---- constructors and conversions ----

void DateFromPartsKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteTernary<int64_t, int64_t, int64_t, int32_t>(
      args.column(0), args.column(1), args.column(2), args.size(), result,
      [](int64_t year, int64_t month, int64_t day, size_t) {
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
            day > DaysInMonth(static_cast<int32_t>(year), static_cast<int32_t>(month))) {
          char text[96];
          std::snprintf(text, sizeof(text), "%04lld-%02lld-%02lld", static_cast<long long>(year),
                        static_cast<long long>(month), static_cast<long long>(day));
          throw Error(ErrorKind::kOutOfRange,
                      std::string("Input calculates to invalid date: ") + text);
        }
        return DaysFromCivil(static_cast<int32_t>(year), static_cast<int32_t>(month),
                             static_cast<int32_t>(day));
      });
}

void DateFromMicrosKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int32_t>(args.column(0), args.size(), result, [](int64_t micros) {
    int64_t days;
    int64_t micros_of_day;
    SplitDayMicros(micros, &days, &micros_of_day);
    return static_cast<int32_t>(days);
  });
}

void UnixDateKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int32_t, int64_t>(args.column(0), args.size(), result,
                                 [](int32_t days) { return static_cast<int64_t>(days); });
}

void DateFromUnixDateKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, int32_t>(args.column(0), args.size(), result, [](int64_t days) {
    if (!DateInRange(days)) ThrowDateOutOfRange("DATE_FROM_UNIX_DATE");
    return static_cast<int32_t>(days);
  });
}

}  // namespace

void RegisterDateFunctions(FunctionRegistry& registry) {
  constexpr TypeId kDate = TypeId::kDate;
  constexpr TypeId kInt64 = TypeId::kInt64;
  constexpr TypeId kString = TypeId::kString;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType return_type,
                 ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = return_type,
                                      .kernel = kernel});
  };
  registry.AddScalar(ScalarFunction{.name = "$extract",
                                    .kernel = ExtractKernel,
                                    .bind = BindExtract,
                                    .min_arguments = 2,
                                    .max_arguments = 2});
  add("DATE_ADD", {kDate, kInt64, kString}, kDate, DateAddKernel<false>);
  add("DATE_SUB", {kDate, kInt64, kString}, kDate, DateAddKernel<true>);
  add("DATE_DIFF", {kDate, kDate, kString}, kInt64, DateDiffKernel);
  add("DATE_TRUNC", {kDate, kString}, kDate, DateTruncKernel);
  add("LAST_DAY", {kDate}, kDate, LastDayKernel);
  add("LAST_DAY", {kDate, kString}, kDate, LastDayKernel);
  add("DATE", {kInt64, kInt64, kInt64}, kDate, DateFromPartsKernel);
  add("DATE", {TypeId::kTimestamp}, kDate, DateFromMicrosKernel);
  add("DATE", {TypeId::kDatetime}, kDate, DateFromMicrosKernel);
  add("UNIX_DATE", {kDate}, kInt64, UnixDateKernel);
  add("DATE_FROM_UNIX_DATE", {kInt64}, kDate, DateFromUnixDateKernel);
}

}  // namespace dq
