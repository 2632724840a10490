// Comparison operators = != < <= > >= on every orderable scalar type, registered as "$equal",
// "$not_equal", "$less", "$less_equal", "$greater", "$greater_equal". Arguments have one
// common type (the binder coerces). FLOAT64 follows IEEE: NaN compares unequal to everything.
#include <functional>
#include <type_traits>

#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "types/interval.h"
#include "vector/string_view.h"

namespace dq {

namespace {

struct EqualOp {
  template <typename T>
  static bool Apply(const T& left, const T& right) { return left == right; }
};
struct NotEqualOp {
  template <typename T>
  static bool Apply(const T& left, const T& right) { return !(left == right); }
};
struct LessOp {
  template <typename T>
  static bool Apply(const T& left, const T& right) { return left < right; }
};
// For FLOAT64 the IEEE operators already give GoogleSQL's answers (NaN compares false).
struct LessEqualOp {
  template <typename T>
  static bool Apply(const T& left, const T& right) {
    if constexpr (std::is_arithmetic_v<T>) return left <= right;
    else return !(right < left);
  }
};
struct GreaterOp {
  template <typename T>
  static bool Apply(const T& left, const T& right) { return right < left; }
};
struct GreaterEqualOp {
  template <typename T>
  static bool Apply(const T& left, const T& right) {
    if constexpr (std::is_arithmetic_v<T>) return left >= right;
    else return !(left < right);
  }
};

template <typename T, typename Op>
void CompareKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<T, T, bool>(args.column(0), args.column(1), args.size(), result,
                            [](const T& left, const T& right) { return Op::Apply(left, right); });
}

// INTERVALs compare as durations with 1 month = 30 days (types/interval.h).
template <typename Op>
void CompareIntervalKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<Interval, Interval, bool>(
      args.column(0), args.column(1), args.size(), result,
      [](const Interval& left, const Interval& right) {
        return Op::Apply(IntervalOrderKey(left), IntervalOrderKey(right));
      });
}

template <typename Op>
void RegisterOperator(FunctionRegistry& registry, const char* name) {
  auto add = [&](TypeId type, ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{
        .name = name, .arguments = {type, type}, .return_type = TypeId::kBool, .kernel = kernel});
  };
  add(TypeId::kBool, CompareKernel<bool, Op>);
  add(TypeId::kInt64, CompareKernel<int64_t, Op>);
  add(TypeId::kNumeric, CompareKernel<int128_t, Op>);
  add(TypeId::kFloat64, CompareKernel<double, Op>);
  add(TypeId::kString, CompareKernel<StringView, Op>);
  add(TypeId::kBytes, CompareKernel<StringView, Op>);
  add(TypeId::kDate, CompareKernel<int32_t, Op>);
  add(TypeId::kDatetime, CompareKernel<int64_t, Op>);
  add(TypeId::kTime, CompareKernel<int64_t, Op>);
  add(TypeId::kTimestamp, CompareKernel<int64_t, Op>);
  add(TypeId::kInterval, CompareIntervalKernel<Op>);
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& registry) {
  RegisterOperator<EqualOp>(registry, "$equal");
  RegisterOperator<NotEqualOp>(registry, "$not_equal");
  RegisterOperator<LessOp>(registry, "$less");
  RegisterOperator<LessEqualOp>(registry, "$less_equal");
  RegisterOperator<GreaterOp>(registry, "$greater");
  RegisterOperator<GreaterEqualOp>(registry, "$greater_equal");
}

}  // namespace dq
