// Type-generic functions resolved by bind hooks: GREATEST, LEAST (variadic, any orderable
// scalar type) and NULLIF (any equality-comparable scalar type).
//
// The bind hook finds the arguments' common type: identical types, NULL literals (which take
// any type) and INT64 < NUMERIC < FLOAT64 widening; anything else does not bind. GREATEST and
// LEAST give NULL when any argument is NULL and NaN when any FLOAT64 argument is NaN (as in
// GoogleSQL). NULLIF(a, b) is NULL when a = b, else a; it does not propagate NULLs
// (NULLIF(1, NULL) = 1). IF, IFNULL, COALESCE and CASE are evaluated lazily by the executor and
// are not functions here.
#include <cmath>
#include <vector>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "vector/string_view.h"

namespace dq {

namespace {

int NumberRank(TypeId id) {
  switch (id) {
    case TypeId::kInt64:
      return 1;
    case TypeId::kNumeric:
      return 2;
    case TypeId::kFloat64:
      return 3;
    default:
      return 0;
  }
}

// The common supertype of `types`, or kInvalid.
LogicalType CommonType(const std::vector<LogicalType>& types) {
  LogicalType common = TypeId::kNull;
  for (const LogicalType& type : types) {
    if (type.id() == TypeId::kNull || type == common) continue;
    if (common.id() == TypeId::kNull) {
      common = type;
    } else if (NumberRank(type.id()) > 0 && NumberRank(common.id()) > 0) {
      if (NumberRank(type.id()) > NumberRank(common.id())) common = type;
    } else {
      return TypeId::kInvalid;
    }
  }
  return common.id() == TypeId::kNull ? LogicalType(TypeId::kInt64) : common;
}

bool BindCommon(const ScalarBindInput& input, ScalarBindOutput* output, bool ordering) {
  if (input.argument_types.empty()) return false;
  LogicalType common = CommonType(input.argument_types);
  if (!common.IsValid() || common.IsNested() || common.id() == TypeId::kJson ||
      common.id() == TypeId::kInterval) {
    return false;
  }
  if (ordering ? !common.SupportsOrdering() : !common.SupportsEquality()) return false;
  output->argument_types.assign(input.argument_types.size(), common);
  output->return_type = common;
  return true;
}

bool BindGreatestLeast(const ScalarBindInput& input, ScalarBindOutput* output) {
  return BindCommon(input, output, /*ordering=*/true);
}

bool BindNullIf(const ScalarBindInput& input, ScalarBindOutput* output) {
  return input.argument_types.size() == 2 && BindCommon(input, output, /*ordering=*/false);
}

// Calls visit(T{}) with T the physical C++ type of `id`.
template <typename Visit>
void VisitPhysical(TypeId id, Visit&& visit) {
  switch (id) {
    case TypeId::kBool:
      return visit(bool{});
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp:
      return visit(int64_t{});
    case TypeId::kFloat64:
      return visit(double{});
    case TypeId::kNumeric:
      return visit(int128_t{});
    case TypeId::kDate:
      return visit(int32_t{});
    case TypeId::kString:
    case TypeId::kBytes:
      return visit(StringView{});
    default:
      break;
  }
  ThrowInternal(__FILE__, __LINE__, "unsupported type " + LogicalType(id).ToString());
}

template <typename T, bool kGreatest>
bool Better(const T& candidate, const T& best) {
  if constexpr (std::is_same_v<T, double>) {
    if (std::isnan(candidate)) return true;
    if (std::isnan(best)) return false;
  }
  return kGreatest ? best < candidate : candidate < best;
}

template <bool kGreatest>
void ExtremeKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  VisitPhysical(call.return_type.id(), [&]<typename T>(T) {
    const size_t columns = args.column_count();
    const size_t count = args.size();
    std::vector<UnifiedVector> inputs(columns);
    for (size_t column = 0; column < columns; ++column) {
      args.column(column).ToUnified(count, inputs[column]);
      if constexpr (std::is_same_v<T, StringView>) result.KeepAlive(args.column(column));
    }
    T* out = result.Data<T>();
    for (size_t row = 0; row < count; ++row) {
      bool is_null = false;
      T best{};
      for (size_t column = 0; column < columns; ++column) {
        sel_t index = inputs[column].index(row);
        if (!inputs[column].validity->RowIsValid(index)) {
          is_null = true;
          break;
        }
        const T& value = inputs[column].template Data<T>()[index];
        if (column == 0 || Better<T, kGreatest>(value, best)) best = value;
      }
      if (is_null) {
        result.SetNull(row);
      } else {
        out[row] = best;
      }
    }
  });
}

void NullIfKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  VisitPhysical(call.return_type.id(), [&]<typename T>(T) {
    UnifiedVector value_input;
    UnifiedVector compare_input;
    args.column(0).ToUnified(args.size(), value_input);
    args.column(1).ToUnified(args.size(), compare_input);
    if constexpr (std::is_same_v<T, StringView>) result.KeepAlive(args.column(0));
    const T* values = value_input.Data<T>();
    const T* compares = compare_input.Data<T>();
    T* out = result.Data<T>();
    for (size_t row = 0; row < args.size(); ++row) {
      sel_t value_index = value_input.index(row);
      sel_t compare_index = compare_input.index(row);
      if (!value_input.validity->RowIsValid(value_index)) {
        result.SetNull(row);
        continue;
      }
      const T& value = values[value_index];
      if (compare_input.validity->RowIsValid(compare_index) && value == compares[compare_index]) {
        result.SetNull(row);
        continue;
      }
      out[row] = value;
    }
  });
}

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "GREATEST",
                                    .kernel = ExtremeKernel<true>,
                                    .bind = BindGreatestLeast,
                                    .min_arguments = 1,
                                    .max_arguments = SIZE_MAX});
  registry.AddScalar(ScalarFunction{.name = "LEAST",
                                    .kernel = ExtremeKernel<false>,
                                    .bind = BindGreatestLeast,
                                    .min_arguments = 1,
                                    .max_arguments = SIZE_MAX});
  registry.AddScalar(ScalarFunction{.name = "NULLIF",
                                    .kernel = NullIfKernel,
                                    .bind = BindNullIf,
                                    .min_arguments = 2,
                                    .max_arguments = 2,
                                    .propagates_nulls = false});
}

}  // namespace dq
