#include "exec/operator/physical_hash_aggregate.h"

#include <atomic>
#include <mutex>

#include "exec/aggregate_hash_table.h"
#include "exec/expression_executor.h"
#include "exec/row_operations.h"
#include "exec/task_scheduler.h"

namespace dq {

namespace {

struct AggregateGlobalState : GlobalSinkState {
  std::mutex mutex;
  // Thread-local partition tables handed over by Combine: partials[p] lists tables of
  // partition p.
  std::vector<std::vector<std::unique_ptr<AggregateHashTable>>> partials;
  // After Finalize: one merged table per partition.
  std::vector<std::unique_ptr<AggregateHashTable>> merged;
};

struct AggregateLocalState : LocalSinkState {
  std::vector<std::unique_ptr<AggregateHashTable>> partitions;
  ExpressionExecutor group_executor;
  std::vector<ExpressionExecutor> argument_executors;  // one per aggregate
  DataChunk group_chunk;
  std::vector<DataChunk> argument_chunks;
  std::vector<uint64_t> hashes;
  std::vector<uint8_t*> row_states;
  std::vector<uint8_t*> aggregate_states;
  std::vector<SelectionVector> partition_rows;
  std::vector<size_t> partition_counts;
};

struct AggregateSourceState : GlobalSourceState {
  std::mutex mutex;
  size_t next_partition = 0;
};

struct AggregateLocalSource : LocalSourceState {
  AggregateHashTable* table = nullptr;
  size_t next_group = 0;
};

}  // namespace

PhysicalHashAggregate::PhysicalHashAggregate(std::vector<LogicalType> types,
                                             std::vector<ExpressionPtr> groups,
                                             std::vector<BoundAggregate> aggregates)
    : PhysicalOperator(std::move(types)),
      groups_(std::move(groups)),
      aggregates_(std::move(aggregates)) {
  for (const auto& group : groups_) group_types_.push_back(group->type);
}

std::vector<std::string> PhysicalHashAggregate::Details() const {
  std::vector<std::string> details;
  for (const auto& group : groups_) details.push_back("group: " + group->ToString());
  for (const auto& aggregate : aggregates_) details.push_back(aggregate.ToString());
  return details;
}

std::unique_ptr<GlobalSinkState> PhysicalHashAggregate::GetGlobalSinkState(
    ExecutionContext& context) const {
  auto state = std::make_unique<AggregateGlobalState>();
  state->partials.resize(PartitionCount());
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalHashAggregate::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState& global) const {
  auto state = std::make_unique<AggregateLocalState>();
  for (size_t partition = 0; partition < PartitionCount(); ++partition) {
    state->partitions.push_back(std::make_unique<AggregateHashTable>(group_types_, &aggregates_));
  }
  for (const auto& group : groups_) state->group_executor.AddExpression(group.get());
  state->group_chunk.Initialize(group_types_);
  for (const BoundAggregate& aggregate : aggregates_) {
    ExpressionExecutor executor;
    std::vector<LogicalType> argument_types;
    for (const auto& argument : aggregate.arguments) {
      executor.AddExpression(argument.get());
      argument_types.push_back(argument->type);
    }
    state->argument_executors.push_back(std::move(executor));
    state->argument_chunks.emplace_back(argument_types);
  }
  for (size_t partition = 0; partition < PartitionCount(); ++partition) {
    state->partition_rows.emplace_back(kBatchSize);
  }
  state->partition_counts.resize(PartitionCount());
  return state;
}

SinkResult PhysicalHashAggregate::Sink(ExecutionContext& context, DataChunk& chunk,
                                       GlobalSinkState& global, LocalSinkState& local_state) const {
  auto& local = static_cast<AggregateLocalState&>(local_state);
  size_t count = chunk.size();
  if (local.hashes.size() < count) {
    local.hashes.resize(count);
    local.row_states.resize(count);
    local.aggregate_states.resize(count);
    for (auto& rows : local.partition_rows) rows = SelectionVector(count);
  }
  // Find each row's group state block.
  if (groups_.empty()) {
    uint8_t* state = local.partitions[0]->SingleGroupState();
    std::fill(local.row_states.begin(), local.row_states.begin() + count, state);
  } else {
    local.group_chunk.Reset();
    local.group_executor.Execute(chunk, local.group_chunk);
    for (size_t column = 0; column < groups_.size(); ++column) {
      HashVector(local.group_chunk.column(column), count, local.hashes.data(), column > 0);
    }
    std::fill(local.partition_counts.begin(), local.partition_counts.end(), 0);
    for (size_t row = 0; row < count; ++row) {
      size_t partition = local.hashes[row] >> 60;  // top 4 bits: 16 partitions
      local.partition_rows[partition].set_index(local.partition_counts[partition]++,
                                                static_cast<sel_t>(row));
    }
    for (size_t partition = 0; partition < kPartitions; ++partition) {
      if (local.partition_counts[partition] == 0) continue;
      local.partitions[partition]->FindOrCreateGroups(
          local.group_chunk, local.hashes.data(), local.partition_rows[partition],
          local.partition_counts[partition], local.row_states.data());
    }
  }
  // Fold the rows into their states, one aggregate at a time.
  const std::vector<size_t>& offsets = local.partitions[0]->state_offsets();
  for (size_t aggregate = 0; aggregate < aggregates_.size(); ++aggregate) {
    const BoundAggregate& bound = aggregates_[aggregate];
    DataChunk& arguments = local.argument_chunks[aggregate];
    arguments.Reset();
    local.argument_executors[aggregate].Execute(chunk, arguments);
    arguments.SetSize(count);
    for (size_t row = 0; row < count; ++row) {
      local.aggregate_states[row] = local.row_states[row] + offsets[aggregate];
    }
    AggregateCall call{bound.bind_data.get(), bound.return_type};
    bound.function->update(call, arguments, local.aggregate_states.data());
  }
  return SinkResult::kNeedMoreInput;
}

void PhysicalHashAggregate::Combine(ExecutionContext& context, GlobalSinkState& global_state,
                                    LocalSinkState& local_state) const {
  auto& global = static_cast<AggregateGlobalState&>(global_state);
  auto& local = static_cast<AggregateLocalState&>(local_state);
  std::lock_guard<std::mutex> lock(global.mutex);
  for (size_t partition = 0; partition < PartitionCount(); ++partition) {
    global.partials[partition].push_back(std::move(local.partitions[partition]));
  }
}

void PhysicalHashAggregate::Finalize(ExecutionContext& context, GlobalSinkState& global_state) const {
  auto& global = static_cast<AggregateGlobalState&>(global_state);
  size_t partitions = PartitionCount();
  global.merged.resize(partitions);
  context.scheduler->ParallelFor(context.query, partitions, [&](size_t partition) {
    auto& tables = global.partials[partition];
    if (tables.empty()) {
      global.merged[partition] = std::make_unique<AggregateHashTable>(group_types_, &aggregates_);
      return;
    }
    // Merge into the largest table.
    size_t largest = 0;
    for (size_t index = 1; index < tables.size(); ++index) {
      if (tables[index]->group_count() > tables[largest]->group_count()) largest = index;
    }
    std::unique_ptr<AggregateHashTable> target = std::move(tables[largest]);
    for (size_t index = 0; index < tables.size(); ++index) {
      if (index != largest) target->Merge(*tables[index]);
    }
    tables.clear();
    global.merged[partition] = std::move(target);
  });
  // Without GROUP BY there is always exactly one output row.
  if (groups_.empty()) global.merged[0]->SingleGroupState();
}

std::unique_ptr<GlobalSourceState> PhysicalHashAggregate::GetGlobalSourceState(
    ExecutionContext& context) const {
  return std::make_unique<AggregateSourceState>();
}

std::unique_ptr<LocalSourceState> PhysicalHashAggregate::GetLocalSourceState(
    ExecutionContext& context, GlobalSourceState& global) const {
  return std::make_unique<AggregateLocalSource>();
}

size_t PhysicalHashAggregate::MaxSourceThreads(GlobalSourceState& global) const {
  return PartitionCount();
}

SourceResult PhysicalHashAggregate::GetData(ExecutionContext& context, DataChunk& chunk,
                                            GlobalSourceState& global_source,
                                            LocalSourceState& local_source) const {
  auto& sink = context.SinkStateOf<AggregateGlobalState>(this);
  auto& source = static_cast<AggregateSourceState&>(global_source);
  auto& local = static_cast<AggregateLocalSource&>(local_source);
  while (!local.table || local.next_group >= local.table->group_count()) {
    std::lock_guard<std::mutex> lock(source.mutex);
    if (source.next_partition >= sink.merged.size()) return SourceResult::kFinished;
    local.table = sink.merged[source.next_partition++].get();
    local.next_group = 0;
  }
  AggregateHashTable& table = *local.table;
  size_t count = std::min(kBatchSize, table.group_count() - local.next_group);
  if (!groups_.empty()) {
    DataChunk keys;
    keys.Initialize(group_types_, count);
    table.FetchKeys(local.next_group, count, keys);
    for (size_t column = 0; column < groups_.size(); ++column) {
      chunk.column(column) = std::move(keys.column(column));
    }
  }
  std::vector<uint8_t*> states(count);
  for (size_t aggregate = 0; aggregate < aggregates_.size(); ++aggregate) {
    const BoundAggregate& bound = aggregates_[aggregate];
    for (size_t row = 0; row < count; ++row) {
      states[row] = table.GroupState(local.next_group + row) + table.state_offsets()[aggregate];
    }
    AggregateCall call{bound.bind_data.get(), bound.return_type};
    bound.function->finalize(call, states.data(), count, chunk.column(groups_.size() + aggregate), 0);
  }
  chunk.SetSize(count);
  local.next_group += count;
  return SourceResult::kHaveMoreOutput;
}

}  // namespace dq
