#include "plan/expression_binder.h"

#include <algorithm>
#include <set>

#include "common/ascii.h"
#include "common/error.h"
#include "exec/expression_executor.h"
#include "functions/aggregate/array_aggregates.h"
#include "functions/aggregate/distinct_aggregate.h"
#include "functions/cast/cast.h"
#include "functions/function_registry.h"
#include "functions/scalar/in_set.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "types/date_time.h"
#include "types/time_zone.h"
#include "types/numeric.h"

namespace dq {

namespace {

}  // namespace

std::string DisplayName(const std::string& name) {
  if (name == "$add") return "operator +";
  if (name == "$subtract") return "operator -";
  if (name == "$multiply") return "operator *";
  if (name == "$divide" || name == "$integer_divide") return "operator /";
  if (name == "$negate") return "operator -";
  if (name == "$concat") return "operator ||";
  if (name == "$equal") return "operator =";
  if (name == "$not_equal") return "operator !=";
  if (name == "$less") return "operator <";
  if (name == "$less_equal") return "operator <=";
  if (name == "$greater") return "operator >";
  if (name == "$greater_equal") return "operator >=";
  if (name == "$like") return "operator LIKE";
  if (!name.empty() && name[0] == '$') return "operator " + name.substr(1);
  return "function " + name;
}

std::string ArgumentTypeList(const std::vector<ExpressionPtr>& arguments) {
  std::string out;
  for (size_t index = 0; index < arguments.size(); ++index) {
    if (index > 0) out += ", ";
    out += arguments[index]->type.id() == TypeId::kNull ? "INT64" : arguments[index]->type.ToString();
  }
  return out;
}

ExpressionPtr FoldConstant(ExpressionPtr expression) {
  if (expression->kind == ExpressionKind::kConstant || !expression->IsFoldable()) return expression;
  try {
    Value value = ExpressionExecutor::EvaluateConstant(*expression);
    ExpressionPtr folded = MakeConstant(std::move(value), expression->position);
    folded->type = expression->type;
    folded->alias = expression->alias;
    return folded;
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::kInvalidInput || error.kind() == ErrorKind::kOutOfRange) {
      return expression;
    }
    throw;
  }
}

ExpressionPtr ExpressionBinder::Bind(const sql::Expression& expression) {
  switch (expression.kind) {
    case sql::ExpressionKind::kLiteral: return BindLiteral(expression.As<sql::Literal>());
    case sql::ExpressionKind::kPath: return BindPath(expression.As<sql::PathExpression>());
    case sql::ExpressionKind::kUnary: return BindUnary(expression.As<sql::UnaryExpression>());
    case sql::ExpressionKind::kBinary: return BindBinary(expression.As<sql::BinaryExpression>());
    case sql::ExpressionKind::kIs: return BindIs(expression.As<sql::IsExpression>());
    case sql::ExpressionKind::kBetween: return BindBetween(expression.As<sql::BetweenExpression>());
    case sql::ExpressionKind::kInList: return BindInList(expression.As<sql::InListExpression>());
    case sql::ExpressionKind::kLike: {
      const auto& like = expression.As<sql::LikeExpression>();
      std::vector<ExpressionPtr> arguments;
      arguments.push_back(Bind(*like.operand));
      arguments.push_back(Bind(*like.pattern));
      ExpressionPtr result = BindFunctionCall("$like", std::move(arguments), like.position);
      if (!like.negated) return result;
      auto negated = std::make_unique<Expression>();
      negated->kind = ExpressionKind::kNot;
      negated->type = TypeId::kBool;
      negated->position = like.position;
      negated->children.push_back(std::move(result));
      return FoldConstant(std::move(negated));
    }
    case sql::ExpressionKind::kFunctionCall: return BindFunction(expression.As<sql::FunctionCall>());
    case sql::ExpressionKind::kCast: return BindCast(expression.As<sql::CastExpression>());
    case sql::ExpressionKind::kCase: return BindCase(expression.As<sql::CaseExpression>());
    case sql::ExpressionKind::kExtract: return BindExtract(expression.As<sql::ExtractExpression>());
    case sql::ExpressionKind::kArray: return BindArray(expression.As<sql::ArrayConstructor>());
    case sql::ExpressionKind::kStruct: return BindStruct(expression.As<sql::StructConstructor>());
    case sql::ExpressionKind::kParameter: {
      const auto& parameter = expression.As<sql::Parameter>();
      std::string key = parameter.name;
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      auto found = binder_.settings_.parameters.find(key);
      if (found == binder_.settings_.parameters.end()) {
        throw Error(ErrorKind::kBinding, "Query parameter '" + parameter.name + "' not found",
                    parameter.position);
      }
      return MakeConstant(found->second, parameter.position);
    }
    case sql::ExpressionKind::kStar:
      throw Error(ErrorKind::kBinding, "Star expansion expression is not allowed here",
                  expression.position);
    case sql::ExpressionKind::kDefault:
      throw Error(ErrorKind::kBinding, "DEFAULT is only allowed in INSERT VALUES and UPDATE SET",
                  expression.position);
    case sql::ExpressionKind::kInterval:
      return BindInterval(expression.As<sql::IntervalLiteral>());
    case sql::ExpressionKind::kSubquery:
    case sql::ExpressionKind::kInSubquery:
      return binder_.BindSubquery(expression, scope_, pending_, *this);
    case sql::ExpressionKind::kInUnnest:
      return BindInUnnest(expression.As<sql::InUnnestExpression>());
    case sql::ExpressionKind::kFieldAccess:
      return BindFieldAccess(expression.As<sql::FieldAccess>());
    case sql::ExpressionKind::kSubscript:
      return BindSubscript(expression.As<sql::Subscript>());
  }
  throw Error(ErrorKind::kInternal, "unknown expression kind", expression.position);
}

ExpressionPtr ExpressionBinder::BindLiteral(const sql::Literal& literal) {
  int64_t position = literal.position;
  switch (literal.literal_kind) {
    case sql::LiteralKind::kNull: return MakeConstant(Value(), position);
    case sql::LiteralKind::kBool: return MakeConstant(Value::Bool(literal.bool_value), position);
    case sql::LiteralKind::kInteger: return MakeConstant(Value::Int64(literal.int_value), position);
    case sql::LiteralKind::kFloat: return MakeConstant(Value::Float64(literal.float_value), position);
    case sql::LiteralKind::kString: return MakeConstant(Value::String(literal.text), position);
    case sql::LiteralKind::kBytes: return MakeConstant(Value::Bytes(literal.text), position);
    case sql::LiteralKind::kTyped: {
      const std::string& type = literal.type_name;
      auto invalid = [&]() -> Error {
        return Error(ErrorKind::kBinding, "Invalid " + type + " literal: \"" + literal.text + "\"",
                     position);
      };
      if (type == "DATE") {
        int32_t days;
        if (!ParseDate(literal.text, &days)) throw invalid();
        return MakeConstant(Value::Date(days), position);
      }
      if (type == "DATETIME") {
        int64_t micros;
        if (!ParseDatetime(literal.text, &micros)) throw invalid();
        return MakeConstant(Value::Datetime(micros), position);
      }
      if (type == "TIME") {
        int64_t micros;
        if (!ParseTime(literal.text, &micros)) throw invalid();
        return MakeConstant(Value::Time(micros), position);
      }
      if (type == "TIMESTAMP") {
        int64_t micros;
        if (!ParseTimestampInZone(literal.text, binder_.time_zone(), &micros)) throw invalid();
        return MakeConstant(Value::Timestamp(micros), position);
      }
      if (type == "NUMERIC" || type == "BIGNUMERIC") {
        int128_t scaled;
        if (!ParseNumeric(literal.text, &scaled)) throw invalid();
        return MakeConstant(Value::Numeric(scaled), position);
      }
      if (type == "JSON") return MakeConstant(Value::Json(literal.text), position);
      throw Error(ErrorKind::kBinding, "Unsupported literal type " + type, position);
    }
  }
  throw Error(ErrorKind::kInternal, "unknown literal", position);
}

ExpressionPtr ExpressionBinder::BindPath(const sql::PathExpression& path) {
  const std::vector<std::string>& names = path.names;
  if (names.size() >= 2) return BindMultiPartPath(path);
  const std::string& name = names[0];
  std::optional<ResolvedColumn> resolved = scope_.FindColumn(name, path.position);
  if (!resolved && aliases_) {
    for (const auto& [alias, aliased] : *aliases_) {
      if (IdentifierEquals(alias, name)) return aliased->Copy();
    }
  }
  // A name of an enclosing query block: a correlated reference.
  for (auto outer = binder_.outer_scopes().rbegin();
       !resolved && outer != binder_.outer_scopes().rend(); ++outer) {
    resolved = (*outer)->FindColumn(name, path.position);
  }
  if (!resolved) {
    // A table alias used as a value: the row as a STRUCT of its columns (SELECT t FROM t).
    const BoundRelation* row = scope_.FindRelation(name);
    for (auto outer = binder_.outer_scopes().rbegin();
         !row && outer != binder_.outer_scopes().rend(); ++outer) {
      row = (*outer)->FindRelation(name);
    }
    if (row) return BindRowValue(*row, path.position);
    // CURRENT_DATE, CURRENT_TIMESTAMP, ... may be written without parentheses.
    std::string upper = AsciiUpper(name);
    if (upper == "CURRENT_TIMESTAMP" || upper == "CURRENT_DATE" || upper == "CURRENT_DATETIME" ||
        upper == "CURRENT_TIME") {
      return BindCurrentTime(upper, {}, path.position, false);
    }
    std::string message = "Unrecognized name: " + name;
    std::string suggestion = scope_.SuggestColumn(name);
    if (!suggestion.empty()) message += "; Did you mean " + suggestion + "?";
    throw Error(ErrorKind::kBinding, message, path.position);
  }
  const BoundRelation& relation = *resolved->relation;
  ExpressionPtr reference = MakeColumnRef(relation.bindings[resolved->column],
                                          relation.types[resolved->column],
                                          relation.column_names[resolved->column]);
  reference->position = path.position;
  return reference;
}

ExpressionPtr ExpressionBinder::BindRowValue(const BoundRelation& relation, int64_t position) {
  if (relation.value_column != SIZE_MAX) {
    ExpressionPtr value = MakeColumnRef(relation.bindings[relation.value_column],
                                        relation.types[relation.value_column], relation.alias);
    value->position = position;
    return value;
  }
  std::vector<std::pair<std::string, LogicalType>> fields;
  std::vector<ExpressionPtr> values;
  for (size_t column = 0; column < relation.column_names.size(); ++column) {
    const std::string& name = relation.column_names[column];
    if (name.empty()) continue;  // hidden
    ExpressionPtr value =
        MakeColumnRef(relation.bindings[column], relation.types[column], name);
    value->position = position;
    if (value->type.id() == TypeId::kNull) value = CoerceTo(std::move(value), TypeId::kInt64);
    fields.emplace_back(name == kAnonymousColumnName ? "" : name, value->type);
    values.push_back(std::move(value));
  }
  const std::vector<ScalarFunction>* make_struct = FunctionRegistry::Get().FindScalar("$make_struct");
  return MakeFunction(&make_struct->front(), std::move(values),
                      LogicalType::Struct(std::move(fields)), nullptr, position);
}

ExpressionPtr ExpressionBinder::BindBoolean(const sql::Expression& expression,
                                            const char* context) {
  ExpressionPtr bound = Bind(expression);
  if (bound->type.id() == TypeId::kNull) return CoerceTo(std::move(bound), TypeId::kBool);
  if (bound->type.id() != TypeId::kBool) {
    throw Error(ErrorKind::kBinding,
                std::string(context) + " should return type BOOL, but returns " +
                    bound->type.ToString(),
                expression.position);
  }
  return bound;
}

ExpressionPtr ExpressionBinder::BindUnary(const sql::UnaryExpression& unary) {
  switch (unary.op) {
    case sql::UnaryOperator::kNot: {
      auto result = std::make_unique<Expression>();
      result->kind = ExpressionKind::kNot;
      result->type = TypeId::kBool;
      result->position = unary.position;
      ExpressionPtr operand = Bind(*unary.operand);
      if (operand->type.id() != TypeId::kBool && operand->type.id() != TypeId::kNull) {
        throw Error(ErrorKind::kBinding,
                    "No matching signature for operator NOT for argument types: " +
                        operand->type.ToString(),
                    unary.position);
      }
      result->children.push_back(CoerceTo(std::move(operand), TypeId::kBool));
      return FoldConstant(std::move(result));
    }
    case sql::UnaryOperator::kMinus: {
      std::vector<ExpressionPtr> arguments;
      arguments.push_back(Bind(*unary.operand));
      return BindFunctionCall("$negate", std::move(arguments), unary.position);
    }
    case sql::UnaryOperator::kPlus: {
      ExpressionPtr operand = Bind(*unary.operand);
      if (!operand->type.IsNumber() && operand->type.id() != TypeId::kNull) {
        throw Error(ErrorKind::kBinding,
                    "No matching signature for operator + for argument types: " +
                        operand->type.ToString(),
                    unary.position);
      }
      return operand;
    }
    case sql::UnaryOperator::kBitwiseNot: {
      std::vector<ExpressionPtr> arguments;
      arguments.push_back(Bind(*unary.operand));
      return BindFunctionCall("$bitwise_not", std::move(arguments), unary.position);
    }
  }
  throw Error(ErrorKind::kInternal, "unknown unary operator", unary.position);
}

ExpressionPtr ExpressionBinder::BindComparison(const std::string& function_name,
                                               ExpressionPtr left, ExpressionPtr right,
                                               int64_t position) {
  std::optional<LogicalType> common =
      CommonSupertype({left->type, right->type}, {left->IsConstant(), right->IsConstant()});
  if (!common) {
    throw Error(ErrorKind::kBinding,
                "No matching signature for " + DisplayName(function_name) +
                    " for argument types: " + left->type.ToString() + ", " + right->type.ToString(),
                position);
  }
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(CoerceTo(std::move(left), *common));
  arguments.push_back(CoerceTo(std::move(right), *common));
  return BindFunctionCall(function_name, std::move(arguments), position);
}

ExpressionPtr ExpressionBinder::BindBinary(const sql::BinaryExpression& binary) {
  int64_t position = binary.operator_position;
  if (binary.op == sql::BinaryOperator::kAnd || binary.op == sql::BinaryOperator::kOr) {
    bool is_and = binary.op == sql::BinaryOperator::kAnd;
    std::vector<ExpressionPtr> children;
    for (const sql::Expression* side : {binary.left.get(), binary.right.get()}) {
      ExpressionPtr bound = Bind(*side);
      if (bound->type.id() != TypeId::kBool && bound->type.id() != TypeId::kNull) {
        throw Error(ErrorKind::kBinding,
                    std::string("No matching signature for operator ") + (is_and ? "AND" : "OR") +
                        " for argument types: " + bound->type.ToString(),
                    side->position);
      }
      bound = CoerceTo(std::move(bound), TypeId::kBool);
      // Flatten nested conjunctions of the same kind.
      ExpressionKind kind = is_and ? ExpressionKind::kAnd : ExpressionKind::kOr;
      if (bound->kind == kind) {
        for (auto& child : bound->children) children.push_back(std::move(child));
      } else {
        children.push_back(std::move(bound));
      }
    }
    return FoldConstant(MakeConjunction(is_and ? ExpressionKind::kAnd : ExpressionKind::kOr,
                                        std::move(children)));
  }
  ExpressionPtr left = Bind(*binary.left);
  ExpressionPtr right = Bind(*binary.right);
  const char* name = nullptr;
  switch (binary.op) {
    case sql::BinaryOperator::kEqual: name = "$equal"; break;
    case sql::BinaryOperator::kNotEqual: name = "$not_equal"; break;
    case sql::BinaryOperator::kLess: name = "$less"; break;
    case sql::BinaryOperator::kLessOrEqual: name = "$less_equal"; break;
    case sql::BinaryOperator::kGreater: name = "$greater"; break;
    case sql::BinaryOperator::kGreaterOrEqual: name = "$greater_equal"; break;
    default: break;
  }
  if (name) return BindComparison(name, std::move(left), std::move(right), position);
  switch (binary.op) {
    case sql::BinaryOperator::kAdd: name = "$add"; break;
    case sql::BinaryOperator::kSubtract: name = "$subtract"; break;
    case sql::BinaryOperator::kMultiply: name = "$multiply"; break;
    case sql::BinaryOperator::kDivide: {
      bool integers = (left->type.id() == TypeId::kInt64 || left->type.id() == TypeId::kNull) &&
                      (right->type.id() == TypeId::kInt64 || right->type.id() == TypeId::kNull);
      if (binder_.settings_.integer_division && integers) {
        name = "$integer_divide";
      } else {
        name = "$divide";
        // GoogleSQL: INT64 / INT64 is FLOAT64 (not NUMERIC, which the overload costs favour).
        if (integers) {
          left = CoerceTo(std::move(left), TypeId::kFloat64);
          right = CoerceTo(std::move(right), TypeId::kFloat64);
        }
      }
      break;
    }
    case sql::BinaryOperator::kConcat: name = "$concat"; break;
    case sql::BinaryOperator::kBitwiseAnd: name = "$bitwise_and"; break;
    case sql::BinaryOperator::kBitwiseOr: name = "$bitwise_or"; break;
    case sql::BinaryOperator::kBitwiseXor: name = "$bitwise_xor"; break;
    case sql::BinaryOperator::kShiftLeft: name = "$shift_left"; break;
    case sql::BinaryOperator::kShiftRight: name = "$shift_right"; break;
    default: throw Error(ErrorKind::kInternal, "unknown binary operator", position);
  }
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(std::move(left));
  arguments.push_back(std::move(right));
  return BindFunctionCall(name, std::move(arguments), position);
}

ExpressionPtr ExpressionBinder::BindIs(const sql::IsExpression& is) {
  if (is.test == sql::IsTest::kDistinctFrom) return BindIsDistinct(is);
  ExpressionPtr operand = Bind(*is.operand);
  auto result = std::make_unique<Expression>();
  result->type = TypeId::kBool;
  result->position = is.position;
  if (is.test == sql::IsTest::kNull) {
    result->kind = is.negated ? ExpressionKind::kIsNotNull : ExpressionKind::kIsNull;
    result->children.push_back(std::move(operand));
    return FoldConstant(std::move(result));
  }
  if (operand->type.id() != TypeId::kBool && operand->type.id() != TypeId::kNull) {
    throw Error(ErrorKind::kBinding, "IS TRUE / IS FALSE requires a BOOL operand, got " +
                                         operand->type.ToString(), is.position);
  }
  operand = CoerceTo(std::move(operand), TypeId::kBool);
  // x IS TRUE  == CASE WHEN x THEN TRUE ELSE FALSE; x IS FALSE == CASE WHEN NOT x THEN ...
  bool want_true = is.test == sql::IsTest::kTrue;
  if (!want_true) {
    auto negated = std::make_unique<Expression>();
    negated->kind = ExpressionKind::kNot;
    negated->type = TypeId::kBool;
    negated->children.push_back(std::move(operand));
    operand = std::move(negated);
  }
  result->kind = ExpressionKind::kCase;
  result->children.push_back(std::move(operand));
  result->children.push_back(MakeConstant(Value::Bool(!is.negated)));
  result->children.push_back(MakeConstant(Value::Bool(is.negated)));
  return FoldConstant(std::move(result));
}

ExpressionPtr ExpressionBinder::BindBetween(const sql::BetweenExpression& between) {
  ExpressionPtr operand = Bind(*between.operand);
  ExpressionPtr low = Bind(*between.low);
  ExpressionPtr high = Bind(*between.high);
  std::optional<LogicalType> common =
      CommonSupertype({operand->type, low->type, high->type},
                      {operand->IsConstant(), low->IsConstant(), high->IsConstant()});
  if (!common) {
    throw Error(ErrorKind::kBinding,
                "No matching signature for operator BETWEEN for argument types: " +
                    operand->type.ToString() + ", " + low->type.ToString() + ", " +
                    high->type.ToString(),
                between.position);
  }
  operand = CoerceTo(std::move(operand), *common);
  ExpressionPtr operand_copy = operand->Copy();
  std::vector<ExpressionPtr> terms;
  terms.push_back(BindComparison("$greater_equal", std::move(operand), std::move(low), between.position));
  terms.push_back(BindComparison("$less_equal", std::move(operand_copy), std::move(high), between.position));
  ExpressionPtr result = MakeConjunction(ExpressionKind::kAnd, std::move(terms));
  if (between.negated) {
    // NOT (x >= low AND x <= high), not x < low OR x > high: they differ for NaN, which
    // compares false both ways (NaN NOT BETWEEN 1 AND NULL is TRUE).
    auto negated = std::make_unique<Expression>();
    negated->kind = ExpressionKind::kNot;
    negated->type = TypeId::kBool;
    negated->position = between.position;
    negated->children.push_back(std::move(result));
    result = std::move(negated);
  }
  return FoldConstant(std::move(result));
}

ExpressionPtr ExpressionBinder::BindInList(const sql::InListExpression& in) {
  ExpressionPtr operand = Bind(*in.operand);
  std::vector<ExpressionPtr> values;
  std::vector<LogicalType> types = {operand->type};
  std::vector<bool> literal = {operand->IsConstant()};
  for (const auto& value : in.values) {
    values.push_back(Bind(*value));
    types.push_back(values.back()->type);
    literal.push_back(values.back()->IsConstant());
  }
  std::optional<LogicalType> common = CommonSupertype(types, literal);
  if (!common) {
    std::string list;
    for (size_t index = 0; index < types.size(); ++index) {
      list += (index > 0 ? ", " : "") + types[index].ToString();
    }
    throw Error(ErrorKind::kBinding,
                "No matching signature for operator IN for argument types: " + list, in.position);
  }
  operand = CoerceTo(std::move(operand), *common);
  ExpressionPtr any;
  std::vector<Value> constants;
  for (auto& value : values) {
    value = FoldConstant(CoerceTo(std::move(value), *common));
    if (value->IsConstant()) constants.push_back(value->value);
  }
  if (constants.size() == values.size()) {
    any = BindInConstants(std::move(operand), constants, in.position);
  } else {
    // x IN (a, b) == x = a OR x = b (same NULL semantics); NOT IN == NOT (...).
    std::vector<ExpressionPtr> terms;
    for (auto& value : values) {
      terms.push_back(BindComparison("$equal", operand->Copy(), std::move(value), in.position));
    }
    any = MakeConjunction(ExpressionKind::kOr, std::move(terms));
  }
  if (!in.negated) return FoldConstant(std::move(any));
  auto negated = std::make_unique<Expression>();
  negated->kind = ExpressionKind::kNot;
  negated->type = TypeId::kBool;
  negated->position = in.position;
  negated->children.push_back(std::move(any));
  return FoldConstant(std::move(negated));
}

ExpressionPtr ExpressionBinder::BindInConstants(ExpressionPtr operand,
                                               const std::vector<Value>& values,
                                               int64_t position) {
  const LogicalType& type = operand->type;
  if (values.empty()) return MakeConstant(Value::Bool(false), position);
  // Long lists of constants are answered with a hash set (one lookup per row).
  constexpr size_t kHashSetMinimum = 8;
  if (values.size() >= kHashSetMinimum && InSetSupportsType(type) && !operand->IsConstant()) {
    for (const ScalarFunction& overload : *FunctionRegistry::Get().FindScalar("$in_set")) {
      if (overload.arguments[0] != type) continue;
      std::vector<ExpressionPtr> arguments;
      arguments.push_back(std::move(operand));
      return MakeFunction(&overload, std::move(arguments), TypeId::kBool,
                          MakeInSetData(type, values), position);
    }
  }
  std::vector<ExpressionPtr> terms;
  for (const Value& value : values) {
    terms.push_back(BindComparison("$equal", operand->Copy(), MakeConstant(value, position),
                                   position));
  }
  return FoldConstant(MakeConjunction(ExpressionKind::kOr, std::move(terms)));
}

ExpressionPtr ExpressionBinder::BindCast(const sql::CastExpression& cast) {
  LogicalType target = ResolveTypeName(*cast.type);
  // A floating-point literal cast to NUMERIC converts its text exactly, not through FLOAT64.
  if (target.id() == TypeId::kNumeric && cast.operand->kind == sql::ExpressionKind::kLiteral &&
      cast.operand->As<sql::Literal>().literal_kind == sql::LiteralKind::kFloat) {
    int128_t scaled;
    if (ParseNumeric(cast.operand->As<sql::Literal>().text, &scaled)) {
      return MakeConstant(Value::Numeric(scaled), cast.position);
    }
    if (!cast.safe) {
      throw Error(ErrorKind::kOutOfRange,
                  "Invalid NUMERIC value: " + cast.operand->As<sql::Literal>().text,
                  cast.position);
    }
  }
  ExpressionPtr operand = Bind(*cast.operand);
  if (cast.format) {
    throw Error(ErrorKind::kNotSupported, "CAST with FORMAT is not supported yet", cast.position);
  }
  if (operand->type.id() == TypeId::kNull) {  // a NULL literal, or ERROR(...)
    return CoerceTo(std::move(operand), target);
  }
  if (!CanCast(operand->type, target)) {
    throw Error(ErrorKind::kBinding,
                "Invalid cast from " + operand->type.ToString() + " to " + target.ToString(),
                cast.position);
  }
  ExpressionPtr result = MakeCast(std::move(operand), target, cast.safe);
  result->position = cast.position;
  if (result->children[0]->IsConstant() && !cast.safe) {
    // A failing cast of a literal is a bind-time error with the literal's position.
    try {
      Value value = ExpressionExecutor::EvaluateConstant(*result);
      return MakeConstant(std::move(value), cast.position);
    } catch (Error& error) {
      error.SetPositionIfAbsent(cast.position);
      throw;
    }
  }
  return FoldConstant(std::move(result));
}

ExpressionPtr ExpressionBinder::BindConditional(ExpressionKind kind,
                                                std::vector<ExpressionPtr> values,
                                                int64_t position, const char* name) {
  // For CASE the values are the result branches; conditions are handled by the caller.
  std::vector<LogicalType> types;
  std::vector<bool> literal;
  for (const auto& value : values) {
    types.push_back(value->type);
    literal.push_back(value->IsConstant());
  }
  std::optional<LogicalType> common = CommonSupertype(types, literal);
  if (!common) {
    std::string list;
    for (size_t index = 0; index < types.size(); ++index) {
      list += (index > 0 ? ", " : "") + types[index].ToString();
    }
    throw Error(ErrorKind::kBinding,
                std::string("No matching signature for ") + name + " for argument types: " + list,
                position);
  }
  auto result = std::make_unique<Expression>();
  result->kind = kind;
  result->type = *common;
  result->position = position;
  for (auto& value : values) result->children.push_back(CoerceTo(std::move(value), *common));
  return result;
}

ExpressionPtr ExpressionBinder::BindCase(const sql::CaseExpression& case_expression) {
  std::vector<ExpressionPtr> conditions;
  std::vector<ExpressionPtr> results;
  ExpressionPtr operand;
  if (case_expression.operand) operand = Bind(*case_expression.operand);
  for (const auto& clause : case_expression.when_clauses) {
    if (operand) {
      conditions.push_back(BindComparison("$equal", operand->Copy(), Bind(*clause.condition),
                                          clause.condition->position));
    } else {
      conditions.push_back(CoerceTo(BindBoolean(*clause.condition, "CASE WHEN condition"),
                                    TypeId::kBool));
    }
    results.push_back(Bind(*clause.result));
  }
  results.push_back(case_expression.else_result ? Bind(*case_expression.else_result)
                                                : MakeConstant(Value(), case_expression.position));
  ExpressionPtr typed = BindConditional(ExpressionKind::kCase, std::move(results),
                                        case_expression.position, "CASE");
  // Interleave: when_0, then_0, ..., else.
  auto result = std::make_unique<Expression>();
  result->kind = ExpressionKind::kCase;
  result->type = typed->type;
  result->position = case_expression.position;
  for (size_t index = 0; index < conditions.size(); ++index) {
    result->children.push_back(std::move(conditions[index]));
    result->children.push_back(std::move(typed->children[index]));
  }
  result->children.push_back(std::move(typed->children.back()));
  return FoldConstant(std::move(result));
}

}  // namespace dq
