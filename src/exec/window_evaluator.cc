#include "exec/window_evaluator.h"

#include <algorithm>

#include "common/error.h"
#include "exec/row_operations.h"
#include "exec/window_aggregator.h"

namespace dq {

namespace {

constexpr int64_t kNoRow = -1;

// Numbering functions for partition [begin, end).
void Number(const BoundWindowFunction& function, const SortedWindowRows& rows, size_t begin,
            size_t end, std::vector<DataChunk>& results, size_t result_column) {
  size_t count = end - begin;
  int64_t dense_rank = 0;
  int64_t buckets = function.parameter;
  int64_t bucket_size = static_cast<int64_t>(count) / std::max<int64_t>(buckets, 1);
  int64_t larger_buckets = static_cast<int64_t>(count) % std::max<int64_t>(buckets, 1);
  for (size_t row = begin; row < end; ++row) {
    Vector& result = results[row / kBatchSize].column(result_column);
    size_t slot = row % kBatchSize;
    int64_t position = static_cast<int64_t>(row - begin);
    int64_t rank = static_cast<int64_t>(rows.PeerBegin(row) - begin) + 1;
    if (rows.PeerBegin(row) == row) ++dense_rank;
    switch (function.kind) {
      case WindowFunctionKind::kRowNumber: result.Data<int64_t>()[slot] = position + 1; break;
      case WindowFunctionKind::kRank: result.Data<int64_t>()[slot] = rank; break;
      case WindowFunctionKind::kDenseRank: result.Data<int64_t>()[slot] = dense_rank; break;
      case WindowFunctionKind::kPercentRank:
        result.Data<double>()[slot] =
            count == 1 ? 0.0 : static_cast<double>(rank - 1) / static_cast<double>(count - 1);
        break;
      case WindowFunctionKind::kCumeDist:
        result.Data<double>()[slot] = static_cast<double>(rows.PeerEnd(row) - begin) /
                                      static_cast<double>(count);
        break;
      case WindowFunctionKind::kNtile: {
        // The first `larger_buckets` buckets hold bucket_size + 1 rows.
        int64_t boundary = larger_buckets * (bucket_size + 1);
        result.Data<int64_t>()[slot] = position < boundary
                                           ? position / (bucket_size + 1) + 1
                                           : (position - boundary) / bucket_size + larger_buckets + 1;
        break;
      }
      default: break;
    }
  }
}

// Navigation functions for partition [begin, end): sets targets[row] to the row whose value
// the function returns, or kNoRow.
void Navigate(const BoundWindowFunction& function, const WindowFunctionColumns& columns,
              const SortedWindowRows& rows, size_t begin, size_t end,
              std::vector<int64_t>& targets) {
  int64_t offset = function.parameter;
  if (function.kind == WindowFunctionKind::kLag || function.kind == WindowFunctionKind::kLead) {
    for (size_t row = begin; row < end; ++row) {
      int64_t target = function.kind == WindowFunctionKind::kLag
                           ? static_cast<int64_t>(row) - offset
                           : static_cast<int64_t>(row) + std::min<int64_t>(offset, end - row);
      bool inside = target >= static_cast<int64_t>(begin) && target < static_cast<int64_t>(end);
      targets[row] = inside ? target : kNoRow;
    }
    return;
  }
  std::vector<size_t> frame_begin;
  std::vector<size_t> frame_end;
  ComputeWindowFrames(function.frame, rows, begin, end, columns.order_column,
                      columns.order_descending, frame_begin, frame_end);
  // IGNORE NULLS: positions of the non-NULL values, and how many lie before a position.
  std::vector<size_t> valid;
  if (function.ignore_nulls) {
    for (size_t row = begin; row < end; ++row) {
      if (rows.IsValid(columns.arguments[0], row)) valid.push_back(row);
    }
  }
  auto valid_before = [&](size_t position) {
    return static_cast<size_t>(std::lower_bound(valid.begin(), valid.end(), position) -
                               valid.begin());
  };
  for (size_t row = begin; row < end; ++row) {
    size_t first = frame_begin[row - begin];
    size_t last = frame_end[row - begin];  // exclusive
    int64_t target = kNoRow;
    if (first < last) {
      if (!function.ignore_nulls) {
        switch (function.kind) {
          case WindowFunctionKind::kFirstValue: target = first; break;
          case WindowFunctionKind::kLastValue: target = last - 1; break;
          default:
            if (static_cast<size_t>(offset) <= last - first) target = first + offset - 1;
            break;
        }
      } else {
        size_t low = valid_before(first);
        size_t high = valid_before(last);  // valid[low, high) lie in the frame
        size_t pick = high;
        switch (function.kind) {
          case WindowFunctionKind::kFirstValue: pick = low; break;
          case WindowFunctionKind::kLastValue: pick = high > low ? high - 1 : high; break;
          default:
            if (static_cast<size_t>(offset) <= high - low) pick = low + offset - 1;
            break;
        }
        if (pick < high) target = valid[pick];
      }
    }
    targets[row] = target;
  }
}

// Writes the value column at targets[row] (or the default) into the results.
void GatherTargets(const BoundWindowFunction& function, const WindowFunctionColumns& columns,
                   const SortedWindowRows& rows, const std::vector<int64_t>& targets,
                   std::vector<DataChunk>& results, size_t result_column) {
  std::vector<RowReference> refs(kBatchSize);
  for (size_t chunk = 0; chunk < rows.rows().chunk_count(); ++chunk) {
    size_t count = rows.rows().chunk(chunk).size();
    size_t first_row = chunk * kBatchSize;
    for (size_t slot = 0; slot < count; ++slot) {
      int64_t target = targets[first_row + slot];
      refs[slot] = target == kNoRow ? MakeRowReference(chunk, slot)
                                    : MakeRowReference(target / kBatchSize, target % kBatchSize);
    }
    Vector& result = results[chunk].column(result_column);
    GatherRows(rows.rows(), columns.arguments[0], refs.data(), count, result);
    for (size_t slot = 0; slot < count; ++slot) {
      if (targets[first_row + slot] != kNoRow) continue;
      if (function.default_value.is_null()) {
        result.SetNull(slot);
      } else {
        result.SetValue(slot, function.default_value);
      }
    }
  }
}

}  // namespace

void EvaluateWindowFunction(QueryContext* query, const BoundWindowFunction& function,
                            const WindowFunctionColumns& columns, const SortedWindowRows& rows,
                            std::vector<DataChunk>& results, size_t result_column) {
  const std::vector<size_t>& starts = rows.partition_starts();
  switch (function.kind) {
    case WindowFunctionKind::kAggregate: {
      WindowAggregator aggregator(function.aggregate, columns.arguments);
      std::vector<size_t> frame_begin;
      std::vector<size_t> frame_end;
      for (size_t partition = 0; partition < starts.size(); ++partition) {
        size_t begin = starts[partition];
        size_t end = rows.PartitionEnd(partition);
        ComputeWindowFrames(function.frame, rows, begin, end, columns.order_column,
                            columns.order_descending, frame_begin, frame_end);
        try {
          aggregator.Evaluate(query, rows, begin, end, frame_begin, frame_end, results,
                              result_column);
        } catch (Error& error) {
          error.SetPositionIfAbsent(function.aggregate.position);
          throw;
        }
      }
      return;
    }
    case WindowFunctionKind::kLag:
    case WindowFunctionKind::kLead:
    case WindowFunctionKind::kFirstValue:
    case WindowFunctionKind::kLastValue:
    case WindowFunctionKind::kNthValue: {
      std::vector<int64_t> targets(rows.row_count(), kNoRow);
      for (size_t partition = 0; partition < starts.size(); ++partition) {
        Navigate(function, columns, rows, starts[partition], rows.PartitionEnd(partition),
                 targets);
        if (query && partition % 1024 == 0) query->CheckCancelled();
      }
      GatherTargets(function, columns, rows, targets, results, result_column);
      return;
    }
    default:
      for (size_t partition = 0; partition < starts.size(); ++partition) {
        Number(function, rows, starts[partition], rows.PartitionEnd(partition), results,
               result_column);
        if (query && partition % 1024 == 0) query->CheckCancelled();
      }
      return;
  }
}

}  // namespace dq
