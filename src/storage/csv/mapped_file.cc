#include "storage/csv/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dq {

Result<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path) {
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    return Status::IoError("Cannot open " + path + ": " + std::strerror(errno));
  }
  struct stat info;
  if (::fstat(descriptor, &info) != 0) {
    int saved = errno;
    ::close(descriptor);
    return Status::IoError("Cannot stat " + path + ": " + std::strerror(saved));
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(descriptor);
    return Status::IoError("Cannot read " + path + ": it is a directory");
  }
  size_t size = static_cast<size_t>(info.st_size);
  const char* data = nullptr;
  if (size > 0) {
    void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
    if (mapping == MAP_FAILED) {
      int saved = errno;
      ::close(descriptor);
      return Status::IoError("Cannot map " + path + ": " + std::strerror(saved));
    }
    ::madvise(mapping, size, MADV_SEQUENTIAL);
    data = static_cast<const char*>(mapping);
  }
  ::close(descriptor);  // the mapping stays valid
  return std::unique_ptr<MappedFile>(new MappedFile(data, size));
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

}  // namespace dq
