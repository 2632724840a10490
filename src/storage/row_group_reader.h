// RowGroupReader: reads columns of one segment file (format: segment_format.h).
//
// Open reads and verifies only the tail and footer. A column chunk is read (pread), checksum-
// verified, decompressed and decoded on the first ReadColumn of that column, then kept decoded
// so consecutive range reads only copy; columns never asked for are never read.
// Thread-safety: ReadColumn and VerifyAllColumns may run on several threads at once (the
// morsels of one row group that a scan splits across threads share a reader, so each column
// chunk is decoded once): a column is loaded under a mutex, the first thread to need it
// decoding it while the others wait, and is read-only afterwards. The reader keeps its file
// open, so the file stays readable even if it is unlinked meanwhile.
#pragma once

#include <memory>
#include <mutex>
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
  // Loads `column` unless loaded (takes load_mutex_); then decoded_[column] is set.
  Status EnsureLoaded(size_t column);
  Status LoadColumn(size_t column);  // REQUIRES: load_mutex_ held
  Status ChunkCorruption(size_t column, const std::string& what) const;

  std::string relative_file_;
  std::unique_ptr<RandomAccessFile> file_;
  std::vector<LogicalType> types_;
  SegmentFooter footer_;
  std::mutex load_mutex_;                         // guards the loading of decoded_ entries
  std::vector<std::unique_ptr<Vector>> decoded_;  // per column, null until first read
};

}  // namespace dq
