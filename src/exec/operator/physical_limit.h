// PhysicalLimit: LIMIT n OFFSET m without ORDER BY at the same level. Sink: keeps the first
// n + m rows that arrive (in order when its input is ordered: then its pipeline runs on one
// thread) and stops the pipeline once it has them. Source: emits rows [m, m + n).
#pragma once

#include "exec/physical_operator.h"

namespace dq {

class PhysicalLimit : public PhysicalOperator {
 public:
  PhysicalLimit(std::vector<LogicalType> types, uint64_t limit, uint64_t offset, bool ordered)
      : PhysicalOperator(std::move(types)), limit_(limit), offset_(offset), ordered_(ordered) {}

  std::string Name() const override { return "LIMIT"; }
  std::vector<std::string> Details() const override {
    return {std::to_string(limit_) + " offset " + std::to_string(offset_)};
  }
  bool IsSink() const override { return true; }
  bool SinkRequiresOrder() const override { return ordered_; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionContext& context) const override;
  SinkResult Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                  LocalSinkState& local) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResult GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& global,
                       LocalSourceState& local) const override;

 private:
  uint64_t limit_;
  uint64_t offset_;
  bool ordered_;
};

}  // namespace dq
