// Templates that turn a small "operation" struct into the AggregateFunction callbacks of
// function.h. Included only by aggregate implementation files.
//
// An operation Op over input type In, state type State and output type Out provides:
//   static void Update(State& state, const In& value);         // one non-NULL input
//   static void Combine(const State& source, State& target);   // merge partial states
//   static bool Finalize(const State& state, Vector& result, Out* out);  // false -> NULL
// State is default-constructed in place by initialize and destroyed by destroy when it is not
// trivially destructible (e.g. holds a std::string).
//
// REQUIRES (from the executor): state memory is aligned to alignof(std::max_align_t) (16
// bytes), as malloc'ed memory is; NUMERIC states hold __int128.
#pragma once

#include <new>
#include <type_traits>

#include "functions/function.h"
#include "vector/vector.h"

namespace dq {

template <typename State>
State& StateOf(uint8_t* state) {
  return *std::launder(reinterpret_cast<State*>(state));
}

template <typename State>
const State& StateOf(const uint8_t* state) {
  return *std::launder(reinterpret_cast<const State*>(state));
}

template <typename State>
void InitializeState(uint8_t* state) {
  new (state) State();
}

template <typename State>
void DestroyState(uint8_t* state) {
  StateOf<State>(state).~State();
}

// Folds every non-NULL row r of column 0 into states[r].
template <typename In, typename State, typename Op>
void UnaryUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  UnifiedVector unified;
  args.column(0).ToUnified(args.size(), unified);
  const In* data = unified.Data<In>();
  const size_t count = args.size();
  if (unified.validity->AllValid()) {
    for (size_t row = 0; row < count; ++row) {
      Op::Update(StateOf<State>(states[row]), data[unified.index(row)]);
    }
    return;
  }
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (unified.validity->RowIsValid(index)) Op::Update(StateOf<State>(states[row]), data[index]);
  }
}

template <typename State, typename Op>
void CombineStates(const AggregateCall&, const uint8_t* source, uint8_t* target) {
  Op::Combine(StateOf<State>(source), StateOf<State>(target));
}

template <typename State, typename Out, typename Op>
void FinalizeStates(const AggregateCall&, uint8_t** states, size_t count, Vector& result,
                    size_t offset) {
  Out* out = result.Data<Out>();
  for (size_t index = 0; index < count; ++index) {
    if (!Op::Finalize(StateOf<State>(states[index]), result, &out[offset + index])) {
      result.SetNull(offset + index);
    }
  }
}

// An AggregateFunction with one argument built from Op.
template <typename In, typename State, typename Out, typename Op>
AggregateFunction MakeUnaryAggregate(const char* name, const LogicalType& argument,
                                     const LogicalType& return_type) {
  AggregateFunction function;
  function.name = name;
  function.arguments = {argument};
  function.return_type = return_type;
  function.state_size = sizeof(State);
  function.initialize = InitializeState<State>;
  function.update = UnaryUpdate<In, State, Op>;
  function.combine = CombineStates<State, Op>;
  function.finalize = FinalizeStates<State, Out, Op>;
  function.destroy = std::is_trivially_destructible_v<State> ? nullptr : DestroyState<State>;
  return function;
}

}  // namespace dq
