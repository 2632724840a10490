// PhysicalProjection: computes one output column per expression over each input chunk.
#pragma once

#include "exec/physical_operator.h"
#include "plan/expression.h"

namespace dq {

class PhysicalProjection : public PhysicalOperator {
 public:
  PhysicalProjection(std::vector<LogicalType> types, std::vector<ExpressionPtr> expressions)
      : PhysicalOperator(std::move(types)), expressions_(std::move(expressions)) {}

  std::string Name() const override { return "PROJECTION"; }
  std::vector<std::string> Details() const override;
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResult Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                         OperatorState& state) const override;

 private:
  std::vector<ExpressionPtr> expressions_;
};

}  // namespace dq
