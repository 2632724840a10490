#include "functions/aggregate/filtered_aggregate.h"

#include <memory>
#include <vector>

#include "vector/data_chunk.h"

namespace dq {

namespace {

struct FilterBindData : FunctionData {
  const AggregateFunction* inner = nullptr;
  std::shared_ptr<AggregateFunction> inner_owner;  // keeps a bind-resolved inner alive
  std::shared_ptr<FunctionData> inner_bind_data;
  LogicalType return_type;

  AggregateCall InnerCall() const { return AggregateCall{inner_bind_data.get(), return_type}; }
};

const FilterBindData& DataOf(const AggregateCall& call) {
  return static_cast<const FilterBindData&>(*call.bind_data);
}

void Update(const AggregateCall& call, const DataChunk& args, uint8_t** states) {
  const FilterBindData& data = DataOf(call);
  size_t condition_column = args.column_count() - 1;
  UnifiedVector condition;
  args.column(condition_column).ToUnified(args.size(), condition);
  SelectionVector passing(args.size());
  std::vector<uint8_t*> passing_states;
  passing_states.reserve(args.size());
  for (size_t row = 0; row < args.size(); ++row) {
    if (condition.IsValid(row) && condition.Data<bool>()[condition.index(row)]) {
      passing.set_index(passing_states.size(), static_cast<sel_t>(row));
      passing_states.push_back(states[row]);
    }
  }
  if (passing_states.empty()) return;
  DataChunk inner_args;
  for (size_t column = 0; column < condition_column; ++column) inner_args.AddColumn(args.column(column));
  inner_args.SetSize(args.size());
  DataChunk sliced = DataChunk::SlicedView(inner_args, passing, passing_states.size());
  data.inner->update(data.InnerCall(), sliced, passing_states.data());
}

void Combine(const AggregateCall& call, const uint8_t* source, uint8_t* target) {
  const FilterBindData& data = DataOf(call);
  data.inner->combine(data.InnerCall(), source, target);
}

void Finalize(const AggregateCall& call, uint8_t** states, size_t count, Vector& result,
              size_t offset) {
  const FilterBindData& data = DataOf(call);
  data.inner->finalize(data.InnerCall(), states, count, result, offset);
}

}  // namespace

BoundAggregate MakeFilteredAggregate(BoundAggregate inner, ExpressionPtr condition) {
  auto data = std::make_shared<FilterBindData>();
  data->inner = inner.function;
  data->inner_owner = inner.resolved;
  data->inner_bind_data = inner.bind_data;
  data->return_type = inner.return_type;

  auto wrapper = std::make_shared<AggregateFunction>(*inner.function);
  wrapper->arguments.push_back(TypeId::kBool);
  wrapper->update = Update;
  wrapper->combine = Combine;
  wrapper->finalize = Finalize;
  wrapper->bind = nullptr;
  wrapper->bind_with_constants = nullptr;

  BoundAggregate result;
  result.function = wrapper.get();
  result.resolved = std::move(wrapper);
  result.bind_data = std::move(data);
  result.arguments = std::move(inner.arguments);
  result.arguments.push_back(std::move(condition));
  result.distinct = inner.distinct;
  result.return_type = inner.return_type;
  result.position = inner.position;
  return result;
}

}  // namespace dq
