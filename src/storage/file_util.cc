#include "storage/file_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dq {

namespace {

Status IoFailure(const std::string& what, const std::string& path) {
  return Status::IoError("IO error: " + what + " " + path + ": " + std::strerror(errno));
}

Status WriteAll(int fd, std::string_view contents, const std::string& path) {
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t result = ::write(fd, contents.data() + written, contents.size() - written);
    if (result < 0) {
      if (errno == EINTR) continue;
      return IoFailure("cannot write", path);
    }
    written += static_cast<size_t>(result);
  }
  return Status::OK();
}

}  // namespace

Status WriteFileDurably(const std::string& path, std::string_view contents) {
  std::string temp_path = path + std::string(kTempSuffix);
  int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoFailure("cannot create", temp_path);
  Status status = WriteAll(fd, contents, temp_path);
  if (status.ok() && ::fsync(fd) != 0) status = IoFailure("cannot fsync", temp_path);
  if (::close(fd) != 0 && status.ok()) status = IoFailure("cannot close", temp_path);
  if (status.ok() && ::rename(temp_path.c_str(), path.c_str()) != 0) {
    status = IoFailure("cannot rename to " + path, temp_path);
  }
  if (!status.ok()) ::unlink(temp_path.c_str());
  return status;
}

Status SyncDirectory(const std::string& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoFailure("cannot open directory", directory);
  Status status;
  if (::fsync(fd) != 0) status = IoFailure("cannot fsync directory", directory);
  ::close(fd);
  return status;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  DQ_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, RandomAccessFile::Open(path));
  std::string contents;
  DQ_RETURN_IF_ERROR(file->Read(0, file->size(), &contents));
  return contents;
}

Status CreateDirectories(const std::string& path) {
  if (path.empty()) return Status::OK();
  size_t position = 0;
  while (position != std::string::npos) {
    position = path.find('/', position + 1);
    std::string prefix = path.substr(0, position);
    if (prefix.empty()) continue;
    if (::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) {
      return IoFailure("cannot create directory", prefix);
    }
  }
  return Status::OK();
}

bool PathExists(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}

Result<std::vector<std::string>> ListDirectory(const std::string& directory) {
  DIR* handle = ::opendir(directory.c_str());
  if (handle == nullptr) return IoFailure("cannot list directory", directory);
  std::vector<std::string> names;
  while (struct dirent* entry = ::readdir(handle)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  ::closedir(handle);
  return names;
}

Status RemoveFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return IoFailure("cannot remove", path);
  return Status::OK();
}

Result<std::unique_ptr<RandomAccessFile>> RandomAccessFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoFailure("cannot open", path);
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    Status status = IoFailure("cannot stat", path);
    ::close(fd);
    return status;
  }
  return std::unique_ptr<RandomAccessFile>(
      new RandomAccessFile(path, fd, static_cast<uint64_t>(info.st_size)));
}

RandomAccessFile::~RandomAccessFile() { ::close(fd_); }

Status RandomAccessFile::Read(uint64_t offset, uint64_t length, std::string* out) const {
  if (offset > size_ || length > size_ - offset) {
    return Status::Corruption("Corruption: " + path_ + " is truncated (wanted bytes " +
                              std::to_string(offset) + "+" + std::to_string(length) + " of " +
                              std::to_string(size_) + ")");
  }
  out->resize(length);
  uint64_t done = 0;
  while (done < length) {
    ssize_t result = ::pread(fd_, out->data() + done, length - done, offset + done);
    if (result < 0) {
      if (errno == EINTR) continue;
      return IoFailure("cannot read", path_);
    }
    if (result == 0) return Status::Corruption("Corruption: " + path_ + " is truncated");
    done += static_cast<uint64_t>(result);
  }
  return Status::OK();
}

Result<std::unique_ptr<FileLock>> FileLock::TryAcquire(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoFailure("cannot open lock file", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) return std::unique_ptr<FileLock>();
    errno = error;
    return IoFailure("cannot lock", path);
  }
  return std::unique_ptr<FileLock>(new FileLock(fd));
}

FileLock::~FileLock() {
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace dq
