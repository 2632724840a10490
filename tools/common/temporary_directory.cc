#include "temporary_directory.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace deepquery::tools {

TemporaryDirectory::TemporaryDirectory(const std::string& prefix) {
  const char* temporary_root = std::getenv("TMPDIR");
  std::string pattern =
      std::string(temporary_root != nullptr && *temporary_root != '\0' ? temporary_root : "/tmp") +
      "/" + prefix + "-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) != nullptr) path_ = buffer.data();
}

TemporaryDirectory::~TemporaryDirectory() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace deepquery::tools
