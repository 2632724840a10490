#include "exec/operator/physical_filter.h"

#include "exec/expression_executor.h"

namespace dq {

namespace {

struct FilterState : OperatorState {
  ExpressionExecutor executor;
  SelectionVector selection{kBatchSize};
};

}  // namespace

std::unique_ptr<OperatorState> PhysicalFilter::GetOperatorState(ExecutionContext& context) const {
  auto state = std::make_unique<FilterState>();
  state->executor.AddExpression(predicate_.get());
  return state;
}

OperatorResult PhysicalFilter::Execute(ExecutionContext& context, DataChunk& input,
                                       DataChunk& output, OperatorState& state) const {
  auto& filter_state = static_cast<FilterState&>(state);
  if (input.size() > kBatchSize) filter_state.selection = SelectionVector(input.size());
  size_t selected = filter_state.executor.Select(input, filter_state.selection);
  output.Reference(input);
  if (selected < input.size()) {
    // A fresh selection buffer each time: the output's dictionaries keep referencing it.
    SelectionVector selection(selected);
    for (size_t row = 0; row < selected; ++row) {
      selection.set_index(row, filter_state.selection.get_index(row));
    }
    output.Slice(selection, selected);
  }
  return OperatorResult::kNeedMoreInput;
}

}  // namespace dq
