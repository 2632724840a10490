#include "exec/sort_rows.h"

#include <algorithm>

#include "exec/row_operations.h"

namespace dq {

std::vector<RowReference> SortRowReferences(const ColumnDataCollection& rows,
                                            const std::vector<SortKey>& keys) {
  std::vector<RowReference> refs;
  refs.reserve(rows.row_count());
  for (size_t chunk = 0; chunk < rows.chunk_count(); ++chunk) {
    for (size_t row = 0; row < rows.chunk(chunk).size(); ++row) {
      refs.push_back(MakeRowReference(chunk, row));
    }
  }
  // Views of every key column of every chunk.
  std::vector<std::vector<UnifiedVector>> views(keys.size());
  for (size_t key = 0; key < keys.size(); ++key) {
    views[key].resize(rows.chunk_count());
    for (size_t chunk = 0; chunk < rows.chunk_count(); ++chunk) {
      const DataChunk& data = rows.chunk(chunk);
      data.column(keys[key].column).ToUnified(data.size(), views[key][chunk]);
    }
  }
  const std::vector<LogicalType>& types = rows.types();
  std::stable_sort(refs.begin(), refs.end(), [&](RowReference left, RowReference right) {
    size_t left_chunk = left >> 32;
    size_t right_chunk = right >> 32;
    sel_t left_row = static_cast<sel_t>(left);
    sel_t right_row = static_cast<sel_t>(right);
    for (size_t key = 0; key < keys.size(); ++key) {
      const UnifiedVector& left_view = views[key][left_chunk];
      const UnifiedVector& right_view = views[key][right_chunk];
      sel_t left_index = left_view.index(left_row);
      sel_t right_index = right_view.index(right_row);
      bool left_valid = left_view.validity->RowIsValid(left_index);
      bool right_valid = right_view.validity->RowIsValid(right_index);
      if (!left_valid || !right_valid) {
        if (left_valid == right_valid) continue;
        // Exactly one NULL.
        return keys[key].nulls_first ? !left_valid : left_valid;
      }
      int comparison = CompareValues(types[keys[key].column], left_view, left_index, right_view,
                                     right_index);
      if (comparison != 0) return keys[key].descending ? comparison > 0 : comparison < 0;
    }
    return false;
  });
  return refs;
}

ColumnDataCollection GatherCollection(const ColumnDataCollection& rows,
                                      const std::vector<RowReference>& refs, size_t begin,
                                      size_t end) {
  ColumnDataCollection result(rows.types());
  end = std::min(end, refs.size());
  for (size_t start = begin; start < end; start += kBatchSize) {
    size_t count = std::min(kBatchSize, end - start);
    DataChunk chunk(rows.types(), count);
    for (size_t column = 0; column < rows.types().size(); ++column) {
      GatherRows(rows, column, refs.data() + start, count, chunk.column(column));
    }
    chunk.SetSize(count);
    result.Append(chunk);  // copies strings out of `rows`
  }
  return result;
}

}  // namespace dq
