// PhysicalHashAggregate: GROUP BY (with ROLLUP / CUBE / GROUPING SETS), SELECT DISTINCT, and
// aggregates without GROUP BY.
//
// Sink: each thread evaluates the group and argument expressions of its chunks once and folds
// them, for every grouping set, into thread-local hash tables, one per radix partition of the
// group hash (partial aggregation). Keys outside a grouping set are NULL in that set's groups.
// Finalize merges partition p of a set from every thread into one table, all (set, partition)
// pairs in parallel. Source: emits the groups of each table (one table per task): keys, then
// finalized aggregate values, then (with grouping sets) the grouping id, whose bit i is 1 when
// key i is not in the row's grouping set (GROUPING(key i)).
//
// Without GROUP BY there is exactly one group, also for empty input (COUNT(*) = 0); the same
// holds for the empty grouping set `()`.
#pragma once

#include <cstdint>

#include "exec/physical_operator.h"
#include "plan/bound_aggregate.h"
#include "plan/expression.h"

namespace dq {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  // Output: one column per group expression, then one per aggregate, then the grouping id
  // (INT64) when `grouping_sets` is not empty. Each grouping set lists indexes into `groups`;
  // empty `grouping_sets` means one set of all groups.
  PhysicalHashAggregate(std::vector<LogicalType> types, std::vector<ExpressionPtr> groups,
                        std::vector<BoundAggregate> aggregates,
                        std::vector<std::vector<size_t>> grouping_sets = {},
                        size_t compared_groups = SIZE_MAX);

  std::string Name() const override {
    return groups_.empty() ? "AGGREGATE" : "HASH_AGGREGATE";
  }
  std::vector<std::string> Details() const override;

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context,
                                                    GlobalSinkState& global) const override;
  SinkResult Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                  LocalSinkState& local) const override;
  void Combine(ExecutionContext& context, GlobalSinkState& global,
               LocalSinkState& local) const override;
  void Finalize(ExecutionContext& context, GlobalSinkState& global) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState(ExecutionContext& context,
                                                        GlobalSourceState& global) const override;
  SourceResult GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& global,
                       LocalSourceState& local) const override;
  size_t MaxSourceThreads(GlobalSourceState& global) const override;

  static constexpr size_t kPartitions = 16;

 private:
  size_t PartitionCount() const { return groups_.empty() ? 1 : kPartitions; }
  size_t SetCount() const { return sets_.size(); }
  size_t TableCount() const { return SetCount() * PartitionCount(); }

  std::vector<ExpressionPtr> groups_;
  std::vector<BoundAggregate> aggregates_;
  std::vector<LogicalType> group_types_;
  std::vector<std::vector<size_t>> sets_;  // always at least one
  bool emit_grouping_id_;
  std::vector<int64_t> grouping_ids_;      // per set
  size_t compared_groups_;                 // groups past this are carried, not compared
};

}  // namespace dq
