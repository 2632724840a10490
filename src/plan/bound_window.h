// BoundWindowFunction: a resolved analytic call `f(...) OVER (PARTITION BY ... ORDER BY ...
// frame)` as the binder produces it (window_binder.cc) and PhysicalWindow evaluates it.
//
// The binder has already checked GoogleSQL's rules, so the executor may rely on them:
//  * numbering functions and LAG/LEAD have no explicit frame (`frame` is unused);
//  * RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG and LEAD have an ORDER BY;
//  * constant parameters (LAG/LEAD offset, NTILE buckets, NTH_VALUE n, frame offsets) are
//    non-NULL and in range; a RANGE frame with offsets has exactly one numeric ORDER BY key and
//    offsets of that key's type;
//  * the frame start is not UNBOUNDED FOLLOWING, the end is not UNBOUNDED PRECEDING, and the
//    start kind does not come after the end kind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plan/bound_aggregate.h"
#include "plan/expression.h"
#include "types/value.h"

namespace dq {

enum class WindowFunctionKind : uint8_t {
  kAggregate,  // any aggregate of the registry over the frame
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

struct WindowFrameBound {
  enum class Kind : uint8_t {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing
  };
  Kind kind = Kind::kCurrentRow;
  // kPreceding / kFollowing: a non-negative constant; INT64 for ROWS, the ORDER BY key's type
  // for RANGE.
  Value offset;
  std::string ToString() const;
};

// The frame of rows an aggregate or FIRST_VALUE/LAST_VALUE/NTH_VALUE sees. The default is
// GoogleSQL's: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, which is the whole partition
// when there is no ORDER BY (every row is a peer of every other).
struct WindowFrameSpec {
  enum class Unit : uint8_t { kRows, kRange };
  Unit unit = Unit::kRange;
  WindowFrameBound start{WindowFrameBound::Kind::kUnboundedPreceding, {}};
  WindowFrameBound end{WindowFrameBound::Kind::kCurrentRow, {}};
  std::string ToString() const;
};

struct BoundWindowFunction {
  WindowFunctionKind kind = WindowFunctionKind::kRowNumber;
  std::string name;  // upper case as written, for EXPLAIN and messages
  // kAggregate: the aggregate, whose arguments are the function's inputs.
  BoundAggregate aggregate;
  // Navigation functions: arguments[0] is the value expression; others have none.
  std::vector<ExpressionPtr> arguments;
  // LAG/LEAD offset, NTH_VALUE n, NTILE bucket count.
  int64_t parameter = 1;
  // LAG/LEAD: the value when the offset row does not exist (NULL of return_type if omitted).
  Value default_value;
  bool ignore_nulls = false;  // FIRST_VALUE / LAST_VALUE / NTH_VALUE
  std::vector<ExpressionPtr> partitions;
  std::vector<OrderItem> orders;
  WindowFrameSpec frame;
  LogicalType return_type;
  int64_t position = -1;

  BoundWindowFunction Copy() const;
  std::string ToString() const;
  // Equal for functions with the same PARTITION BY and ORDER BY (they can share one sort).
  std::string SortFingerprint() const;
  // Visits every expression (arguments, partitions, orders) for rewriting.
  template <typename Visitor>
  void ForEachExpression(Visitor&& visitor) {
    for (auto& argument : aggregate.arguments) visitor(argument);
    for (auto& argument : arguments) visitor(argument);
    for (auto& partition : partitions) visitor(partition);
    for (auto& order : orders) visitor(order.expression);
  }
  template <typename Visitor>
  void ForEachExpression(Visitor&& visitor) const {
    for (const auto& argument : aggregate.arguments) visitor(argument);
    for (const auto& argument : arguments) visitor(argument);
    for (const auto& partition : partitions) visitor(partition);
    for (const auto& order : orders) visitor(order.expression);
  }
};

}  // namespace dq
