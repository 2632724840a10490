#include "slt_options.h"

#include <algorithm>
#include <charconv>
#include <filesystem>

namespace deepquery::tools {
namespace {

bool ParseCount(const std::string& text, int minimum, int* value) {
  const char* end = text.data() + text.size();
  auto [position, error] = std::from_chars(text.data(), end, *value);
  return error == std::errc() && position == end && *value >= minimum;
}

}  // namespace

std::string SltUsage() {
  return "Usage: sqllogictest [options] PATH...\n"
         "Runs sqllogictest scripts (PATH: a .test file or a directory searched recursively\n"
         "for *.test), each against a fresh temporary warehouse.\n"
         "\n"
         "Options:\n"
         "  --threads N             engine worker threads per warehouse (default: all cores)\n"
         "  --jobs N                run N files at the same time (default 1)\n"
         "  --verbose               report every record\n"
         "  --stop-on-fail          stop at the first failure\n"
         "  --engine-name NAME      name matched by skipif/onlyif (default googlesql)\n"
         "  --integer-division      INT64 / INT64 is integer division\n"
         "  --sqlite                SQLite compatibility for the SQLite corpus: integer division\n"
         "                          and unparenthesized mixed UNION/INTERSECT/EXCEPT chains\n"
         "  --max-failures-shown N  failure details shown per file (default 10)\n"
         "  --summary-only          print only the per-file and total counts\n"
         "  --complete              rewrite each file's expected results with the actual ones\n"
         "  -h, --help              show this help\n"
         "\n"
         "Prints `FILE: N passed, M failed, K skipped` per file and `N passed, M failed` last;\n"
         "exits 0 iff nothing failed.\n";
}

bool ParseSltOptions(const std::vector<std::string>& arguments, SltProgramOptions* options,
                     std::string* error) {
  for (size_t index = 0; index < arguments.size(); ++index) {
    const std::string& argument = arguments[index];
    auto next_value = [&](std::string* value) {
      if (index + 1 >= arguments.size()) {
        *error = argument + " needs a value";
        return false;
      }
      *value = arguments[++index];
      return true;
    };
    std::string value;
    if (argument == "-h" || argument == "--help") {
      options->help = true;
      return true;
    } else if (argument == "--verbose") {
      options->run.verbose = true;
    } else if (argument == "--stop-on-fail") {
      options->run.stop_on_fail = true;
    } else if (argument == "--integer-division") {
      options->run.integer_division = true;
    } else if (argument == "--sqlite") {
      options->run.sqlite_compatibility = true;
    } else if (argument == "--summary-only") {
      options->summary_only = true;
    } else if (argument == "--complete") {
      options->run.complete = true;
    } else if (argument == "--engine-name") {
      if (!next_value(&options->run.engine_name)) return false;
    } else if (argument == "--threads" || argument == "--jobs" ||
               argument == "--max-failures-shown") {
      if (!next_value(&value)) return false;
      int count = 0;
      if (!ParseCount(value, argument == "--jobs" ? 1 : 0, &count)) {
        *error = "bad value for " + argument + ": " + value;
        return false;
      }
      if (argument == "--threads") options->threads = count;
      if (argument == "--jobs") options->jobs = count;
      if (argument == "--max-failures-shown") options->run.max_failures_shown = count;
    } else if (argument.size() > 1 && argument[0] == '-') {
      *error = "unknown option: " + argument;
      return false;
    } else {
      options->paths.push_back(argument);
    }
  }
  if (options->paths.empty()) {
    *error = "no test file or directory given";
    return false;
  }
  return true;
}

bool CollectSltFiles(const std::vector<std::string>& paths, std::vector<std::string>* files,
                     std::string* error) {
  namespace fs = std::filesystem;
  for (const std::string& path : paths) {
    std::error_code code;
    if (fs::is_directory(path, code)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, code)) {
        if (entry.is_regular_file() && entry.path().extension() == ".test") {
          found.push_back(entry.path().string());
        }
      }
      std::sort(found.begin(), found.end());
      files->insert(files->end(), found.begin(), found.end());
    } else if (fs::exists(path, code)) {
      files->push_back(path);
    } else {
      *error = "no such file or directory: " + path;
      return false;
    }
  }
  return true;
}

}  // namespace deepquery::tools
