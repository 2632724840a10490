#include "exec/physical_planner.h"

#include <algorithm>

#include "common/error.h"
#include "exec/operator/physical_column_data_scan.h"
#include "exec/operator/physical_filter.h"
#include "exec/operator/physical_hash_aggregate.h"
#include "exec/operator/physical_hash_join.h"
#include "exec/operator/physical_limit.h"
#include "exec/operator/physical_order.h"
#include "exec/operator/physical_predict.h"
#include "exec/operator/physical_projection.h"
#include "exec/operator/physical_table_scan.h"
#include "exec/operator/physical_union_all.h"
#include "exec/operator/physical_unnest.h"
#include "exec/operator/physical_window.h"

namespace dq {

void ResolveColumnIndexes(Expression& expression, const std::vector<ColumnBinding>& bindings) {
  VisitColumnRefs(expression, [&](Expression& reference) {
    auto found = std::find(bindings.begin(), bindings.end(), reference.binding);
    DQ_CHECK(found != bindings.end());
    reference.index = static_cast<size_t>(found - bindings.begin());
  });
}

namespace {

ExpressionPtr Resolved(const ExpressionPtr& expression, const std::vector<ColumnBinding>& bindings) {
  ExpressionPtr copy = expression->Copy();
  ResolveColumnIndexes(*copy, bindings);
  return copy;
}

std::string FlipComparison(const std::string& op) {
  if (op == "$less") return "$greater";
  if (op == "$less_equal") return "$greater_equal";
  if (op == "$greater") return "$less";
  if (op == "$greater_equal") return "$less_equal";
  return op;
}

// Recognizes `column <op> constant` (either order) for zone-map pruning.
bool AsZoneMapFilter(const Expression& expression, const LogicalGet& get, ZoneMapFilter* out) {
  if (expression.kind != ExpressionKind::kFunction || !expression.function) return false;
  const std::string& name = expression.function->name;
  if (name != "$equal" && name != "$less" && name != "$less_equal" && name != "$greater" &&
      name != "$greater_equal") {
    return false;
  }
  const Expression& left = *expression.children[0];
  const Expression& right = *expression.children[1];
  const Expression* column = nullptr;
  const Expression* constant = nullptr;
  std::string op = name;
  if (left.kind == ExpressionKind::kColumnRef && right.kind == ExpressionKind::kConstant) {
    column = &left;
    constant = &right;
  } else if (right.kind == ExpressionKind::kColumnRef && left.kind == ExpressionKind::kConstant) {
    column = &right;
    constant = &left;
    op = FlipComparison(op);
  } else {
    return false;
  }
  if (column->binding.table != get.table_index) return false;
  out->table_column = column->binding.column;
  out->op = op;
  out->constant = constant->value;
  return true;
}

}  // namespace

std::unique_ptr<PhysicalOperator> PhysicalPlanner::Plan(LogicalOperator& logical) {
  Planned planned = PlanOperator(logical);
  return Reorder(std::move(planned), logical.Bindings()).op;
}

PhysicalPlanner::Planned PhysicalPlanner::Reorder(Planned planned,
                                                  const std::vector<ColumnBinding>& wanted) {
  if (planned.bindings == wanted) return planned;
  std::vector<ExpressionPtr> expressions;
  std::vector<LogicalType> types;
  const std::vector<LogicalType>& input_types = planned.op->types();
  for (const ColumnBinding& binding : wanted) {
    auto found = std::find(planned.bindings.begin(), planned.bindings.end(), binding);
    DQ_CHECK(found != planned.bindings.end());
    size_t index = static_cast<size_t>(found - planned.bindings.begin());
    ExpressionPtr reference = MakeColumnRef(binding, input_types[index], "");
    reference->index = index;
    expressions.push_back(std::move(reference));
    types.push_back(input_types[index]);
  }
  auto projection = std::make_unique<PhysicalProjection>(types, std::move(expressions));
  projection->estimated_rows = planned.op->estimated_rows;
  projection->AddChild(std::move(planned.op));
  return Planned{std::move(projection), wanted};
}

PhysicalPlanner::Planned PhysicalPlanner::PlanOperator(LogicalOperator& logical) {
  Planned result;
  switch (logical.kind) {
    case LogicalKind::kGet: result = PlanGet(logical.As<LogicalGet>()); break;
    case LogicalKind::kValues: {
      auto& values = logical.As<LogicalValues>();
      result.op = std::make_unique<PhysicalColumnDataScan>(values.types, values.rows);
      result.bindings = values.Bindings();
      break;
    }
    case LogicalKind::kFilter: {
      Planned child = PlanOperator(*logical.children[0]);
      std::vector<ExpressionPtr> predicates;
      for (const auto& predicate : logical.As<LogicalFilter>().predicates) {
        predicates.push_back(Resolved(predicate, child.bindings));
      }
      ExpressionPtr combined = MakeConjunction(ExpressionKind::kAnd, std::move(predicates));
      auto filter = std::make_unique<PhysicalFilter>(child.op->types(), std::move(combined));
      filter->AddChild(std::move(child.op));
      result.op = std::move(filter);
      result.bindings = child.bindings;
      break;
    }
    case LogicalKind::kProjection: {
      auto& projection = logical.As<LogicalProjection>();
      Planned child = PlanOperator(*logical.children[0]);
      std::vector<ExpressionPtr> expressions;
      if (projection.passthrough) {
        // The child's columns first, in the order the logical plan promises.
        child = Reorder(std::move(child), logical.children[0]->Bindings());
        std::vector<LogicalType> child_types = child.op->types();
        for (size_t column = 0; column < child.bindings.size(); ++column) {
          ExpressionPtr reference = MakeColumnRef(child.bindings[column], child_types[column], "");
          reference->index = column;
          expressions.push_back(std::move(reference));
        }
      }
      for (const auto& expression : projection.expressions) {
        expressions.push_back(Resolved(expression, child.bindings));
      }
      auto physical = std::make_unique<PhysicalProjection>(projection.Types(), std::move(expressions));
      physical->AddChild(std::move(child.op));
      result.op = std::move(physical);
      result.bindings = projection.Bindings();
      break;
    }
    case LogicalKind::kAggregate: {
      auto& aggregate = logical.As<LogicalAggregate>();
      Planned child = PlanOperator(*logical.children[0]);
      std::vector<ExpressionPtr> groups;
      for (const auto& group : aggregate.groups) groups.push_back(Resolved(group, child.bindings));
      std::vector<BoundAggregate> aggregates;
      for (const BoundAggregate& bound : aggregate.aggregates) {
        BoundAggregate copy = bound.Copy();
        for (auto& argument : copy.arguments) ResolveColumnIndexes(*argument, child.bindings);
        aggregates.push_back(std::move(copy));
      }
      auto physical = std::make_unique<PhysicalHashAggregate>(
          aggregate.Types(), std::move(groups), std::move(aggregates), aggregate.grouping_sets,
          aggregate.compared_groups);
      physical->AddChild(std::move(child.op));
      result.op = std::move(physical);
      result.bindings = aggregate.Bindings();
      break;
    }
    case LogicalKind::kJoin: result = PlanJoin(logical.As<LogicalJoin>()); break;
    case LogicalKind::kOrder: result = PlanOrder(logical.As<LogicalOrder>()); break;
    case LogicalKind::kWindow: result = PlanWindow(logical.As<LogicalWindow>()); break;
    case LogicalKind::kPredict: result = PlanPredict(logical.As<LogicalPredict>()); break;
    case LogicalKind::kLimit: {
      auto& limit = logical.As<LogicalLimit>();
      LogicalOperator* below = logical.children[0].get();
      while (below->kind == LogicalKind::kProjection || below->kind == LogicalKind::kFilter) {
        below = below->children[0].get();
      }
      bool ordered = below->kind == LogicalKind::kOrder;
      Planned child = PlanOperator(*logical.children[0]);
      auto physical = std::make_unique<PhysicalLimit>(child.op->types(), limit.limit, limit.offset, ordered);
      physical->AddChild(std::move(child.op));
      result.op = std::move(physical);
      result.bindings = child.bindings;
      break;
    }
    case LogicalKind::kUnion: {
      auto& union_all = logical.As<LogicalUnion>();
      Planned left = PlanOperator(*logical.children[0]);
      Planned right = PlanOperator(*logical.children[1]);
      left = Reorder(std::move(left), logical.children[0]->Bindings());
      right = Reorder(std::move(right), logical.children[1]->Bindings());
      auto physical = std::make_unique<PhysicalUnionAll>(union_all.types);
      physical->AddChild(std::move(left.op));
      physical->AddChild(std::move(right.op));
      result.op = std::move(physical);
      result.bindings = union_all.Bindings();
      break;
    }
    case LogicalKind::kUnnest: {
      auto& unnest = logical.As<LogicalUnnest>();
      Planned child = PlanOperator(*logical.children[0]);
      std::vector<LogicalType> types = child.op->types();
      std::vector<ColumnBinding> bindings = child.bindings;
      types.push_back(unnest.ElementType());
      bindings.push_back({unnest.table_index, 0});
      if (unnest.with_offset) {
        types.push_back(TypeId::kInt64);
        bindings.push_back({unnest.table_index, 1});
      }
      ExpressionPtr condition =
          unnest.condition ? Resolved(unnest.condition, bindings) : nullptr;
      auto physical = std::make_unique<PhysicalUnnest>(
          std::move(types), Resolved(unnest.array, child.bindings), unnest.with_offset,
          unnest.preserve_empty, std::move(condition));
      physical->AddChild(std::move(child.op));
      result.op = std::move(physical);
      result.bindings = std::move(bindings);
      break;
    }
  }
  result.op->estimated_rows = logical.estimated_rows;
  return result;
}

PhysicalPlanner::Planned PhysicalPlanner::PlanPredict(LogicalPredict& predict) {
  const ModelEntry& entry = *predict.model;
  std::string model_name = entry.dataset + "." + entry.name;
  if (model_cache_ == nullptr) {
    throw Error(ErrorKind::kInternal, "ML.PREDICT planned without a model cache");
  }
  Result<std::shared_ptr<const ml::Model>> model = model_cache_->Get(entry);
  if (!model.ok()) {
    throw Error(model.status().kind(),
                "Cannot load model " + model_name + ": " + model.status().message());
  }
  Planned child = PlanOperator(*predict.children[0]);
  // Its rows are expensive: the scan feeding it (through filters and projections) splits even
  // a small table across threads, in whole batches.
  for (PhysicalOperator* below = child.op.get(); below;) {
    if (auto* scan = dynamic_cast<PhysicalTableScan*>(below)) {
      scan->SplitForExpensiveRows(predict.options.batch_size);
      break;
    }
    bool streaming =
        dynamic_cast<PhysicalFilter*>(below) || dynamic_cast<PhysicalProjection*>(below);
    below = streaming ? below->children()[0].get() : nullptr;
  }
  std::vector<PredictInputSpec> inputs;
  for (size_t index = 0; index < predict.inputs.size(); ++index) {
    const ml::TensorInfo& info = (*model)->inputs().at(index);
    PredictInputSpec spec;
    spec.column = Resolved(predict.inputs[index], child.bindings)->index;
    spec.name = info.name;
    spec.type = info.type;
    spec.shape = info.shape;
    spec.is_array = predict.inputs[index]->type.id() == TypeId::kArray;
    inputs.push_back(std::move(spec));
  }
  std::vector<LogicalType> types = child.op->types();
  std::vector<ColumnBinding> bindings = child.bindings;
  for (size_t output = 0; output < predict.output_types.size(); ++output) {
    types.push_back(predict.output_types[output]);
    bindings.push_back({predict.table_index, static_cast<uint32_t>(output)});
  }
  auto physical = std::make_unique<PhysicalPredict>(std::move(types), std::move(model_name),
                                                    *model, std::move(inputs),
                                                    predict.options);
  physical->AddChild(std::move(child.op));
  return Planned{std::move(physical), std::move(bindings)};
}

PhysicalPlanner::Planned PhysicalPlanner::PlanGet(LogicalGet& get) {
  std::vector<ColumnBinding> bindings = get.Bindings();
  std::vector<ExpressionPtr> filters;
  std::vector<ZoneMapFilter> zone_maps;
  for (const auto& filter : get.filters) {
    ZoneMapFilter zone_map;
    if (AsZoneMapFilter(*filter, get, &zone_map)) zone_maps.push_back(zone_map);
    filters.push_back(Resolved(filter, bindings));
  }
  ExpressionPtr combined;
  if (!filters.empty()) combined = MakeConjunction(ExpressionKind::kAnd, std::move(filters));
  auto scan = std::make_unique<PhysicalTableScan>(get.Types(), warehouse_directory_, get.table,
                                                  get.column_ids, std::move(combined),
                                                  std::move(zone_maps));
  return Planned{std::move(scan), bindings};
}

PhysicalPlanner::Planned PhysicalPlanner::PlanJoin(LogicalJoin& join) {
  Planned left = PlanOperator(*join.children[0]);
  Planned right = PlanOperator(*join.children[1]);
  JoinType type = JoinType::kInner;
  switch (join.join_type) {
    case LogicalJoinType::kInner: type = JoinType::kInner; break;
    case LogicalJoinType::kLeft: type = JoinType::kLeft; break;
    case LogicalJoinType::kRight: type = JoinType::kRight; break;
    case LogicalJoinType::kFull: type = JoinType::kFull; break;
    case LogicalJoinType::kSemi: type = JoinType::kSemi; break;
    case LogicalJoinType::kAnti: type = JoinType::kAnti; break;
  }
  // The build side is hashed in memory: make it the smaller input where the type allows.
  bool swap = false;
  uint64_t left_rows = join.children[0]->estimated_rows;
  uint64_t right_rows = join.children[1]->estimated_rows;
  if (type == JoinType::kInner && left_rows < right_rows) swap = true;
  if (type == JoinType::kLeft && left_rows < right_rows / 4) {
    swap = true;
    type = JoinType::kRight;
  } else if (type == JoinType::kRight) {
    if (right_rows >= left_rows / 4) {
      // Keep probe = left, build = right (unmatched build rows emitted by the tail).
    } else {
      swap = true;
      type = JoinType::kLeft;
    }
  } else if ((type == JoinType::kSemi || type == JoinType::kAnti) && left_rows < right_rows / 4) {
    // Hash the (much smaller) preserved side and mark its rows while probing with the other.
    swap = true;
    type = type == JoinType::kSemi ? JoinType::kRightSemi : JoinType::kRightAnti;
  }
  Planned& probe = swap ? right : left;
  Planned& build = swap ? left : right;
  std::vector<ExpressionPtr> probe_keys;
  std::vector<ExpressionPtr> build_keys;
  for (const JoinCondition& condition : join.conditions) {
    const ExpressionPtr& probe_side = swap ? condition.right : condition.left;
    const ExpressionPtr& build_side = swap ? condition.left : condition.right;
    probe_keys.push_back(Resolved(probe_side, probe.bindings));
    build_keys.push_back(Resolved(build_side, build.bindings));
  }
  std::vector<ColumnBinding> bindings = probe.bindings;
  bool semi_or_anti = type == JoinType::kSemi || type == JoinType::kAnti;
  bool right_semi_or_anti = type == JoinType::kRightSemi || type == JoinType::kRightAnti;
  std::vector<ColumnBinding> combined = probe.bindings;
  combined.insert(combined.end(), build.bindings.begin(), build.bindings.end());
  if (!semi_or_anti) bindings = combined;
  if (right_semi_or_anti) bindings = build.bindings;
  ExpressionPtr residual;
  if (join.residual) residual = Resolved(join.residual, combined);
  std::vector<LogicalType> types = probe.op->types();
  if (!semi_or_anti) {
    for (const LogicalType& type_of : build.op->types()) types.push_back(type_of);
  }
  if (right_semi_or_anti) types = build.op->types();
  auto physical = std::make_unique<PhysicalHashJoin>(types, type, std::move(probe.op),
                                                     std::move(build.op), std::move(probe_keys),
                                                     std::move(build_keys), std::move(residual),
                                                     join.null_equal_keys);
  return Planned{std::move(physical), bindings};
}

PhysicalPlanner::Planned PhysicalPlanner::PlanOrder(LogicalOrder& order) {
  Planned child = PlanOperator(*order.children[0]);
  // Sort keys must be columns: compute other expressions in a projection first.
  std::vector<SortKey> keys;
  std::vector<ExpressionPtr> extra;
  std::vector<LogicalType> extra_types;
  for (const OrderItem& item : order.items) {
    SortKey key;
    key.descending = item.descending;
    key.nulls_first = item.nulls_first;
    auto found = item.expression->kind == ExpressionKind::kColumnRef
                     ? std::find(child.bindings.begin(), child.bindings.end(), item.expression->binding)
                     : child.bindings.end();
    if (found != child.bindings.end()) {
      key.column = static_cast<size_t>(found - child.bindings.begin());
    } else {
      key.column = child.bindings.size() + extra.size();
      extra.push_back(Resolved(item.expression, child.bindings));
      extra_types.push_back(item.expression->type);
    }
    keys.push_back(key);
  }
  std::vector<ColumnBinding> output = child.bindings;
  std::vector<LogicalType> output_types = child.op->types();
  if (!extra.empty()) {
    std::vector<ExpressionPtr> expressions;
    std::vector<LogicalType> types = output_types;
    for (size_t column = 0; column < output.size(); ++column) {
      ExpressionPtr reference = MakeColumnRef(output[column], output_types[column], "");
      reference->index = column;
      expressions.push_back(std::move(reference));
    }
    for (auto& expression : extra) expressions.push_back(std::move(expression));
    types.insert(types.end(), extra_types.begin(), extra_types.end());
    auto projection = std::make_unique<PhysicalProjection>(types, std::move(expressions));
    projection->AddChild(std::move(child.op));
    child.op = std::move(projection);
  }
  auto physical = std::make_unique<PhysicalOrder>(child.op->types(), keys, order.limit, order.offset);
  physical->AddChild(std::move(child.op));
  Planned result{std::move(physical), output};
  if (!extra.empty()) {
    // Drop the computed sort keys again.
    std::vector<ExpressionPtr> expressions;
    for (size_t column = 0; column < output.size(); ++column) {
      ExpressionPtr reference = MakeColumnRef(output[column], output_types[column], "");
      reference->index = column;
      expressions.push_back(std::move(reference));
    }
    auto trim = std::make_unique<PhysicalProjection>(output_types, std::move(expressions));
    trim->AddChild(std::move(result.op));
    result.op = std::move(trim);
  }
  return result;
}

PhysicalPlanner::Planned PhysicalPlanner::PlanWindow(LogicalWindow& window) {
  Planned child = PlanOperator(*window.children[0]);
  // One PhysicalWindow per distinct PARTITION BY / ORDER BY, in order of first appearance.
  std::vector<std::string> sort_keys;
  std::vector<std::vector<size_t>> groups;
  for (size_t index = 0; index < window.functions.size(); ++index) {
    std::string key = window.functions[index].SortFingerprint();
    auto found = std::find(sort_keys.begin(), sort_keys.end(), key);
    if (found == sort_keys.end()) {
      sort_keys.push_back(key);
      groups.emplace_back();
      found = sort_keys.end() - 1;
    }
    groups[found - sort_keys.begin()].push_back(index);
  }
  for (const std::vector<size_t>& group : groups) {
    std::vector<BoundWindowFunction> functions;
    std::vector<LogicalType> types = child.op->types();
    std::vector<ColumnBinding> bindings = child.bindings;
    for (size_t index : group) {
      BoundWindowFunction function = window.functions[index].Copy();
      function.ForEachExpression(
          [&](ExpressionPtr& expression) { ResolveColumnIndexes(*expression, child.bindings); });
      types.push_back(function.return_type);
      bindings.push_back({window.window_index, static_cast<uint32_t>(index)});
      functions.push_back(std::move(function));
    }
    auto physical = std::make_unique<PhysicalWindow>(std::move(types), std::move(functions));
    physical->estimated_rows = window.estimated_rows;
    physical->AddChild(std::move(child.op));
    child = Planned{std::move(physical), std::move(bindings)};
  }
  return child;
}

}  // namespace dq
