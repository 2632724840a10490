// APPROX_QUANTILES, APPROX_TOP_COUNT and APPROX_TOP_SUM, computed exactly.
//
//   APPROX_QUANTILES(x, n)          -> ARRAY<T> of n + 1 values: the minimum, the n - 1
//                                      boundaries that split the non-NULL values into n equal
//                                      parts, the maximum. Element i is the value of rank
//                                      floor(i * (count - 1) / n) in ascending order.
//   APPROX_TOP_COUNT(x, n)          -> ARRAY<STRUCT<value T, count INT64>>: the n most frequent
//                                      values (NULL counts as a value), by count descending,
//                                      ties by value ascending (NULL first).
//   APPROX_TOP_SUM(x, weight, n)    -> ARRAY<STRUCT<value T, sum W>>: the n values with the
//                                      largest total weight (W is INT64 or FLOAT64); rows with a
//                                      NULL weight are skipped.
// All three return NULL when no row contributes. `n` must be a constant (literal or parameter)
// of at least 1; the binder checks it (bind_with_constants) and keeps it in the bind data.
//
// GoogleSQL allows these answers to be approximate; ours are the exact ones (this is a
// documented choice: deterministic results, at the cost of keeping every value of a group in
// its state, like ARRAY_AGG). States merge by concatenation, so they parallelize like any
// other aggregate and give the same answer for any split of the input.
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

#include "common/error.h"
#include "exec/row_operations.h"
#include "functions/aggregate/aggregate_helpers.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"

namespace dq {

namespace {

struct ApproxData : FunctionData {
  int64_t count = 1;  // n: quantiles, or the number of top values
  std::string Describe() const override { return ""; }
};

// Every contributing row of one group: its value and (APPROX_TOP_SUM) its weight.
struct CollectedValues {
  std::vector<Value> values;
  std::vector<Value> weights;
};

int64_t CountOf(const AggregateCall& call) {
  return static_cast<const ApproxData&>(*call.bind_data).count;
}

// Checks the constant `n` argument at `index` and makes the bind data.
std::shared_ptr<FunctionData> BindCount(const char* name,
                                        const std::vector<const Value*>& constants,
                                        size_t index) {
  const Value* count = constants[index];
  if (count == nullptr) {
    throw Error(ErrorKind::kBinding, std::string(name) +
                                         " requires a constant (literal or query parameter) "
                                         "as its last argument");
  }
  if (count->is_null() || count->type().id() != TypeId::kInt64 || count->int64_value() < 1) {
    throw Error(ErrorKind::kOutOfRange, std::string(name) + " requires a positive count; got " +
                                            count->ToString());
  }
  auto data = std::make_shared<ApproxData>();
  data->count = count->int64_value();
  return data;
}

bool IsSortableValueType(const LogicalType& type) {
  return type.id() != TypeId::kNull && type.id() != TypeId::kArray &&
         type.id() != TypeId::kStruct && type.SupportsOrdering();
}

// Indexes of `values` in ascending order, NULLs first.
std::vector<size_t> SortedOrder(const LogicalType& type, const std::vector<Value>& values) {
  Vector column(type, values.size());
  for (size_t row = 0; row < values.size(); ++row) column.SetValue(row, values[row]);
  UnifiedVector view;
  column.ToUnified(values.size(), view);
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t left, size_t right) {
    bool left_valid = view.IsValid(left);
    bool right_valid = view.IsValid(right);
    if (!left_valid || !right_valid) return !left_valid && right_valid;
    return CompareValues(type, view, view.index(left), view, view.index(right)) < 0;
  });
  return order;
}

void Combine(const AggregateCall&, const uint8_t* source, uint8_t* target) {
  const auto& from = StateOf<CollectedValues>(source);
  auto& into = StateOf<CollectedValues>(target);
  into.values.insert(into.values.end(), from.values.begin(), from.values.end());
  into.weights.insert(into.weights.end(), from.weights.begin(), from.weights.end());
}

// Appends `elements` as the array of result row `row`.
void WriteArray(Vector& result, size_t row, const std::vector<Value>& elements) {
  size_t start = result.array_size();
  result.SetArraySize(start + elements.size());
  Vector& child = result.array_child();
  for (size_t position = 0; position < elements.size(); ++position) {
    child.SetValue(start + position, elements[position]);
  }
  result.validity().SetValid(row);
  result.Data<ArrayEntry>()[row] = ArrayEntry{start, elements.size()};
}

// ---- APPROX_QUANTILES ----

void QuantilesUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  UnifiedVector values;
  args.column(0).ToUnified(args.size(), values);
  for (size_t row = 0; row < args.size(); ++row) {
    if (!values.IsValid(row)) continue;
    StateOf<CollectedValues>(states[row]).values.push_back(args.column(0).GetValue(row));
  }
}

void QuantilesFinalize(const AggregateCall& call, uint8_t** states, size_t count, Vector& result,
                       size_t offset) {
  const LogicalType& type = call.return_type.element_type();
  const uint64_t parts = static_cast<uint64_t>(CountOf(call));
  for (size_t index = 0; index < count; ++index) {
    const std::vector<Value>& values = StateOf<CollectedValues>(states[index]).values;
    if (values.empty()) {
      result.SetValue(offset + index, Value::Null(result.type()));
      continue;
    }
    std::vector<size_t> order = SortedOrder(type, values);
    const unsigned __int128 last = values.size() - 1;
    std::vector<Value> quantiles;
    quantiles.reserve(parts + 1);
    for (uint64_t part = 0; part <= parts; ++part) {
      size_t rank = static_cast<size_t>(last * part / parts);
      quantiles.push_back(values[order[rank]]);
    }
    WriteArray(result, offset + index, quantiles);
  }
}

bool BindQuantiles(const std::vector<LogicalType>& types, const std::vector<const Value*>& constants,
                   AggregateFunction* resolved, std::shared_ptr<FunctionData>* bind_data) {
  if (types.size() != 2 || !IsSortableValueType(types[0]) || types[1].id() != TypeId::kInt64) {
    return false;
  }
  *bind_data = BindCount("APPROX_QUANTILES", constants, 1);
  resolved->arguments = types;
  resolved->return_type = LogicalType::Array(types[0]);
  return true;
}

// ---- APPROX_TOP_COUNT / APPROX_TOP_SUM ----

void TopCountUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  for (size_t row = 0; row < args.size(); ++row) {
    StateOf<CollectedValues>(states[row]).values.push_back(args.column(0).GetValue(row));
  }
}

void TopSumUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  UnifiedVector weights;
  args.column(1).ToUnified(args.size(), weights);
  for (size_t row = 0; row < args.size(); ++row) {
    if (!weights.IsValid(row)) continue;
    auto& state = StateOf<CollectedValues>(states[row]);
    state.values.push_back(args.column(0).GetValue(row));
    state.weights.push_back(args.column(1).GetValue(row));
  }
}

Value AddWeights(const Value& left, const Value& right) {
  if (left.type().id() == TypeId::kFloat64) {
    return Value::Float64(left.float64_value() + right.float64_value());
  }
  int64_t sum = 0;
  if (__builtin_add_overflow(left.int64_value(), right.int64_value(), &sum)) {
    throw Error(ErrorKind::kOutOfRange, "int64 overflow in APPROX_TOP_SUM");
  }
  return Value::Int64(sum);
}

// Orders weights descending (FLOAT64 NaN last).
bool HeavierThan(const Value& left, const Value& right) {
  if (left.type().id() == TypeId::kFloat64) {
    double a = left.float64_value();
    double b = right.float64_value();
    if (std::isnan(a) || std::isnan(b)) return !std::isnan(a) && std::isnan(b);
    return a > b;
  }
  return left.int64_value() > right.int64_value();
}

// Groups equal values (NULL equal to NULL) and keeps the `limit` heaviest as structs of
// (value, total); `weights` empty means every row weighs INT64 1.
void TopFinalize(const AggregateCall& call, uint8_t** states, size_t count, Vector& result,
                 size_t offset) {
  const LogicalType& element = call.return_type.element_type();
  const LogicalType& type = *element.fields()[0].type;
  const size_t limit = static_cast<size_t>(CountOf(call));
  for (size_t index = 0; index < count; ++index) {
    const CollectedValues& state = StateOf<CollectedValues>(states[index]);
    if (state.values.empty()) {
      result.SetValue(offset + index, Value::Null(result.type()));
      continue;
    }
    std::vector<size_t> order = SortedOrder(type, state.values);
    Vector column(type, state.values.size());
    for (size_t row = 0; row < state.values.size(); ++row) column.SetValue(row, state.values[row]);
    UnifiedVector view;
    column.ToUnified(state.values.size(), view);
    // Runs of equal values in sorted order, each with its total weight.
    std::vector<std::pair<size_t, Value>> groups;  // (first row, total)
    for (size_t position = 0; position < order.size(); ++position) {
      size_t row = order[position];
      Value weight = state.weights.empty() ? Value::Int64(1) : state.weights[row];
      if (!groups.empty() &&
          RowsEqualForGrouping(type, view, groups.back().first, view, row)) {
        groups.back().second = AddWeights(groups.back().second, weight);
      } else {
        groups.emplace_back(row, weight);
      }
    }
    std::stable_sort(groups.begin(), groups.end(), [](const auto& left, const auto& right) {
      return HeavierThan(left.second, right.second);
    });
    if (groups.size() > limit) groups.resize(limit);
    std::vector<Value> elements;
    for (const auto& [row, total] : groups) {
      elements.push_back(Value::Struct(element, {state.values[row], total}));
    }
    WriteArray(result, offset + index, elements);
  }
}

bool IsTopValueType(const LogicalType& type) {
  return IsSortableValueType(type) && type.SupportsEquality();
}

bool BindTopCount(const std::vector<LogicalType>& types, const std::vector<const Value*>& constants,
                  AggregateFunction* resolved, std::shared_ptr<FunctionData>* bind_data) {
  if (types.size() != 2 || !IsTopValueType(types[0]) || types[1].id() != TypeId::kInt64) {
    return false;
  }
  *bind_data = BindCount("APPROX_TOP_COUNT", constants, 1);
  resolved->arguments = types;
  resolved->return_type = LogicalType::Array(
      LogicalType::Struct({{"value", types[0]}, {"count", LogicalType(TypeId::kInt64)}}));
  return true;
}

bool BindTopSum(const std::vector<LogicalType>& types, const std::vector<const Value*>& constants,
                AggregateFunction* resolved, std::shared_ptr<FunctionData>* bind_data) {
  if (types.size() != 3 || !IsTopValueType(types[0]) || types[2].id() != TypeId::kInt64) {
    return false;
  }
  TypeId weight = types[1].id();
  if (weight != TypeId::kInt64 && weight != TypeId::kFloat64) return false;
  *bind_data = BindCount("APPROX_TOP_SUM", constants, 2);
  resolved->arguments = types;
  resolved->return_type =
      LogicalType::Array(LogicalType::Struct({{"value", types[0]}, {"sum", types[1]}}));
  return true;
}

AggregateFunction MakeApproxAggregate(const char* name) {
  AggregateFunction function;
  function.name = name;
  function.state_size = sizeof(CollectedValues);
  function.initialize = InitializeState<CollectedValues>;
  function.destroy = DestroyState<CollectedValues>;
  function.combine = Combine;
  return function;
}

}  // namespace

void RegisterApproxAggregateFunctions(FunctionRegistry& registry) {
  AggregateFunction quantiles = MakeApproxAggregate("APPROX_QUANTILES");
  quantiles.update = QuantilesUpdate;
  quantiles.finalize = QuantilesFinalize;
  quantiles.bind_with_constants = BindQuantiles;
  registry.AddAggregate(quantiles);
  AggregateFunction top_count = MakeApproxAggregate("APPROX_TOP_COUNT");
  top_count.update = TopCountUpdate;
  top_count.finalize = TopFinalize;
  top_count.bind_with_constants = BindTopCount;
  registry.AddAggregate(top_count);
  AggregateFunction top_sum = MakeApproxAggregate("APPROX_TOP_SUM");
  top_sum.update = TopSumUpdate;
  top_sum.finalize = TopFinalize;
  top_sum.bind_with_constants = BindTopSum;
  registry.AddAggregate(top_sum);
}

}  // namespace dq
