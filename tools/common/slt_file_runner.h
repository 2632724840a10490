// Runs the records of one sqllogictest script against an SltExecutor and tallies the results.
// Engine-independent: the sqllogictest program adapts a deepquery::Connection to SltExecutor,
// and unit tests use a fake.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "slt_parser.h"
#include "slt_value.h"

namespace deepquery::tools {

// The outcome of one SQL text, with values already taken out of the engine's result.
struct SltOutcome {
  bool ok = true;
  std::string error_message;
  size_t column_count = 0;
  std::vector<SltValue> values;  // row-major
};

// Executes SQL for one script. Used by one thread at a time.
class SltExecutor {
 public:
  virtual ~SltExecutor() = default;
  virtual SltOutcome Execute(const std::string& sql) = 0;
  virtual void SetSetting(const std::string& name, const std::string& value) = 0;
};

struct SltRunOptions {
  std::string engine_name = "googlesql";
  bool stop_on_fail = false;       // stop the script at its first failure
  bool verbose = false;            // report every record as it runs
  size_t max_failures_shown = 10;  // per script; further failures are only counted
  bool complete = false;           // collect actual results to rewrite the script
  bool integer_division = false;
  bool sqlite_compatibility = false;  // --sqlite: Connection setting sqlite_compatibility
};

struct SltFileSummary {
  size_t passed = 0;
  size_t failed = 0;
  size_t skipped = 0;
  // Failure reports (and progress lines when verbose), ready to print.
  std::string report;
  // With `complete`: the script text with every query's expected results replaced by the
  // actual ones. Empty otherwise.
  std::string completed_text;
};

// Runs `script` (read from `file_name`, used in reports) on `executor`.
SltFileSummary RunSltScript(const SltScript& script, const std::string& file_name,
                            SltExecutor& executor, const SltRunOptions& options);

// Whether `message` satisfies an expected error (see SltRecord::expected_error).
bool SltErrorMatches(const std::string& expected, const std::string& message);

}  // namespace deepquery::tools
