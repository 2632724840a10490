// Warehouse: a directory holding a DeepQuery catalog and its tables, with atomic commits.
//
// Directory layout:
//   CURRENT                      "manifest-<version>\n": names the live manifest
//   manifest-<20-digit version>  the catalog at that commit (manifest.h)
//   data/<table id>/<id>.seg     segment files (segment_format.h), immutable
//   models/<model id>.onnx       imported model files (ModelEntry), immutable
//   LOCK                         flock'ed by the process that has the warehouse open
//
// Commit protocol (WriteTransaction::Commit). A crash at any instant leaves the last commit:
//   1. segment files are already complete and fsynced under their final names (RowGroupWriter);
//      fsync their directories so the names are durable;
//   2. write manifest-<v+1>.tmp, fsync, rename to manifest-<v+1>;
//   3. write CURRENT.tmp ("manifest-<v+1>"), fsync, rename over CURRENT, fsync the directory.
//   The commit point is the rename in step 3; then the new snapshot is published in memory.
// Open() reads CURRENT and its manifest (checksum verified), then deletes every file the
// manifest does not reference: *.tmp, other manifests, segment and model files of crashed or
// aborted transactions and of dropped/replaced tables and models.
//
// File lifetime: while a process has the warehouse open, no segment file referenced by any
// committed snapshot is deleted (dropped tables' files are collected at the next Open), so a
// reader holding an old snapshot can always read it. Abort deletes only the files its own
// transaction wrote, which no snapshot references.
//
// Thread-safety: Snapshot() and BeginWrite() may be called from any thread. One write
// transaction at a time: BeginWrite blocks until the previous one commits or aborts (so a
// thread must not hold a transaction while beginning another). A WriteTransaction is used by
// one thread, except that appenders it created may run on other threads.
// A WriteTransaction must not outlive its Warehouse.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/catalog_snapshot.h"
#include "common/status.h"
#include "storage/file_util.h"
#include "storage/table_appender.h"

namespace dq {

class WriteTransaction;

// Steps of the commit protocol, for crash-injection tests.
enum class CommitStep {
  kSegmentsSynced,  // after step 1
  kManifestWritten, // after step 2
  kCurrentSwitched, // after step 3 and publishing (committed)
};

class Warehouse {
 public:
  // Opens (or, with create_if_missing, creates) the warehouse in `dir`.
  // Errors: kIo "Warehouse <dir> is in use by another process" when another process (or
  // another Warehouse object) has it open; kIo when missing; kCorruption for a bad manifest.
  static Result<std::unique_ptr<Warehouse>> Open(const std::string& dir, bool create_if_missing);
  ~Warehouse();

  // The latest committed catalog. Thread-safe.
  std::shared_ptr<const CatalogSnapshot> Snapshot() const;
  // Starts the (single) write transaction, blocking while another is active.
  Result<std::unique_ptr<WriteTransaction>> BeginWrite();
  const std::string& directory() const { return directory_; }

  // Test hook called after each commit step; it may _exit() to simulate a crash, or return a
  // non-OK status to make Commit fail at that point.
  void SetCommitHookForTesting(std::function<Status(CommitStep)> hook) {
    commit_hook_ = std::move(hook);
  }

 private:
  friend class WriteTransaction;
  explicit Warehouse(std::string directory) : directory_(std::move(directory)) {}
  Status Load(bool create_if_missing);
  Status CollectGarbage();
  Status RunHook(CommitStep step) { return commit_hook_ ? commit_hook_(step) : Status::OK(); }
  void Publish(std::shared_ptr<const CatalogSnapshot> snapshot);

  std::string directory_;
  std::unique_ptr<FileLock> lock_;
  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const CatalogSnapshot> snapshot_;
  std::mutex writer_mutex_;  // held by the active WriteTransaction
  std::function<Status(CommitStep)> commit_hook_;
};

class WriteTransaction {
 public:
  ~WriteTransaction();  // aborts unless committed
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  // A private copy of the latest snapshot, edited by the statement(s) of this transaction.
  CatalogBuilder& catalog() { return builder_; }
  // The snapshot this transaction started from.
  const std::shared_ptr<const CatalogSnapshot>& base() const { return base_; }

  // An appender writing segment files for `table` (under data/<table.id>/); its files are
  // deleted if this transaction aborts. The appender may be used on another thread but must
  // be finished before Commit. REQUIRES: table.id is set (CatalogBuilder assigns one).
  std::unique_ptr<TableAppender> CreateAppender(const TableEntry& table);

  // Writes `contents` durably (tmp + fsync + rename) as models/<model_id>.onnx and returns that
  // relative path; the file is deleted if this transaction aborts. REQUIRES: model_id is
  // [0-9a-z] (CatalogBuilder / NewObjectId).
  Result<std::string> WriteModelFile(const std::string& model_id, std::string_view contents);

  // Makes the catalog edits durable and visible (protocol in the file comment). On failure
  // before the commit point the transaction is aborted (its files removed) and the previous
  // snapshot stays current. REQUIRES: not yet committed or aborted.
  Status Commit();
  // Discards the edits and removes the files written by this transaction. Idempotent.
  void Abort();

 private:
  friend class Warehouse;
  WriteTransaction(Warehouse* warehouse, std::unique_lock<std::mutex> lock,
                   std::shared_ptr<const CatalogSnapshot> base);
  Status CommitSteps(bool* committed_on_disk);

  Warehouse* warehouse_;
  std::unique_lock<std::mutex> writer_lock_;
  std::shared_ptr<const CatalogSnapshot> base_;
  CatalogBuilder builder_;
  std::shared_ptr<WrittenFiles> written_files_;
  bool finished_ = false;
};

}  // namespace dq
