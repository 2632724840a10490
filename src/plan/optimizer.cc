#include "plan/optimizer.h"

#include <algorithm>
#include <set>

#include "common/error.h"
#include "plan/join_order.h"

namespace dq {

namespace {

// ---------- helpers ----------

std::set<uint32_t> TablesOf(const Expression& expression) {
  std::set<uint32_t> tables;
  VisitColumnRefs(expression,
                  [&](const Expression& reference) { tables.insert(reference.binding.table); });
  return tables;
}

std::set<uint32_t> TablesProducedBy(const LogicalOperator& op) {
  std::set<uint32_t> tables;
  for (const ColumnBinding& binding : op.Bindings()) tables.insert(binding.table);
  return tables;
}

bool Subset(const std::set<uint32_t>& inner, const std::set<uint32_t>& outer) {
  return std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

LogicalOperatorPtr WrapInFilter(LogicalOperatorPtr plan, std::vector<ExpressionPtr> predicates) {
  if (predicates.empty()) return plan;
  auto filter = std::make_unique<LogicalFilter>();
  filter->predicates = std::move(predicates);
  filter->children.push_back(std::move(plan));
  return filter;
}

bool IsEquality(const Expression& expression) {
  return expression.kind == ExpressionKind::kFunction && expression.function &&
         expression.function->name == "$equal" && expression.children.size() == 2;
}

// ---------- 1. filter pushdown ----------

LogicalOperatorPtr PushDown(LogicalOperatorPtr op, std::vector<ExpressionPtr> predicates);

// Pushes into each child the predicates that only need that child; the rest stay here.
LogicalOperatorPtr PushIntoJoin(std::unique_ptr<LogicalJoin> join,
                                std::vector<ExpressionPtr> predicates) {
  // The ON predicate of an inner join is just more predicates.
  if (join->join_type == LogicalJoinType::kInner && join->residual) {
    SplitConjunction(std::move(join->residual), predicates);
    join->residual.reset();
  }
  std::set<uint32_t> left_tables = TablesProducedBy(*join->children[0]);
  std::set<uint32_t> right_tables = TablesProducedBy(*join->children[1]);
  std::vector<ExpressionPtr> left_predicates;
  std::vector<ExpressionPtr> right_predicates;
  std::vector<ExpressionPtr> remaining;
  bool inner = join->join_type == LogicalJoinType::kInner;
  // For outer joins, WHERE predicates on the preserved side may go down; ON predicates on the
  // non-preserved side may too (handled below via the residual).
  bool left_preserved = join->join_type == LogicalJoinType::kLeft ||
                        join->join_type == LogicalJoinType::kSemi ||
                        join->join_type == LogicalJoinType::kAnti;
  bool right_preserved = join->join_type == LogicalJoinType::kRight;
  for (auto& predicate : predicates) {
    std::set<uint32_t> tables = TablesOf(*predicate);
    if (!tables.empty() && Subset(tables, left_tables) && (inner || left_preserved)) {
      left_predicates.push_back(std::move(predicate));
    } else if (!tables.empty() && Subset(tables, right_tables) && (inner || right_preserved)) {
      right_predicates.push_back(std::move(predicate));
    } else {
      remaining.push_back(std::move(predicate));
    }
  }
  if (!inner && join->residual) {
    // ON predicates of an outer join that only read the non-preserved side filter that side.
    std::vector<ExpressionPtr> terms;
    SplitConjunction(std::move(join->residual), terms);
    std::vector<ExpressionPtr> kept;
    for (auto& term : terms) {
      std::set<uint32_t> tables = TablesOf(*term);
      if (!tables.empty() && left_preserved && Subset(tables, right_tables)) {
        right_predicates.push_back(std::move(term));
      } else if (!tables.empty() && right_preserved && Subset(tables, left_tables)) {
        left_predicates.push_back(std::move(term));
      } else {
        kept.push_back(std::move(term));
      }
    }
    if (!kept.empty()) join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(kept));
  }
  join->children[0] = PushDown(std::move(join->children[0]), std::move(left_predicates));
  join->children[1] = PushDown(std::move(join->children[1]), std::move(right_predicates));
  if (inner) {
    // Everything left over joins the two sides: equalities become keys.
    std::vector<ExpressionPtr> residual;
    for (auto& predicate : remaining) {
      if (IsEquality(*predicate)) {
        std::set<uint32_t> first = TablesOf(*predicate->children[0]);
        std::set<uint32_t> second = TablesOf(*predicate->children[1]);
        if (!first.empty() && !second.empty()) {
          if (Subset(first, left_tables) && Subset(second, right_tables)) {
            join->conditions.push_back(
                {std::move(predicate->children[0]), std::move(predicate->children[1])});
            continue;
          }
          if (Subset(first, right_tables) && Subset(second, left_tables)) {
            join->conditions.push_back(
                {std::move(predicate->children[1]), std::move(predicate->children[0])});
            continue;
          }
        }
      }
      residual.push_back(std::move(predicate));
    }
    if (!residual.empty())
      join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(residual));
    return join;
  }
  // Outer joins: equalities in the ON residual become keys; WHERE leftovers stay above.
  if (join->residual) {
    std::vector<ExpressionPtr> terms;
    SplitConjunction(std::move(join->residual), terms);
    std::vector<ExpressionPtr> kept;
    for (auto& term : terms) {
      if (IsEquality(*term)) {
        std::set<uint32_t> first = TablesOf(*term->children[0]);
        std::set<uint32_t> second = TablesOf(*term->children[1]);
        if (!first.empty() && !second.empty() && Subset(first, left_tables) &&
            Subset(second, right_tables)) {
          join->conditions.push_back({std::move(term->children[0]), std::move(term->children[1])});
          continue;
        }
        if (!first.empty() && !second.empty() && Subset(first, right_tables) &&
            Subset(second, left_tables)) {
          join->conditions.push_back({std::move(term->children[1]), std::move(term->children[0])});
          continue;
        }
      }
      kept.push_back(std::move(term));
    }
    if (!kept.empty()) join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(kept));
  }
  return WrapInFilter(std::move(join), std::move(remaining));
}

// (a AND b) OR (a AND c) -> a AND (b OR c): a term common to every branch of an OR becomes
// a conjunct of its own, so it can be pushed down or become a join key.
void SplitWithCommonOrTerms(ExpressionPtr predicate, std::vector<ExpressionPtr>& out) {
  if (predicate->kind == ExpressionKind::kAnd) {
    std::vector<ExpressionPtr> terms;
    SplitConjunction(std::move(predicate), terms);
    for (auto& term : terms) SplitWithCommonOrTerms(std::move(term), out);
    return;
  }
  if (predicate->kind != ExpressionKind::kOr) {
    out.push_back(std::move(predicate));
    return;
  }
  std::vector<std::vector<ExpressionPtr>> branches;
  for (auto& child : predicate->children) {
    branches.emplace_back();
    SplitConjunction(std::move(child), branches.back());
  }
  std::vector<ExpressionPtr> common;
  for (size_t term = 0; term < branches[0].size(); ++term) {
    if (!branches[0][term]) continue;
    std::string fingerprint = branches[0][term]->Fingerprint();
    bool everywhere = true;
    for (size_t branch = 1; branch < branches.size() && everywhere; ++branch) {
      everywhere = std::any_of(
          branches[branch].begin(), branches[branch].end(),
          [&](const ExpressionPtr& other) { return other && other->Fingerprint() == fingerprint; });
    }
    if (!everywhere) continue;
    for (size_t branch = 1; branch < branches.size(); ++branch) {
      for (auto& other : branches[branch]) {
        if (other && other->Fingerprint() == fingerprint) {
          other.reset();
          break;
        }
      }
    }
    common.push_back(std::move(branches[0][term]));
  }
  std::vector<ExpressionPtr> alternatives;
  bool some_branch_empty = false;
  for (auto& branch : branches) {
    std::vector<ExpressionPtr> rest;
    for (auto& term : branch) {
      if (term) rest.push_back(std::move(term));
    }
    if (rest.empty())
      some_branch_empty = true;  // that branch is just the common terms
    else
      alternatives.push_back(MakeConjunction(ExpressionKind::kAnd, std::move(rest)));
  }
  for (auto& term : common) out.push_back(std::move(term));
  if (some_branch_empty) return;
  // Implied single-table filters: when every branch constrains table t, the OR of those
  // constraints holds too and can be pushed down to t (the OR itself stays, above the join):
  // (n1 = 'A' AND n2 = 'B') OR (n1 = 'B' AND n2 = 'A') implies n1 IN ('A', 'B').
  std::set<uint32_t> candidates;
  for (const auto& alternative : alternatives) {
    std::set<uint32_t> tables = TablesOf(*alternative);
    candidates.insert(tables.begin(), tables.end());
  }
  if (alternatives.size() > 1 && candidates.size() > 1) {
    for (uint32_t table : candidates) {
      std::vector<ExpressionPtr> implied;
      bool every_branch = true;
      for (const auto& alternative : alternatives) {
        std::vector<ExpressionPtr> terms;
        SplitConjunction(alternative->Copy(), terms);
        std::vector<ExpressionPtr> on_table;
        for (auto& term : terms) {
          std::set<uint32_t> tables = TablesOf(*term);
          if (tables.size() == 1 && *tables.begin() == table) on_table.push_back(std::move(term));
        }
        if (on_table.empty()) {
          every_branch = false;
          break;
        }
        implied.push_back(MakeConjunction(ExpressionKind::kAnd, std::move(on_table)));
      }
      if (every_branch) out.push_back(MakeConjunction(ExpressionKind::kOr, std::move(implied)));
    }
  }
  out.push_back(MakeConjunction(ExpressionKind::kOr, std::move(alternatives)));
}

LogicalOperatorPtr PushDown(LogicalOperatorPtr op, std::vector<ExpressionPtr> predicates) {
  switch (op->kind) {
    case LogicalKind::kFilter: {
      auto& filter = op->As<LogicalFilter>();
      for (auto& predicate : filter.predicates)
        SplitWithCommonOrTerms(std::move(predicate), predicates);
      return PushDown(std::move(op->children[0]), std::move(predicates));
    }
    case LogicalKind::kGet: {
      auto& get = op->As<LogicalGet>();
      for (auto& predicate : predicates) {
        if (predicate->IsConstant()) {
          // A constant TRUE is dropped; FALSE/NULL stays as a filter that removes everything.
          if (!predicate->value.is_null() && predicate->value.bool_value()) continue;
          return WrapInFilter(std::move(op), std::move(predicates));
        }
      }
      for (auto& predicate : predicates) {
        if (predicate) get.filters.push_back(std::move(predicate));
      }
      return op;
    }
    case LogicalKind::kProjection: {
      auto& projection = op->As<LogicalProjection>();
      std::vector<ExpressionPtr> below;
      for (auto& predicate : predicates) {
        below.push_back(SubstituteColumnRefs(std::move(predicate), projection.table_index,
                                             projection.expressions));
      }
      op->children[0] = PushDown(std::move(op->children[0]), std::move(below));
      return op;
    }
    case LogicalKind::kAggregate: {
      auto& aggregate = op->As<LogicalAggregate>();
      std::vector<ExpressionPtr> below;
      std::vector<ExpressionPtr> above;
      // Group outputs: (group_index, i), or the input bindings a group keeps.
      std::set<ColumnBinding> group_outputs;
      for (const ColumnBinding& binding : aggregate.group_bindings) group_outputs.insert(binding);
      for (auto& predicate : predicates) {
        bool only_groups = true;
        bool any_column = false;
        VisitColumnRefs(*predicate, [&](const Expression& reference) {
          any_column = true;
          if (reference.binding.table != aggregate.group_index &&
              !group_outputs.count(reference.binding)) {
            only_groups = false;
          }
        });
        // With grouping sets a key is NULL in the rolled-up rows: keep such filters above.
        if (aggregate.grouping_sets.empty() && any_column && only_groups) {
          below.push_back(
              SubstituteColumnRefs(std::move(predicate), aggregate.group_index, aggregate.groups));
        } else {
          above.push_back(std::move(predicate));
        }
      }
      op->children[0] = PushDown(std::move(op->children[0]), std::move(below));
      return WrapInFilter(std::move(op), std::move(above));
    }
    case LogicalKind::kJoin: {
      std::unique_ptr<LogicalJoin> join(static_cast<LogicalJoin*>(op.release()));
      return PushIntoJoin(std::move(join), std::move(predicates));
    }
    case LogicalKind::kUnnest:
    case LogicalKind::kPredict: {
      // Predicates on the input's columns alone hold for all copies of a row (and LEFT JOIN
      // UNNEST keeps input rows, not removes them), so they move below. ML.PREDICT is 1:1 per
      // row: the same holds, and predicates over its outputs stay above it.
      std::set<uint32_t> input_tables = TablesProducedBy(*op->children[0]);
      std::vector<ExpressionPtr> below;
      std::vector<ExpressionPtr> above;
      for (auto& predicate : predicates) {
        std::set<uint32_t> tables = TablesOf(*predicate);
        if (!tables.empty() && Subset(tables, input_tables)) {
          below.push_back(std::move(predicate));
        } else {
          above.push_back(std::move(predicate));
        }
      }
      op->children[0] = PushDown(std::move(op->children[0]), std::move(below));
      return WrapInFilter(std::move(op), std::move(above));
    }
    case LogicalKind::kOrder:
    case LogicalKind::kLimit:
    case LogicalKind::kUnion:
    case LogicalKind::kValues:
    case LogicalKind::kWindow: {
      // Do not move predicates below a LIMIT (or a window: they would change its partitions);
      // restart pushdown inside.
      for (auto& child : op->children) child = PushDown(std::move(child), {});
      return WrapInFilter(std::move(op), std::move(predicates));
    }
  }
  return WrapInFilter(std::move(op), std::move(predicates));
}

// ---------- 2. join ordering ----------

void Flatten(LogicalOperatorPtr op, JoinGraph& graph) {
  if (op->kind == LogicalKind::kJoin &&
      op->As<LogicalJoin>().join_type == LogicalJoinType::kInner) {
    auto& join = op->As<LogicalJoin>();
    for (auto& condition : join.conditions) graph.conditions.push_back(std::move(condition));
    if (join.residual) SplitConjunction(std::move(join.residual), graph.residual);
    Flatten(std::move(op->children[0]), graph);
    Flatten(std::move(op->children[1]), graph);
    return;
  }
  graph.relations.push_back(std::move(op));
}

LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr op);

LogicalOperatorPtr BuildJoinOrder(JoinGraph graph) {
  for (auto& relation : graph.relations) {
    relation = ReorderJoins(std::move(relation));
    EstimateCardinality(*relation);
  }
  if (LogicalOperatorPtr planned = PlanJoinOrderDp(graph)) return planned;
  // Too many relations for the search: greedy, smallest connected relation next.
  std::vector<std::set<uint32_t>> tables;
  for (auto& relation : graph.relations) tables.push_back(TablesProducedBy(*relation));
  std::vector<bool> used(graph.relations.size(), false);
  std::vector<bool> condition_used(graph.conditions.size(), false);

  auto connected = [&](const std::set<uint32_t>& current, size_t candidate) {
    for (size_t index = 0; index < graph.conditions.size(); ++index) {
      if (condition_used[index]) continue;
      std::set<uint32_t> left = TablesOf(*graph.conditions[index].left);
      std::set<uint32_t> right = TablesOf(*graph.conditions[index].right);
      if ((Subset(left, current) && Subset(right, tables[candidate])) ||
          (Subset(right, current) && Subset(left, tables[candidate]))) {
        return true;
      }
    }
    return false;
  };
  // Start with the smallest relation that has a connection (or the smallest overall).
  size_t start = 0;
  uint64_t best = UINT64_MAX;
  for (size_t index = 0; index < graph.relations.size(); ++index) {
    uint64_t rows = graph.relations[index]->estimated_rows;
    bool has_edge = false;
    for (size_t other = 0; other < graph.relations.size(); ++other) {
      if (other != index && connected(tables[index], other)) has_edge = true;
    }
    uint64_t key = has_edge ? rows : rows + (UINT64_MAX / 2);
    if (key < best) {
      best = key;
      start = index;
    }
  }
  used[start] = true;
  LogicalOperatorPtr current = std::move(graph.relations[start]);
  std::set<uint32_t> current_tables = tables[start];
  for (size_t step = 1; step < graph.relations.size(); ++step) {
    // Next: a connected relation with the fewest rows; a cross product only if none is connected.
    size_t next = SIZE_MAX;
    bool next_connected = false;
    for (size_t index = 0; index < graph.relations.size(); ++index) {
      if (used[index]) continue;
      bool is_connected = connected(current_tables, index);
      if (next == SIZE_MAX || (is_connected && !next_connected) ||
          (is_connected == next_connected &&
           graph.relations[index]->estimated_rows < graph.relations[next]->estimated_rows)) {
        next = index;
        next_connected = is_connected;
      }
    }
    used[next] = true;
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = LogicalJoinType::kInner;
    std::set<uint32_t> combined = current_tables;
    combined.insert(tables[next].begin(), tables[next].end());
    for (size_t index = 0; index < graph.conditions.size(); ++index) {
      if (condition_used[index]) continue;
      std::set<uint32_t> left = TablesOf(*graph.conditions[index].left);
      std::set<uint32_t> right = TablesOf(*graph.conditions[index].right);
      if (Subset(left, current_tables) && Subset(right, tables[next])) {
        join->conditions.push_back(std::move(graph.conditions[index]));
        condition_used[index] = true;
      } else if (Subset(right, current_tables) && Subset(left, tables[next])) {
        join->conditions.push_back(
            {std::move(graph.conditions[index].right), std::move(graph.conditions[index].left)});
        condition_used[index] = true;
      }
    }
    // Residual predicates that become evaluable here.
    std::vector<ExpressionPtr> residual;
    for (auto& predicate : graph.residual) {
      if (predicate && Subset(TablesOf(*predicate), combined))
        residual.push_back(std::move(predicate));
    }
    if (!residual.empty())
      join->residual = MakeConjunction(ExpressionKind::kAnd, std::move(residual));
    join->children.push_back(std::move(current));
    join->children.push_back(std::move(graph.relations[next]));
    EstimateCardinality(*join);
    current = std::move(join);
    current_tables = std::move(combined);
  }
  // Conditions whose sides could not be placed (e.g. both sides in one relation) stay as filters.
  std::vector<ExpressionPtr> leftovers;
  for (auto& predicate : graph.residual) {
    if (predicate) leftovers.push_back(std::move(predicate));
  }
  return WrapInFilter(std::move(current), std::move(leftovers));
}

LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr op) {
  if (op->kind == LogicalKind::kJoin &&
      op->As<LogicalJoin>().join_type == LogicalJoinType::kInner) {
    JoinGraph graph;
    Flatten(std::move(op), graph);
    return BuildJoinOrder(std::move(graph));
  }
  for (auto& child : op->children) child = ReorderJoins(std::move(child));
  return op;
}

// ---------- 3. top-N ----------

LogicalOperatorPtr FuseTopN(LogicalOperatorPtr op) {
  for (auto& child : op->children) child = FuseTopN(std::move(child));
  if (op->kind == LogicalKind::kLimit && op->children[0]->kind == LogicalKind::kOrder) {
    auto& limit = op->As<LogicalLimit>();
    auto& order = op->children[0]->As<LogicalOrder>();
    if (!order.limit) {
      order.limit = limit.limit;
      order.offset = limit.offset;
      return std::move(op->children[0]);
    }
  }
  return op;
}

// ---------- 4. column pruning ----------

void CollectBindings(const Expression& expression, std::set<ColumnBinding>& used) {
  VisitColumnRefs(expression, [&](const Expression& reference) { used.insert(reference.binding); });
}

void PruneColumns(LogicalOperator& op, std::set<ColumnBinding> used) {
  switch (op.kind) {
    case LogicalKind::kGet: {
      auto& get = op.As<LogicalGet>();
      for (const auto& filter : get.filters) CollectBindings(*filter, used);
      std::vector<size_t> kept;
      for (size_t column : get.column_ids) {
        if (used.count({get.table_index, static_cast<uint32_t>(column)})) kept.push_back(column);
      }
      if (kept.empty() && !get.column_ids.empty()) kept.push_back(get.column_ids.front());
      get.column_ids = kept;
      return;
    }
    case LogicalKind::kFilter:
      for (const auto& predicate : op.As<LogicalFilter>().predicates)
        CollectBindings(*predicate, used);
      break;
    case LogicalKind::kProjection:
      if (!op.As<LogicalProjection>().passthrough) used.clear();
      for (const auto& expression : op.As<LogicalProjection>().expressions)
        CollectBindings(*expression, used);
      break;
    case LogicalKind::kAggregate: {
      auto& aggregate = op.As<LogicalAggregate>();
      // Carried (dependent) groups nobody above reads are dropped.
      if (aggregate.compared_groups < aggregate.groups.size() &&
          aggregate.group_bindings.size() == aggregate.groups.size()) {
        std::vector<ExpressionPtr> groups;
        std::vector<ColumnBinding> bindings;
        for (size_t group = 0; group < aggregate.groups.size(); ++group) {
          if (group < aggregate.compared_groups || used.count(aggregate.group_bindings[group])) {
            groups.push_back(std::move(aggregate.groups[group]));
            bindings.push_back(aggregate.group_bindings[group]);
          }
        }
        aggregate.groups = std::move(groups);
        aggregate.group_bindings = std::move(bindings);
      }
      used.clear();
      for (const auto& group : aggregate.groups) CollectBindings(*group, used);
      for (const auto& bound : aggregate.aggregates) {
        for (const auto& argument : bound.arguments) CollectBindings(*argument, used);
      }
      break;
    }
    case LogicalKind::kJoin: {
      auto& join = op.As<LogicalJoin>();
      for (const auto& condition : join.conditions) {
        CollectBindings(*condition.left, used);
        CollectBindings(*condition.right, used);
      }
      if (join.residual) CollectBindings(*join.residual, used);
      break;
    }
    case LogicalKind::kOrder:
      for (const auto& item : op.As<LogicalOrder>().items) CollectBindings(*item.expression, used);
      break;
    case LogicalKind::kWindow:
      for (const auto& function : op.As<LogicalWindow>().functions) {
        function.ForEachExpression(
            [&](const ExpressionPtr& expression) { CollectBindings(*expression, used); });
      }
      break;
    case LogicalKind::kUnion: {
      // Every column of both inputs is needed (positions must line up).
      for (auto& child : op.children) {
        std::set<ColumnBinding> all;
        for (const ColumnBinding& binding : child->Bindings()) all.insert(binding);
        PruneColumns(*child, all);
      }
      return;
    }
    case LogicalKind::kUnnest:
      CollectBindings(*op.As<LogicalUnnest>().array, used);
      if (op.As<LogicalUnnest>().condition)
        CollectBindings(*op.As<LogicalUnnest>().condition, used);
      break;
    case LogicalKind::kPredict:
      for (const auto& input : op.As<LogicalPredict>().inputs) CollectBindings(*input, used);
      break;
    case LogicalKind::kLimit:
    case LogicalKind::kValues:
      break;
  }
  for (auto& child : op.children) PruneColumns(*child, used);
}

}  // namespace

uint64_t EstimateCardinality(LogicalOperator& op) {
  uint64_t rows = 1;
  switch (op.kind) {
    case LogicalKind::kGet: {
      auto& get = op.As<LogicalGet>();
      double estimate = static_cast<double>(get.table->row_count);
      for (const auto& filter : get.filters) estimate *= IsEquality(*filter) ? 0.1 : 0.4;
      rows = static_cast<uint64_t>(std::max(1.0, estimate));
      break;
    }
    case LogicalKind::kValues:
      rows = op.As<LogicalValues>().rows->row_count();
      break;
    case LogicalKind::kFilter: {
      double estimate = static_cast<double>(EstimateCardinality(*op.children[0]));
      for (const auto& predicate : op.As<LogicalFilter>().predicates) {
        estimate *= IsEquality(*predicate) ? 0.1 : 0.4;
      }
      rows = static_cast<uint64_t>(std::max(1.0, estimate));
      break;
    }
    case LogicalKind::kAggregate: {
      uint64_t input = EstimateCardinality(*op.children[0]);
      rows = op.As<LogicalAggregate>().groups.empty() ? 1 : std::max<uint64_t>(1, input / 4);
      break;
    }
    case LogicalKind::kJoin: {
      auto& join = op.As<LogicalJoin>();
      uint64_t left = EstimateCardinality(*op.children[0]);
      uint64_t right = EstimateCardinality(*op.children[1]);
      if (join.join_type == LogicalJoinType::kSemi || join.join_type == LogicalJoinType::kAnti) {
        rows = left;
      } else if (join.conditions.empty()) {
        rows = left * std::max<uint64_t>(right, 1);
      } else {
        double estimate = EstimateEquiJoinRows(*op.children[0], *op.children[1], join.conditions);
        rows = static_cast<uint64_t>(std::min(estimate, 1e18));
        // Outer joins keep every row of their preserved side(s).
        if (join.join_type == LogicalJoinType::kLeft || join.join_type == LogicalJoinType::kFull) {
          rows = std::max(rows, left);
        }
        if (join.join_type == LogicalJoinType::kRight || join.join_type == LogicalJoinType::kFull) {
          rows = std::max(rows, right);
        }
      }
      break;
    }
    case LogicalKind::kLimit: {
      auto& limit = op.As<LogicalLimit>();
      rows = std::min<uint64_t>(EstimateCardinality(*op.children[0]), limit.limit);
      break;
    }
    case LogicalKind::kUnion:
      rows = EstimateCardinality(*op.children[0]) + EstimateCardinality(*op.children[1]);
      break;
    case LogicalKind::kUnnest:
      // A few elements per array, without statistics on array lengths.
      rows = EstimateCardinality(*op.children[0]) * 4;
      break;
    case LogicalKind::kProjection:
    case LogicalKind::kOrder:
    case LogicalKind::kPredict:
    case LogicalKind::kWindow:
      rows = EstimateCardinality(*op.children[0]);
      break;
  }
  op.estimated_rows = rows;
  return rows;
}

LogicalOperatorPtr Optimize(LogicalOperatorPtr plan) {
  plan = PushDown(std::move(plan), {});
  plan = ReorderJoins(std::move(plan));
  plan = FuseTopN(std::move(plan));
  std::set<ColumnBinding> all;
  for (const ColumnBinding& binding : plan->Bindings()) all.insert(binding);
  PruneColumns(*plan, all);
  EstimateCardinality(*plan);
  return plan;
}

}  // namespace dq
