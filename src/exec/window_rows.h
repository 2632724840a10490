// SortedWindowRows: the rows of one hash bucket of a PhysicalWindow after sorting by
// (PARTITION BY keys, ORDER BY keys), with the partition and peer-group boundaries and the
// frame computation that the window functions share.
//
// Rows are addressed by their position in sorted order ("row", 0-based over the bucket). The
// collection holds full chunks of kBatchSize rows (the last may be shorter), so row r lives in
// chunk r / kBatchSize at r % kBatchSize.
//
// Thread-compatibility: built and read by one task.
#pragma once

#include <cstdint>
#include <vector>

#include "exec/column_data_collection.h"
#include "exec/sort_rows.h"
#include "plan/bound_window.h"

namespace dq {

class SortedWindowRows {
 public:
  // Sorts `rows` by `keys`; the first `partition_key_count` keys are the PARTITION BY columns,
  // the others the ORDER BY columns.
  SortedWindowRows(const ColumnDataCollection& rows, const std::vector<SortKey>& keys,
                   size_t partition_key_count);

  const ColumnDataCollection& rows() const { return rows_; }
  size_t row_count() const { return rows_.row_count(); }

  // Partitions as [begin, end) row ranges, in sorted order.
  const std::vector<size_t>& partition_starts() const { return partition_starts_; }
  size_t PartitionEnd(size_t partition) const {
    return partition + 1 < partition_starts_.size() ? partition_starts_[partition + 1]
                                                     : row_count();
  }
  // The peer group (rows equal on the ORDER BY keys, within the partition) of `row`.
  size_t PeerBegin(size_t row) const { return peer_begin_[row]; }
  size_t PeerEnd(size_t row) const { return peer_end_[row]; }

  // Read access to `column` at `row`.
  const UnifiedVector& View(size_t column, size_t row) const {
    return views_[column][row / kBatchSize];
  }
  bool IsValid(size_t column, size_t row) const {
    return View(column, row).IsValid(row % kBatchSize);
  }
  template <typename T>
  T Get(size_t column, size_t row) const {
    const UnifiedVector& view = View(column, row);
    return view.Data<T>()[view.index(row % kBatchSize)];
  }

 private:
  // Whether `row` and `row - 1` are equal on `keys` (NULLs equal).
  bool EqualToPrevious(size_t row, const std::vector<SortKey>& keys, size_t first,
                       size_t last) const;

  ColumnDataCollection rows_;
  std::vector<std::vector<UnifiedVector>> views_;  // [column][chunk]
  std::vector<size_t> partition_starts_;
  std::vector<size_t> peer_begin_;
  std::vector<size_t> peer_end_;
};

// The frame [begin, end) of every row of partition [partition_begin, partition_end), as row
// positions; an empty frame has begin == end. `order_column` is the single ORDER BY column of a
// RANGE frame with offsets (its type INT64, FLOAT64 or NUMERIC), `descending` its direction.
// ROWS frames count rows; RANGE frames compare the key, and a row whose key is NULL or NaN
// (never within an offset of a number) gets its peer group for offset bounds.
void ComputeWindowFrames(const WindowFrameSpec& frame, const SortedWindowRows& rows,
                         size_t partition_begin, size_t partition_end, size_t order_column,
                         bool descending, std::vector<size_t>& frame_begin,
                         std::vector<size_t>& frame_end);

}  // namespace dq
