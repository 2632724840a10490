// Two-argument statistics over FLOAT64 (INT64 and NUMERIC arguments coerce to FLOAT64):
// COVAR_POP(y, x), COVAR_SAMP(y, x), CORR(y, x). Rows where either argument is NULL are
// skipped.
//
// Each state keeps the running count, means and co-moments (Welford's update); partial states
// merge with the parallel formula of Chan et al., so the result does not depend on how rows
// were split across threads (up to rounding). COVAR_POP is NULL without rows,
// COVAR_SAMP and CORR with fewer than two; CORR is NaN when either variable is constant.
#include <cmath>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"

namespace dq {

namespace {

struct CovarianceState {
  int64_t count = 0;
  double mean_y = 0;
  double mean_x = 0;
  double co_moment = 0;  // sum of (y - mean_y) * (x - mean_x)
  double m2_y = 0;       // sum of squared differences (CORR)
  double m2_x = 0;
};

void UpdateState(CovarianceState& state, double y, double x) {
  ++state.count;
  double count = static_cast<double>(state.count);
  double delta_x = x - state.mean_x;
  double delta_y = y - state.mean_y;
  state.mean_x += delta_x / count;
  state.mean_y += delta_y / count;
  state.co_moment += delta_y * (x - state.mean_x);
  state.m2_x += delta_x * (x - state.mean_x);
  state.m2_y += delta_y * (y - state.mean_y);
}

void CovarianceUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  UnifiedVector ys;
  UnifiedVector xs;
  args.column(0).ToUnified(args.size(), ys);
  args.column(1).ToUnified(args.size(), xs);
  for (size_t row = 0; row < args.size(); ++row) {
    if (!ys.IsValid(row) || !xs.IsValid(row)) continue;
    UpdateState(StateOf<CovarianceState>(states[row]), ys.Data<double>()[ys.index(row)],
                xs.Data<double>()[xs.index(row)]);
  }
}

void CovarianceCombine(const AggregateCall&, const uint8_t* source_bytes, uint8_t* target_bytes) {
  const CovarianceState& source = StateOf<CovarianceState>(source_bytes);
  CovarianceState& target = StateOf<CovarianceState>(target_bytes);
  if (source.count == 0) return;
  if (target.count == 0) {
    target = source;
    return;
  }
  double source_count = static_cast<double>(source.count);
  double target_count = static_cast<double>(target.count);
  double total = source_count + target_count;
  double delta_x = source.mean_x - target.mean_x;
  double delta_y = source.mean_y - target.mean_y;
  double weight = source_count * target_count / total;
  target.co_moment += source.co_moment + delta_x * delta_y * weight;
  target.m2_x += source.m2_x + delta_x * delta_x * weight;
  target.m2_y += source.m2_y + delta_y * delta_y * weight;
  target.mean_x += delta_x * source_count / total;
  target.mean_y += delta_y * source_count / total;
  target.count += source.count;
}

enum class Statistic { kCovarPop, kCovarSamp, kCorr };

template <Statistic kStatistic>
void CovarianceFinalize(const AggregateCall&, uint8_t** states, size_t count, Vector& result,
                        size_t offset) {
  double* out = result.Data<double>();
  for (size_t index = 0; index < count; ++index) {
    const CovarianceState& state = StateOf<CovarianceState>(states[index]);
    int64_t divisor = kStatistic == Statistic::kCovarPop ? state.count : state.count - 1;
    if (state.count == 0 || divisor <= 0) {
      result.SetNull(offset + index);
      continue;
    }
    if (kStatistic == Statistic::kCorr) {
      double spread = std::sqrt(state.m2_x * state.m2_y);
      out[offset + index] = spread > 0 ? state.co_moment / spread : std::nan("");
    } else {
      out[offset + index] = state.co_moment / static_cast<double>(divisor);
    }
  }
}

template <Statistic kStatistic>
AggregateFunction MakeCovariance(const char* name) {
  AggregateFunction function;
  function.name = name;
  function.arguments = {TypeId::kFloat64, TypeId::kFloat64};
  function.return_type = TypeId::kFloat64;
  function.state_size = sizeof(CovarianceState);
  function.initialize = InitializeState<CovarianceState>;
  function.update = CovarianceUpdate;
  function.combine = CovarianceCombine;
  function.finalize = CovarianceFinalize<kStatistic>;
  return function;
}

}  // namespace

void RegisterCovarianceAggregateFunctions(FunctionRegistry& registry) {
  registry.AddAggregate(MakeCovariance<Statistic::kCovarPop>("COVAR_POP"));
  registry.AddAggregate(MakeCovariance<Statistic::kCovarSamp>("COVAR_SAMP"));
  registry.AddAggregate(MakeCovariance<Statistic::kCorr>("CORR"));
}

}  // namespace dq
