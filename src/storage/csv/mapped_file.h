// MappedFile: a read-only memory map of a whole file, for parsers that scan it in parallel.
//
// Ownership: the mapping lives as long as the object. Thread-safety: data() may be read from
// any number of threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "common/status.h"

namespace dq {

class MappedFile {
 public:
  // Maps `path` (an empty file maps to size 0). kIo error when it cannot be opened or mapped.
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_;
  size_t size_;
};

}  // namespace dq
