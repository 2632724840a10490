// DataChunk: a batch of up to kBatchSize rows as one Vector per column; the unit that flows
// through pipelines. A chunk reused across batches is Reset() before it is written again.
#pragma once

#include <string>
#include <vector>

#include "vector/vector.h"

namespace dq {

class DataChunk {
 public:
  DataChunk() = default;
  explicit DataChunk(const std::vector<LogicalType>& types, size_t capacity = kBatchSize) {
    Initialize(types, capacity);
  }

  // Creates one flat vector per type; size becomes 0.
  void Initialize(const std::vector<LogicalType>& types, size_t capacity = kBatchSize);
  // Gives every column fresh flat storage (dropping references) and sets size to 0.
  void Reset();

  size_t size() const { return size_; }
  void SetSize(size_t size) { size_ = size; }
  size_t capacity() const { return capacity_; }
  size_t column_count() const { return columns_.size(); }
  Vector& column(size_t index) { return columns_[index]; }
  const Vector& column(size_t index) const { return columns_[index]; }
  std::vector<Vector>& columns() { return columns_; }
  const std::vector<Vector>& columns() const { return columns_; }
  std::vector<LogicalType> types() const;

  // A chunk whose columns reference those of `source` (no copy).
  static DataChunk ViewOf(const DataChunk& source);
  // A chunk of dictionary views selecting `count` rows of `source` (no copy).
  static DataChunk SlicedView(const DataChunk& source, const SelectionVector& selection,
                              size_t count);
  // Appends `column` (referenced, not copied) as the last column.
  void AddColumn(const Vector& column) {
    Vector view;
    view.Reference(column);
    columns_.push_back(std::move(view));
  }
  void AddColumn(Vector&& column) { columns_.push_back(std::move(column)); }

  // Makes every column a dictionary selecting `count` rows.
  void Slice(const SelectionVector& selection, size_t count);
  // Makes every column a reference to the same column of `other` (same size).
  void Reference(const DataChunk& other);
  // Materializes every column as a flat vector.
  void Flatten();
  // Appends all rows of `other` (same types); grows capacity if needed.
  void Append(const DataChunk& other);

  Value GetValue(size_t column, size_t row) const { return columns_[column].GetValue(row); }
  void SetValue(size_t column, size_t row, const Value& value) {
    columns_[column].SetValue(row, value);
  }
  std::string ToString() const;

 private:
  std::vector<Vector> columns_;
  size_t size_ = 0;
  size_t capacity_ = kBatchSize;
};

}  // namespace dq
