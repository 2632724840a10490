#include "exec/operator/physical_column_data_scan.h"

namespace dq {

namespace {

struct ScanState : GlobalSourceState {
  size_t next_chunk = 0;
};

}  // namespace

std::unique_ptr<GlobalSourceState> PhysicalColumnDataScan::GetGlobalSourceState(
    ExecutionContext& context) const {
  return std::make_unique<ScanState>();
}

SourceResult PhysicalColumnDataScan::GetData(ExecutionContext& context, DataChunk& chunk,
                                             GlobalSourceState& global,
                                             LocalSourceState& local) const {
  auto& state = static_cast<ScanState&>(global);
  if (state.next_chunk >= rows_->chunk_count()) return SourceResult::kFinished;
  chunk.Reference(rows_->chunk(state.next_chunk++));
  return state.next_chunk >= rows_->chunk_count() ? SourceResult::kFinished
                                                   : SourceResult::kHaveMoreOutput;
}

}  // namespace dq
