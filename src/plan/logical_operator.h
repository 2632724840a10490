// The logical plan: relational operators produced by the binder, rewritten by the optimizer
// and turned into physical operators by the physical planner.
//
// Every operator produces columns identified by ColumnBindings (expression.h), so rewrites
// (pushing filters, reordering joins, pruning columns) never renumber references. Expressions
// of an operator reference bindings of its children.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_entries.h"
#include "exec/column_data_collection.h"
#include "plan/bound_aggregate.h"
#include "plan/bound_window.h"
#include "plan/expression.h"

namespace dq {

enum class LogicalKind : uint8_t {
  kGet,         // scan of a stored table
  kValues,      // constant rows
  kFilter,
  kProjection,
  kAggregate,   // GROUP BY / DISTINCT / aggregates
  kJoin,
  kOrder,       // ORDER BY, optionally with a limit (top-N)
  kLimit,
  kUnion,       // UNION ALL
  kUnnest,      // each input row joined with the elements of an array expression over it
  kWindow,      // analytic functions: the child's columns plus one column per function
  kPredict,     // ML.PREDICT: the child's columns plus one column per model output
};

enum class LogicalJoinType : uint8_t { kInner, kLeft, kRight, kFull, kSemi, kAnti };

struct LogicalOperator;
using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

struct LogicalOperator {
  explicit LogicalOperator(LogicalKind kind) : kind(kind) {}
  virtual ~LogicalOperator() = default;

  const LogicalKind kind;
  std::vector<LogicalOperatorPtr> children;
  uint64_t estimated_rows = 0;

  // Output columns in order, and their types.
  virtual std::vector<ColumnBinding> Bindings() const = 0;
  virtual std::vector<LogicalType> Types() const = 0;
  virtual std::string Describe() const = 0;
  // Indented tree text for EXPLAIN of the logical plan and tests.
  std::string ToString(int indent = 0) const;

  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }
};

struct LogicalGet : LogicalOperator {
  LogicalGet() : LogicalOperator(LogicalKind::kGet) {}
  std::shared_ptr<const TableEntry> table;
  uint32_t table_index = 0;
  std::vector<size_t> column_ids;       // table columns read, in output order
  std::vector<ExpressionPtr> filters;   // pushed-down predicates over this Get's bindings
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override;
  std::string Describe() const override;
};

struct LogicalValues : LogicalOperator {
  LogicalValues() : LogicalOperator(LogicalKind::kValues) {}
  uint32_t table_index = 0;
  std::vector<LogicalType> types;
  std::shared_ptr<ColumnDataCollection> rows;
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override { return types; }
  std::string Describe() const override;
};

struct LogicalFilter : LogicalOperator {
  LogicalFilter() : LogicalOperator(LogicalKind::kFilter) {}
  std::vector<ExpressionPtr> predicates;  // AND-ed
  std::vector<ColumnBinding> Bindings() const override { return children[0]->Bindings(); }
  std::vector<LogicalType> Types() const override { return children[0]->Types(); }
  std::string Describe() const override;
};

struct LogicalProjection : LogicalOperator {
  LogicalProjection() : LogicalOperator(LogicalKind::kProjection) {}
  uint32_t table_index = 0;
  std::vector<ExpressionPtr> expressions;
  // When set, the child's columns pass through unchanged (same bindings) before `expressions`.
  bool passthrough = false;
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override;
  std::string Describe() const override;
};

struct LogicalAggregate : LogicalOperator {
  LogicalAggregate() : LogicalOperator(LogicalKind::kAggregate) {}
  uint32_t group_index = 0;
  uint32_t aggregate_index = 0;
  std::vector<ExpressionPtr> groups;
  // Output bindings of the groups when they keep their input bindings (decorrelation carries
  // the outer columns through a GROUP BY this way); empty: (group_index, i).
  std::vector<ColumnBinding> group_bindings;
  // ROLLUP / CUBE / GROUPING SETS: each set lists indexes into `groups`; empty means one set of
  // all groups. With sets, a grouping id column (grouping_index, 0) follows the aggregates.
  std::vector<std::vector<size_t>> grouping_sets;
  uint32_t grouping_index = 0;
  // Groups at positions >= this are functionally dependent on the earlier ones: they are
  // carried along, not hashed or compared (decorrelation groups by a unique row tag).
  size_t compared_groups = SIZE_MAX;
  std::vector<BoundAggregate> aggregates;
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override;
  std::string Describe() const override;
};

struct JoinCondition {
  ExpressionPtr left;   // over the left child
  ExpressionPtr right;  // over the right child
};

struct LogicalJoin : LogicalOperator {
  LogicalJoin() : LogicalOperator(LogicalKind::kJoin) {}
  LogicalJoinType join_type = LogicalJoinType::kInner;
  std::vector<JoinCondition> conditions;  // equalities
  ExpressionPtr residual;                 // other predicates over both sides; may be null
  // The key equalities treat NULL = NULL as true (INTERSECT / EXCEPT compare rows this way).
  bool null_equal_keys = false;
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override;
  std::string Describe() const override;
};

struct LogicalOrder : LogicalOperator {
  LogicalOrder() : LogicalOperator(LogicalKind::kOrder) {}
  std::vector<OrderItem> items;
  std::optional<uint64_t> limit;  // set by the optimizer when a LIMIT sits on top (top-N)
  uint64_t offset = 0;
  std::vector<ColumnBinding> Bindings() const override { return children[0]->Bindings(); }
  std::vector<LogicalType> Types() const override { return children[0]->Types(); }
  std::string Describe() const override;
};

struct LogicalLimit : LogicalOperator {
  LogicalLimit() : LogicalOperator(LogicalKind::kLimit) {}
  uint64_t limit = 0;
  uint64_t offset = 0;
  std::vector<ColumnBinding> Bindings() const override { return children[0]->Bindings(); }
  std::vector<LogicalType> Types() const override { return children[0]->Types(); }
  std::string Describe() const override;
};

// Analytic (window) functions over the child's rows. Output: the child's columns unchanged
// (same bindings), then (window_index, i) for functions[i]. The physical planner evaluates
// functions with equal PARTITION BY / ORDER BY in one sort.
struct LogicalWindow : LogicalOperator {
  LogicalWindow() : LogicalOperator(LogicalKind::kWindow) {}
  uint32_t window_index = 0;
  std::vector<BoundWindowFunction> functions;
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override;
  std::string Describe() const override;
};

struct LogicalUnion : LogicalOperator {
  LogicalUnion() : LogicalOperator(LogicalKind::kUnion) {}
  uint32_t table_index = 0;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override { return types; }
  std::string Describe() const override { return "UNION ALL"; }
};

// FROM ... UNNEST(array): every child row is repeated once per element of `array` (evaluated
// over that row), followed by the element and, WITH OFFSET, its zero-based position. With
// `preserve_empty` (LEFT JOIN UNNEST) a row whose array is empty or NULL appears once, with a
// NULL element and offset. Standalone `FROM UNNEST(...)` unnests over a one-row VALUES child.
struct LogicalUnnest : LogicalOperator {
  LogicalUnnest() : LogicalOperator(LogicalKind::kUnnest) {}
  uint32_t table_index = 0;  // (table_index, 0) element, (table_index, 1) offset
  ExpressionPtr array;       // over the child's bindings
  bool with_offset = false;
  bool preserve_empty = false;
  // LEFT JOIN UNNEST(...) ON condition, over the child's bindings and the element (and
  // offset): only elements passing it are kept, and a row none of whose elements pass keeps
  // one row with a NULL element, as a LEFT JOIN does. Null when there is no ON.
  ExpressionPtr condition;
  LogicalType ElementType() const { return array->type.element_type(); }
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override;
  std::string Describe() const override;
};

// ML.PREDICT's options: STRUCT(n AS batch_size, TRUE AS null_on_error, TRUE AS missing_as_nan).
struct PredictOptions {
  size_t batch_size = 1024;     // rows per tensor batch
  bool null_on_error = false;   // bad rows get NULL outputs instead of an error
  // FLOAT32 inputs: NULL (also inside arrays) and NaN are fed as NaN, the missing value of
  // models that handle one (tree ensembles), instead of NULL outputs / an error.
  bool missing_as_nan = false;
};

// ML.PREDICT(MODEL m, TABLE t | (query)): each child row with the model's outputs appended
// as (table_index, i) for model->outputs[i]. Row-wise and 1:1, so predicates over the child's
// columns alone may move below it; predicates over the outputs must stay above.
struct LogicalPredict : LogicalOperator {
  LogicalPredict() : LogicalOperator(LogicalKind::kPredict) {}
  uint32_t table_index = 0;
  std::shared_ptr<const ModelEntry> model;
  // One column reference over the child per model input (model->inputs order).
  std::vector<ExpressionPtr> inputs;
  std::vector<LogicalType> output_types;  // per model output
  PredictOptions options;
  std::vector<ColumnBinding> Bindings() const override;
  std::vector<LogicalType> Types() const override;
  std::string Describe() const override;
};

}  // namespace dq
