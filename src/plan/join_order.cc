#include "plan/join_order.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <set>

#include "common/error.h"

namespace dq {

namespace {

constexpr size_t kMaxDpRelations = 10;

std::set<uint32_t> ReferencedTables(const Expression& expression) {
  std::set<uint32_t> tables;
  VisitColumnRefs(expression,
                  [&](const Expression& reference) { tables.insert(reference.binding.table); });
  return tables;
}

bool Subset(const std::set<uint32_t>& inner, const std::set<uint32_t>& outer) {
  return std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

// The scan producing `binding` inside `op`, if any.
const LogicalGet* FindGet(const LogicalOperator& op, const ColumnBinding& binding) {
  if (op.kind == LogicalKind::kGet) {
    const auto& get = static_cast<const LogicalGet&>(op);
    return get.table_index == binding.table ? &get : nullptr;
  }
  for (const auto& child : op.children) {
    if (const LogicalGet* found = FindGet(*child, binding)) return found;
  }
  return nullptr;
}

// Distinct values of a join key in its base table: an upper bound from the zone maps (integer
// and date keys: at most max - min + 1) and the table's rows; `unique` when the bound equals
// the rows (the key is, or behaves like, a primary key). Unknown keys: the relation's rows.
struct KeyDistinct {
  double base = 1;
  bool unique = false;
};

KeyDistinct EstimateDistinct(const Expression& key, const LogicalOperator& relation) {
  double rows = std::max<double>(1, relation.estimated_rows);
  if (key.kind != ExpressionKind::kColumnRef) return {rows, false};
  const LogicalGet* get = FindGet(relation, key.binding);
  if (!get) return {rows, false};
  double table_rows = std::max<double>(1, get->table->row_count);
  double distinct = table_rows;
  size_t column = key.binding.column;
  TypeId type = get->table->columns[column].type.id();
  if (type == TypeId::kInt64 || type == TypeId::kDate) {
    bool known = !get->table->row_groups.empty();
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (const RowGroupMeta& group : get->table->row_groups) {
      if (column >= group.stats.size() || !group.stats[column].has_min_max) {
        known = false;
        break;
      }
      const ColumnStats& stats = group.stats[column];
      double group_low = type == TypeId::kInt64 ? static_cast<double>(stats.min.int64_value())
                                                : stats.min.date_value();
      double group_high = type == TypeId::kInt64 ? static_cast<double>(stats.max.int64_value())
                                                 : stats.max.date_value();
      low = std::min(low, group_low);
      high = std::max(high, group_high);
    }
    if (known) distinct = std::min(distinct, high - low + 1);
  }
  return {std::max(1.0, distinct), distinct >= table_rows};
}

// Selectivity of `left_key = right_key` with each key read from its side.
double KeySelectivity(const Expression& left_key, const LogicalOperator& left_relation,
                      const Expression& right_key, const LogicalOperator& right_relation) {
  KeyDistinct left = EstimateDistinct(left_key, left_relation);
  KeyDistinct right = EstimateDistinct(right_key, right_relation);
  // A foreign key has no more distinct values than the primary key it references.
  if (right.unique) left.base = std::min(left.base, right.base);
  if (left.unique) right.base = std::min(right.base, left.base);
  double distinct =
      std::max(std::min(left.base, std::max<double>(1, left_relation.estimated_rows)),
               std::min(right.base, std::max<double>(1, right_relation.estimated_rows)));
  return 1.0 / std::max(1.0, distinct);
}

struct Plan {
  bool valid = false;
  double rows = 0;
  double cost = 0;
  uint32_t left = 0;  // subset masks of the best split (0 for a base relation)
  uint32_t right = 0;
};

}  // namespace

double EstimateEquiJoinRows(const LogicalOperator& left, const LogicalOperator& right,
                            const std::vector<JoinCondition>& conditions) {
  double selectivity = 1;
  for (const JoinCondition& condition : conditions) {
    selectivity = std::min(
        selectivity, KeySelectivity(*condition.left, left, *condition.right, right));
  }
  return std::max<double>(1, left.estimated_rows) * std::max<double>(1, right.estimated_rows) *
         selectivity;
}

LogicalOperatorPtr PlanJoinOrderDp(JoinGraph& graph) {
  size_t count = graph.relations.size();
  if (count < 2 || count > kMaxDpRelations) return nullptr;
  std::vector<std::set<uint32_t>> tables(count);
  for (size_t index = 0; index < count; ++index) {
    for (const ColumnBinding& binding : graph.relations[index]->Bindings()) {
      tables[index].insert(binding.table);
    }
  }
  auto tables_of = [&](uint32_t mask) {
    std::set<uint32_t> result;
    for (size_t index = 0; index < count; ++index) {
      if (mask & (1u << index)) result.insert(tables[index].begin(), tables[index].end());
    }
    return result;
  };
  // Conditions: which relations each side reads (each side must read exactly one relation).
  struct Edge {
    uint32_t left_mask = 0;
    uint32_t right_mask = 0;
    double selectivity = 1;
  };
  std::vector<Edge> edges;
  for (const JoinCondition& condition : graph.conditions) {
    Edge edge;
    std::set<uint32_t> left = ReferencedTables(*condition.left);
    std::set<uint32_t> right = ReferencedTables(*condition.right);
    for (size_t index = 0; index < count; ++index) {
      for (uint32_t table : tables[index]) {
        if (left.count(table)) edge.left_mask |= 1u << index;
        if (right.count(table)) edge.right_mask |= 1u << index;
      }
    }
    if (std::popcount(edge.left_mask) != 1 || std::popcount(edge.right_mask) != 1 ||
        edge.left_mask == edge.right_mask) {
      return nullptr;  // a key over several relations: leave it to the greedy order
    }
    // Keys living in one relation each: selectivity from their distinct counts.
    {
      const LogicalOperator& left_relation = *graph.relations[std::countr_zero(edge.left_mask)];
      const LogicalOperator& right_relation = *graph.relations[std::countr_zero(edge.right_mask)];
      edge.selectivity = KeySelectivity(*condition.left, left_relation, *condition.right,
                                        right_relation);
    }
    edges.push_back(edge);
  }
  uint32_t full = (1u << count) - 1;
  std::vector<Plan> best(full + 1);
  for (size_t index = 0; index < count; ++index) {
    Plan& plan = best[1u << index];
    plan.valid = true;
    plan.rows = std::max<double>(1, graph.relations[index]->estimated_rows);
  }
  // The most selective condition joining two disjoint subsets (1 = none).
  auto join_selectivity = [&](uint32_t a, uint32_t b, bool* connected) {
    double selectivity = 1;
    *connected = false;
    for (const Edge& edge : edges) {
      bool crosses = ((edge.left_mask & a) && (edge.right_mask & b)) ||
                     ((edge.left_mask & b) && (edge.right_mask & a));
      if (!crosses) continue;
      *connected = true;
      selectivity = std::min(selectivity, edge.selectivity);
    }
    return selectivity;
  };
  for (uint32_t subset = 1; subset <= full; ++subset) {
    if (std::popcount(subset) < 2) continue;
    // Try connected splits first; cross products only if there are none.
    for (int pass = 0; pass < 2 && !best[subset].valid; ++pass) {
      for (uint32_t left = (subset - 1) & subset; left > 0; left = (left - 1) & subset) {
        uint32_t right = subset & ~left;
        if (left < right) continue;  // each split once
        if (!best[left].valid || !best[right].valid) continue;
        bool connected;
        double selectivity = join_selectivity(left, right, &connected);
        if (pass == 0 && !connected) continue;
        double rows = std::max(1.0, best[left].rows * best[right].rows * selectivity);
        double cost = best[left].cost + best[right].cost + rows;
        if (!best[subset].valid || cost < best[subset].cost) {
          best[subset] = Plan{true, rows, cost, left, right};
        }
      }
    }
  }
  if (!best[full].valid) return nullptr;

  // Build the tree; conditions and residual predicates attach to the lowest join that has
  // all their columns.
  std::vector<bool> condition_used(graph.conditions.size(), false);
  std::vector<bool> residual_used(graph.residual.size(), false);
  std::function<LogicalOperatorPtr(uint32_t)> build = [&](uint32_t mask) -> LogicalOperatorPtr {
    const Plan& plan = best[mask];
    if (std::popcount(mask) == 1) return std::move(graph.relations[std::countr_zero(mask)]);
    LogicalOperatorPtr left = build(plan.left);
    LogicalOperatorPtr right = build(plan.right);
    std::set<uint32_t> left_tables = tables_of(plan.left);
    std::set<uint32_t> right_tables = tables_of(plan.right);
    std::set<uint32_t> all_tables = tables_of(mask);
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = LogicalJoinType::kInner;
    for (size_t index = 0; index < graph.conditions.size(); ++index) {
      if (condition_used[index]) continue;
      JoinCondition& condition = graph.conditions[index];
      std::set<uint32_t> condition_left = ReferencedTables(*condition.left);
      std::set<uint32_t> condition_right = ReferencedTables(*condition.right);
      if (Subset(condition_left, left_tables) && Subset(condition_right, right_tables)) {
        join->conditions.push_back(std::move(condition));
        condition_used[index] = true;
      } else if (Subset(condition_right, left_tables) && Subset(condition_left, right_tables)) {
        join->conditions.push_back({std::move(condition.right), std::move(condition.left)});
        condition_used[index] = true;
      }
    }
    std::vector<ExpressionPtr> residual;
    for (size_t index = 0; index < graph.residual.size(); ++index) {
      if (residual_used[index]) continue;
      if (Subset(ReferencedTables(*graph.residual[index]), all_tables)) {
        residual.push_back(std::move(graph.residual[index]));
        residual_used[index] = true;
      }
    }
    if (!residual.empty()) join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(residual));
    join->estimated_rows = static_cast<uint64_t>(std::min(plan.rows, 1e18));
    join->children.push_back(std::move(left));
    join->children.push_back(std::move(right));
    return join;
  };
  LogicalOperatorPtr tree = build(full);
  // Conditions whose two sides ended up inside one relation, and predicates without columns.
  std::vector<ExpressionPtr> leftovers;
  for (size_t index = 0; index < graph.conditions.size(); ++index) DQ_CHECK(condition_used[index]);
  for (size_t index = 0; index < graph.residual.size(); ++index) {
    if (!residual_used[index]) leftovers.push_back(std::move(graph.residual[index]));
  }
  if (!leftovers.empty()) {
    auto filter = std::make_unique<LogicalFilter>();
    filter->predicates = std::move(leftovers);
    filter->children.push_back(std::move(tree));
    tree = std::move(filter);
  }
  return tree;
}

}  // namespace dq
