// PhysicalHashAggregate: GROUP BY (and SELECT DISTINCT, and aggregates without GROUP BY).
//
// Sink: each thread evaluates the group and argument expressions of its chunks and folds them
// into thread-local hash tables, one per radix partition of the group hash (partial
// aggregation). Finalize merges partition p of every thread's tables into one table, for all
// partitions in parallel. Source: emits the groups of each partition (one partition per task),
// keys then finalized aggregate values.
//
// Without GROUP BY there is exactly one group, also for empty input (COUNT(*) = 0).
#pragma once

#include "exec/physical_operator.h"
#include "plan/bound_aggregate.h"
#include "plan/expression.h"

namespace dq {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  // Output: one column per group expression, then one per aggregate.
  PhysicalHashAggregate(std::vector<LogicalType> types, std::vector<ExpressionPtr> groups,
                        std::vector<BoundAggregate> aggregates);

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

  std::vector<ExpressionPtr> groups_;
  std::vector<BoundAggregate> aggregates_;
  std::vector<LogicalType> group_types_;
};

}  // namespace dq
