#include "types/logical_type.h"

#include "common/error.h"
#include "vector/string_view.h"

namespace dq {

LogicalType LogicalType::Array(const LogicalType& element) {
  LogicalType type(TypeId::kArray);
  auto extra = std::make_shared<Extra>();
  extra->element = std::make_shared<const LogicalType>(element);
  type.extra_ = std::move(extra);
  return type;
}

LogicalType LogicalType::Struct(std::vector<std::pair<std::string, LogicalType>> fields) {
  LogicalType type(TypeId::kStruct);
  auto extra = std::make_shared<Extra>();
  for (auto& [name, field_type] : fields) {
    extra->fields.push_back({name, std::make_shared<const LogicalType>(field_type)});
  }
  type.extra_ = std::move(extra);
  return type;
}

const LogicalType& LogicalType::element_type() const {
  DQ_CHECK(id_ == TypeId::kArray && extra_);
  return *extra_->element;
}

const std::vector<StructField>& LogicalType::fields() const {
  DQ_CHECK(id_ == TypeId::kStruct && extra_);
  return extra_->fields;
}

std::string LogicalType::ToString() const {
  switch (id_) {
    case TypeId::kInvalid: return "INVALID";
    case TypeId::kNull: return "INT64";  // a bare NULL literal is INT64 in GoogleSQL
    case TypeId::kBool: return "BOOL";
    case TypeId::kInt64: return "INT64";
    case TypeId::kFloat64: return "FLOAT64";
    case TypeId::kNumeric: return "NUMERIC";
    case TypeId::kString: return "STRING";
    case TypeId::kBytes: return "BYTES";
    case TypeId::kDate: return "DATE";
    case TypeId::kDatetime: return "DATETIME";
    case TypeId::kTime: return "TIME";
    case TypeId::kTimestamp: return "TIMESTAMP";
    case TypeId::kInterval: return "INTERVAL";
    case TypeId::kJson: return "JSON";
    case TypeId::kArray: return "ARRAY<" + element_type().ToString() + ">";
    case TypeId::kStruct: {
      std::string out = "STRUCT<";
      for (size_t index = 0; index < fields().size(); ++index) {
        if (index > 0) out += ", ";
        const StructField& field = fields()[index];
        if (!field.name.empty()) out += field.name + " ";
        out += field.type->ToString();
      }
      return out + ">";
    }
  }
  return "INVALID";
}

size_t LogicalType::PhysicalSize() const {
  switch (id_) {
    case TypeId::kInvalid: return 0;
    case TypeId::kNull:
    case TypeId::kBool: return sizeof(bool);
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: return sizeof(int64_t);
    case TypeId::kFloat64: return sizeof(double);
    case TypeId::kNumeric: return sizeof(int128_t);
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: return sizeof(StringView);
    case TypeId::kDate: return sizeof(int32_t);
    case TypeId::kInterval: return sizeof(Interval);
    case TypeId::kArray: return sizeof(ArrayEntry);
    case TypeId::kStruct: return 0;
  }
  return 0;
}

bool LogicalType::SupportsOrdering() const {
  return id_ != TypeId::kArray && id_ != TypeId::kStruct && id_ != TypeId::kJson;
}

bool LogicalType::SupportsEquality() const {
  if (id_ == TypeId::kJson) return false;
  if (id_ == TypeId::kArray) return element_type().SupportsEquality();
  if (id_ == TypeId::kStruct) {
    for (const StructField& field : fields()) {
      if (!field.type->SupportsEquality()) return false;
    }
  }
  return true;
}

bool LogicalType::operator==(const LogicalType& other) const {
  if (id_ != other.id_) return false;
  if (id_ == TypeId::kArray) return element_type() == other.element_type();
  if (id_ == TypeId::kStruct) {
    if (fields().size() != other.fields().size()) return false;
    for (size_t index = 0; index < fields().size(); ++index) {
      if (fields()[index].name != other.fields()[index].name ||
          *fields()[index].type != *other.fields()[index].type) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace dq
