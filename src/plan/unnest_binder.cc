// Binder: UNNEST in FROM.
//
//   FROM UNNEST(array) [AS] x [WITH OFFSET [AS] o]         standalone: unnests over one row
//   FROM t, UNNEST(t.arr) AS x / t CROSS JOIN UNNEST(...)  correlated with the tables to its left
//   FROM t JOIN UNNEST(...) [ON cond]                      INNER: the same, then the condition
//   FROM t LEFT JOIN UNNEST(t.arr) AS x                    keeps t's rows with empty/NULL arrays
//   FROM t, t.arr AS x                                     implicit UNNEST of a path
//
// Each becomes a LogicalUnnest over the plan of everything to its left (an UNNEST on the right
// of a join may read that side's columns, so it is not an ordinary join input). The element
// column is named by the alias, or is anonymous without one (`*` names it f0_). A STRUCT
// element's fields are columns as well (as in BigQuery); `*` then expands the fields only. WITH
// OFFSET adds the zero-based position, named by its alias or `offset`.
#include <algorithm>

#include "common/error.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

namespace {

// The implicit form `t.arr`: a path after a comma whose first name is a table alias or a column
// of the relations to its left.
bool IsImplicitUnnestPath(const sql::TableReference& reference, const BindScope& left_scope) {
  if (reference.kind != sql::TableReferenceKind::kTable) return false;
  const auto& table = reference.As<sql::TableName>();
  if (table.path.size() < 2) return false;
  return left_scope.FindRelation(table.path[0]) != nullptr ||
         left_scope.FindColumn(table.path[0], table.position).has_value();
}

// The one-row, zero-column input of a standalone UNNEST.
LogicalOperatorPtr SingleRow(uint32_t table_index) {
  auto values = std::make_unique<LogicalValues>();
  values->table_index = table_index;
  values->rows = std::make_shared<ColumnDataCollection>(std::vector<LogicalType>{});
  DataChunk one_row;
  one_row.Initialize({}, 1);
  one_row.SetSize(1);
  values->rows->Append(one_row);
  values->estimated_rows = 1;
  return values;
}

}  // namespace

bool Binder::JoinsUnnest(const sql::TableReference& right, const BindScope& left_scope) const {
  return right.kind == sql::TableReferenceKind::kUnnest || IsImplicitUnnestPath(right, left_scope);
}

LogicalOperatorPtr Binder::BindStandaloneUnnest(const sql::UnnestTable& unnest, BindScope& scope) {
  BindScope empty;
  UnnestSpec spec{unnest.array.get(), unnest.alias, unnest.with_offset, unnest.offset_alias,
                  unnest.position};
  // The FROM of a correlated subquery may unnest an array of the enclosing row.
  LogicalUnnest** lateral_slot = lateral_unnest_slot_;
  lateral_unnest_slot_ = nullptr;
  return BindUnnest(SingleRow(NextTableIndex()), empty, spec, /*preserve_empty=*/false, scope,
                    lateral_slot);
}

LogicalOperatorPtr Binder::BindUnnestJoin(const sql::JoinTableReference& join,
                                          LogicalOperatorPtr left, const BindScope& left_scope,
                                          BindScope& scope) {
  bool preserve_empty = false;
  switch (join.join_type) {
    case sql::JoinType::kComma:
    case sql::JoinType::kCross:
    case sql::JoinType::kInner:
      break;
    case sql::JoinType::kLeft:
      preserve_empty = true;
      break;
    case sql::JoinType::kRight:
    case sql::JoinType::kFull:
      throw Error(ErrorKind::kNotSupported, "RIGHT and FULL JOIN with UNNEST are not supported",
                  join.right->position);
  }
  if (!join.using_columns.empty()) {
    throw Error(ErrorKind::kBinding, "USING is not allowed with UNNEST", join.right->position);
  }
  // The implicit form borrows the path as the array expression.
  std::unique_ptr<sql::PathExpression> path;
  UnnestSpec spec;
  if (join.right->kind == sql::TableReferenceKind::kUnnest) {
    const auto& unnest = join.right->As<sql::UnnestTable>();
    spec = UnnestSpec{unnest.array.get(), unnest.alias, unnest.with_offset, unnest.offset_alias,
                      unnest.position};
  } else {
    const auto& table = join.right->As<sql::TableName>();
    path = std::make_unique<sql::PathExpression>(table.path, table.position);
    spec = UnnestSpec{path.get(), table.alias.empty() ? table.path.back() : table.alias, false, "",
                      table.position};
  }
  BindScope joined;
  joined.Merge(left_scope);
  LogicalOperatorPtr plan = BindUnnest(std::move(left), left_scope, spec, preserve_empty, joined);
  if (join.on_condition) {
    ExpressionBinder binder(*this, joined, "JOIN ON");
    ExpressionPtr condition = binder.Bind(*join.on_condition);
    if (condition->type.id() != TypeId::kBool && condition->type.id() != TypeId::kNull) {
      throw Error(
          ErrorKind::kBinding,
          "JOIN ON clause should return type BOOL, but returns " + condition->type.ToString(),
          join.on_condition->position);
    }
    condition = CoerceTo(std::move(condition), TypeId::kBool);
    if (preserve_empty) {
      // A LEFT JOIN keeps the rows none of whose elements pass: the UNNEST applies the
      // condition itself, read over its element (struct fields become field accesses).
      LogicalOperator* below = plan.get();
      if (below->kind == LogicalKind::kProjection) {
        auto& fields = below->As<LogicalProjection>();
        condition =
            SubstituteColumnRefs(std::move(condition), fields.table_index, fields.expressions);
        below = below->children[0].get();
      }
      below->As<LogicalUnnest>().condition = std::move(condition);
    } else {
      auto filter = std::make_unique<LogicalFilter>();
      filter->predicates.push_back(std::move(condition));
      filter->children.push_back(std::move(plan));
      plan = std::move(filter);
    }
  }
  scope.Merge(joined);
  return plan;
}

LogicalOperatorPtr Binder::BindUnnest(LogicalOperatorPtr input, const BindScope& input_scope,
                                      const UnnestSpec& spec, bool preserve_empty, BindScope& scope,
                                      LogicalUnnest** lateral_slot) {
  ExpressionBinder binder(*this, input_scope, "UNNEST");
  // Correlated subqueries in the array expression (UNNEST(ARRAY(SELECT ... t.x ...))) read the
  // rows of `input`: they are decorrelated over it before the UNNEST.
  std::vector<PendingSubquery> subqueries;
  binder.set_pending_subqueries(&subqueries);
  ExpressionPtr array = binder.Bind(*spec.array);
  if (!subqueries.empty()) input = ApplySubqueries(std::move(input), subqueries);
  if (array->type.id() == TypeId::kNull) {
    array = CoerceTo(std::move(array), LogicalType::Array(TypeId::kInt64));
  }
  if (array->type.id() != TypeId::kArray) {
    throw Error(ErrorKind::kBinding,
                "Values referenced in UNNEST must be arrays. UNNEST contains expression of type " +
                    array->type.ToString(),
                spec.array->position);
  }
  // A column of an enclosing query block: only in the FROM of a correlated subquery, which
  // the binder decorrelates by unnesting the outer rows themselves (lateral form).
  std::vector<ColumnBinding> available = input->Bindings();
  bool reads_outer = false;
  VisitColumnRefs(*array, [&](const Expression& reference) {
    if (std::find(available.begin(), available.end(), reference.binding) == available.end()) {
      reads_outer = true;
    }
  });
  if (reads_outer && lateral_slot == nullptr) {
    throw Error(ErrorKind::kNotSupported,
                "UNNEST of a column of an enclosing query is supported only as the whole FROM "
                "clause of a subquery",
                spec.array->position);
  }
  auto unnest = std::make_unique<LogicalUnnest>();
  if (reads_outer) *lateral_slot = unnest.get();
  unnest->table_index = NextTableIndex();
  unnest->array = std::move(array);
  // Lateral: every outer row stays, with a NULL offset when it has no elements.
  unnest->with_offset = spec.with_offset || reads_outer;
  unnest->preserve_empty = preserve_empty || reads_outer;
  unnest->children.push_back(std::move(input));
  const LogicalType element = unnest->ElementType();
  const ColumnBinding element_binding{unnest->table_index, 0};

  BoundRelation relation;
  relation.alias = spec.alias;
  LogicalOperatorPtr plan = std::move(unnest);
  if (element.id() == TypeId::kStruct) {
    // Expose the fields as columns, computed by a projection over the element.
    auto fields = std::make_unique<LogicalProjection>();
    fields->table_index = NextTableIndex();
    fields->passthrough = true;
    for (size_t index = 0; index < element.fields().size(); ++index) {
      const StructField& field = element.fields()[index];
      std::vector<ExpressionPtr> arguments;
      arguments.push_back(MakeColumnRef(element_binding, element, ""));
      arguments.push_back(MakeConstant(Value::Int64(static_cast<int64_t>(index))));
      ExpressionBinder field_binder(*this, input_scope, "UNNEST");
      fields->expressions.push_back(
          field_binder.BindFunctionCall("$struct_field", std::move(arguments), spec.position));
      relation.column_names.push_back(field.name.empty() ? kAnonymousColumnName : field.name);
      relation.types.push_back(*field.type);
      relation.bindings.push_back({fields->table_index, static_cast<uint32_t>(index)});
    }
    fields->children.push_back(std::move(plan));
    plan = std::move(fields);
    if (!spec.alias.empty()) {
      // The alias names the whole element (a value table), e.g. `e` in `e.k` or `SELECT e`.
      relation.value_column = relation.column_names.size();
      relation.column_names.push_back(spec.alias);
      relation.types.push_back(element);
      relation.bindings.push_back(element_binding);
    }
  } else {
    relation.column_names.push_back(spec.alias.empty() ? kAnonymousColumnName : spec.alias);
    relation.types.push_back(element);
    relation.bindings.push_back(element_binding);
  }
  if (spec.with_offset) {
    relation.column_names.push_back(spec.offset_alias.empty() ? "offset" : spec.offset_alias);
    relation.types.push_back(TypeId::kInt64);
    relation.bindings.push_back({element_binding.table, 1});
  }
  scope.AddRelation(std::move(relation));
  return plan;
}

}  // namespace dq
