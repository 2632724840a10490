#include "exec/operator/physical_order.h"

#include <mutex>

namespace dq {

namespace {

struct OrderGlobalState : GlobalSinkState {
  std::mutex mutex;
  ColumnDataCollection rows;
  ColumnDataCollection sorted;
};

struct OrderLocalState : LocalSinkState {
  explicit OrderLocalState(std::vector<LogicalType> types) : rows(std::move(types)) {}
  ColumnDataCollection rows;
};

struct OrderSourceState : GlobalSourceState {
  size_t next_chunk = 0;
};

}  // namespace

std::vector<std::string> PhysicalOrder::Details() const {
  std::vector<std::string> details;
  for (const SortKey& key : keys_) {
    details.push_back("#" + std::to_string(key.column) + (key.descending ? " DESC" : " ASC") +
                      (key.nulls_first ? " NULLS FIRST" : " NULLS LAST"));
  }
  if (limit_) details.push_back("limit " + std::to_string(*limit_) + " offset " + std::to_string(offset_));
  return details;
}

std::unique_ptr<GlobalSinkState> PhysicalOrder::GetGlobalSinkState(ExecutionContext& context) const {
  auto state = std::make_unique<OrderGlobalState>();
  state->rows = ColumnDataCollection(types_);
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalOrder::GetLocalSinkState(ExecutionContext& context,
                                                                 GlobalSinkState& global) const {
  return std::make_unique<OrderLocalState>(types_);
}

SinkResult PhysicalOrder::Sink(ExecutionContext& context, DataChunk& chunk,
                               GlobalSinkState& global, LocalSinkState& local_state) const {
  auto& local = static_cast<OrderLocalState&>(local_state);
  local.rows.Append(chunk);
  if (limit_) {
    // Keep at most the best `keep` rows, trimming once the buffer is well past that.
    size_t keep = *limit_ + offset_;
    if (local.rows.row_count() > std::max<size_t>(2 * keep, 8 * kBatchSize)) {
      std::vector<RowReference> refs = SortRowReferences(local.rows, keys_);
      local.rows = GatherCollection(local.rows, refs, 0, keep);
    }
  }
  return SinkResult::kNeedMoreInput;
}

void PhysicalOrder::Combine(ExecutionContext& context, GlobalSinkState& global,
                            LocalSinkState& local_state) const {
  auto& state = static_cast<OrderGlobalState&>(global);
  std::lock_guard<std::mutex> lock(state.mutex);
  state.rows.Combine(std::move(static_cast<OrderLocalState&>(local_state).rows));
}

void PhysicalOrder::Finalize(ExecutionContext& context, GlobalSinkState& global) const {
  auto& state = static_cast<OrderGlobalState&>(global);
  std::vector<RowReference> refs = SortRowReferences(state.rows, keys_);
  size_t begin = limit_ ? offset_ : 0;
  size_t end = limit_ ? offset_ + *limit_ : refs.size();
  state.sorted = GatherCollection(state.rows, refs, begin, end);
  state.rows = ColumnDataCollection(types_);
}

std::unique_ptr<GlobalSourceState> PhysicalOrder::GetGlobalSourceState(
    ExecutionContext& context) const {
  return std::make_unique<OrderSourceState>();
}

SourceResult PhysicalOrder::GetData(ExecutionContext& context, DataChunk& chunk,
                                    GlobalSourceState& global, LocalSourceState& local) const {
  auto& state = context.SinkStateOf<OrderGlobalState>(this);
  auto& source = static_cast<OrderSourceState&>(global);
  if (source.next_chunk >= state.sorted.chunk_count()) return SourceResult::kFinished;
  chunk.Reference(state.sorted.chunk(source.next_chunk++));
  return source.next_chunk >= state.sorted.chunk_count() ? SourceResult::kFinished
                                                          : SourceResult::kHaveMoreOutput;
}

}  // namespace dq
