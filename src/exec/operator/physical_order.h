// PhysicalOrder: ORDER BY. Sink: threads collect rows; Finalize sorts them all (stable).
// Source: emits the sorted rows in order, from one thread.
// PhysicalTopN: ORDER BY ... LIMIT n [OFFSET m]: like PhysicalOrder but every thread keeps
// only its best n + m rows (re-trimming as it goes), so memory stays bounded.
#pragma once

#include <cstdint>
#include <optional>

#include "exec/physical_operator.h"
#include "exec/sort_rows.h"

namespace dq {

class PhysicalOrder : public PhysicalOperator {
 public:
  // `limit` unset: full sort. Otherwise keep rows [offset, offset + limit) of the order.
  PhysicalOrder(std::vector<LogicalType> types, std::vector<SortKey> keys,
                std::optional<uint64_t> limit = std::nullopt, uint64_t offset = 0)
      : PhysicalOperator(std::move(types)), keys_(std::move(keys)), limit_(limit), offset_(offset) {}

  std::string Name() const override { return limit_ ? "TOP_N" : "ORDER_BY"; }
  std::vector<std::string> Details() const override;

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context,
                                                    GlobalSinkState& global) const override;
  SinkResult Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                  LocalSinkState& local) const override;
  void Combine(ExecutionContext& context, GlobalSinkState& global,
               LocalSinkState& local) const override;
  void Finalize(ExecutionContext& context, GlobalSinkState& global) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResult GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& global,
                       LocalSourceState& local) const override;

 private:
  std::vector<SortKey> keys_;
  std::optional<uint64_t> limit_;
  uint64_t offset_;
};

}  // namespace dq
