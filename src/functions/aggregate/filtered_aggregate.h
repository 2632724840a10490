// Filtered aggregates: an aggregate that folds only the rows where a condition is TRUE, like
// SQL's `agg(x) FILTER (WHERE condition)`. The decorrelation of subqueries uses it so that the
// rows a LEFT JOIN or a preserving UNNEST adds for outer rows without matches do not reach the
// subquery's aggregates (COUNT(*) is 0, ARRAY_AGG is NULL, as over no rows).
//
// The wrapper shares the inner aggregate's state layout, initialize and destroy; the condition
// is an extra trailing BOOL argument (NULL counts as not TRUE).
#pragma once

#include "plan/bound_aggregate.h"

namespace dq {

BoundAggregate MakeFilteredAggregate(BoundAggregate inner, ExpressionPtr condition);

}  // namespace dq
