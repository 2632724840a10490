// TableAppender: buffers rows appended to one table and writes them as segment files of
// kRowGroupRows rows, or fewer once the buffered array elements and string bytes reach
// kRowGroupBytes (the last one shorter, written by Finish).
//
// Appenders write files but change no catalog: the caller adds the returned RowGroupMeta to a
// TableEntry (TableEntry::AddRowGroups) and puts it into its transaction's catalog. Several
// appenders may work on the same table in parallel (one per thread, each with its own files);
// concatenating their Finish() results is a valid row-group list for the table.
// Every file written is recorded in the shared WrittenFiles list so an aborted transaction
// can delete it.
// Thread-safety: thread-compatible (one thread at a time per appender); WrittenFiles is
// thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/catalog_entries.h"
#include "common/status.h"
#include "vector/data_chunk.h"

namespace dq {

// Relative paths of files written for one transaction. Thread-safe.
class WrittenFiles {
 public:
  void Add(const std::string& relative_file) {
    std::lock_guard<std::mutex> lock(mutex_);
    files_.push_back(relative_file);
  }
  std::vector<std::string> Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::move(files_);
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> files_;
};

class TableAppender {
 public:
  // Files go to `warehouse_dir/relative_directory/<random id>.seg`. `written_files` may be null.
  TableAppender(std::string warehouse_dir, std::string relative_directory,
                std::vector<ColumnDefinition> columns,
                std::shared_ptr<WrittenFiles> written_files);

  // Appends all rows of `chunk` (any vector kinds). REQUIRES: chunk has the table's columns
  // and types (else kInternal). A NULL in a NOT NULL column fails with kInvalidInput
  // "Required field <column> cannot be NULL" and appends nothing. An I/O failure while
  // writing a full row group leaves the appender unusable (abort the transaction).
  Status Append(const DataChunk& chunk);
  // Writes the buffered rows and returns every row group written, in append order.
  // REQUIRES: called once; no Append afterwards.
  Result<std::vector<RowGroupMeta>> Finish();

  uint64_t rows_appended() const { return rows_appended_; }

 private:
  Status FlushBuffer();

  std::string warehouse_dir_;
  std::string relative_directory_;
  std::vector<ColumnDefinition> columns_;
  std::shared_ptr<WrittenFiles> written_files_;
  std::vector<Vector> buffer_;  // one flat vector of kRowGroupRows rows per column
  size_t buffered_rows_ = 0;
  uint64_t buffered_bytes_ = 0;  // array elements and string bytes of the buffered rows
  uint64_t rows_appended_ = 0;
  std::vector<RowGroupMeta> row_groups_;
};

}  // namespace dq
