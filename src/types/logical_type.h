// GoogleSQL logical types and their in-memory (physical) representation.
//
// Physical representation of one value in a flat vector:
//   BOOL                 bool (1 byte)
//   INT64                int64_t
//   FLOAT64              double
//   NUMERIC              __int128, the value times 10^9 (precision 38, scale 9)
//   STRING, BYTES, JSON  StringView (16 bytes, vector/string_view.h)
//   DATE                 int32_t days since 1970-01-01
//   DATETIME             int64_t microseconds since 1970-01-01T00:00:00 (civil, no zone)
//   TIME                 int64_t microseconds since midnight
//   TIMESTAMP            int64_t microseconds since the Unix epoch, UTC
//   INTERVAL             Interval {months, days, micros}
//   ARRAY<T>             ArrayEntry {offset, length} into a child vector of T
//   STRUCT<...>          no data of its own; one child vector per field
//   NULL (type of a bare NULL literal, coerces to anything) bool storage, always invalid
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dq {

enum class TypeId : uint8_t {
  kInvalid,
  kNull,
  kBool,
  kInt64,
  kFloat64,
  kNumeric,
  kString,
  kBytes,
  kDate,
  kDatetime,
  kTime,
  kTimestamp,
  kInterval,
  kJson,
  kArray,
  kStruct,
};

using int128_t = __int128;

struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
  bool operator==(const Interval&) const = default;
};

struct ArrayEntry {
  uint64_t offset = 0;
  uint64_t length = 0;
};

class LogicalType;

struct StructField {
  std::string name;
  std::shared_ptr<const LogicalType> type;  // shared: types are immutable values
};

class LogicalType {
 public:
  LogicalType() = default;
  LogicalType(TypeId id) : id_(id) {}  // NOLINT: scalar types convert implicitly

  static LogicalType Array(const LogicalType& element);
  static LogicalType Struct(std::vector<std::pair<std::string, LogicalType>> fields);

  TypeId id() const { return id_; }
  // REQUIRES: id() == kArray.
  const LogicalType& element_type() const;
  // REQUIRES: id() == kStruct.
  const std::vector<StructField>& fields() const;

  // GoogleSQL spelling: INT64, ARRAY<STRING>, STRUCT<a INT64, b STRING>.
  std::string ToString() const;

  // Bytes per value in a flat vector (0 for STRUCT).
  size_t PhysicalSize() const;
  bool IsValid() const { return id_ != TypeId::kInvalid; }
  bool IsNumber() const {
    return id_ == TypeId::kInt64 || id_ == TypeId::kFloat64 || id_ == TypeId::kNumeric;
  }
  bool IsStringLike() const {
    return id_ == TypeId::kString || id_ == TypeId::kBytes || id_ == TypeId::kJson;
  }
  bool IsTemporal() const {
    return id_ == TypeId::kDate || id_ == TypeId::kDatetime || id_ == TypeId::kTime ||
           id_ == TypeId::kTimestamp;
  }
  bool IsNested() const { return id_ == TypeId::kArray || id_ == TypeId::kStruct; }
  // Whether values of this type can be compared with < (GoogleSQL: not ARRAY, STRUCT, JSON).
  bool SupportsOrdering() const;
  // Whether values can be grouped / compared with = (GoogleSQL: not JSON).
  bool SupportsEquality() const;

  bool operator==(const LogicalType& other) const;
  bool operator!=(const LogicalType& other) const { return !(*this == other); }

 private:
  struct Extra {
    std::shared_ptr<const LogicalType> element;
    std::vector<StructField> fields;
  };
  TypeId id_ = TypeId::kInvalid;
  std::shared_ptr<const Extra> extra_;
};

}  // namespace dq
