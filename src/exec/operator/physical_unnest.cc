#include "exec/operator/physical_unnest.h"

#include "exec/expression_executor.h"

namespace dq {

namespace {

struct UnnestState : OperatorState {
  ExpressionExecutor executor;
  // The current input chunk's arrays (valid while `evaluated`) and where to resume.
  bool evaluated = false;
  Vector arrays;
  UnifiedVector unified;
  size_t row = 0;
  uint64_t element = 0;
};

}  // namespace

std::vector<std::string> PhysicalUnnest::Details() const {
  std::vector<std::string> details = {array_->ToString()};
  if (with_offset_) details.push_back("WITH OFFSET");
  return details;
}

std::unique_ptr<OperatorState> PhysicalUnnest::GetOperatorState(ExecutionContext& context) const {
  auto state = std::make_unique<UnnestState>();
  state->executor.AddExpression(array_.get());
  return state;
}

OperatorResult PhysicalUnnest::Execute(ExecutionContext& context, DataChunk& input,
                                       DataChunk& output, OperatorState& operator_state) const {
  auto& state = static_cast<UnnestState&>(operator_state);
  if (!state.evaluated) {
    state.executor.ExecuteExpression(0, input, state.arrays);
    state.arrays.ToUnified(input.size(), state.unified);
    state.evaluated = true;
    state.row = 0;
    state.element = 0;
  }
  const UnifiedVector& arrays = state.unified;
  const ArrayEntry* entries = arrays.Data<ArrayEntry>();
  const size_t element_column = input.column_count();
  int64_t* offsets = with_offset_ ? output.column(element_column + 1).Data<int64_t>() : nullptr;

  // Choose the output rows: (input row, element row) pairs, or NULL elements for empty arrays.
  SelectionVector input_rows(kBatchSize);
  SelectionVector element_rows(kBatchSize);
  std::vector<size_t> null_rows;
  bool any_element = false;
  sel_t placeholder = 0;  // an element row the NULL output rows may read harmlessly
  size_t produced = 0;
  while (state.row < input.size() && produced < kBatchSize) {
    sel_t index = arrays.index(state.row);
    const ArrayEntry entry = arrays.validity->RowIsValid(index) ? entries[index] : ArrayEntry{};
    if (entry.length == 0) {
      if (preserve_empty_) {
        input_rows.set_index(produced, static_cast<sel_t>(state.row));
        null_rows.push_back(produced);
        ++produced;
      }
      ++state.row;
      continue;
    }
    while (state.element < entry.length && produced < kBatchSize) {
      input_rows.set_index(produced, static_cast<sel_t>(state.row));
      placeholder = static_cast<sel_t>(entry.offset + state.element);
      element_rows.set_index(produced, placeholder);
      if (offsets) offsets[produced] = static_cast<int64_t>(state.element);
      any_element = true;
      ++produced;
      ++state.element;
    }
    if (state.element == entry.length) {
      ++state.row;
      state.element = 0;
    }
  }

  for (size_t column = 0; column < element_column; ++column) {
    output.column(column).Reference(input.column(column));
    output.column(column).Slice(input_rows, produced);
  }
  Vector& elements = output.column(element_column);
  for (size_t row : null_rows) element_rows.set_index(row, placeholder);
  if (any_element) CopyVector(arrays.source->array_child(), element_rows, produced, elements, 0);
  for (size_t row : null_rows) {
    elements.SetNull(row);
    if (offsets) output.column(element_column + 1).SetNull(row);
  }
  output.SetSize(produced);

  if (state.row < input.size()) return OperatorResult::kHaveMoreOutput;
  state.evaluated = false;
  return OperatorResult::kNeedMoreInput;
}

}  // namespace dq
