// ExpressionExecutor: evaluates bound (physical) expressions over DataChunks.
//
// Column references read `input.column(expression.index)`. Results may be constant vectors
// when the expression is constant. IF/CASE/COALESCE evaluate each branch only on the rows that
// take it, so `IF(x = 0, NULL, 1 / x)` never divides by zero. Errors raised by functions and
// casts get the SQL position of the call; SAFE. calls re-run a failing batch row by row and
// turn failing rows into NULL.
//
// One executor per thread (it keeps scratch state); expressions are borrowed and must outlive it.
#pragma once

#include <vector>

#include "plan/expression.h"
#include "vector/data_chunk.h"

namespace dq {

class ExpressionExecutor {
 public:
  ExpressionExecutor() = default;
  explicit ExpressionExecutor(std::vector<const Expression*> expressions)
      : expressions_(std::move(expressions)) {}

  void AddExpression(const Expression* expression) { expressions_.push_back(expression); }
  size_t expression_count() const { return expressions_.size(); }

  // Evaluates every expression into the matching column of `output` (initialized with the
  // expressions' types); sets output's size to input.size().
  void Execute(const DataChunk& input, DataChunk& output);
  // Evaluates expression `index` into `result`.
  void ExecuteExpression(size_t index, const DataChunk& input, Vector& result);
  // Evaluates boolean expression 0 and writes the rows where it is TRUE into `selection`
  // (capacity >= input.size()); returns how many.
  size_t Select(const DataChunk& input, SelectionVector& selection);

  // Evaluates one expression over `count` rows of `input` (static helper, no scratch reuse).
  static void Evaluate(const Expression& expression, const DataChunk& input, size_t count,
                       Vector& result);
  // Evaluates a foldable expression to a Value.
  static Value EvaluateConstant(const Expression& expression);

 private:
  std::vector<const Expression*> expressions_;
};

}  // namespace dq
