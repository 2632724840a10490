// Helpers for function tests: find an overload in the registry, build argument chunks from
// Values (flat or constant), run kernels and aggregates, and check errors.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "functions/function.h"
#include "functions/function_registry.h"
#include "types/value.h"
#include "vector/data_chunk.h"

namespace dq::testing {

// A resolved scalar call: the overload plus what its bind hook produced.
struct ResolvedScalar {
  const ScalarFunction* function = nullptr;
  LogicalType return_type;
  std::shared_ptr<FunctionData> bind_data;
};

// Finds the overload of `name` accepting exactly `types` (or binds a generic one). Constant
// argument values may be given for bind hooks (nullptr entries for non-constant arguments).
inline ResolvedScalar ResolveScalar(const std::string& name, const std::vector<LogicalType>& types,
                                    const std::vector<const Value*>& constants = {}) {
  const std::vector<ScalarFunction>* overloads = FunctionRegistry::Get().FindScalar(name);
  EXPECT_NE(overloads, nullptr) << "no function " << name;
  if (overloads == nullptr) return {};
  std::vector<const Value*> constant_arguments = constants;
  constant_arguments.resize(types.size(), nullptr);
  for (const ScalarFunction& function : *overloads) {
    if (types.size() < function.min_arguments || types.size() > function.max_arguments) continue;
    if (function.bind != nullptr) {
      ScalarBindInput input{types, constant_arguments};
      ScalarBindOutput output;
      if (!function.bind(input, &output)) continue;
      return ResolvedScalar{&function, output.return_type, output.bind_data};
    }
    bool match = true;
    for (size_t index = 0; index < types.size(); ++index) {
      const LogicalType& expected =
          index < function.arguments.size() ? function.arguments[index] : function.variadic;
      if (expected != types[index]) match = false;
    }
    if (match) return ResolvedScalar{&function, function.return_type, nullptr};
  }
  ADD_FAILURE() << "no overload of " << name << " for the given types";
  return {};
}

// A flat vector holding `values` (all of `type`; NULLs allowed).
inline Vector FlatVector(const LogicalType& type, const std::vector<Value>& values) {
  Vector vector(type, std::max<size_t>(values.size(), 1));
  for (size_t row = 0; row < values.size(); ++row) {
    vector.SetValue(row, values[row].is_null() ? Value::Null(type) : values[row]);
  }
  return vector;
}

// Runs a scalar function over argument columns of `rows` rows; returns the result values.
inline std::vector<Value> RunScalar(const std::string& name, std::vector<Vector> columns,
                                    size_t rows, const std::vector<const Value*>& constants = {}) {
  std::vector<LogicalType> types;
  for (const Vector& column : columns) types.push_back(column.type());
  ResolvedScalar resolved = ResolveScalar(name, types, constants);
  if (resolved.function == nullptr) return {};
  DataChunk args;
  args.Initialize(types, std::max<size_t>(rows, 1));
  for (size_t index = 0; index < columns.size(); ++index) {
    args.column(index).Reference(columns[index]);
  }
  args.SetSize(rows);
  ScalarCall call{resolved.bind_data.get(), resolved.return_type};
  Vector result(resolved.return_type, std::max<size_t>(rows, 1));
  resolved.function->kernel(call, args, result);
  std::vector<Value> values;
  for (size_t row = 0; row < rows; ++row) values.push_back(result.GetValue(row));
  return values;
}

// Evaluates a function on one row of flat arguments.
inline Value Eval(const std::string& name, const std::vector<Value>& arguments) {
  std::vector<Vector> columns;
  std::vector<const Value*> constants;
  for (const Value& argument : arguments) {
    columns.push_back(FlatVector(argument.type(), {argument}));
    constants.push_back(&argument);
  }
  std::vector<Value> result = RunScalar(name, std::move(columns), 1, constants);
  return result.empty() ? Value() : result[0];
}

// Evaluates with every argument a constant vector.
inline Value EvalConstant(const std::string& name, const std::vector<Value>& arguments,
                          size_t rows = 3) {
  std::vector<Vector> columns;
  std::vector<const Value*> constants;
  for (const Value& argument : arguments) {
    columns.push_back(argument.is_null() ? Vector::ConstantNull(argument.type())
                                         : Vector::Constant(argument));
    constants.push_back(&argument);
  }
  std::vector<Value> result = RunScalar(name, std::move(columns), rows, constants);
  for (size_t row = 1; row < result.size(); ++row) EXPECT_EQ(result[row], result[0]);
  return result.empty() ? Value() : result[0];
}

// Expects Eval(name, arguments) to throw dq::Error of `kind` with exactly `message`.
inline void ExpectError(const std::string& name, const std::vector<Value>& arguments,
                        ErrorKind kind, const std::string& message) {
  try {
    Value value = Eval(name, arguments);
    ADD_FAILURE() << name << " did not fail; returned " << value.ToString();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), kind) << error.message();
    EXPECT_EQ(error.message(), message);
  }
}

// Aggregate state storage aligned like malloc'ed memory.
class AggregateStates {
 public:
  AggregateStates(const AggregateFunction& function, size_t count)
      : function_(function), storage_(count) {
    for (auto& state : storage_) {
      state.reset(static_cast<uint8_t*>(std::aligned_alloc(16, RoundUp(function.state_size))));
      function.initialize(state.get());
    }
  }
  ~AggregateStates() {
    for (auto& state : storage_) {
      if (function_.destroy != nullptr) function_.destroy(state.get());
    }
  }
  uint8_t* get(size_t index) { return storage_[index].get(); }

 private:
  struct Free {
    void operator()(uint8_t* pointer) const { std::free(pointer); }
  };
  static size_t RoundUp(size_t size) { return size == 0 ? 16 : (size + 15) / 16 * 16; }
  const AggregateFunction& function_;
  std::vector<std::unique_ptr<uint8_t, Free>> storage_;
};

// Finds the aggregate overload for `types` (binding generic ones).
inline AggregateFunction ResolveAggregate(const std::string& name,
                                          const std::vector<LogicalType>& types) {
  const std::vector<AggregateFunction>* overloads = FunctionRegistry::Get().FindAggregate(name);
  EXPECT_NE(overloads, nullptr) << "no aggregate " << name;
  if (overloads == nullptr) return {};
  for (const AggregateFunction& function : *overloads) {
    if (function.bind != nullptr) {
      AggregateFunction resolved = function;
      std::shared_ptr<FunctionData> data;
      if (function.bind(types, &resolved, &data)) return resolved;
      continue;
    }
    if (function.arguments == types) return function;
  }
  ADD_FAILURE() << "no overload of aggregate " << name;
  return {};
}

// Runs an aggregate over `values` (one argument column, or none when `type` is invalid for
// COUNT_STAR): the first `split` rows go to one partial state, the rest to another, then the
// second is combined into the first (or the reverse when `reverse_combine`).
inline Value RunAggregate(const std::string& name, const LogicalType& type,
                          const std::vector<Value>& values, size_t split,
                          bool reverse_combine = false) {
  std::vector<LogicalType> types;
  if (type.IsValid()) types.push_back(type);
  AggregateFunction function = ResolveAggregate(name, types);
  if (function.update == nullptr) return Value();
  AggregateCall call{nullptr, function.return_type};
  AggregateStates states(function, 2);
  auto feed = [&](size_t begin, size_t end, uint8_t* state) {
    size_t rows = end - begin;
    if (rows == 0) return;
    DataChunk args;
    args.Initialize(types, rows);
    for (size_t row = 0; row < rows; ++row) {
      if (!types.empty()) {
        const Value& value = values[begin + row];
        args.SetValue(0, row, value.is_null() ? Value::Null(type) : value);
      }
    }
    args.SetSize(rows);
    std::vector<uint8_t*> pointers(rows, state);
    function.update(call, args, pointers.data());
  };
  feed(0, split, states.get(0));
  feed(split, values.size(), states.get(1));
  uint8_t* target = reverse_combine ? states.get(1) : states.get(0);
  uint8_t* source = reverse_combine ? states.get(0) : states.get(1);
  function.combine(call, source, target);
  Vector result(function.return_type, 4);
  uint8_t* finals[1] = {target};
  function.finalize(call, finals, 1, result, 2);
  return result.GetValue(2);
}

}  // namespace dq::testing
