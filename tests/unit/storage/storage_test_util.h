// Helpers shared by the storage tests: temporary directories and chunks built from Values.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/catalog_entries.h"
#include "vector/data_chunk.h"

namespace dq::testing {

// A fresh directory under TMPDIR, removed with everything in it on destruction.
class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "dq-storage-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::vector<LogicalType> TypesOf(const std::vector<ColumnDefinition>& columns) {
  std::vector<LogicalType> types;
  for (const ColumnDefinition& column : columns) types.push_back(column.type);
  return types;
}

// Gives ARRAY vectors (recursively) fresh, zeroed element storage of `capacity` rows, so that
// Vector::Resize never runs while the chunk is filled. Works around a vector-module issue:
// Resize leaves new STRING slots uninitialized, and CopyVector reads the views of NULL rows.
inline void PresizeArrays(Vector& vector, size_t capacity) {
  if (vector.type().id() == TypeId::kArray) {
    vector.array_child() = Vector(vector.type().element_type(), capacity);
    PresizeArrays(vector.array_child(), capacity * 4);
  } else if (vector.type().id() == TypeId::kStruct) {
    for (Vector& child : vector.struct_children()) PresizeArrays(child, capacity);
  }
}

// A chunk of `rows[r][c]` values.
inline DataChunk MakeChunk(const std::vector<LogicalType>& types,
                           const std::vector<std::vector<Value>>& rows) {
  DataChunk chunk(types, std::max<size_t>(rows.size(), 1));
  for (Vector& column : chunk.columns()) PresizeArrays(column, std::max<size_t>(rows.size(), 1) * 4);
  for (size_t row = 0; row < rows.size(); ++row) {
    for (size_t column = 0; column < types.size(); ++column) {
      chunk.SetValue(column, row, rows[row][column]);
    }
  }
  chunk.SetSize(rows.size());
  return chunk;
}

}  // namespace dq::testing
