// PhysicalOperator: a node of the physical plan and the three roles it can play in a
// push-based pipeline (see pipeline.h):
//
//   source    produces chunks (GetData), possibly from several threads at once, each pulling
//             morsels from a shared GlobalSourceState;
//   operator  transforms one input chunk into output chunks (Execute), streaming;
//   sink      consumes chunks (Sink) into a thread-local state, merges it into the global
//             state (Combine) when the thread's work is done, and completes (Finalize) when
//             every thread is done. A sink that also produces output (aggregate, sort, join
//             build) is the source of the next pipeline.
//
// Operators are immutable after planning and shared by all threads; every piece of mutable
// state lives in the state objects below, created per query (global) or per thread (local).
//
// Adding an operator: derive from PhysicalOperator, override the role methods it plays, give
// it a Name()/ParamsToString() for EXPLAIN, add a Plan* case in physical_planner.cc, and a
// .test file under tests/sql/ that exercises it (see docs/ARCHITECTURE.md "Adding an operator").
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "exec/query_context.h"
#include "vector/data_chunk.h"

namespace dq {

class TaskScheduler;
class ClientContext;
class PhysicalOperator;

struct GlobalSinkState;

// Per-query execution services handed to every operator call.
struct ExecutionContext {
  QueryContext* query = nullptr;
  TaskScheduler* scheduler = nullptr;
  ClientContext* client = nullptr;
  // Global sink states of the query's sinks, created by the executor; a sink that is also a
  // source reads its own finalized state here.
  std::unordered_map<const PhysicalOperator*, std::unique_ptr<GlobalSinkState>> sink_states;

  template <typename State>
  State& SinkStateOf(const PhysicalOperator* op) {
    return static_cast<State&>(*sink_states.at(op));
  }
};

struct GlobalSourceState {
  virtual ~GlobalSourceState() = default;
};
struct LocalSourceState {
  virtual ~LocalSourceState() = default;
};
struct OperatorState {
  virtual ~OperatorState() = default;
};
struct GlobalSinkState {
  virtual ~GlobalSinkState() = default;
};
struct LocalSinkState {
  virtual ~LocalSinkState() = default;
};

enum class SourceResult { kHaveMoreOutput, kFinished };
enum class OperatorResult { kNeedMoreInput, kHaveMoreOutput, kFinished };
enum class SinkResult { kNeedMoreInput, kFinished };

// Per-operator counters for EXPLAIN ANALYZE (updated with relaxed atomics from all threads).
struct OperatorProfile {
  std::atomic<uint64_t> rows_out{0};
  std::atomic<uint64_t> nanos{0};
};

class PhysicalOperator {
 public:
  explicit PhysicalOperator(std::vector<LogicalType> types) : types_(std::move(types)) {}
  virtual ~PhysicalOperator() = default;

  const std::vector<LogicalType>& types() const { return types_; }
  std::vector<std::unique_ptr<PhysicalOperator>>& children() { return children_; }
  const std::vector<std::unique_ptr<PhysicalOperator>>& children() const { return children_; }
  void AddChild(std::unique_ptr<PhysicalOperator> child) { children_.push_back(std::move(child)); }

  uint64_t estimated_rows = 0;
  mutable OperatorProfile profile;

  virtual std::string Name() const = 0;
  // Operator-specific detail for EXPLAIN (filters, keys, ...), one item per line.
  virtual std::vector<std::string> Details() const { return {}; }

  // --- source ---
  virtual bool IsSource() const { return false; }
  virtual std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const;
  virtual std::unique_ptr<LocalSourceState> GetLocalSourceState(ExecutionContext& context,
                                                                GlobalSourceState& global) const;
  // Fills `chunk` (initialized with types(), reset) with the next rows. A returned chunk of
  // size 0 with kHaveMoreOutput is allowed (e.g. a pruned morsel).
  virtual SourceResult GetData(ExecutionContext& context, DataChunk& chunk,
                               GlobalSourceState& global, LocalSourceState& local) const;
  // How many threads may call GetData concurrently (1 keeps output order).
  virtual size_t MaxSourceThreads(GlobalSourceState& global) const { return 1; }

  // --- streaming operator ---
  virtual std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const;
  // Transforms `input` into `output` (initialized with types(), reset by the caller).
  // kHaveMoreOutput: call again with the same input; kFinished: no more input is needed.
  virtual OperatorResult Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                                 OperatorState& state) const;

  // --- sink ---
  virtual bool IsSink() const { return false; }
  virtual std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionContext& context) const;
  virtual std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context,
                                                            GlobalSinkState& global) const;
  virtual SinkResult Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                          LocalSinkState& local) const;
  virtual void Combine(ExecutionContext& context, GlobalSinkState& global,
                       LocalSinkState& local) const {}
  virtual void Finalize(ExecutionContext& context, GlobalSinkState& global) const {}
  // For sinks whose children are not all pipelines feeding the sink (hash join: child 0 is
  // probed by this operator, child 1 builds): the child index that feeds Sink.
  virtual size_t SinkChildIndex() const { return 0; }
  // Whether the sink needs its input in order (single-threaded pipeline).
  virtual bool SinkRequiresOrder() const { return false; }

 protected:
  std::vector<LogicalType> types_;
  std::vector<std::unique_ptr<PhysicalOperator>> children_;
};

}  // namespace dq
