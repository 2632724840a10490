// Scalar and aggregate function definitions: what the binder resolves a call to and what the
// executor runs.
//
// A scalar function is a stateless kernel over vectors:
//   kernel(call, args, result): `args` holds one column per argument with args.size() rows, in
//   any vector kind; the kernel writes args.size() rows into `result`, a flat vector of the
//   function's return type with enough capacity (it may instead turn `result` into a constant
//   vector when every argument is constant). A kernel reports bad input by throwing
//   dq::Error (kInvalidInput / kOutOfRange) with a GoogleSQL-style message; the executor adds
//   the SQL position and implements the SAFE. prefix by re-running failing batches row by row.
//
// An aggregate function keeps per-group state in caller-owned memory of `state_size` bytes:
//   initialize(state) once, update(...) with batches of rows, combine(source, target) to merge
//   partial states from different threads, finalize(...) to produce values, destroy(state) if
//   the state owns heap memory. Functions are stateless; all state lives in those bytes, so
//   parallel partial aggregation is built in.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "types/logical_type.h"
#include "vector/data_chunk.h"

namespace dq {

// Per-call data computed at bind time (e.g. a compiled regular expression, a date part).
struct FunctionData {
  virtual ~FunctionData() = default;
  // Text that distinguishes calls whose behaviour depends on this data beyond their arguments
  // (part of the expression's printed form and fingerprint); empty when the arguments say it all.
  virtual std::string Describe() const { return ""; }
};

struct ScalarCall {
  const FunctionData* bind_data = nullptr;  // may be null
  LogicalType return_type;
};

using ScalarKernel = void (*)(const ScalarCall& call, const DataChunk& args, Vector& result);

// Optional bind hook for generic functions. Given the argument types (after the binder's own
// resolution of literals), it returns false if the function does not apply; otherwise it fills
// in the argument types the arguments must be cast to, the return type, and bind data. Constant
// argument values (literals after folding) are passed for functions that need them (nullptr
// entries for non-constant arguments).
struct ScalarBindInput {
  const std::vector<LogicalType>& argument_types;
  const std::vector<const Value*>& constant_arguments;
};
struct ScalarBindOutput {
  std::vector<LogicalType> argument_types;
  LogicalType return_type;
  std::shared_ptr<FunctionData> bind_data;
};
using ScalarBind = bool (*)(const ScalarBindInput& input, ScalarBindOutput* output);

struct ScalarFunction {
  std::string name;                     // upper case, e.g. "SUBSTR", or "$add" for operators
  std::vector<LogicalType> arguments;   // fixed signature (ignored when `bind` is set)
  LogicalType variadic;                 // type of extra trailing arguments, or kInvalid
  LogicalType return_type;              // ignored when `bind` is set
  ScalarKernel kernel = nullptr;
  ScalarBind bind = nullptr;
  size_t min_arguments = 0;             // for `bind` functions: accepted argument count range
  size_t max_arguments = 0;
  // NULL in any argument gives NULL: the executor may skip evaluation for those rows.
  bool propagates_nulls = true;
  // False for RAND(), CURRENT_TIMESTAMP() etc.: never constant-folded.
  bool deterministic = true;
  // The last argument is a time zone name that defaults to the session's (SET @@time_zone):
  // a call that matches an overload with the same arguments minus this last one is bound to
  // this overload instead, with the session's zone appended, unless that zone is UTC.
  bool session_time_zone = false;
};

struct AggregateCall {
  const FunctionData* bind_data = nullptr;
  LogicalType return_type;
};

struct AggregateFunction {
  std::string name;
  std::vector<LogicalType> arguments;  // empty for COUNT(*)
  LogicalType return_type;
  size_t state_size = 0;
  void (*initialize)(uint8_t* state) = nullptr;
  // For row r in [0, args.size()): fold row r into states[r]. Skips NULL inputs itself when
  // the function ignores NULLs (all standard aggregates but COUNT(*) and ARRAY_AGG).
  void (*update)(const AggregateCall& call, const DataChunk& args, uint8_t** states) = nullptr;
  // Merges `source` into `target` (both initialized).
  void (*combine)(const AggregateCall& call, const uint8_t* source, uint8_t* target) = nullptr;
  // Writes the result of states[i] into result row offset + i, for i in [0, count). Must not
  // modify the states: window functions finalize a running state once per frame.
  void (*finalize)(const AggregateCall& call, uint8_t** states, size_t count, Vector& result,
                   size_t offset) = nullptr;
  void (*destroy)(uint8_t* state) = nullptr;  // null when the state owns no heap memory
  // Optional generic bind (e.g. MIN/MAX over any orderable type).
  bool (*bind)(const std::vector<LogicalType>& argument_types, AggregateFunction* resolved,
               std::shared_ptr<FunctionData>* bind_data) = nullptr;
  // Optional bind for aggregates with constant parameters (APPROX_QUANTILES' number of
  // quantiles): like `bind`, plus the value of each argument that is a constant after folding
  // (nullptr for the others). May throw a kBinding Error for a bad parameter (the binder adds
  // the call's position). Used instead of `bind` when set.
  bool (*bind_with_constants)(const std::vector<LogicalType>& argument_types,
                              const std::vector<const Value*>& constant_arguments,
                              AggregateFunction* resolved,
                              std::shared_ptr<FunctionData>* bind_data) = nullptr;
};

}  // namespace dq
