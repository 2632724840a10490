#include "storage/csv/csv_uri_expander.h"

#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "storage/csv/csv_options.h"

namespace dq {

namespace {

std::string StripScheme(const std::string& uri) {
  static const std::string kScheme = "file://";
  return uri.compare(0, kScheme.size(), kScheme) == 0 ? uri.substr(kScheme.size()) : uri;
}

bool IsRegularFile(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

}  // namespace

Result<std::vector<std::string>> ExpandCsvUris(const std::vector<std::string>& uris,
                                               const std::string& base_directory) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const std::string& uri : uris) {
    std::string pattern = StripScheme(uri);
    std::string resolved = ResolveCsvPath(base_directory, pattern);
    // The prefix glob adds in front of every match; stripped so results read like the URI.
    size_t prefix_length = resolved.size() - pattern.size();
    std::vector<std::string> matches;
    glob_t found{};
    int code = ::glob(resolved.c_str(), GLOB_NOSORT, nullptr, &found);
    if (code == 0) {
      for (size_t index = 0; index < found.gl_pathc; ++index) {
        std::string path = found.gl_pathv[index];
        if (IsRegularFile(path)) matches.push_back(path.substr(prefix_length));
      }
    }
    ::globfree(&found);
    if (code != 0 && code != GLOB_NOMATCH) {
      return Status::IoError("Cannot list files for " + uri);
    }
    if (matches.empty()) {
      return Status::InvalidInput("Not found: no files match " + uri);
    }
    std::sort(matches.begin(), matches.end());
    for (std::string& match : matches) {
      if (seen.insert(match).second) files.push_back(std::move(match));
    }
  }
  return files;
}

}  // namespace dq
