// ExpressionBinder: `x IS [NOT] DISTINCT FROM y`. Both operands are coerced to their common
// supertype, which must support equality (grouping semantics: NULL is not distinct from NULL);
// the comparison is the $is_distinct_from / $is_not_distinct_from kernel
// (functions/scalar/is_distinct.cc), never NULL.
#include "common/error.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

ExpressionPtr ExpressionBinder::BindIsDistinct(const sql::IsExpression& is) {
  ExpressionPtr left = Bind(*is.operand);
  ExpressionPtr right = Bind(*is.other);
  const char* text = is.negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
  std::optional<LogicalType> common =
      CommonSupertype({left->type, right->type}, {left->IsConstant(), right->IsConstant()});
  if (!common || !common->SupportsEquality()) {
    throw Error(ErrorKind::kBinding,
                std::string("No matching signature for operator ") + text +
                    " for argument types: " + left->type.ToString() + ", " +
                    right->type.ToString(),
                is.position);
  }
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(CoerceTo(std::move(left), *common));
  arguments.push_back(CoerceTo(std::move(right), *common));
  return BindFunctionCall(is.negated ? "$is_not_distinct_from" : "$is_distinct_from",
                          std::move(arguments), is.position);
}

}  // namespace dq
