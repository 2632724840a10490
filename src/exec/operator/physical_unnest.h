// PhysicalUnnest: a streaming operator that repeats each input row once per element of an
// ARRAY expression evaluated over that row, appending the element (and, WITH OFFSET, its
// zero-based position) as new columns after the input's columns.
//
// Output chunks hold at most kBatchSize rows: when an input chunk expands to more, Execute
// returns kHaveMoreOutput and resumes from the row and element where it stopped (the array
// column is evaluated once per input chunk and kept in the OperatorState). With
// `preserve_empty` (LEFT JOIN UNNEST), a row whose array is NULL or empty still produces one
// output row, with NULL element and offset; with a `condition` too (LEFT JOIN UNNEST ... ON),
// only the elements passing it are output, and a row none of whose elements pass gets that
// NULL row instead (tracked across output chunks when a row's elements span several).
//
// Input columns are passed through as dictionary slices of the input chunk, elements are
// copied out of the array's child vector with one CopyVector per output chunk. Under a
// condition, the candidate rows are written to a scratch chunk, the condition selects among
// them, and the survivors are written again to the output.
#pragma once

#include "exec/physical_operator.h"
#include "plan/expression.h"

namespace dq {

struct UnnestState;

class PhysicalUnnest : public PhysicalOperator {
 public:
  // `types`: the input's types, then the element type, then INT64 if `with_offset`.
  // REQUIRES: array->type is an ARRAY; its column references are resolved to input positions.
  // `condition` (may be null): over the output's columns.
  PhysicalUnnest(std::vector<LogicalType> types, ExpressionPtr array, bool with_offset,
                 bool preserve_empty, ExpressionPtr condition = nullptr)
      : PhysicalOperator(std::move(types)),
        array_(std::move(array)),
        with_offset_(with_offset),
        preserve_empty_(preserve_empty),
        condition_(std::move(condition)) {}

  std::string Name() const override { return preserve_empty_ ? "LEFT UNNEST" : "UNNEST"; }
  std::vector<std::string> Details() const override;
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResult Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                         OperatorState& state) const override;

 private:
  // Writes the candidate rows in `state` that pass condition_ into `output`, plus the NULL
  // rows of input rows none of whose elements passed (see the file comment).
  void ApplyCondition(UnnestState& state, const DataChunk& input, const Vector& array_child,
                      bool row_in_progress, DataChunk& output) const;

  ExpressionPtr array_;
  bool with_offset_;
  bool preserve_empty_;
  ExpressionPtr condition_;
};

}  // namespace dq
