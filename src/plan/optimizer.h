// Optimizer: rule-based rewrites of the logical plan, in this order:
//   1. filter pushdown: WHERE/HAVING/ON predicates move down through projections, aggregates
//      (group keys only) and joins to the lowest operator that has their columns; predicates
//      reaching a table become scan filters (evaluated per batch, and used for zone-map
//      pruning); equalities between the two sides of a join become hash-join keys;
//   2. join ordering: trees of inner joins are rebuilt greedily from cardinality estimates,
//      joining the pair with the smallest estimated result first;
//   3. top-N: LIMIT over ORDER BY becomes one bounded sort;
//   4. column pruning: scans read only the columns something above them uses.
// Constant folding happens earlier, in the binder.
#pragma once

#include "plan/logical_operator.h"

namespace dq {

LogicalOperatorPtr Optimize(LogicalOperatorPtr plan);

// Estimated output rows of an operator (also stored in estimated_rows by Optimize).
uint64_t EstimateCardinality(LogicalOperator& op);

}  // namespace dq
