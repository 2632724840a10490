// RowGroupReader: reads columns of one segment file (format: segment_format.h).
//
// Open reads and verifies only the tail and footer. A column chunk is read (pread), checksum-
// verified, decompressed and decoded on the first ReadColumn of that column, then kept decoded
// so consecutive range reads only copy; columns never asked for are never read.
// Thread-safety: thread-compatible. One thread at a time per reader; readers of different (or
// the same) files are independent. The reader keeps its file open, so the file stays readable
// even if it is unlinked meanwhile.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_entries.h"
#include "common/status.h"
#include "storage/file_util.h"
#include "storage/segment_format.h"
#include "vector/vector.h"

namespace dq {

class RowGroupReader {
 public:
  // `types` are the table's column types (checked against the file); `meta.row_count` must
  // match the file. Errors: kIo (missing file), kCorruption (bad magic, checksum, mismatch).
  static Result<std::unique_ptr<RowGroupReader>> Open(const std::string& warehouse_dir,
                                                      const RowGroupMeta& meta,
                                                      const std::vector<LogicalType>& types);

  uint64_t row_count() const { return footer_.row_count; }
  size_t column_count() const { return types_.size(); }

  // Fills rows [0, count) of `out` with rows [row_start, row_start + count) of `column`.
  // REQUIRES: out flat and writable (e.g. after DataChunk::Reset), capacity >= count, of the
  // column's type; row_start + count <= row_count(). Long strings in `out` point into this
  // reader's decoded column, kept alive by `out` (so `out` may outlive the reader).
  // Errors: kCorruption naming the file and column, kIo.
  Status ReadColumn(size_t column, uint64_t row_start, size_t count, Vector& out);

  // Footer entry of a column: encoding, compression, sizes, stats (EXPLAIN, tests).
  const ColumnChunkMeta& column_meta(size_t column) const { return footer_.columns[column]; }
  // Reads and verifies every column chunk (used by tests and integrity checks).
  Status VerifyAllColumns();

 private:
  RowGroupReader() = default;
  Status LoadColumn(size_t column);
  Status ChunkCorruption(size_t column, const std::string& what) const;

  std::string relative_file_;
  std::unique_ptr<RandomAccessFile> file_;
  std::vector<LogicalType> types_;
  SegmentFooter footer_;
  std::vector<std::unique_ptr<Vector>> decoded_;  // per column, null until first read
};

}  // namespace dq
