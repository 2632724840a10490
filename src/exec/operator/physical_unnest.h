// PhysicalUnnest: a streaming operator that repeats each input row once per element of an
// ARRAY expression evaluated over that row, appending the element (and, WITH OFFSET, its
// zero-based position) as new columns after the input's columns.
//
// Output chunks hold at most kBatchSize rows: when an input chunk expands to more, Execute
// returns kHaveMoreOutput and resumes from the row and element where it stopped (the array
// column is evaluated once per input chunk and kept in the OperatorState). With
// `preserve_empty` (LEFT JOIN UNNEST), a row whose array is NULL or empty still produces one
// output row, with NULL element and offset.
//
// Input columns are passed through as dictionary slices of the input chunk, elements are
// copied out of the array's child vector with one CopyVector per output chunk.
#pragma once

#include "exec/physical_operator.h"
#include "plan/expression.h"

namespace dq {

class PhysicalUnnest : public PhysicalOperator {
 public:
  // `types`: the input's types, then the element type, then INT64 if `with_offset`.
  // REQUIRES: array->type is an ARRAY; its column references are resolved to input positions.
  PhysicalUnnest(std::vector<LogicalType> types, ExpressionPtr array, bool with_offset,
                 bool preserve_empty)
      : PhysicalOperator(std::move(types)),
        array_(std::move(array)),
        with_offset_(with_offset),
        preserve_empty_(preserve_empty) {}

  std::string Name() const override { return preserve_empty_ ? "LEFT UNNEST" : "UNNEST"; }
  std::vector<std::string> Details() const override;
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResult Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                         OperatorState& state) const override;

 private:
  ExpressionPtr array_;
  bool with_offset_;
  bool preserve_empty_;
};

}  // namespace dq
