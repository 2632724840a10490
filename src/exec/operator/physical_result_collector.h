// PhysicalResultCollector: the sink at the root of a query, materializing its rows in a
// ColumnDataCollection. When `ordered` is set the pipeline feeding it runs on one thread so
// that rows keep the order of an ORDER BY below.
#pragma once

#include <mutex>

#include "exec/column_data_collection.h"
#include "exec/physical_operator.h"

namespace dq {

struct ResultCollectorState : GlobalSinkState {
  std::mutex mutex;
  ColumnDataCollection rows;
};

class PhysicalResultCollector : public PhysicalOperator {
 public:
  PhysicalResultCollector(std::vector<LogicalType> types, bool ordered)
      : PhysicalOperator(std::move(types)), ordered_(ordered) {}

  std::string Name() const override { return "RESULT"; }
  bool IsSink() const override { return true; }
  bool SinkRequiresOrder() const override { return ordered_; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context,
                                                    GlobalSinkState& global) const override;
  SinkResult Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                  LocalSinkState& local) const override;
  void Combine(ExecutionContext& context, GlobalSinkState& global,
               LocalSinkState& local) const override;

 private:
  bool ordered_;
};

}  // namespace dq
