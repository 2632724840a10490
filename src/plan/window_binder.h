// Binding of analytic (window) functions: `f(...) OVER (...)`, `OVER w` with a WINDOW clause,
// and the LogicalWindow that computes them.
//
// Where they go in a query block (binder.cc): after FROM, WHERE, GROUP BY and HAVING, before
// QUALIFY, the SELECT projection, DISTINCT and ORDER BY. Their arguments, PARTITION BY and
// ORDER BY expressions are bound like SELECT-list expressions, so in an aggregating query they
// may use group keys and aggregates (`SUM(SUM(x)) OVER (PARTITION BY region)`); the caller
// rewrites them over the aggregate's output with ForEachExpression. Analytic calls are allowed
// in the SELECT list, QUALIFY and ORDER BY only; ExpressionBinder rejects them elsewhere.
#pragma once

#include <cstdint>
#include <vector>

#include "plan/bound_window.h"
#include "plan/logical_operator.h"
#include "sql/ast.h"

namespace dq {

// The analytic calls of one query block, in the order they were bound. A call binds to the
// column (window_index, i) of the LogicalWindow made by ApplyWindows.
struct WindowCollector {
  uint32_t window_index = 0;
  // The block's WINDOW clause (may be null): names usable in OVER.
  const std::vector<sql::NamedWindow>* named_windows = nullptr;
  std::vector<BoundWindowFunction> functions;
};

// Checks a WINDOW clause: names are unique and each refers only to windows defined before it.
void CheckNamedWindows(const std::vector<sql::NamedWindow>& windows);

// Returns `plan` under a LogicalWindow computing windows.functions (moved out), or `plan`
// itself when there are none.
LogicalOperatorPtr ApplyWindows(LogicalOperatorPtr plan, WindowCollector& windows);

}  // namespace dq
