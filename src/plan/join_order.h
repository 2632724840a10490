// Join ordering for a tree of inner joins: dynamic programming over connected subsets of the
// relations (DPsize), minimizing the sum of estimated intermediate result sizes.
//
// Cardinalities: a relation's estimated rows (EstimateCardinality); a join of A and B on key
// equalities is |A| * |B| / max(ndv(a), ndv(b)) for its most selective equality, where the
// number of distinct values of a key column comes from the scan's zone maps (for integer and
// date keys: at most max - min + 1) capped by the rows of its side. Cross products are only
// considered when no connected split exists.
#pragma once

#include <vector>

#include "plan/logical_operator.h"

namespace dq {

// Inner-join relations with the equality conditions and other predicates between them.
struct JoinGraph {
  std::vector<LogicalOperatorPtr> relations;
  std::vector<JoinCondition> conditions;
  std::vector<ExpressionPtr> residual;
};

// Estimated rows of `left JOIN right ON conditions` (inner semantics) from the key distinct
// counts: |left| * |right| / max(distinct) of the most selective equality.
double EstimateEquiJoinRows(const LogicalOperator& left, const LogicalOperator& right,
                            const std::vector<JoinCondition>& conditions);

// Builds the cheapest join tree, or returns null when the graph is too large for the search
// (the caller then uses a greedy order). REQUIRES: relations have estimated_rows set.
LogicalOperatorPtr PlanJoinOrderDp(JoinGraph& graph);

}  // namespace dq
