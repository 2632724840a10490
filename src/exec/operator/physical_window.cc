#include "exec/operator/physical_window.h"

#include <mutex>

#include "exec/expression_executor.h"
#include "exec/row_operations.h"
#include "exec/task_scheduler.h"
#include "exec/window_rows.h"

namespace dq {

namespace {

struct WindowGlobalState : GlobalSinkState {
  std::mutex mutex;
  std::vector<ColumnDataCollection> buckets;
  // After Finalize, per bucket: the sorted rows and the function results, chunk by chunk.
  std::vector<std::unique_ptr<SortedWindowRows>> sorted;
  std::vector<std::vector<DataChunk>> results;
};

struct WindowLocalState : LocalSinkState {
  ExpressionExecutor executor;
  DataChunk computed;
  DataChunk stored;  // input columns + computed columns, by reference
  DataChunk slice;
  std::vector<ColumnDataCollection> buckets;
  std::vector<uint64_t> hashes;
  std::vector<SelectionVector> bucket_rows;
  std::vector<size_t> bucket_counts;
};

struct WindowSourceState : GlobalSourceState {
  std::mutex mutex;
  size_t bucket = 0;
  size_t chunk = 0;
};

}  // namespace

PhysicalWindow::PhysicalWindow(std::vector<LogicalType> types,
                               std::vector<BoundWindowFunction> functions)
    : PhysicalOperator(std::move(types)), functions_(std::move(functions)) {
  input_count_ = types_.size() - functions_.size();
  stored_types_.assign(types_.begin(), types_.begin() + input_count_);
  const BoundWindowFunction& first = functions_[0];
  for (const auto& partition : first.partitions) {
    size_t column = ColumnOf(*partition);
    partition_columns_.push_back(column);
    sort_keys_.push_back({column, false, true});
  }
  for (const OrderItem& order : first.orders) {
    sort_keys_.push_back({ColumnOf(*order.expression), order.descending, order.nulls_first});
  }
  for (const BoundWindowFunction& function : functions_) {
    WindowFunctionColumns columns;
    const auto& arguments = function.kind == WindowFunctionKind::kAggregate
                                ? function.aggregate.arguments
                                : function.arguments;
    for (const auto& argument : arguments) columns.arguments.push_back(ColumnOf(*argument));
    if (!first.orders.empty()) {
      columns.order_column = sort_keys_[partition_columns_.size()].column;
      columns.order_descending = first.orders[0].descending;
    }
    function_columns_.push_back(std::move(columns));
  }
}

size_t PhysicalWindow::ColumnOf(const Expression& expression) {
  if (expression.kind == ExpressionKind::kColumnRef) return expression.index;
  std::string fingerprint = expression.Fingerprint();
  for (size_t index = 0; index < computed_.size(); ++index) {
    if (computed_[index]->Fingerprint() == fingerprint) return input_count_ + index;
  }
  computed_.push_back(&expression);
  stored_types_.push_back(expression.type);
  return input_count_ + computed_.size() - 1;
}

std::vector<std::string> PhysicalWindow::Details() const {
  std::vector<std::string> details;
  for (const BoundWindowFunction& function : functions_) details.push_back(function.ToString());
  return details;
}

std::unique_ptr<GlobalSinkState> PhysicalWindow::GetGlobalSinkState(
    ExecutionContext& context) const {
  auto state = std::make_unique<WindowGlobalState>();
  state->buckets.assign(BucketCount(), ColumnDataCollection(stored_types_));
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalWindow::GetLocalSinkState(ExecutionContext& context,
                                                                  GlobalSinkState& global) const {
  auto state = std::make_unique<WindowLocalState>();
  std::vector<LogicalType> computed_types;
  for (const Expression* expression : computed_) {
    state->executor.AddExpression(expression);
    computed_types.push_back(expression->type);
  }
  state->computed.Initialize(computed_types);
  state->stored.Initialize(stored_types_, 1);
  state->slice.Initialize(stored_types_, 1);
  state->buckets.assign(BucketCount(), ColumnDataCollection(stored_types_));
  state->bucket_counts.resize(BucketCount());
  return state;
}

SinkResult PhysicalWindow::Sink(ExecutionContext& context, DataChunk& chunk,
                                GlobalSinkState& global, LocalSinkState& local_state) const {
  auto& local = static_cast<WindowLocalState&>(local_state);
  size_t count = chunk.size();
  if (count == 0) return SinkResult::kNeedMoreInput;
  local.computed.Reset();
  if (!computed_.empty()) local.executor.Execute(chunk, local.computed);
  local.computed.SetSize(count);
  for (size_t column = 0; column < input_count_; ++column) {
    local.stored.column(column).Reference(chunk.column(column));
  }
  for (size_t column = 0; column < computed_.size(); ++column) {
    local.stored.column(input_count_ + column).Reference(local.computed.column(column));
  }
  local.stored.SetSize(count);
  if (BucketCount() == 1) {
    local.buckets[0].Append(local.stored);
    return SinkResult::kNeedMoreInput;
  }
  if (local.hashes.size() < count) {
    local.hashes.resize(count);
    local.bucket_rows.resize(BucketCount());
    for (auto& rows : local.bucket_rows) rows = SelectionVector(count);
  }
  for (size_t key = 0; key < partition_columns_.size(); ++key) {
    HashVector(local.stored.column(partition_columns_[key]), count, local.hashes.data(), key > 0);
  }
  std::fill(local.bucket_counts.begin(), local.bucket_counts.end(), 0);
  for (size_t row = 0; row < count; ++row) {
    size_t bucket = local.hashes[row] >> 59;  // top 5 bits: 32 buckets
    local.bucket_rows[bucket].set_index(local.bucket_counts[bucket]++, static_cast<sel_t>(row));
  }
  for (size_t bucket = 0; bucket < BucketCount(); ++bucket) {
    if (local.bucket_counts[bucket] == 0) continue;
    local.slice.Reference(local.stored);
    local.slice.Slice(local.bucket_rows[bucket], local.bucket_counts[bucket]);
    local.buckets[bucket].Append(local.slice);
  }
  return SinkResult::kNeedMoreInput;
}

void PhysicalWindow::Combine(ExecutionContext& context, GlobalSinkState& global_state,
                             LocalSinkState& local_state) const {
  auto& global = static_cast<WindowGlobalState&>(global_state);
  auto& local = static_cast<WindowLocalState&>(local_state);
  std::lock_guard<std::mutex> lock(global.mutex);
  for (size_t bucket = 0; bucket < BucketCount(); ++bucket) {
    global.buckets[bucket].Combine(std::move(local.buckets[bucket]));
  }
}

void PhysicalWindow::Finalize(ExecutionContext& context, GlobalSinkState& global_state) const {
  auto& global = static_cast<WindowGlobalState&>(global_state);
  std::vector<LogicalType> result_types(types_.begin() + input_count_, types_.end());
  global.sorted.resize(BucketCount());
  global.results.resize(BucketCount());
  context.scheduler->ParallelFor(context.query, BucketCount(), [&](size_t bucket) {
    if (global.buckets[bucket].row_count() == 0) return;
    auto sorted = std::make_unique<SortedWindowRows>(global.buckets[bucket], sort_keys_,
                                                     partition_columns_.size());
    global.buckets[bucket] = ColumnDataCollection();
    std::vector<DataChunk>& results = global.results[bucket];
    results.resize(sorted->rows().chunk_count());
    for (size_t chunk = 0; chunk < results.size(); ++chunk) {
      results[chunk].Initialize(result_types);
      results[chunk].SetSize(sorted->rows().chunk(chunk).size());
    }
    for (size_t function = 0; function < functions_.size(); ++function) {
      context.query->CheckCancelled();
      EvaluateWindowFunction(context.query, functions_[function], function_columns_[function],
                             *sorted, results, function);
    }
    global.sorted[bucket] = std::move(sorted);
  });
}

std::unique_ptr<GlobalSourceState> PhysicalWindow::GetGlobalSourceState(
    ExecutionContext& context) const {
  return std::make_unique<WindowSourceState>();
}

SourceResult PhysicalWindow::GetData(ExecutionContext& context, DataChunk& chunk,
                                     GlobalSourceState& global_source,
                                     LocalSourceState& local_source) const {
  auto& sink = context.SinkStateOf<WindowGlobalState>(this);
  auto& source = static_cast<WindowSourceState&>(global_source);
  size_t bucket = 0;
  size_t index = 0;
  {
    std::lock_guard<std::mutex> lock(source.mutex);
    while (source.bucket < sink.sorted.size() &&
           (!sink.sorted[source.bucket] ||
            source.chunk >= sink.sorted[source.bucket]->rows().chunk_count())) {
      ++source.bucket;
      source.chunk = 0;
    }
    if (source.bucket >= sink.sorted.size()) return SourceResult::kFinished;
    bucket = source.bucket;
    index = source.chunk++;
  }
  const DataChunk& rows = sink.sorted[bucket]->rows().chunk(index);
  const DataChunk& results = sink.results[bucket][index];
  for (size_t column = 0; column < input_count_; ++column) {
    chunk.column(column).Reference(rows.column(column));
  }
  for (size_t function = 0; function < functions_.size(); ++function) {
    chunk.column(input_count_ + function).Reference(results.column(function));
  }
  chunk.SetSize(rows.size());
  return SourceResult::kHaveMoreOutput;
}

}  // namespace dq
