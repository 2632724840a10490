// Evaluation of one analytic function over the sorted rows of a PhysicalWindow bucket:
// numbering (ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE), navigation (LAG,
// LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE, with IGNORE NULLS for the last three) and
// aggregates over frames (WindowAggregator).
//
// Semantics follow GoogleSQL: ranks count peers (rows equal on the ORDER BY keys, NULLs equal);
// PERCENT_RANK is (rank - 1) / (rows - 1), 0 for a one-row partition; CUME_DIST is (rows up to
// and including the current peer group) / rows; NTILE(n) gives the first (rows % n) buckets
// one extra row; a navigation target outside the partition or frame yields the default (LAG,
// LEAD) or NULL.
#pragma once

#include <vector>

#include "exec/query_context.h"
#include "exec/window_rows.h"
#include "plan/bound_window.h"

namespace dq {

// Where one function's inputs are in the sorted rows.
struct WindowFunctionColumns {
  std::vector<size_t> arguments;  // aggregate arguments, or the navigation value
  size_t order_column = 0;        // the first ORDER BY key (RANGE frames with offsets)
  bool order_descending = false;
};

// Computes `function` for every row of `rows` into column `result_column` of results[chunk]
// (one result chunk per chunk of `rows`, of the same size).
void EvaluateWindowFunction(QueryContext* query, const BoundWindowFunction& function,
                            const WindowFunctionColumns& columns, const SortedWindowRows& rows,
                            std::vector<DataChunk>& results, size_t result_column);

}  // namespace dq
