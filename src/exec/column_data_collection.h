// ColumnDataCollection: an append-only, in-memory list of rows stored as owned, flat
// DataChunks of up to kBatchSize rows. Used wherever an operator materializes rows (query
// results, sort and join inputs, VALUES).
//
// Thread-compatibility: one writer at a time; concurrent readers of a collection no longer
// written are safe.
#pragma once

#include <vector>

#include "vector/data_chunk.h"

namespace dq {

class ColumnDataCollection {
 public:
  ColumnDataCollection() = default;
  explicit ColumnDataCollection(std::vector<LogicalType> types) : types_(std::move(types)) {}

  const std::vector<LogicalType>& types() const { return types_; }
  size_t row_count() const { return row_count_; }
  size_t chunk_count() const { return chunks_.size(); }
  const DataChunk& chunk(size_t index) const { return chunks_[index]; }
  DataChunk& chunk(size_t index) { return chunks_[index]; }

  // Copies the rows of `input` (any vector kinds) into owned storage.
  void Append(const DataChunk& input);
  // Moves all chunks of `other` (same types) to the end of this collection.
  void Combine(ColumnDataCollection&& other);

  // Global row -> (chunk, row in chunk). Rows are numbered in append order.
  Value GetValue(size_t column, size_t row) const;

 private:
  std::vector<LogicalType> types_;
  std::vector<DataChunk> chunks_;
  std::vector<size_t> chunk_starts_;
  size_t row_count_ = 0;
};

}  // namespace dq

namespace dq {

// A reference to one row of a ColumnDataCollection: chunk index in the high 32 bits, row in
// the chunk in the low 32 bits.
using RowReference = uint64_t;
inline RowReference MakeRowReference(size_t chunk, size_t row) {
  return (static_cast<uint64_t>(chunk) << 32) | row;
}

// Writes rows refs[i] of `column` of `collection` into rows [0, count) of flat `target`.
// Strings are not copied: `target` points into the collection, which must outlive it.
void GatherRows(const ColumnDataCollection& collection, size_t column, const RowReference* refs,
                size_t count, Vector& target);

}  // namespace dq
