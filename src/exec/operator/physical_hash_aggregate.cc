#include "exec/operator/physical_hash_aggregate.h"

#include <algorithm>
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
  // Thread-local tables handed over by Combine: partials[t] lists the tables of table slot t
  // (slot = set * partitions + partition).
  std::vector<std::vector<std::unique_ptr<AggregateHashTable>>> partials;
  // After Finalize: one merged table per slot.
  std::vector<std::unique_ptr<AggregateHashTable>> merged;
};

struct AggregateLocalState : LocalSinkState {
  std::vector<std::unique_ptr<AggregateHashTable>> tables;  // per slot
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
  size_t next_table = 0;
};

struct AggregateLocalSource : LocalSourceState {
  AggregateHashTable* table = nullptr;
  size_t set = 0;
  size_t next_group = 0;
};

}  // namespace

PhysicalHashAggregate::PhysicalHashAggregate(std::vector<LogicalType> types,
                                             std::vector<ExpressionPtr> groups,
                                             std::vector<BoundAggregate> aggregates,
                                             std::vector<std::vector<size_t>> grouping_sets,
                                             size_t compared_groups)
    : PhysicalOperator(std::move(types)),
      groups_(std::move(groups)),
      aggregates_(std::move(aggregates)),
      sets_(std::move(grouping_sets)),
      emit_grouping_id_(!sets_.empty()),
      compared_groups_(compared_groups) {
  for (const auto& group : groups_) group_types_.push_back(group->type);
  if (sets_.empty()) {
    std::vector<size_t> all(groups_.size());
    for (size_t key = 0; key < all.size(); ++key) all[key] = key;
    sets_.push_back(std::move(all));
  }
  for (const auto& set : sets_) {
    int64_t id = 0;
    for (size_t key = 0; key < groups_.size(); ++key) {
      if (std::find(set.begin(), set.end(), key) == set.end()) id |= int64_t{1} << key;
    }
    grouping_ids_.push_back(id);
  }
}

std::vector<std::string> PhysicalHashAggregate::Details() const {
  std::vector<std::string> details;
  for (const auto& group : groups_) details.push_back("group: " + group->ToString());
  if (emit_grouping_id_) details.push_back(std::to_string(sets_.size()) + " grouping sets");
  for (const auto& aggregate : aggregates_) details.push_back(aggregate.ToString());
  return details;
}

std::unique_ptr<GlobalSinkState> PhysicalHashAggregate::GetGlobalSinkState(
    ExecutionContext& context) const {
  auto state = std::make_unique<AggregateGlobalState>();
  state->partials.resize(TableCount());
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalHashAggregate::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState& global) const {
  auto state = std::make_unique<AggregateLocalState>();
  for (size_t table = 0; table < TableCount(); ++table) {
    state->tables.push_back(std::make_unique<AggregateHashTable>(group_types_, &aggregates_, compared_groups_));
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
  if (!groups_.empty()) {
    local.group_chunk.Reset();
    local.group_executor.Execute(chunk, local.group_chunk);
  }
  for (auto& arguments : local.argument_chunks) arguments.Reset();
  for (size_t aggregate = 0; aggregate < aggregates_.size(); ++aggregate) {
    local.argument_executors[aggregate].Execute(chunk, local.argument_chunks[aggregate]);
    local.argument_chunks[aggregate].SetSize(count);
  }
  const std::vector<size_t>& offsets = local.tables[0]->state_offsets();
  for (size_t set = 0; set < SetCount(); ++set) {
    size_t first_table = set * PartitionCount();
    // Find each row's group state block in this set.
    if (groups_.empty()) {
      uint8_t* state = local.tables[first_table]->SingleGroupState();
      std::fill(local.row_states.begin(), local.row_states.begin() + count, state);
    } else {
      // Keys outside the set are NULL for this set's groups.
      DataChunk set_keys;
      set_keys.Initialize({}, 0);
      for (size_t key = 0; key < groups_.size(); ++key) {
        bool in_set = std::find(sets_[set].begin(), sets_[set].end(), key) != sets_[set].end();
        Vector column;
        if (in_set) {
          column.Reference(local.group_chunk.column(key));
        } else {
          column = Vector::ConstantNull(group_types_[key]);
        }
        set_keys.columns().push_back(std::move(column));
      }
      set_keys.SetSize(count);
      size_t hashed = std::min(groups_.size(), compared_groups_);
      for (size_t key = 0; key < hashed; ++key) {
        HashVector(set_keys.column(key), count, local.hashes.data(), key > 0);
      }
      std::fill(local.partition_counts.begin(), local.partition_counts.end(), 0);
      for (size_t row = 0; row < count; ++row) {
        size_t partition = local.hashes[row] >> 60;  // top 4 bits: 16 partitions
        local.partition_rows[partition].set_index(local.partition_counts[partition]++,
                                                  static_cast<sel_t>(row));
      }
      for (size_t partition = 0; partition < kPartitions; ++partition) {
        if (local.partition_counts[partition] == 0) continue;
        local.tables[first_table + partition]->FindOrCreateGroups(
            set_keys, local.hashes.data(), local.partition_rows[partition],
            local.partition_counts[partition], local.row_states.data());
      }
    }
    // Fold the rows into their states, one aggregate at a time.
    for (size_t aggregate = 0; aggregate < aggregates_.size(); ++aggregate) {
      const BoundAggregate& bound = aggregates_[aggregate];
      for (size_t row = 0; row < count; ++row) {
        local.aggregate_states[row] = local.row_states[row] + offsets[aggregate];
      }
      AggregateCall call{bound.bind_data.get(), bound.return_type};
      try {
        bound.function->update(call, local.argument_chunks[aggregate], local.aggregate_states.data());
      } catch (Error& error) {
        error.SetPositionIfAbsent(bound.position);  // "int64 overflow in SUM [at 1:8]"
        throw;
      }
    }
  }
  return SinkResult::kNeedMoreInput;
}

void PhysicalHashAggregate::Combine(ExecutionContext& context, GlobalSinkState& global_state,
                                    LocalSinkState& local_state) const {
  auto& global = static_cast<AggregateGlobalState&>(global_state);
  auto& local = static_cast<AggregateLocalState&>(local_state);
  std::lock_guard<std::mutex> lock(global.mutex);
  for (size_t table = 0; table < TableCount(); ++table) {
    global.partials[table].push_back(std::move(local.tables[table]));
  }
}

void PhysicalHashAggregate::Finalize(ExecutionContext& context, GlobalSinkState& global_state) const {
  auto& global = static_cast<AggregateGlobalState&>(global_state);
  global.merged.resize(TableCount());
  context.scheduler->ParallelFor(context.query, TableCount(), [&](size_t slot) {
    auto& tables = global.partials[slot];
    if (tables.empty()) {
      global.merged[slot] = std::make_unique<AggregateHashTable>(group_types_, &aggregates_, compared_groups_);
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
    global.merged[slot] = std::move(target);
  });
  // Without GROUP BY, and for the empty grouping set, there is always exactly one row.
  for (size_t set = 0; set < SetCount(); ++set) {
    if (!sets_[set].empty()) continue;
    size_t first_table = set * PartitionCount();
    bool any = false;
    for (size_t partition = 0; partition < PartitionCount(); ++partition) {
      any = any || global.merged[first_table + partition]->group_count() > 0;
    }
    if (any) continue;
    if (groups_.empty()) {
      global.merged[first_table]->SingleGroupState();
      continue;
    }
    DataChunk nulls;
    nulls.Initialize({}, 0);
    for (const LogicalType& type : group_types_) nulls.columns().push_back(Vector::ConstantNull(type));
    nulls.SetSize(1);
    uint64_t hash = 0;
    HashVector(nulls.column(0), 1, &hash, false);
    size_t hashed = std::min(group_types_.size(), compared_groups_);
    for (size_t key = 1; key < hashed; ++key) HashVector(nulls.column(key), 1, &hash, true);
    SelectionVector first(1);
    first.set_index(0, 0);
    uint8_t* state = nullptr;
    global.merged[first_table + (hash >> 60)]->FindOrCreateGroups(nulls, &hash, first, 1, &state);
  }
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
  return TableCount();
}

SourceResult PhysicalHashAggregate::GetData(ExecutionContext& context, DataChunk& chunk,
                                            GlobalSourceState& global_source,
                                            LocalSourceState& local_source) const {
  auto& sink = context.SinkStateOf<AggregateGlobalState>(this);
  auto& source = static_cast<AggregateSourceState&>(global_source);
  auto& local = static_cast<AggregateLocalSource&>(local_source);
  while (!local.table || local.next_group >= local.table->group_count()) {
    std::lock_guard<std::mutex> lock(source.mutex);
    if (source.next_table >= sink.merged.size()) return SourceResult::kFinished;
    local.set = source.next_table / PartitionCount();
    local.table = sink.merged[source.next_table++].get();
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
    try {
      bound.function->finalize(call, states.data(), count,
                               chunk.column(groups_.size() + aggregate), 0);
    } catch (Error& error) {
      error.SetPositionIfAbsent(bound.position);
      throw;
    }
  }
  if (emit_grouping_id_) {
    chunk.column(groups_.size() + aggregates_.size()) =
        Vector::Constant(Value::Int64(grouping_ids_[local.set]));
  }
  chunk.SetSize(count);
  local.next_group += count;
  return SourceResult::kHaveMoreOutput;
}

}  // namespace dq
