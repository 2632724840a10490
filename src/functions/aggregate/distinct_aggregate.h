// DISTINCT aggregates (COUNT(DISTINCT x), SUM(DISTINCT x), ...): a wrapper that collects the
// distinct non-NULL argument rows (ARRAY_AGG: NULL too) of each group and runs the wrapped aggregate over them when
// the group is finalized. Partial states from different threads merge by set union, so it
// works with parallel partial aggregation like any other aggregate.
#pragma once

#include "plan/bound_aggregate.h"

namespace dq {

// Turns a bound aggregate into its DISTINCT form (arguments unchanged).
BoundAggregate MakeDistinctAggregate(BoundAggregate inner);

}  // namespace dq
