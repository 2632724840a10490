// MIN, MAX and ANY_VALUE over every orderable scalar type (BOOL, INT64, FLOAT64, NUMERIC,
// STRING, BYTES, DATE, DATETIME, TIME, TIMESTAMP, INTERVAL; ANY_VALUE also JSON), one
// overload per type, and ANY_VALUE over ARRAY and STRUCT (a generic overload whose state
// holds the chosen value as a Value). NULLs are skipped; empty input gives NULL.
//
// FLOAT64: as in GoogleSQL, MIN and MAX return NaN when any input is NaN.
// STRING/BYTES states copy the chosen value into a std::string they own (destroyed by
// `destroy`); the copy reuses its capacity, so steady-state updates do not allocate.
// ANY_VALUE keeps the first non-NULL value each partial state saw; which partial wins on
// combine is unspecified, as in GoogleSQL.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "types/interval.h"

namespace dq {

namespace {

template <typename T>
struct ValueState {
  T value{};
  bool has_value = false;
};

struct StringState {
  std::string value;
  bool has_value = false;
};

struct LessThan {
  template <typename T>
  static bool Better(const T& candidate, const T& current) {
    return candidate < current;
  }
  static bool Better(const Interval& candidate, const Interval& current) {
    return IntervalOrderKey(candidate) < IntervalOrderKey(current);
  }
  static bool Better(double candidate, double current) {
    return std::isnan(candidate) || (!std::isnan(current) && candidate < current);
  }
};

struct GreaterThan {
  template <typename T>
  static bool Better(const T& candidate, const T& current) {
    return current < candidate;
  }
  static bool Better(const Interval& candidate, const Interval& current) {
    return IntervalOrderKey(current) < IntervalOrderKey(candidate);
  }
  static bool Better(double candidate, double current) {
    return std::isnan(candidate) || (!std::isnan(current) && current < candidate);
  }
};

struct FirstSeen {
  template <typename T>
  static bool Better(const T&, const T&) {
    return false;
  }
};

template <typename T, typename Order>
struct FixedOp {
  using State = ValueState<T>;
  static void Update(State& state, const T& value) {
    if (!state.has_value || Order::Better(value, state.value)) {
      state.value = value;
      state.has_value = true;
    }
  }
  static void Combine(const State& source, State& target) {
    if (source.has_value) Update(target, source.value);
  }
  static bool Finalize(const State& state, Vector&, T* out) {
    *out = state.value;
    return state.has_value;
  }
};

template <typename Order>
struct StringOp {
  static void Update(StringState& state, const StringView& value) {
    if (!state.has_value || Order::Better(value.view(), std::string_view(state.value))) {
      state.value.assign(value.data(), value.size());
      state.has_value = true;
    }
  }
  static void Combine(const StringState& source, StringState& target) {
    if (!source.has_value) return;
    if (!target.has_value ||
        Order::Better(std::string_view(source.value), std::string_view(target.value))) {
      target.value = source.value;
      target.has_value = true;
    }
  }
  static bool Finalize(const StringState& state, Vector& result, StringView* out) {
    if (!state.has_value) return false;
    *out = result.AddString(state.value);
    return true;
  }
};

template <typename Order>
void RegisterFamily(FunctionRegistry& registry, const char* name) {
  auto add_fixed = [&]<typename T>(TypeId type, T*) {
    registry.AddAggregate(
        MakeUnaryAggregate<T, ValueState<T>, T, FixedOp<T, Order>>(name, type, type));
  };
  add_fixed(TypeId::kBool, static_cast<bool*>(nullptr));
  add_fixed(TypeId::kInt64, static_cast<int64_t*>(nullptr));
  add_fixed(TypeId::kFloat64, static_cast<double*>(nullptr));
  add_fixed(TypeId::kNumeric, static_cast<int128_t*>(nullptr));
  add_fixed(TypeId::kDate, static_cast<int32_t*>(nullptr));
  add_fixed(TypeId::kDatetime, static_cast<int64_t*>(nullptr));
  add_fixed(TypeId::kTime, static_cast<int64_t*>(nullptr));
  add_fixed(TypeId::kTimestamp, static_cast<int64_t*>(nullptr));
  for (TypeId type : {TypeId::kString, TypeId::kBytes}) {
    registry.AddAggregate(
        MakeUnaryAggregate<StringView, StringState, StringView, StringOp<Order>>(name, type, type));
  }
}

// ANY_VALUE over ARRAY and STRUCT: the state owns a copy of the first non-NULL value it saw.
struct NestedValueState {
  Value* value;
};

bool BindNestedAnyValue(const std::vector<LogicalType>& types, AggregateFunction* resolved,
                        std::shared_ptr<FunctionData>*) {
  if (types.size() != 1) return false;
  if (types[0].id() != TypeId::kArray && types[0].id() != TypeId::kStruct) return false;
  resolved->arguments = types;
  resolved->return_type = types[0];
  return true;
}

void NestedAnyValueUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  const Vector& input = args.column(0);
  for (size_t row = 0; row < args.size(); ++row) {
    auto* state = reinterpret_cast<NestedValueState*>(states[row]);
    if (state->value != nullptr) continue;
    Value value = input.GetValue(row);
    if (!value.is_null()) state->value = new Value(std::move(value));
  }
}

void NestedAnyValueCombine(const AggregateCall&, const uint8_t* source, uint8_t* target) {
  const auto* from = reinterpret_cast<const NestedValueState*>(source);
  auto* to = reinterpret_cast<NestedValueState*>(target);
  if (to->value == nullptr && from->value != nullptr) to->value = new Value(*from->value);
}

void NestedAnyValueFinalize(const AggregateCall&, uint8_t** states, size_t count, Vector& result,
                            size_t offset) {
  for (size_t index = 0; index < count; ++index) {
    const auto* state = reinterpret_cast<const NestedValueState*>(states[index]);
    if (state->value == nullptr) {
      result.SetNull(offset + index);
    } else {
      result.SetValue(offset + index, *state->value);
    }
  }
}

AggregateFunction NestedAnyValue() {
  AggregateFunction function;
  function.name = "ANY_VALUE";
  function.state_size = sizeof(NestedValueState);
  function.initialize = [](uint8_t* state) {
    reinterpret_cast<NestedValueState*>(state)->value = nullptr;
  };
  function.update = NestedAnyValueUpdate;
  function.combine = NestedAnyValueCombine;
  function.finalize = NestedAnyValueFinalize;
  function.destroy = [](uint8_t* state) {
    delete reinterpret_cast<NestedValueState*>(state)->value;
  };
  function.bind = BindNestedAnyValue;
  return function;
}

}  // namespace

void RegisterMinMaxAggregateFunctions(FunctionRegistry& registry) {
  RegisterFamily<LessThan>(registry, "MIN");
  RegisterFamily<GreaterThan>(registry, "MAX");
  RegisterFamily<FirstSeen>(registry, "ANY_VALUE");
  registry.AddAggregate(
      MakeUnaryAggregate<StringView, StringState, StringView, StringOp<FirstSeen>>(
          "ANY_VALUE", TypeId::kJson, TypeId::kJson));
  registry.AddAggregate(
      MakeUnaryAggregate<Interval, ValueState<Interval>, Interval, FixedOp<Interval, FirstSeen>>(
          "ANY_VALUE", TypeId::kInterval, TypeId::kInterval));
  registry.AddAggregate(
      MakeUnaryAggregate<Interval, ValueState<Interval>, Interval, FixedOp<Interval, LessThan>>(
          "MIN", TypeId::kInterval, TypeId::kInterval));
  registry.AddAggregate(
      MakeUnaryAggregate<Interval, ValueState<Interval>, Interval, FixedOp<Interval, GreaterThan>>(
          "MAX", TypeId::kInterval, TypeId::kInterval));
  registry.AddAggregate(NestedAnyValue());
}

}  // namespace dq
