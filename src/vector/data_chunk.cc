#include "vector/data_chunk.h"

#include <algorithm>

#include "common/error.h"

namespace dq {

void DataChunk::Initialize(const std::vector<LogicalType>& types, size_t capacity) {
  columns_.clear();
  columns_.reserve(types.size());
  for (const LogicalType& type : types) columns_.emplace_back(type, capacity);
  capacity_ = capacity;
  size_ = 0;
}

void DataChunk::Reset() {
  for (Vector& column : columns_) column.Reset(capacity_);
  size_ = 0;
}

std::vector<LogicalType> DataChunk::types() const {
  std::vector<LogicalType> result;
  result.reserve(columns_.size());
  for (const Vector& column : columns_) result.push_back(column.type());
  return result;
}

DataChunk DataChunk::ViewOf(const DataChunk& source) {
  DataChunk view;
  view.capacity_ = source.capacity_;
  for (const Vector& column : source.columns_) view.AddColumn(column);
  view.size_ = source.size_;
  return view;
}

DataChunk DataChunk::SlicedView(const DataChunk& source, const SelectionVector& selection,
                                size_t count) {
  DataChunk view = ViewOf(source);
  view.Slice(selection, count);
  return view;
}

void DataChunk::Slice(const SelectionVector& selection, size_t count) {
  for (Vector& column : columns_) column.Slice(selection, count);
  size_ = count;
}

void DataChunk::Reference(const DataChunk& other) {
  DQ_CHECK_EQ(other.column_count(), column_count());
  for (size_t index = 0; index < columns_.size(); ++index) {
    columns_[index].Reference(other.columns_[index]);
  }
  size_ = other.size_;
}

void DataChunk::Flatten() {
  for (Vector& column : columns_) column.Flatten(size_);
}

void DataChunk::Append(const DataChunk& other) {
  DQ_CHECK_EQ(other.column_count(), column_count());
  if (other.size() == 0) return;
  size_t needed = size_ + other.size();
  if (needed > capacity_) capacity_ = std::max(needed, capacity_ * 2);
  for (size_t index = 0; index < columns_.size(); ++index) {
    Vector& column = columns_[index];
    column.Flatten(size_);
    column.Resize(size_, capacity_);
    CopyVector(other.columns_[index], other.size(), column, size_);
  }
  size_ = needed;
}

std::string DataChunk::ToString() const {
  std::string out;
  for (size_t row = 0; row < size_; ++row) {
    for (size_t index = 0; index < columns_.size(); ++index) {
      if (index > 0) out += " | ";
      out += GetValue(index, row).ToString();
    }
    out += "\n";
  }
  return out;
}

}  // namespace dq
