// PhysicalColumnDataScan: a source emitting rows held in a ColumnDataCollection (VALUES
// lists, SELECT without FROM, constant relations), one chunk per task step, in order.
#pragma once

#include <memory>

#include "exec/column_data_collection.h"
#include "exec/physical_operator.h"

namespace dq {

class PhysicalColumnDataScan : public PhysicalOperator {
 public:
  PhysicalColumnDataScan(std::vector<LogicalType> types,
                         std::shared_ptr<const ColumnDataCollection> rows)
      : PhysicalOperator(std::move(types)), rows_(std::move(rows)) {}

  std::string Name() const override { return "VALUES"; }
  std::vector<std::string> Details() const override {
    return {std::to_string(rows_->row_count()) + " rows"};
  }
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResult GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& global,
                       LocalSourceState& local) const override;

 private:
  std::shared_ptr<const ColumnDataCollection> rows_;
};

}  // namespace dq
