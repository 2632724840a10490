#include "plan/coercion.h"

#include "common/error.h"
#include "exec/expression_executor.h"

namespace dq {

std::optional<int> CoercionCost(const LogicalType& from, const LogicalType& to, bool is_literal) {
  if (from == to) return 0;
  if (from.id() == TypeId::kNull) return 1;
  switch (from.id()) {
    case TypeId::kInt64:
      if (to.id() == TypeId::kNumeric) return 1;
      if (to.id() == TypeId::kFloat64) return 2;
      return std::nullopt;
    case TypeId::kNumeric:
      if (to.id() == TypeId::kFloat64) return 1;
      return std::nullopt;
    case TypeId::kString:
      if (is_literal && (to.IsTemporal() || to.id() == TypeId::kBytes)) return 1;
      return std::nullopt;
    case TypeId::kDate:
      if (to.id() == TypeId::kDatetime) return 2;
      return std::nullopt;
    case TypeId::kArray:
      if (to.id() == TypeId::kArray) {
        auto cost = CoercionCost(from.element_type(), to.element_type(), is_literal);
        if (cost && *cost == 0) return 0;
        // Array literals of literals coerce element-wise; other arrays do not.
        if (is_literal && cost) return *cost;
      }
      return std::nullopt;
    case TypeId::kStruct:
      if (to.id() == TypeId::kStruct && from.fields().size() == to.fields().size()) {
        int total = 0;
        for (size_t field = 0; field < from.fields().size(); ++field) {
          auto cost = CoercionCost(*from.fields()[field].type, *to.fields()[field].type, is_literal);
          if (!cost) return std::nullopt;
          total += *cost;
        }
        return total;
      }
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::optional<LogicalType> CommonSupertype(const std::vector<LogicalType>& types,
                                           const std::vector<bool>& literal) {
  // Candidates: each input type; pick the one every input coerces to at the lowest cost.
  std::optional<LogicalType> best;
  int best_cost = 0;
  for (const LogicalType& candidate : types) {
    if (candidate.id() == TypeId::kNull) continue;
    int total = 0;
    bool ok = true;
    for (size_t index = 0; index < types.size() && ok; ++index) {
      auto cost = CoercionCost(types[index], candidate, literal[index]);
      if (!cost) ok = false;
      else total += *cost;
    }
    if (ok && (!best || total < best_cost)) {
      best = candidate;
      best_cost = total;
    }
  }
  if (!best) {
    bool all_null = true;
    for (const LogicalType& type : types) all_null = all_null && type.id() == TypeId::kNull;
    if (all_null) return LogicalType(TypeId::kInt64);
    // INT64 with FLOAT64 and NUMERIC mixes: FLOAT64 covers them all.
    bool all_numbers = true;
    for (const LogicalType& type : types) {
      all_numbers = all_numbers && (type.IsNumber() || type.id() == TypeId::kNull);
    }
    if (all_numbers) return LogicalType(TypeId::kFloat64);
  }
  return best;
}

ExpressionPtr CoerceTo(ExpressionPtr expression, const LogicalType& type) {
  if (expression->type == type) return expression;
  int64_t position = expression->position;
  if (expression->kind == ExpressionKind::kConstant) {
    if (expression->value.is_null()) return MakeConstant(Value::Null(type), position);
    ExpressionPtr cast = MakeCast(std::move(expression), type);
    try {
      Value folded = ExpressionExecutor::EvaluateConstant(*cast);
      return MakeConstant(std::move(folded), position);
    } catch (Error& error) {
      if (error.kind() == ErrorKind::kInvalidInput || error.kind() == ErrorKind::kOutOfRange) {
        std::string text = cast->children[0]->value.ToString();
        throw Error(ErrorKind::kBinding,
                    "Could not cast literal \"" + text + "\" to type " + type.ToString(), position);
      }
      throw;
    }
  }
  return MakeCast(std::move(expression), type);
}

std::optional<Value> CoerceLiteralValue(const Value& value, const LogicalType& type) {
  if (value.is_null()) return Value::Null(type);
  if (value.type() == type) return value;
  if (value.type().id() == TypeId::kArray && type.id() == TypeId::kArray) {
    std::vector<Value> elements;
    for (const Value& element : value.children()) {
      std::optional<Value> coerced = CoerceLiteralValue(element, type.element_type());
      if (!coerced) return std::nullopt;
      elements.push_back(std::move(*coerced));
    }
    return Value::Array(type.element_type(), std::move(elements));
  }
  if (value.type().id() == TypeId::kStruct && type.id() == TypeId::kStruct) {
    if (value.children().size() != type.fields().size()) return std::nullopt;
    std::vector<Value> fields;
    for (size_t field = 0; field < type.fields().size(); ++field) {
      std::optional<Value> coerced =
          CoerceLiteralValue(value.children()[field], *type.fields()[field].type);
      if (!coerced) return std::nullopt;
      fields.push_back(std::move(*coerced));
    }
    return Value::Struct(type, std::move(fields));
  }
  if (!CoercionCost(value.type(), type, true)) return std::nullopt;
  return CoerceTo(MakeConstant(value), type)->value;
}

LogicalType ResolveTypeName(const sql::TypeName& name) {
  const std::string& text = name.name;
  if (text == "ARRAY") {
    if (name.fields.size() != 1) throw Error(ErrorKind::kBinding, "ARRAY needs one element type", name.position);
    LogicalType element = ResolveTypeName(*name.fields[0].type);
    if (element.id() == TypeId::kArray) {
      throw Error(ErrorKind::kBinding, "Arrays of arrays are not supported", name.position);
    }
    return LogicalType::Array(element);
  }
  if (text == "STRUCT") {
    std::vector<std::pair<std::string, LogicalType>> fields;
    for (const auto& field : name.fields) fields.emplace_back(field.name, ResolveTypeName(*field.type));
    return LogicalType::Struct(std::move(fields));
  }
  if (text == "BOOL" || text == "BOOLEAN") return TypeId::kBool;
  if (text == "INT64" || text == "INT" || text == "INTEGER" || text == "BIGINT" ||
      text == "SMALLINT" || text == "TINYINT" || text == "BYTEINT") {
    return TypeId::kInt64;
  }
  if (text == "FLOAT64" || text == "FLOAT" || text == "DOUBLE" || text == "DOUBLE PRECISION" ||
      text == "REAL") {
    return TypeId::kFloat64;
  }
  if (text == "NUMERIC" || text == "DECIMAL" || text == "BIGNUMERIC" || text == "BIGDECIMAL") {
    return TypeId::kNumeric;
  }
  if (text == "STRING" || text == "VARCHAR" || text == "CHAR" || text == "TEXT" ||
      text == "CHARACTER") {
    return TypeId::kString;
  }
  if (text == "BYTES") return TypeId::kBytes;
  if (text == "DATE") return TypeId::kDate;
  if (text == "DATETIME") return TypeId::kDatetime;
  if (text == "TIME") return TypeId::kTime;
  if (text == "TIMESTAMP") return TypeId::kTimestamp;
  if (text == "INTERVAL") return TypeId::kInterval;
  if (text == "JSON") return TypeId::kJson;
  throw Error(ErrorKind::kBinding, "Type not found: " + text, name.position);
}

}  // namespace dq
