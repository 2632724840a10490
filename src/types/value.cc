#include "types/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/error.h"
#include "types/date_time.h"
#include "types/interval.h"
#include "types/numeric.h"

namespace dq {

Value Value::Null(const LogicalType& type) {
  Value value;
  value.type_ = type;
  return value;
}

Value Value::Bool(bool input) {
  Value value(TypeId::kBool);
  value.scalar_.bool_value = input;
  return value;
}

Value Value::Int64(int64_t input) {
  Value value(TypeId::kInt64);
  value.scalar_.int64_value = input;
  return value;
}

Value Value::Float64(double input) {
  Value value(TypeId::kFloat64);
  value.scalar_.float64_value = input;
  return value;
}

Value Value::Numeric(int128_t scaled) {
  Value value(TypeId::kNumeric);
  value.scalar_.numeric_value = scaled;
  return value;
}

Value Value::String(std::string input) {
  Value value(TypeId::kString);
  value.string_ = std::move(input);
  return value;
}

Value Value::Bytes(std::string input) {
  Value value(TypeId::kBytes);
  value.string_ = std::move(input);
  return value;
}

Value Value::Json(std::string input) {
  Value value(TypeId::kJson);
  value.string_ = std::move(input);
  return value;
}

Value Value::Date(int32_t days) {
  Value value(TypeId::kDate);
  value.scalar_.int64_value = days;
  return value;
}

Value Value::Datetime(int64_t micros) {
  Value value(TypeId::kDatetime);
  value.scalar_.int64_value = micros;
  return value;
}

Value Value::Time(int64_t micros) {
  Value value(TypeId::kTime);
  value.scalar_.int64_value = micros;
  return value;
}

Value Value::Timestamp(int64_t micros) {
  Value value(TypeId::kTimestamp);
  value.scalar_.int64_value = micros;
  return value;
}

Value Value::IntervalValue(Interval input) {
  Value value(TypeId::kInterval);
  value.interval_ = input;
  return value;
}

Value Value::Array(const LogicalType& element_type, std::vector<Value> elements) {
  Value value(LogicalType::Array(element_type));
  value.children_ = std::move(elements);
  return value;
}

Value Value::Struct(const LogicalType& struct_type, std::vector<Value> fields) {
  DQ_CHECK(struct_type.id() == TypeId::kStruct);
  DQ_CHECK_EQ(fields.size(), struct_type.fields().size());
  Value value(struct_type);
  value.children_ = std::move(fields);
  return value;
}

std::string FormatDouble(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return "0";  // no negative zero in text
  // GoogleSQL: 15 significant digits when they round-trip, else 17.
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.15g", value);
  if (std::strtod(buffer, nullptr) != value) std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  return buffer;
}

std::string Value::ToString() const {
  if (is_null_) return "NULL";
  switch (type_.id()) {
    case TypeId::kInvalid:
    case TypeId::kNull: return "NULL";
    case TypeId::kBool: return scalar_.bool_value ? "true" : "false";
    case TypeId::kInt64: return std::to_string(scalar_.int64_value);
    case TypeId::kFloat64: return FormatDouble(scalar_.float64_value);
    case TypeId::kNumeric: return FormatNumeric(scalar_.numeric_value);
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: return string_;
    case TypeId::kDate: return FormatDate(date_value());
    case TypeId::kDatetime: return FormatDatetime(scalar_.int64_value);
    case TypeId::kTime: return FormatTime(scalar_.int64_value);
    case TypeId::kTimestamp: return FormatTimestamp(scalar_.int64_value);
    case TypeId::kInterval: return FormatInterval(interval_);
    case TypeId::kArray: {
      std::string out = "[";
      for (size_t index = 0; index < children_.size(); ++index) {
        if (index > 0) out += ", ";
        out += children_[index].ToSqlLiteral();
      }
      return out + "]";
    }
    case TypeId::kStruct: {
      std::string out = "(";
      for (size_t index = 0; index < children_.size(); ++index) {
        if (index > 0) out += ", ";
        out += children_[index].ToSqlLiteral();
      }
      return out + ")";
    }
  }
  return "NULL";
}

namespace {

std::string QuoteString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string Value::ToSqlLiteral() const {
  if (is_null_) return "NULL";
  switch (type_.id()) {
    case TypeId::kString: return QuoteString(string_);
    case TypeId::kBytes: return "b" + QuoteString(string_);
    case TypeId::kJson: return "JSON " + QuoteString(string_);
    case TypeId::kNumeric: return "NUMERIC \"" + ToString() + "\"";
    case TypeId::kDate: return "DATE \"" + ToString() + "\"";
    case TypeId::kDatetime: return "DATETIME \"" + ToString() + "\"";
    case TypeId::kTime: return "TIME \"" + ToString() + "\"";
    case TypeId::kTimestamp: return "TIMESTAMP \"" + ToString() + "\"";
    case TypeId::kInterval: return "INTERVAL \"" + ToString() + "\" YEAR TO SECOND";
    case TypeId::kFloat64: {
      std::string text = ToString();
      if (text == "nan" || text == "inf" || text == "-inf") return "CAST(\"" + text + "\" AS FLOAT64)";
      if (text.find_first_of(".en") == std::string::npos) text += ".0";
      return text;
    }
    default: return ToString();
  }
}

bool Value::operator==(const Value& other) const {
  if (is_null_ != other.is_null_) return false;
  if (type_ != other.type_) return false;
  if (is_null_) return true;
  switch (type_.id()) {
    case TypeId::kBool: return scalar_.bool_value == other.scalar_.bool_value;
    case TypeId::kFloat64:
      return scalar_.float64_value == other.scalar_.float64_value ||
             (std::isnan(scalar_.float64_value) && std::isnan(other.scalar_.float64_value));
    case TypeId::kNumeric: return scalar_.numeric_value == other.scalar_.numeric_value;
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: return string_ == other.string_;
    case TypeId::kInterval: return interval_ == other.interval_;
    case TypeId::kArray:
    case TypeId::kStruct: return children_ == other.children_;
    default: return scalar_.int64_value == other.scalar_.int64_value;
  }
}

}  // namespace dq
