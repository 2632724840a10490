// Expansion of LOAD DATA `uris` into the list of files to read.
//
// A URI is a local path, optionally prefixed with "file://", that may contain glob wildcards
// (*, ?, [...]) in any component: "data/sales_*.csv", "data/*/part-*.csv". Relative paths are
// resolved against `base_directory`. Directories are never matched.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace dq {

// Returns the matching files in the form the URIs were written (relative stays relative), each
// URI's matches sorted by byte order, URIs in the given order, duplicates removed.
// A URI that matches no file fails with kInvalidInput "Not found: no files match <uri>".
Result<std::vector<std::string>> ExpandCsvUris(const std::vector<std::string>& uris,
                                               const std::string& base_directory);

}  // namespace dq
