// Variance and standard deviation: VAR_POP, VAR_SAMP (= VARIANCE), STDDEV_POP, STDDEV_SAMP
// (= STDDEV) over FLOAT64, INT64 and NUMERIC inputs (converted to FLOAT64), returning FLOAT64.
//
// Each state keeps Welford's running (count, mean, M2); partial states merge with Chan et
// al.'s parallel formula, which is order independent up to rounding. NULLs are skipped.
// Results are NULL for empty input, and the sample forms are NULL for a single value. Any NaN
// or infinite input gives NaN.
#include <cmath>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "types/numeric.h"

namespace dq {

namespace {

struct MomentState {
  int64_t count = 0;
  double mean = 0;
  double m2 = 0;  // sum of squared differences from the mean
};

inline double ToDouble(double value) { return value; }
inline double ToDouble(int64_t value) { return static_cast<double>(value); }
inline double ToDouble(int128_t value) { return NumericToDouble(value); }

enum class Statistic { kVarPop, kVarSamp, kStddevPop, kStddevSamp };

template <typename In, Statistic kStatistic>
struct MomentOp {
  static void Update(MomentState& state, const In& input) {
    double value = ToDouble(input);
    ++state.count;
    double delta = value - state.mean;
    state.mean += delta / static_cast<double>(state.count);
    state.m2 += delta * (value - state.mean);
  }
  static void Combine(const MomentState& source, MomentState& target) {
    if (source.count == 0) return;
    if (target.count == 0) {
      target = source;
      return;
    }
    double source_count = static_cast<double>(source.count);
    double target_count = static_cast<double>(target.count);
    double total = source_count + target_count;
    double delta = source.mean - target.mean;
    target.mean += delta * source_count / total;
    target.m2 += source.m2 + delta * delta * source_count * target_count / total;
    target.count += source.count;
  }
  static bool Finalize(const MomentState& state, Vector&, double* out) {
    bool sample = kStatistic == Statistic::kVarSamp || kStatistic == Statistic::kStddevSamp;
    int64_t divisor = sample ? state.count - 1 : state.count;
    if (divisor <= 0) return false;
    double variance = state.m2 / static_cast<double>(divisor);
    if (variance < 0) variance = 0;  // rounding
    bool stddev = kStatistic == Statistic::kStddevPop || kStatistic == Statistic::kStddevSamp;
    *out = stddev ? std::sqrt(variance) : variance;
    return true;
  }
};

template <Statistic kStatistic>
void RegisterStatistic(FunctionRegistry& registry, const char* name) {
  registry.AddAggregate(
      MakeUnaryAggregate<double, MomentState, double, MomentOp<double, kStatistic>>(
          name, TypeId::kFloat64, TypeId::kFloat64));
  registry.AddAggregate(
      MakeUnaryAggregate<int64_t, MomentState, double, MomentOp<int64_t, kStatistic>>(
          name, TypeId::kInt64, TypeId::kFloat64));
  registry.AddAggregate(
      MakeUnaryAggregate<int128_t, MomentState, double, MomentOp<int128_t, kStatistic>>(
          name, TypeId::kNumeric, TypeId::kFloat64));
}

}  // namespace

void RegisterVarianceAggregateFunctions(FunctionRegistry& registry) {
  RegisterStatistic<Statistic::kVarPop>(registry, "VAR_POP");
  RegisterStatistic<Statistic::kVarSamp>(registry, "VAR_SAMP");
  RegisterStatistic<Statistic::kVarSamp>(registry, "VARIANCE");
  RegisterStatistic<Statistic::kStddevPop>(registry, "STDDEV_POP");
  RegisterStatistic<Statistic::kStddevSamp>(registry, "STDDEV_SAMP");
  RegisterStatistic<Statistic::kStddevSamp>(registry, "STDDEV");
}

}  // namespace dq
