#include "exec/operator/physical_unnest.h"

#include "exec/expression_executor.h"

namespace dq {

// Output rows of one Execute call, described before any column is written: each row repeats
// input row `input_rows[i]` and carries element `element_rows[i]` of the arrays' child vector
// at zero-based position `positions[i]`, or a NULL element and position when `is_null[i]`.
struct UnnestRows {
  SelectionVector input_rows{kBatchSize};
  SelectionVector element_rows{kBatchSize};
  int64_t positions[kBatchSize];
  bool is_null[kBatchSize];
  bool last_of_row[kBatchSize];  // the input row's last element (ON bookkeeping)
  size_t count = 0;

  void Add(sel_t input_row, sel_t element_row, int64_t position, bool null, bool last) {
    input_rows.set_index(count, input_row);
    element_rows.set_index(count, element_row);
    positions[count] = position;
    is_null[count] = null;
    last_of_row[count] = last;
    ++count;
  }
};

struct UnnestState : OperatorState {
  ExpressionExecutor array_executor;
  ExpressionExecutor condition_executor;
  // The current input chunk's arrays (valid while `evaluated`) and where to resume.
  bool evaluated = false;
  Vector arrays;
  UnifiedVector unified;
  size_t row = 0;
  uint64_t element = 0;
  // With an ON condition: whether an element of the row being resumed has passed it, the
  // candidate rows before the condition, and scratch for the rows that pass.
  bool row_matched = false;
  DataChunk candidates;
  SelectionVector passing{kBatchSize};
  UnnestRows candidate_rows;
  UnnestRows final_rows;
};

namespace {

// Writes `rows` into `output`: input columns as dictionary slices of `input`, elements copied
// out of the arrays' child vector, NULLs where the row has no element.
void WriteRows(const DataChunk& input, const Vector& array_child, const UnnestRows& rows,
               bool with_offset, DataChunk& output) {
  const size_t element_column = input.column_count();
  const size_t count = rows.count;
  // The selections are copied: the output's dictionaries keep referencing them.
  SelectionVector input_rows(count);
  SelectionVector element_rows(count);
  sel_t placeholder = 0;  // an element row the NULL output rows may read harmlessly
  bool any_element = false;
  for (size_t i = 0; i < count; ++i) {
    input_rows.set_index(i, rows.input_rows.get_index(i));
    if (!rows.is_null[i]) {
      placeholder = rows.element_rows.get_index(i);
      any_element = true;
    }
  }
  for (size_t i = 0; i < count; ++i) {
    element_rows.set_index(i, rows.is_null[i] ? placeholder : rows.element_rows.get_index(i));
  }
  for (size_t column = 0; column < element_column; ++column) {
    output.column(column).Reference(input.column(column));
    output.column(column).Slice(input_rows, count);
  }
  Vector& elements = output.column(element_column);
  if (any_element) CopyVector(array_child, element_rows, count, elements, 0);
  int64_t* offsets = with_offset ? output.column(element_column + 1).Data<int64_t>() : nullptr;
  for (size_t i = 0; i < count; ++i) {
    if (offsets) offsets[i] = rows.positions[i];
    if (rows.is_null[i]) {
      elements.SetNull(i);
      if (offsets) output.column(element_column + 1).SetNull(i);
    }
  }
  output.SetSize(count);
}

}  // namespace

std::vector<std::string> PhysicalUnnest::Details() const {
  std::vector<std::string> details = {array_->ToString()};
  if (with_offset_) details.push_back("WITH OFFSET");
  if (condition_) details.push_back("ON " + condition_->ToString());
  return details;
}

std::unique_ptr<OperatorState> PhysicalUnnest::GetOperatorState(ExecutionContext& context) const {
  auto state = std::make_unique<UnnestState>();
  state->array_executor.AddExpression(array_.get());
  if (condition_) {
    state->condition_executor.AddExpression(condition_.get());
    state->candidates.Initialize(types());
  }
  return state;
}

OperatorResult PhysicalUnnest::Execute(ExecutionContext& context, DataChunk& input,
                                       DataChunk& output, OperatorState& operator_state) const {
  auto& state = static_cast<UnnestState&>(operator_state);
  if (!state.evaluated) {
    state.array_executor.ExecuteExpression(0, input, state.arrays);
    state.arrays.ToUnified(input.size(), state.unified);
    state.evaluated = true;
    state.row = 0;
    state.element = 0;
    state.row_matched = false;
  }
  const UnifiedVector& arrays = state.unified;
  const ArrayEntry* entries = arrays.Data<ArrayEntry>();
  const Vector& array_child = arrays.source->array_child();

  // Choose the output rows: (input row, element) pairs, or NULL elements for empty arrays.
  const bool row_in_progress = state.element > 0;
  UnnestRows& rows = state.candidate_rows;
  rows.count = 0;
  while (state.row < input.size() && rows.count < kBatchSize) {
    const auto row = static_cast<sel_t>(state.row);
    sel_t index = arrays.index(state.row);
    const ArrayEntry entry = arrays.validity->RowIsValid(index) ? entries[index] : ArrayEntry{};
    if (entry.length == 0) {
      if (preserve_empty_) rows.Add(row, 0, 0, /*null=*/true, /*last=*/true);
      ++state.row;
      continue;
    }
    while (state.element < entry.length && rows.count < kBatchSize) {
      const bool last = state.element + 1 == entry.length;
      rows.Add(row, static_cast<sel_t>(entry.offset + state.element),
               static_cast<int64_t>(state.element), /*null=*/false, last);
      ++state.element;
    }
    if (state.element == entry.length) {
      ++state.row;
      state.element = 0;
    }
  }

  if (!condition_) {
    WriteRows(input, array_child, rows, with_offset_, output);
  } else {
    ApplyCondition(state, input, array_child, row_in_progress, output);
  }

  if (state.row < input.size()) return OperatorResult::kHaveMoreOutput;
  state.evaluated = false;
  return OperatorResult::kNeedMoreInput;
}

void PhysicalUnnest::ApplyCondition(UnnestState& state, const DataChunk& input,
                                    const Vector& array_child, bool row_in_progress,
                                    DataChunk& output) const {
  const UnnestRows& rows = state.candidate_rows;
  state.candidates.Reset();
  WriteRows(input, array_child, rows, with_offset_, state.candidates);
  const size_t passing = state.condition_executor.Select(state.candidates, state.passing);

  // Keep the passing element rows; a row none of whose elements passed gets one NULL row
  // (under LEFT JOIN), emitted at its last element. Each NULL row replaces that failing last
  // element, so the result never outgrows the candidates.
  UnnestRows& kept = state.final_rows;
  kept.count = 0;
  bool matched = row_in_progress && state.row_matched;
  size_t next_passing = 0;
  for (size_t i = 0; i < rows.count; ++i) {
    const sel_t input_row = rows.input_rows.get_index(i);
    if (rows.is_null[i]) {
      kept.Add(input_row, 0, 0, /*null=*/true, /*last=*/true);
      continue;
    }
    if (rows.positions[i] == 0) matched = false;
    const bool passes = next_passing < passing && state.passing.get_index(next_passing) == i;
    if (passes) {
      ++next_passing;
      matched = true;
      kept.Add(input_row, rows.element_rows.get_index(i), rows.positions[i], false, false);
    }
    if (rows.last_of_row[i] && !matched && preserve_empty_) {
      kept.Add(input_row, 0, 0, /*null=*/true, /*last=*/true);
    }
  }
  state.row_matched = matched;
  WriteRows(input, array_child, kept, with_offset_, output);
}

}  // namespace dq
