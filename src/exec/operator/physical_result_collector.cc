#include "exec/operator/physical_result_collector.h"

namespace dq {

namespace {

struct LocalCollectorState : LocalSinkState {
  explicit LocalCollectorState(std::vector<LogicalType> types) : rows(std::move(types)) {}
  ColumnDataCollection rows;
};

}  // namespace

std::unique_ptr<GlobalSinkState> PhysicalResultCollector::GetGlobalSinkState(
    ExecutionContext& context) const {
  auto state = std::make_unique<ResultCollectorState>();
  state->rows = ColumnDataCollection(types_);
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalResultCollector::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState& global) const {
  return std::make_unique<LocalCollectorState>(types_);
}

SinkResult PhysicalResultCollector::Sink(ExecutionContext& context, DataChunk& chunk,
                                         GlobalSinkState& global, LocalSinkState& local) const {
  static_cast<LocalCollectorState&>(local).rows.Append(chunk);
  profile.rows_out.fetch_add(chunk.size(), std::memory_order_relaxed);
  return SinkResult::kNeedMoreInput;
}

void PhysicalResultCollector::Combine(ExecutionContext& context, GlobalSinkState& global,
                                      LocalSinkState& local) const {
  auto& state = static_cast<ResultCollectorState&>(global);
  std::lock_guard<std::mutex> lock(state.mutex);
  state.rows.Combine(std::move(static_cast<LocalCollectorState&>(local).rows));
}

}  // namespace dq
