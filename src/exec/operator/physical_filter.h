// PhysicalFilter: passes the rows for which a boolean predicate is TRUE, as a selection over
// the input (no copy).
#pragma once

#include "exec/physical_operator.h"
#include "plan/expression.h"

namespace dq {

class PhysicalFilter : public PhysicalOperator {
 public:
  PhysicalFilter(std::vector<LogicalType> types, ExpressionPtr predicate)
      : PhysicalOperator(std::move(types)), predicate_(std::move(predicate)) {}

  std::string Name() const override { return "FILTER"; }
  std::vector<std::string> Details() const override { return {predicate_->ToString()}; }
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResult Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                         OperatorState& state) const override;

 private:
  ExpressionPtr predicate_;
};

}  // namespace dq
