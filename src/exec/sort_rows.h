// Sorting materialized rows: ORDER BY and top-N share these helpers.
//
// GoogleSQL ordering: ASC puts NULLs first and DESC puts them last unless NULLS FIRST/LAST
// says otherwise (the binder fills `nulls_first` accordingly); FLOAT64 NaN sorts before all
// other values; the sort is stable.
#pragma once

#include <vector>

#include "exec/column_data_collection.h"

namespace dq {

struct SortKey {
  size_t column = 0;
  bool descending = false;
  bool nulls_first = true;
};

// Row references of `rows` in sorted order.
std::vector<RowReference> SortRowReferences(const ColumnDataCollection& rows,
                                            const std::vector<SortKey>& keys);
// A new collection holding rows refs[begin, end) of `rows`, in that order (strings copied).
ColumnDataCollection GatherCollection(const ColumnDataCollection& rows,
                                      const std::vector<RowReference>& refs, size_t begin,
                                      size_t end);

}  // namespace dq
