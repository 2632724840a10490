// Value: one GoogleSQL value of any type, used for literals, constants, parameters, catalog
// defaults and row-at-a-time access in tests and the API. Not used on hot paths: operators work
// on vectors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "types/logical_type.h"

namespace dq {

class Value {
 public:
  // A NULL of the NULL type (a bare NULL literal).
  Value() : type_(TypeId::kNull) {}

  static Value Null(const LogicalType& type);
  static Value Bool(bool value);
  static Value Int64(int64_t value);
  static Value Float64(double value);
  static Value Numeric(int128_t scaled);
  static Value String(std::string value);
  static Value Bytes(std::string value);
  static Value Json(std::string value);
  static Value Date(int32_t days);
  static Value Datetime(int64_t micros);
  static Value Time(int64_t micros);
  static Value Timestamp(int64_t micros);
  static Value IntervalValue(Interval value);
  static Value Array(const LogicalType& element_type, std::vector<Value> elements);
  // REQUIRES: fields.size() == struct_type.fields().size().
  static Value Struct(const LogicalType& struct_type, std::vector<Value> fields);

  const LogicalType& type() const { return type_; }
  bool is_null() const { return is_null_; }

  // Accessors. REQUIRES: !is_null() and the matching type.
  bool bool_value() const { return scalar_.bool_value; }
  int64_t int64_value() const { return scalar_.int64_value; }
  double float64_value() const { return scalar_.float64_value; }
  int128_t numeric_value() const { return scalar_.numeric_value; }
  int32_t date_value() const { return static_cast<int32_t>(scalar_.int64_value); }
  // DATETIME, TIME and TIMESTAMP microseconds.
  int64_t micros_value() const { return scalar_.int64_value; }
  Interval interval_value() const { return interval_; }
  // STRING, BYTES and JSON.
  const std::string& string_value() const { return string_; }
  // ARRAY elements or STRUCT fields.
  const std::vector<Value>& children() const { return children_; }

  // The text of CAST(value AS STRING); "NULL" for NULL. BYTES print as base64-free escaped
  // text (b"..." form) only in ToSqlLiteral.
  std::string ToString() const;
  // A GoogleSQL literal that evaluates to this value (for EXPLAIN and plan printing).
  std::string ToSqlLiteral() const;

  // Structural equality: same type and value; NULL equals NULL. For tests and catalogs.
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

 private:
  explicit Value(LogicalType type) : type_(std::move(type)), is_null_(false) {}

  LogicalType type_;
  bool is_null_ = true;
  union Scalar {
    bool bool_value;
    int64_t int64_value;
    double float64_value;
    int128_t numeric_value;
  } scalar_{};
  Interval interval_;
  std::string string_;
  std::vector<Value> children_;
};

// Renders a FLOAT64 as GoogleSQL's CAST(x AS STRING) does: shortest round-trip digits,
// "inf", "-inf", "nan".
std::string FormatDouble(double value);

}  // namespace dq
