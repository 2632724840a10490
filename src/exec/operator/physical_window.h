// PhysicalWindow: analytic functions that share one PARTITION BY and ORDER BY (the physical
// planner stacks one PhysicalWindow per distinct pair).
//
// Sink: each thread evaluates the partition keys, order keys and function inputs of its
// chunks, hashes the partition keys and appends the rows (input columns + evaluated columns)
// to thread-local buckets (one bucket when there is no PARTITION BY); Combine moves them into
// the global buckets. Finalize processes the buckets in parallel, one task per bucket: sort by
// (partition keys, order keys) once, find partition and peer boundaries, and compute every
// function (window_evaluator.h). Source: emits the input columns followed by one column per
// function, bucket chunk by bucket chunk, from several threads; the output order is not the
// input order.
#pragma once

#include "exec/physical_operator.h"
#include "exec/sort_rows.h"
#include "exec/window_evaluator.h"
#include "plan/bound_window.h"

namespace dq {

class PhysicalWindow : public PhysicalOperator {
 public:
  // `types`: the input's types, then each function's return type. REQUIRES: every function
  // has the PARTITION BY and ORDER BY of functions[0]; expressions are resolved against the
  // input chunk.
  PhysicalWindow(std::vector<LogicalType> types, std::vector<BoundWindowFunction> functions);

  std::string Name() const override { return "WINDOW"; }
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
  SourceResult GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& global,
                       LocalSourceState& local) const override;
  size_t MaxSourceThreads(GlobalSourceState& global) const override { return BucketCount(); }

  static constexpr size_t kBuckets = 32;

 private:
  size_t BucketCount() const { return partition_columns_.empty() ? 1 : kBuckets; }
  // The stored column holding `expression`: an input column, or one appended to computed_.
  size_t ColumnOf(const Expression& expression);

  std::vector<BoundWindowFunction> functions_;
  size_t input_count_ = 0;
  // Expressions evaluated per input row, stored after the input columns.
  std::vector<const Expression*> computed_;
  std::vector<LogicalType> stored_types_;
  std::vector<size_t> partition_columns_;
  std::vector<SortKey> sort_keys_;  // partition keys, then order keys
  std::vector<WindowFunctionColumns> function_columns_;
};

}  // namespace dq
