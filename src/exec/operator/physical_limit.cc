#include "exec/operator/physical_limit.h"

#include <mutex>

#include "exec/column_data_collection.h"

namespace dq {

namespace {

struct LimitGlobalState : GlobalSinkState {
  std::mutex mutex;
  ColumnDataCollection rows;
  ColumnDataCollection result;
};

struct LimitSourceState : GlobalSourceState {
  size_t next_chunk = 0;
};

}  // namespace

std::unique_ptr<GlobalSinkState> PhysicalLimit::GetGlobalSinkState(ExecutionContext& context) const {
  auto state = std::make_unique<LimitGlobalState>();
  state->rows = ColumnDataCollection(types_);
  return state;
}

SinkResult PhysicalLimit::Sink(ExecutionContext& context, DataChunk& chunk,
                               GlobalSinkState& global, LocalSinkState& local) const {
  auto& state = static_cast<LimitGlobalState&>(global);
  std::lock_guard<std::mutex> lock(state.mutex);
  uint64_t wanted = limit_ + offset_;
  uint64_t have = state.rows.row_count();
  if (have >= wanted) return SinkResult::kFinished;
  uint64_t take = std::min<uint64_t>(chunk.size(), wanted - have);
  if (take < chunk.size()) {
    SelectionVector first(take);
    for (size_t row = 0; row < take; ++row) first.set_index(row, static_cast<sel_t>(row));
    state.rows.Append(DataChunk::SlicedView(chunk, first, take));
  } else {
    state.rows.Append(chunk);
  }
  return state.rows.row_count() >= wanted ? SinkResult::kFinished : SinkResult::kNeedMoreInput;
}

std::unique_ptr<GlobalSourceState> PhysicalLimit::GetGlobalSourceState(
    ExecutionContext& context) const {
  auto& state = context.SinkStateOf<LimitGlobalState>(this);
  // Drop the first `offset_` rows once, before the source starts.
  if (offset_ > 0 && state.result.row_count() == 0) {
    state.result = ColumnDataCollection(types_);
    std::vector<RowReference> refs;
    for (size_t chunk = 0; chunk < state.rows.chunk_count(); ++chunk) {
      for (size_t row = 0; row < state.rows.chunk(chunk).size(); ++row) {
        refs.push_back(MakeRowReference(chunk, row));
      }
    }
    for (size_t start = offset_; start < refs.size(); start += kBatchSize) {
      size_t count = std::min(kBatchSize, refs.size() - start);
      DataChunk part(types_, count);
      for (size_t column = 0; column < types_.size(); ++column) {
        GatherRows(state.rows, column, refs.data() + start, count, part.column(column));
      }
      part.SetSize(count);
      state.result.Append(part);
    }
  } else if (offset_ == 0) {
    state.result = std::move(state.rows);
    state.rows = ColumnDataCollection(types_);
  }
  return std::make_unique<LimitSourceState>();
}

SourceResult PhysicalLimit::GetData(ExecutionContext& context, DataChunk& chunk,
                                    GlobalSourceState& global, LocalSourceState& local) const {
  auto& state = context.SinkStateOf<LimitGlobalState>(this);
  auto& source = static_cast<LimitSourceState&>(global);
  if (source.next_chunk >= state.result.chunk_count()) return SourceResult::kFinished;
  chunk.Reference(state.result.chunk(source.next_chunk++));
  return source.next_chunk >= state.result.chunk_count() ? SourceResult::kFinished
                                                          : SourceResult::kHaveMoreOutput;
}

}  // namespace dq
