// Counting and summing aggregates: COUNT(*) (registered as "COUNT_STAR"), COUNT(x) for any
// type, COUNTIF, SUM, AVG, LOGICAL_AND, LOGICAL_OR, BIT_AND, BIT_OR, BIT_XOR.
//
// SUM/AVG(INTERVAL) sum each field exactly and check the result's range.
// NULL inputs are skipped. On empty (or all-NULL) input COUNT/COUNTIF give 0 and the others
// NULL. SUM(INT64) fails with "int64 overflow in SUM" (kOutOfRange) when the exact sum does
// not fit; SUM/AVG(NUMERIC)
// accumulate in 128 bits and fail with "numeric overflow in SUM/AVG" when the result does
// not fit. Every state combines associatively and commutatively, so partial states from
// different threads merge in any order; FLOAT64 sums are compensated (see FloatSumState).
#include <cmath>

#include "common/error.h"
#include "functions/aggregate/aggregate_helpers.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "types/interval.h"
#include "types/numeric.h"

namespace dq {

namespace {

// ---- COUNT ----

struct CountState {
  int64_t count = 0;
};

void CountUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  UnifiedVector unified;
  args.column(0).ToUnified(args.size(), unified);
  for (size_t row = 0; row < args.size(); ++row) {
    if (unified.IsValid(row)) ++StateOf<CountState>(states[row]).count;
  }
}

void CountStarUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  for (size_t row = 0; row < args.size(); ++row) ++StateOf<CountState>(states[row]).count;
}

struct CountOp {
  static void Update(CountState& state, const bool& value) { state.count += value ? 1 : 0; }
  static void Combine(const CountState& source, CountState& target) {
    target.count += source.count;
  }
  static bool Finalize(const CountState& state, Vector&, int64_t* out) {
    *out = state.count;
    return true;
  }
};

bool BindCount(const std::vector<LogicalType>& argument_types, AggregateFunction* resolved,
               std::shared_ptr<FunctionData>*) {
  if (argument_types.size() != 1) return false;
  resolved->arguments = argument_types;
  return true;
}

// ---- SUM / AVG ----

template <typename T>
struct SumState {
  T sum = 0;
  int64_t count = 0;
};

// Exact in int128 (2^64 rows of 2^63 cannot overflow it), so the result does not depend on
// the order rows and partial states arrive in; only the final sum must fit INT64.
struct SumInt64Op {
  static void Update(SumState<int128_t>& state, const int64_t& value) {
    state.sum += value;
    ++state.count;
  }
  static void Combine(const SumState<int128_t>& source, SumState<int128_t>& target) {
    target.sum += source.sum;
    target.count += source.count;
  }
  static bool Finalize(const SumState<int128_t>& state, Vector&, int64_t* out) {
    if (state.count == 0) return false;
    if (state.sum > INT64_MAX || state.sum < INT64_MIN) {
      throw Error(ErrorKind::kOutOfRange, "int64 overflow in SUM");
    }
    *out = static_cast<int64_t>(state.sum);
    return true;
  }
};

// FLOAT64 sums carry a compensation term (Neumaier's two-sum), about 106 bits of precision, so
// the result practically never depends on the order in which threads fold and merge rows (a
// plain double sum can differ in its last bits from run to run, which breaks equality tests
// such as TPC-H Q15's `total_revenue = (SELECT MAX(total_revenue) ...)`).
// An infinite sum of finite inputs is an overflow: SUM reports it (GoogleSQL), so the state
// remembers whether any input was infinite or NaN.
struct FloatSumState {
  double sum = 0;
  double compensation = 0;
  int64_t count = 0;
  bool non_finite_input = false;
};

// Knuth's branch-free two-sum: `total` plus the exact rounding error of `sum + value`.
inline void AddCompensated(double& sum, double& compensation, double value) {
  double total = sum + value;
  double value_part = total - sum;
  compensation += (sum - (total - value_part)) + (value - value_part);
  sum = total;
}

struct SumFloat64Op {
  static void Update(FloatSumState& state, const double& value) {
    AddCompensated(state.sum, state.compensation, value);
    ++state.count;
    state.non_finite_input |= !std::isfinite(value);
  }
  static void Combine(const FloatSumState& source, FloatSumState& target) {
    AddCompensated(target.sum, target.compensation, source.sum);
    target.compensation += source.compensation;
    target.count += source.count;
    target.non_finite_input |= source.non_finite_input;
  }
  static double Total(const FloatSumState& state) {
    // Infinities and NaN make the compensation meaningless (inf - inf): use the plain sum.
    if (!std::isfinite(state.sum)) return state.sum;
    return state.sum + state.compensation;
  }
  static bool Finalize(const FloatSumState& state, Vector&, double* out) {
    *out = Total(state);
    if (!std::isfinite(*out) && !state.non_finite_input && state.count > 0) {
      throw Error(ErrorKind::kOutOfRange, "Floating point overflow in SUM");
    }
    return state.count > 0;
  }
};

// NUMERIC (and the exact INT64 sum behind AVG(INT64)) accumulate in int128; only the final
// value must be in range, so intermediate sums may exceed NUMERIC's range.
template <const char* kName>
struct SumInt128Op {
  static void Add(int128_t value, int128_t& sum) {
    if (__builtin_add_overflow(sum, value, &sum)) {
      throw Error(ErrorKind::kOutOfRange, std::string("numeric overflow in ") + kName);
    }
  }
  static void Update(SumState<int128_t>& state, const int128_t& value) {
    Add(value, state.sum);
    ++state.count;
  }
  static void Combine(const SumState<int128_t>& source, SumState<int128_t>& target) {
    Add(source.sum, target.sum);
    target.count += source.count;
  }
  static bool Finalize(const SumState<int128_t>& state, Vector&, int128_t* out) {
    if (state.count == 0) return false;
    if (!NumericInRange(state.sum)) {
      throw Error(ErrorKind::kOutOfRange, std::string("numeric overflow in ") + kName);
    }
    *out = state.sum;
    return true;
  }
};

constexpr char kSumName[] = "SUM";
constexpr char kAvgName[] = "AVG";

struct AvgInt64Op : SumInt64Op {
  static bool Finalize(const SumState<int128_t>& state, Vector&, double* out) {
    if (state.count == 0) return false;
    *out = static_cast<double>(static_cast<long double>(state.sum) / state.count);
    return true;
  }
};

struct AvgFloat64Op : SumFloat64Op {
  static bool Finalize(const FloatSumState& state, Vector&, double* out) {
    if (state.count == 0) return false;
    *out = Total(state) / static_cast<double>(state.count);
    return true;
  }
};

struct AvgNumericOp : SumInt128Op<kAvgName> {
  static bool Finalize(const SumState<int128_t>& state, Vector&, int128_t* out) {
    if (state.count == 0) return false;
    int128_t quotient = state.sum / state.count;
    int128_t remainder = state.sum % state.count;
    // Round half away from zero.
    if (remainder * 2 >= state.count) ++quotient;
    if (remainder * 2 <= -state.count) --quotient;
    *out = quotient;
    return true;
  }
};

// SUM / AVG over INTERVAL: each field summed exactly in 128 bits, so intermediate sums may
// leave the INTERVAL range; the result is checked (AVG divides field by field, carrying
// remainders down, as INTERVAL / INT64 does).
struct IntervalSumState {
  int128_t months = 0;
  int128_t days = 0;
  int128_t micros = 0;
  int64_t count = 0;
};

struct SumIntervalOp {
  static void Update(IntervalSumState& state, const Interval& value) {
    state.months += value.months;
    state.days += value.days;
    state.micros += value.micros;
    ++state.count;
  }
  static void Combine(const IntervalSumState& source, IntervalSumState& target) {
    target.months += source.months;
    target.days += source.days;
    target.micros += source.micros;
    target.count += source.count;
  }
  static bool Finalize(const IntervalSumState& state, Vector&, Interval* out) {
    if (state.count == 0) return false;
    *out = MakeIntervalChecked(state.months, state.days, state.micros);
    return true;
  }
};

struct AvgIntervalOp : SumIntervalOp {
  static bool Finalize(const IntervalSumState& state, Vector&, Interval* out) {
    if (state.count == 0) return false;
    *out = DivideIntervalSum(state.months, state.days, state.micros, state.count);
    return true;
  }
};

// ---- COUNTIF, LOGICAL_AND / LOGICAL_OR, BIT_* ----

template <typename T, T kInitial>
struct FoldState {
  T value = kInitial;
  bool has_value = false;
};

template <typename T, T kInitial, typename Fold>
struct FoldOp {
  using State = FoldState<T, kInitial>;
  static void Update(State& state, const T& value) {
    state.value = Fold::Apply(state.value, value);
    state.has_value = true;
  }
  static void Combine(const State& source, State& target) {
    if (!source.has_value) return;
    Update(target, source.value);
  }
  static bool Finalize(const State& state, Vector&, T* out) {
    *out = state.value;
    return state.has_value;
  }
};

struct AndFold {
  static bool Apply(bool left, bool right) { return left && right; }
};
struct OrFold {
  static bool Apply(bool left, bool right) { return left || right; }
};
struct BitAndFold {
  static int64_t Apply(int64_t left, int64_t right) { return left & right; }
};
struct BitOrFold {
  static int64_t Apply(int64_t left, int64_t right) { return left | right; }
};
struct BitXorFold {
  static int64_t Apply(int64_t left, int64_t right) { return left ^ right; }
};

template <typename T, T kInitial, typename Fold>
AggregateFunction MakeFold(const char* name, TypeId type) {
  using Op = FoldOp<T, kInitial, Fold>;
  return MakeUnaryAggregate<T, typename Op::State, T, Op>(name, type, type);
}

}  // namespace

void RegisterBasicAggregateFunctions(FunctionRegistry& registry) {
  AggregateFunction count_star;
  count_star.name = "COUNT_STAR";
  count_star.return_type = TypeId::kInt64;
  count_star.state_size = sizeof(CountState);
  count_star.initialize = InitializeState<CountState>;
  count_star.update = CountStarUpdate;
  count_star.combine = CombineStates<CountState, CountOp>;
  count_star.finalize = FinalizeStates<CountState, int64_t, CountOp>;
  registry.AddAggregate(count_star);

  AggregateFunction count = count_star;
  count.name = "COUNT";
  count.update = CountUpdate;
  count.bind = BindCount;  // any one argument
  registry.AddAggregate(count);

  registry.AddAggregate(MakeUnaryAggregate<bool, CountState, int64_t, CountOp>(
      "COUNTIF", TypeId::kBool, TypeId::kInt64));

  registry.AddAggregate(MakeUnaryAggregate<int64_t, SumState<int128_t>, int64_t, SumInt64Op>(
      "SUM", TypeId::kInt64, TypeId::kInt64));
  registry.AddAggregate(
      MakeUnaryAggregate<int128_t, SumState<int128_t>, int128_t, SumInt128Op<kSumName>>(
          "SUM", TypeId::kNumeric, TypeId::kNumeric));
  registry.AddAggregate(MakeUnaryAggregate<double, FloatSumState, double, SumFloat64Op>(
      "SUM", TypeId::kFloat64, TypeId::kFloat64));

  registry.AddAggregate(MakeUnaryAggregate<int64_t, SumState<int128_t>, double, AvgInt64Op>(
      "AVG", TypeId::kInt64, TypeId::kFloat64));
  registry.AddAggregate(MakeUnaryAggregate<int128_t, SumState<int128_t>, int128_t, AvgNumericOp>(
      "AVG", TypeId::kNumeric, TypeId::kNumeric));
  registry.AddAggregate(MakeUnaryAggregate<double, FloatSumState, double, AvgFloat64Op>(
      "AVG", TypeId::kFloat64, TypeId::kFloat64));
  registry.AddAggregate(MakeUnaryAggregate<Interval, IntervalSumState, Interval, SumIntervalOp>(
      "SUM", TypeId::kInterval, TypeId::kInterval));
  registry.AddAggregate(MakeUnaryAggregate<Interval, IntervalSumState, Interval, AvgIntervalOp>(
      "AVG", TypeId::kInterval, TypeId::kInterval));

  registry.AddAggregate(MakeFold<bool, true, AndFold>("LOGICAL_AND", TypeId::kBool));
  registry.AddAggregate(MakeFold<bool, false, OrFold>("LOGICAL_OR", TypeId::kBool));
  registry.AddAggregate(MakeFold<int64_t, -1, BitAndFold>("BIT_AND", TypeId::kInt64));
  registry.AddAggregate(MakeFold<int64_t, 0, BitOrFold>("BIT_OR", TypeId::kInt64));
  registry.AddAggregate(MakeFold<int64_t, 0, BitXorFold>("BIT_XOR", TypeId::kInt64));
}

}  // namespace dq
