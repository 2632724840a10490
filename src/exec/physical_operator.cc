#include "exec/physical_operator.h"

#include "common/error.h"

namespace dq {

std::unique_ptr<GlobalSourceState> PhysicalOperator::GetGlobalSourceState(
    ExecutionContext& context) const {
  return std::make_unique<GlobalSourceState>();
}

std::unique_ptr<LocalSourceState> PhysicalOperator::GetLocalSourceState(
    ExecutionContext& context, GlobalSourceState& global) const {
  return std::make_unique<LocalSourceState>();
}

SourceResult PhysicalOperator::GetData(ExecutionContext& context, DataChunk& chunk,
                                       GlobalSourceState& global, LocalSourceState& local) const {
  ThrowInternal(__FILE__, __LINE__, Name() + " is not a source");
}

std::unique_ptr<OperatorState> PhysicalOperator::GetOperatorState(ExecutionContext& context) const {
  return std::make_unique<OperatorState>();
}

OperatorResult PhysicalOperator::Execute(ExecutionContext& context, DataChunk& input,
                                         DataChunk& output, OperatorState& state) const {
  ThrowInternal(__FILE__, __LINE__, Name() + " is not a streaming operator");
}

std::unique_ptr<GlobalSinkState> PhysicalOperator::GetGlobalSinkState(
    ExecutionContext& context) const {
  return std::make_unique<GlobalSinkState>();
}

std::unique_ptr<LocalSinkState> PhysicalOperator::GetLocalSinkState(ExecutionContext& context,
                                                                    GlobalSinkState& global) const {
  return std::make_unique<LocalSinkState>();
}

SinkResult PhysicalOperator::Sink(ExecutionContext& context, DataChunk& chunk,
                                  GlobalSinkState& global, LocalSinkState& local) const {
  ThrowInternal(__FILE__, __LINE__, Name() + " is not a sink");
}

}  // namespace dq
