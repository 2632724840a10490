#include "functions/aggregate/array_aggregates.h"

#include <algorithm>
#include <numeric>

#include "common/error.h"
#include "exec/row_operations.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"

namespace dq {

namespace {

// Every input row of one group: its call arguments (values, then sort keys).
struct CollectedRows {
  std::vector<std::vector<Value>> rows;
};

struct CollectState {
  CollectedRows* collected;
};

CollectedRows& RowsOf(uint8_t* state) { return *reinterpret_cast<CollectState*>(state)->collected; }
const CollectedRows& RowsOf(const uint8_t* state) {
  return *reinterpret_cast<const CollectState*>(state)->collected;
}

void Initialize(uint8_t* state) {
  reinterpret_cast<CollectState*>(state)->collected = new CollectedRows();
}

void Destroy(uint8_t* state) { delete reinterpret_cast<CollectState*>(state)->collected; }

// The call's modifiers; a call without bind data is a plain one (one value, no keys).
const OrderedAggregateData& DataOf(const AggregateCall& call) {
  static const OrderedAggregateData kPlain;
  if (call.bind_data == nullptr) return kPlain;
  return static_cast<const OrderedAggregateData&>(*call.bind_data);
}

// Rows whose first value is NULL are dropped when `skip_nulls`.
void Collect(const AggregateCall& call, const DataChunk& args, uint8_t** states, bool skip_nulls) {
  UnifiedVector values;
  args.column(0).ToUnified(args.size(), values);
  for (size_t row = 0; row < args.size(); ++row) {
    if (skip_nulls && !values.IsValid(row)) continue;
    std::vector<Value> collected;
    collected.reserve(args.column_count());
    for (size_t column = 0; column < args.column_count(); ++column) {
      collected.push_back(args.column(column).GetValue(row));
    }
    RowsOf(states[row]).rows.push_back(std::move(collected));
  }
}

void ArrayAggUpdate(const AggregateCall& call, const DataChunk& args, uint8_t** states) {
  Collect(call, args, states, DataOf(call).ignore_nulls);
}

void StringAggUpdate(const AggregateCall& call, const DataChunk& args, uint8_t** states) {
  Collect(call, args, states, /*skip_nulls=*/true);
}

void ArrayConcatAggUpdate(const AggregateCall& call, const DataChunk& args, uint8_t** states) {
  Collect(call, args, states, /*skip_nulls=*/true);
}

void Combine(const AggregateCall&, const uint8_t* source, uint8_t* target) {
  const auto& from = RowsOf(source).rows;
  auto& into = RowsOf(target).rows;
  into.insert(into.end(), from.begin(), from.end());
}

// The rows of one group in output order: sorted by the keys (stable), then limited.
std::vector<size_t> OrderedRows(const OrderedAggregateData& data, const CollectedRows& collected) {
  const auto& rows = collected.rows;
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  if (!data.keys.empty() && rows.size() > 1) {
    // Compare keys through vectors so ordering matches ORDER BY exactly (NaN first, bytes...).
    std::vector<Vector> keys;
    std::vector<UnifiedVector> views(data.keys.size());
    for (size_t key = 0; key < data.keys.size(); ++key) {
      const Value& sample = rows[0][data.value_count + key];
      keys.emplace_back(sample.type(), rows.size());
      for (size_t row = 0; row < rows.size(); ++row) {
        keys.back().SetValue(row, rows[row][data.value_count + key]);
      }
    }
    for (size_t key = 0; key < keys.size(); ++key) keys[key].ToUnified(rows.size(), views[key]);
    std::stable_sort(order.begin(), order.end(), [&](size_t left, size_t right) {
      for (size_t key = 0; key < keys.size(); ++key) {
        const UnifiedVector& view = views[key];
        bool left_valid = view.IsValid(left);
        bool right_valid = view.IsValid(right);
        if (!left_valid || !right_valid) {
          if (left_valid == right_valid) continue;
          return data.keys[key].nulls_first ? !left_valid : !right_valid;
        }
        int comparison =
            CompareValues(keys[key].type(), view, view.index(left), view, view.index(right));
        if (comparison != 0) return data.keys[key].descending ? comparison > 0 : comparison < 0;
      }
      return false;
    });
  }
  if (data.limit && order.size() > *data.limit) order.resize(*data.limit);
  return order;
}

void ArrayAggFinalize(const AggregateCall& call, uint8_t** states, size_t count, Vector& result,
                      size_t offset) {
  const OrderedAggregateData& data = DataOf(call);
  ArrayEntry* entries = result.Data<ArrayEntry>();
  for (size_t index = 0; index < count; ++index) {
    const CollectedRows& collected = RowsOf(states[index]);
    std::vector<size_t> order = OrderedRows(data, collected);
    if (order.empty()) {  // no rows, or LIMIT 0
      result.SetValue(offset + index, Value::Null(result.type()));
      continue;
    }
    size_t start = result.array_size();
    result.SetArraySize(start + order.size());
    Vector& elements = result.array_child();
    for (size_t position = 0; position < order.size(); ++position) {
      elements.SetValue(start + position, collected.rows[order[position]][0]);
    }
    result.validity().SetValid(offset + index);
    entries[offset + index] = ArrayEntry{start, order.size()};
  }
}

void ArrayConcatAggFinalize(const AggregateCall& call, uint8_t** states, size_t count,
                            Vector& result, size_t offset) {
  const OrderedAggregateData& data = DataOf(call);
  ArrayEntry* entries = result.Data<ArrayEntry>();
  for (size_t index = 0; index < count; ++index) {
    const CollectedRows& collected = RowsOf(states[index]);
    std::vector<size_t> order = OrderedRows(data, collected);
    if (order.empty()) {  // no arrays, or LIMIT 0
      result.SetValue(offset + index, Value::Null(result.type()));
      continue;
    }
    std::vector<Value> elements;
    for (size_t row : order) {
      const std::vector<Value>& array = collected.rows[row][0].children();
      elements.insert(elements.end(), array.begin(), array.end());
    }
    size_t start = result.array_size();
    result.SetArraySize(start + elements.size());
    Vector& child = result.array_child();
    for (size_t position = 0; position < elements.size(); ++position) {
      child.SetValue(start + position, elements[position]);
    }
    result.validity().SetValid(offset + index);
    entries[offset + index] = ArrayEntry{start, elements.size()};
  }
}

void StringAggFinalize(const AggregateCall& call, uint8_t** states, size_t count, Vector& result,
                       size_t offset) {
  const OrderedAggregateData& data = DataOf(call);
  StringView* out = result.Data<StringView>();
  for (size_t index = 0; index < count; ++index) {
    const CollectedRows& collected = RowsOf(states[index]);
    std::vector<size_t> order = OrderedRows(data, collected);
    if (order.empty()) {  // no rows, or LIMIT 0
      result.SetNull(offset + index);
      continue;
    }
    std::string text;
    for (size_t position = 0; position < order.size(); ++position) {
      const std::vector<Value>& row = collected.rows[order[position]];
      bool has_delimiter = row.size() - data.keys.size() == 2;
      if (has_delimiter && row[1].is_null()) {
        throw Error(ErrorKind::kOutOfRange, "The delimiter of STRING_AGG must not be NULL");
      }
      if (position > 0) text += has_delimiter ? row[1].string_value() : ",";
      text += row[0].string_value();
    }
    result.validity().SetValid(offset + index);
    out[offset + index] = result.AddString(text);
  }
}

// Binds the plain call (values only); the binder replaces the bind data when the call has
// ORDER BY keys, LIMIT or IGNORE NULLS.
bool BindArrayAgg(const std::vector<LogicalType>& types, AggregateFunction* resolved,
                  std::shared_ptr<FunctionData>* bind_data) {
  if (types.size() != 1 || types[0].id() == TypeId::kArray) return false;
  resolved->arguments = types;
  resolved->return_type = LogicalType::Array(types[0]);
  *bind_data = std::make_shared<OrderedAggregateData>();
  return true;
}

bool BindArrayConcatAgg(const std::vector<LogicalType>& types, AggregateFunction* resolved,
                        std::shared_ptr<FunctionData>* bind_data) {
  if (types.size() != 1 || types[0].id() != TypeId::kArray) return false;
  resolved->arguments = types;
  resolved->return_type = types[0];
  *bind_data = std::make_shared<OrderedAggregateData>();
  return true;
}

bool BindStringAgg(const std::vector<LogicalType>& types, AggregateFunction* resolved,
                   std::shared_ptr<FunctionData>* bind_data) {
  if (types.empty() || types.size() > 2) return false;
  TypeId value = types[0].id();
  if (value != TypeId::kString && value != TypeId::kBytes) return false;
  if (types.size() == 2 && types[1].id() != value) return false;
  resolved->arguments = types;
  resolved->return_type = value;
  auto data = std::make_shared<OrderedAggregateData>();
  data->value_count = types.size();
  *bind_data = std::move(data);
  return true;
}

AggregateFunction MakeCollectingAggregate(const char* name) {
  AggregateFunction function;
  function.name = name;
  function.state_size = sizeof(CollectState);
  function.initialize = Initialize;
  function.combine = Combine;
  function.destroy = Destroy;
  return function;
}

}  // namespace

std::string OrderedAggregateData::Describe() const {
  std::string out;
  if (ignore_nulls) out += " IGNORE NULLS";
  if (!keys.empty()) {
    out += " ORDER BY";
    for (const OrderedAggregateKey& key : keys) {
      out += key.descending ? " DESC" : " ASC";
      out += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    }
  }
  if (limit) out += " LIMIT " + std::to_string(*limit);
  return out;
}

bool SupportsOrderedAggregation(const std::string& name) {
  return name == "ARRAY_AGG" || name == "STRING_AGG" || name == "ARRAY_CONCAT_AGG";
}

void RegisterArrayAggregateFunctions(FunctionRegistry& registry) {
  AggregateFunction array_agg = MakeCollectingAggregate("ARRAY_AGG");
  array_agg.update = ArrayAggUpdate;
  array_agg.finalize = ArrayAggFinalize;
  array_agg.bind = BindArrayAgg;
  registry.AddAggregate(array_agg);
  AggregateFunction array_concat_agg = MakeCollectingAggregate("ARRAY_CONCAT_AGG");
  array_concat_agg.update = ArrayConcatAggUpdate;
  array_concat_agg.finalize = ArrayConcatAggFinalize;
  array_concat_agg.bind = BindArrayConcatAgg;
  registry.AddAggregate(array_concat_agg);
  AggregateFunction string_agg = MakeCollectingAggregate("STRING_AGG");
  string_agg.update = StringAggUpdate;
  string_agg.finalize = StringAggFinalize;
  string_agg.bind = BindStringAgg;
  registry.AddAggregate(string_agg);
}

}  // namespace dq
