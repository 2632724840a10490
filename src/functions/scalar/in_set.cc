#include "functions/scalar/in_set.h"

#include <string>
#include <unordered_set>

#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "vector/vector.h"

namespace dq {

namespace {

struct InSetData : FunctionData {
  std::string Describe() const override { return text; }
  std::string text;  // the constants, as SQL literals
  TypeId type = TypeId::kInvalid;
  bool has_null = false;
  std::unordered_set<int64_t> integers;     // BOOL, INT64, DATE, DATETIME, TIME, TIMESTAMP
  std::unordered_set<double> doubles;       // FLOAT64 (NaN is never IN)
  std::unordered_set<std::string> strings;  // STRING, BYTES
};

template <typename T, typename Contains>
void Probe(const Vector& input, size_t count, const InSetData& data, Vector& result,
           Contains&& contains) {
  UnifiedVector unified;
  input.ToUnified(count, unified);
  const T* values = unified.Data<T>();
  bool* out = result.Data<bool>();
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (!unified.validity->RowIsValid(index)) {
      result.SetNull(row);
      continue;
    }
    if (contains(values[index])) {
      out[row] = true;
    } else if (data.has_null) {
      result.SetNull(row);
    } else {
      out[row] = false;
    }
  }
}

void InSetKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  const auto& data = static_cast<const InSetData&>(*call.bind_data);
  const Vector& input = args.column(0);
  size_t count = args.size();
  switch (data.type) {
    case TypeId::kBool:
      Probe<bool>(input, count, data, result,
                  [&](bool value) { return data.integers.count(value ? 1 : 0) > 0; });
      return;
    case TypeId::kDate:
      Probe<int32_t>(input, count, data, result,
                     [&](int32_t value) { return data.integers.count(value) > 0; });
      return;
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp:
      Probe<int64_t>(input, count, data, result,
                     [&](int64_t value) { return data.integers.count(value) > 0; });
      return;
    case TypeId::kFloat64:
      Probe<double>(input, count, data, result, [&](double value) {
        return data.doubles.count(value == 0 ? 0.0 : value) > 0;
      });
      return;
    default:
      Probe<StringView>(input, count, data, result, [&](const StringView& value) {
        return data.strings.count(std::string(value.view())) > 0;
      });
      return;
  }
}

}  // namespace

bool InSetSupportsType(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBool:
    case TypeId::kInt64:
    case TypeId::kFloat64:
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kDate:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: return true;
    default: return false;
  }
}

std::shared_ptr<FunctionData> MakeInSetData(const LogicalType& type,
                                            const std::vector<Value>& values) {
  auto data = std::make_shared<InSetData>();
  data->type = type.id();
  data->text = "[";
  for (size_t index = 0; index < values.size(); ++index) {
    data->text += (index > 0 ? ", " : "") + values[index].ToSqlLiteral();
  }
  data->text += "]";
  for (const Value& value : values) {
    if (value.is_null()) {
      data->has_null = true;
      continue;
    }
    switch (type.id()) {
      case TypeId::kBool: data->integers.insert(value.bool_value() ? 1 : 0); break;
      case TypeId::kDate: data->integers.insert(value.date_value()); break;
      case TypeId::kInt64: data->integers.insert(value.int64_value()); break;
      case TypeId::kDatetime:
      case TypeId::kTime:
      case TypeId::kTimestamp: data->integers.insert(value.micros_value()); break;
      case TypeId::kFloat64: {
        double number = value.float64_value();
        data->doubles.insert(number == 0 ? 0.0 : number);
        break;
      }
      default: data->strings.insert(value.string_value()); break;
    }
  }
  return data;
}

void RegisterInSetFunctions(FunctionRegistry& registry) {
  // One overload per type; the binder builds the call directly with its bind data.
  for (TypeId type : {TypeId::kBool, TypeId::kInt64, TypeId::kFloat64, TypeId::kString,
                      TypeId::kBytes, TypeId::kDate, TypeId::kDatetime, TypeId::kTime,
                      TypeId::kTimestamp}) {
    registry.AddScalar(ScalarFunction{.name = "$in_set",
                                      .arguments = {type},
                                      .return_type = TypeId::kBool,
                                      .kernel = InSetKernel,
                                      .propagates_nulls = true});
  }
}

}  // namespace dq
