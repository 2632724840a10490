// ExpressionBinder: binds one AST expression to a typed Expression in a given scope.
//
// Aggregates: when `aggregates` is set (SELECT list, HAVING, ORDER BY of a query block),
// aggregate calls are bound into it and replaced by references to the aggregate operator's
// output; elsewhere (WHERE, GROUP BY, ON) an aggregate call is an error.
//
// Analytic calls (`f(...) OVER (...)`): when a WindowCollector is set (SELECT list, QUALIFY,
// ORDER BY), they are bound into it (window_binder.cc) and replaced by references to the
// window operator's output; elsewhere they are an error.
#pragma once

#include <string>
#include <vector>

#include "functions/aggregate/array_aggregates.h"
#include "plan/bind_scope.h"
#include "plan/bound_aggregate.h"
#include "plan/expression.h"
#include "plan/logical_operator.h"
#include "sql/ast.h"

namespace dq {

class Binder;
struct PendingSubquery;
struct WindowCollector;

struct AggregateCollector {
  uint32_t aggregate_index = 0;
  std::vector<BoundAggregate> aggregates;
  // For GROUPING(x): the bound GROUP BY keys and, with ROLLUP/CUBE/GROUPING SETS, the grouping
  // id column (bit i set when key i is rolled up in the row).
  const std::vector<ExpressionPtr>* group_keys = nullptr;
  bool has_grouping_sets = false;
  ColumnBinding grouping_id;
};

class ExpressionBinder {
 public:
  // `clause` names where the expression appears, for messages ("WHERE", "GROUP BY").
  ExpressionBinder(Binder& binder, const BindScope& scope, const char* clause,
                   AggregateCollector* aggregates = nullptr)
      : binder_(binder), scope_(scope), clause_(clause), aggregates_(aggregates) {}

  ExpressionPtr Bind(const sql::Expression& expression);

  // Where correlated subqueries found by Bind go (the caller applies them to its plan); when
  // unset, a correlated subquery in this expression is an error.
  void set_pending_subqueries(std::vector<PendingSubquery>* pending) { pending_ = pending; }
  // Where analytic calls go; when unset, an analytic call is an error.
  void set_window_collector(WindowCollector* windows) { windows_ = windows; }
  // SELECT-list aliases usable as names (QUALIFY): a single-part name that is not a column of
  // the scope resolves to a copy of the aliased, bound expression.
  using AliasList = std::vector<std::pair<std::string, const Expression*>>;
  void set_select_aliases(const AliasList* aliases) { aliases_ = aliases; }

  // Builds a call of scalar function `name` over bound arguments, resolving the overload and
  // coercing the arguments; folds it when all arguments are constants.
  ExpressionPtr BindFunctionCall(const std::string& name, std::vector<ExpressionPtr> arguments,
                                 int64_t position, bool safe = false);
  // CURRENT_TIMESTAMP / CURRENT_DATE / CURRENT_DATETIME / CURRENT_TIME from the statement time.
  ExpressionPtr BindCurrentTime(const std::string& name, std::vector<ExpressionPtr> arguments,
                                int64_t position, bool safe);
  // `operand IN (values)` for constants already of operand's type, with SQL NULL semantics.
  ExpressionPtr BindInConstants(ExpressionPtr operand, const std::vector<Value>& values,
                                int64_t position);
  // Binds `left op right` for comparison operators after coercing both to a common type.
  ExpressionPtr BindComparison(const std::string& function_name, ExpressionPtr left,
                               ExpressionPtr right, int64_t position);

 private:
  ExpressionPtr BindLiteral(const sql::Literal& literal);
  ExpressionPtr BindPath(const sql::PathExpression& path);
  // `x IS [NOT] DISTINCT FROM y` (is_distinct_binder.cc).
  ExpressionPtr BindIsDistinct(const sql::IsExpression& is);
  ExpressionPtr BindUnary(const sql::UnaryExpression& unary);
  ExpressionPtr BindBinary(const sql::BinaryExpression& binary);
  ExpressionPtr BindIs(const sql::IsExpression& is);
  ExpressionPtr BindBetween(const sql::BetweenExpression& between);
  ExpressionPtr BindInList(const sql::InListExpression& in);
  ExpressionPtr BindFunction(const sql::FunctionCall& call);
  ExpressionPtr BindAggregate(const sql::FunctionCall& call, const std::string& name);
  ExpressionPtr BindGrouping(const sql::FunctionCall& call);
  // Chooses the overload of aggregate `name` for bound arguments and coerces them.
  BoundAggregate ResolveAggregate(const std::string& name, const std::string& function_name,
                                  std::vector<ExpressionPtr> arguments, bool distinct,
                                  int64_t position);
  // Analytic calls (window_binder.cc).
  ExpressionPtr BindAnalytic(const sql::FunctionCall& call);
  ExpressionPtr BindCast(const sql::CastExpression& cast);
  ExpressionPtr BindCase(const sql::CaseExpression& case_expression);
  ExpressionPtr BindExtract(const sql::ExtractExpression& extract);
  // A FROM item's alias used as a value: its row as a STRUCT of its columns (or the value of
  // a value table).
  ExpressionPtr BindRowValue(const BoundRelation& relation, int64_t position);
  // INTERVAL <expr> <part> and INTERVAL '<text>' <part> [TO <part>] (interval_binder.cc).
  ExpressionPtr BindInterval(const sql::IntervalLiteral& interval);
  // Nested data (nested_binder.cc): constructors, field access, subscripts, IN UNNEST, and the
  // ORDER BY / LIMIT / IGNORE NULLS modifiers of ARRAY_AGG and STRING_AGG.
  ExpressionPtr BindArray(const sql::ArrayConstructor& array);
  ExpressionPtr BindStruct(const sql::StructConstructor& constructor);
  // `a.b.c`: a table alias's column and then struct fields, or a column and struct fields.
  ExpressionPtr BindMultiPartPath(const sql::PathExpression& path);
  ExpressionPtr BindFieldAccess(const sql::FieldAccess& access);
  ExpressionPtr BindSubscript(const sql::Subscript& subscript);
  ExpressionPtr BindJsonSubscript(ExpressionPtr json, const sql::Subscript& subscript);
  ExpressionPtr BindInUnnest(const sql::InUnnestExpression& in);
  void BindAggregateModifiers(const sql::FunctionCall& call, BoundAggregate& bound);
  ExpressionPtr BindConditional(ExpressionKind kind, std::vector<ExpressionPtr> values,
                                int64_t position, const char* name);
  ExpressionPtr BindBoolean(const sql::Expression& expression, const char* context);
  // Date-part and INTERVAL arguments of date functions become extra constant arguments.
  std::vector<ExpressionPtr> BindFunctionArguments(const std::string& name,
                                                   const sql::FunctionCall& call);

  Binder& binder_;
  const BindScope& scope_;
  const char* clause_;
  AggregateCollector* aggregates_;
  std::vector<PendingSubquery>* pending_ = nullptr;
  bool inside_aggregate_ = false;
  WindowCollector* windows_ = nullptr;
  const AliasList* aliases_ = nullptr;
  bool inside_analytic_ = false;
};

// "INT64, STRING" for error messages (an untyped NULL shows as INT64, as in GoogleSQL).
std::string ArgumentTypeList(const std::vector<ExpressionPtr>& arguments);
// The sort direction and NULL placement of an ORDER BY item inside an aggregate (GoogleSQL's
// default: NULLs first ascending, last descending).
OrderedAggregateKey OrderedAggregateKeyOf(const sql::OrderByItem& item);
// How errors name a function or operator: "function SUBSTR", "operator +".
std::string DisplayName(const std::string& name);

// Tries to evaluate a foldable expression now; returns it unchanged if evaluation raises a
// user error (the error then surfaces only for rows that really evaluate it).
ExpressionPtr FoldConstant(ExpressionPtr expression);

// Replaces every subexpression whose fingerprint is keys[i] with a reference to the grouped
// column (group_index, i) of type key_types[i] (GROUP BY keys read above an aggregate).
ExpressionPtr ReplaceGroupKeys(ExpressionPtr expression, const std::vector<std::string>& keys,
                               const std::vector<LogicalType>& key_types, uint32_t group_index);

}  // namespace dq
