// Bound expressions: the binder's resolved, typed form of SQL expressions, shared by the
// logical plan (where column references are ColumnBindings) and the physical plan (where the
// physical planner has resolved them to positions in the operator's input chunk).
//
// Ownership: a tree of unique_ptr children. Copy() deep-copies (bind data is shared, it is
// immutable).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "functions/function.h"
#include "types/logical_type.h"
#include "types/time_zone.h"
#include "types/value.h"

namespace dq {

// Identifies a column produced by a logical operator: (table index, column index). Table
// indexes are handed out by the binder, one per base table reference / projection / aggregate.
struct ColumnBinding {
  uint32_t table = 0;
  uint32_t column = 0;
  bool operator==(const ColumnBinding&) const = default;
  bool operator<(const ColumnBinding& other) const {
    return table != other.table ? table < other.table : column < other.column;
  }
};

enum class ExpressionKind : uint8_t {
  kColumnRef,  // binding (logical) / index (physical)
  kConstant,   // value
  kFunction,   // scalar function call over children
  kCast,       // CAST(children[0] AS type); safe => SAFE_CAST
  kAnd,        // children (2+), three-valued
  kOr,         // children (2+), three-valued
  kNot,        // children[0]
  kIsNull,     // children[0] IS NULL
  kIsNotNull,  // children[0] IS NOT NULL
  kCase,       // children: when_0, then_0, when_1, then_1, ..., else (always present)
  kCoalesce,   // children (2+): first non-NULL, evaluated lazily
};

struct Expression {
  ExpressionKind kind = ExpressionKind::kConstant;
  LogicalType type;
  int64_t position = -1;  // byte offset in the SQL text (for error messages), or -1
  std::string alias;      // output name when this is a select-list item

  // kColumnRef
  ColumnBinding binding;
  size_t index = 0;  // physical: column position in the input chunk
  std::string name;  // the column's name as written, for printing

  // kConstant
  Value value;

  // kFunction
  const ScalarFunction* function = nullptr;
  std::shared_ptr<FunctionData> bind_data;
  // kFunction and kCast: SAFE. prefix / SAFE_CAST: errors become NULL.
  bool safe = false;

  std::vector<std::unique_ptr<Expression>> children;

  std::unique_ptr<Expression> Copy() const;
  // SQL-like text for EXPLAIN and error messages.
  std::string ToString() const;
  // Like ToString but column references print their binding, so structurally equal
  // expressions (e.g. a GROUP BY key and its use in SELECT) have equal fingerprints.
  std::string Fingerprint() const;
  // Whether the expression reads no columns and has no non-deterministic function.
  bool IsFoldable() const;
  bool IsConstant() const { return kind == ExpressionKind::kConstant; }
};

using ExpressionPtr = std::unique_ptr<Expression>;

// One ORDER BY item (of a query, or of a window). The binder resolves GoogleSQL's default
// NULL placement into `nulls_first` (ASC: first, DESC: last).
struct OrderItem {
  ExpressionPtr expression;
  bool descending = false;
  bool nulls_first = true;
};

// bind_data of a kCast between TIMESTAMP and civil time (STRING, DATE, DATETIME, TIME) that
// reads the civil time in a zone other than UTC.
struct CastTimeZoneData : FunctionData {
  explicit CastTimeZoneData(TimeZone zone) : zone(std::move(zone)) {}
  std::string Describe() const override { return "time zone " + zone.name(); }
  TimeZone zone;
};

// The session time zone for the casts built on this thread while the scope lives: the Binder
// opens one per statement (SET @@time_zone), so every cast it creates, directly or through
// CoerceTo, converts TIMESTAMPs in that zone. Scopes nest; outside any, casts use UTC.
class BindingTimeZoneScope {
 public:
  explicit BindingTimeZoneScope(const TimeZone* zone);
  ~BindingTimeZoneScope();
  BindingTimeZoneScope(const BindingTimeZoneScope&) = delete;
  BindingTimeZoneScope& operator=(const BindingTimeZoneScope&) = delete;
  // The innermost scope's zone, or null (UTC).
  static const TimeZone* Current();

 private:
  const TimeZone* previous_;
};

ExpressionPtr MakeConstant(Value value, int64_t position = -1);
ExpressionPtr MakeColumnRef(ColumnBinding binding, LogicalType type, std::string name);
// A cast between TIMESTAMP and civil time carries BindingTimeZoneScope::Current()'s zone.
ExpressionPtr MakeCast(ExpressionPtr child, LogicalType type, bool safe = false);
ExpressionPtr MakeFunction(const ScalarFunction* function, std::vector<ExpressionPtr> arguments,
                           LogicalType return_type, std::shared_ptr<FunctionData> bind_data,
                           int64_t position);
ExpressionPtr MakeConjunction(ExpressionKind kind, std::vector<ExpressionPtr> children);

// Visits every column reference in the tree (pre-order).
template <typename Visitor>
void VisitColumnRefs(Expression& expression, Visitor&& visitor) {
  if (expression.kind == ExpressionKind::kColumnRef) visitor(expression);
  for (auto& child : expression.children) VisitColumnRefs(*child, visitor);
}
template <typename Visitor>
void VisitColumnRefs(const Expression& expression, Visitor&& visitor) {
  if (expression.kind == ExpressionKind::kColumnRef) visitor(expression);
  for (const auto& child : expression.children) VisitColumnRefs(*child, visitor);
}

// Replaces references to columns of `table_index` by copies of `replacements[column]`.
ExpressionPtr SubstituteColumnRefs(ExpressionPtr expression, uint32_t table_index,
                                   const std::vector<ExpressionPtr>& replacements);

// Splits a conjunction into its AND-ed terms (moving them out of `expression`).
void SplitConjunction(ExpressionPtr expression, std::vector<ExpressionPtr>& terms);

}  // namespace dq
