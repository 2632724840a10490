// A scratch directory for a runner's temporary warehouse.
#pragma once

#include <string>

namespace deepquery::tools {

// A directory made with mkdtemp under $TMPDIR (or /tmp) named `<prefix>-XXXXXX`, deleted with
// its contents when the object is destroyed.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(const std::string& prefix = "deepquery-slt");
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  // Empty when the directory could not be created.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace deepquery::tools
