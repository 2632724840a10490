// Binder: applying correlated subqueries to the plan of the query block that contains them.
//
// Correlated subqueries are decorrelated, never re-run per row. For a subquery reading outer
// columns in its WHERE clause (the join form):
//
//   outer'  = outer plus a unique row tag            ($unique_id(), a passthrough projection)
//   inner'  = subquery FROM + uncorrelated WHERE, plus a marker column TRUE
//   joined  = outer' LEFT JOIN inner' ON <correlated WHERE terms>   (equalities become hash keys)
//   grouped = GROUP BY tag, carrying the outer columns with their bindings, computing
//               scalar:  the subquery's aggregates, each folding only marked rows (FILTER)
//               ARRAY(...) and scalar subqueries without aggregates:
//                        ARRAY_AGG(value ORDER BY ... LIMIT ...) FILTER (marked rows); ARRAY
//                        gives [] for none, a scalar its single element ($single_element)
//               EXISTS:  COUNT(*) FILTER (marked rows) > 0
//               x IN:    CASE WHEN COUNTIF(x = v) > 0 THEN TRUE
//                             WHEN COUNTIF((x = v) IS NULL) > 0 THEN NULL ELSE FALSE
//                        (both counting marked rows only)
//   result  = grouped plus the subquery's value in a new column
//
// A subquery whose FROM is UNNEST(<array of the outer row>), or that has no FROM (the lateral form,
// `(SELECT SUM(x) FROM UNNEST(o.items) x WHERE x > 0)`) has nothing to join: the outer' rows
// are unnested in place (every row kept, a NULL offset when its array is empty), the marker
// is "offset IS NOT NULL AND <WHERE>", and the grouping is the same.
//
// A WHERE term that is only `[NOT] EXISTS (...)` of the join form skips all that: it becomes a
// semi (anti) join of the outer rows with the subquery's FROM on the correlated terms.
//
// With GROUP BY inside (grouped form), a first aggregate groups by (tag, the subquery's keys),
// folding its aggregates and counting real rows, and a second one collects a value per real
// group passing HAVING, per tag.
#include "common/error.h"
#include "functions/aggregate/filtered_aggregate.h"
#include "plan/binder.h"
#include "plan/expression_binder.h"

namespace dq {

void Binder::RebaseSubquery(PendingSubquery& subquery,
                            const std::function<ExpressionPtr(ExpressionPtr)>& rewrite,
                            const std::function<void(const Expression&)>& check) {
  auto visit = [&](ExpressionPtr& expression) {
    if (!expression) return;
    expression = rewrite(std::move(expression));
    VisitColumnRefs(*expression, [&](const Expression& reference) {
      if (reference.binding.table < subquery.first_table) check(reference);
    });
  };
  for (auto& term : subquery.correlated) visit(term);
  visit(subquery.in_operand);
  visit(subquery.value);
  visit(subquery.lateral_condition);
  for (auto& group : subquery.groups) visit(group);
  visit(subquery.group_filter);
  for (auto* aggregates : {&subquery.aggregates, &subquery.collect}) {
    for (BoundAggregate& aggregate : *aggregates) {
      for (auto& argument : aggregate.arguments) visit(argument);
    }
  }
  if (subquery.lateral_unnest != nullptr) visit(subquery.lateral_unnest->array);
}

LogicalOperatorPtr Binder::ApplySubqueries(LogicalOperatorPtr plan,
                                           std::vector<PendingSubquery>& pending) {
  for (PendingSubquery& subquery : pending) plan = ApplySubquery(std::move(plan), subquery);
  pending.clear();
  return plan;
}

LogicalOperatorPtr Binder::ApplyExistsAsJoin(LogicalOperatorPtr plan, PendingSubquery& subquery,
                                             bool anti) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = anti ? LogicalJoinType::kAnti : LogicalJoinType::kSemi;
  if (!subquery.correlated.empty()) {
    join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(subquery.correlated));
  }
  join->children.push_back(std::move(plan));
  join->children.push_back(std::move(subquery.inner));
  return join;
}

LogicalOperatorPtr Binder::ApplySubquery(LogicalOperatorPtr plan, PendingSubquery& subquery) {
  BindScope empty;
  ExpressionBinder builder(*this, empty, "subquery");
  std::vector<ColumnBinding> outer_bindings = plan->Bindings();
  std::vector<LogicalType> outer_types = plan->Types();

  // outer' = outer + row tag.
  auto tagged = std::make_unique<LogicalProjection>();
  tagged->table_index = NextTableIndex();
  tagged->passthrough = true;
  tagged->expressions.push_back(builder.BindFunctionCall("$unique_id", {}, subquery.position));
  ColumnBinding tag{tagged->table_index, 0};
  tagged->children.push_back(std::move(plan));

  // Below the grouping: the outer rows joined to (or unnested into) the subquery's rows, and
  // the marker that says which rows are real subquery rows (the others only keep an outer
  // row with no match). The subquery's aggregates fold only marked rows.
  LogicalOperatorPtr below;
  ExpressionPtr marker_ref;
  if (subquery.lateral) {
    std::vector<ExpressionPtr> terms;
    if (subquery.lateral_unnest != nullptr) {
      subquery.lateral_unnest->children[0] = std::move(tagged);
      below = std::move(subquery.inner);
      auto present = std::make_unique<Expression>();
      present->kind = ExpressionKind::kIsNotNull;
      present->type = TypeId::kBool;
      present->children.push_back(
          MakeColumnRef({subquery.lateral_unnest->table_index, 1}, TypeId::kInt64, "$offset"));
      terms.push_back(std::move(present));
    } else {
      below = std::move(tagged);  // no FROM: one row per outer row
    }
    if (subquery.lateral_condition) terms.push_back(std::move(subquery.lateral_condition));
    if (terms.empty()) terms.push_back(MakeConstant(Value::Bool(true)));
    marker_ref = terms.size() == 1 ? std::move(terms[0])
                                   : MakeConjunction(ExpressionKind::kAnd, std::move(terms));
  } else {
    // inner' = inner + marker.
    auto marked = std::make_unique<LogicalProjection>();
    marked->table_index = NextTableIndex();
    marked->passthrough = true;
    marked->expressions.push_back(MakeConstant(Value::Bool(true)));
    ColumnBinding marker{marked->table_index, 0};
    marked->children.push_back(std::move(subquery.inner));

    auto join = std::make_unique<LogicalJoin>();
    join->join_type = LogicalJoinType::kLeft;
    if (!subquery.correlated.empty()) {
      join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(subquery.correlated));
    }
    join->children.push_back(std::move(tagged));
    join->children.push_back(std::move(marked));
    below = std::move(join);
    marker_ref = MakeColumnRef(marker, TypeId::kBool, "$marker");
  }

  if (!subquery.groups.empty()) {
    return ApplyGroupedSubquery(std::move(below), std::move(marker_ref), tag, outer_bindings,
                                outer_types, subquery);
  }
  auto grouped = std::make_unique<LogicalAggregate>();
  grouped->group_index = NextTableIndex();
  grouped->groups.push_back(MakeColumnRef(tag, TypeId::kInt64, "$tag"));
  grouped->group_bindings.push_back({grouped->group_index, 0});
  grouped->compared_groups = 1;  // the tag is unique; the outer columns depend on it
  for (size_t column = 0; column < outer_bindings.size(); ++column) {
    grouped->groups.push_back(MakeColumnRef(outer_bindings[column], outer_types[column], ""));
    grouped->group_bindings.push_back(outer_bindings[column]);
  }
  ExpressionPtr value;
  switch (subquery.kind) {
    case PendingSubquery::Kind::kScalar: {
      grouped->aggregate_index = subquery.aggregate_index;
      for (BoundAggregate& aggregate : subquery.aggregates) {
        grouped->aggregates.push_back(
            MakeFilteredAggregate(std::move(aggregate), marker_ref->Copy()));
      }
      value = std::move(subquery.value);
      break;
    }
    case PendingSubquery::Kind::kExists: {
      grouped->aggregate_index = NextTableIndex();
      grouped->aggregates.push_back(
          MakeFilteredAggregate(MakeBuiltinAggregate("COUNT_STAR", {}), marker_ref->Copy()));
      value = builder.BindComparison(
          "$greater", MakeColumnRef({grouped->aggregate_index, 0}, TypeId::kInt64, "$matches"),
          MakeConstant(Value::Int64(0)), subquery.position);
      break;
    }
    case PendingSubquery::Kind::kIn: {
      grouped->aggregate_index = NextTableIndex();
      ExpressionPtr equal = builder.BindComparison("$equal", subquery.in_operand->Copy(),
                                                   subquery.value->Copy(), subquery.position);
      // COUNTIF(x = v): a match; COUNTIF((x = v) IS NULL AND marker): an unknown comparison.
      std::vector<ExpressionPtr> matches;
      matches.push_back(equal->Copy());
      grouped->aggregates.push_back(MakeFilteredAggregate(
          MakeBuiltinAggregate("COUNTIF", std::move(matches)), marker_ref->Copy()));
      auto is_null = std::make_unique<Expression>();
      is_null->kind = ExpressionKind::kIsNull;
      is_null->type = TypeId::kBool;
      is_null->children.push_back(std::move(equal));
      std::vector<ExpressionPtr> unknowns;
      unknowns.push_back(std::move(is_null));
      grouped->aggregates.push_back(MakeFilteredAggregate(
          MakeBuiltinAggregate("COUNTIF", std::move(unknowns)), marker_ref->Copy()));
      auto result = std::make_unique<Expression>();
      result->kind = ExpressionKind::kCase;
      result->type = TypeId::kBool;
      result->children.push_back(builder.BindComparison(
          "$greater", MakeColumnRef({grouped->aggregate_index, 0}, TypeId::kInt64, "$matches"),
          MakeConstant(Value::Int64(0)), subquery.position));
      result->children.push_back(MakeConstant(Value::Bool(true)));
      result->children.push_back(builder.BindComparison(
          "$greater", MakeColumnRef({grouped->aggregate_index, 1}, TypeId::kInt64, "$unknowns"),
          MakeConstant(Value::Int64(0)), subquery.position));
      result->children.push_back(MakeConstant(Value::Null(TypeId::kBool)));
      result->children.push_back(MakeConstant(Value::Bool(false)));
      value = std::move(result);
      break;
    }
  }
  grouped->children.push_back(std::move(below));

  auto output = std::make_unique<LogicalProjection>();
  output->table_index = subquery.result.table;
  output->passthrough = true;
  output->expressions.push_back(std::move(value));
  output->children.push_back(std::move(grouped));
  return output;
}

// The grouped form (GROUP BY inside the subquery): group the rows by (tag, the subquery's
// groups), folding the subquery's aggregates and counting real rows; then collect one value
// per real group that passes HAVING, per tag.
LogicalOperatorPtr Binder::ApplyGroupedSubquery(LogicalOperatorPtr below, ExpressionPtr marker,
                                                ColumnBinding tag,
                                                const std::vector<ColumnBinding>& outer_bindings,
                                                const std::vector<LogicalType>& outer_types,
                                                PendingSubquery& subquery) {
  BindScope empty;
  ExpressionBinder builder(*this, empty, "subquery");
  auto carry_outer = [&](LogicalAggregate& aggregate) {
    for (size_t column = 0; column < outer_bindings.size(); ++column) {
      aggregate.groups.push_back(MakeColumnRef(outer_bindings[column], outer_types[column], ""));
      aggregate.group_bindings.push_back(outer_bindings[column]);
    }
  };
  // Level 1: per (tag, groups).
  auto per_group = std::make_unique<LogicalAggregate>();
  per_group->group_index = NextTableIndex();
  per_group->groups.push_back(MakeColumnRef(tag, TypeId::kInt64, "$tag"));
  per_group->group_bindings.push_back({per_group->group_index, 0});
  for (size_t key = 0; key < subquery.groups.size(); ++key) {
    per_group->groups.push_back(std::move(subquery.groups[key]));
    per_group->group_bindings.push_back({subquery.group_index, static_cast<uint32_t>(key)});
  }
  per_group->compared_groups = 1 + subquery.groups.size();
  carry_outer(*per_group);
  per_group->aggregate_index = subquery.aggregate_index;
  for (BoundAggregate& aggregate : subquery.aggregates) {
    per_group->aggregates.push_back(MakeFilteredAggregate(std::move(aggregate), marker->Copy()));
  }
  // A group of real rows (an outer row without any still forms one group, of NULL keys).
  ColumnBinding real_rows{subquery.aggregate_index,
                          static_cast<uint32_t>(per_group->aggregates.size())};
  per_group->aggregates.push_back(
      MakeFilteredAggregate(MakeBuiltinAggregate("COUNT_STAR", {}), std::move(marker)));
  per_group->children.push_back(std::move(below));

  // Level 2: per tag, collecting the groups' values.
  auto per_tag = std::make_unique<LogicalAggregate>();
  per_tag->group_index = NextTableIndex();
  per_tag->groups.push_back(MakeColumnRef({per_group->group_index, 0}, TypeId::kInt64, "$tag"));
  per_tag->group_bindings.push_back({per_tag->group_index, 0});
  per_tag->compared_groups = 1;
  carry_outer(*per_tag);
  std::vector<ExpressionPtr> keep;
  keep.push_back(builder.BindComparison(
      "$greater", MakeColumnRef(real_rows, TypeId::kInt64, "$rows"),
      MakeConstant(Value::Int64(0)), subquery.position));
  if (subquery.group_filter) keep.push_back(std::move(subquery.group_filter));
  ExpressionPtr keep_group = keep.size() == 1 ? std::move(keep[0])
                                              : MakeConjunction(ExpressionKind::kAnd, std::move(keep));
  per_tag->aggregate_index = subquery.collect_index;
  per_tag->aggregates.push_back(
      MakeFilteredAggregate(std::move(subquery.collect[0]), std::move(keep_group)));
  per_tag->children.push_back(std::move(per_group));

  auto output = std::make_unique<LogicalProjection>();
  output->table_index = subquery.result.table;
  output->passthrough = true;
  output->expressions.push_back(std::move(subquery.value));
  output->children.push_back(std::move(per_tag));
  return output;
}

}  // namespace dq
