#include "exec/column_data_collection.h"

#include <algorithm>

#include "common/error.h"

namespace dq {

void ColumnDataCollection::Append(const DataChunk& input) {
  size_t offset = 0;
  while (offset < input.size()) {
    if (chunks_.empty() || chunks_.back().size() == kBatchSize) {
      chunks_.emplace_back(types_);
      chunk_starts_.push_back(row_count_);
    }
    DataChunk& target = chunks_.back();
    size_t take = std::min(kBatchSize - target.size(), input.size() - offset);
    if (offset == 0 && take == input.size()) {
      for (size_t column = 0; column < types_.size(); ++column) {
        CopyVector(input.column(column), take, target.column(column), target.size());
      }
    } else {
      SelectionVector selection(take);
      for (size_t row = 0; row < take; ++row) {
        selection.set_index(row, static_cast<sel_t>(offset + row));
      }
      for (size_t column = 0; column < types_.size(); ++column) {
        CopyVector(input.column(column), selection, take, target.column(column), target.size());
      }
    }
    target.SetSize(target.size() + take);
    offset += take;
    row_count_ += take;
  }
}

void ColumnDataCollection::Combine(ColumnDataCollection&& other) {
  for (DataChunk& chunk : other.chunks_) {
    chunk_starts_.push_back(row_count_);
    row_count_ += chunk.size();
    chunks_.push_back(std::move(chunk));
  }
  other.chunks_.clear();
  other.chunk_starts_.clear();
  other.row_count_ = 0;
}

Value ColumnDataCollection::GetValue(size_t column, size_t row) const {
  DQ_CHECK_LT(row, row_count_);
  auto found = std::upper_bound(chunk_starts_.begin(), chunk_starts_.end(), row);
  size_t chunk_index = static_cast<size_t>(found - chunk_starts_.begin()) - 1;
  return chunks_[chunk_index].GetValue(column, row - chunk_starts_[chunk_index]);
}

}  // namespace dq

namespace dq {

namespace {

template <typename T>
void GatherTyped(const ColumnDataCollection& collection, size_t column, const RowReference* refs,
                 size_t count, Vector& target) {
  T* out = target.Data<T>();
  for (size_t row = 0; row < count; ++row) {
    const Vector& source = collection.chunk(refs[row] >> 32).column(column);
    uint32_t index = static_cast<uint32_t>(refs[row]);
    if (!source.validity().RowIsValid(index)) {
      target.SetNull(row);
      continue;
    }
    out[row] = source.Data<T>()[index];
  }
}

}  // namespace

void GatherRows(const ColumnDataCollection& collection, size_t column, const RowReference* refs,
                size_t count, Vector& target) {
  const LogicalType& type = collection.types()[column];
  switch (type.id()) {
    case TypeId::kBool: GatherTyped<bool>(collection, column, refs, count, target); return;
    case TypeId::kDate: GatherTyped<int32_t>(collection, column, refs, count, target); return;
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: GatherTyped<int64_t>(collection, column, refs, count, target); return;
    case TypeId::kFloat64: GatherTyped<double>(collection, column, refs, count, target); return;
    case TypeId::kNumeric: GatherTyped<int128_t>(collection, column, refs, count, target); return;
    case TypeId::kInterval: GatherTyped<Interval>(collection, column, refs, count, target); return;
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: GatherTyped<StringView>(collection, column, refs, count, target); return;
    default:
      for (size_t row = 0; row < count; ++row) {
        target.SetValue(row, collection.chunk(refs[row] >> 32)
                                 .column(column)
                                 .GetValue(static_cast<uint32_t>(refs[row])));
      }
      return;
  }
}

}  // namespace dq
