// ExpressionBinder: nested data. ARRAY and STRUCT constructors, field access (`s.f`, `t.s.f`,
// `(expr).f`), array subscripts, `x IN UNNEST(a)`, and the ORDER BY / LIMIT / IGNORE NULLS
// modifiers of ARRAY_AGG and STRING_AGG.
//
// Constructors over constants fold to constant values; otherwise they become calls of the
// `$make_array` / `$make_struct` kernels (functions/scalar/nested_access.cc) whose result type
// the binder computes here (it knows the field names). Field access is `$struct_field(s, i)`
// with the field's index as a constant argument; subscripts are `$array_at_offset`,
// `$array_at_ordinal` and their `$safe_` forms.
#include "common/error.h"
#include "functions/aggregate/array_aggregates.h"
#include "functions/cast/cast.h"
#include "functions/function_registry.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

namespace {

const ScalarFunction* InternalFunction(const std::string& name) {
  const std::vector<ScalarFunction>* overloads = FunctionRegistry::Get().FindScalar(name);
  DQ_CHECK(overloads != nullptr && !overloads->empty());
  return &overloads->front();
}

ExpressionPtr MakeInternalCall(const std::string& name, std::vector<ExpressionPtr> arguments,
                               LogicalType type, int64_t position) {
  return FoldConstant(MakeFunction(InternalFunction(name), std::move(arguments), std::move(type),
                                   nullptr, position));
}

// `base.field` for a STRUCT-typed base.
ExpressionPtr AccessField(ExpressionPtr base, const std::string& field, int64_t position) {
  if (base->type.id() == TypeId::kJson) {  // json.member: the member, or NULL
    std::vector<ExpressionPtr> arguments;
    arguments.push_back(std::move(base));
    arguments.push_back(MakeConstant(Value::String(field), position));
    return MakeInternalCall("$json_member", std::move(arguments), TypeId::kJson, position);
  }
  if (base->type.id() != TypeId::kStruct) {
    throw Error(ErrorKind::kBinding,
                "Cannot access field " + field + " on a value with type " + base->type.ToString(),
                position);
  }
  const std::vector<StructField>& fields = base->type.fields();
  for (size_t index = 0; index < fields.size(); ++index) {
    if (!IdentifierEquals(fields[index].name, field)) continue;
    LogicalType type = *fields[index].type;
    std::vector<ExpressionPtr> arguments;
    arguments.push_back(std::move(base));
    arguments.push_back(MakeConstant(Value::Int64(static_cast<int64_t>(index)), position));
    return MakeInternalCall("$struct_field", std::move(arguments), std::move(type), position);
  }
  throw Error(ErrorKind::kBinding,
              "Field name " + field + " does not exist in " + base->type.ToString(), position);
}

ExpressionPtr ColumnOf(const BoundRelation& relation, size_t column, int64_t position) {
  ExpressionPtr reference = MakeColumnRef(relation.bindings[column], relation.types[column],
                                          relation.column_names[column]);
  reference->position = position;
  return reference;
}

// The field name GoogleSQL infers for an unaliased STRUCT constructor field: a path's last name
// or an accessed field's name; empty otherwise.
std::string InferredFieldName(const sql::Expression& expression) {
  if (expression.kind == sql::ExpressionKind::kPath) {
    return expression.As<sql::PathExpression>().names.back();
  }
  if (expression.kind == sql::ExpressionKind::kFieldAccess) {
    return expression.As<sql::FieldAccess>().field;
  }
  return "";
}

}  // namespace

ExpressionPtr ExpressionBinder::BindArray(const sql::ArrayConstructor& array) {
  std::vector<ExpressionPtr> elements;
  for (const auto& element : array.elements) elements.push_back(Bind(*element));
  LogicalType element_type = TypeId::kInt64;
  if (array.type) {
    element_type = ResolveTypeName(*array.type).element_type();
  } else if (!elements.empty()) {
    std::vector<LogicalType> types;
    std::vector<bool> literal;
    for (const auto& element : elements) {
      types.push_back(element->type);
      literal.push_back(element->IsConstant());
    }
    std::optional<LogicalType> common = CommonSupertype(types, literal);
    if (!common) {
      throw Error(
          ErrorKind::kBinding,
          "Array elements of types {" + ArgumentTypeList(elements) + "} do not have a common supertype",
          array.position);
    }
    element_type = *common;
  }
  if (element_type.id() == TypeId::kArray) {
    throw Error(ErrorKind::kBinding,
                "Cannot construct array with element type " + element_type.ToString() +
                    " because nested arrays are not supported",
                array.position);
  }
  bool all_constant = true;
  for (auto& element : elements) {
    if (element->type != element_type &&
        !CoercionCost(element->type, element_type, element->IsConstant())) {
      throw Error(ErrorKind::kBinding,
                  "Array element type " + element->type.ToString() + " does not coerce to " +
                      element_type.ToString(),
                  element->position);
    }
    element = FoldConstant(CoerceTo(std::move(element), element_type));
    all_constant = all_constant && element->IsConstant();
  }
  LogicalType type = LogicalType::Array(element_type);
  if (all_constant) {
    std::vector<Value> values;
    for (const auto& element : elements) values.push_back(element->value);
    return MakeConstant(Value::Array(element_type, std::move(values)), array.position);
  }
  return MakeInternalCall("$make_array", std::move(elements), std::move(type), array.position);
}

ExpressionPtr ExpressionBinder::BindStruct(const sql::StructConstructor& constructor) {
  std::vector<std::pair<std::string, LogicalType>> fields;
  std::vector<ExpressionPtr> values;
  for (const auto& field : constructor.fields) {
    ExpressionPtr bound = Bind(*field.expression);
    std::string name = field.alias.empty() ? InferredFieldName(*field.expression) : field.alias;
    if (bound->type.id() == TypeId::kNull) bound = CoerceTo(std::move(bound), TypeId::kInt64);
    fields.emplace_back(name, bound->type);
    values.push_back(std::move(bound));
  }
  LogicalType type = LogicalType::Struct(fields);
  if (constructor.type) {
    type = ResolveTypeName(*constructor.type);
    if (type.fields().size() != values.size()) {
      throw Error(ErrorKind::kBinding,
                  "STRUCT type has " + std::to_string(type.fields().size()) +
                      " fields but constructor call has " + std::to_string(values.size()) +
                      " fields",
                  constructor.position);
    }
    for (size_t index = 0; index < values.size(); ++index) {
      const LogicalType& declared = *type.fields()[index].type;
      if (!CoercionCost(values[index]->type, declared, values[index]->IsConstant())) {
        throw Error(ErrorKind::kBinding,
                    "STRUCT field " + std::to_string(index + 1) + " type " +
                        values[index]->type.ToString() + " does not coerce to " +
                        declared.ToString(),
                    values[index]->position);
      }
      values[index] = CoerceTo(std::move(values[index]), declared);
    }
  }
  bool all_constant = true;
  for (const auto& value : values) all_constant = all_constant && value->IsConstant();
  if (all_constant) {
    std::vector<Value> constants;
    for (const auto& value : values) constants.push_back(value->value);
    return MakeConstant(Value::Struct(type, std::move(constants)), constructor.position);
  }
  return MakeInternalCall("$make_struct", std::move(values), std::move(type), constructor.position);
}

ExpressionPtr ExpressionBinder::BindMultiPartPath(const sql::PathExpression& path) {
  const std::vector<std::string>& names = path.names;
  auto find_relation = [&](const std::string& alias) {
    const BoundRelation* relation = scope_.FindRelation(alias);
    for (auto outer = binder_.outer_scopes().rbegin();
         !relation && outer != binder_.outer_scopes().rend(); ++outer) {
      relation = (*outer)->FindRelation(alias);
    }
    return relation;
  };
  auto find_column = [&](const BoundRelation& relation, const std::string& name) -> int64_t {
    for (size_t column = 0; column < relation.column_names.size(); ++column) {
      if (IdentifierEquals(relation.column_names[column], name))
        return static_cast<int64_t>(column);
    }
    return -1;
  };
  auto with_fields = [&](ExpressionPtr base, size_t first_field) {
    for (size_t index = first_field; index < names.size(); ++index) {
      base = AccessField(std::move(base), names[index], path.position);
    }
    return base;
  };
  // 1. alias.column[.field...]: a table alias (of this or an enclosing query block) comes first.
  if (const BoundRelation* relation = find_relation(names[0])) {
    int64_t column = find_column(*relation, names[1]);
    int64_t value_column = find_column(*relation, names[0]);
    if (column < 0 && value_column >= 0) {
      // `e.field` where e names both an UNNEST and its element: access the element's field.
      return with_fields(ColumnOf(*relation, value_column, path.position), 1);
    }
    if (column < 0) {
      throw Error(ErrorKind::kBinding, "Name " + names[1] + " not found inside " + names[0],
                  path.position);
    }
    return with_fields(ColumnOf(*relation, column, path.position), 2);
  }
  // 2. column.field[.field...].
  std::optional<ResolvedColumn> resolved = scope_.FindColumn(names[0], path.position);
  for (auto outer = binder_.outer_scopes().rbegin();
       !resolved && outer != binder_.outer_scopes().rend(); ++outer) {
    resolved = (*outer)->FindColumn(names[0], path.position);
  }
  if (resolved)
    return with_fields(ColumnOf(*resolved->relation, resolved->column, path.position), 1);
  // 3. dataset.table.column: the table's alias is the second-to-last name.
  if (names.size() >= 3) {
    if (const BoundRelation* relation = find_relation(names[names.size() - 2])) {
      int64_t column = find_column(*relation, names.back());
      if (column >= 0) return ColumnOf(*relation, column, path.position);
    }
  }
  std::string message = "Unrecognized name: " + names[0];
  std::string suggestion = scope_.SuggestColumn(names[0]);
  if (!suggestion.empty()) message += "; Did you mean " + suggestion + "?";
  throw Error(ErrorKind::kBinding, message, path.position);
}

ExpressionPtr ExpressionBinder::BindFieldAccess(const sql::FieldAccess& access) {
  return AccessField(Bind(*access.operand), access.field, access.position);
}

// json[INT64] (an array element) or json[STRING] (an object member): JSON, or NULL when absent.
ExpressionPtr ExpressionBinder::BindJsonSubscript(ExpressionPtr json,
                                                  const sql::Subscript& subscript) {
  if (subscript.mode != sql::SubscriptMode::kPlain) {
    throw Error(ErrorKind::kBinding,
                "JSON values support only plain subscripts: json[index] or json['member']",
                subscript.position);
  }
  ExpressionPtr key = Bind(*subscript.index);
  if (key->type.id() == TypeId::kNull) key = CoerceTo(std::move(key), TypeId::kInt64);
  if (key->type.id() != TypeId::kInt64 && key->type.id() != TypeId::kString) {
    throw Error(ErrorKind::kBinding,
                "JSON subscript must be INT64 or STRING, but has type " + key->type.ToString(),
                subscript.index->position);
  }
  const char* name = key->type.id() == TypeId::kInt64 ? "$json_element" : "$json_member";
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(std::move(json));
  arguments.push_back(std::move(key));
  return MakeInternalCall(name, std::move(arguments), TypeId::kJson, subscript.position);
}

ExpressionPtr ExpressionBinder::BindSubscript(const sql::Subscript& subscript) {
  ExpressionPtr array = Bind(*subscript.operand);
  if (array->type.id() == TypeId::kJson) return BindJsonSubscript(std::move(array), subscript);
  if (array->type.id() != TypeId::kArray) {
    throw Error(
        ErrorKind::kBinding,
        "Array element access is not supported for values of type " + array->type.ToString(),
        subscript.position);
  }
  ExpressionPtr index = Bind(*subscript.index);
  if (index->type.id() != TypeId::kInt64 && index->type.id() != TypeId::kNull) {
    throw Error(ErrorKind::kBinding,
                "Array position in [] must be coercible to INT64 type, but has type " +
                    index->type.ToString(),
                subscript.index->position);
  }
  index = CoerceTo(std::move(index), TypeId::kInt64);
  const char* name = "$array_at_offset";
  switch (subscript.mode) {
    case sql::SubscriptMode::kPlain:
    case sql::SubscriptMode::kOffset:
      name = "$array_at_offset";
      break;
    case sql::SubscriptMode::kOrdinal:
      name = "$array_at_ordinal";
      break;
    case sql::SubscriptMode::kSafeOffset:
      name = "$safe_array_at_offset";
      break;
    case sql::SubscriptMode::kSafeOrdinal:
      name = "$safe_array_at_ordinal";
      break;
  }
  LogicalType element = array->type.element_type();
  bool null_argument = (array->IsConstant() && array->value.is_null()) ||
                       (index->IsConstant() && index->value.is_null());
  if (null_argument) return MakeConstant(Value::Null(element), subscript.position);
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(std::move(array));
  arguments.push_back(std::move(index));
  return MakeInternalCall(name, std::move(arguments), std::move(element), subscript.position);
}

ExpressionPtr ExpressionBinder::BindInUnnest(const sql::InUnnestExpression& in) {
  ExpressionPtr operand = Bind(*in.operand);
  ExpressionPtr array = Bind(*in.array);
  if (array->type.id() == TypeId::kNull) {
    array = CoerceTo(std::move(array), LogicalType::Array(operand->type.id() == TypeId::kNull
                                                              ? LogicalType(TypeId::kInt64)
                                                              : operand->type));
  }
  if (array->type.id() != TypeId::kArray) {
    throw Error(ErrorKind::kBinding,
                "Second argument of IN UNNEST must be an array but was " + array->type.ToString(),
                in.array->position);
  }
  const LogicalType element = array->type.element_type();
  std::optional<LogicalType> common =
      CommonSupertype({operand->type, element}, {operand->IsConstant(), false});
  if (!common || !common->SupportsEquality()) {
    throw Error(ErrorKind::kBinding,
                "No matching signature for operator IN UNNEST for argument types: " +
                    operand->type.ToString() + ", " + array->type.ToString(),
                in.position);
  }
  operand = CoerceTo(std::move(operand), *common);
  if (element != *common) {
    if (!CanCast(array->type, LogicalType::Array(*common))) {
      throw Error(ErrorKind::kBinding,
                  "No matching signature for operator IN UNNEST for argument types: " +
                      operand->type.ToString() + ", " + array->type.ToString(),
                  in.position);
    }
    array = FoldConstant(MakeCast(std::move(array), LogicalType::Array(*common)));
  }
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(std::move(operand));
  arguments.push_back(std::move(array));
  ExpressionPtr result =
      MakeInternalCall("$in_array", std::move(arguments), TypeId::kBool, in.position);
  if (!in.negated) return result;
  auto negated = std::make_unique<Expression>();
  negated->kind = ExpressionKind::kNot;
  negated->type = TypeId::kBool;
  negated->position = in.position;
  negated->children.push_back(std::move(result));
  return FoldConstant(std::move(negated));
}

OrderedAggregateKey OrderedAggregateKeyOf(const sql::OrderByItem& item) {
  OrderedAggregateKey key;
  key.descending = item.direction == sql::OrderByItem::Direction::kDescending;
  key.nulls_first = item.nulls == sql::OrderByItem::Nulls::kDefault
                        ? !key.descending
                        : item.nulls == sql::OrderByItem::Nulls::kFirst;
  return key;
}

void ExpressionBinder::BindAggregateModifiers(const sql::FunctionCall& call,
                                              BoundAggregate& bound) {
  const std::string& name = bound.function->name;
  if (call.distinct) {
    throw Error(ErrorKind::kNotSupported,
                "DISTINCT together with ORDER BY, LIMIT or IGNORE NULLS in " + name +
                    " is not supported yet",
                call.position);
  }
  if (call.null_handling != sql::NullHandling::kDefault && name != "ARRAY_AGG") {
    throw Error(ErrorKind::kBinding, "IGNORE NULLS and RESPECT NULLS are only allowed in ARRAY_AGG",
                call.position);
  }
  auto data = std::make_shared<OrderedAggregateData>(
      static_cast<const OrderedAggregateData&>(*bound.bind_data));
  data->ignore_nulls = call.null_handling == sql::NullHandling::kIgnoreNulls;
  if (call.limit) data->limit = binder_.BindLimitValue(*call.limit, "LIMIT");
  inside_aggregate_ = true;
  for (const sql::OrderByItem& item : call.order_by) {
    ExpressionPtr key = Bind(*item.expression);
    if (!key->type.SupportsOrdering()) {
      inside_aggregate_ = false;
      throw Error(ErrorKind::kBinding,
                  "ORDER BY does not support expressions of type " + key->type.ToString(),
                  item.expression->position);
    }
    if (key->type.id() == TypeId::kNull) key = CoerceTo(std::move(key), TypeId::kInt64);
    data->keys.push_back(OrderedAggregateKeyOf(item));
    bound.arguments.push_back(std::move(key));
  }
  inside_aggregate_ = false;
  bound.bind_data = std::move(data);
}

}  // namespace dq
