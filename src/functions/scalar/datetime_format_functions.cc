// FORMAT_DATE / FORMAT_DATETIME / FORMAT_TIME / FORMAT_TIMESTAMP(format, value[, zone]) and
// PARSE_DATE / PARSE_DATETIME / PARSE_TIME / PARSE_TIMESTAMP(format, text[, zone]), with the
// format elements of datetime_format.h.
//
// TIMESTAMPs are formatted in `zone` (default UTC; %Z prints its abbreviation, %z its offset).
// PARSE_TIMESTAMP reads a civil time in the zone from %z / %Z when the text has one, else in
// `zone`. Parse failures and results outside years 1..9999 are kOutOfRange errors:
// Failed to parse input string "...".
#include <string>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/kernel_helpers_extra.h"
#include "functions/scalar/date_parts.h"
#include "functions/scalar/datetime_format.h"
#include "types/time_zone.h"
#include "types/date_time.h"

namespace dq {

namespace {

int64_t FloorSeconds(int64_t micros) {
  return micros >= 0 ? micros / kMicrosPerSecond : -((-micros + kMicrosPerSecond - 1) / kMicrosPerSecond);
}

[[noreturn]] void ThrowParseFailure(std::string_view input) {
  throw Error(ErrorKind::kOutOfRange,
              "Failed to parse input string \"" + std::string(input) + "\"");
}

// Resolves zone names, reusing the previous row's zone when the name repeats.
class ZoneCache {
 public:
  const TimeZone& Get(std::string_view name) {
    if (!valid_ || name != name_) {
      zone_ = TimeZone::Find(name);
      name_.assign(name);
      valid_ = true;
    }
    return zone_;
  }

 private:
  bool valid_ = false;
  std::string name_;
  TimeZone zone_;
};

// ---- FORMAT_* ----

void FormatDateKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<StringView, int32_t, StringView>(
      args.column(0), args.column(1), args.size(), result,
      [&result](const StringView& format, int32_t days) {
        CivilDateTime civil = CivilFromMicros(days * kMicrosPerDay);
        civil.zone_abbreviation = "UTC";
        return result.AddString(FormatCivil(format.view(), civil, days * int64_t{86400}));
      });
}

void FormatMicrosKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<StringView, int64_t, StringView>(
      args.column(0), args.column(1), args.size(), result,
      [&result](const StringView& format, int64_t micros) {
        CivilDateTime civil = CivilFromMicros(micros);
        civil.zone_abbreviation = "UTC";
        return result.AddString(FormatCivil(format.view(), civil, FloorSeconds(micros)));
      });
}

std::string FormatTimestampIn(std::string_view format, int64_t micros, const TimeZone& zone) {
  std::string abbreviation;
  int32_t offset = zone.OffsetAt(micros, &abbreviation);
  CivilDateTime civil = CivilFromMicros(micros + offset * kMicrosPerSecond);
  civil.offset_seconds = offset;
  civil.zone_abbreviation = std::move(abbreviation);
  return FormatCivil(format, civil, FloorSeconds(micros));
}

void FormatTimestampKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  if (args.column_count() == 2) {
    TimeZone utc;
    ExecuteBinary<StringView, int64_t, StringView>(
        args.column(0), args.column(1), args.size(), result,
        [&](const StringView& format, int64_t micros) {
          return result.AddString(FormatTimestampIn(format.view(), micros, utc));
        });
    return;
  }
  ZoneCache zones;
  ExecuteTernary<StringView, int64_t, StringView, StringView>(
      args.column(0), args.column(1), args.column(2), args.size(), result,
      [&](const StringView& format, int64_t micros, const StringView& zone, size_t) {
        return result.AddString(FormatTimestampIn(format.view(), micros, zones.Get(zone.view())));
      });
}

// ---- PARSE_* ----

enum class ParseTarget { kDate, kDatetime, kTime };

template <ParseTarget kTarget>
void ParseCivilKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  using Out = std::conditional_t<kTarget == ParseTarget::kDate, int32_t, int64_t>;
  ExecuteBinary<StringView, StringView, Out>(
      args.column(0), args.column(1), args.size(), result,
      [](const StringView& format, const StringView& text) -> Out {
        ParsedCivil parsed = ParseCivil(format.view(), text.view());
        int64_t micros = parsed.epoch_seconds ? *parsed.epoch_seconds * kMicrosPerSecond
                                              : MicrosFromCivil(parsed.civil);
        int64_t days;
        int64_t micros_of_day;
        SplitDayMicros(micros, &days, &micros_of_day);
        if (kTarget == ParseTarget::kTime) return micros_of_day;
        if (!DateInRange(days)) ThrowParseFailure(text.view());
        if (kTarget == ParseTarget::kDate) return static_cast<Out>(days);
        return micros;
      });
}

int64_t ParseTimestampIn(std::string_view format, std::string_view text, const TimeZone& zone) {
  ParsedCivil parsed = ParseCivil(format, text);
  int64_t micros;
  if (parsed.epoch_seconds) {
    micros = *parsed.epoch_seconds * kMicrosPerSecond;
  } else {
    int64_t civil = MicrosFromCivil(parsed.civil);
    if (parsed.offset_seconds) {
      micros = civil - *parsed.offset_seconds * kMicrosPerSecond;
    } else if (!parsed.zone_name.empty()) {
      micros = TimeZone::Find(parsed.zone_name).ToUtc(civil);
    } else {
      micros = zone.ToUtc(civil);
    }
  }
  if (!MicrosInRange(micros)) ThrowParseFailure(text);
  return micros;
}

void ParseTimestampKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  if (args.column_count() == 2) {
    TimeZone utc;
    ExecuteBinary<StringView, StringView, int64_t>(
        args.column(0), args.column(1), args.size(), result,
        [&](const StringView& format, const StringView& text) {
          return ParseTimestampIn(format.view(), text.view(), utc);
        });
    return;
  }
  ZoneCache zones;
  ExecuteTernary<StringView, StringView, StringView, int64_t>(
      args.column(0), args.column(1), args.column(2), args.size(), result,
      [&](const StringView& format, const StringView& text, const StringView& zone, size_t) {
        return ParseTimestampIn(format.view(), text.view(), zones.Get(zone.view()));
      });
}

}  // namespace

void RegisterDatetimeFormatFunctions(FunctionRegistry& registry) {
  constexpr TypeId kString = TypeId::kString;
  constexpr TypeId kTimestamp = TypeId::kTimestamp;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType return_type,
                 ScalarKernel kernel) {
    // FORMAT_TIMESTAMP / PARSE_TIMESTAMP(format, value, zone).
    bool zone = arguments.size() == 3;
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = return_type,
                                      .kernel = kernel,
                                      .session_time_zone = zone});
  };
  add("FORMAT_DATE", {kString, TypeId::kDate}, kString, FormatDateKernel);
  add("FORMAT_DATETIME", {kString, TypeId::kDatetime}, kString, FormatMicrosKernel);
  add("FORMAT_TIME", {kString, TypeId::kTime}, kString, FormatMicrosKernel);
  add("FORMAT_TIMESTAMP", {kString, kTimestamp}, kString, FormatTimestampKernel);
  add("FORMAT_TIMESTAMP", {kString, kTimestamp, kString}, kString, FormatTimestampKernel);
  add("PARSE_DATE", {kString, kString}, TypeId::kDate, ParseCivilKernel<ParseTarget::kDate>);
  add("PARSE_DATETIME", {kString, kString}, TypeId::kDatetime,
      ParseCivilKernel<ParseTarget::kDatetime>);
  add("PARSE_TIME", {kString, kString}, TypeId::kTime, ParseCivilKernel<ParseTarget::kTime>);
  add("PARSE_TIMESTAMP", {kString, kString}, kTimestamp, ParseTimestampKernel);
  add("PARSE_TIMESTAMP", {kString, kString, kString}, kTimestamp, ParseTimestampKernel);
}

}  // namespace dq
