// CAST / SAFE_CAST kernels (contract in cast.h). One typed loop per (source, target) pair:
// CastLoop reads the source through a UnifiedVector, converts each valid row with a small
// lambda that throws dq::Error on bad input, and under SAFE_CAST turns that row into NULL.
// A constant source is converted once and the result repeated.
#include "functions/cast/cast.h"

#include <charconv>
#include <cmath>
#include <string>

#include "common/error.h"
#include "functions/cast/cast_parse.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "common/utf8.h"
#include "types/date_time.h"
#include "types/interval.h"
#include "types/time_zone.h"
#include "types/numeric.h"

namespace dq {

namespace {

[[noreturn]] void ThrowInvalid(std::string message) {
  throw Error(ErrorKind::kInvalidInput, std::move(message));
}

[[noreturn]] void ThrowOutOfRange(std::string message) {
  throw Error(ErrorKind::kOutOfRange, std::move(message));
}

bool IsUserError(const Error& error) {
  return error.kind() == ErrorKind::kInvalidInput || error.kind() == ErrorKind::kOutOfRange;
}

// Runs convert(value) -> Out for every valid row of `source`.
template <typename In, typename Out, typename Convert>
void CastLoop(const Vector& source, size_t count, Vector& result, bool safe, Convert&& convert) {
  UnifiedVector unified;
  source.ToUnified(count, unified);
  const In* data = unified.Data<In>();
  Out* out = result.Data<Out>();
  if (source.kind() == VectorKind::kConstant && count > 0) {
    bool valid = unified.validity->RowIsValid(0);
    Out converted{};
    if (valid) {
      try {
        converted = convert(data[0]);
      } catch (const Error& error) {
        if (!safe || !IsUserError(error)) throw;
        valid = false;
      }
    }
    for (size_t row = 0; row < count; ++row) {
      if (valid) {
        out[row] = converted;
      } else {
        result.SetNull(row);
      }
    }
    return;
  }
  bool all_valid = unified.validity->AllValid();
  if (!safe) {
    for (size_t row = 0; row < count; ++row) {
      sel_t index = unified.index(row);
      if (all_valid || unified.validity->RowIsValid(index)) {
        out[row] = convert(data[index]);
      } else {
        result.SetNull(row);
      }
    }
    return;
  }
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (!all_valid && !unified.validity->RowIsValid(index)) {
      result.SetNull(row);
      continue;
    }
    try {
      out[row] = convert(data[index]);
    } catch (const Error& error) {
      if (!IsUserError(error)) throw;
      result.SetNull(row);
    }
  }
}

// ---- numbers ----

int64_t DoubleToInt64(double value) {
  if (!std::isfinite(value)) {
    ThrowInvalid("Illegal conversion of non-finite floating point number to int64: " +
                 FormatDouble(value));
  }
  double rounded = std::round(value);  // half away from zero
  if (rounded < -9223372036854775808.0 || rounded >= 9223372036854775808.0) {
    ThrowOutOfRange("int64 out of range: " + FormatDouble(value));
  }
  return static_cast<int64_t>(rounded);
}

int128_t DoubleToNumeric(double value) {
  if (!std::isfinite(value)) {
    ThrowInvalid("Illegal conversion of non-finite floating point number to numeric: " +
                 FormatDouble(value));
  }
  int128_t scaled;
  if (!NumericFromDouble(value, &scaled))
    ThrowOutOfRange("numeric out of range: " + FormatDouble(value));
  return scaled;
}

int64_t NumericToInt64(int128_t scaled) {
  int128_t quotient = scaled / kNumericScaleFactor;
  int128_t remainder = scaled % kNumericScaleFactor;
  if (remainder * 2 >= kNumericScaleFactor) ++quotient;
  if (remainder * 2 <= -kNumericScaleFactor) --quotient;
  if (quotient > INT64_MAX || quotient < INT64_MIN) {
    ThrowOutOfRange("int64 out of range: " + FormatNumeric(scaled));
  }
  return static_cast<int64_t>(quotient);
}

StringView Int64ToString(int64_t value, Vector& result) {
  char buffer[24];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return result.AddString(std::string_view(buffer, static_cast<size_t>(end - buffer)));
}

// ---- text ----

int64_t StringToInt64(const StringView& text) {
  int64_t value;
  ParseResult parsed = ParseInt64Text(text.view(), &value);
  if (parsed == ParseResult::kOk) return value;
  std::string message = "Bad int64 value: " + text.str();
  if (parsed == ParseResult::kOverflow) ThrowOutOfRange(std::move(message));
  ThrowInvalid(std::move(message));
}

double StringToDouble(const StringView& text) {
  double value;
  ParseResult parsed = ParseDoubleText(text.view(), &value);
  if (parsed == ParseResult::kOk) return value;
  std::string message = "Bad double value: " + text.str();
  if (parsed == ParseResult::kOverflow) ThrowOutOfRange(std::move(message));
  ThrowInvalid(std::move(message));
}

int128_t StringToNumeric(const StringView& text) {
  int128_t scaled;
  if (!ParseNumeric(TrimAsciiWhitespace(text.view()), &scaled)) {
    ThrowInvalid("Invalid NUMERIC value: " + text.str());
  }
  return scaled;
}

bool StringToBool(const StringView& text) {
  bool value;
  if (!ParseBoolText(text.view(), &value)) ThrowInvalid("Bad bool value: " + text.str());
  return value;
}

int32_t StringToDate(const StringView& text) {
  int32_t days;
  if (!ParseDate(text.view(), &days)) ThrowInvalid("Invalid date: '" + text.str() + "'");
  return days;
}

int64_t StringToTime(const StringView& text) {
  int64_t micros;
  if (!ParseTime(text.view(), &micros)) ThrowInvalid("Invalid time string \"" + text.str() + "\"");
  return micros;
}

int64_t StringToDatetime(const StringView& text) {
  int64_t micros;
  if (!ParseDatetime(text.view(), &micros)) {
    ThrowInvalid("Invalid datetime string \"" + text.str() + "\"");
  }
  return micros;
}

int64_t StringToTimestamp(const StringView& text, const TimeZone& zone) {
  int64_t micros;
  if (!ParseTimestampInZone(text.view(), zone, &micros)) {
    ThrowInvalid("Invalid timestamp: '" + text.str() + "'");
  }
  return micros;
}

int64_t FloorDays(int64_t micros) {
  int64_t days;
  int64_t micros_of_day;
  SplitDayMicros(micros, &days, &micros_of_day);
  return days;
}

int64_t TimeOfDay(int64_t micros) {
  int64_t days;
  int64_t micros_of_day;
  SplitDayMicros(micros, &days, &micros_of_day);
  return micros_of_day;
}

// Anything scalar -> STRING through a formatter returning std::string (short: no heap use).
template <typename In, typename Format>
void CastToString(const Vector& source, size_t count, Vector& result, bool safe, Format format) {
  CastLoop<In, StringView>(source, count, result, safe, [&](const In& value) {
    std::string text = format(value);
    return result.AddString(text);
  });
}

void CastFromString(const Vector& source, size_t count, Vector& result, bool safe,
                    const TimeZone& zone) {
  switch (result.type().id()) {
    case TypeId::kInt64:
      return CastLoop<StringView, int64_t>(source, count, result, safe, StringToInt64);
    case TypeId::kFloat64:
      return CastLoop<StringView, double>(source, count, result, safe, StringToDouble);
    case TypeId::kNumeric:
      return CastLoop<StringView, int128_t>(source, count, result, safe, StringToNumeric);
    case TypeId::kBool:
      return CastLoop<StringView, bool>(source, count, result, safe, StringToBool);
    case TypeId::kDate:
      return CastLoop<StringView, int32_t>(source, count, result, safe, StringToDate);
    case TypeId::kTime:
      return CastLoop<StringView, int64_t>(source, count, result, safe, StringToTime);
    case TypeId::kDatetime:
      return CastLoop<StringView, int64_t>(source, count, result, safe, StringToDatetime);
    case TypeId::kTimestamp:
      return CastLoop<StringView, int64_t>(
          source, count, result, safe,
          [&zone](const StringView& text) { return StringToTimestamp(text, zone); });
    case TypeId::kInterval:
      return CastLoop<StringView, Interval>(source, count, result, safe, [](const StringView& text) {
        Interval interval;
        std::string error;
        if (!ParseIntervalText(text.view(), &interval, &error)) ThrowOutOfRange(error);
        return interval;
      });
    case TypeId::kBytes:
      // Same bytes: share the source's storage instead of copying.
      result.KeepAlive(source);
      return CastLoop<StringView, StringView>(source, count, result, safe,
                                              [](const StringView& text) { return text; });
    default:
      break;
  }
  ThrowInternal(__FILE__, __LINE__, "unsupported cast from STRING to " + result.type().ToString());
}

void CastFromBytes(const Vector& source, size_t count, Vector& result, bool safe) {
  DQ_CHECK(result.type().id() == TypeId::kString);
  result.KeepAlive(source);
  CastLoop<StringView, StringView>(source, count, result, safe, [](const StringView& bytes) {
    if (!IsValidUtf8(bytes.view())) ThrowInvalid("Invalid UTF-8 string");
    return bytes;
  });
}

void CastNumberLike(const Vector& source, size_t count, Vector& result, bool safe) {
  TypeId from = source.type().id();
  TypeId to = result.type().id();
  if (from == TypeId::kInt64) {
    switch (to) {
      case TypeId::kBool:
        return CastLoop<int64_t, bool>(source, count, result, safe,
                                       [](int64_t v) { return v != 0; });
      case TypeId::kFloat64:
        return CastLoop<int64_t, double>(source, count, result, safe,
                                         [](int64_t v) { return static_cast<double>(v); });
      case TypeId::kNumeric:
        return CastLoop<int64_t, int128_t>(source, count, result, safe, [](int64_t v) {
          return static_cast<int128_t>(v) * kNumericScaleFactor;
        });
      case TypeId::kString:
        return CastLoop<int64_t, StringView>(source, count, result, safe,
                                             [&](int64_t v) { return Int64ToString(v, result); });
      default:
        break;
    }
  } else if (from == TypeId::kFloat64) {
    switch (to) {
      case TypeId::kInt64:
        return CastLoop<double, int64_t>(source, count, result, safe, DoubleToInt64);
      case TypeId::kNumeric:
        return CastLoop<double, int128_t>(source, count, result, safe, DoubleToNumeric);
      case TypeId::kString:
        return CastToString<double>(source, count, result, safe, FormatDouble);
      default:
        break;
    }
  } else if (from == TypeId::kNumeric) {
    switch (to) {
      case TypeId::kInt64:
        return CastLoop<int128_t, int64_t>(source, count, result, safe, NumericToInt64);
      case TypeId::kFloat64:
        return CastLoop<int128_t, double>(source, count, result, safe, NumericToDouble);
      case TypeId::kString:
        return CastToString<int128_t>(source, count, result, safe, FormatNumeric);
      default:
        break;
    }
  } else if (from == TypeId::kBool) {
    switch (to) {
      case TypeId::kInt64:
        return CastLoop<bool, int64_t>(source, count, result, safe,
                                       [](bool v) { return v ? 1 : 0; });
      case TypeId::kString:
        return CastLoop<bool, StringView>(source, count, result, safe, [](bool v) {
          return v ? StringView("true", 4) : StringView("false", 5);
        });
      default:
        break;
    }
  }
  ThrowInternal(__FILE__, __LINE__,
                "unsupported cast " + source.type().ToString() + " -> " + result.type().ToString());
}

void CheckTimestampRange(int64_t micros) {
  if (micros < int64_t{kMinDate} * kMicrosPerDay ||
      micros >= (int64_t{kMaxDate} + 1) * kMicrosPerDay) {
    ThrowOutOfRange("TIMESTAMP value is out of range");
  }
}

// Civil time (DATETIME micros) of a TIMESTAMP in `zone`.
int64_t CivilOf(int64_t micros, const TimeZone& zone) {
  return zone.is_utc() ? micros : zone.ToCivil(micros);
}

// TIMESTAMP of a civil time in `zone`.
int64_t InstantOf(int64_t civil, const TimeZone& zone) {
  if (zone.is_utc()) return civil;
  int64_t micros = zone.ToUtc(civil);
  CheckTimestampRange(micros);
  return micros;
}

void CastTemporal(const Vector& source, size_t count, Vector& result, bool safe,
                  const TimeZone& zone) {
  TypeId from = source.type().id();
  TypeId to = result.type().id();
  if (to == TypeId::kString) {
    switch (from) {
      case TypeId::kDate:
        return CastToString<int32_t>(source, count, result, safe, FormatDate);
      case TypeId::kTime:
        return CastToString<int64_t>(source, count, result, safe, FormatTime);
      case TypeId::kDatetime:
        return CastToString<int64_t>(source, count, result, safe, FormatDatetime);
      case TypeId::kTimestamp:
        return CastToString<int64_t>(source, count, result, safe, [&zone](int64_t micros) {
          return FormatTimestampInZone(micros, zone);
        });
      default:
        break;
    }
  } else if (from == TypeId::kDate) {
    // DATE -> DATETIME: midnight; DATE -> TIMESTAMP: midnight in the zone.
    bool instant = to == TypeId::kTimestamp;
    return CastLoop<int32_t, int64_t>(source, count, result, safe, [&](int32_t days) {
      int64_t civil = static_cast<int64_t>(days) * kMicrosPerDay;
      return instant ? InstantOf(civil, zone) : civil;
    });
  } else if (to == TypeId::kDate) {
    bool instant = from == TypeId::kTimestamp;
    return CastLoop<int64_t, int32_t>(source, count, result, safe, [&](int64_t micros) {
      return static_cast<int32_t>(FloorDays(instant ? CivilOf(micros, zone) : micros));
    });
  } else if (to == TypeId::kTime) {
    bool instant = from == TypeId::kTimestamp;
    return CastLoop<int64_t, int64_t>(source, count, result, safe, [&](int64_t micros) {
      return TimeOfDay(instant ? CivilOf(micros, zone) : micros);
    });
  } else if (to == TypeId::kDatetime) {
    return CastLoop<int64_t, int64_t>(source, count, result, safe,
                                      [&](int64_t micros) { return CivilOf(micros, zone); });
  } else if (to == TypeId::kTimestamp) {
    return CastLoop<int64_t, int64_t>(source, count, result, safe,
                                      [&](int64_t civil) { return InstantOf(civil, zone); });
  }
  ThrowInternal(__FILE__, __LINE__,
                "unsupported cast " + source.type().ToString() + " -> " + result.type().ToString());
}

void CastArray(const Vector& source, size_t count, Vector& result, bool safe,
               const TimeZone& zone) {
  UnifiedVector unified;
  source.ToUnified(count, unified);
  const Vector& source_child = unified.source->array_child();
  size_t element_count = unified.source->array_size();
  size_t base = result.array_size();
  result.SetArraySize(base + element_count);
  Vector& result_child = result.array_child();
  if (base == 0) {
    CastVector(source_child, element_count, result_child, safe, &zone);
  } else {
    Vector converted(result_child.type(), element_count);
    CastVector(source_child, element_count, converted, safe, &zone);
    CopyVector(converted, element_count, result_child, base);
  }
  const ArrayEntry* entries = unified.Data<ArrayEntry>();
  ArrayEntry* out = result.Data<ArrayEntry>();
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (!unified.validity->RowIsValid(index)) {
      out[row] = ArrayEntry{base, 0};
      result.SetNull(row);
      continue;
    }
    ArrayEntry entry = entries[index];
    out[row] = ArrayEntry{base + entry.offset, entry.length};
    if (!safe) continue;
    for (uint64_t element = entry.offset; element < entry.offset + entry.length; ++element) {
      if (source_child.validity().RowIsValid(element) &&
          !result_child.validity().RowIsValid(base + element)) {
        result.SetNull(row);  // an element failed to convert
        break;
      }
    }
  }
}

void CastStruct(const Vector& source, size_t count, Vector& result, bool safe,
                const TimeZone& zone) {
  Vector flat = source;
  flat.Flatten(count);
  const std::vector<Vector>& source_fields = flat.struct_children();
  std::vector<Vector>& result_fields = result.struct_children();
  DQ_CHECK_EQ(source_fields.size(), result_fields.size());
  for (size_t field = 0; field < source_fields.size(); ++field) {
    CastVector(source_fields[field], count, result_fields[field], safe, &zone);
  }
  std::vector<UnifiedVector> field_views(source_fields.size());
  for (size_t field = 0; field < source_fields.size(); ++field) {
    source_fields[field].ToUnified(count, field_views[field]);
  }
  for (size_t row = 0; row < count; ++row) {
    bool valid = flat.validity().RowIsValid(row);
    for (size_t field = 0; valid && safe && field < source_fields.size(); ++field) {
      if (field_views[field].IsValid(row) && !result_fields[field].validity().RowIsValid(row)) {
        valid = false;  // a field failed to convert
      }
    }
    if (!valid) {
      result.SetNull(row);
      for (Vector& child : result_fields) child.SetNull(row);
    }
  }
}

bool IsNumberOrBool(TypeId id) {
  return id == TypeId::kInt64 || id == TypeId::kFloat64 || id == TypeId::kNumeric ||
         id == TypeId::kBool;
}

bool IsTemporalId(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kDatetime || id == TypeId::kTime ||
         id == TypeId::kTimestamp;
}

// STRING(timestamp[, zone]).
void StringOfTimestamp(const ScalarCall&, const DataChunk& args, Vector& result) {
  if (args.column_count() == 1) {
    CastVector(args.column(0), args.size(), result, /*safe=*/false);
    return;
  }
  // One zone per distinct name, converted row by row (the zone is usually a constant).
  UnifiedVector zones;
  args.column(1).ToUnified(args.size(), zones);
  UnifiedVector stamps;
  args.column(0).ToUnified(args.size(), stamps);
  std::string zone_name;
  TimeZone zone;
  for (size_t row = 0; row < args.size(); ++row) {
    if (!zones.IsValid(row) || !stamps.IsValid(row)) {
      result.SetNull(row);
      continue;
    }
    std::string_view name = zones.Data<StringView>()[zones.index(row)].view();
    if (row == 0 || name != zone_name) {
      zone = TimeZone::Find(name);
      zone_name.assign(name);
    }
    std::string text = FormatTimestampInZone(stamps.Data<int64_t>()[stamps.index(row)], zone);
    result.Data<StringView>()[row] = result.AddString(text);
  }
}

}  // namespace

bool CanCast(const LogicalType& from, const LogicalType& to) {
  TypeId source = from.id();
  TypeId target = to.id();
  if (source == TypeId::kNull || from == to) return true;
  if (source == TypeId::kArray) {
    return target == TypeId::kArray && CanCast(from.element_type(), to.element_type());
  }
  if (source == TypeId::kStruct) {
    if (target != TypeId::kStruct || from.fields().size() != to.fields().size()) return false;
    for (size_t field = 0; field < from.fields().size(); ++field) {
      if (!CanCast(*from.fields()[field].type, *to.fields()[field].type)) return false;
    }
    return true;
  }
  if (source == TypeId::kBool || target == TypeId::kBool) {
    TypeId other = source == TypeId::kBool ? target : source;
    return other == TypeId::kInt64 || other == TypeId::kString;
  }
  if (IsNumberOrBool(source) && (IsNumberOrBool(target) || target == TypeId::kString)) return true;
  if (source == TypeId::kString) {
    return IsNumberOrBool(target) || IsTemporalId(target) || target == TypeId::kBytes ||
           target == TypeId::kInterval;
  }
  if (source == TypeId::kBytes) return target == TypeId::kString;
  if (source == TypeId::kInterval) return target == TypeId::kString;
  if (IsTemporalId(source)) {
    if (target == TypeId::kString) return true;
    switch (source) {
      case TypeId::kDate:
        return target == TypeId::kDatetime || target == TypeId::kTimestamp;
      case TypeId::kDatetime:
      case TypeId::kTimestamp:
        return target == TypeId::kDate || target == TypeId::kTime || target == TypeId::kDatetime ||
               target == TypeId::kTimestamp;
      default:
        return false;
    }
  }
  return false;
}

void CastVector(const Vector& source, size_t count, Vector& result, bool safe,
                const TimeZone* time_zone) {
  static const TimeZone kUtc;
  const TimeZone& zone = time_zone != nullptr ? *time_zone : kUtc;
  DQ_CHECK(result.kind() == VectorKind::kFlat);
  DQ_CHECK_LE(count, result.capacity());
  TypeId from = source.type().id();
  TypeId to = result.type().id();
  if (from == TypeId::kNull) {
    for (size_t row = 0; row < count; ++row) result.SetValue(row, Value::Null(result.type()));
    return;
  }
  if (from == TypeId::kArray) return CastArray(source, count, result, safe, zone);
  if (from == TypeId::kStruct) return CastStruct(source, count, result, safe, zone);
  if (source.type() == result.type()) return CopyVector(source, count, result, 0);
  if (from == TypeId::kString) return CastFromString(source, count, result, safe, zone);
  if (from == TypeId::kBytes) return CastFromBytes(source, count, result, safe);
  if (from == TypeId::kInterval && to == TypeId::kString) {
    return CastToString<Interval>(source, count, result, safe, FormatInterval);
  }
  if (IsNumberOrBool(from)) return CastNumberLike(source, count, result, safe);
  if (IsTemporalId(from)) return CastTemporal(source, count, result, safe, zone);
  ThrowInternal(__FILE__, __LINE__,
                "unsupported cast " + source.type().ToString() + " -> " + result.type().ToString());
}

Value CastValue(const Value& value, const LogicalType& type, bool safe,
                const TimeZone* time_zone) {
  if (value.is_null()) return Value::Null(type);
  Vector source = Vector::Constant(value);
  Vector result(type, 1);
  CastVector(source, 1, result, safe, time_zone);
  return result.GetValue(0);
}

void RegisterCastFunctions(FunctionRegistry& registry) {
  // STRING(timestamp[, zone]): the canonical text form in the zone (the session's by default).
  registry.AddScalar(ScalarFunction{.name = "STRING",
                                    .arguments = {TypeId::kTimestamp},
                                    .return_type = TypeId::kString,
                                    .kernel = StringOfTimestamp});
  registry.AddScalar(ScalarFunction{.name = "STRING",
                                    .arguments = {TypeId::kTimestamp, TypeId::kString},
                                    .return_type = TypeId::kString,
                                    .kernel = StringOfTimestamp,
                                    .session_time_zone = true});
}

}  // namespace dq
