// PhysicalTableScan: reads the projected columns of a stored table, row group by row group.
//
// Morsels are row groups (split into row ranges of whole batches when there are fewer row
// groups than threads): threads take the next morsel from a shared counter, skip it when a
// zone map proves a pushed-down comparison false for every row of its row group, and
// otherwise read it in kBatchSize-row batches, applying the pushed-down filters to each batch
// (as a selection).
// Progress is reported in rows.
#pragma once

#include <atomic>
#include <memory>

#include "catalog/catalog_entries.h"
#include "exec/physical_operator.h"
#include "plan/expression.h"

namespace dq {

class RowGroupReader;

// `column <op> constant` usable against zone maps. op is one of the comparison function
// names ("$equal", "$less", ...), with the column on the left.
struct ZoneMapFilter {
  size_t table_column = 0;
  std::string op;
  Value constant;
};

class PhysicalTableScan : public PhysicalOperator {
 public:
  // `filters` read the scan's output columns (physical indexes into column_ids order).
  PhysicalTableScan(std::vector<LogicalType> types, std::string warehouse_directory,
                    std::shared_ptr<const TableEntry> table, std::vector<size_t> column_ids,
                    ExpressionPtr filter, std::vector<ZoneMapFilter> zone_map_filters);

  std::string Name() const override { return "TABLE_SCAN"; }
  std::vector<std::string> Details() const override;
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState(ExecutionContext& context,
                                                        GlobalSourceState& global) const override;
  SourceResult GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& global,
                       LocalSourceState& local) const override;
  size_t MaxSourceThreads(GlobalSourceState& global) const override;

  // The rows feed an operator that is expensive per row (ML.PREDICT, in batches of
  // `rows_per_unit`): every row group, small ones too, is cut into ranges of whole units
  // sized for balance across threads, rather than split only when there are fewer groups than
  // threads, above kMinMorselRows rows, in whole chunks.
  void SplitForExpensiveRows(uint64_t rows_per_unit) {
    expensive_rows_ = true;
    morsel_granularity_ = rows_per_unit;
  }

  // Whether the zone map of `stats` proves `filter` false for every row of a row group.
  static bool ZoneMapExcludes(const ColumnStats& stats, uint64_t row_count,
                              const ZoneMapFilter& filter);

 private:
  // Claims one morsel of a row group split into several: returns the group's shared reader
  // (opened by the first claim) when `meta` is given (a morsel to read), else null (a morsel
  // skipped by zone maps). Null too for a group that is one morsel.
  std::shared_ptr<RowGroupReader> ClaimMorsel(GlobalSourceState& global, size_t row_group,
                                              const RowGroupMeta* meta) const;

  std::string warehouse_directory_;
  std::shared_ptr<const TableEntry> table_;
  std::vector<size_t> column_ids_;
  ExpressionPtr filter_;  // may be null
  std::vector<ZoneMapFilter> zone_map_filters_;
  std::vector<LogicalType> table_types_;
  uint64_t morsel_granularity_;  // range sizes are multiples of this
  bool expensive_rows_ = false;  // SplitForExpensiveRows was called
  // Row groups skipped by zone maps in the last run (EXPLAIN ANALYZE).
  mutable std::atomic<uint64_t> pruned_row_groups_{0};
};

}  // namespace dq
