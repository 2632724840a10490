#include "exec/window_aggregator.h"

#include <algorithm>
#include <memory>

#include "common/error.h"

namespace dq {

// A block of initialized aggregate states, destroyed with the block. Slots are 16-byte aligned
// (operator new[] alignment and a stride rounded up to 16), as aggregate states require.
class WindowAggregator::StateArray {
 public:
  StateArray(const AggregateFunction& function, size_t count)
      : function_(function), count_(count), stride_((std::max<size_t>(function.state_size, 1) + 15) / 16 * 16) {
    memory_.reset(new uint8_t[stride_ * std::max<size_t>(count_, 1)]);
    for (size_t slot = 0; slot < count_; ++slot) function_.initialize(At(slot));
  }
  ~StateArray() {
    if (!function_.destroy) return;
    for (size_t slot = 0; slot < count_; ++slot) function_.destroy(At(slot));
  }
  StateArray(const StateArray&) = delete;
  StateArray& operator=(const StateArray&) = delete;

  uint8_t* At(size_t slot) { return memory_.get() + slot * stride_; }
  // Returns `slot` to its initial (empty) state.
  void Reset(size_t slot) {
    if (function_.destroy) function_.destroy(At(slot));
    function_.initialize(At(slot));
  }

 private:
  const AggregateFunction& function_;
  size_t count_;
  size_t stride_;
  std::unique_ptr<uint8_t[]> memory_;
};

void CopyWindowResult(std::vector<DataChunk>& results, size_t column, size_t from, size_t to) {
  SelectionVector selection(1);
  selection.set_index(0, static_cast<sel_t>(from % kBatchSize));
  CopyVector(results[from / kBatchSize].column(column), selection, 1,
             results[to / kBatchSize].column(column), to % kBatchSize);
}

void WindowAggregator::UpdateLeaves(const SortedWindowRows& rows, size_t begin, size_t end,
                                    StateArray& states, size_t first_slot) const {
  AggregateCall call{aggregate_.bind_data.get(), aggregate_.return_type};
  std::vector<LogicalType> types;
  for (size_t column : argument_columns_) types.push_back(rows.rows().types()[column]);
  std::vector<uint8_t*> pointers;
  for (size_t chunk_start = begin - begin % kBatchSize; chunk_start < end;
       chunk_start += kBatchSize) {
    const DataChunk& chunk = rows.rows().chunk(chunk_start / kBatchSize);
    size_t low = std::max(begin, chunk_start);
    size_t high = std::min(end, chunk_start + chunk.size());
    size_t count = high - low;
    DataChunk arguments;
    arguments.Initialize(types, 1);
    for (size_t argument = 0; argument < argument_columns_.size(); ++argument) {
      arguments.column(argument).Reference(chunk.column(argument_columns_[argument]));
    }
    if (count != chunk.size()) {
      SelectionVector selection(count);
      for (size_t row = 0; row < count; ++row) {
        selection.set_index(row, static_cast<sel_t>(low - chunk_start + row));
      }
      arguments.Slice(selection, count);
    }
    arguments.SetSize(count);
    pointers.resize(count);
    for (size_t row = 0; row < count; ++row) {
      pointers[row] = states.At(first_slot + low + row - begin);
    }
    aggregate_.function->update(call, arguments, pointers.data());
  }
}

void WindowAggregator::Evaluate(QueryContext* query, const SortedWindowRows& rows, size_t begin,
                                size_t end, const std::vector<size_t>& frame_begin,
                                const std::vector<size_t>& frame_end,
                                std::vector<DataChunk>& results, size_t result_column) const {
  const AggregateFunction& function = *aggregate_.function;
  AggregateCall call{aggregate_.bind_data.get(), aggregate_.return_type};
  size_t count = end - begin;
  auto same_frame_as_previous = [&](size_t index) {
    return index > 0 && frame_begin[index] == frame_begin[index - 1] &&
           frame_end[index] == frame_end[index - 1];
  };
  bool cumulative = std::all_of(frame_begin.begin(), frame_begin.end(),
                                [&](size_t start) { return start == begin; });
  if (cumulative) {
    StateArray leaves(function, count);
    UpdateLeaves(rows, begin, end, leaves, 0);
    StateArray running(function, 1);
    uint8_t* state = running.At(0);
    size_t next = begin;  // rows [begin, next) are folded into `state`
    for (size_t index = 0; index < count; ++index) {
      size_t row = begin + index;
      if (same_frame_as_previous(index)) {
        CopyWindowResult(results, result_column, row - 1, row);
        continue;
      }
      DQ_CHECK_LE(next, frame_end[index]);
      for (; next < frame_end[index]; ++next) function.combine(call, leaves.At(next - begin), state);
      function.finalize(call, &state, 1, results[row / kBatchSize].column(result_column),
                        row % kBatchSize);
      if (index % kBatchSize == 0 && query) query->CheckCancelled();
    }
    return;
  }
  // Segment tree: leaves at [count, 2 * count), node i combines nodes 2i and 2i + 1.
  StateArray tree(function, 2 * count);
  UpdateLeaves(rows, begin, end, tree, count);
  for (size_t node = count; node-- > 1;) {
    function.combine(call, tree.At(2 * node), tree.At(node));
    function.combine(call, tree.At(2 * node + 1), tree.At(node));
  }
  StateArray scratch(function, 1);
  uint8_t* state = scratch.At(0);
  std::vector<size_t> left_nodes;
  std::vector<size_t> right_nodes;
  for (size_t index = 0; index < count; ++index) {
    size_t row = begin + index;
    if (same_frame_as_previous(index)) {
      CopyWindowResult(results, result_column, row - 1, row);
      continue;
    }
    left_nodes.clear();
    right_nodes.clear();
    for (size_t low = frame_begin[index] - begin + count, high = frame_end[index] - begin + count;
         low < high; low /= 2, high /= 2) {
      if (low & 1) left_nodes.push_back(low++);
      if (high & 1) right_nodes.push_back(--high);
    }
    scratch.Reset(0);
    for (size_t node : left_nodes) function.combine(call, tree.At(node), state);
    for (auto node = right_nodes.rbegin(); node != right_nodes.rend(); ++node) {
      function.combine(call, tree.At(*node), state);
    }
    function.finalize(call, &state, 1, results[row / kBatchSize].column(result_column),
                      row % kBatchSize);
    if (index % kBatchSize == 0 && query) query->CheckCancelled();
  }
}

}  // namespace dq
