#include "exec/operator/physical_table_scan.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "common/error.h"
#include "exec/expression_executor.h"
#include "exec/row_operations.h"
#include "exec/task_scheduler.h"
#include "storage/row_group_reader.h"

namespace dq {

namespace {

// A morsel: rows [begin, end) of one row group.
struct ScanMorsel {
  size_t row_group = 0;
  uint64_t begin = 0;
  uint64_t end = 0;
};

// The reader of a row group split into several morsels, shared by the threads that scan them
// so each column chunk is decoded once (row_group_reader.h allows that). Opened by the first
// claim; the slot lets go of it once every morsel is claimed (the claimers keep it alive).
struct SharedReader {
  std::mutex mutex;
  std::shared_ptr<RowGroupReader> reader;
  size_t unclaimed = 0;  // morsels of the group not claimed yet
};

struct ScanGlobalState : GlobalSourceState {
  std::vector<ScanMorsel> morsels;
  std::vector<std::unique_ptr<SharedReader>> shared;  // per row group; null if one morsel
  std::atomic<size_t> next_morsel{0};
  std::atomic<uint64_t> pruned_row_groups{0};
};

// Rows of a split morsel at least: below that, decoding a row group twice costs more than
// the parallelism gains.
constexpr uint64_t kMinMorselRows = 8 * kBatchSize;

struct ScanLocalState : LocalSourceState {
  std::shared_ptr<RowGroupReader> reader;
  size_t row_group = SIZE_MAX;
  uint64_t next_row = 0;
  uint64_t end_row = 0;
  std::unique_ptr<ExpressionExecutor> filter;
  SelectionVector selection{kBatchSize};
};

// Compares two non-NULL values of the same scalar type.
int CompareScalarValues(const Value& left, const Value& right) {
  Vector left_vector = Vector::Constant(left);
  Vector right_vector = Vector::Constant(right);
  UnifiedVector left_unified;
  UnifiedVector right_unified;
  left_vector.ToUnified(1, left_unified);
  right_vector.ToUnified(1, right_unified);
  return CompareValues(left.type(), left_unified, 0, right_unified, 0);
}

}  // namespace

PhysicalTableScan::PhysicalTableScan(std::vector<LogicalType> types,
                                     std::string warehouse_directory,
                                     std::shared_ptr<const TableEntry> table,
                                     std::vector<size_t> column_ids, ExpressionPtr filter,
                                     std::vector<ZoneMapFilter> zone_map_filters)
    : PhysicalOperator(std::move(types)),
      warehouse_directory_(std::move(warehouse_directory)),
      table_(std::move(table)),
      column_ids_(std::move(column_ids)),
      filter_(std::move(filter)),
      zone_map_filters_(std::move(zone_map_filters)),
      morsel_granularity_(kBatchSize) {
  for (const ColumnDefinition& column : table_->columns) table_types_.push_back(column.type);
}

std::vector<std::string> PhysicalTableScan::Details() const {
  std::vector<std::string> details = {table_->dataset + "." + table_->name};
  std::string columns;
  for (size_t column : column_ids_) {
    columns += (columns.empty() ? "" : ", ") + table_->columns[column].name;
  }
  details.push_back("columns: " + columns);
  if (filter_) details.push_back("filter: " + filter_->ToString());
  uint64_t pruned = pruned_row_groups_.load(std::memory_order_relaxed);
  if (pruned > 0) {
    details.push_back("row groups skipped by zone maps: " + std::to_string(pruned) + " of " +
                      std::to_string(table_->row_groups.size()));
  }
  return details;
}

bool PhysicalTableScan::ZoneMapExcludes(const ColumnStats& stats, uint64_t row_count,
                                        const ZoneMapFilter& filter) {
  if (filter.constant.is_null()) return true;  // comparisons with NULL are never TRUE
  if (stats.null_count == row_count) return true;  // only NULLs: never TRUE
  if (!stats.has_min_max) return false;
  if (stats.min.type() != filter.constant.type()) return false;
  int versus_min = CompareScalarValues(filter.constant, stats.min);
  int versus_max = CompareScalarValues(filter.constant, stats.max);
  const std::string& op = filter.op;
  if (op == "$equal") return versus_min < 0 || versus_max > 0;
  if (op == "$less") return versus_min <= 0;           // col < c false when min >= c
  if (op == "$less_equal") return versus_min < 0;      // col <= c false when min > c
  if (op == "$greater") return versus_max >= 0;        // col > c false when max <= c
  if (op == "$greater_equal") return versus_max > 0;   // col >= c false when max < c
  return false;
}

std::unique_ptr<GlobalSourceState> PhysicalTableScan::GetGlobalSourceState(
    ExecutionContext& context) const {
  if (context.query) context.query->AddTotalWork(table_->row_count);
  auto state = std::make_unique<ScanGlobalState>();
  // One morsel per row group, unless there are fewer row groups than threads: then each is
  // split into row ranges so that every thread gets work (the ranges of a group share one
  // reader, which decodes each column chunk once). Under an operator that is expensive per row
  // (SplitForExpensiveRows) every group is cut into ranges of about a quarter of a thread's
  // share of the table, whole units each, so threads stay balanced to the end however the
  // rows fall into groups.
  size_t threads = context.scheduler ? context.scheduler->parallelism() : 1;
  size_t groups = table_->row_groups.size();
  size_t wanted = groups >= threads ? 1 : (threads + std::max<size_t>(groups, 1) - 1) / std::max<size_t>(groups, 1);
  uint64_t expensive_part = 0;  // rows per range under an expensive operator; 0: not
  if (expensive_rows_) {
    const uint64_t share = (table_->row_count + 4 * threads - 1) / (4 * threads);
    expensive_part = std::max<uint64_t>(share, morsel_granularity_);
  }
  for (size_t group = 0; group < groups; ++group) {
    uint64_t rows = table_->row_groups[group].row_count;
    uint64_t parts = expensive_part > 0
                         ? std::max<uint64_t>(1, (rows + expensive_part - 1) / expensive_part)
                         : std::max<uint64_t>(1, std::min<uint64_t>(wanted, rows / kMinMorselRows));
    uint64_t per_part = (rows + parts - 1) / parts;
    per_part = (per_part + morsel_granularity_ - 1) / morsel_granularity_ * morsel_granularity_;
    size_t group_morsels = 0;
    for (uint64_t begin = 0; begin < rows; begin += per_part) {
      state->morsels.push_back({group, begin, std::min(rows, begin + per_part)});
      ++group_morsels;
    }
    if (rows == 0) state->morsels.push_back({group, 0, 0});
    state->shared.emplace_back();
    if (group_morsels > 1) {
      state->shared.back() = std::make_unique<SharedReader>();
      state->shared.back()->unclaimed = group_morsels;
    }
  }
  return state;
}

std::unique_ptr<LocalSourceState> PhysicalTableScan::GetLocalSourceState(
    ExecutionContext& context, GlobalSourceState& global) const {
  auto state = std::make_unique<ScanLocalState>();
  if (filter_) {
    state->filter = std::make_unique<ExpressionExecutor>();
    state->filter->AddExpression(filter_.get());
  }
  return state;
}

size_t PhysicalTableScan::MaxSourceThreads(GlobalSourceState& global) const {
  return std::max<size_t>(static_cast<ScanGlobalState&>(global).morsels.size(), 1);
}

std::shared_ptr<RowGroupReader> PhysicalTableScan::ClaimMorsel(GlobalSourceState& global_state,
                                                               size_t row_group,
                                                               const RowGroupMeta* meta) const {
  auto& global = static_cast<ScanGlobalState&>(global_state);
  SharedReader* shared = global.shared[row_group].get();
  if (!shared) return nullptr;
  std::lock_guard<std::mutex> lock(shared->mutex);
  std::shared_ptr<RowGroupReader> reader;
  if (meta) {
    if (!shared->reader) {
      shared->reader = RowGroupReader::Open(warehouse_directory_, *meta, table_types_).ValueOrThrow();
    }
    reader = shared->reader;
  }
  if (--shared->unclaimed == 0) shared->reader.reset();
  return reader;
}

SourceResult PhysicalTableScan::GetData(ExecutionContext& context, DataChunk& chunk,
                                        GlobalSourceState& global_state,
                                        LocalSourceState& local_state) const {
  auto& global = static_cast<ScanGlobalState&>(global_state);
  auto& local = static_cast<ScanLocalState&>(local_state);
  if (!local.reader || local.next_row >= local.end_row) {
    size_t index = global.next_morsel.fetch_add(1);
    if (index >= global.morsels.size()) {
      local.reader.reset();
      return SourceResult::kFinished;
    }
    const ScanMorsel& morsel = global.morsels[index];
    const RowGroupMeta& meta = table_->row_groups[morsel.row_group];
    for (const ZoneMapFilter& filter : zone_map_filters_) {
      if (filter.table_column < meta.stats.size() &&
          ZoneMapExcludes(meta.stats[filter.table_column], meta.row_count, filter)) {
        if (morsel.begin == 0) {
          global.pruned_row_groups.fetch_add(1);
          pruned_row_groups_.fetch_add(1, std::memory_order_relaxed);
        }
        if (context.query) context.query->AddDoneWork(morsel.end - morsel.begin);
        ClaimMorsel(global, morsel.row_group, nullptr);
        local.end_row = local.next_row;       // nothing left of this morsel
        return SourceResult::kHaveMoreOutput;  // empty chunk: try the next morsel
      }
    }
    if (global.shared[morsel.row_group]) {
      local.reader = ClaimMorsel(global, morsel.row_group, &meta);
      local.row_group = morsel.row_group;
    } else if (!local.reader || local.row_group != morsel.row_group) {
      local.reader =
          RowGroupReader::Open(warehouse_directory_, meta, table_types_).ValueOrThrow();
      local.row_group = morsel.row_group;
    }
    local.next_row = morsel.begin;
    local.end_row = morsel.end;
    if (local.next_row >= local.end_row) return SourceResult::kHaveMoreOutput;
  }
  size_t count = std::min<uint64_t>(kBatchSize, local.end_row - local.next_row);
  for (size_t output = 0; output < column_ids_.size(); ++output) {
    local.reader->ReadColumn(column_ids_[output], local.next_row, count, chunk.column(output))
        .ThrowIfError();
  }
  chunk.SetSize(count);
  local.next_row += count;
  if (context.query) context.query->AddDoneWork(count);
  if (local.filter) {
    size_t selected = local.filter->Select(chunk, local.selection);
    if (selected < count) {
      SelectionVector selection(selected);
      for (size_t row = 0; row < selected; ++row) {
        selection.set_index(row, local.selection.get_index(row));
      }
      chunk.Slice(selection, selected);
    }
  }
  return SourceResult::kHaveMoreOutput;
}

}  // namespace dq
