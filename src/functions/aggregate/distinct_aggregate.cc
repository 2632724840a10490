#include "functions/aggregate/distinct_aggregate.h"

#include <cstring>
#include <memory>
#include <unordered_set>

#include "types/interval.h"
#include "vector/data_chunk.h"

namespace dq {

namespace {

struct DistinctBindData : FunctionData {
  const AggregateFunction* inner = nullptr;
  std::shared_ptr<AggregateFunction> inner_owner;  // keeps a bind-resolved inner alive
  std::shared_ptr<FunctionData> inner_bind_data;
  std::vector<LogicalType> argument_types;
  LogicalType return_type;
  // ARRAY_AGG keeps NULL as one of the distinct values (the wrapped aggregate drops it under
  // IGNORE NULLS); every other aggregate ignores NULL inputs.
  bool keep_nulls = false;
};

// A value's identity for DISTINCT: its literal text, except that INTERVALs equal as durations
// (1 MONTH = 30 DAY) share one key.
std::string DistinctKey(const Value& value) {
  if (value.type().id() != TypeId::kInterval || value.is_null()) return value.ToSqlLiteral();
  int128_t key = IntervalOrderKey(value.interval_value());
  return "INTERVAL:" + std::to_string(static_cast<int64_t>(key >> 64)) + ":" +
         std::to_string(static_cast<uint64_t>(key));
}

// The distinct argument rows seen so far, keyed by their literal text.
struct DistinctRows {
  std::unordered_set<std::string> keys;
  std::vector<std::vector<Value>> rows;

  void Add(std::vector<Value> row) {
    std::string key;
    for (const Value& value : row) key += DistinctKey(value) + '\x1f';
    if (keys.insert(std::move(key)).second) rows.push_back(std::move(row));
  }
};

struct DistinctState {
  DistinctRows* rows;
};

void Initialize(uint8_t* state) {
  reinterpret_cast<DistinctState*>(state)->rows = new DistinctRows();
}

void Destroy(uint8_t* state) { delete reinterpret_cast<DistinctState*>(state)->rows; }

void Update(const AggregateCall& call, const DataChunk& args, uint8_t** states) {
  std::vector<UnifiedVector> columns(args.column_count());
  for (size_t column = 0; column < args.column_count(); ++column) {
    args.column(column).ToUnified(args.size(), columns[column]);
  }
  for (size_t row = 0; row < args.size(); ++row) {
    bool has_null = false;
    for (const UnifiedVector& column : columns) has_null = has_null || !column.IsValid(row);
    if (has_null && !static_cast<const DistinctBindData*>(call.bind_data)->keep_nulls) continue;
    std::vector<Value> values;
    for (size_t column = 0; column < args.column_count(); ++column) {
      values.push_back(args.column(column).GetValue(row));
    }
    reinterpret_cast<DistinctState*>(states[row])->rows->Add(std::move(values));
  }
}

void Combine(const AggregateCall& call, const uint8_t* source, uint8_t* target) {
  DistinctRows* target_rows = reinterpret_cast<DistinctState*>(target)->rows;
  for (const auto& row : reinterpret_cast<const DistinctState*>(source)->rows->rows) {
    target_rows->Add(row);
  }
}

void Finalize(const AggregateCall& call, uint8_t** states, size_t count, Vector& result,
              size_t offset) {
  const auto& data = static_cast<const DistinctBindData&>(*call.bind_data);
  const AggregateFunction& inner = *data.inner;
  AggregateCall inner_call{data.inner_bind_data.get(), data.return_type};
  // Aggregate states need 16-byte alignment: operator new[] gives at least that.
  std::unique_ptr<uint8_t[]> state_memory(new uint8_t[std::max<size_t>(inner.state_size, 16)]);
  uint8_t* inner_state = state_memory.get();
  for (size_t index = 0; index < count; ++index) {
    const DistinctRows& rows = *reinterpret_cast<DistinctState*>(states[index])->rows;
    inner.initialize(inner_state);
    for (size_t start = 0; start < rows.rows.size(); start += kBatchSize) {
      size_t batch = std::min(kBatchSize, rows.rows.size() - start);
      DataChunk chunk(data.argument_types, batch);
      for (size_t row = 0; row < batch; ++row) {
        for (size_t column = 0; column < data.argument_types.size(); ++column) {
          chunk.SetValue(column, row, rows.rows[start + row][column]);
        }
      }
      chunk.SetSize(batch);
      std::vector<uint8_t*> pointers(batch, inner_state);
      inner.update(inner_call, chunk, pointers.data());
    }
    uint8_t* pointer = inner_state;
    inner.finalize(inner_call, &pointer, 1, result, offset + index);
    if (inner.destroy) inner.destroy(inner_state);
  }
}

}  // namespace

BoundAggregate MakeDistinctAggregate(BoundAggregate inner) {
  auto data = std::make_shared<DistinctBindData>();
  data->inner = inner.function;
  data->inner_owner = inner.resolved;
  data->inner_bind_data = inner.bind_data;
  for (const auto& argument : inner.arguments) data->argument_types.push_back(argument->type);
  data->return_type = inner.return_type;
  data->keep_nulls = inner.function->name == "ARRAY_AGG";

  auto wrapper = std::make_shared<AggregateFunction>();
  wrapper->name = inner.function->name;
  wrapper->arguments = data->argument_types;
  wrapper->return_type = inner.return_type;
  wrapper->state_size = sizeof(DistinctState);
  wrapper->initialize = Initialize;
  wrapper->update = Update;
  wrapper->combine = Combine;
  wrapper->finalize = Finalize;
  wrapper->destroy = Destroy;

  BoundAggregate result;
  result.function = wrapper.get();
  result.resolved = std::move(wrapper);
  result.bind_data = std::move(data);
  result.arguments = std::move(inner.arguments);
  result.distinct = true;
  result.return_type = inner.return_type;
  result.position = inner.position;
  return result;
}

}  // namespace dq
