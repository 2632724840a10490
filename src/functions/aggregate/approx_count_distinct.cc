// APPROX_COUNT_DISTINCT(x): a HyperLogLog++ sketch over 64-bit hashes (XXH3) of the values,
// for any type with equality (not ARRAY, STRUCT or JSON). NULLs are skipped.
//
// Each state starts sparse: an exact set of up to kSparseLimit distinct hashes, so small
// groups are counted exactly and cost little memory. Past that it becomes 2^14 one-byte
// registers (16 KiB): standard error about 0.81%. Estimates use linear counting while it is
// below HLL++'s threshold for precision 14 (11500) and the bias-free raw estimate above it
// (HLL++'s empirical bias tables are not included, so mid-range estimates can be ~1-2% off).
// Sketches merge by register-wise maximum, so partial states from any split combine to the
// same result.
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_set>
#include <vector>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "types/interval.h"

namespace dq {

namespace {

constexpr int kPrecision = 14;
constexpr size_t kRegisterCount = size_t{1} << kPrecision;
constexpr size_t kSparseLimit = 1024;
constexpr double kLinearCountingThreshold = 11500;

class HyperLogLog {
 public:
  void Add(uint64_t hash) {
    if (registers_.empty()) {
      sparse_.insert(hash);
      if (sparse_.size() > kSparseLimit) Densify();
      return;
    }
    AddToRegisters(hash);
  }

  void Merge(const HyperLogLog& other) {
    if (other.registers_.empty()) {
      for (uint64_t hash : other.sparse_) Add(hash);
      return;
    }
    if (registers_.empty()) Densify();
    for (size_t index = 0; index < kRegisterCount; ++index) {
      registers_[index] = std::max(registers_[index], other.registers_[index]);
    }
  }

  int64_t Estimate() const {
    if (registers_.empty()) return static_cast<int64_t>(sparse_.size());
    double sum = 0;
    size_t zeros = 0;
    for (uint8_t value : registers_) {
      sum += std::ldexp(1.0, -value);
      if (value == 0) ++zeros;
    }
    const double m = static_cast<double>(kRegisterCount);
    if (zeros > 0) {
      double linear = m * std::log(m / static_cast<double>(zeros));
      if (linear <= kLinearCountingThreshold) return std::llround(linear);
    }
    double alpha = 0.7213 / (1 + 1.079 / m);
    return std::llround(alpha * m * m / sum);
  }

 private:
  void Densify() {
    registers_.assign(kRegisterCount, 0);
    for (uint64_t hash : sparse_) AddToRegisters(hash);
    sparse_.clear();
    sparse_.rehash(0);
  }

  void AddToRegisters(uint64_t hash) {
    size_t index = static_cast<size_t>(hash >> (64 - kPrecision));
    uint64_t rest = hash << kPrecision;
    uint8_t rank = rest == 0 ? static_cast<uint8_t>(64 - kPrecision + 1)
                             : static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    registers_[index] = std::max(registers_[index], rank);
  }

  std::unordered_set<uint64_t> sparse_;
  std::vector<uint8_t> registers_;  // empty while sparse
};

struct SketchState {
  std::unique_ptr<HyperLogLog> sketch;
};

uint64_t HashRow(const UnifiedVector& values, size_t row, const LogicalType& type) {
  sel_t index = values.index(row);
  if (type.IsStringLike()) {
    std::string_view text = values.Data<StringView>()[index].view();
    return XXH3_64bits(text.data(), text.size());
  }
  size_t width = type.PhysicalSize();
  const uint8_t* data = values.data + width * index;
  if (type.id() == TypeId::kInterval) {  // equal durations (1 MONTH = 30 DAY) are one value
    int128_t key = IntervalOrderKey(*reinterpret_cast<const Interval*>(data));
    return XXH3_64bits(&key, sizeof(key));
  }
  if (type.id() == TypeId::kFloat64) {
    double value = *reinterpret_cast<const double*>(data);
    if (value == 0) value = 0;  // -0 and +0 are one value
    if (std::isnan(value)) value = std::nan("");
    return XXH3_64bits(&value, sizeof(value));
  }
  return XXH3_64bits(data, width);
}

void SketchUpdate(const AggregateCall&, const DataChunk& args, uint8_t** states) {
  UnifiedVector values;
  const Vector& column = args.column(0);
  column.ToUnified(args.size(), values);
  for (size_t row = 0; row < args.size(); ++row) {
    if (!values.IsValid(row)) continue;
    SketchState& state = StateOf<SketchState>(states[row]);
    if (!state.sketch) state.sketch = std::make_unique<HyperLogLog>();
    state.sketch->Add(HashRow(values, row, column.type()));
  }
}

void SketchCombine(const AggregateCall&, const uint8_t* source_bytes, uint8_t* target_bytes) {
  const SketchState& source = StateOf<SketchState>(source_bytes);
  SketchState& target = StateOf<SketchState>(target_bytes);
  if (!source.sketch) return;
  if (!target.sketch) target.sketch = std::make_unique<HyperLogLog>();
  target.sketch->Merge(*source.sketch);
}

void SketchFinalize(const AggregateCall&, uint8_t** states, size_t count, Vector& result,
                    size_t offset) {
  int64_t* out = result.Data<int64_t>();
  for (size_t index = 0; index < count; ++index) {
    const SketchState& state = StateOf<SketchState>(states[index]);
    out[offset + index] = state.sketch ? state.sketch->Estimate() : 0;
  }
}

bool BindApproxCountDistinct(const std::vector<LogicalType>& types, AggregateFunction* resolved,
                             std::shared_ptr<FunctionData>*) {
  if (types.size() != 1 || !types[0].SupportsEquality() || types[0].IsNested()) return false;
  resolved->arguments = types;
  resolved->return_type = TypeId::kInt64;
  return true;
}

}  // namespace

void RegisterApproxCountDistinctFunctions(FunctionRegistry& registry) {
  AggregateFunction function;
  function.name = "APPROX_COUNT_DISTINCT";
  function.return_type = TypeId::kInt64;
  function.state_size = sizeof(SketchState);
  function.initialize = InitializeState<SketchState>;
  function.update = SketchUpdate;
  function.combine = SketchCombine;
  function.finalize = SketchFinalize;
  function.destroy = DestroyState<SketchState>;
  function.bind = BindApproxCountDistinct;
  registry.AddAggregate(std::move(function));
}

}  // namespace dq
