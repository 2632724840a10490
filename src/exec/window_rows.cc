#include "exec/window_rows.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "exec/row_operations.h"

namespace dq {

SortedWindowRows::SortedWindowRows(const ColumnDataCollection& rows,
                                   const std::vector<SortKey>& keys, size_t partition_key_count) {
  std::vector<RowReference> refs = SortRowReferences(rows, keys);
  rows_ = GatherCollection(rows, refs, 0, refs.size());
  // Views are filled in place: a UnifiedVector may point into itself.
  views_.resize(rows_.types().size());
  for (size_t column = 0; column < views_.size(); ++column) {
    views_[column].resize(rows_.chunk_count());
    for (size_t chunk = 0; chunk < rows_.chunk_count(); ++chunk) {
      const DataChunk& data = rows_.chunk(chunk);
      data.column(column).ToUnified(data.size(), views_[column][chunk]);
    }
  }
  size_t count = row_count();
  peer_begin_.resize(count);
  peer_end_.resize(count);
  for (size_t row = 0; row < count; ++row) {
    bool new_partition = row == 0 || !EqualToPrevious(row, keys, 0, partition_key_count);
    if (new_partition) partition_starts_.push_back(row);
    bool new_peers = new_partition || !EqualToPrevious(row, keys, partition_key_count, keys.size());
    peer_begin_[row] = new_peers ? row : peer_begin_[row - 1];
  }
  for (size_t row = count; row-- > 0;) {
    bool last_peer = row + 1 == count || peer_begin_[row + 1] != peer_begin_[row];
    peer_end_[row] = last_peer ? row + 1 : peer_end_[row + 1];
  }
}

bool SortedWindowRows::EqualToPrevious(size_t row, const std::vector<SortKey>& keys,
                                       size_t first, size_t last) const {
  for (size_t key = first; key < last; ++key) {
    size_t column = keys[key].column;
    if (!RowsEqualForGrouping(rows_.types()[column], View(column, row), row % kBatchSize,
                              View(column, row - 1), (row - 1) % kBatchSize)) {
      return false;
    }
  }
  return true;
}

namespace {

using Position = int128_t;  // a row position before clamping (may lie outside the partition)

size_t Clamp(Position position, size_t begin, size_t end) {
  if (position < static_cast<Position>(begin)) return begin;
  if (position > static_cast<Position>(end)) return end;
  return static_cast<size_t>(position);
}

bool IsOffsetBound(const WindowFrameBound& bound) {
  return bound.kind == WindowFrameBound::Kind::kPreceding ||
         bound.kind == WindowFrameBound::Kind::kFollowing;
}

// ROWS frames: the inclusive position `row -/+ offset` of a bound.
Position RowsPosition(const WindowFrameBound& bound, size_t row) {
  switch (bound.kind) {
    case WindowFrameBound::Kind::kPreceding: return Position(row) - bound.offset.int64_value();
    case WindowFrameBound::Kind::kFollowing: return Position(row) + bound.offset.int64_value();
    default: return row;
  }
}

int128_t SaturatingAdd(int128_t left, int128_t right) {
  int128_t result;
  if (__builtin_add_overflow(left, right, &result)) {
    return right > 0 ? std::numeric_limits<int128_t>::max() : std::numeric_limits<int128_t>::min();
  }
  return result;
}
double SaturatingAdd(double left, double right) {
  double result = left + right;
  if (std::isnan(result)) {
    throw Error(ErrorKind::kOutOfRange,
                "Offset value cannot be infinity when there exists an infinity order key of "
                "the opposite sign");
  }
  return result;
}

// RANGE frames with offsets over keys of representation Key (int128_t or double). `keys` holds
// the keys of the partition's rows, negated when descending so they ascend; `regular[i]`
// tells whether row begin + i has a key (not NULL, not NaN).
template <typename Key>
void RangeOffsetFrames(const WindowFrameSpec& frame, const SortedWindowRows& rows,
                       size_t begin, size_t end, const std::vector<Key>& keys,
                       const std::vector<bool>& regular, Key start_offset, Key end_offset,
                       std::vector<size_t>& frame_begin, std::vector<size_t>& frame_end) {
  // Rows with keys form one contiguous run [run_begin, run_end) of the sorted partition.
  size_t run_begin = end;
  size_t run_end = end;
  for (size_t row = begin; row < end; ++row) {
    if (!regular[row - begin]) continue;
    if (run_begin == end) run_begin = row;
    run_end = row + 1;
  }
  auto run_keys_begin = keys.begin() + (run_begin - begin);
  auto run_keys_end = keys.begin() + (run_end - begin);
  auto first_at_least = [&](Key target) {
    return run_begin + (std::lower_bound(run_keys_begin, run_keys_end, target) - run_keys_begin);
  };
  auto first_above = [&](Key target) {
    return run_begin + (std::upper_bound(run_keys_begin, run_keys_end, target) - run_keys_begin);
  };
  for (size_t row = begin; row < end; ++row) {
    size_t index = row - begin;
    bool has_key = regular[index];
    if (IsOffsetBound(frame.start)) {
      frame_begin[index] = has_key ? first_at_least(SaturatingAdd(keys[index], start_offset))
                                   : rows.PeerBegin(row);
    }
    if (IsOffsetBound(frame.end)) {
      frame_end[index] = has_key ? first_above(SaturatingAdd(keys[index], end_offset))
                                 : rows.PeerEnd(row);
    }
  }
}

// Offsets of the start and end bounds in the ascending key space: PRECEDING subtracts.
template <typename Key>
Key SignedOffset(const WindowFrameBound& bound, Key offset) {
  if (!IsOffsetBound(bound)) return Key{};
  return bound.kind == WindowFrameBound::Kind::kPreceding ? -offset : offset;
}

void RangeFrames(const WindowFrameSpec& frame, const SortedWindowRows& rows, size_t begin,
                 size_t end, size_t column, bool descending, std::vector<size_t>& frame_begin,
                 std::vector<size_t>& frame_end) {
  size_t count = end - begin;
  std::vector<bool> regular(count);
  TypeId type = rows.rows().types()[column].id();
  if (type == TypeId::kFloat64) {
    std::vector<double> keys(count);
    for (size_t row = begin; row < end; ++row) {
      if (!rows.IsValid(column, row)) continue;
      double key = rows.Get<double>(column, row);
      regular[row - begin] = !std::isnan(key);
      keys[row - begin] = descending ? -key : key;
    }
    auto offset = [](const WindowFrameBound& bound) {
      return IsOffsetBound(bound) ? bound.offset.float64_value() : 0.0;
    };
    RangeOffsetFrames<double>(frame, rows, begin, end, keys, regular,
                              SignedOffset(frame.start, offset(frame.start)),
                              SignedOffset(frame.end, offset(frame.end)), frame_begin, frame_end);
    return;
  }
  std::vector<int128_t> keys(count);
  for (size_t row = begin; row < end; ++row) {
    if (!rows.IsValid(column, row)) continue;
    int128_t key = type == TypeId::kNumeric ? rows.Get<int128_t>(column, row)
                                            : int128_t(rows.Get<int64_t>(column, row));
    regular[row - begin] = true;
    keys[row - begin] = descending ? -key : key;
  }
  auto offset = [&](const WindowFrameBound& bound) -> int128_t {
    if (!IsOffsetBound(bound)) return 0;
    return type == TypeId::kNumeric ? bound.offset.numeric_value()
                                    : int128_t(bound.offset.int64_value());
  };
  RangeOffsetFrames<int128_t>(frame, rows, begin, end, keys, regular,
                              SignedOffset(frame.start, offset(frame.start)),
                              SignedOffset(frame.end, offset(frame.end)), frame_begin, frame_end);
}

}  // namespace

void ComputeWindowFrames(const WindowFrameSpec& frame, const SortedWindowRows& rows,
                         size_t partition_begin, size_t partition_end, size_t order_column,
                         bool descending, std::vector<size_t>& frame_begin,
                         std::vector<size_t>& frame_end) {
  size_t begin = partition_begin;
  size_t end = partition_end;
  size_t count = end - begin;
  frame_begin.assign(count, begin);
  frame_end.assign(count, end);
  bool range = frame.unit == WindowFrameSpec::Unit::kRange;
  for (size_t row = begin; row < end; ++row) {
    size_t index = row - begin;
    switch (frame.start.kind) {
      case WindowFrameBound::Kind::kCurrentRow:
        frame_begin[index] = range ? rows.PeerBegin(row) : row;
        break;
      case WindowFrameBound::Kind::kPreceding:
      case WindowFrameBound::Kind::kFollowing:
        if (!range) frame_begin[index] = Clamp(RowsPosition(frame.start, row), begin, end);
        break;
      default: break;  // UNBOUNDED PRECEDING
    }
    switch (frame.end.kind) {
      case WindowFrameBound::Kind::kCurrentRow:
        frame_end[index] = range ? rows.PeerEnd(row) : row + 1;
        break;
      case WindowFrameBound::Kind::kPreceding:
      case WindowFrameBound::Kind::kFollowing:
        if (!range) frame_end[index] = Clamp(RowsPosition(frame.end, row) + 1, begin, end);
        break;
      default: break;  // UNBOUNDED FOLLOWING
    }
  }
  if (range && (IsOffsetBound(frame.start) || IsOffsetBound(frame.end))) {
    RangeFrames(frame, rows, begin, end, order_column, descending, frame_begin, frame_end);
  }
  for (size_t index = 0; index < count; ++index) {
    frame_end[index] = std::max(frame_end[index], frame_begin[index]);
  }
}

}  // namespace dq
