// RowGroupWriter: encodes one row group into a durable segment file (format: segment_format.h).
//
// The file is built in memory, written to `<file>.tmp`, fsynced and renamed to its final name,
// so a segment file that exists under its final name is always complete. Making the rename
// itself durable (fsync of the directory) is the committer's job (WriteTransaction::Commit).
// Thread-safety: static functions, safe to call concurrently for different files.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_entries.h"
#include "common/status.h"
#include "vector/data_chunk.h"

namespace dq {

class RowGroupWriter {
 public:
  // Writes the rows of `chunks` (any vector kinds; together at most kRowGroupRows rows, each
  // with one column per definition) to `warehouse_dir/relative_file`, creating directories.
  static Result<RowGroupMeta> Write(const std::string& warehouse_dir,
                                    const std::string& relative_file,
                                    const std::vector<ColumnDefinition>& columns,
                                    const std::vector<const DataChunk*>& chunks);
  // Same, from flat column vectors each holding `row_count` rows.
  // REQUIRES: data.size() == columns.size(), every vector flat with capacity >= row_count.
  static Result<RowGroupMeta> WriteColumns(const std::string& warehouse_dir,
                                           const std::string& relative_file,
                                           const std::vector<ColumnDefinition>& columns,
                                           const std::vector<Vector>& data, size_t row_count);
};

}  // namespace dq
