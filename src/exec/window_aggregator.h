// WindowAggregator: an aggregate function (any of the registry, through its
// initialize/update/combine/finalize interface) evaluated over the frames of one partition.
//
// Every row's input is first folded into its own leaf state (one vectorized update per chunk).
// Then:
//  * frames that all start at the partition start (the default frame, UNBOUNDED PRECEDING,
//    the whole partition) are computed as a running aggregate: the leaves are combined into one
//    state as the frame end advances, and that state is finalized per distinct frame; O(n).
//  * other (sliding) frames query a segment tree of combined states: O(log n) combines per
//    row. Nodes are combined in row order, so order-sensitive aggregates stay correct.
// Rows whose frame equals the previous row's frame copy its result.
//
// REQUIRES: the aggregate's finalize does not modify its state (a running state is finalized
// many times).
#pragma once

#include <vector>

#include "exec/query_context.h"
#include "exec/window_rows.h"
#include "plan/bound_aggregate.h"

namespace dq {

class WindowAggregator {
 public:
  // `argument_columns`: the columns of the sorted rows holding the aggregate's arguments.
  WindowAggregator(const BoundAggregate& aggregate, std::vector<size_t> argument_columns)
      : aggregate_(aggregate), argument_columns_(std::move(argument_columns)) {}

  // For each row begin + i of the partition [begin, end) of `rows`, writes the aggregate over
  // rows [frame_begin[i], frame_end[i]) into column `result_column` of results[row / kBatchSize]
  // at row % kBatchSize.
  void Evaluate(QueryContext* query, const SortedWindowRows& rows, size_t begin, size_t end,
                const std::vector<size_t>& frame_begin, const std::vector<size_t>& frame_end,
                std::vector<DataChunk>& results, size_t result_column) const;

 private:
  class StateArray;

  // Folds the inputs of rows [begin, end) into states.At(first_slot + row - begin).
  void UpdateLeaves(const SortedWindowRows& rows, size_t begin, size_t end, StateArray& states,
                    size_t first_slot) const;

  const BoundAggregate& aggregate_;
  std::vector<size_t> argument_columns_;
};

// Copies the value at row `from` of column `column` of `results` to row `to`.
void CopyWindowResult(std::vector<DataChunk>& results, size_t column, size_t from, size_t to);

}  // namespace dq
