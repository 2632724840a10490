// Binder: value tables. `SELECT AS STRUCT ...` (each row one STRUCT of the select list),
// `SELECT AS VALUE expr` (each row the value itself), and value tables used as FROM sources
// (a subquery or WITH entry that produces one), whose STRUCT fields are visible as columns.
#include "common/error.h"
#include "functions/function_registry.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

namespace {

ExpressionPtr MakeInternalCall(const char* name, std::vector<ExpressionPtr> arguments,
                               LogicalType type, int64_t position) {
  const std::vector<ScalarFunction>* overloads = FunctionRegistry::Get().FindScalar(name);
  DQ_CHECK(overloads != nullptr && !overloads->empty());
  return FoldConstant(MakeFunction(&overloads->front(), std::move(arguments), std::move(type),
                                   nullptr, position));
}

}  // namespace

BoundQuery Binder::ApplySelectAs(const sql::SelectCore& select, BoundQuery bound,
                                 const std::vector<bool>& anonymous) {
  std::vector<ColumnBinding> bindings = bound.plan->Bindings();
  std::vector<LogicalType> types = bound.plan->Types();
  bound.value_table = true;
  if (select.select_as == sql::SelectCore::SelectAs::kValue) {
    if (types.size() != 1) {
      throw Error(ErrorKind::kBinding, "SELECT AS VALUE query must have exactly one column",
                  select.position);
    }
    return bound;
  }
  // When the select list is the top projection, its expressions become the struct's fields
  // in place (the plan keeps the shape that decorrelation of subqueries expects); otherwise a
  // projection over the columns builds it.
  LogicalProjection* top = nullptr;
  if (bound.plan->kind == LogicalKind::kProjection) {
    auto& projection = bound.plan->As<LogicalProjection>();
    if (!projection.passthrough && projection.expressions.size() == types.size()) {
      top = &projection;
    }
  }
  std::vector<std::pair<std::string, LogicalType>> fields;
  std::vector<ExpressionPtr> values;
  for (size_t column = 0; column < types.size(); ++column) {
    ExpressionPtr value = top ? std::move(top->expressions[column])
                              : MakeColumnRef(bindings[column], types[column], bound.names[column]);
    // An untyped NULL field is INT64, as in STRUCT(NULL).
    if (types[column].id() == TypeId::kNull) value = CoerceTo(std::move(value), TypeId::kInt64);
    fields.emplace_back(anonymous[column] ? "" : bound.names[column], value->type);
    values.push_back(std::move(value));
  }
  ExpressionPtr value = MakeInternalCall("$make_struct", std::move(values),
                                         LogicalType::Struct(std::move(fields)), select.position);
  if (top) {
    top->expressions.clear();
    top->expressions.push_back(std::move(value));
  } else {
    auto projection = std::make_unique<LogicalProjection>();
    projection->table_index = NextTableIndex();
    projection->expressions.push_back(std::move(value));
    projection->children.push_back(std::move(bound.plan));
    bound.plan = std::move(projection);
  }
  bound.names = {"$struct"};
  return bound;
}

BoundQuery Binder::BindStatementQuery(const sql::QueryExpression& query) {
  BoundQuery bound = BindQuery(query);
  if (!bound.value_table) return bound;
  const LogicalType type = bound.plan->Types()[0];
  if (type.id() != TypeId::kStruct) return bound;
  const ColumnBinding value = bound.plan->Bindings()[0];
  auto fields = std::make_unique<LogicalProjection>();
  fields->table_index = NextTableIndex();
  std::vector<std::string> names;
  size_t anonymous = 0;
  for (size_t index = 0; index < type.fields().size(); ++index) {
    const StructField& field = type.fields()[index];
    std::vector<ExpressionPtr> arguments;
    arguments.push_back(MakeColumnRef(value, type, ""));
    arguments.push_back(MakeConstant(Value::Int64(static_cast<int64_t>(index))));
    fields->expressions.push_back(
        MakeInternalCall("$struct_field", std::move(arguments), *field.type, query.position));
    names.push_back(field.name.empty() ? "f" + std::to_string(anonymous++) + "_" : field.name);
  }
  fields->children.push_back(std::move(bound.plan));
  bound.plan = std::move(fields);
  bound.names = std::move(names);
  bound.value_table = false;
  return bound;
}

BoundRelation Binder::ValueTableRelation(LogicalOperatorPtr& plan, const std::string& alias,
                                         int64_t position) {
  ColumnBinding value_binding = plan->Bindings()[0];
  LogicalType value_type = plan->Types()[0];
  BoundRelation relation;
  relation.alias = alias;
  if (value_type.id() == TypeId::kStruct) {
    // The fields become columns, computed by a projection over the value.
    auto fields = std::make_unique<LogicalProjection>();
    fields->table_index = NextTableIndex();
    fields->passthrough = true;
    for (size_t index = 0; index < value_type.fields().size(); ++index) {
      const StructField& field = value_type.fields()[index];
      std::vector<ExpressionPtr> arguments;
      arguments.push_back(MakeColumnRef(value_binding, value_type, ""));
      arguments.push_back(MakeConstant(Value::Int64(static_cast<int64_t>(index))));
      fields->expressions.push_back(
          MakeInternalCall("$struct_field", std::move(arguments), *field.type, position));
      relation.column_names.push_back(field.name.empty() ? kAnonymousColumnName : field.name);
      relation.types.push_back(*field.type);
      relation.bindings.push_back({fields->table_index, static_cast<uint32_t>(index)});
    }
    fields->children.push_back(std::move(plan));
    plan = std::move(fields);
    if (alias.empty()) return relation;
    relation.value_column = relation.column_names.size();
  }
  // The alias names the whole value (`SELECT v FROM (SELECT AS VALUE ...) v`).
  relation.column_names.push_back(alias.empty() ? kAnonymousColumnName : alias);
  relation.types.push_back(value_type);
  relation.bindings.push_back(value_binding);
  return relation;
}

}  // namespace dq
