// Functions that generate arrays:
//
//   GENERATE_ARRAY(start, end [, step])   start, start + step, ... while not past end, for
//                                         INT64, NUMERIC and FLOAT64 (step defaults to 1);
//                                         empty when start is already past end.
//   GENERATE_DATE_ARRAY(start, end [, INTERVAL n part])
//                                         dates start + i * n part (DAY, WEEK, MONTH, QUARTER,
//                                         YEAR; default 1 DAY) while not past end. The binder
//                                         passes the INTERVAL as two arguments (n, 'PART').
//   GENERATE_TIMESTAMP_ARRAY(start, end, INTERVAL n part)
//                                         timestamps start + i * n part (MICROSECOND .. DAY,
//                                         a DAY being 24 hours) while not past end.
// Errors: "Sequence step cannot be 0." and, past kMaxArrayElements, "... produced too many
// elements". NULL in any argument gives NULL.
#include <cmath>
#include <string>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/scalar/array_kernels.h"
#include "functions/scalar/date_parts.h"
#include "types/numeric.h"

namespace dq {

namespace {

[[noreturn]] void ThrowTooMany(const char* function) {
  throw Error(ErrorKind::kOutOfRange, std::string(function) + " produced too many elements");
}

[[noreturn]] void ThrowZeroStep() {
  throw Error(ErrorKind::kOutOfRange, "Sequence step cannot be 0.");
}

// Number of elements of start, start + step, ... up to end; T is int64_t, int128_t or double.
template <typename T>
uint64_t SequenceLength(T start, T end, T step) {
  if (step == 0) ThrowZeroStep();
  if ((step > 0 && start > end) || (step < 0 && start < end)) return 0;
  if constexpr (std::is_same_v<T, double>) {
    if (std::isnan(start) || std::isnan(end) || std::isnan(step) || std::isinf(step)) {
      throw Error(ErrorKind::kOutOfRange, "GENERATE_ARRAY requires finite bounds and step");
    }
    double steps = std::floor((end - start) / step);
    if (!(steps < static_cast<double>(kMaxArrayElements))) ThrowTooMany("GENERATE_ARRAY");
    return static_cast<uint64_t>(steps) + 1;
  } else {
    // |end - start| / |step| without overflow: go through unsigned 128-bit distances.
    using Unsigned = unsigned __int128;
    Unsigned distance = step > 0 ? static_cast<Unsigned>(end) - static_cast<Unsigned>(start)
                                 : static_cast<Unsigned>(start) - static_cast<Unsigned>(end);
    Unsigned magnitude = step > 0 ? static_cast<Unsigned>(step) : -static_cast<Unsigned>(step);
    Unsigned steps = distance / magnitude;
    if (steps >= kMaxArrayElements) ThrowTooMany("GENERATE_ARRAY");
    return static_cast<uint64_t>(steps) + 1;
  }
}

// Drives a generator over the rows: a row with a NULL argument gets a NULL array; for the
// others `fill(inputs, row, offset)` appends the row's elements to result's child at `offset`
// and returns how many.
template <typename Fill>
void GenerateRows(const DataChunk& args, Vector& result, Fill&& fill) {
  const size_t count = args.size();
  std::vector<UnifiedVector> inputs(args.column_count());
  for (size_t column = 0; column < args.column_count(); ++column) {
    args.column(column).ToUnified(count, inputs[column]);
  }
  ArrayEntry* entries = result.Data<ArrayEntry>();
  for (size_t row = 0; row < count; ++row) {
    bool is_null = false;
    for (const UnifiedVector& input : inputs) is_null = is_null || !input.IsValid(row);
    const uint64_t offset = result.array_size();
    if (is_null) {
      result.SetNull(row);
      entries[row] = ArrayEntry{offset, 0};
      continue;
    }
    entries[row] = ArrayEntry{offset, fill(inputs, row, offset)};
  }
}

// Argument `column` of `row` as T.
template <typename T>
T Argument(const std::vector<UnifiedVector>& inputs, size_t column, size_t row) {
  return inputs[column].Data<T>()[inputs[column].index(row)];
}

template <typename T>
void GenerateArrayKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const bool has_step = args.column_count() == 3;
  GenerateRows(args, result, [&](const std::vector<UnifiedVector>& inputs, size_t row,
                                 uint64_t offset) {
    T start = Argument<T>(inputs, 0, row);
    T end = Argument<T>(inputs, 1, row);
    T step = has_step ? Argument<T>(inputs, 2, row) : T(1);
    if constexpr (std::is_same_v<T, int128_t>) {
      if (!has_step) step = kNumericScaleFactor;
    }
    uint64_t length = SequenceLength(start, end, step);
    result.SetArraySize(offset + length);
    T* elements = result.array_child().Data<T>();
    for (uint64_t element = 0; element < length; ++element) {
      // start + element * step stays within [start, end], so it cannot overflow.
      elements[offset + element] = static_cast<T>(start + static_cast<T>(element) * step);
    }
    return length;
  });
}

void GenerateDateArrayKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const bool has_step = args.column_count() == 4;
  DatePartSpec part;
  if (has_step) {
    part = ReadDatePart(args.column(3));
    if (part.part != DatePart::kDay && part.part != DatePart::kWeek &&
        part.part != DatePart::kMonth && part.part != DatePart::kQuarter &&
        part.part != DatePart::kYear) {
      ThrowUnsupportedPart("GENERATE_DATE_ARRAY", part);
    }
  }
  GenerateRows(args, result, [&](const std::vector<UnifiedVector>& inputs, size_t row,
                                 uint64_t offset) {
    const int64_t start = Argument<int32_t>(inputs, 0, row);
    const int64_t end = Argument<int32_t>(inputs, 1, row);
    const int64_t step = has_step ? Argument<int64_t>(inputs, 2, row) : 1;
    if (step == 0) ThrowZeroStep();
    uint64_t length = 0;
    for (int64_t date = start; step > 0 ? date <= end : date >= end;) {
      if (length >= kMaxArrayElements) ThrowTooMany("GENERATE_DATE_ARRAY");
      result.SetArraySize(offset + length + 1);
      result.array_child().Data<int32_t>()[offset + length] = static_cast<int32_t>(date);
      ++length;
      // Each element is start + i * step (so month ends clamp per element, not cumulatively).
      date = AddToDays(start, static_cast<int64_t>(length) * step, part, "GENERATE_DATE_ARRAY");
      if (!DateInRange(date)) break;
    }
    return length;
  });
}

void GenerateTimestampArrayKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  DatePartSpec part = ReadDatePart(args.column(3));
  int64_t unit = MicrosPerUnit(part.part);
  if (unit == 0) ThrowUnsupportedPart("GENERATE_TIMESTAMP_ARRAY", part);
  GenerateRows(args, result, [&](const std::vector<UnifiedVector>& inputs, size_t row,
                                 uint64_t offset) {
    const int64_t start = Argument<int64_t>(inputs, 0, row);
    const int64_t end = Argument<int64_t>(inputs, 1, row);
    int64_t step;
    if (__builtin_mul_overflow(Argument<int64_t>(inputs, 2, row), unit, &step)) {
      ThrowTooMany("GENERATE_TIMESTAMP_ARRAY");
    }
    if (step == 0) ThrowZeroStep();
    uint64_t length = 0;
    for (__int128 stamp = start; step > 0 ? stamp <= end : stamp >= end; stamp += step) {
      if (length >= kMaxArrayElements) ThrowTooMany("GENERATE_TIMESTAMP_ARRAY");
      result.SetArraySize(offset + length + 1);
      result.array_child().Data<int64_t>()[offset + length] = static_cast<int64_t>(stamp);
      ++length;
    }
    return length;
  });
}

}  // namespace

void RegisterArrayGeneratorFunctions(FunctionRegistry& registry) {
  auto add = [&](TypeId type, ScalarKernel kernel) {
    LogicalType array = LogicalType::Array(type);
    registry.AddScalar(ScalarFunction{.name = "GENERATE_ARRAY",
                                      .arguments = {type, type},
                                      .return_type = array,
                                      .kernel = kernel});
    registry.AddScalar(ScalarFunction{.name = "GENERATE_ARRAY",
                                      .arguments = {type, type, type},
                                      .return_type = array,
                                      .kernel = kernel});
  };
  add(TypeId::kInt64, GenerateArrayKernel<int64_t>);
  add(TypeId::kNumeric, GenerateArrayKernel<int128_t>);
  add(TypeId::kFloat64, GenerateArrayKernel<double>);
  LogicalType dates = LogicalType::Array(TypeId::kDate);
  registry.AddScalar(ScalarFunction{.name = "GENERATE_DATE_ARRAY",
                                    .arguments = {TypeId::kDate, TypeId::kDate},
                                    .return_type = dates,
                                    .kernel = GenerateDateArrayKernel});
  registry.AddScalar(
      ScalarFunction{.name = "GENERATE_DATE_ARRAY",
                     .arguments = {TypeId::kDate, TypeId::kDate, TypeId::kInt64, TypeId::kString},
                     .return_type = dates,
                     .kernel = GenerateDateArrayKernel});
  registry.AddScalar(ScalarFunction{
      .name = "GENERATE_TIMESTAMP_ARRAY",
      .arguments = {TypeId::kTimestamp, TypeId::kTimestamp, TypeId::kInt64, TypeId::kString},
      .return_type = LogicalType::Array(TypeId::kTimestamp),
      .kernel = GenerateTimestampArrayKernel});
}

}  // namespace dq
