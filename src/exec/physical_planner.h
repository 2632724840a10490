// PhysicalPlanner: turns an optimized logical plan into physical operators, resolving column
// bindings to positions in each operator's input chunk and choosing physical strategies
// (hash-join build side, top-N, zone-map filters for scans).
#pragma once

#include <memory>
#include <string>

#include "exec/physical_operator.h"
#include "ml/model_cache.h"
#include "plan/logical_operator.h"

namespace dq {

class PhysicalPlanner {
 public:
  explicit PhysicalPlanner(std::string warehouse_directory)
      : warehouse_directory_(std::move(warehouse_directory)) {}

  struct Planned {
    std::unique_ptr<PhysicalOperator> op;
    std::vector<ColumnBinding> bindings;  // the physical output columns, in order
  };

  // Where ML.PREDICT plans load their models; without one, planning ML.PREDICT fails.
  void set_model_cache(ml::ModelCache* cache) { model_cache_ = cache; }

  // Plans `logical`; the output columns are reordered to match logical.Bindings().
  std::unique_ptr<PhysicalOperator> Plan(LogicalOperator& logical);

 private:
  Planned PlanOperator(LogicalOperator& logical);
  Planned PlanGet(LogicalGet& get);
  Planned PlanJoin(LogicalJoin& join);
  Planned PlanOrder(LogicalOrder& order);
  Planned PlanWindow(LogicalWindow& window);
  Planned PlanPredict(LogicalPredict& predict);
  // Adds a projection so the output columns are exactly `wanted` (in that order).
  Planned Reorder(Planned planned, const std::vector<ColumnBinding>& wanted);

  std::string warehouse_directory_;
  ml::ModelCache* model_cache_ = nullptr;
};

// Rewrites column references of `expression` from bindings to positions in `bindings`.
void ResolveColumnIndexes(Expression& expression, const std::vector<ColumnBinding>& bindings);

}  // namespace dq
