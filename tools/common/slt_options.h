// Command-line options of the sqllogictest program, and the list of files it runs.
#pragma once

#include <string>
#include <vector>

#include "slt_file_runner.h"

namespace deepquery::tools {

struct SltProgramOptions {
  SltRunOptions run;
  int threads = 0;            // engine worker threads per database (0: one per core)
  int jobs = 1;               // test files run at the same time, each on its own database
  bool summary_only = false;  // no failure details, only the count lines
  bool help = false;
  std::vector<std::string> paths;
};

// The usage text printed by --help.
std::string SltUsage();

// Parses argv[1..]. Returns false and sets `error` on a bad option or a missing path.
bool ParseSltOptions(const std::vector<std::string>& arguments, SltProgramOptions* options,
                     std::string* error);

// The files to run for `paths`: a file is taken as is; a directory gives all *.test files
// below it, recursively. Files from each directory are sorted by path. Sets `error` and
// returns false when a path does not exist.
bool CollectSltFiles(const std::vector<std::string>& paths, std::vector<std::string>* files,
                     std::string* error);

}  // namespace deepquery::tools
