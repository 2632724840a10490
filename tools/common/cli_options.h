// Command-line options of the `deepquery` shell:
//
//   deepquery [options] [WAREHOUSE]
//
// WAREHOUSE defaults to $DEEPQUERY_HOME, else ./warehouse; it is created when absent.
// `-c SQL` runs SQL and exits, `-f FILE` runs a script and exits (both may be repeated and
// run in order); without them, statements are read from stdin when it is not a terminal,
// else the interactive shell starts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace deepquery::tools {

enum class OutputFormat { kTable, kCsv, kJson };

struct CliOptions {
  std::string warehouse;
  // What to run, in order: SQL text from -c or a script path from -f.
  struct Input {
    bool is_file = false;
    std::string text;  // the SQL, or the path
  };
  std::vector<Input> inputs;
  OutputFormat format = OutputFormat::kTable;
  int threads = 0;          // 0: one per core
  bool timing = true;       // print elapsed time after each statement
  bool keep_going = false;  // in -c/-f/stdin mode, run the rest after a failed statement
  size_t max_rows = 40;     // rows shown in table format
  bool help = false;
  bool version = false;
};

std::string CliUsage();

// Parses argv[1..]; `deepquery_home` is $DEEPQUERY_HOME or null. Returns false and sets
// `error` on a bad option.
bool ParseCliOptions(const std::vector<std::string>& arguments, const char* deepquery_home,
                     CliOptions* options, std::string* error);

}  // namespace deepquery::tools
