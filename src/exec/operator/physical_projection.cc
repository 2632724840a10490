#include "exec/operator/physical_projection.h"

#include "exec/expression_executor.h"

namespace dq {

namespace {

struct ProjectionState : OperatorState {
  ExpressionExecutor executor;
};

}  // namespace

std::vector<std::string> PhysicalProjection::Details() const {
  std::vector<std::string> details;
  for (const auto& expression : expressions_) details.push_back(expression->ToString());
  return details;
}

std::unique_ptr<OperatorState> PhysicalProjection::GetOperatorState(
    ExecutionContext& context) const {
  auto state = std::make_unique<ProjectionState>();
  for (const auto& expression : expressions_) state->executor.AddExpression(expression.get());
  return state;
}

OperatorResult PhysicalProjection::Execute(ExecutionContext& context, DataChunk& input,
                                           DataChunk& output, OperatorState& state) const {
  static_cast<ProjectionState&>(state).executor.Execute(input, output);
  return OperatorResult::kNeedMoreInput;
}

}  // namespace dq
