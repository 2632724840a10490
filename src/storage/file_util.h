// Small POSIX file helpers for the storage layer. Every failure is a Status (kind kIo, with the
// path and the system error text), never an abort.
//
// Durability: WriteFileDurably writes `<path>.tmp`, fsyncs it and renames it over `path`, so a
// reader sees either the old file or the complete new one. The rename itself becomes durable
// only after SyncDirectory on the containing directory.
// Thread-safety: free functions are thread-safe; a RandomAccessFile may be read by one thread
// at a time (pread has no shared offset, but the class makes no promise beyond that).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace dq {

// Suffix of files being written; such files are never referenced and are removed at Open.
inline constexpr std::string_view kTempSuffix = ".tmp";

Status WriteFileDurably(const std::string& path, std::string_view contents);
Status SyncDirectory(const std::string& directory);
Result<std::string> ReadWholeFile(const std::string& path);
// mkdir -p.
Status CreateDirectories(const std::string& path);
bool PathExists(const std::string& path);
// Names (not paths) of the entries of `directory`, without "." and "..".
Result<std::vector<std::string>> ListDirectory(const std::string& directory);
Status RemoveFile(const std::string& path);

// A read-only file read with pread.
class RandomAccessFile {
 public:
  static Result<std::unique_ptr<RandomAccessFile>> Open(const std::string& path);
  ~RandomAccessFile();
  RandomAccessFile(const RandomAccessFile&) = delete;
  RandomAccessFile& operator=(const RandomAccessFile&) = delete;

  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }
  // Reads exactly `length` bytes at `offset` into *out (a short file is kCorruption).
  Status Read(uint64_t offset, uint64_t length, std::string* out) const;

 private:
  RandomAccessFile(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  std::string path_;
  int fd_;
  uint64_t size_;
};

// An exclusive advisory lock (flock) on a file, held until destruction. Another process, or
// another open of the same file in this process, fails to acquire it.
class FileLock {
 public:
  // Returns nullptr inside an OK result when the lock is held by someone else.
  static Result<std::unique_ptr<FileLock>> TryAcquire(const std::string& path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace dq
