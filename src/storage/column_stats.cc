#include "storage/column_stats.h"

#include <cmath>
#include <cstring>

#include "common/error.h"

namespace dq {

namespace {

template <typename T>
void MinMax(const T* data, const ValidityMask& validity, size_t count, T* min, T* max,
            bool* any) {
  for (size_t row = 0; row < count; ++row) {
    if (!validity.RowIsValid(row)) continue;
    if (!*any) {
      *min = *max = data[row];
      *any = true;
    } else {
      if (data[row] < *min) *min = data[row];
      if (*max < data[row]) *max = data[row];
    }
  }
}

// Shortest upper bound of `text` within kStatsStringPrefix bytes; false when none exists.
bool TruncatedUpperBound(std::string_view text, std::string* bound) {
  if (text.size() <= kStatsStringPrefix) {
    *bound = std::string(text);
    return true;
  }
  std::string prefix(text.substr(0, kStatsStringPrefix));
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (prefix.empty()) return false;
  prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  *bound = std::move(prefix);
  return true;
}

Value MakeStringValue(TypeId id, std::string text) {
  return id == TypeId::kBytes ? Value::Bytes(std::move(text)) : Value::String(std::move(text));
}

}  // namespace

bool HasZoneMap(const LogicalType& type) {
  return type.SupportsOrdering() && !type.IsNested() && type.id() != TypeId::kInterval &&
         type.id() != TypeId::kJson && type.id() != TypeId::kNull &&
         type.id() != TypeId::kInvalid;
}

ColumnStats ComputeColumnStats(const Vector& column, size_t count) {
  ColumnStats stats;
  const ValidityMask& validity = column.validity();
  stats.null_count = validity.CountInvalid(count);
  const LogicalType& type = column.type();
  if (!HasZoneMap(type) || stats.null_count == count) return stats;
  bool any = false;
  switch (type.id()) {
    case TypeId::kBool: {
      bool min = false, max = false;
      MinMax(column.Data<bool>(), validity, count, &min, &max, &any);
      stats.min = Value::Bool(min);
      stats.max = Value::Bool(max);
      break;
    }
    case TypeId::kDate: {
      int32_t min = 0, max = 0;
      MinMax(column.Data<int32_t>(), validity, count, &min, &max, &any);
      stats.min = Value::Date(min);
      stats.max = Value::Date(max);
      break;
    }
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: {
      int64_t min = 0, max = 0;
      MinMax(column.Data<int64_t>(), validity, count, &min, &max, &any);
      auto make = [&](int64_t value) {
        switch (type.id()) {
          case TypeId::kDatetime: return Value::Datetime(value);
          case TypeId::kTime: return Value::Time(value);
          case TypeId::kTimestamp: return Value::Timestamp(value);
          default: return Value::Int64(value);
        }
      };
      stats.min = make(min);
      stats.max = make(max);
      break;
    }
    case TypeId::kFloat64: {
      const double* data = column.Data<double>();
      for (size_t row = 0; row < count; ++row) {
        if (validity.RowIsValid(row) && std::isnan(data[row])) return stats;  // no min/max
      }
      double min = 0, max = 0;
      MinMax(data, validity, count, &min, &max, &any);
      stats.min = Value::Float64(min);
      stats.max = Value::Float64(max);
      break;
    }
    case TypeId::kNumeric: {
      int128_t min = 0, max = 0;
      MinMax(column.Data<int128_t>(), validity, count, &min, &max, &any);
      stats.min = Value::Numeric(min);
      stats.max = Value::Numeric(max);
      break;
    }
    case TypeId::kString:
    case TypeId::kBytes: {
      const StringView* data = column.Data<StringView>();
      std::string_view min, max;
      for (size_t row = 0; row < count; ++row) {
        if (!validity.RowIsValid(row)) continue;
        std::string_view text = data[row].view();
        if (!any) {
          min = max = text;
          any = true;
        } else {
          if (text < min) min = text;
          if (max < text) max = text;
        }
      }
      std::string upper;
      if (!TruncatedUpperBound(max, &upper)) return stats;
      stats.min = MakeStringValue(type.id(), std::string(min.substr(0, kStatsStringPrefix)));
      stats.max = MakeStringValue(type.id(), std::move(upper));
      break;
    }
    default:
      return stats;
  }
  stats.has_min_max = any;
  if (!any) stats.min = stats.max = Value();
  return stats;
}

void PutScalarValue(const Value& value, ByteWriter& out) {
  switch (value.type().id()) {
    case TypeId::kBool: out.PutU8(value.bool_value() ? 1 : 0); return;
    case TypeId::kDate: out.PutU32(static_cast<uint32_t>(value.date_value())); return;
    case TypeId::kInt64: out.PutU64(static_cast<uint64_t>(value.int64_value())); return;
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: out.PutU64(static_cast<uint64_t>(value.micros_value())); return;
    case TypeId::kFloat64: {
      double number = value.float64_value();
      uint64_t bits;
      std::memcpy(&bits, &number, sizeof(bits));
      out.PutU64(bits);
      return;
    }
    case TypeId::kNumeric: {
      auto bits = static_cast<unsigned __int128>(value.numeric_value());
      out.PutU64(static_cast<uint64_t>(bits));
      out.PutU64(static_cast<uint64_t>(bits >> 64));
      return;
    }
    case TypeId::kString:
    case TypeId::kBytes: out.PutString(value.string_value()); return;
    default: DQ_CHECK(false && "PutScalarValue on a type without zone maps");
  }
}

bool GetScalarValue(ByteReader& in, const LogicalType& type, Value* value) {
  switch (type.id()) {
    case TypeId::kBool: {
      uint8_t byte;
      if (!in.GetU8(&byte)) return false;
      *value = Value::Bool(byte != 0);
      return true;
    }
    case TypeId::kDate: {
      uint32_t days;
      if (!in.GetU32(&days)) return false;
      *value = Value::Date(static_cast<int32_t>(days));
      return true;
    }
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kFloat64: {
      uint64_t bits;
      if (!in.GetU64(&bits)) return false;
      auto number = static_cast<int64_t>(bits);
      if (type.id() == TypeId::kInt64) *value = Value::Int64(number);
      if (type.id() == TypeId::kDatetime) *value = Value::Datetime(number);
      if (type.id() == TypeId::kTime) *value = Value::Time(number);
      if (type.id() == TypeId::kTimestamp) *value = Value::Timestamp(number);
      if (type.id() == TypeId::kFloat64) {
        double real;
        std::memcpy(&real, &bits, sizeof(real));
        *value = Value::Float64(real);
      }
      return true;
    }
    case TypeId::kNumeric: {
      uint64_t low, high;
      if (!in.GetU64(&low) || !in.GetU64(&high)) return false;
      auto bits = (static_cast<unsigned __int128>(high) << 64) | low;
      *value = Value::Numeric(static_cast<int128_t>(bits));
      return true;
    }
    case TypeId::kString:
    case TypeId::kBytes: {
      std::string text;
      if (!in.GetString(&text)) return false;
      *value = MakeStringValue(type.id(), std::move(text));
      return true;
    }
    default: return false;
  }
}

void PutColumnStats(const ColumnStats& stats, ByteWriter& out) {
  out.PutU8(stats.has_min_max ? 1 : 0);
  out.PutVarint(stats.null_count);
  if (stats.has_min_max) {
    PutScalarValue(stats.min, out);
    PutScalarValue(stats.max, out);
  }
}

bool GetColumnStats(ByteReader& in, const LogicalType& type, ColumnStats* stats) {
  uint8_t has_min_max;
  if (!in.GetU8(&has_min_max) || !in.GetVarint(&stats->null_count)) return false;
  stats->has_min_max = has_min_max != 0;
  stats->min = stats->max = Value();
  if (!stats->has_min_max) return true;
  if (!HasZoneMap(type)) return false;
  return GetScalarValue(in, type, &stats->min) && GetScalarValue(in, type, &stats->max);
}

}  // namespace dq
