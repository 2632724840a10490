// Query nodes of the SQL AST: QueryExpression, set operations, SELECT cores and FROM-clause
// table references (see ast.h for the overview).
//
// Shape of a query:
//   QueryExpression = [WITH entries] body [ORDER BY] [LIMIT [OFFSET]]
//   body (QueryBody) = SelectCore | SetOperation(left body, right body) | NestedQuery(query)
// Table references form a left-deep tree of JoinTableReference nodes whose leaves are named
// tables, subqueries, UNNEST calls and table-valued function calls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/ast_expression.h"

namespace dq::sql {

// ---------------------------------------------------------------------------------------------
// Table references (FROM clause)

enum class TableReferenceKind : uint8_t { kTable, kSubquery, kUnnest, kTableFunction, kJoin };

struct TableReference {
  TableReference(TableReferenceKind kind, int64_t position) : kind(kind), position(position) {}
  virtual ~TableReference() = default;
  virtual std::string ToString() const = 0;

  // Downcast. REQUIRES: kind == T::kKind (checked).
  template <typename T>
  const T& As() const {
    DQ_CHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }

  const TableReferenceKind kind;
  int64_t position;
};
using TableReferencePtr = std::unique_ptr<TableReference>;

// Renders " AS alias" or "" when alias is empty.
std::string AliasToString(const std::string& alias);

// A table by path: t, ds.t, proj.ds.t, `proj.ds.t` (a backtick-quoted name with dots is split
// into parts). After a comma, `t.arr` is also parsed as a path; the binder decides whether it
// names a table or a correlated array.
struct TableName : TableReference {
  static constexpr TableReferenceKind kKind = TableReferenceKind::kTable;
  explicit TableName(int64_t position) : TableReference(kKind, position) {}
  std::string ToString() const override;

  std::vector<std::string> path;
  std::string alias;  // empty when none
};

// (query) [AS] alias
struct SubqueryTable : TableReference {
  static constexpr TableReferenceKind kKind = TableReferenceKind::kSubquery;
  explicit SubqueryTable(int64_t position) : TableReference(kKind, position) {}
  ~SubqueryTable() override;
  std::string ToString() const override;

  std::unique_ptr<QueryExpression> query;
  std::string alias;
};

// UNNEST(array) [AS] alias [WITH OFFSET [AS] offset_alias]
struct UnnestTable : TableReference {
  static constexpr TableReferenceKind kKind = TableReferenceKind::kUnnest;
  explicit UnnestTable(int64_t position) : TableReference(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr array;
  std::string alias;
  bool with_offset = false;
  std::string offset_alias;  // empty when WITH OFFSET has no alias
};

// One argument of a table-valued function call.
struct TableFunctionArgument {
  enum class Kind : uint8_t { kExpression, kModel, kTable, kQuery };
  Kind kind = Kind::kExpression;
  int64_t position = kNoPosition;
  ExpressionPtr expression;                // kExpression
  std::vector<std::string> path;           // kModel / kTable: MODEL ds.m, TABLE ds.t
  std::unique_ptr<QueryExpression> query;  // kQuery: a parenthesized query
  TableFunctionArgument();
  TableFunctionArgument(TableFunctionArgument&&) noexcept;
  ~TableFunctionArgument();
  std::string ToString() const;
};

// name(args) [AS] alias, e.g. ML.PREDICT(MODEL ds.m, TABLE ds.t, STRUCT(0.5 AS threshold)).
struct TableFunctionCall : TableReference {
  static constexpr TableReferenceKind kKind = TableReferenceKind::kTableFunction;
  explicit TableFunctionCall(int64_t position) : TableReference(kKind, position) {}
  std::string ToString() const override;

  std::vector<std::string> name;
  std::vector<TableFunctionArgument> arguments;
  std::string alias;
};

enum class JoinType : uint8_t { kComma, kCross, kInner, kLeft, kRight, kFull };

// left <join> right [ON condition | USING (columns)]. A comma join is kComma. `position` is the
// left input's. Parenthesized joins keep `parenthesized` so ToString round-trips.
struct JoinTableReference : TableReference {
  static constexpr TableReferenceKind kKind = TableReferenceKind::kJoin;
  explicit JoinTableReference(int64_t position) : TableReference(kKind, position) {}
  std::string ToString() const override;

  JoinType join_type = JoinType::kInner;
  TableReferencePtr left;
  TableReferencePtr right;
  ExpressionPtr on_condition;              // may be null
  std::vector<std::string> using_columns;  // empty unless USING
  bool parenthesized = false;
};

// ---------------------------------------------------------------------------------------------
// Query bodies

enum class QueryBodyKind : uint8_t { kSelect, kSetOperation, kNested };

struct QueryBody {
  QueryBody(QueryBodyKind kind, int64_t position) : kind(kind), position(position) {}
  virtual ~QueryBody() = default;
  virtual std::string ToString() const = 0;

  // Downcast. REQUIRES: kind == T::kKind (checked).
  template <typename T>
  const T& As() const {
    DQ_CHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }

  const QueryBodyKind kind;
  int64_t position;
};
using QueryBodyPtr = std::unique_ptr<QueryBody>;

// One item of the SELECT list: an expression (possibly a StarExpression) and its alias.
struct SelectItem {
  int64_t position = kNoPosition;
  ExpressionPtr expression;
  std::string alias;  // empty when none
  std::string ToString() const;
};

// One element of GROUP BY.
//  kExpression: `expressions` holds one expression (ordinals such as 1 are Literals).
//  kRollup / kCube: ROLLUP(...) / CUBE(...) over `expressions`.
//  kGroupingSets: GROUPING SETS(...), the sets in `children`.
//  kSet: a parenthesized list `(a, b)` or `()` inside GROUPING SETS, or `()` alone.
struct GroupingElement {
  enum class Kind : uint8_t { kExpression, kRollup, kCube, kGroupingSets, kSet };
  Kind kind = Kind::kExpression;
  int64_t position = kNoPosition;
  ExpressionList expressions;
  std::vector<GroupingElement> children;
  std::string ToString() const;
};

struct NamedWindow {
  std::string name;
  WindowSpec spec;
};

// SELECT [DISTINCT|ALL] [AS STRUCT|AS VALUE] items [FROM ..] [WHERE ..] [GROUP BY ..]
// [HAVING ..] [QUALIFY ..] [WINDOW ..]
struct SelectCore : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kSelect;
  explicit SelectCore(int64_t position) : QueryBody(kKind, position) {}
  std::string ToString() const override;

  enum class SelectAs : uint8_t { kNone, kStruct, kValue };
  bool distinct = false;
  SelectAs select_as = SelectAs::kNone;
  std::vector<SelectItem> items;
  TableReferencePtr from;  // null without FROM
  ExpressionPtr where;     // may be null
  bool group_by_all = false;
  std::vector<GroupingElement> group_by;
  ExpressionPtr having;   // may be null
  ExpressionPtr qualify;  // may be null
  std::vector<NamedWindow> windows;
};

enum class SetOperator : uint8_t { kUnion, kIntersect, kExcept };

// left UNION|INTERSECT|EXCEPT ALL|DISTINCT right. A chain a UNION ALL b UNION ALL c is
// left-deep; GoogleSQL forbids mixing different operators without parentheses. A bare
// UNION (no ALL/DISTINCT) is accepted as DISTINCT.
struct SetOperation : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kSetOperation;
  explicit SetOperation(int64_t position) : QueryBody(kKind, position) {}
  std::string ToString() const override;

  SetOperator op = SetOperator::kUnion;
  bool all = false;  // ALL; otherwise DISTINCT
  QueryBodyPtr left;
  QueryBodyPtr right;
};

// A parenthesized query used as a set-operation operand or as the whole body.
struct NestedQuery : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kNested;
  explicit NestedQuery(int64_t position) : QueryBody(kKind, position) {}
  ~NestedQuery() override;
  std::string ToString() const override;

  std::unique_ptr<QueryExpression> query;
};

// ---------------------------------------------------------------------------------------------
// QueryExpression

struct WithEntry {
  int64_t position = kNoPosition;
  std::string name;
  std::unique_ptr<QueryExpression> query;
  WithEntry();
  WithEntry(WithEntry&&) noexcept;
  ~WithEntry();
};

struct QueryExpression {
  int64_t position = kNoPosition;
  bool recursive = false;  // WITH RECURSIVE
  std::vector<WithEntry> with;
  QueryBodyPtr body;
  std::vector<OrderByItem> order_by;
  ExpressionPtr limit;   // may be null
  ExpressionPtr offset;  // may be null; only with limit
  std::string ToString() const;
};

}  // namespace dq::sql
